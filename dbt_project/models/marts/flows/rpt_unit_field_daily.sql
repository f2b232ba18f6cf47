-- One row per unit (each ward, and each province's province level), procedure field and day
-- on which the unit had any event in that field, from the unit's first received dossier to
-- the as-of day. Sparse: a day without an event in a field has no row, and the field's stocks
-- carry over unchanged. Flows as in rpt_ward_daily; `pending_change` and `overdue_change` are
-- the day's moves of the stocks, so the stock at the end of any day D over any set of units
-- and fields is the sum of the changes on or before D.
-- Incremental: a changed unit's rows from its restart day (int_units__restart_days) on are
-- deleted (pre-hook) and made again, the running sums starting from each field's stocks at its
-- last row before that day (kept; macros/running_stocks.sql).
-- depends_on: {{ ref('int_units__restart_days') }}
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

kept as (
    -- each field's stocks at its last row before the restart day (none in a full build)
    {{ stocks_before_restart(['unit_code', 'field_name']) }}
),

first_days as (
    -- the same window as the unit tables (int_units__daily): from the first received dossier;
    -- incremental: the changed units only, from their restart day
    {{ first_days('events') }}
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
