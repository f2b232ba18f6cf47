"""The public edition's query layer: the only place the journalists' edition meets SQL.

It opens ONLY `DATA/published/public.duckdb` (schema `pub`, small numbers already withheld by
dbt), read-only, on the foundation of warehouse/db.py (reopened when the publisher replaces
the file, results cached per file signature). It never opens the leaders' `warehouse.duckdb`:
what is not in the public file cannot leak through a page.

A withheld cell is null in the file with `<column>_withheld` true beside it; this module keeps
both, and `shown()` turns a frame into what a reader sees (one marker for every withheld cell,
whatever the reason: a cell withheld to protect another is not small, so "< 10" would be false).
The thresholds of withholding are the dbt vars the build ran with, read from `pub.build_info`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import polars as pl

from warehouse.db import (
    NotPublished,
    PublishedFile,
    build_stamp,
    rank_on,
    ward_search,
    ward_search_params,
)
from warehouse.paths import DATA_DIR_ENV, DataDir

__all__ = ["NotPublished"]

# The figures of the public edition, in the order pages show them.
COUNTS = [
    "received",
    "received_online",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "pending_end",
    "pending_overdue_end",
]
RATES = ["online_share", "on_time_rate"]
# Points out of 100 (the service index), written as numbers with one decimal, never as shares.
POINTS = ["service_index"]
# Pending overdue at the month's end per 1,000 received in it: a number with one decimal,
# published only beside both of its counts (dbt macro public_rate_flags).
PER_1000 = ["overdue_per_1000"]
HEADLINE = ["received", "online_share", "on_time_rate", "pending_overdue_end"]
# The public rankings' measures, and those ranked low to high (the smaller, the better).
RANKED = [
    "on_time_rate",
    "online_share",
    "received",
    "pending_overdue_end",
    "overdue_per_1000",
    "service_index",
]
LOWER_IS_BETTER = ("pending_overdue_end", "overdue_per_1000")


def public_path() -> Path:
    return DataDir.resolve(os.environ.get(DATA_DIR_ENV)).public


# No warm-up: the public file's queries are small enough to run when first asked.
_PUBLIC = PublishedFile(public_path)
_frame = _PUBLIC.frame
cached = _PUBLIC.cached


def signature() -> tuple[int, int, int]:
    return _PUBLIC.signature_now()


# -- reference -----------------------------------------------------------------------------------


@cached()
def build_info() -> dict[str, Any]:
    """The public file's stamp: build, time, as-of day and the thresholds of withholding."""
    return build_stamp(_PUBLIC, "pub")


def thresholds() -> dict[str, int]:
    """The withholding thresholds the public file was built with (dbt vars public_min_count,
    public_min_denominator), as the words of the pages quote them: `min_count`,
    `max_small` (the largest count withheld as small) and `min_denominator`."""
    found = build_info()["thresholds"]
    min_count = int(found["public_min_count"])
    return {
        "min_count": min_count,
        "max_small": min_count - 1,
        "min_denominator": int(found["public_min_denominator"]),
    }


@cached()
def provinces() -> pl.DataFrame:
    """Every province, those with published figures first (a list, and a page choosing its
    first, opened on Hà Nội with nothing to show), each group by code."""
    return _frame(
        """select p.province_code, p.province_name, exists (
                   select 1 from pub.pub_province_monthly m
                   where m.province_code = p.province_code and m.received is not null
               ) as has_data
           from pub.pub_dim_province p
           order by has_data desc, p.province_code"""
    )


@cached()
def province_name(code: str | None) -> str | None:
    if not code:
        return None
    names = dict(provinces().select("province_code", "province_name").iter_rows())
    return names.get(code)


@cached()
def months() -> list[dt.date]:
    frame = _frame("select distinct month from pub.pub_province_monthly order by month")
    return frame["month"].to_list()


@cached()
def ward(ward_code: str) -> dict[str, Any] | None:
    rows = _frame(
        """
        select w.ward_code, w.ward_name, w.ward_type, w.province_code, p.province_name
        from pub.pub_dim_ward w join pub.pub_dim_province p using (province_code)
        where w.ward_code = ?
        """,
        [ward_code],
    ).to_dicts()
    return rows[0] if rows else None


@cached(max_entries=512)
def search_wards(text: str, province_code: str | None = None, limit: int = 50) -> pl.DataFrame:
    """Wards whose name contains `text` (with or without diacritics) or whose code it is,
    found as the leaders' edition finds them (warehouse.db.ward_search)."""
    return _frame(
        ward_search(
            "pub.pub_dim_ward", "pub.pub_dim_province", "(?::varchar is null or province_code = ?)"
        ),
        [province_code, province_code, *ward_search_params(text, limit)],
    )


# -- figures -------------------------------------------------------------------------------------


def _columns(prefix: str = "") -> str:
    names = [f"{prefix}{c}, {prefix}{c}_withheld" for c in COUNTS + RATES + PER_1000]
    return ", ".join(names)


@cached()
def monthly(province_code: str | None = None) -> pl.DataFrame:
    """One row per month: the province's published figures, or the country's (None)."""
    if province_code is None:
        return _country_monthly()
    return _frame(
        f"select month, {_columns()} from pub.pub_province_monthly "
        "where province_code = ? order by month",
        [province_code],
    )


