"""Fault isolation in publishing (issue 17), and the Data page's scope (issue 18, item 5).

A failing check of the journalists' layer must not keep the leaders' numbers stale: the
leaders' file is published, the public file stays at its last good build, and the build's
exit message, `haicap status` and the Data page name the failed check and the province. A
failing leaders' check publishes nothing and names the province and the first failing rows.

The failures are forced by the project's drills (dbt_project/tests/drills/), which fail only
when a var names a province: a real data shape that trips the public layer today may not trip
it after the next fix, and this behaviour must stay tested whatever the public layer computes.

One world is built through a sequence of builds, once for the module (each build costs
seconds); each stage's outcome and a copy of its published folder are kept for the tests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from haicap.cli import main
from tests.browser.world import APP
from tests.hand_world import DOSSIER_HEADER, WARD_A, WARD_N, _write, write_world
from tests.test_app import sign_in
from warehouse import queries as q

pytestmark = pytest.mark.slow

PUBLIC_DRILL = "assert_drill_public_layer"
LEADERS_DRILL = "assert_drill_leaders_layer"
WARD_OF_11 = WARD_N  # Xã Na Son, province 11


def _run(data: Path, *args: str, dbt_vars: dict | None = None) -> dict:
    """`haicap <args>` on `data`, with HAICAP_DBT_VARS set to `dbt_vars` (or unset)."""
    old = os.environ.pop("HAICAP_DBT_VARS", None)
    if dbt_vars:
        os.environ["HAICAP_DBT_VARS"] = json.dumps(dbt_vars)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([args[0], "--data-dir", str(data), *args[1:]])
    finally:
        os.environ.pop("HAICAP_DBT_VARS", None)
        if old is not None:
            os.environ["HAICAP_DBT_VARS"] = old
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def _file_state(path: Path, schema: str) -> dict:
    """What a published file is: its bytes' digest, its mtime, its build id."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        build_id = con.execute(f"select build_id from {schema}.build_info").fetchone()[0]
    finally:
        con.close()
    return {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "mtime_ns": path.stat().st_mtime_ns,
        "build_id": build_id,
    }


def _files(data: Path) -> dict:
    published = data / "published"
    return {
        "leaders": _file_state(published / "warehouse.duckdb", "marts"),
        "public": _file_state(published / "public.duckdb", "pub"),
    }


def _snapshot(data: Path, name: str, root: Path) -> Path:
    """A copy of the data folder's published files, for the page tests of one stage."""
    copy = root / "snapshots" / name
    shutil.copytree(data / "published", copy / "published", ignore=shutil.ignore_patterns("*.lock"))
    return copy


def _mixed_file(folder: Path) -> Path:
    """A dossier file of two provinces, with quarantined rows of each: one accepted and one
    quarantined dossier of province 46, two quarantined dossiers of province 11."""

    def row(code: str, ward: str, received: str) -> tuple:
        return (code, "1.000001", ward, "", 1, 4, received, "2025-07-20 17:00", "", "", "", 0, 0)

    return _write(
        folder / "dossiers_mixed.csv",
        DOSSIER_HEADER,
        [
            row("M46-OK", WARD_A, "2025-07-15 08:00"),
            row("M46-BAD", WARD_A, "31/02/2025 08:00"),
            row("M11-BAD1", WARD_OF_11, "31/02/2025 08:00"),
            row("M11-BAD2", WARD_OF_11, "2025-13-45 08:00"),
        ],
    )


