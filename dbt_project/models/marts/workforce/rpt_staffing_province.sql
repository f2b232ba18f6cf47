-- One row per province with staffing snapshots: totals and how many wards are at, over or
-- under quota, and with nobody in post for IT, land, construction.
with

wards as (
    select * from {{ ref('rpt_staffing_ward') }}
),

final as (
    select
        province_code,
        count(*) as wards_reported,
        sum(quota)::integer as quota,
        sum(in_post)::integer as in_post,
        (sum(in_post) - sum(quota))::integer as in_post_minus_quota,
        sum(gap)::integer as gap,
        sum(surplus)::integer as surplus,
        count(*) filter (where quota_status = 'at_quota') as wards_at_quota,
        count(*) filter (where quota_status = 'over_quota') as wards_over_quota,
        count(*) filter (where quota_status = 'under_quota') as wards_under_quota,
        count(*) filter (where has_nobody_it) as wards_nobody_it,
        count(*) filter (where has_nobody_land) as wards_nobody_land,
        count(*) filter (where has_nobody_construction) as wards_nobody_construction
    from wards
    group by province_code
)

select * from final
order by province_code
