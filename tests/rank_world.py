"""A small world whose rankings and causes of lateness are known by construction, built for
real (ingest, build) once per test process and shared by tests/test_rankings.py and
tests/test_why_late.py.

July 2025, the as-of day 31 July (Na Son's last dossier ends that day):

- Kim Long (A, 19810): 30 civil-status dossiers on time; 10 land dossiers finished late on
  20 July (4 with two supplement requests, 3 with one, 3 with none); 2 land dossiers pending,
  due 15 July: overdue. Its land post is empty (quota 2, nobody in post): land is why it is
  late. 40 finished, 75 % on time, 2 overdue of 42 received.
- Vỹ Dạ (B, 19777, through its agency, no MaXa): 25 on time; 8 pending, due 10 July: the most
  overdue ward (8 of 33 received).
- Phú Xuân (C, 19768): 20 on time, 1 late; nothing overdue.
- Thuận Hóa (D, 19786): 5 on time: under the 20 finished a ward needs to be ranked.
- Na Son (N, 03203, province 11): 22 on time, 1 pending due 20 July: overdue.

Province 46: 10 overdue, 80 of 91 on time; province 11: 1 overdue, 22 of 22 on time. The 32
other provinces have no dossier and no rank.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path

from demo.catalogue import PROCEDURE_COLUMNS
from haicap.cli import main
from tests.hand_world import (
    AGENCIES,
    ASSET_HEADER,
    DD,
    DOSSIER_HEADER,
    HT,
    PROCEDURES,
    STAFFING_HEADER,
    SUPPLEMENT_HEADER,
    WARD_A,
    WARD_B,
    WARD_N,
    _write,
    asset_rows,
    staffing_rows,
)

WARD_C, WARD_D = "19768", "19786"
AGENCY_B = "000.11.19.H46"
JULY = (dt.date(2025, 7, 1), dt.date(2025, 7, 31))


def _at(day: int, hour: int = 9) -> str:
    return f"2025-07-{day:02d} {hour:02d}:00"


def _dossier(code: str, procedure: str, ward: str, received: int, due: int, ended: int | None):
    """A dossier of July: finished (status 10) on `ended`, or pending (status 4)."""
    ward_code, agency = ("", AGENCY_B) if ward == WARD_B else (ward, "")
    status = 10 if ended else 4
    end = _at(ended, 15) if ended else ""
    return (code, procedure, ward_code, agency, 1, status, _at(received), _at(due, 17), end, "", "")


def dossiers() -> list[tuple]:
    rows = []
    for i in range(30):  # A: civil status, on time
        rows.append(_dossier(f"RA{i:02d}", HT, WARD_A, 1 + i % 9, 10, 10))
    for i in range(10):  # A: land, late
        rows.append(_dossier(f"RL{i:02d}", DD, WARD_A, 1, 10, 20))
    for i in range(2):  # A: land, overdue
        rows.append(_dossier(f"RP{i:02d}", DD, WARD_A, 2, 15, None))
    for i in range(25):  # B: on time
        rows.append(_dossier(f"RB{i:02d}", HT, WARD_B, 1 + i % 9, 12, 12))
    for i in range(8):  # B: overdue
        rows.append(_dossier(f"RO{i:02d}", HT, WARD_B, 3, 10, None))
    for i in range(20):  # C: on time (finished early)
        rows.append(_dossier(f"RC{i:02d}", HT, WARD_C, 2, 14, 11))
    rows.append(_dossier("RCL", HT, WARD_C, 2, 14, 16))  # C: one late
    for i in range(5):  # D: too few to be ranked
        rows.append(_dossier(f"RD{i:02d}", HT, WARD_D, 4, 14, 14))
    for i in range(22):  # N: on time, the last on the as-of day
        rows.append(_dossier(f"RN{i:02d}", HT, WARD_N, 20, 31, 31 if i == 0 else 25))
    rows.append(_dossier("RNP", HT, WARD_N, 6, 20, None))  # N: overdue
    return [(*r, 0, 0) for r in rows]


def supplements() -> list[tuple]:
    """Kim Long's late land dossiers: RL00-RL03 two requests, RL04-RL06 one."""
    rows = []
    for i in range(4):
        code = f"RL{i:02d}"
        rows.append((code, "1", _at(2), _at(3), _at(10, 17), _at(11, 17)))
        rows.append((code, "2", _at(4), _at(7), _at(11, 17), _at(14, 17)))
    for i in range(4, 7):
        rows.append((f"RL{i:02d}", "1", _at(3), _at(7), _at(10, 17), _at(14, 17)))
    return rows


def write_feeds(folder: Path) -> Path:
    """The feed files of the world in `folder` (one batch)."""
    _write(
        folder / "procedures.csv",
        PROCEDURE_COLUMNS,
        PROCEDURES,
    )
    _write(folder / "agencies.csv", ["MaDinhDanh", "TenDonVi", "Cap", "MaTinh", "MaXa"], AGENCIES)
    _write(folder / "dossiers_2025-07.csv", DOSSIER_HEADER, dossiers())
    _write(
        folder / "supplements.csv",
        SUPPLEMENT_HEADER,
        supplements(),
    )
    _write(
        folder / "staffing.csv",
        STAFFING_HEADER,
        staffing_rows(),
    )
    _write(
        folder / "assets.csv",
        ASSET_HEADER,
        asset_rows(),
    )
    return folder


@functools.cache
def built_world() -> Path:
    """The world's data folder, ingested and built once per test process (both editions'
    files published)."""
    root = Path(tempfile.mkdtemp(prefix="rank_world_"))
    data = root / "data"
    assert main(["ingest", str(write_feeds(root / "feeds")), "--data-dir", str(data)]) == 0
    assert main(["build", "--data-dir", str(data)]) == 0
    return data
