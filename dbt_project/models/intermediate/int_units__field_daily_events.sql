-- One row per unit (ward or province level), procedure field and day with any event in that
-- field: flows of the day and the +1/-1 changes of the pending and overdue-pending stocks.
-- Dossiers without a field (no TenLinhVuc and a procedure outside the catalogue) are counted
-- under the field 'Chưa rõ lĩnh vực', so that the fields of a unit add up to the unit.
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

with

received_dossiers as (
    select * from {{ ref('fct_dossiers') }}
    where is_received
),

overdue_spans as (
    select * from {{ ref('fct_dossier_overdue_spans') }}
),

dossiers as (
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
    from received_dossiers
),

overdue_events as (
    select
        dossiers.unit_code,
        dossiers.field_name,
        overdue_spans.from_day,
        overdue_spans.to_day
    from overdue_spans
    inner join dossiers on overdue_spans.dossier_code = dossiers.dossier_code
),

events as (
    {% for source, day_column, condition, values in kinds -%}
        select
            unit_code,
            field_name,
            {{ day_column }} as day,
            {% for column in columns -%}
                {{ values.get(column, '0') }} as {{ column }}{% if not loop.last %},{% endif %}
            {% endfor -%}
        from {{ source }}
        where {{ condition }}
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}
),

final as (
    select
        unit_code,
        field_name,
        day,
        sum(received)::integer as received,
        sum(received_online)::integer as received_online,
        sum(finished)::integer as finished,
        sum(finished_early)::integer as finished_early,
        sum(finished_on_time)::integer as finished_on_time,
        sum(finished_late)::integer as finished_late,
        sum(closed)::integer as closed,
        sum(pending_change)::integer as pending_change,
        sum(overdue_change)::integer as overdue_change
    from events
    group by unit_code, field_name, day
)

select * from final
