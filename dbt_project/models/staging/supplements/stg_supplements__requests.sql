-- One row per supplement request of a dossier.
with

source as (
    {% if incremental_build() -%}
        -- an incremental build reads only the changed dossiers' latest versions (the same rule
        -- as the ingest's supplements_current view, without its window over every version)
        select * exclude (_rejected) from {{ source('raw', 'supplements') }}
        where
            _rejected is null
            and "MaHoSo" in ({{ changed_dossier_codes() }})
        qualify row_number() over (partition by "MaHoSo", "HoSoBoSungId" order by _load_id desc, _row desc, rowid desc) = 1
    {%- else -%}
        select * from {{ source('raw', 'supplements_current') }}
    {%- endif %}
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
