-- Stocks follow the flows: pending at the end of a day = pending the day before + received
-- - finished - closed (per ward; the first day starts from zero).
with

daily as (
    select
        ward_code,
        day,
        pending_end,
        received - finished - closed as net_flow,
        lag(pending_end, 1, 0) over (partition by ward_code order by day) as pending_before
    from {{ ref('rpt_ward_daily') }}
),

final as (
    select *
    from daily
    where pending_end <> pending_before + net_flow
)

select * from final
