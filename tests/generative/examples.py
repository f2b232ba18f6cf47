"""Worlds every run of the generative suite builds, whatever Hypothesis draws: the shapes the
issue names, on purpose, and the shrunk worlds of bugs the suite found (regressions)."""

from __future__ import annotations

from tests.generative.world import Dossier, Request, Unit, World

KIM_LONG, NA_SON, OTHER_11 = "19810", "03203", "03127"

# One dossier in the whole country (a single unit with data, everything below 10).
SINGLE_DOSSIER = World(
    start=6,
    units=(Unit("46", KIM_LONG, False),),
    quiet_wards=("19777",),
    first=(Dossier(0, 10, 0, 9, 0, 0, "both", "2"),),
    second=(),
    # the same dossier again in a later file: returned to the citizen a day later
    corrections=((0, Dossier(0, 10, 0, 9, 0, 1, "return", "2"), False),),
    formats=("csv", "jsonl"),
    date_styles=("portal", "vn"),
)


def _d(unit, status, received, due=3, ended=1, end_field="both", channel="1", requests=()):
    return Dossier(unit, status, received, 9, due, ended, end_field, channel, tuple(requests))


# Province 46 has one ward with data (Kim Long); province 11 has a ward through its agency,
# a ward by MaXa and a provincial department; quiet wards in both. July to September: in
# August nothing is finished, nothing late in September.
EVERY_SHAPE = World(
    start=6,  # 1 July 2025
    units=(
        Unit("46", KIM_LONG, False),
        Unit("11", NA_SON, True),
        Unit("11", OTHER_11, False),
        Unit("11", None, True),
    ),
    quiet_wards=("19777", "03151"),
    first=(
        _d(0, 10, 0, due=3, ended=1),  # early
        _d(0, 9, 1, due=1, ended=4, end_field="end"),  # late
        _d(0, 10, 2, due=2, ended=2, end_field="return"),  # on time, NgayTra only
        # waiting: one request answered, one not (two requests: overdue, late)
        _d(0, 5, 3, due=4, requests=[Request(1, 2, 5), Request(4, None, None)]),
        _d(0, 4, 4, due=1),  # pending, overdue from day 6
        _d(0, 7, 5, ended=3, end_field="refused"),  # withdrawn
        _d(0, 8, 6, ended=2, end_field="end"),  # stopped (NgayKetThucXuLy)
        _d(0, 3, 7),  # refused at intake
        _d(0, 1, 8),  # submitted, not accepted
        _d(1, 4, 0, due=10, channel="2"),
        _d(1, 10, 3, due=5, ended=5, channel="2", requests=[Request(1, 1, 7)]),
        _d(2, 6, 10, due=0),  # due the day it was received
        _d(3, 4, 2, due=40),  # province level, pending
        _d(3, 10, 4, due=10, ended=8),  # province level, early
        _d(3, 8, 20, ended=1, end_field="refused"),
    ),
    corrections=(
        (4, _d(0, 10, 4, due=1, ended=65), False),  # overdue in July, finished in September
        (9, _d(2, 4, 0, due=10, channel="2"), True),  # moved ward, later line of the same file
        (12, _d(3, 9, 2, due=40, ended=70, end_field="end"), False),
    ),
    second=(
        _d(2, 10, 64, due=3, ended=0, channel="3"),
        _d(1, 2, 66, due=2),  # pending at the end
        _d(3, 4, 70, due=5, requests=[Request(0, None, 9)]),  # waiting on the citizen
        _d(0, 4, 71, due=10),  # pending, its deadline still ahead on the as-of day
    ),
    handed_in_later=((3, 1, 20),),  # the unanswered request of the waiting dossier
    formats=("envelope", "csv"),
    date_styles=("vn", "portal"),
)

EXAMPLES = [SINGLE_DOSSIER, EVERY_SHAPE]

# Found by the suite: a supplement request's row in the load log by province stayed in the
# province its dossier had when the request's file was first built; a later file moved the
# dossier to another province (a correction), and a full build placed the row in the new one
# (incremental != full; dbt_project/models/marts/freshness/rpt_load_rows_by_province.sql).
MOVED_TO_ANOTHER_PROVINCE = World(
    start=10,
    units=(Unit("46", KIM_LONG, False), Unit("11", NA_SON, False)),
    quiet_wards=(),
    first=(Dossier(0, 5, 0, 9, 2, 0, "both", "1", (Request(0, None, None),)),),
    corrections=((0, Dossier(1, 4, 0, 9, 2, 0, "both", "1"), False),),
    formats=("csv", "csv"),
    date_styles=("iso", "iso"),
)

EXAMPLES.append(MOVED_TO_ANOTHER_PROVINCE)
