"""One row per published count of the journalists' edition: a unit's (ward, or a province's
province-level row) or a province's, per month and measure, with its value and whether it is
withheld (`is_withheld`) and why (`is_small`: from 1 to public_min_count - 1; otherwise withheld
so that a small one cannot be worked out).

The cells are linked by identities a reader knows or can assume:
- a province's cell is the sum of its units' cells of the same month and measure;
- finished = early + on time + late, in every row;
- the backlog carries from month to month: pending at the end of a month = pending at the end of
  the month before (0 before a unit's first month) + received - finished - closed.
`closed` (withdrawn or stopped) is not published at all: it is the slack of the last identity,
the one number a reader never knows. Rules, applied together until none withholds more (each
can make work for another):
- small: a count from 1 to public_min_count - 1 is withheld (a zero identifies nobody, and the
  backlog identity would give most zeros away anyway);
- family: a row whose finished family has a withheld cell withholds the whole family, and a
  row withholds received and finished together (a unit cannot finish more than it had, so a
  published finished bounds a withheld received from below, and the reverse);
- column: where a province's cell is published, the withheld unit cells of its column are none,
  or at least two adding up to public_min_count or more (each could then be anything from 0 to
  that sum); otherwise the smallest published unit cell of public_min_count or more is withheld
  too, and where there is none, the province's cell is;
- backlog: between two published backlogs of a unit (or from its start), the months' flows and
  the backlogs give the dossiers closed in between. That sum must be 0 or at least
  public_min_count, and at least public_min_count when a flow or backlog in between is
  withheld (otherwise the backlogs pin the withheld figure, or reveal a small number closed);
  else the later backlog is withheld too, which joins the stretch to the next one. A stretch
  that runs to the last month has no later backlog to give anything away.
A loop to a fixed point, in Python, because SQL has no such loop; each round is a few
vectorised steps over every cell. tests/attacker.py attacks the result with linear programming
(every identity above, every bound): on the hand-made shapes of tests/test_public_cells.py and
on built worlds it pins no withheld cell, but on some random shapes it still does
(scripts/disclosure_attack.py --random); docs/operations.md says what the rules promise.
"""

import polars as pl

FLOWS = [
    "received",
    "received_online",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
]
COUNTS = [*FLOWS, "pending_end", "pending_overdue_end"]
FAMILY = ["finished", "finished_early", "finished_on_time", "finished_late"]
PROVINCE = "province"
UNIT = "unit"
CHAIN = ["level", "unit_code"]


def _family_closure(cells: pl.DataFrame) -> pl.DataFrame:
    for family in (FAMILY, ["received", "finished"]):
        in_family = pl.col("measure").is_in(family)
        family_withheld = (
            (pl.col("is_withheld") & in_family).any().over("level", "unit_code", "month")
        )
        cells = cells.with_columns(
            is_withheld=pl.col("is_withheld") | (in_family & family_withheld)
        )
    return cells


def _mark(cells: pl.DataFrame, chosen: pl.DataFrame) -> pl.DataFrame:
    """Withhold the cells of `chosen` (level, unit_code, province_code, month, measure)."""
    if chosen.is_empty():
        return cells
    keys = ["level", "unit_code", "province_code", "month", "measure"]
    return (
        cells.join(
            chosen.select(keys).unique().with_columns(chosen=pl.lit(True)), on=keys, how="left"
        )
        .with_columns(is_withheld=pl.col("is_withheld") | pl.col("chosen").fill_null(False))
        .drop("chosen")
    )


