"""`haicap build` on a small world whose numbers are worked out by hand (tests/hand_world.py).

One world is ingested and built once for the module (dbt costs seconds per run); each test
opens the published files read-only and checks what a leader or a journalist would read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from haicap.cli import main
from tests.hand_world import WARD_A, WARD_B, write_bad_dossier, write_world
from warehouse.paths import DataDir

pytestmark = pytest.mark.slow

D = dt.date


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("build_world")
    files = write_world(root / "feeds")
    data = root / "data"
    assert main(["ingest", str(files["dossiers"].parent), "--data-dir", str(data)]) == 0
    # the status update of A10 arrives in a later file
    assert main(["ingest", str(files["update"]), "--data-dir", str(data)]) == 0
    assert main(["build", "--data-dir", str(data)]) == 0
    return data


def _rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _published(data: Path) -> Path:
    return data / "published" / "warehouse.duckdb"


COLUMNS = (
    "received, received_online, finished, finished_early, finished_on_time, "
    "finished_late, closed, pending_end, pending_overdue_end"
)

# Ward A (Kim Long), worked by hand from the world's dossiers:
# (received, online, finished, early, on time, late, closed, pending, pending overdue)
WARD_A_DAYS = {
    D(2025, 6, 27): (1, 0, 0, 0, 0, 0, 0, 1, 0),  # A11, inherited
    D(2025, 6, 30): (0, 0, 0, 0, 0, 0, 0, 1, 0),  # quiet day, still listed
    D(2025, 7, 1): (6, 1, 1, 0, 1, 0, 0, 6, 0),  # A01 same day; A08 (3), A09 (1) not received
    D(2025, 7, 2): (2, 1, 1, 1, 0, 0, 0, 7, 1),  # A02 early; A11 overdue (due 1 Jul)
    D(2025, 7, 3): (1, 0, 0, 0, 0, 0, 1, 7, 2),  # A07 withdrawn; A03 overdue
    # A03 late by NgayTra; A10 (updated in the later file) on time; A06 has 2 requests: overdue
    D(2025, 7, 4): (0, 0, 2, 0, 1, 1, 0, 5, 3),
    # A12 due 4 Jul, supplied 3 Jul: overdue; A05 due 4 Jul but waiting on the citizen: not
    D(2025, 7, 5): (0, 0, 0, 0, 0, 0, 0, 5, 4),
    D(2025, 7, 7): (1, 0, 0, 0, 0, 0, 0, 6, 4),  # A14 received at 16:00
    D(2025, 7, 8): (0, 0, 2, 0, 1, 1, 0, 4, 3),  # A06 late (2 requests) though early; A14
    D(2025, 9, 2): (0, 0, 1, 1, 0, 0, 0, 4, 3),  # A13 finished on a public holiday
}


def test_ward_daily_matches_hand_counts(world: Path) -> None:
    for day, expected in WARD_A_DAYS.items():
        rows = _rows(
            _published(world),
            f"select {COLUMNS} from marts.rpt_ward_daily where ward_code = ? and day = ?",
            [WARD_A, day],
        )
        assert rows == [expected], day


def test_ward_daily_covers_every_day_to_the_as_of_day(world: Path) -> None:
    first, last, days = _rows(
        _published(world),
        "select min(day), max(day), count(*) from marts.rpt_ward_daily where ward_code = ?",
        [WARD_A],
    )[0]
    assert (first, last) == (D(2025, 6, 27), D(2025, 9, 2))
    assert days == (last - first).days + 1
    # ward B starts on its first received day; the province-level row is not a ward
    assert _rows(
        _published(world), "select min(day) from marts.rpt_ward_daily where ward_code = ?", [WARD_B]
    ) == [(D(2025, 7, 1),)]
    assert _rows(
        _published(world),
        "select count(*) from marts.rpt_ward_daily "
        "where ward_code not in (select ward_code from marts.dim_ward)",
    ) == [(0,)]


def test_ward_and_province_monthly(world: Path) -> None:
    july = D(2025, 7, 1)
    ward = {
        r[0]: r[1:]
        for r in _rows(
            _published(world),
            f"select ward_code, {COLUMNS} from marts.rpt_ward_monthly where month = ?",
            [july],
        )
    }
    assert ward[WARD_A] == (10, 2, 6, 1, 3, 2, 1, 4, 3)
    assert ward[WARD_B] == (2, 0, 1, 0, 1, 0, 0, 1, 1)  # B01 and B02 via the agency
    province = _rows(
        _published(world),
        f"select {COLUMNS} from marts.rpt_province_monthly where province_code = '46' "
        "and month = ?",
        [july],
    )
    # + province level: T01 early, T02 pending and overdue from 21 Jul
    assert province == [(14, 3, 8, 2, 4, 2, 1, 6, 5)]
    level = _rows(
        _published(world),
        f"select {COLUMNS} from marts.rpt_province_level_monthly "
        "where province_code = '46' and month = ?",
        [july],
    )
    assert level == [(2, 1, 1, 1, 0, 0, 0, 1, 1)]
    # the month not over takes its stocks on the as-of day
    assert _rows(
        _published(world),
        "select pending_end, stock_day from marts.rpt_ward_monthly "
        "where ward_code = ? and month = '2025-09-01'",
        [WARD_A],
    ) == [(4, D(2025, 9, 2))]


def test_wards_plus_province_level_reconcile_with_province(world: Path) -> None:
    diff = _rows(
        _published(world),
        f"""
        with parts as (
            select province_code, month, {COLUMNS} from marts.rpt_ward_monthly
            union all
            select province_code, month, {COLUMNS} from marts.rpt_province_level_monthly)
        select p.province_code, p.month
        from (select province_code, month, sum(received) received, sum(finished) finished,
                     sum(finished_late) finished_late, sum(closed) closed,
                     sum(pending_overdue_end) pending_overdue_end
              from parts group by all) s
        join marts.rpt_province_monthly p using (province_code, month)
        where s.received <> p.received or s.finished <> p.finished
           or s.finished_late <> p.finished_late or s.closed <> p.closed
           or s.pending_overdue_end <> p.pending_overdue_end""",
    )
    assert diff == []


def test_dossier_fact_rules(world: Path) -> None:
    rows = {
        r[0]: r[1:]
        for r in _rows(
            _published(world),
            """
        select dossier_code, timeliness, due_day, supplement_requests, processing_working_days,
               statutory_working_days, unit_code
        from marts.fct_dossiers""",
        )
    }
    # two requests: late though finished before its due; 5 working days less 2 waiting
    assert rows["A06"] == ("late", D(2025, 7, 14), 2, 3, 10, WARD_A)
    # finished on National Day (2 Sep): no working day between Fri 29 Aug and it
    assert rows["A13"][0] == "early" and rows["A13"][3] == 0
    # same-day procedure received after 15:00: the statutory time is one working day
    assert rows["A14"][4] == 1 and rows["A14"][3] == 1
    assert rows["A10"][0] == "on_time"  # the later file's status wins
    assert rows["T01"][5] == "tinh_46"
    assert rows["B01"][5] == WARD_B
    columns = {
        r[0]
        for r in _rows(
            _published(world),
            """
        select column_name from information_schema.columns where table_schema = 'marts'""",
        )
    }
    assert not any("hash" in c.lower() or "sogiayto" in c.lower() for c in columns)


def test_public_file_holds_only_suppressed_aggregates(world: Path) -> None:
    public = world / "published" / "public.duckdb"
    schemas = {
        r[0] for r in _rows(public, "select distinct table_schema from information_schema.tables")
    }
    assert schemas == {"pub"}
    columns = {
        r[0].lower() for r in _rows(public, "select column_name from information_schema.columns")
    }
    assert "dossier_code" not in columns and not any("hash" in c for c in columns)
    rows = {
        r[0]: r[1:]
        for r in _rows(
            public,
            """
        select unit_code, received, received_withheld, finished, finished_withheld, on_time_rate
        from pub.pub_unit_monthly where month = '2025-07-01'""",
        )
    }
    # 10 received, 6 finished (small): received is withheld with finished, as a unit cannot
    # finish more than it had (a published 10 would bound the withheld 6, and the reverse)
    assert rows[WARD_A] == (None, True, None, True, None)
    assert rows[WARD_B] == (None, True, None, True, None)
    assert rows["tinh_46"][:2] == (None, True)
    province = _rows(
        public,
        "select received, finished, finished_withheld from "
        "pub.pub_province_monthly where province_code = '46' "
        "and month = '2025-07-01'",
    )
    assert province == [(None, None, True)]  # 14 received, 9 finished: the same pair


def test_build_info_and_docs_are_published(world: Path) -> None:
    build_id, as_of = _rows(_published(world), "select build_id, as_of_day from marts.build_info")[
        0
    ]
    assert as_of == D(2025, 9, 2) and build_id
    docs = world / "published" / "docs"
    assert (docs / "index.html").exists()
    # generated by the build's own dbt process, after the models: the catalog has the tables
    catalog = json.loads((docs / "catalog.json").read_text())
    assert "dossier_code" in catalog["nodes"]["model.haicap.fct_dossiers"]["columns"]


def test_failed_test_publishes_nothing(world: Path, tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(world, data)
    published = _published(data)
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    bad = write_bad_dossier(tmp_path / "bad")
    assert main(["ingest", str(bad), "--data-dir", str(data)]) == 0
    assert "unknown_procedure" in capsys.readouterr().out  # today's ingest quarantines it
    # ...but a raw layer written by hand (or by an older ingest) can still hold such a row:
    # the build's own test must stop it from being published.
    con = duckdb.connect(str(data / "work" / "warehouse.duckdb"))
    con.execute(
        """insert into raw.dossiers (MaHoSo, MaTTHC, MaXa, KenhThucHien, TrangThaiHoSo,
               NgayTiepNhan, NgayHenTra, _load_id, _row)
           values ('X01', '9.000001', ?, 1, 4, timestamp '2025-07-02 08:00',
                   timestamp '2025-07-09 17:00', 999, 2)""",
        [WARD_A],
    )
    con.close()
    assert main(["build", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "nothing was published" in err and "statutory_unit" in err
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before
    assert not list(published.parent.glob(".*.duckdb"))


def test_failed_docs_still_publish_the_build(
    world: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """The documentation runs in the build's dbt process after the models: when it fails, the
    build still publishes (its tests passed), says so, and the last docs stay published."""
    import warehouse.build

    data = tmp_path / "data"
    shutil.copytree(world, data)
    before = _rows(_published(data), "select build_id from marts.build_info")[0][0]
    docs_before = (data / "published" / "docs" / "catalog.json").read_bytes()
    monkeypatch.setattr(warehouse.build, "DOCS_GENERATE", ["docs", "generate", "--no-such-flag"])
    assert main(["build", "--full", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "warning: dbt docs generate failed" in out
    after = _rows(_published(data), "select build_id from marts.build_info")[0][0]
    assert after != before
    assert (data / "published" / "docs" / "catalog.json").read_bytes() == docs_before


def test_build_without_a_warehouse_says_what_to_do(tmp_path: Path, capsys) -> None:
    assert main(["build", "--data-dir", str(tmp_path / "empty")]) == 1
    assert "haicap ingest" in capsys.readouterr().err


def test_backlog_staffing_premises_and_processing(world: Path) -> None:
    db = _published(world)
    # A11, received 27 Jun, is Kim Long's inherited backlog, still open on the as-of day
    assert _rows(
        db,
        "select inherited, remaining, land, cleared_day from "
        "marts.rpt_inherited_backlog where unit_code = ?",
        [WARD_A],
    ) == [(1, 1, 1, None)]
    # on 10 Jul Kim Long has 4 pending: A04, A05, A12 received 1-2 Jul (8-9 days old) and
    # A11 in the inherited cohort (13 days old)
    ageing = dict(
        _rows(
            db,
            """
        select cohort, age_6_15_days from marts.rpt_backlog_ageing_daily
        where unit_code = ? and day = '2025-07-10'""",
            [WARD_A],
        )
    )
    assert ageing == {"inherited": 1, "since_reform": 3}
    staffing = _rows(
        db,
        "select ward_code, in_post, quota, has_nobody_land, has_nobody_it "
        "from marts.rpt_staffing_ward order by ward_code",
    )
    assert staffing == [(WARD_B, 3, 4, False, True), (WARD_A, 5, 6, True, False)]
    # Kim Long: 40 m² for 5 people in post is below the 10 m² norm; Vỹ Dạ's vacant
    # headquarters (500 m², vacant since Dec 2024) is the candidate
    assert _rows(
        db, "select ward_code, asset_code, asset_ward_code from marts.rpt_premises_reuse_candidates"
    ) == [(WARD_A, "TS3", WARD_B)]
    assert _rows(
        db,
        "select long_vacant, far_offices from marts.rpt_assets_ward where ward_code = ?",
        [WARD_B],
    ) == [(1, 1)]
    # Đất đai in Huế: A03 (Tue 1 -> Fri 4 Jul: 3 working days), A06 (5 less 2 waiting: 3)
    rows = _rows(
        db,
        """select finished, finished_late, median_working_days
                        from marts.rpt_procedure_processing
                        where province_code = '46' and procedure_code = '1.000002'""",
    )
    assert rows == [(2, 2, 3.0)]


def test_alert_thresholds_are_variables(world: Path, tmp_path: Path, monkeypatch) -> None:
    """With the land threshold lowered to this world's size, Kim Long (both land dossiers late,
    nobody in post for land) gets a land alert with a sentence saying why."""
    data = tmp_path / "data"
    shutil.copytree(world, data)
    monkeypatch.setenv("HAICAP_DBT_VARS", '{"alert_land_min_finished": 2}')
    assert main(["build", "--data-dir", str(data)]) == 0
    alerts = _rows(
        _published(data),
        "select unit_code, alert_kind, severity, since_day, reason from marts.rpt_alerts",
    )
    assert len(alerts) == 1
    unit, kind, severity, since, reason = alerts[0]
    assert (unit, kind, severity, since) == (WARD_A, "land_late_no_staff", "high", D(2025, 8, 1))
    assert "100,0 % hồ sơ đất đai trễ hạn" in reason


def test_a_dbt_that_does_not_finish_is_stopped_with_a_message(
    world: Path, tmp_path: Path, monkeypatch
) -> None:
    """The dbt child process has a time limit (HAICAP_DBT_TIMEOUT): a build that reaches it
    publishes nothing and says which setting to raise."""
    from warehouse.build import run_dbt

    shutil.copytree(world, tmp_path / "data")
    data = DataDir.resolve(tmp_path / "data")
    monkeypatch.setenv("HAICAP_DBT_TIMEOUT", "0.5")
    outcome = run_dbt(data, ["build", "--no-use-colors"])
    assert not outcome["success"]
    assert "did not finish within 0.5 s" in outcome["failures"][0]
    assert "HAICAP_DBT_TIMEOUT" in outcome["failures"][0]
