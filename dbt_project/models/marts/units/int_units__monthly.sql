-- One row per unit and calendar month: flows summed over the month's days, stocks at the end
-- of the month's last day (or of the as-of day in the current month).
with

daily as (
    select * from {{ ref('int_units__daily') }}
),

final as (
    select
        province_code,
        ward_code,
        unit_code,
        is_province_level,
        month,
        sum(received)::integer as received,
        sum(received_online)::integer as received_online,
        sum(finished)::integer as finished,
        sum(finished_early)::integer as finished_early,
        sum(finished_on_time)::integer as finished_on_time,
        sum(finished_late)::integer as finished_late,
        sum(closed)::integer as closed,
        arg_max(pending_end, day) as pending_end,
        arg_max(pending_overdue_end, day) as pending_overdue_end,
        max(day) as stock_day
    from daily
    group by all
)

select * from final
