-- One row per unit (ward or province level) and day with any event: flows of the day and the
-- +1/-1 changes of the pending and overdue-pending stocks (summed into stocks downstream).
-- The field-level events summed over fields: one definition of the events serves both, so
-- the per-field mart (rpt_unit_field_daily) adds up to the unit tables by construction.
with

field_events as (
    select * from {{ ref('int_units__field_daily_events') }}
),

final as (
    select
        unit_code,
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
    from field_events
    group by unit_code, day
)

select * from final
