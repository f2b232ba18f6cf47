-- One row per unit (each ward, and each province's province level), procedure field and day
-- on which the unit had any event in that field, from the unit's first received dossier to
-- the as-of day. Sparse: a day without an event in a field has no row, and the field's stocks
-- carry over unchanged. Flows as in rpt_ward_daily; `pending_change` and `overdue_change` are
-- the day's moves of the stocks, so the stock at the end of any day D over any set of units
-- and fields is the sum of the changes on or before D. Incremental: a changed unit's rows from
-- its restart day (int_units__restart_days) on are made again, the running sums starting from
-- each field's stocks at its last row before that day (kept).
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_from_restart_days() }}",
) }}
{%- set incremental_run = is_incremental() %}
with

events as (
    select * from {{ ref('int_units__field_daily_events') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

restarts as (
    -- empty in a full build
    select * from {{ ref('int_units__restart_days') }}
),

kept as (
    -- each field's stocks at its last row before the restart day (none in a full build)
    {% if incremental_run -%}
        select
            previous.unit_code,
            previous.field_name,
            arg_max(previous.pending_end, previous.day) as pending_end,
            arg_max(previous.pending_overdue_end, previous.day) as pending_overdue_end
        from {{ this }} as previous
        inner join restarts on previous.unit_code = restarts.unit_code
        where previous.day < restarts.restart_day
        group by previous.unit_code, previous.field_name
    {%- else -%}
        select
            restarts.unit_code,
            '' as field_name,
            0 as pending_end,
            0 as pending_overdue_end
        from restarts
    {%- endif %}
),

first_days as (
    -- the same window as the unit tables (int_units__daily): from the first received dossier;
    -- incremental: the changed units only, from their restart day
    select
        events.unit_code,
        min(events.day) filter (where events.received > 0) as first_received_day,
        any_value(restarts.restart_day) as restart_day
    from events
    {% if incremental_run %}inner{% else %}left{% endif %} join restarts on events.unit_code = restarts.unit_code
    group by events.unit_code
),

windowed as (
    select events.*
    from events
    inner join first_days on events.unit_code = first_days.unit_code
    cross join as_of
    where
        events.day >= first_days.first_received_day
        and events.day >= coalesce(first_days.restart_day, first_days.first_received_day)
        and events.day <= as_of.as_of_day
),

stocked as (
    select
        windowed.*,
        coalesce(kept.pending_end, 0) + sum(windowed.pending_change) over unit_field_days as pending_end,
        coalesce(kept.pending_overdue_end, 0)
        + sum(windowed.overdue_change) over unit_field_days as pending_overdue_end
    from windowed
    left join kept on windowed.unit_code = kept.unit_code and windowed.field_name = kept.field_name
    window unit_field_days as (
        partition by windowed.unit_code, windowed.field_name order by windowed.day
        rows unbounded preceding
    )
),

final as (
    select
        units.province_code,
        units.ward_code,
        stocked.unit_code,
        units.is_province_level,
        stocked.field_name,
        stocked.day,
        date_trunc('month', stocked.day)::date as month,
        stocked.received,
        stocked.received_online,
        stocked.finished,
        stocked.finished_early,
        stocked.finished_on_time,
        stocked.finished_late,
        stocked.closed,
        stocked.pending_change,
        stocked.overdue_change,
        stocked.pending_end::integer as pending_end,
        stocked.pending_overdue_end::integer as pending_overdue_end
    from stocked
    inner join units on stocked.unit_code = units.unit_code
)

select * from final
{% if not incremental_run -%}
    order by field_name, province_code, unit_code, day
{%- endif %}
