"""`ratings`: citizen ratings of a dossier (DanhGiaHaiLong). Free-text comments are dropped."""

from ingest.fields import Feed, Field

RATINGS = Feed(
    name="ratings",
    order=50,
    waits_for_dossier=True,
    description="citizen satisfaction ratings, 1 (very unhappy) to 5 (very happy)",
    key=("MaHoSo", "ThoiGianDanhGia"),
    fields=(
        Field("MaHoSo", required=True),
        Field("ThoiGianDanhGia", "date", required=True),
        Field("DanhGia", "rating", required=True),
        Field("NoiDungDanhGia", "personal"),
    ),
)
