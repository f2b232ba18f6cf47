"""An attacker on the public edition: knows every identity that links its figures and solves,
by linear programming (HiGHS), for the smallest and largest value each withheld count can have
given everything published. A withheld cell is exposed when that interval is narrower than the
threshold given (`attack(cells, 1)`: pinned to one value).

The identities (dbt_project/models/intermediate/public/int_public__cells.py):
- a province's count is the sum of its units' counts (`closed` too, though never published);
- finished = early + on time + late;
- backlog: pending_end(m) = pending_end(m - 1) + received - finished - closed, from 0 before a
  unit's first month;
- a published rate times its published denominator gives its numerator (to the rate's rounding);
- bounds: every count >= 0, online <= received, overdue <= pending.
The attacker solves the linear relaxation: an integer attacker could, in rare cases, narrow an
interval by less than one more value.

It writes its identities from the published file alone, independently of the build's own
audit (which eliminates `closed` and leaves out the rates); the two share only the routine that
finds the narrow intervals of a linear programme (`narrowed` in the model's file).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import highspy
import numpy as np
import polars as pl

from warehouse.public_queries import COUNTS  # the counts of the public file

MODEL = (
    Path(__file__).resolve().parents[1]
    / "dbt_project/models/intermediate/public/int_public__cells.py"
)


def _rules():
    spec = importlib.util.spec_from_file_location("int_public__cells", MODEL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RULES = _rules()  # the public layer's rules, a dbt Python model (not an importable module)

RATES = {  # rate: (numerator parts, denominator)
    "on_time_rate": (["finished_early", "finished_on_time"], "finished"),
    "online_share": (["received_online"], "received"),
}
RATE_ROUNDING = 0.00005  # rates are published with 4 decimals
INF = highspy.kHighsInf


@dataclass(frozen=True)
class Exposure:
    level: str
    unit_code: str
    month: object
    measure: str
    low: float
    high: float

    def __str__(self) -> str:
        return (
            f"{self.level} {self.unit_code} {self.month} {self.measure}: "
            f"between {self.low:.2f} and {self.high:.2f}"
        )


def published_cells(public_db: Path) -> pl.DataFrame:
    """The public file as the attacker reads it: one row per level, unit, month and measure
    (counts and rates), `value` null where withheld."""
    con = duckdb.connect(str(public_db), read_only=True)
    try:
        frames = []
        for table, level, unit in (
            ("pub_unit_monthly", "unit", "unit_code"),
            ("pub_province_monthly", "province", "province_code"),
        ):
            wide = con.sql(
                f"select province_code, {unit} as unit_code, month, "
                + ", ".join(
                    f"case when {c}_withheld then null else {c}::double end as {c}"
                    for c in [*COUNTS, *RATES]
                )
                + f" from pub.{table}"
            ).pl()
            frames.append(
                wide.unpivot(
                    index=["province_code", "unit_code", "month"],
                    on=[*COUNTS, *RATES],
                    variable_name="measure",
                    value_name="value",
                ).with_columns(level=pl.lit(level))
            )
        return pl.concat(frames)
    finally:
        con.close()


def intervals(cells: pl.DataFrame, threshold: int) -> list[Exposure]:
    """The feasible interval of every withheld count (null `value`) of `cells` (level,
    province_code, unit_code, month, measure, value) that is narrower than `threshold` values.
    (A cell whose interval is wider is left out as soon as two possible worlds show it.)"""
    found: list[Exposure] = []
    for _, province in cells.group_by("province_code"):
        found.extend(_attack_province(province, threshold))
    return found


def exposed(found: list[Exposure], threshold: int) -> list[Exposure]:
    """The intervals narrower than `threshold` values, but for a cell pinned to 0 (a zero
    identifies nobody, and the edition publishes zeros)."""
    return [e for e in found if e.high - e.low < threshold - 1e-6 and e.high > 0.5]


def attack(cells: pl.DataFrame, threshold: int) -> list[Exposure]:
    """Every withheld count of `cells` the attacker narrows to fewer than `threshold` values."""
    return exposed(intervals(cells, threshold), threshold)


class _Model:
    """A HiGHS model built column by column and row by row."""

    def __init__(self) -> None:
        self.columns: dict[tuple, int] = {}
        self.rows: list[tuple[dict[int, float], float, float]] = []

    def var(self, key: tuple) -> int:
        return self.columns.setdefault(key, len(self.columns))

    def row(self, terms: Iterable[tuple[float, object]], low: float, high: float) -> None:
        """sum(coef * x) in [low, high]; an x is a variable key, or a known number."""
        coefs: dict[int, float] = {}
        constant = 0.0
        for coef, x in terms:
            if isinstance(x, tuple):
                index = self.var(x)
                coefs[index] = coefs.get(index, 0.0) + coef
            else:
                constant += coef * float(x)
        coefs = {i: c for i, c in coefs.items() if c != 0}
        if coefs:
            self.rows.append((coefs, low - constant, high - constant))

    def narrow_intervals(self, targets: list[int], threshold: int) -> dict[int, tuple]:
        """The `targets` whose feasible interval is narrower than `threshold`, with it."""
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        n = len(self.columns)
        h.addVars(n, np.zeros(n), np.full(n, INF))
        for coefs, low, high in self.rows:
            index = np.array(list(coefs), dtype=np.int32)
            h.addRow(low, high, len(index), index, np.array(list(coefs.values())))
        h.run()  # any possible world, to start from
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"the published figures are inconsistent: {h.getModelStatus()}")
        seed = np.maximum(np.array(h.getSolution().col_value), 0.0)
        mask = np.zeros(n, dtype=bool)
        mask[targets] = True
        return RULES.narrowed(h, seed, threshold, mask)


def _attack_province(cells: pl.DataFrame, threshold: int) -> list[Exposure]:
    model = _Model()
    known: dict[tuple, object] = {}
    rates: dict[tuple, float] = {}
    for row in cells.iter_rows(named=True):
        key = (row["level"], row["unit_code"], row["month"], row["measure"])
        if row["measure"] in RATES:
            if row["value"] is not None:
                rates[key] = row["value"]
            continue
        known[key] = row["value"] if row["value"] is not None else key
    withheld = [k for k, v in known.items() if isinstance(v, tuple)]
    if not withheld:
        return []
    for key in withheld:
        model.var(key)

    def x(level, unit, month, measure):
        key = (level, unit, month, measure)
        if measure == "closed":  # never published: always a variable
            return key
        return known.get(key, 0)

    province = cells["province_code"][0]
    rows = cells.filter(pl.col("measure") == "received").select("level", "unit_code", "month")
    units_by_month: dict[object, list[str]] = {}
    chains: dict[tuple[str, str], list] = {}
    for level, unit, month in rows.iter_rows():
        chains.setdefault((level, unit), []).append(month)
        if level == "unit":
            units_by_month.setdefault(month, []).append(unit)
    for month, units in units_by_month.items():
        for measure in [*COUNTS, "closed"]:
            model.row(
                [(1.0, x("unit", u, month, measure)) for u in units]
                + [(-1.0, x("province", province, month, measure))],
                0.0,
                0.0,
            )
    for (level, unit), months in chains.items():
        previous = None
        for month in sorted(months):

            def v(measure, level=level, unit=unit, month=month):
                return x(level, unit, month, measure)

            model.row(
                [
                    (1.0, v("finished")),
                    (-1.0, v("finished_early")),
                    (-1.0, v("finished_on_time")),
                    (-1.0, v("finished_late")),
                ],
                0.0,
                0.0,
            )
            model.row(
                [
                    (1.0, v("pending_end")),
                    (-1.0, previous if previous is not None else 0),
                    (-1.0, v("received")),
                    (1.0, v("finished")),
                    (1.0, v("closed")),
                ],
                0.0,
                0.0,
            )
            model.row([(1.0, v("received")), (-1.0, v("received_online"))], 0.0, INF)
            model.row([(1.0, v("pending_end")), (-1.0, v("pending_overdue_end"))], 0.0, INF)
            for rate, (parts, denominator) in RATES.items():
                value = rates.get((level, unit, month, rate))
                if value is None:
                    continue
                d = v(denominator)
                model.row(
                    [(1.0, v(p)) for p in parts] + [(-(value - RATE_ROUNDING), d)],
                    0.0,
                    INF,
                )
                model.row(
                    [(1.0, v(p)) for p in parts] + [(-(value + RATE_ROUNDING), d)],
                    -INF,
                    0.0,
                )
            previous = v("pending_end")
    solved = model.narrow_intervals([model.columns[k] for k in withheld], threshold)
    return [
        Exposure(*key, *solved[model.columns[key]])
        for key in withheld
        if model.columns[key] in solved
    ]
