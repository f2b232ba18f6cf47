"""Invariants of the published numbers, on generated worlds the code was not tuned to.

Every test draws the same worlds (one seed, one strategy, see `worlds_settings`), and a world
is built once for all of them (tests/generative/built.py): a world costs three builds
(first batch; second batch, incremental; `--full`).

The default is a fixed, reproducible set for CI: the worlds of tests/generative/examples.py
(the shapes the issue names and the shrunk worlds of bugs found) and 3 drawn ones. A local
hunt: `HAICAP_WORLDS=deep HAICAP_WORLDS_EXAMPLES=20 pytest tests/generative` draws 20 worlds
from a new seed each run (a failure's report names it; `HAICAP_WORLDS_SEED=N` repeats it) and
shrinks a failing one.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import random
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, Phase, example, given, seed, settings

from tests.generative.built import PUBLISHED_CODES, Built, built, query_layer, remove_all
from tests.generative.examples import EXAMPLES
from tests.generative.world import FLOWS, STOCKS, describe, truth, worlds
from tests.test_build_incremental import table_differences

pytestmark = pytest.mark.slow

_COMMON = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("haicap-worlds-ci", max_examples=3, derandomize=True, **_COMMON)
settings.register_profile(
    "haicap-worlds-deep",
    max_examples=int(os.environ.get("HAICAP_WORLDS_EXAMPLES", "40")),
    # HAICAP_WORLDS_SHRINK=0: report a failing world as drawn (a shrink step is three builds)
    phases=[Phase.explicit, Phase.generate, Phase.target]
    + ([] if os.environ.get("HAICAP_WORLDS_SHRINK") == "0" else [Phase.shrink]),
    **_COMMON,
)
DEEP = os.environ.get("HAICAP_WORLDS") == "deep"
worlds_settings = settings.get_profile("haicap-worlds-deep" if DEEP else "haicap-worlds-ci")
# one seed for every test, so that they draw the same worlds and share their builds; a deep
# hunt takes a new seed each run (printed in a failure's report: HAICAP_WORLDS_SEED repeats it)
SEED = int(os.environ.get("HAICAP_WORLDS_SEED") or (random.randrange(2**32) if DEEP else 20251031))


def same_worlds(test):
    """The shared seed, settings and explicit worlds of every invariant test."""
    for world in reversed(EXAMPLES):
        test = example(world)(test)
    test = given(worlds())(test)
    test = worlds_settings(test)
    return seed(SEED)(test)


@pytest.fixture(scope="module", autouse=True)
def _clean_up():
    yield
    remove_all()


def _query(path: Path, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _frame(path: Path, sql: str) -> pl.DataFrame:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.sql(sql).pl()
    finally:
        con.close()


def _explain(b: Built) -> str:
    return f"\nworld files under {b.root}\n{describe(b.world)}"


# -- 1. the build publishes ----------------------------------------------------------------------


@same_worlds
def test_every_build_publishes_the_leaders_file(world) -> None:
    b = built(world)
    for run in b.ingests:
        assert run.code == 0, run.out + _explain(b)
    # the worlds are well-formed: a row in quarantine is a generator's mistake or ingest's
    quarantined = _query(b.data / "work" / "warehouse.duckdb", "select * from raw.quarantine")
    assert quarantined == [], _explain(b)
    for n, run in enumerate(b.builds):
        assert run.code in PUBLISHED_CODES, run.out + _explain(b)
        # the leaders' file is this build's, whatever happened to the public one
        assert b.build_ids[n] is not None, run.out + _explain(b)
        assert b.build_ids[n] not in b.build_ids[:n], run.out + _explain(b)
        if run.code == 0:
            assert b.public_build_ids[n] == b.build_ids[n], run.out + _explain(b)


# -- 2. overdue list = headline ------------------------------------------------------------------


def overdue_list_counts(data: Path) -> tuple[dt.date, dict[str, tuple[int, int]]]:
    """Per ward with data: (rows 'overdue' in the page's list, pending_overdue_end) on the
    as-of day."""
    published = data / "published" / "warehouse.duckdb"
    headline = dict(
        _query(
            published,
            """select ward_code, pending_overdue_end from marts.rpt_ward_daily
               where day = (select as_of_day from marts.build_info)""",
        )
    )
    with query_layer(data) as q:
        scope = q.Scope("leader")
        as_of = q.as_of_day(scope)
        listed = {
            ward: q.overdue_dossiers(scope, ward).filter(pl.col("state") == "overdue").height
            for ward in headline
        }
    return as_of, {ward: (listed[ward], headline[ward]) for ward in headline}


@same_worlds
def test_the_overdue_list_has_the_headline_count(world) -> None:
    b = built(world)
    as_of, counts = overdue_list_counts(b.data)
    wrong = {ward: pair for ward, pair in counts.items() if pair[0] != pair[1]}
    assert not wrong, f"as of {as_of}, ward: (listed, headline) {wrong}" + _explain(b)


# -- 3. wards sum to provinces -------------------------------------------------------------------


COLUMNS = FLOWS + STOCKS


def _sums_that_disagree(published: Path) -> list[tuple]:
    flows = ", ".join(f"sum({c}) {c}" for c in COLUMNS)
    differs = " or ".join(
        f"coalesce(p.{c}, 0) <> coalesce(w.{c}, 0) + coalesce(l.{c}, 0)" for c in COLUMNS
    )
    return _query(
        published,
        f"""with w as (select province_code, month, {flows} from marts.rpt_ward_monthly
                       group by all),
                 l as (select * from marts.rpt_province_level_monthly),
                 p as (select * from marts.rpt_province_monthly)
            select coalesce(p.province_code, w.province_code, l.province_code) province_code,
                   coalesce(p.month, w.month, l.month) as month,
                   {", ".join(f"p.{c}, w.{c}, l.{c}" for c in COLUMNS)}
            from p full join w using (province_code, month)
                   full join l on l.province_code = coalesce(p.province_code, w.province_code)
                              and l.month = coalesce(p.month, w.month)
            where p.province_code is null or {differs}""",
    )


def _daily_that_disagrees_with_monthly(published: Path) -> list[tuple]:
    flows = ", ".join(f"sum({c}) {c}" for c in FLOWS)
    stocks = ", ".join(f"arg_max({c}, day) {c}" for c in STOCKS)
    differs = " or ".join(f"d.{c} is distinct from m.{c}" for c in COLUMNS)
    return _query(
        published,
        f"""with d as (select ward_code, date_trunc('month', day)::date as month, {flows}, {stocks}
                       from marts.rpt_ward_daily group by all)
            select * from d full join marts.rpt_ward_monthly m using (ward_code, month)
            where {differs}""",
    )


@same_worlds
def test_wards_and_province_level_sum_to_provinces(world) -> None:
    b = built(world)
    assert _sums_that_disagree(b.published) == [], _explain(b)
    assert _daily_that_disagrees_with_monthly(b.published) == [], _explain(b)


# -- 4. the marts equal the numbers worked out by hand -------------------------------------------


def _marts(published: Path) -> dict[str, dict[tuple, dict[str, int]]]:
    columns = ", ".join(COLUMNS)
    out = {}
    for name, sql in {
        "daily": f"select ward_code, day, {columns} from marts.rpt_ward_daily",
        "monthly": f"""select ward_code, month, {columns} from marts.rpt_ward_monthly
                       union all
                       select province_code, month, {columns}
                       from marts.rpt_province_level_monthly""",
        "province_monthly": f"""select province_code, month, {columns}
                                from marts.rpt_province_monthly""",
    }.items():
        out[name] = {
            (row[0], row[1]): dict(zip(COLUMNS, row[2:], strict=True))
            for row in _query(published, sql)
        }
    return out


def _differences(expected: dict, actual: dict) -> list[str]:
    lines = []
    for key in sorted(set(expected) | set(actual), key=str):
        want, got = expected.get(key), actual.get(key)
        if want != got:
            lines.append(f"{key}: expected {want}, published {got}")
    return lines


def check_truth(b: Built, published: Path) -> None:
    want = truth(b.world)
    got = _marts(published)
    as_of = _query(published, "select as_of_day from marts.build_info")[0][0]
    assert as_of == want.as_of, _explain(b)
    # the province level is keyed by province in the marts
    monthly = {
        ((unit[0] if isinstance(unit, tuple) else unit), month): row
        for (unit, month), row in want.monthly.items()
    }
    daily = {key: row for key, row in want.daily.items() if not isinstance(key[0], tuple)}
    for name, expected in (
        ("daily", daily),
        ("monthly", monthly),
        ("province_monthly", want.province_monthly),
    ):
        wrong = _differences(expected, got[name])
        assert not wrong, (
            f"{name} ({published.parent.name}):\n" + "\n".join(wrong[:20]) + _explain(b)
        )


@same_worlds
def test_the_marts_equal_the_numbers_worked_out_by_hand(world) -> None:
    b = built(world)
    check_truth(b, b.published)


@same_worlds
def test_the_incremental_build_equals_the_numbers_worked_out_by_hand(world) -> None:
    b = built(world)
    check_truth(b, b.incremental / "warehouse.duckdb")


# -- 5. rankings and CSV = summary ---------------------------------------------------------------


def _same(a, b) -> bool:
    """Equal numbers (a rate may come as a float or a decimal; no rows sum to None)."""
    if a is None or b is None:
        return (a or 0) == (b or 0)
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def ranking_disagreements(data: Path) -> list[str]:
    """What the Overview's and Provinces' tables say against the headline of the same unit
    and period, for every month and the whole span; and their CSV against the table."""
    from pages._common import _csv

    wrong: list[str] = []
    with query_layer(data) as q:
        scope = q.Scope("leader")
        as_of = q.as_of_day(scope)
        months = q.months(scope)
        periods = [q.Period(m, q.month_end(m)).clamp(as_of) for m in months]
        if months:
            periods.append(q.Period(months[0], as_of))
        for period in periods:
            country = q.summary(scope, period)
            provinces = q.province_ranking(scope, period)
            trend = q.trend(scope, period)
            totals = {
                "provinces received": (provinces["received"].sum(), country["received"]),
                "provinces overdue": (
                    provinces["overdue_backlog"].sum(),
                    country["overdue_backlog"],
                ),
                "trend received": (trend["received"].sum(), country["received"]),
                "trend finished": (trend["finished"].sum(), country["finished"]),
            }
            wrong += [
                f"{period} {k}: {a} vs {b}" for k, (a, b) in totals.items() if not _same(a, b)
            ]
            for row in provinces.iter_rows(named=True):
                one = q.summary(scope, period, row["province_code"])
                for column in ("received", "overdue_backlog", "on_time_rate", "online_share"):
                    if not _same(row[column], one[column]):
                        wrong.append(
                            f"{period} {row['province_code']} {column}: ranking {row[column]}, "
                            f"summary {one[column]}"
                        )
            wards = q.ward_ranking(scope, period)
            for row in wards.iter_rows(named=True):
                one = q.summary(scope, period, None, row["ward_code"])
                for column in ("received", "finished", "overdue_backlog", "on_time_rate"):
                    if not _same(row[column], one[column]):
                        wrong.append(
                            f"{period} {row['ward_code']} {column}: ranking {row[column]}, "
                            f"summary {one[column]}"
                        )
            for name, frame in (("provinces", provinces), ("wards", wards), ("trend", trend)):
                back = pl.read_csv(io.BytesIO(_csv(frame)), schema=frame.schema)
                if not back.equals(frame):
                    wrong.append(f"{period}: the CSV of the {name} table is not the table")
    return wrong


@same_worlds
def test_rankings_and_their_csv_equal_the_summary(world) -> None:
    b = built(world)
    wrong = ranking_disagreements(b.data)
    assert not wrong, "\n".join(wrong[:20]) + _explain(b)


# -- 6. an incremental build publishes what a full build does -------------------------------------


def published_differences(left: Path, right: Path) -> dict[str, tuple[int, int, int]]:
    """Per published table: (rows, rows only left, rows only right), where they differ;
    build_info too, but for its ids and times."""
    out = table_differences(left, right)
    info = "select * exclude (build_id, built_at, public_build_id, _build_id) from marts.build_info"
    if _frame(left, info).rows() != _frame(right, info).rows():
        out["marts.build_info"] = (1, 1, 1)
    return out


@same_worlds
def test_the_incremental_build_publishes_what_a_full_build_does(world) -> None:
    b = built(world)
    assert b.builds[1].code == 0 or b.build_ids[1], b.builds[1].out + _explain(b)
    differences = published_differences(b.incremental / "warehouse.duckdb", b.published)
    assert differences == {}, _explain(b)


# -- 7. the public file has no count 1-9 ---------------------------------------------------------


def small_public_counts(public: Path) -> list[tuple]:
    con = duckdb.connect(str(public), read_only=True)
    try:
        columns = con.execute(
            """select table_name, column_name from information_schema.columns
               where table_schema = 'pub' and data_type in
                   ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT',
                    'USMALLINT', 'UINTEGER', 'UBIGINT')
               order by all"""
        ).fetchall()
        found = []
        for table, column in columns:
            rows = con.execute(
                f'select count(*), min("{column}") from pub."{table}" '
                f'where "{column}" between 1 and 9'
            ).fetchone()
            if rows[0]:
                found.append((table, column, rows[0], rows[1]))
        return found
    finally:
        con.close()


@same_worlds
def test_the_public_file_has_no_count_between_1_and_9(world) -> None:
    b = built(world)
    assert b.public.exists(), b.builds[-1].out + _explain(b)
    assert small_public_counts(b.public) == [], _explain(b)


# -- 8. no published identity gives a withheld public cell away ----------------------------------


def withheld_given_away(public: Path) -> list[str]:
    """Withheld unit cells that one published identity reveals: a province's figure minus its
    units' published ones when one unit cell is withheld, or when the withheld ones add up to
    less than 10; a finished family or a received-finished pair published in part. (Every
    identity at once, with bounds, is the attacker's: tests/attacker.py.)"""
    from warehouse.public_queries import COUNTS

    problems = []
    for column in COUNTS:
        rows = _query(
            public,
            f"""
            select u.province_code, u.month, count(*) filter (where u.{column}_withheld),
                   any_value(p.{column}) - coalesce(sum(u.{column}), 0)
            from pub.pub_unit_monthly u
            join pub.pub_province_monthly p using (province_code, month)
            where not p.{column}_withheld
            group by u.province_code, u.month
            having count(*) filter (where u.{column}_withheld) = 1
                or (count(*) filter (where u.{column}_withheld) > 1
                    and any_value(p.{column}) - coalesce(sum(u.{column}), 0) < 10)
            """,
        )
        problems += [f"{column}: {r}" for r in rows]
    for table in ("pub_unit_monthly", "pub_province_monthly"):
        split = _query(
            public,
            f"""
            select count(*) from pub.{table}
            where not (finished_withheld = finished_early_withheld
                       and finished_withheld = finished_on_time_withheld
                       and finished_withheld = finished_late_withheld
                       and finished_withheld = received_withheld)
            """,
        )[0][0]
        if split:
            problems.append(f"{table}: {split} rows publish part of a linked set")
    return problems


@same_worlds
def test_no_published_identity_gives_a_withheld_public_cell_away(world) -> None:
    b = built(world)
    assert b.public.exists(), b.builds[-1].out + _explain(b)
    assert withheld_given_away(b.public) == [], _explain(b)


# -- 9. the attacker narrows no withheld public cell ----------------------------------------------


@same_worlds
def test_the_attacker_narrows_no_withheld_public_cell(world) -> None:
    # every identity at once, with its bounds, solved for each withheld cell (tests/attacker.py)
    from tests.attacker import attack, published_cells

    b = built(world)
    assert b.public.exists(), b.builds[-1].out + _explain(b)
    narrowed = attack(published_cells(b.public), 10)
    assert narrowed == [], [str(e) for e in narrowed[:5]] + [_explain(b)]
