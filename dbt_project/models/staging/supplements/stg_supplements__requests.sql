-- One row per supplement request of a dossier.
with

source as (
    select * from {{ source('raw', 'supplements_current') }}
),

renamed as (
    select
        "MaHoSo" as dossier_code,
        "HoSoBoSungId" as request_id,
        "NgayBoSung" as requested_at,
        "NgayTiepNhanBoSung" as supplied_at,
        "NgayHenTraTruoc" as due_before_at,
        "NgayHenTraMoi" as due_after_at,
        "TrangThaiBoSung" as request_status
    from source
),

final as (
    select * from renamed
)

select * from final
