-- One row per citizen rating of a dossier (comments are never loaded).
with

source as (
    {% if incremental_build() -%}
        -- an incremental build reads only the changed dossiers' latest versions (the same rule
        -- as the ingest's ratings_current view, without its window over every version)
        select * exclude (_rejected) from {{ source('raw', 'ratings') }}
        where
            _rejected is null
            and "MaHoSo" in ({{ changed_dossier_codes() }})
        qualify row_number() over (partition by "MaHoSo", "ThoiGianDanhGia" order by _load_id desc, _row desc, rowid desc) = 1
    {%- else -%}
        select * from {{ source('raw', 'ratings_current') }}
    {%- endif %}
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
