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
vectorised steps over every cell.

The rules look at one identity at a time; together, with their bounds (no count below 0, online
<= received, overdue <= pending), the identities can still narrow a withheld cell. So the rules'
result is audited as an attacker would: for the withheld cells of each connected group, linear
programmes find every cell whose feasible interval spans fewer than public_min_count values
(`narrowed`); beside each, one more linked published cell is withheld (`_partners`), the rules
run again, and the audit again, until it narrows nothing. tests/attacker.py attacks the public
file independently; docs/operations.md says what this promises and what it does not.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import highspy
import numpy as np
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
INF = highspy.kHighsInf
SWEEPS = 40


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


# -- the audit: an attacker inside the build -------------------------------------------------------


def _identities(cells: pl.DataFrame) -> list[tuple[list[tuple], list[float], float, bool]]:
    """Every identity and bound linking the counts, as rows (cells, coefficients, low, equal):
    sum(coefficient * cell) >= low, or == low where `equal`. A cell is (level, unit_code,
    month, measure). `closed`, never published, is eliminated: its identity becomes the bound
    pending_end(m - 1) + received - finished - pending_end >= 0, and its province sum follows
    from the sums of the other four. Published rates add nothing a reader does not know
    already: one is published only beside its numerator's and denominator's counts."""
    rows: list[tuple[list[tuple], list[float], float, bool]] = []
    columns = (
        cells.filter(pl.col("level") == UNIT)
        .group_by("province_code", "month", "measure")
        .agg(pl.col("unit_code"))
        .iter_rows()
    )
    for province, month, measure, units in columns:
        keys = [(UNIT, u, month, measure) for u in units] + [(PROVINCE, province, month, measure)]
        rows.append((keys, [1.0] * len(units) + [-1.0], 0.0, True))
    months = cells.select(*CHAIN, "month").unique().sort(*CHAIN, "month").iter_rows()
    previous: tuple | None = None
    for level, unit, month in months:

        def k(measure, month=month, level=level, unit=unit):
            return (level, unit, month, measure)

        rows.append(
            (
                [k("finished"), k("finished_early"), k("finished_on_time"), k("finished_late")],
                [1.0, -1.0, -1.0, -1.0],
                0.0,
                True,
            )
        )
        chained = previous is not None and previous[:2] == (level, unit)
        before = [(level, unit, previous[2], "pending_end")] if chained else []
        rows.append(
            (
                [*before, k("received"), k("finished"), k("pending_end")],
                [1.0] * len(before) + [1.0, -1.0, -1.0],
                0.0,
                False,
            )
        )
        rows.append(([k("received"), k("received_online")], [1.0, -1.0], 0.0, False))
        rows.append(([k("pending_end"), k("pending_overdue_end")], [1.0, -1.0], 0.0, False))
        previous = (level, unit, month)
    return rows


