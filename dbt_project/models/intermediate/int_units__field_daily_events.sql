{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    pre_hook="{{ delete_all_unless_incremental_build() }}",
    unique_key=['unit_code', 'field_name', 'day'],
    post_hook="delete from {{ this }} where events = 0",
) }}
-- One row per unit (ward or province level), procedure field and day with any event in that
-- field: flows of the day and the +1/-1 changes of the pending and overdue-pending stocks.
-- Dossiers without a field (no TenLinhVuc and a procedure outside the catalogue) are counted
-- under the field 'Chưa rõ lĩnh vực', so that the fields of a unit add up to the unit.
-- `events` counts the dossier events behind the row. Incremental: the events of the changed
-- dossiers' new versions are added and those of their previous versions (kept by the pre-hooks
-- of fct_dossiers and fct_dossier_overdue_spans) taken off; a row left with no event goes.
{#- each event: (source, day column, filter, {column: expression}); unlisted columns are 0 -#}
{%- set columns = ['received', 'received_online', 'finished', 'finished_early',
    'finished_on_time', 'finished_late', 'closed', 'pending_change', 'overdue_change'] -%}
{%- set kinds = [
    ('dossiers', 'received_day', 'true',
        {'received': '1', 'received_online': 'case when is_online then 1 else 0 end',
         'pending_change': '1'}),
    ('dossiers', 'end_day', 'is_finished',
        {'finished': '1',
         'finished_early': "case when timeliness = 'early' then 1 else 0 end",
         'finished_on_time': "case when timeliness = 'on_time' then 1 else 0 end",
         'finished_late': "case when timeliness = 'late' then 1 else 0 end"}),
    ('dossiers', 'pending_until_day', 'is_closed', {'closed': '1'}),
    ('dossiers', 'pending_until_day', 'pending_until_day is not null', {'pending_change': '-1'}),
    ('overdue_events', 'from_day', 'true', {'overdue_change': '1'}),
    ('overdue_events', 'to_day', 'to_day is not null', {'overdue_change': '-1'}),
] %}
{#- (name, dossiers, spans, sign): every dossier in a full build; in an incremental one the new
versions of the changed dossiers (+1) and their previous versions (-1) -#}
{%- if is_incremental() and is_incremental_build() -%}
    {%- set versions = [
        ('now', ref('fct_dossiers'), ref('fct_dossier_overdue_spans'), 1),
        ('before', dossiers_before(), spans_before(), -1),
    ] -%}
{%- else -%}
    {%- set versions = [('now', ref('fct_dossiers'), ref('fct_dossier_overdue_spans'), 1)] -%}
{%- endif %}

with

{% for version, dossier_source, span_source, sign in versions -%}
    dossiers_{{ version }} as (
        select
            dossier_code,
            unit_code,
            coalesce(field_name, 'Chưa rõ lĩnh vực') as field_name,
            received_day,
            end_day,
            pending_until_day,
            is_finished,
            is_closed,
            is_online,
            timeliness
        from {{ dossier_source }}
        where is_received{{ only_changed_dossiers() if version == 'now' else '' }}
    ),

    overdue_events_{{ version }} as (
        select
            dossiers_{{ version }}.unit_code,
            dossiers_{{ version }}.field_name,
            overdue_spans.from_day,
            overdue_spans.to_day
        from {{ span_source }} as overdue_spans
        inner join dossiers_{{ version }}
            on overdue_spans.dossier_code = dossiers_{{ version }}.dossier_code
    ),

{% endfor -%}

events as (
    {% for version, dossier_source, span_source, sign in versions -%}
        {% set outer_loop = loop -%}
        {% for source, day_column, condition, values in kinds -%}
            select
                unit_code,
                field_name,
                {{ day_column }} as day,
                {% for column in columns -%}
                    {{ sign }} * {{ values.get(column, '0') }} as {{ column }},
                {% endfor -%}
                {{ sign }} as events
            from {{ source }}_{{ version }}
            where {{ condition }} and {{ day_column }} is not null
            {% if not (loop.last and outer_loop.last) %}union all
            {% endif %}
        {%- endfor %}
    {%- endfor %}
),

summed as (
    select
        unit_code,
        field_name,
        day,
        {% for column in columns -%}
            sum({{ column }})::integer as {{ column }},
        {% endfor -%}
        sum(events)::integer as events
    from events
    group by unit_code, field_name, day
),

final as (
    {% if is_incremental() and is_incremental_build() -%}
        -- the rows the changes touch, as they were plus the changes
        select
            summed.unit_code,
            summed.field_name,
            summed.day,
            {% for column in columns + ['events'] -%}
                coalesce(previous.{{ column }}, 0) + summed.{{ column }} as {{ column }}{% if not loop.last %},{% endif %}
            {% endfor %}
        from summed
        left join {{ this }} as previous
            on
                summed.unit_code = previous.unit_code
                and summed.field_name = previous.field_name
                and summed.day = previous.day
    {%- else -%}
        select * from summed
    {%- endif %}
)

select * from final
