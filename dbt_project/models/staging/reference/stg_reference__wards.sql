-- One row per ward or commune of the official 2025 list (3,321).
with

source as (
    select * from {{ source('ref', 'wards') }}
),

final as (
    select
        ward_code,
        ward_name,
        ward_type,
        province_code
    from source
)

select * from final
