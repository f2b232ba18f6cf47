{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_from_restart_days() }}",
) }}
-- One row per unit and day, from the unit's first received dossier to the as-of day (quiet
-- days included): the day's flows and the pending stocks at the end of the day (running sums
-- of the +1/-1 events).
-- Incremental: a changed unit's days from its restart day (int_units__restart_days) on are
-- deleted (pre-hook) and made again, the running sums starting from the stocks of the day
-- before (kept; macros/running_stocks.sql).
-- depends_on: {{ ref('int_units__restart_days') }}
with

events as (
    select * from {{ ref('int_units__daily_events') }}
),

units as (
    select * from {{ ref('dim_unit') }}
),

as_of as (
    select * from {{ ref('int_build__as_of') }}
),

kept as (
    -- the stocks at the end of the day before each restart day (none in a full build)
    {{ stocks_before_restart(['unit_code']) }}
),

first_days as (
    -- incremental: the changed units only, from their restart day
    {{ first_days('events') }}
),

spine as (
    select
        first_days.unit_code,
        unnest(generate_series(
            greatest(first_days.first_received_day, coalesce(first_days.restart_day, first_days.first_received_day)),
            as_of.as_of_day,
            interval 1 day
        ))::date as day
    from first_days
    cross join as_of
    where first_days.first_received_day is not null
),

summed as (
    select
        spine.unit_code,
        spine.day,
        coalesce(events.received, 0) as received,
        coalesce(events.received_online, 0) as received_online,
        coalesce(events.finished, 0) as finished,
        coalesce(events.finished_early, 0) as finished_early,
        coalesce(events.finished_on_time, 0) as finished_on_time,
        coalesce(events.finished_late, 0) as finished_late,
        coalesce(events.closed, 0) as closed,
        coalesce(kept.pending_end, 0)
        + sum(coalesce(events.pending_change, 0)) over unit_days as pending_end,
        coalesce(kept.pending_overdue_end, 0)
        + sum(coalesce(events.overdue_change, 0)) over unit_days as pending_overdue_end
    from spine
    left join events on spine.unit_code = events.unit_code and spine.day = events.day
    left join kept on spine.unit_code = kept.unit_code
    window unit_days as (partition by spine.unit_code order by spine.day rows unbounded preceding)
),

final as (
    select
        units.province_code,
        units.ward_code,
        summed.unit_code,
        units.is_province_level,
        summed.day,
        date_trunc('month', summed.day)::date as month,
        summed.received,
        summed.received_online,
        summed.finished,
        summed.finished_early,
        summed.finished_on_time,
        summed.finished_late,
        summed.closed,
        summed.pending_end::integer as pending_end,
        summed.pending_overdue_end::integer as pending_overdue_end
    from summed
    inner join units on summed.unit_code = units.unit_code
)

select * from final
