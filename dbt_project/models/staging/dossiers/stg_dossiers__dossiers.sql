-- One row per dossier (its latest version), typed and renamed; personal data left behind.
with

source as (
    {% if is_incremental_build() -%}
        -- an incremental build reads only the changed dossiers' latest versions (the same rule
        -- as the ingest's dossiers_current view, without its window over every version)
        select * exclude (_rejected) from {{ source('raw', 'dossiers') }}
        where
            _rejected is null
            and "MaHoSo" in (select dossier_code from {{ ref('stg_meta__changed_dossiers') }})
        qualify row_number() over (partition by "MaHoSo" order by _load_id desc, _row desc) = 1
    {%- else -%}
        -- depends_on: {{ ref('stg_meta__changed_dossiers') }}
        select * from {{ source('raw', 'dossiers_current') }}
    {%- endif %}
),

renamed as (
    select
        "MaHoSo" as dossier_code,
        "MaTTHC" as procedure_code,
        "TenTTHC" as procedure_name_given,
        "MaLinhVuc" as field_code_given,
        "TenLinhVuc" as field_name_given,
        "DonViXuLy" as agency_code,
        "MaXa" as ward_code_given,
        coalesce("KenhThucHien", 1)::integer as channel,
        "LoaiDoiTuong"::integer as applicant_type,
        "TrangThaiHoSo"::integer as status,
        "NgayNopHoSo" as submitted_at,
        "NgayTiepNhan" as received_at,
        "NgayHenTra" as due_original_at,
        "NgayKetThucXuLy" as processing_ended_at,
        "NgayTra" as returned_at,
        "NgayTuChoi" as refused_at,
        coalesce("HoSoCoThanhPhanSoHoa", 0) = 1 as is_digitised,
        coalesce("DuocThanhToanTrucTuyen", 0)::integer as online_payment,
        coalesce("CoKetQuaDienTu", false) as has_e_result,
        "_load_id" as load_id
    from source
),

final as (
    select * from renamed
)

select * from final
