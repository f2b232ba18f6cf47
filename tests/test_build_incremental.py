"""An incremental `haicap build` publishes exactly what a full build of the same raw data does.

The small world of tests/hand_world.py is ingested and built; then a further day arrives
(new dossiers in a ward, through an agency and at province level, a dossier that finishes, one
that is withdrawn, one that moves to another ward and agency, one whose end in an old month is
corrected, an overdue one that finishes, one whose procedure field is corrected, a new
supplement request, one on an old finished dossier, and a new rating)
and the build after it is incremental. Every published table, leaders' and public, is compared
row for row (EXCEPT ALL both ways) with a full build (`--full`) of the same warehouse.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from haicap.cli import main
from tests.hand_world import (
    DD,
    DOSSIER_HEADER,
    DOSSIERS,
    WARD_A,
    WARD_B,
    WARD_N,
    _write,
    write_world,
)
from warehouse.build import build, build_paths, plan_build, run_dbt
from warehouse.paths import DataDir
from warehouse.publish import FACT_ROWS

pytestmark = pytest.mark.slow

NEW_DAY = "2025-09-03"


# A10 as the later file left it (finished on its due day)
_A10_FINISHED = {"NgayKetThucXuLy": "2025-07-04 10:00", "NgayTra": "2025-07-04 11:00"}


def _dossier(code: str, **changes: object) -> tuple:
    row = dict(zip(DOSSIER_HEADER, next(r for r in DOSSIERS if r[0] == code), strict=True))
    row.update(changes)
    return tuple(row[name] for name in DOSSIER_HEADER)


def write_new_day(folder: Path) -> Path:
    """One more day of feed files: new dossiers, updates of old ones, a request, a rating."""
    day = folder / "new_day"
    new = [
        (code, proc, ward, agency, channel, status, f"{NEW_DAY} {time}", due, end, ret, "", 0, 0)
        for code, proc, ward, agency, channel, status, time, due, end, ret in [
            # a ward's dossier finished the same day, online
            ("A90", "1.000001", WARD_A, "", 2, 10, "09:00", f"{NEW_DAY} 17:00", "", "11:00"),
            # through ward B's agency, still pending
            ("B90", "1.000002", "", "000.11.19.H46", 1, 4, "10:00", "2025-09-17 17:00", "", ""),
            # a provincial department's
            ("T90", "2.000001", "", "000.00.01.H46", 2, 4, "08:30", "2025-09-24 17:00", "", ""),
        ]
    ]
    new = [row[:9] + ((f"{NEW_DAY} {row[9]}" if row[9] else ""),) + row[10:] for row in new]
    updates = [
        # A05, waiting on the citizen since July, is finished late today
        _dossier("A05", TrangThaiHoSo=10, NgayKetThucXuLy=f"{NEW_DAY} 09:00"),
        # A04 was entered under the wrong ward: it belongs to ward B (through its agency)
        _dossier("A04", MaXa="", DonViXuLy="000.11.19.H46"),
        # T02 is withdrawn
        _dossier("T02", TrangThaiHoSo=7, NgayTuChoi=f"{NEW_DAY} 15:00"),
        # T01 was finished in July a day after its due day, not five days before it: a
        # correction of an old month (the province level's stocks from 10 July on)
        _dossier("T01", NgayKetThucXuLy="2025-07-16 09:00"),
        # B02, overdue since 3 July, is finished late today
        _dossier("B02", TrangThaiHoSo=10, NgayKetThucXuLy=f"{NEW_DAY} 10:00"),
        # A10 was entered under the wrong procedure: it is a land dossier (another field)
        _dossier("A10", MaTTHC=DD, TrangThaiHoSo=10, **_A10_FINISHED),
    ]
    _write(day / f"dossiers_{NEW_DAY}.csv", DOSSIER_HEADER, new + updates)
    _write(
        day / f"supplements_{NEW_DAY}.csv",
        [
            "MaHoSo",
            "HoSoBoSungId",
            "NgayBoSung",
            "NgayTiepNhanBoSung",
            "NgayHenTraTruoc",
            "NgayHenTraMoi",
        ],
        [
            ("B90", "1", f"{NEW_DAY} 16:00", "", "2025-09-17 17:00", ""),
            # a request on A02 (finished early on 2 July) that reached the feed late: its
            # late count and timeliness stay, its supplement group becomes "one"
            ("A02", "1", "2025-07-01 15:00", "2025-07-02 08:00", "2025-07-03 17:00", ""),
        ],
    )
    _write(
        day / f"ratings_{NEW_DAY}.csv",
        ["MaHoSo", "ThoiGianDanhGia", "DanhGia"],
        [("A90", f"{NEW_DAY} 12:00", "1")],
    )
    return day


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    """What a reader reads: the tables and views (the dossier fact is a view of its rows)."""
    return con.execute(
        """select table_schema, table_name from information_schema.tables
           where table_catalog = ? and table_name not in ('build_info', ?)
           order by all""",
        [catalog, FACT_ROWS],
    ).fetchall()


def table_differences(left: Path, right: Path) -> dict[str, tuple[int, int, int]]:
    """Per table: (rows, rows only left, rows only right), for the tables that differ."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        tables = _tables(con, "l")
        assert tables == _tables(con, "r")
        assert len(tables) >= 5
        out = {}
        for schema, table in tables:
            a = f"(select * exclude (_build_id) from l.{schema}.{table})"
            b = f"(select * exclude (_build_id) from r.{schema}.{table})"
            rows = con.execute(f"select count(*) from {a}").fetchone()[0]
            only_left = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
            only_right = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
            if only_left or only_right:
                out[f"{schema}.{table}"] = (rows, only_left, only_right)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("incremental")
    files = write_world(root / "feeds")
    data = DataDir.resolve(root / "data")
    paths = build_paths(data)
    assert main(["ingest", str(files["dossiers"].parent), "--data-dir", str(data.root)]) == 0
    first = build(data, report=lambda line: None, docs=False)
    assert main(["ingest", str(files["update"]), "--data-dir", str(data.root)]) == 0
    assert main(["ingest", str(write_new_day(root / "feeds")), "--data-dir", str(data.root)]) == 0
    log_before = (paths["logs"] / "dbt.log").stat().st_size
    second = build(data, report=lambda line: None, docs=False)
    with (paths["logs"] / "dbt.log").open(encoding="utf-8") as log:
        log.seek(log_before)
        second_log = log.read()
    con = duckdb.connect(str(build_paths(data)["build_db"]), read_only=True)
    restarts = dict(con.execute("select * from intermediate.int_units__restart_days").fetchall())
    con.close()
    incremental = root / "incremental"
    incremental.mkdir()
    for path in (data.published, data.public):
        shutil.copy(path, incremental / path.name)
    full = build(data, report=lambda line: None, docs=False, full=True)
    return {
        "data": data,
        "modes": [first.mode, second.mode, full.mode],
        "copy": incremental,
        "restarts": restarts,
        "second_log": second_log,
    }


