"""`agencies`: the handling agencies a dossier's DonViXuLy resolves in."""

from ingest.fields import Feed, Field, Rule, lit, raw, val, ward_province

AGENCIES = Feed(
    name="agencies",
    order=10,
    description="handling agencies: provincial departments and ward service centres",
    key=("MaDinhDanh",),
    fields=(
        Field("MaDinhDanh", required=True),
        Field("TenDonVi", required=True),
        Field("Cap", "enum", required=True, values=("tinh", "xa")),
        Field("MaTinh", "province", required=True),
        Field("MaXa", "ward"),
    ),
    rules=(
        Rule(
            "missing_required",
            "MaXa",
            f"{val('Cap')} = 'xa' and {raw('MaXa')} is null",
            lit("MaXa is required for a commune-level agency (Cap = xa)"),
        ),
        Rule(
            "ward_not_in_province",
            "MaXa",
            f"{val('MaXa')} is not null and {val('MaTinh')} is not null "
            f"and {ward_province('MaXa')} is distinct from {val('MaTinh')}",
            f"'MaXa ' || {raw('MaXa')} || ' is not a ward of province ' || {raw('MaTinh')}",
        ),
    ),
)
