"""`dossiers`: one administrative-procedure dossier (hồ sơ TTHC), as the portal syncs it.

A later record of the same MaHoSo supersedes the earlier one (the raw layer keeps both).
Nested supplement lists (DanhSachHoSoBoSung) are loaded into `raw.supplements` by the loader.
"""

from ingest.fields import Derived, Feed, Field, Lookup, Rule, lit, raw, val, ward_province

_status = val("TrangThaiHoSo")


# The dossier's province is its ward's, else its agency's; a procedure applies to it when
# the national catalogue has it (no MaTinh) or that province's catalogue does.
AGENCY_PROVINCE = Lookup(
    "ref_agency_province",
    "select MaDinhDanh, coalesce(max(MaTinh), '') from raw.agencies "
    "where _rejected is null group by all",
)
PROCEDURE_SCOPE = Lookup(  # '*': national; else ',<MaTinh>,<MaTinh>,'
    "ref_procedure_scope",
    "select MaTTHC, case when bool_or(MaTinh is null) then '*' "
    "else ',' || string_agg(distinct MaTinh, ',') || ',' end "
    "from raw.procedures where _rejected is null group by all",
)
_LOOKUP_COLUMNS = (
    f"ref_agency_province({raw('DonViXuLy')}) as _agency_province, "
    f"ref_procedure_scope({raw('MaTTHC')}) as _procedure_scope",
    f"coalesce({ward_province('MaXa')}, nullif(_agency_province, '')) as _province",
)


def _date(name: str) -> str:
    return f"{val(name)}::date"


DOSSIERS = Feed(
    name="dossiers",
    order=30,
    description="dossiers: one row per version of a dossier as synced to the portal",
    key=("MaHoSo",),
    unpacks=("DanhSachHoSoBoSung",),
    fields=(
        Field("MaHoSo", required=True),
        Field("MaTTHC", required=True),
        Field("TenTTHC"),
        Field("MaLinhVuc"),
        Field("TenLinhVuc"),
        Field("DonViXuLy"),
        Field("MaXa", "ward"),
        Field("KenhThucHien", "int", values=(1, 2, 3)),
        Field("LoaiDoiTuong", "int", values=(1, 2, 3, 4)),
        Field("ChuHoSo", "personal"),
        Field("SoGiayToChuHoSo", "identity"),
        Field("SoDienThoai", "personal"),
        Field("Email", "personal"),
        Field("NgayNopHoSo", "date"),
        Field("NgayTiepNhan", "date"),
        Field("NgayHenTra", "date"),
        Field("TrangThaiHoSo", "status", required=True),
        Field("NgayKetThucXuLy", "date"),
        Field("NgayTra", "date"),
        Field("NgayTuChoi", "date"),
        Field("HoSoCoThanhPhanSoHoa", "int", values=(0, 1)),
        Field("DuocThanhToanTrucTuyen", "int", values=(0, 1, 2)),
        Field("DanhSachGiayToKetQua", "nested"),
        Field("DanhSachHoSoBoSung", "nested"),
    ),
    derived=(
        # The result list may name people: keep only whether an electronic result exists.
        Derived(
            "CoKetQuaDienTu",
            "boolean",
            f"coalesce({val('DanhSachGiayToKetQua')} not in ('[]', 'null', '0', '{{}}'), false)",
        ),
    ),
    lookups=(AGENCY_PROVINCE, PROCEDURE_SCOPE),
    lookup_columns=_LOOKUP_COLUMNS,
    rules=(
        Rule(
            "missing_required",
            "MaXa",
            f"{raw('MaXa')} is null and {raw('DonViXuLy')} is null",
            lit("MaXa or DonViXuLy is required (the ward or agency that handles it)"),
        ),
        Rule(
            "unknown_agency",
            "DonViXuLy",
            f"{raw('DonViXuLy')} is not null and _agency_province is null",
            f"'DonViXuLy ' || chr(39) || {raw('DonViXuLy')} || chr(39) || "
            "' is not in the loaded agencies feed (load agencies first)'",
        ),
        Rule(
            "unknown_procedure",
            "MaTTHC",
            # National entries (no MaTinh) apply everywhere; a province's own entries only
            # to the dossiers of that province (of its ward, else of its agency).
            "_procedure_scope is null or (_procedure_scope <> '*' and "
            "not contains(_procedure_scope, ',' || coalesce(_province, '?') || ','))",
            f"'MaTTHC ' || chr(39) || {raw('MaTTHC')} || chr(39) || ' is in neither the "
            "national procedure catalogue nor that of province ' || coalesce(_province, '?')"
            " || ' (load that catalogue first)'",
        ),
        Rule(
            "missing_required",
            "NgayTiepNhan",
            f"{raw('NgayTiepNhan')} is null and {_status} not in (1, 3)",
            lit("NgayTiepNhan is required once a dossier is accepted (status other than 1, 3)"),
        ),
        Rule(
            "missing_required",
            "NgayHenTra",
            f"{raw('NgayHenTra')} is null and {_status} not in (1, 3)",
            lit("NgayHenTra is required once a dossier is accepted (status other than 1, 3)"),
        ),
        Rule(
            "due_before_received",
            "NgayHenTra",
            f"{_date('NgayHenTra')} < {_date('NgayTiepNhan')}",
            f"'NgayHenTra ' || {raw('NgayHenTra')} || ' is before NgayTiepNhan ' || "
            f"{raw('NgayTiepNhan')}",
        ),
        Rule(
            "finished_without_end",
            "NgayKetThucXuLy",
            f"({_status} = 9 and {raw('NgayKetThucXuLy')} is null) or ({_status} = 10 "
            f"and {raw('NgayKetThucXuLy')} is null and {raw('NgayTra')} is null)",
            f"'status ' || {_status} || ' (finished) has no NgayKetThucXuLy'"
            f" || case when {_status} = 10 then ' nor NgayTra' else '' end",
        ),
        Rule(
            "end_before_received",
            "NgayKetThucXuLy",
            f"{_date('NgayKetThucXuLy')} < {_date('NgayTiepNhan')}",
            f"'NgayKetThucXuLy ' || {raw('NgayKetThucXuLy')} || ' is before NgayTiepNhan ' || "
            f"{raw('NgayTiepNhan')}",
        ),
        Rule(
            "end_before_received",
            "NgayTra",
            f"{_date('NgayTra')} < {_date('NgayTiepNhan')}",
            f"'NgayTra ' || {raw('NgayTra')} || ' is before NgayTiepNhan ' || "
            f"{raw('NgayTiepNhan')}",
        ),
        Rule(
            "closed_without_date",
            "NgayTuChoi",
            f"{_status} in (7, 8) and {raw('NgayTuChoi')} is null "
            f"and {raw('NgayKetThucXuLy')} is null",
            f"'status ' || {_status} || ' (withdrawn or stopped) has neither NgayTuChoi "
            "nor NgayKetThucXuLy'",
        ),
        Rule(
            "closed_without_date",
            "NgayTuChoi",
            f"{_status} = 3 and {raw('NgayTuChoi')} is null",
            lit("status 3 (refused at intake) has no NgayTuChoi"),
        ),
        Rule(
            "bad_nested_list",
            "DanhSachHoSoBoSung",
            f"{raw('DanhSachHoSoBoSung')} is not null and "
            f"coalesce(try(json_type({raw('DanhSachHoSoBoSung')}::json)) <> 'ARRAY', true) "
            f"and {raw('DanhSachHoSoBoSung')} <> 'null'",
            lit("DanhSachHoSoBoSung is not a JSON list of supplement requests"),
        ),
    ),
)
