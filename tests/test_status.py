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
