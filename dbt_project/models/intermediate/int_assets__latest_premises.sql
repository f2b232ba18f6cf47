-- One row per premises in its ward's latest assets snapshot, with whether it is vacant, long
-- vacant, a headquarters far from the main office, or office space in use.
with

premises as (
    select * from {{ ref('stg_assets__premises') }}
),

latest as (
    select *
    from premises
    qualify report_date = max(report_date) over (partition by ward_code)
),

final as (
    select
        *,
        use_status = 'bo_trong' as is_vacant,
        use_status = 'bo_trong'
        and vacant_since_date <= report_date - {{ var('vacant_long_days') }} as is_long_vacant,
        asset_type = 'tru_so' and coalesce(distance_km, 0) > {{ var('far_office_km') }} as is_far_office,
        asset_type = 'tru_so' and use_status in ('dang_su_dung', 'su_dung_mot_phan') as is_office_in_use,
        use_status in ('bo_trong', 'cho_xu_ly') as is_reuse_candidate
    from latest
)

select * from final
