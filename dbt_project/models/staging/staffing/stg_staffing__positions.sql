-- One row per ward, department and job position on a report date.
with

source as (
    select * from {{ source('raw', 'staffing_current') }}
),

renamed as (
    select
        "NgayBaoCao"::date as report_date,
        "MaXa" as ward_code,
        "PhongBan" as department,
        "ViTriViecLam" as position_title,
        "ChuyenMon" as speciality,
        "DinhBien" as quota,
        "HienCo" as in_post,
        "DungChuyenMon" as trained
    from source
),

final as (
    select * from renamed
)

select * from final
