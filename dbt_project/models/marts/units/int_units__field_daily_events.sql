{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['unit_code', 'field_name', 'day'],
    post_hook="delete from {{ this }} where events = 0",
) }}
-- One row per unit (ward or province level), procedure field and day with any event in that
-- field: flows of the day and the +1/-1 changes of the pending and overdue-pending stocks.
-- Dossiers without a field (no TenLinhVuc and a procedure outside the catalogue) are counted
-- under the field 'Chưa rõ lĩnh vực', so that the fields of a unit add up to the unit.
-- `events` counts the dossier events behind the row. The events are counted per kind of day
-- (received, finished, pending until, overdue from and to) first, then the kinds added
-- together: a few rows per unit, field and day instead of one per dossier event.
-- Incremental: the events of the changed dossiers' new versions (int_dossiers__changed) are
-- added to the rows of the same key, and those of the versions they replaced taken off
-- (build_state.fct_dossiers__replaced and fct_dossier_overdue_spans__replaced, kept by the
-- facts' pre-hooks); a row left with no event goes (post-hook).
{%- set columns = ['received', 'received_online', 'finished', 'finished_early',
    'finished_on_time', 'finished_late', 'closed', 'pending_change', 'overdue_change', 'events'] -%}
{#- each kind of day: (source, day column, filter, {column: expression}); unlisted columns are 0 -#}
{%- set kinds = [
    ('dossiers', 'received_day', 'true',
        {'received': 'sum(sign)', 'received_online': 'sum(sign) filter (where is_online)',
         'pending_change': 'sum(sign)', 'events': 'sum(sign)'}),
    ('dossiers', 'end_day', 'is_finished',
        {'finished': 'sum(sign)',
         'finished_early': "sum(sign) filter (where timeliness = 'early')",
         'finished_on_time': "sum(sign) filter (where timeliness = 'on_time')",
         'finished_late': "sum(sign) filter (where timeliness = 'late')",
         'events': 'sum(sign)'}),
    ('dossiers', 'pending_until_day', 'true',
        {'closed': 'sum(sign) filter (where is_closed)', 'pending_change': '-sum(sign)',
         'events': 'sum(sign) + coalesce(sum(sign) filter (where is_closed), 0)'}),
    ('overdue_spans', 'from_day', 'true', {'overdue_change': 'sum(sign)', 'events': 'sum(sign)'}),
    ('overdue_spans', 'to_day', 'true', {'overdue_change': '-sum(sign)', 'events': 'sum(sign)'}),
] %}
{#- (dossiers, spans, sign): every dossier in a full build; in an incremental one the new
versions of the changed dossiers (+1) and their previous versions (-1) -#}
{%- set incremental_run = is_incremental() %}
{%- if incremental_run -%}
    {%- set versions = [
        (ref('int_dossiers__changed'), ref('fct_dossier_overdue_spans'), 1),
        (replaced_rows(ref('fct_dossiers')), replaced_rows(ref('fct_dossier_overdue_spans')), -1),
    ] -%}
{%- else -%}
    {%- set versions = [(ref('fct_dossiers'), ref('fct_dossier_overdue_spans'), 1)] -%}
{%- endif %}

-- depends_on: {{ ref('int_dossiers__changed') }}
with

dossiers as not materialized (
    -- (not materialized: each kind reads the columns it needs from the table)
    {% for dossier_source, span_source, sign in versions -%}
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
            timeliness,
            {{ sign }} as sign
        from {{ dossier_source }}
        where is_received
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

overdue_spans as not materialized (
    {% for dossier_source, span_source, sign in versions -%}
        select
            dossiers.unit_code,
            dossiers.field_name,
            overdue_spans.from_day,
            overdue_spans.to_day,
            dossiers.sign
        from {{ span_source }} as overdue_spans
        inner join dossiers
            on
                overdue_spans.dossier_code = dossiers.dossier_code
                and dossiers.sign = {{ sign }}
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

events as (
    {% for source, day_column, condition, values in kinds -%}
        select
            unit_code,
            field_name,
            {{ day_column }} as day,
            {% for column in columns -%}
                ({{ values.get(column, '0') }})::integer as {{ column }}{% if not loop.last %},{% endif %}
            {% endfor -%}
        from {{ source }}
        where {{ condition }} and {{ day_column }} is not null
        group by unit_code, field_name, {{ day_column }}
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

summed as (
    select
        unit_code,
        field_name,
        day,
        {% for column in columns -%}
            coalesce(sum({{ column }}), 0)::integer as {{ column }}{% if not loop.last %},{% endif %}
        {% endfor -%}
    from events
    group by unit_code, field_name, day
),

final as (
    {% if incremental_run -%}
        {{ previous_plus_changes(['unit_code', 'field_name', 'day'], columns) }}
    {%- else -%}
        select * from summed
    {%- endif %}
)

select * from final
