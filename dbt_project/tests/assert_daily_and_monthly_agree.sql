-- The monthly ward table is the daily one summed: flows add up and stocks are the last day's.
with

daily as (
    select
        ward_code,
        month,
        sum(received) as received,
        sum(finished) as finished,
        sum(closed) as closed,
        arg_max(pending_end, day) as pending_end,
        arg_max(pending_overdue_end, day) as pending_overdue_end
    from {{ ref('rpt_ward_daily') }}
    group by ward_code, month
),

final as (
    select daily.*
    from daily
    inner join {{ ref('rpt_ward_monthly') }} as monthly
        on daily.ward_code = monthly.ward_code and daily.month = monthly.month
    where
        daily.received <> monthly.received
        or daily.finished <> monthly.finished
        or daily.closed <> monthly.closed
        or daily.pending_end <> monthly.pending_end
        or daily.pending_overdue_end <> monthly.pending_overdue_end
)

select * from final