def _components(rows, hidden: dict[tuple, int]) -> list[list[int]]:
    """The rows that hold a withheld cell, grouped by connected withheld cells."""
    parent = list(range(len(hidden)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holding = []
    for r, (keys, _, _, _) in enumerate(rows):
        inside = [hidden[key] for key in keys if key in hidden]
        if not inside:
            continue
        holding.append((r, inside[0]))
        for other in inside[1:]:
            parent[root(other)] = root(inside[0])
    groups: dict[int, list[int]] = {}
    for r, first in holding:
        groups.setdefault(root(first), []).append(r)
    return list(groups.values())


def _narrow(rows, values: dict[tuple, int], hidden_keys: list[tuple], min_count: int):
    """The withheld cells among `hidden_keys` whose feasible interval, given every published
    count and identity of `rows`, is narrower than min_count values (and not just {0})."""
    index = {key: i for i, key in enumerate(hidden_keys)}
    n = len(hidden_keys)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    # the primal simplex: each programme changes the objective and some bounds of the last
    # one, so it starts from the last basis (the primal was the fastest of HiGHS's strategies
    # here: docs/benchmarks.md, "Disclosure attack")
    h.setOptionValue("simplex_strategy", 4)
    h.addVars(n, np.zeros(n), np.full(n, INF))
    lows, highs, starts, columns, weights = [], [], [], [], []
    for keys, coefs, low, equal in rows:
        constant = 0.0
        starts.append(len(columns))
        for key, coef in zip(keys, coefs, strict=True):
            column = index.get(key)
            if column is None:
                constant += coef * values[key]
            else:
                columns.append(column)
                weights.append(coef)
        lows.append(low - constant)
        highs.append(low - constant if equal else INF)
    h.addRows(
        len(lows),
        np.array(lows),
        np.array(highs),
        len(columns),
        np.array(starts, np.int32),
        np.array(columns, np.int32),
        np.array(weights),
    )
    truth = np.array([values[key] for key in hidden_keys], dtype=float)
    return [hidden_keys[i] for i in narrowed(h, truth, min_count)]


def _solve(h: highspy.Highs) -> np.ndarray:
    """Solve; when a warm start ends without a verdict (HiGHS says `unknown` on some badly
    scaled rows), solve again from scratch, then without presolve."""
    h.run()
    for retry in ("from scratch", "without presolve"):
        if h.getModelStatus() != highspy.HighsModelStatus.kUnknown:
            break
        h.clearSolver()
        if retry == "without presolve":
            h.setOptionValue("presolve", "off")
        h.run()
    h.setOptionValue("presolve", "choose")
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"disclosure audit: the programme ended {h.getModelStatus()}")
    return np.array(h.getSolution().col_value)


def narrowed(
    h: highspy.Highs, seed: np.ndarray, min_count: int, targets: np.ndarray | None = None
) -> dict[int, tuple[float, float]]:
    """Of the columns of `h` (variables >= 0 under its rows; only those of the mask `targets`
    if given), those whose feasible interval is narrower than min_count values (and not just
    {0}), with the interval. `seed` is one feasible point (the build knows the true one). Each
    programme's solution is another possible world: a column whose values seen across the
    worlds found so far span min_count needs no programme of its own."""
    n = len(seed)
    every = np.arange(n, dtype=np.int32)
    seen_low, seen_high = seed.astype(float), seed.astype(float)

    def solve(cost: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        h.changeColsCost(n, every, cost)
        h.changeColsBounds(n, every, lower, upper)
        point = _solve(h)
        np.minimum(seen_low, point, out=seen_low)
        np.maximum(seen_high, point, out=seen_high)

    def still_open() -> np.ndarray:
        return (seen_high - seen_low < min_count - 1e-6) & wanted

    wanted = np.ones(n, dtype=bool) if targets is None else targets

    free_low, free_high = np.zeros(n), np.full(n, INF)
    box_low, box_high = np.maximum(seed - min_count, 0), seed + min_count
    # Sweeps push every open column up or down at once (each in a box of the threshold around
    # the seed, so that the programme is bounded; the others are free to make room), with signs
    # that vary so that columns tied by a sum move apart. They settle most columns in a few
    # programmes; the last few get one or two programmes each.
    signs = np.random.default_rng(n).choice([-1.0, 1.0], size=(SWEEPS, n))
    signs[0], signs[1] = -1.0, 1.0
    for sweep in signs:
        still = still_open()
        before = int(still.sum())
        if not before:
            break
        solve(
            np.where(still, sweep, 0.0),
            np.where(still, box_low, free_low),
            np.where(still, box_high, free_high),
        )
        if before - int(still_open().sum()) < max(3, before // 20):
            break
    found = {}
    for i in np.flatnonzero(still_open()):
        for sense in (-1.0, 1.0):
            if not still_open()[i]:
                break
            cost, upper = np.zeros(n), free_high.copy()
            cost[i], upper[i] = sense, box_high[i]
            solve(cost, free_low, upper)
        if still_open()[i] and seen_high[i] > 0.5:
            found[int(i)] = (float(seen_low[i]), float(seen_high[i]))
    return found


def _rules(cells: pl.DataFrame, closed: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """The rules, applied together until none withholds more."""
    while True:
        before = int(cells["is_withheld"].sum())
        cells = _family_closure(cells)
        cells = _column_closure(cells, min_count)
        cells = _backlog_closure(cells, closed, min_count)
        if int(cells["is_withheld"].sum()) == before:
            return cells


def _partners(rows, group: list[int], narrow: list[tuple], hidden, values, min_count: int):
    """One published cell to withhold beside each narrowed one: of the published cells that
    share an identity with it (else any identity of its group), a unit's if there is one, the
    smallest of min_count or more (enough to move it by the threshold), else the largest."""
    wanted = set(narrow)
    near: dict[tuple, set[tuple]] = {}
    anywhere: set[tuple] = set()
    for r in group:
        keys = rows[r][0]
        published = {k for k in keys if k not in hidden}
        anywhere |= published
        for key in wanted.intersection(keys):
            near.setdefault(key, set()).update(published)
    chosen = []
    for key in narrow:
        options = sorted(near.get(key) or anywhere, key=lambda k: (values[k], k))
        if not options:
            raise RuntimeError(f"disclosure audit: nothing left to withhold beside {key}")
        # a unit's figure before a province's: the provinces' are what most readers read
        units = [k for k in options if k[0] == UNIT] or options
        enough = [k for k in units if values[k] >= min_count]
        chosen.append(enough[0] if enough else units[-1])
    return chosen


def withhold(cells: pl.DataFrame, closed: pl.DataFrame, min_count: int) -> pl.DataFrame:
    """`cells`: level, province_code, unit_code, month, measure, value for every count of
    COUNTS; `closed`: level, unit_code, month, closed for the same rows. Returns `cells` with
    is_small and is_withheld: the rules to a fixed point, then the audit, which withholds more
    wherever it narrows a withheld cell to fewer than min_count values, and the rules again,
    until the audit narrows nothing."""
    cells = cells.with_columns(is_small=pl.col("value").is_between(1, min_count - 1)).with_columns(
        is_withheld=pl.col("is_small")
    )
    rows = _identities(cells)
    keys = ["level", "unit_code", "month", "measure"]
    values = dict(zip(cells.select(keys).iter_rows(), cells["value"].to_list(), strict=True))
    province_of = dict(zip(cells.select(CHAIN).iter_rows(), cells["province_code"], strict=False))
    passed: set[frozenset] = set()  # groups of withheld cells the audit found nothing in
    # HiGHS releases the GIL while it solves: the groups (provinces, mostly) share the cores
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        while True:
            cells = _rules(cells, closed, min_count)
            withheld = cells.filter(pl.col("is_withheld")).select(keys).iter_rows()
            hidden = {key: i for i, key in enumerate(withheld)}
            groups = []
            for group in _components(rows, hidden):
                inside = sorted({k for r in group for k in rows[r][0] if k in hidden})
                if frozenset(inside) not in passed:
                    groups.append((group, inside))
            verdicts = pool.map(
                lambda job: _narrow([rows[r] for r in job[0]], values, job[1], min_count), groups
            )
            chosen = []
            for (group, inside), narrow in zip(groups, verdicts, strict=True):
                if narrow:
                    chosen += _partners(rows, group, narrow, hidden, values, min_count)
                else:
                    passed.add(frozenset(inside))
            if not chosen:
                return cells
            cells = _mark(
                cells,
                pl.DataFrame(
                    [(*key, province_of[key[:2]]) for key in chosen],
                    schema=[*keys, "province_code"],
                    orient="row",
                ),
            )


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