def test_the_build_after_a_new_day_is_incremental(builds: dict) -> None:
    assert builds["modes"] == ["full", "incremental", "full"]


def test_the_incremental_build_reuses_the_parse_and_runs_its_selector(builds: dict) -> None:
    """dbt's saved parse of the project serves the next build (the vars of an incremental build
    are given to the build, not to the parse: new vars would make dbt parse it all again), and
    the build runs dbt's selector `incremental_build` (dbt_project/selectors.yml): nothing
    tagged `unchanged_by_loads` or `full_build_only` is run again."""
    log = builds["second_log"]
    assert "Nothing changed, skipping partial parsing" in log
    assert "Starting full parse" not in log
    assert "model marts.fct_dossiers " in log  # (the incremental models run)
    for skipped in ("marts.dim_date", "marts.dim_unit", "staging.stg_dossiers__code_ranges"):
        assert f"model {skipped} " not in log
    assert "START test assert_procedure_histograms_match_fact" not in log


def test_a_new_data_folder_starts_from_the_saved_parse(
    builds: dict, build_cache: Path, tmp_path: Path
) -> None:
    """The builds above saved their parse of the project in the build cache; dbt in another
    data folder starts from that parse (the profile's paths are relative to the folder dbt runs
    in, so they match)."""
    assert (build_cache / "dbt" / "partial_parse.msgpack").exists()
    other = DataDir.resolve(tmp_path / "other")
    other.ensure()
    assert run_dbt(other, ["parse"])["success"]
    log = (build_paths(other)["logs"] / "dbt.log").read_text(encoding="utf-8")
    assert "Nothing changed, skipping partial parsing" in log
    assert "Starting full parse" not in log


def test_incremental_build_publishes_what_a_full_build_does(builds: dict) -> None:
    data: DataDir = builds["data"]
    copy: Path = builds["copy"]
    assert table_differences(copy / "warehouse.duckdb", data.published) == {}
    assert table_differences(copy / "public.duckdb", data.public) == {}


def test_the_running_stocks_restart_where_the_changes_begin(builds: dict) -> None:
    """The stocks are computed again only from each unit's first changed day; the days before
    it are kept from the last build (and still equal a full build's, above)."""
    restarts = {unit: day.isoformat() for unit, day in builds["restarts"].items()}
    assert restarts["tinh_46"] == "2025-07-10"  # T01's old end day
    assert restarts[WARD_A] == restarts[WARD_B] == "2025-07-02"  # A04 moved: its received day
    assert restarts[WARD_N] == "2025-09-03"  # nothing changed there but the as-of day


def test_the_new_day_is_in_the_incremental_build(builds: dict) -> None:
    con = duckdb.connect(str(builds["copy"] / "warehouse.duckdb"), read_only=True)
    try:
        moved = con.execute(
            "select unit_code from marts.fct_dossiers where dossier_code = 'A04'"
        ).fetchone()
        day = con.execute(
            "select received, finished, pending_end from marts.rpt_ward_daily "
            "where ward_code = ? and day = ?",
            [WARD_A, NEW_DAY],
        ).fetchone()
    finally:
        con.close()
    assert moved == (WARD_B,)
    assert day[:2] == (1, 2)  # A90 received and finished; A05 finished


