-- One row per dossier (its latest version), typed and renamed; personal data left behind.
with

source as (
    select * from {{ source('raw', 'dossiers_current') }}
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
