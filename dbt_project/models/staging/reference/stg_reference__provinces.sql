-- One row per province of the official 2025 list (34).
with

source as (
    select * from {{ source('ref', 'provinces') }}
),

final as (
    select
        province_code,
        province_name
    from source
)

select * from final
