-- One row per ward, department and speciality in the ward's latest staffing snapshot: quota,
-- people in post, gap (quota not filled), surplus (above quota), trained share.
with

positions as (
    select * from {{ ref('int_staffing__latest_positions') }}
),

wards as (
    select * from {{ ref('dim_ward') }}
),

summed as (
    select
        ward_code,
        department,
        speciality,
        any_value(report_date) as report_date,
        count(*) as positions,
        sum(quota)::integer as quota,
        sum(in_post)::integer as in_post,
        sum(greatest(quota - in_post, 0))::integer as gap,
        sum(greatest(in_post - quota, 0))::integer as surplus,
        sum(trained)::integer as trained
    from positions
    group by ward_code, department, speciality
),

final as (
    select
        wards.province_code,
        summed.*,
        round(summed.trained / nullif(summed.in_post, 0), 4) as trained_share
    from summed
    inner join wards on summed.ward_code = wards.ward_code
)

select * from final
order by province_code, ward_code, department, speciality
