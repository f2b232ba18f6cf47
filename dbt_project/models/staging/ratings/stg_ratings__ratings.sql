-- One row per citizen rating of a dossier (comments are never loaded).
with

source as (
    select * from {{ source('raw', 'ratings_current') }}
),

renamed as (
    select
        "MaHoSo" as dossier_code,
        "ThoiGianDanhGia" as rated_at,
        "DanhGia"::integer as rating
    from source
),

final as (
    select * from renamed
)

select * from final
