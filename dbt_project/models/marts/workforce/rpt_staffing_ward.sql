-- One row per ward with a staffing snapshot (the latest): quota against people in post, the
-- specialities with nobody in post (IT, land, construction), dossiers per person in post and,
-- next to the land and construction gaps, the ward's late share.
with

positions as (
    select * from {{ ref('int_staffing__latest_positions') }}
),

wards as (
    select * from {{ ref('dim_ward') }}
),

activity as (
    select * from {{ ref('int_units__recent_activity') }}
),

summed as (
    select
        ward_code,
        any_value(report_date) as report_date,
        sum(quota)::integer as quota,
        sum(in_post)::integer as in_post,
        sum(greatest(quota - in_post, 0))::integer as gap,
        sum(greatest(in_post - quota, 0))::integer as surplus,
        sum(trained)::integer as trained,
        coalesce(sum(in_post) filter (where speciality = 'cntt'), 0)::integer as in_post_it,
        coalesce(sum(in_post) filter (where speciality = 'dia_chinh'), 0)::integer as in_post_land,
        coalesce(sum(in_post) filter (where speciality = 'xay_dung'), 0)::integer
            as in_post_construction,
        coalesce(sum(greatest(quota - in_post, 0)) filter (where speciality = 'dia_chinh'), 0)::integer
            as land_gap,
        coalesce(sum(greatest(quota - in_post, 0)) filter (where speciality = 'xay_dung'), 0)::integer
            as construction_gap
    from positions
    group by ward_code
),

final as (
    select
        wards.province_code,
        summed.ward_code,
        summed.report_date,
        summed.quota,
        summed.in_post,
        summed.in_post - summed.quota as in_post_minus_quota,
        case
            when summed.in_post = summed.quota then 'at_quota'
            when summed.in_post > summed.quota then 'over_quota'
            else 'under_quota'
        end as quota_status,
        summed.gap,
        summed.surplus,
        round(summed.trained / nullif(summed.in_post, 0), 4) as trained_share,
        summed.in_post_it,
        summed.in_post_land,
        summed.in_post_construction,
        summed.in_post_it = 0 as has_nobody_it,
        summed.in_post_land = 0 as has_nobody_land,
        summed.in_post_construction = 0 as has_nobody_construction,
        summed.land_gap,
        summed.construction_gap,
        coalesce(activity.received_in_window, 0) as received_in_window,
        round(coalesce(activity.received_in_window, 0) / nullif(summed.in_post, 0), 2)
            as dossiers_per_person,
        coalesce(activity.finished, 0) as finished,
        round(activity.finished_late / nullif(activity.finished, 0), 4) as late_share,
        round(activity.land_late / nullif(activity.land_finished, 0), 4) as land_late_share,
        round(activity.construction_late / nullif(activity.construction_finished, 0), 4)
            as construction_late_share
    from summed
    inner join wards on summed.ward_code = wards.ward_code
    left join activity on summed.ward_code = activity.unit_code
)

select * from final
order by province_code, ward_code
