-- The ageing table's cohorts add up to the ward's pending stock every day.
with

ageing as (
    select
        unit_code,
        day,
        sum(pending) as pending
    from {{ ref('rpt_backlog_ageing_daily') }}
    group by unit_code, day
),

final as (
    select daily.unit_code, daily.day, daily.pending_end, ageing.pending
    from {{ ref('int_units__daily') }} as daily
    left join ageing on daily.unit_code = ageing.unit_code and daily.day = ageing.day
    where daily.pending_end <> coalesce(ageing.pending, 0)
)

select * from final
