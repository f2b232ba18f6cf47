-- One row per ward short of office space and vacant (or awaiting a decision) premises in
-- another ward of the same province: candidates for reuse as offices.
with

short_wards as (
    select * from {{ ref('rpt_assets_ward') }}
    where is_short_of_space
),

premises as (
    select * from {{ ref('int_assets__latest_premises') }}
    where is_reuse_candidate
),

wards as (
    select * from {{ ref('dim_ward') }}
),

final as (
    select
        short_wards.province_code,
        short_wards.ward_code,
        short_wards.office_m2_per_person,
        premises.asset_code,
        premises.ward_code as asset_ward_code,
        premises.former_unit,
        premises.asset_type,
        premises.floor_area_m2,
        premises.condition,
        premises.use_status,
        premises.vacant_since_date,
        premises.distance_km as distance_to_own_office_km,
        premises.planned_reuse
    from short_wards
    inner join wards as asset_wards on short_wards.province_code = asset_wards.province_code
    inner join premises on asset_wards.ward_code = premises.ward_code
    where premises.ward_code <> short_wards.ward_code
)

select * from final
order by province_code asc, ward_code asc, floor_area_m2 desc
