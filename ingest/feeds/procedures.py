"""`procedures`: the procedure catalogue (TTHC), national or per province."""

from ingest.fields import Feed, Field

PROCEDURES = Feed(
    name="procedures",
    order=20,
    description="procedure catalogue: one entry per procedure and publishing province",
    key=("MaTTHC", "MaTinh"),
    fields=(
        Field("MaTTHC", required=True),
        Field("TenTTHC", required=True),
        Field("MaLinhVuc", required=True),
        Field("TenLinhVuc", required=True),
        Field("CapThucHien", "enum", required=True, values=("tinh", "xa")),
        Field("MaTinh", "province"),
        Field("MucDo", "int", values=(1, 2, 3, 4)),
        Field("ThoiHanGiaiQuyet", "num", required=True, nonnegative=True),
        Field(
            "DonViThoiHan",
            "enum",
            required=True,
            values=("ngay_lam_viec", "ngay", "gio", "trong_ngay"),
        ),
        Field("PhiDiaGioi", "int", values=(0, 1)),
        Field("CoPhiLePhi", "int", values=(0, 1)),
    ),
)