def test_the_why_late_rows_move_with_the_changed_dossiers(builds: dict) -> None:
    """The "why late" mart is among the tables compared with a full build above, and in the
    incremental build its rows followed the dossiers that changed: to another supplement group
    (A02), another field (A10), another ward and agency (A04, overdue), and off the overdue
    backlog on the day it finished late (B02)."""
    con = duckdb.connect(str(builds["copy"] / "warehouse.duckdb"), read_only=True)
    try:
        assert ("marts", "rpt_unit_lateness_daily") in _tables(con, "warehouse")

        def rows(sql: str, *params: object) -> list[tuple]:
            return con.execute(
                f"select {sql} from marts.rpt_unit_lateness_daily where unit_code = ? "
                "and day = ? group by all order by all",
                list(params),
            ).fetchall()

        a02 = rows("field_name, supplement_group, sum(finished)::int", WARD_A, "2025-07-02")
        a10 = rows("field_name, sum(finished)::int", WARD_A, "2025-07-04")
        b02 = rows(
            "agency_code, supplement_group, sum(finished)::int, sum(finished_late)::int, "
            "sum(overdue_change)::int",
            WARD_B,
            NEW_DAY,
        )
        backlog = con.execute(
            "select unit_code, agency_code, sum(overdue_change)::int "
            "from marts.rpt_unit_lateness_daily where day <= ? and unit_code in (?, ?) "
            "group by all having sum(overdue_change) <> 0 order by all",
            [NEW_DAY, WARD_A, WARD_B],
        ).fetchall()
    finally:
        con.close()
    assert ("Hộ tịch", "one", 1) in a02 and ("Hộ tịch", "none", 1) not in a02
    assert a10 == [("Đất đai", 2)]  # A10 beside A03, returned that day
    assert b02 == [("000.11.19.H46", "none", 1, 1, -1)]
    # at the end of the new day: A04 overdue in ward B through its agency; in ward A, A11 and
    # A12 (given by MaXa alone)
    assert backlog == [(WARD_B, "000.11.19.H46", 1), (WARD_A, "", 2)]


def test_a_catalogue_load_or_a_changed_project_makes_the_next_build_full(
    builds: dict, tmp_path: Path
) -> None:
    data: DataDir = builds["data"]
    assert plan_build(data).mode == "incremental"
    assert plan_build(data, full=True).mode == "full"
    catalogue = (builds["copy"].parent / "feeds" / "first" / "procedures.csv").read_text()
    procedures = tmp_path / "procedures_new.csv"
    procedures.write_text(catalogue.replace("Thủ tục riêng của Đà Nẵng", "Thủ tục riêng"))
    assert main(["ingest", str(procedures), "--data-dir", str(data.root)]) == 0
    plan = plan_build(data)
    assert plan.mode == "full" and "procedures" in plan.reason


def test_a_full_build_in_ranges_of_dossier_codes_publishes_the_same_tables(
    builds: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full build writes the dossier fact one range of dossier codes at a time (12 M raw rows
    a range; here 4, so the small world needs many): it publishes what a build in one range
    does, and each range is sorted by province, unit and received day, the ranges in code
    order."""
    data: DataDir = builds["data"]
    build(data, report=lambda line: None, docs=False, full=True)
    one_range = tmp_path / "one_range"
    one_range.mkdir()
    for path in (data.published, data.public):
        shutil.copy(path, one_range / path.name)
    monkeypatch.setenv("HAICAP_DBT_VARS", '{"dossiers_per_range": 4}')
    build(data, report=lambda line: None, docs=False, full=True)

    assert table_differences(one_range / "warehouse.duckdb", data.published) == {}
    assert table_differences(one_range / "public.duckdb", data.public) == {}
    con = duckdb.connect()
    try:
        con.execute(f"attach '{build_paths(data)['build_db']}' as b (read_only)")
        con.execute(f"attach '{data.published}' as p (read_only)")
        ranges = con.execute("select count(*) from b.staging.stg_dossiers__code_ranges").fetchone()[
            0
        ]
        # the fact in stored order (its table of rows), with the range each row's code falls in
        stored = con.execute(
            f"""select r.range_number, f.province_code, f.unit_code, f.received_day
               from p.marts.{FACT_ROWS} as f
               join b.staging.stg_dossiers__code_ranges as r
                 on (r.range_from is null or f.dossier_code >= r.range_from)
                 and (r.range_to is null or f.dossier_code < r.range_to)
               order by f.rowid"""
        ).fetchall()
        dossiers = con.execute("select count(*) from p.marts.fct_dossiers").fetchone()[0]
    finally:
        con.close()
    assert ranges >= 5
    assert len(stored) == dossiers  # every dossier in exactly one range
    # DuckDB sorts NULL received days (dossiers never received) last
    assert stored == sorted(stored, key=lambda row: (*row[:3], row[3] is None, row[3]))
