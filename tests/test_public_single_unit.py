"""A province whose feeds hold a single unit with data (as when a province starts sending one
commune at a time) — the shape that stopped every build from publishing: the build publishes,
and the province's figures do not give away the unit's withheld ones (they are the same
numbers)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.hand_world import DOSSIER_HEADER, HT, WARD_N, _write, write_world

pytestmark = pytest.mark.slow


def single_commune_dossiers() -> list[tuple]:
    """Province 11's only commune: 40 dossiers received and finished in July 2025, 3 late."""
    rows = []
    for n in range(40):
        day = 1 + n % 28
        late = n < 3
        rows.append(
            (
                f"N{n:03d}",
                HT,
                WARD_N,
                "",
                2,
                10,
                f"2025-07-{day:02d} 08:00",
                f"2025-07-{day:02d} 17:00",
                f"2025-07-{day + 2 if late else day:02d} 16:00",
                "",
                "",
                1,
                0,
            )
        )
    return rows


def public_rows(data: Path, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(data / "published" / "public.duckdb"), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_a_province_with_one_commune_publishes_and_withholds_its_total(cli, data_dir, tmp_path):
    files = write_world(tmp_path / "feeds")
    _write(
        tmp_path / "feeds" / "first" / "dossiers_11.csv", DOSSIER_HEADER, single_commune_dossiers()
    )
    assert cli("ingest", str(tmp_path / "feeds" / "first")).code == 0, files
    built = cli("build")
    assert built.code == 0, built.out + built.err
    unit = public_rows(
        data_dir,
        """select received, finished, finished_withheld, finished_late_withheld, on_time_rate
           from pub.pub_unit_monthly where ward_code = ? and month = '2025-07-01'""",
        WARD_N,
    )
    province = public_rows(
        data_dir,
        """select received, finished, finished_withheld, on_time_rate
           from pub.pub_province_monthly where province_code = '11' and month = '2025-07-01'""",
    )
    # 3 late: the finished family is withheld in the commune, received with finished (a unit
    # cannot finish more than it had), and so the province's figures, the same numbers
    assert unit[0] == (None, None, True, True, None)
    assert province[0] == (None, None, True, None)
    # the build published the rest of the world: Huế's months are there
    assert public_rows(data_dir, "select count(*) from pub.pub_province_monthly")[0][0] > 1
