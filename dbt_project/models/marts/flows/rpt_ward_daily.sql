-- One row per ward per day, from the ward's first received dossier to the as-of day (quiet
-- days included with zero flows). The contract's table: shared/contracts/metrics.md.
with

daily as (
    select * from {{ ref('int_units__daily') }}
    where not is_province_level
),

final as (
    select
        ward_code,
        province_code,
        day,
        received,
        received_online,
        finished,
        finished_early,
        finished_on_time,
        finished_late,
        closed,
        pending_end,
        pending_overdue_end,
        month
    from daily
)

select * from final
order by province_code, ward_code, day
