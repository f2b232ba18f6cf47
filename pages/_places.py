"""A province's place among all the provinces, in the words both editions use: the leaders'
rank line (pages/_rankings.py) and the public edition's (pages/public/) call these, so the
same place reads the same ("3/34 (trong 3 tỉnh, thành có số liệu)") wherever it is shown.

Kept apart from pages/_rankings.py so that the public edition can use it without importing
the leaders' query layer.
"""

from __future__ import annotations

from typing import Any

from haicap.i18n import t


def rank_of(rank: int, provinces: int) -> str:
    """A place as a ranking's column writes it: "3/34", over every province (those without a
    value have no rank but are still counted), never over the rows shown."""
    return f"{rank}/{provinces}"


def province_place(province: str, metric: str, place: dict[str, Any]) -> tuple[str, str]:
    """The sentence giving `province`'s place by `metric` (both in words) and the note under
    it. `place` holds `rank` (None: unranked), `ranked` (how many provinces have a value)
    and `provinces` (all of them)."""
    if place["rank"] is None:
        line = t("province_unranked", province=province, metric=metric)
    else:
        line = t(
            "province_rank",
            province=province,
            metric=metric,
            rank=place["rank"],
            of=place["provinces"],
        ) + (
            t("province_rank_among", ranked=place["ranked"])
            if place["ranked"] < place["provinces"]
            else ""
        )
    note = t("province_rank_note", of=place["provinces"], ranked=place["ranked"])
    return line, note
