{{ config(tags=['unchanged_by_loads']) }}
-- One row per unit that dossiers count for: each of the 3,321 wards, and one "province level"
-- unit per province for the dossiers of provincial agencies.
with

wards as (
    select * from {{ ref('stg_reference__wards') }}
),

provinces as (
    select * from {{ ref('stg_reference__provinces') }}
),

final as (
    select
        ward_code as unit_code,
        ward_code,
        province_code,
        ward_name as unit_name,
        ward_type as unit_kind,
        false as is_province_level
    from wards
    union all
    select
        'tinh_' || province_code as unit_code,
        null as ward_code,
        province_code,
        'Cấp tỉnh — ' || province_name as unit_name,
        'cấp tỉnh' as unit_kind,
        true as is_province_level
    from provinces
)

select * from final
