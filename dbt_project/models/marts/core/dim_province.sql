{{ config(tags=['unchanged_by_loads']) }}
-- One row per province (all 34).
with

provinces as (
    select * from {{ ref('stg_reference__provinces') }}
),

final as (
    select
        province_code,
        province_name
    from provinces
)

select * from final
