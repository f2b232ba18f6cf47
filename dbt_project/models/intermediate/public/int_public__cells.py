"""One row per published count of the journalists' edition: a unit's (ward, or a province's
province-level row) or a province's, per month and measure, with its value and whether it is
withheld (`is_withheld`) and why (`is_small`: below public_min_count; otherwise withheld so that
a small one cannot be worked out).

The cells are linked by the identities a reader knows: a province's cell is the sum of its
units' cells of the same month and measure, and finished = early + on time + late in every row.
The rules below are applied together until none adds a withheld cell, because each can create
work for the other (a family withheld whole may leave one withheld cell in another column):
- small: a count below public_min_count is withheld (zeros too: a zero beside a total would
  reveal the rest);
- family: a row whose finished family has a withheld cell withholds the whole family;
- column: where a province's cell is published, the withheld unit cells of its column are none,
  or at least two adding up to public_min_count or more (so that each could be anything from 0
  to that sum); otherwise the smallest published unit cell is withheld too, and where no unit
  cell is left to withhold, the province's cell is.
A loop to a fixed point, in Python, because SQL has no such loop; each round is a few
vectorised steps over every cell.
"""

import polars as pl

FLOWS = [
    "received",
    "received_online",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "closed",
]
COUNTS = [*FLOWS, "pending_end", "pending_overdue_end"]
FAMILY = ["finished", "finished_early", "finished_on_time", "finished_late"]
PROVINCE = "province"
UNIT = "unit"


def _family_closure(cells: pl.DataFrame) -> pl.DataFrame:
    in_family = pl.col("measure").is_in(FAMILY)
    family_withheld = (pl.col("is_withheld") & in_family).any().over("level", "unit_code", "month")
    return cells.with_columns(is_withheld=pl.col("is_withheld") | (in_family & family_withheld))


def _column_closure(cells: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """Withhold one more cell in every column that needs it (the next round checks again)."""
    column = ["province_code", "month", "measure"]
    units = cells.filter(pl.col("level") == UNIT)
    provinces = cells.filter(pl.col("level") == PROVINCE)
    state = (
        units.group_by(column)
        .agg(
            withheld=pl.col("is_withheld").sum(),
            withheld_sum=pl.col("value").filter(pl.col("is_withheld")).sum(),
            open_cells=(~pl.col("is_withheld")).sum(),
        )
        .join(provinces.select(*column, province_withheld=pl.col("is_withheld")), on=column)
        .filter(
            ~pl.col("province_withheld")
            & (pl.col("withheld") >= 1)
            & ((pl.col("withheld") == 1) | (pl.col("withheld_sum") < min_count))
        )
    )
    if state.is_empty():
        return cells
    # the smallest published unit cell of each such column (ties: the lowest unit code)
    partners = (
        units.join(state.filter(pl.col("open_cells") > 0).select(column), on=column)
        .filter(~pl.col("is_withheld"))
        .sort("value", "unit_code")
        .group_by(column, maintain_order=True)
        .first()
        .select(*column, "unit_code", level=pl.lit(UNIT))
    )
    totals = state.filter(pl.col("open_cells") == 0).select(
        *column, unit_code=pl.col("province_code"), level=pl.lit(PROVINCE)
    )
    chosen = pl.concat([partners, totals]).with_columns(chosen=pl.lit(True))
    return (
        cells.join(chosen, on=["level", "unit_code", *column], how="left")
        .with_columns(is_withheld=pl.col("is_withheld") | pl.col("chosen").fill_null(False))
        .drop("chosen")
    )


def withhold(cells: pl.DataFrame, min_count: int) -> pl.DataFrame:
    cells = cells.with_columns(is_small=pl.col("value") < min_count).with_columns(
        is_withheld=pl.col("is_small")
    )
    while True:
        before = int(cells["is_withheld"].sum())
        cells = _column_closure(_family_closure(cells), min_count)
        if int(cells["is_withheld"].sum()) == before:
            return cells


def model(dbt, session):
    dbt.config(materialized="table")
    min_count = int(dbt.config.get("public_min_count"))
    monthly = dbt.ref("int_units__monthly").pl()
    keys = ["province_code", "unit_code", "month"]
    units = monthly.select(*keys, *COUNTS).unpivot(
        index=keys, on=COUNTS, variable_name="measure", value_name="value"
    )
    provinces = (
        units.group_by("province_code", "month", "measure")
        .agg(pl.col("value").sum())
        .with_columns(unit_code=pl.col("province_code"))
    )
    cells = pl.concat(
        [
            units.with_columns(level=pl.lit(UNIT)),
            provinces.select(units.columns).with_columns(level=pl.lit(PROVINCE)),
        ]
    ).with_columns(pl.col("value").cast(pl.Int64))
    return (
        withhold(cells, min_count)
        .select("level", *keys, "measure", "value", "is_small", "is_withheld")
        .sort("level", *keys, "measure")
    )