def _column_closure(cells: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """Withhold one more cell in every column that needs it (the next round checks again)."""
    column = ["province_code", "month", "measure"]
    units = cells.filter(pl.col("level") == UNIT)
    provinces = cells.filter(pl.col("level") == PROVINCE)
    can_hide = ~pl.col("is_withheld") & (pl.col("value") >= min_count)
    state = (
        units.group_by(column)
        .agg(
            withheld=pl.col("is_withheld").sum(),
            withheld_sum=pl.col("value").filter(pl.col("is_withheld")).sum(),
            open_cells=can_hide.sum(),
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
        .filter(can_hide)
        .sort("value", "unit_code")
        .group_by(column, maintain_order=True)
        .first()
        .select("level", "unit_code", *column)
    )
    totals = state.filter(pl.col("open_cells") == 0).select(
        pl.lit(PROVINCE).alias("level"), pl.col("province_code").alias("unit_code"), *column
    )
    return _mark(cells, pl.concat([partners, totals]))


def _backlog_closure(cells: pl.DataFrame, closed: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """Withhold the backlog that ends a stretch whose closed dossiers a reader could work out
    too closely (see the module's docstring)."""
    in_chain = pl.col("measure").is_in(["received", "finished", "pending_end"])
    months = (
        cells.filter(in_chain)
        .group_by(*CHAIN, "province_code", "month")
        .agg(
            stock_withheld=pl.col("is_withheld").filter(pl.col("measure") == "pending_end").any(),
            flow_withheld=pl.col("is_withheld").filter(pl.col("measure") != "pending_end").any(),
        )
        .join(closed, on=[*CHAIN, "month"])
        .sort(*CHAIN, "month")
        .with_columns(
            # a stretch runs from after a published backlog to the next one, that one included
            stretch=(~pl.col("stock_withheld"))
            .cast(pl.Int32)
            .cum_sum()
            .shift(1, fill_value=0)
            .over(CHAIN)
        )
    )
    stretches = months.group_by(*CHAIN, "stretch").agg(
        pl.col("province_code").first(),
        end=pl.col("month").last(),
        closed=pl.col("closed").sum(),
        ends_published=(~pl.col("stock_withheld")).last(),
        anything_withheld=(pl.col("flow_withheld") | pl.col("stock_withheld")).any(),
    )
    exposed = stretches.filter(
        pl.col("ends_published")
        & (pl.col("closed") < min_count)
        & ((pl.col("closed") > 0) | pl.col("anything_withheld"))
    )
    return _mark(
        cells,
        exposed.select(
            "level",
            "unit_code",
            "province_code",
            month=pl.col("end"),
            measure=pl.lit("pending_end"),
        ),
    )


def withhold(cells: pl.DataFrame, closed: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """`cells`: level, province_code, unit_code, month, measure, value for every count of
    COUNTS; `closed`: level, unit_code, month, closed for the same rows. Returns `cells` with
    is_small and is_withheld."""
    cells = cells.with_columns(is_small=pl.col("value").is_between(1, min_count - 1)).with_columns(
        is_withheld=pl.col("is_small")
    )
    while True:
        before = int(cells["is_withheld"].sum())
        cells = _family_closure(cells)
        cells = _column_closure(cells, min_count)
        cells = _backlog_closure(cells, closed, min_count)
        if int(cells["is_withheld"].sum()) == before:
            return cells


def cells_of(monthly: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The unit cells of int_units__monthly and their provinces' sums, and the closed counts
    of both."""
    keys = ["province_code", "unit_code", "month"]
    units = monthly.select(*keys, *COUNTS, "closed").unpivot(
        index=keys, on=[*COUNTS, "closed"], variable_name="measure", value_name="value"
    )
    provinces = (
        units.group_by("province_code", "month", "measure")
        .agg(pl.col("value").sum())
        .with_columns(unit_code=pl.col("province_code"))
    )
    every = pl.concat(
        [
            units.with_columns(level=pl.lit(UNIT)),
            provinces.select(units.columns).with_columns(level=pl.lit(PROVINCE)),
        ]
    ).with_columns(pl.col("value").cast(pl.Int64))
    closed = every.filter(pl.col("measure") == "closed").select(
        *CHAIN, "month", closed=pl.col("value")
    )
    return every.filter(pl.col("measure") != "closed"), closed


def model(dbt, session):
    dbt.config(materialized="table")
    min_count = int(dbt.config.get("public_min_count"))
    cells, closed = cells_of(dbt.ref("int_units__monthly").pl())
    keys = ["province_code", "unit_code", "month"]
    return (
        withhold(cells, closed, min_count)
        .select("level", *keys, "measure", "value", "is_small", "is_withheld")
        .sort("level", *keys, "measure")
    )
