"""`staffing`: commune civil-servant positions against their quota, a snapshot."""

from ingest.fields import Feed, Field, Rule, raw, val

DEPARTMENTS = ("VP", "KT", "KTHTDT", "VHXH", "TTPVHCC")
SPECIALITIES = (
    "cntt",
    "dia_chinh",
    "xay_dung",
    "giao_thong",
    "nong_nghiep",
    "tai_chinh",
    "tu_phap",
    "van_hoa_xa_hoi",
    "tong_hop",
)

STAFFING = Feed(
    name="staffing",
    order=60,
    description="positions per ward and department on a report date",
    key=("NgayBaoCao", "MaXa", "PhongBan", "ViTriViecLam"),
    fields=(
        Field("NgayBaoCao", "date", required=True),
        Field("MaXa", "ward", required=True),
        Field("PhongBan", "enum", required=True, values=DEPARTMENTS),
        Field("ViTriViecLam", required=True),
        Field("ChuyenMon", "enum", required=True, values=SPECIALITIES),
        Field("DinhBien", "int", required=True, nonnegative=True),
        Field("HienCo", "int", required=True, nonnegative=True),
        Field("DungChuyenMon", "int", nonnegative=True),
    ),
    rules=(
        Rule(
            "trained_above_in_post",
            "DungChuyenMon",
            f"{val('DungChuyenMon')} > {val('HienCo')}",
            f"'DungChuyenMon ' || {raw('DungChuyenMon')} || ' is more than HienCo ' || "
            f"{raw('HienCo')}",
        ),
    ),
)
