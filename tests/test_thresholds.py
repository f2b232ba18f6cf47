"""The thresholds of withholding are defined once, as dbt vars: a build run with other vars
(HAICAP_DBT_VARS) withholds by them, writes them into the published files' build_info, and
the public edition's words quote them from there."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
from streamlit.testing.v1 import AppTest

from tests.hand_world import DOSSIER_HEADER, HT, WARD_N, _write, write_world
from warehouse import public_queries as pq
from warehouse import queries as q

ROOT = Path(__file__).resolve().parents[1]


def on_time_commune_dossiers(count: int = 40) -> list[tuple]:
    """Province 11's only commune: `count` dossiers received and finished on their day in
    July 2025, none late (no small count beside them to withhold them with)."""
    return [
        (
            f"N{n:03d}",
            HT,
            WARD_N,
            "",
            2,
            10,
            f"2025-07-{1 + n % 28:02d} 08:00",
            f"2025-07-{1 + n % 28:02d} 17:00",
            f"2025-07-{1 + n % 28:02d} 16:00",
            "",
            "",
            1,
            0,
        )
        for n in range(count)
    ]


def methodology_text() -> str:
    at = AppTest.from_file(str(ROOT / "pages" / "public" / "methodology.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)


def test_withholding_and_its_words_follow_the_dbt_vars(cli, data_dir, tmp_path, monkeypatch):
    write_world(tmp_path / "feeds")
    _write(
        tmp_path / "feeds" / "first" / "dossiers_11.csv",
        DOSSIER_HEADER,
        on_time_commune_dossiers(),
    )
    assert cli("ingest", str(tmp_path / "feeds" / "first")).code == 0
    monkeypatch.setenv("HAICAP_DATA_DIR", str(data_dir))
    # 40 dossiers: withheld below a minimum of 50 (and a rate on them below 60); published
    # with a minimum of 30 (and 35)
    for min_count, min_denominator, withheld in ((50, 60, True), (30, 35, False)):
        monkeypatch.setenv(
            "HAICAP_DBT_VARS",
            json.dumps({"public_min_count": min_count, "public_min_denominator": min_denominator}),
        )
        built = cli("build")
        assert built.code == 0, built.out + built.err
        # read through the query layer: it reopens the replaced file (a second plain
        # connection in this process would get DuckDB's cached instance of the old one)
        july = pq.ward_monthly(WARD_N).filter(pl.col("month") == dt.date(2025, 7, 1))
        unit = july.select("received", "received_withheld", "on_time_rate_withheld").row(0)
        # 41: the first batch has one dossier of the commune too
        assert unit == ((None, True, True) if withheld else (41, False, False))
        assert pq.thresholds() == {
            "min_count": min_count,
            "max_small": min_count - 1,
            "min_denominator": min_denominator,
        }
        assert q.build_info(q.Scope())["thresholds"]["public_min_count"] == min_count
        text = methodology_text()
        assert f"từ 1 đến {min_count - 1} không" in text
        assert f"nhỏ hơn {min_count} (hay tỷ lệ tính trên ít hơn {min_denominator} hồ" in text
        assert "nhỏ hơn 10 " not in text and "từ 1 đến 9 " not in text
