"""`haicap status`: what is loaded, and which build is published, up to which day."""

from __future__ import annotations

import datetime as dt
import json

import duckdb

from tests.feedkit import dossier, reference, write


def test_status_before_anything_is_loaded(cli):
    run = cli("status")
    assert run.code == 0
    assert "Nothing loaded yet" in run.out and "nothing yet (run haicap build)" in run.out


def test_status_reports_loads_and_the_published_build(tmp_path, cli, data_dir):
    reference(tmp_path)
    write(tmp_path / "dossiers_1.csv", [dossier("S-1"), dossier("S-2", MaXa="1")])
    cli("ingest", tmp_path)
    published = data_dir / "published" / "warehouse.duckdb"
    con = duckdb.connect(str(published))
    con.execute("create schema marts")
    con.execute(
        "create table marts.build_info as select 'b-42' as build_id, "
        "timestamp '2025-11-01 06:00:00' as built_at, date '2025-10-31' as as_of_day"
    )
    con.close()
    report = json.loads(cli("status", "--json").out)
    assert report["loads"]["files"] == 3
    assert report["feeds"]["dossiers"]["rows"] == 1
    assert report["quarantine"] == [
        {"feed": "dossiers", "rule": "unknown_ward", "field": "MaXa", "rows": 1}
    ]
    assert report["latest_dossier_day"] == "2025-07-01"
    assert report["published"]["build_id"] == "b-42"
    assert report["published"]["as_of_day"] == "2025-10-31"
    assert report["published"]["built_at"] == "2025-11-01 06:00:00"
    text = cli("status").out
    assert "build b-42 of 2025-11-01 06:00:00" in text and "data up to 2025-10-31" in text
    assert dt.date.fromisoformat(report["latest_dossier_day"]) < dt.date(2025, 10, 31)


def _stamp(path, schema: str, build_id: str, **extra) -> None:
    """A published file holding only its build stamp (`<schema>.build_info`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(f"create schema {schema}")
    columns = "".join(f", ? as {name}" for name in extra)
    con.execute(
        f"create table {schema}.build_info as select ? as build_id, "
        f"timestamp '2025-11-01 06:00:00' as built_at, date '2025-10-31' as as_of_day{columns}",
        [build_id, *extra.values()],
    )
    con.close()


def test_status_says_the_public_file_was_kept_and_why(cli, data_dir):
    """After a build whose public layer failed: which build the public file still holds, the
    failed check and its province, in text and JSON."""
    failures = [
        {
            "check": "assert_public_complementary_suppression",
            "kind": "test",
            "status": "fail",
            "message": "Got 1 result, configured to fail if != 0",
            "public": True,
            "provinces": [{"code": "11", "name": "Tỉnh Điện Biên"}],
            "rows": [{"province_code": "11", "month": "2025-07-01", "withheld_cells": 1}],
        }
    ]
    published = data_dir / "published"
    _stamp(
        published / "warehouse.duckdb",
        "marts",
        "b-43",
        public_published=False,
        public_build_id="b-42",
        public_failures=json.dumps(failures),
    )
    _stamp(published / "public.duckdb", "pub", "b-42")
    report = json.loads(cli("status", "--json").out)["published"]
    assert report["public_published"] is False
    assert report["public"]["build_id"] == "b-42"
    assert report["public_failures"][0]["check"] == "assert_public_complementary_suppression"
    assert report["public_failures"][0]["provinces"] == [{"code": "11", "name": "Tỉnh Điện Biên"}]
    assert report["time_zone"] == "Asia/Ho_Chi_Minh"
    text = cli("status").out
    assert "Public (journalists'):" in text and "build b-42" in text
    assert "NOT updated by build b-43" in text
    assert (
        "assert_public_complementary_suppression" in text and "province 11 Tỉnh Điện Biên" in text
    )
    assert "first failing rows: {province_code=11, month=2025-07-01, withheld_cells=1}" in text
    assert "2025-11-01 06:00:00 Asia/Ho_Chi_Minh" in text


def test_status_reads_stamps_of_builds_before_the_isolation(cli, data_dir):
    """A leaders' file stamped before the public layer was isolated has no public columns:
    both files came from the build then."""
    published = data_dir / "published"
    _stamp(published / "warehouse.duckdb", "marts", "b-41")
    _stamp(published / "public.duckdb", "pub", "b-41")
    report = json.loads(cli("status", "--json").out)["published"]
    assert report["public_published"] is True and report["public_failures"] == []
    assert "NOT updated" not in cli("status").out
