-- One row per dossier (its latest version), typed and renamed; personal data left behind.
-- In an incremental build (var changed_after_load), only the dossiers changed by later loads.
{%- set incremental = incremental_build() %}
{#- the versions read: every one in a full build, the changed dossiers' in an incremental one -#}
{%- set versions -%}
    select rowid as _rowid, * exclude (_rejected) from {{ source('raw', 'dossiers') }}
    where _rejected is null
    {%- if incremental %}
        and "MaHoSo" in ({{ changed_dossier_codes() }})
    {%- endif %}
{%- endset %}
{#- in an incremental build, the changed dossiers' versions are read from the raw layer once
(each of the two uses below would scan all its codes again) -#}
{%- set versions_from = 'changed_versions' if incremental else '(' ~ versions ~ ')' %}
with

{% if incremental -%}
    changed_versions as materialized (
        {{ versions }}
    ),

{% endif -%}
latest as (
    -- the latest version of each dossier, as the ingest's dossiers_current view has it (by
    -- load, then line; rows read straight from a CSV have no line but lie in file order,
    -- so their rowid), found on narrow columns: the view's window sorts whole rows
    select
        "MaHoSo" as dossier_code,
        max("_load_id"::bigint * 68719476736 + coalesce("_row", "_rowid")) as version
    from {{ versions_from }}
    group by "MaHoSo"
),

source as (
    select versions.*
    from {{ versions_from }} as versions
    inner join latest
        on
            versions."MaHoSo" = latest.dossier_code
            and versions."_load_id"::bigint * 68719476736
            + coalesce(versions."_row", versions."_rowid") = latest.version
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
