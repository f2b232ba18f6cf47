"""`assets`: public premises (including the former units' headquarters) and their use."""

from ingest.fields import Feed, Field

ASSETS = Feed(
    name="assets",
    order=70,
    description="premises per ward on a report date: condition, use, area, distance",
    key=("NgayBaoCao", "MaTaiSan"),
    fields=(
        Field("NgayBaoCao", "date", required=True),
        Field("MaTaiSan", required=True),
        Field("MaXa", "ward", required=True),
        Field("DonViCu"),
        Field(
            "LoaiTaiSan",
            "enum",
            required=True,
            values=("tru_so", "nha_van_hoa", "co_so_y_te", "co_so_giao_duc", "khac"),
        ),
        Field("DienTichDat", "num", nonnegative=True),
        Field("DienTichSan", "num", nonnegative=True),
        Field("TinhTrang", "enum", required=True, values=("tot", "xuong_cap", "hu_hong")),
        Field(
            "HienTrang",
            "enum",
            required=True,
            values=("dang_su_dung", "su_dung_mot_phan", "bo_trong", "da_chuyen_doi", "cho_xu_ly"),
        ),
        Field("SoNguoiLamViec", "int", nonnegative=True),
        Field("KhoangCachKm", "num", nonnegative=True),
        Field("BoTrongTu", "date"),
        Field(
            "PhuongAn",
            "enum",
            values=(
                "tru_so",
                "giao_duc",
                "y_te",
                "van_hoa_the_thao",
                "quy_dat",
                "ban_dau_gia",
                "khac",
            ),
        ),
    ),
)
