"""`supplements`: supplement requests (DanhSachHoSoBoSung), as a feed or nested in dossiers."""

from ingest.fields import Feed, Field, Rule, raw, val

SUPPLEMENTS = Feed(
    name="supplements",
    order=40,
    waits_for_dossier=True,
    description="supplement requests: the clock pauses while the citizen gathers papers",
    key=("MaHoSo", "HoSoBoSungId"),
    fields=(
        Field("MaHoSo", required=True),
        Field("HoSoBoSungId", required=True),
        Field("NgayBoSung", "date", required=True),
        Field("NgayTiepNhanBoSung", "date"),
        Field("NgayHenTraTruoc", "date"),
        Field("NgayHenTraMoi", "date"),
        Field("TrangThaiBoSung"),
    ),
    rules=(
        Rule(
            "supplied_before_requested",
            "NgayTiepNhanBoSung",
            f"{val('NgayTiepNhanBoSung')}::date < {val('NgayBoSung')}::date",
            f"'NgayTiepNhanBoSung ' || {raw('NgayTiepNhanBoSung')} || "
            f"' is before NgayBoSung ' || {raw('NgayBoSung')}",
        ),
    ),
)
