-- One row per premises in its ward's latest assets snapshot: what it is, its condition and use,
-- since when it stands vacant, how far it is from the main office, and the planned reuse.
with

premises as (
    select * from {{ ref('int_assets__latest_premises') }}
),

wards as (
    select * from {{ ref('dim_ward') }}
),

final as (
    select
        wards.province_code,
        premises.ward_code,
        wards.ward_name,
        premises.asset_code,
        premises.former_unit,
        premises.asset_type,
        premises.condition,
        premises.use_status,
        premises.floor_area_m2,
        premises.land_area_m2,
        premises.staff_on_site,
        premises.distance_km,
        premises.vacant_since_date,
        case
            when premises.is_vacant then premises.report_date - premises.vacant_since_date
        end as vacant_days,
        premises.planned_reuse,
        premises.is_vacant,
        premises.is_long_vacant,
        premises.is_far_office,
        premises.condition in ('xuong_cap', 'hu_hong') as is_degraded,
        premises.report_date
    from premises
    inner join wards on premises.ward_code = wards.ward_code
)

select * from final
order by province_code, ward_code, asset_code