def _country_monthly() -> pl.DataFrame:
    """One row per month: the country, as the dbt model pub_country_monthly sums and withholds
    it (a total is withheld when any province's figure of it is)."""
    return _frame(f"select month, {_columns()} from pub.pub_country_monthly order by month")


@cached()
def ward_monthly(ward_code: str) -> pl.DataFrame:
    """One row per month: one ward's published figures."""
    return _frame(
        f"select month, {_columns()} from pub.pub_unit_monthly where ward_code = ? order by month",
        [ward_code],
    )


def country_service_index(month: dt.date) -> float | None:
    """The country's service index of a month as the published file allows it: the unweighted
    mean of the provinces' indexes (as the leaders' edition gives it, queries.service_index),
    or None when any province's index is withheld (a mean of some provinces is another
    number)."""
    rows = _frame(
        "select service_index, service_index_withheld "
        "from pub.pub_service_index_province_monthly where month = ?",
        [month],
    )
    if rows.is_empty() or rows["service_index_withheld"].any():
        return None
    return rows["service_index"].mean()


@cached(max_entries=512)
def province_ranking(month: dt.date) -> pl.DataFrame:
    """Every province with data in one month: its published figures and service index,
    the highest on-time rate first (then the most received; withheld ones last)."""
    return _frame(
        f"""
        select p.province_code, p.province_name, {_columns("m.")},
               s.service_index, coalesce(s.service_index_withheld, true) as service_index_withheld
        from pub.pub_dim_province p
        join pub.pub_province_monthly m on m.province_code = p.province_code and m.month = ?
        left join pub.pub_service_index_province_monthly s
            on s.province_code = p.province_code and s.month = ?
        order by m.on_time_rate desc nulls last, m.received desc nulls last, p.province_code
        """,
        [month, month],
    )


def ranked_by(frame: pl.DataFrame, metric: str) -> pl.DataFrame:
    """A ranking's rows best first on `metric`, with each row's `rank`: a withheld or missing
    value has no rank and is listed after the ranked rows; equal values share the better
    rank (warehouse.db.rank_on, as the leaders' rankings)."""
    if metric not in RANKED:
        raise ValueError(metric)
    shown = ~pl.col(f"{metric}_withheld").fill_null(True)
    return rank_on(frame, metric, shown, ["received"], metric in LOWER_IS_BETTER)


def province_place(province_code: str, month: dt.date, metric: str) -> dict[str, Any]:
    """A province's place by `metric` in one month, as the leaders' `province_rank` gives it:
    `rank` (None when its value is withheld or missing), `ranked` (how many provinces have a
    published value), `provinces` (all of them) and `withheld` (its value is withheld). Only
    published values are ranked: a rank made with a withheld value would tell where that
    value lies."""
    everyone = ranked_by(province_ranking(month), metric)
    mine = everyone.filter(pl.col("province_code") == province_code)
    return {
        "rank": mine["rank"][0] if mine.height else None,
        "ranked": int(everyone["rank"].is_not_null().sum()),
        "provinces": provinces().height,
        # a value there is, but not published (so "no data" would be untrue)
        "withheld": bool(mine.height and mine[f"{metric}_withheld"].fill_null(True)[0]),
    }


@cached(max_entries=512)
def unit_ranking(province_code: str, month: dt.date) -> pl.DataFrame:
    """Every unit (ward, or the province-level row) of a province in one month."""
    return _frame(
        f"""
        select unit_code, unit_name, is_province_level, {_columns()}
        from pub.pub_unit_monthly
        where province_code = ? and month = ?
        order by is_province_level desc, unit_name
        """,
        [province_code, month],
    )


@cached()
def province_units_monthly(province_code: str) -> pl.DataFrame:
    """Every unit of a province, every month: the province's whole public table."""
    return _frame(
        f"""
        select month, unit_code, unit_name, is_province_level, {_columns()}
        from pub.pub_unit_monthly
        where province_code = ?
        order by month, is_province_level desc, unit_name
        """,
        [province_code],
    )


# -- what a reader sees --------------------------------------------------------------------------


def shown(frame: pl.DataFrame, marker: str) -> pl.DataFrame:
    """The frame as its CSV holds it: every withheld cell as `marker`, the other cells of a
    figure as text of their raw value, and the `_withheld` flags dropped."""
    # Written in Python, not with `map_elements` (a Polars UDF on Polars' threads
    # deadlocked a server drawing for several sessions at once; pola-rs/polars#26821).
    columns = []
    for name in frame.columns:
        if name.endswith("_withheld"):
            continue
        flag = f"{name}_withheld"
        if flag not in frame.columns:
            columns.append(frame.get_column(name))
            continue
        withheld = frame.get_column(flag).fill_null(True).to_list()
        values = frame.get_column(name).to_list()
        columns.append(
            pl.Series(
                name,
                [
                    marker if hidden else ("" if v is None else str(v))
                    for v, hidden in zip(values, withheld, strict=True)
                ],
                dtype=pl.String,
            )
        )
    return pl.DataFrame(columns, height=frame.height) if columns else frame.select([])
