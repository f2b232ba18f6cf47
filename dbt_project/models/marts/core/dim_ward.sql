{{ config(tags=['unchanged_by_loads']) }}
-- One row per ward or commune of the official 2025 list (all 3,321).
with

wards as (
    select * from {{ ref('stg_reference__wards') }}
),

final as (
    select
        ward_code,
        ward_name,
        ward_type,
        province_code
    from wards
)

select * from final