@pytest.fixture(scope="module")
def stages(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("isolation")
    files = write_world(root / "feeds")
    data = root / "data"
    stages: dict = {"data": data}
    assert main(["ingest", str(files["dossiers"].parent), "--data-dir", str(data)]) == 0
    assert (
        main(["ingest", str(_mixed_file(root / "feeds" / "mixed")), "--data-dir", str(data)]) == 0
    )

    # 1. a good build publishes both files
    stages["good"] = _run(data, "build")
    stages["good"]["files"] = _files(data)
    stages["good"]["snapshot"] = _snapshot(data, "good", root)

    # 2. the public layer fails (province 46): the leaders' file only
    drill = {"drill_public_fail_province": "46"}
    stages["public_failed"] = _run(data, "build", dbt_vars=drill)
    stages["public_failed"]["files"] = _files(data)
    stages["public_failed"]["status"] = json.loads(_run(data, "status", "--json")["out"])
    stages["public_failed"]["status_text"] = _run(data, "status")["out"]
    stages["public_failed"]["snapshot"] = _snapshot(data, "public_failed", root)

    # 3. new loads, the public layer still failing: the next build is incremental and sound
    assert main(["ingest", str(files["update"]), "--data-dir", str(data)]) == 0
    stages["incremental"] = _run(data, "build", dbt_vars=drill)
    stages["incremental"]["files"] = _files(data)
    stages["incremental"]["marts"] = _marts(data)
    stages["full"] = _run(data, "build", "--full", dbt_vars=drill)
    stages["full"]["marts"] = _marts(data)

    # 4. a leaders' check fails: nothing is published
    before = _files(data)
    stages["leaders_failed"] = _run(data, "build", dbt_vars={"drill_leaders_fail_province": "46"})
    stages["leaders_failed"]["before"] = before
    stages["leaders_failed"]["files"] = _files(data)
    stages["leaders_failed"]["status_text"] = _run(data, "status")["out"]

    # 5. the public layer passes again: both files, from the same build
    stages["recovered"] = _run(data, "build")
    stages["recovered"]["files"] = _files(data)
    stages["recovered"]["status"] = json.loads(_run(data, "status", "--json")["out"])
    stages["recovered"]["snapshot"] = _snapshot(data, "recovered", root)
    return stages


def _marts(data: Path) -> dict:
    con = duckdb.connect(str(data / "published" / "warehouse.duckdb"), read_only=True)
    try:
        return {
            table: con.execute(
                f"select * exclude (_build_id) from marts.{table} order by all"
            ).fetchall()
            for table in ("rpt_ward_daily", "rpt_ward_monthly", "rpt_province_monthly")
        }
    finally:
        con.close()


# -- the build ---------------------------------------------------------------------------------


def test_a_good_build_publishes_both_files(stages):
    good = stages["good"]
    assert good["code"] == 0, good["err"]
    assert good["files"]["leaders"]["build_id"] == good["files"]["public"]["build_id"]


def test_a_public_only_failure_publishes_the_leaders_file_and_keeps_the_public_one(stages):
    good, failed = stages["good"]["files"], stages["public_failed"]["files"]
    assert failed["leaders"]["build_id"] != good["leaders"]["build_id"]
    assert failed["public"] == good["public"]  # bytes, mtime and build id: untouched


def test_the_exit_message_says_what_was_and_was_not_published(stages):
    run = stages["public_failed"]
    assert run["code"] == 1  # the job is not done: a scheduler must alert someone
    leaders = run["files"]["leaders"]["build_id"]
    kept = stages["good"]["files"]["public"]["build_id"]
    assert f"the leaders' file WAS published (build {leaders})" in run["err"]
    assert (
        f"the public file was NOT published and stays at its last good build ({kept})"
        in (run["err"])
    )
    assert PUBLIC_DRILL in run["err"] and "province 46 Thành phố Huế" in run["err"]
    assert "published warehouse:" in run["out"] and "published public:" not in run["out"]


def test_an_incremental_build_after_a_public_failure_equals_a_full_one(stages):
    incremental, full = stages["incremental"], stages["full"]
    assert "dbt build (incremental" in incremental["out"], incremental["out"]
    assert incremental["code"] == 1 and full["code"] == 1
    assert incremental["files"]["public"] == stages["good"]["files"]["public"]
    assert incremental["marts"] == full["marts"]


def test_a_leaders_failure_publishes_nothing_and_names_the_province_and_rows(stages):
    run = stages["leaders_failed"]
    assert run["code"] == 1
    assert run["files"] == run["before"]
    assert "nothing was published" in run["err"]
    assert LEADERS_DRILL in run["err"] and "province 46 Thành phố Huế" in run["err"]
    assert "first failing rows: {province_code=46, month=2025-06-01" in run["err"], run["err"]
    assert "Last build FAILED" in run["status_text"] and LEADERS_DRILL in run["status_text"]


def test_the_public_file_follows_again_once_its_layer_passes(stages):
    run = stages["recovered"]
    assert run["code"] == 0, run["err"]
    files = run["files"]
    assert files["public"]["build_id"] == files["leaders"]["build_id"]
    assert run["status"]["published"]["public_failures"] == []
    assert run["status"]["published"]["public_published"] is True


# -- status --------------------------------------------------------------------------------------


def test_status_names_the_failed_check_and_the_province(stages):
    status = stages["public_failed"]["status"]["published"]
    assert status["public_published"] is False
    assert status["public"]["build_id"] == stages["good"]["files"]["public"]["build_id"]
    [check] = status["public_failures"]
    assert check["check"] == PUBLIC_DRILL
    assert check["provinces"] == [{"code": "46", "name": "Thành phố Huế"}]
    text = stages["public_failed"]["status_text"]
    assert "NOT updated by build" in text and PUBLIC_DRILL in text and "46 Thành phố Huế" in text


# -- the Data page -------------------------------------------------------------------------------


@contextlib.contextmanager
def _data_dir(folder: Path):
    old = os.environ.get("HAICAP_DATA_DIR")
    os.environ["HAICAP_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("HAICAP_DATA_DIR", None)
        else:
            os.environ["HAICAP_DATA_DIR"] = old


def _data_page(role: str = "leader", province: str | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    sign_in(at, role, province)
    at.run()
    shown = [e.value for e in (*at.exception, *at.warning, *at.info, *at.error)]
    assert "account" in at.session_state, shown
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _tables(at: AppTest) -> list:
    return [frame.value for frame in at.dataframe]


def test_the_data_page_shows_the_public_failure_to_leaders(stages):
    with _data_dir(stages["public_failed"]["snapshot"]):
        warnings = " ".join(w.value for w in _data_page().warning)
    assert PUBLIC_DRILL in warnings and "46 Thành phố Huế" in warnings, warnings
    kept = stages["good"]["files"]["public"]["build_id"]
    assert kept in warnings
    with _data_dir(stages["recovered"]["snapshot"]):
        assert not [w for w in _data_page().warning if PUBLIC_DRILL in w.value]


def test_the_data_page_names_the_time_zone_of_its_times(stages):
    with _data_dir(stages["good"]["snapshot"]):
        at = _data_page()
    assert "Asia/Ho_Chi_Minh" in " ".join(i.value for i in at.info)
    loads = _tables(at)[0]
    assert any("Asia/Ho_Chi_Minh" in str(column) for column in loads.columns), loads.columns


def test_the_build_time_is_local_like_the_load_times(stages):
    """Both are stamped in Asia/Ho_Chi_Minh: a build made just after a load is not hours
    before it (the build stamp was the machine's zone, the loads Vietnam's)."""
    with _data_dir(stages["good"]["snapshot"]):
        built = q.build_info(q.Scope())["built_at"]
        last_load = q.load_log(q.Scope())["load_finished_at"].max()
    assert dt.timedelta(0) <= built - last_load < dt.timedelta(minutes=30)


# -- the Data page's scope (issue 18, item 5) ----------------------------------------------------


def test_load_log_and_quarantine_are_scoped_in_the_query_layer(stages):
    with _data_dir(stages["recovered"]["snapshot"]):
        everyone = q.load_log(q.Scope())
        hue = q.load_log(q.Scope("leader", "46"))
        na_son = q.load_log(q.Scope("council", "11"))
        quarantine = {
            scope: q.quarantine(q.Scope(role, scope))
            for role, scope in (("leader", None), ("leader", "46"), ("council", "11"))
        }
    assert "procedures.csv" in everyone["file_name"].to_list()
    # province 11 sent rows only in the two dossier files: it sees those, with its rows only
    assert sorted(na_son["file_name"].to_list()) == ["dossiers_2025-07.csv", "dossiers_mixed.csv"]
    mixed = {r["file_name"]: r for r in na_son.to_dicts()}["dossiers_mixed.csv"]
    assert (mixed["rows_read"], mixed["rows_accepted"], mixed["rows_quarantined"]) == (2, 0, 2)
    mixed_46 = {r["file_name"]: r for r in hue.to_dicts()}["dossiers_mixed.csv"]
    assert (mixed_46["rows_read"], mixed_46["rows_accepted"], mixed_46["rows_quarantined"]) == (
        2,
        1,
        1,
    )
    assert "staffing.csv" in hue["file_name"].to_list()
    assert quarantine[None]["rows_quarantined"].sum() == 3
    assert quarantine["46"]["rows_quarantined"].sum() == 1
    assert quarantine["11"]["rows_quarantined"].sum() == 2


def test_a_province_viewer_sees_only_their_files_on_the_data_page(stages):
    with _data_dir(stages["recovered"]["snapshot"]):
        at = _data_page("council", "11")
    loads, quarantined = _tables(at)[:2]
    files = loads.iloc[:, 0].tolist()
    assert sorted(files) == ["dossiers_2025-07.csv", "dossiers_mixed.csv"], files
    # the rows quarantined: the figure, drawn beside the feed (pages/_kit.metric_block)
    assert sum(int(n) for n in quarantined.iloc[:, 1]) == 2, quarantined
