-- One row per premises (building or plot) on a report date.
with

source as (
    select * from {{ source('raw', 'assets_current') }}
),

renamed as (
    select
        "NgayBaoCao"::date as report_date,
        "MaTaiSan" as asset_code,
        "MaXa" as ward_code,
        "DonViCu" as former_unit,
        "LoaiTaiSan" as asset_type,
        "DienTichDat" as land_area_m2,
        "DienTichSan" as floor_area_m2,
        "TinhTrang" as condition,
        "HienTrang" as use_status,
        "SoNguoiLamViec" as staff_on_site,
        "KhoangCachKm" as distance_km,
        "BoTrongTu"::date as vacant_since_date,
        "PhuongAn" as planned_reuse
    from source
),

final as (
    select * from renamed
)

select * from final
