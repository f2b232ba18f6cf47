"""The public edition's query layer: the only place the journalists' edition meets SQL.

It opens ONLY `DATA/published/public.duckdb` (schema `pub`, small numbers already withheld by
dbt), read-only, and reopens it when the publisher replaces the file (the leaders' reopening
logic, `queries._Published`, pointed at the public file). It never opens the leaders'
`warehouse.duckdb`: what is not in the public file cannot leak through a page.

A withheld cell is null in the file with `<column>_withheld` true beside it; this module keeps
both, and `shown()` turns a frame into what a reader sees (one marker for every withheld cell,
whatever the reason: a cell withheld to protect another is not small, so "< 10" would be false).
SQL is parameterised (`?`) only. Results are cached per file signature in a bounded cache.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from warehouse.paths import DATA_DIR_ENV, DataDir
from warehouse.queries import NotPublished, _Published

__all__ = ["NotPublished"]

MIN_COUNT = 10  # dbt var public_min_count
MIN_DENOMINATOR = 20  # dbt var public_min_denominator

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
HEADLINE = ["received", "online_share", "on_time_rate", "pending_overdue_end"]


class _PublicFile(_Published):
    """The process's read-only connection to public.duckdb (and to nothing else)."""

    @staticmethod
    def path_now() -> Path:
        return DataDir.resolve(os.environ.get(DATA_DIR_ENV)).public

    def warm(self) -> None:
        """Nothing: the leaders' warm-up would open the leaders' warehouse.duckdb from this
        process (run on a normal data folder, the file is right there); the public file's
        queries are small enough to run when first asked."""


_PUBLIC = _PublicFile()


def public_path() -> Path:
    return _PublicFile.path_now()


def signature() -> tuple[int, int, int]:
    return _PUBLIC.current()[1]


def _frame(sql: str, params: list[Any] | None = None) -> pl.DataFrame:
    # Held while it runs, as in the leaders' query layer: a swap to a new build waits for
    # it instead of closing the connection under it (20 readers during four publishes got
    # "Connection already closed" when a retry was all there was; tests/test_bad_days.py).
    con, _ = _PUBLIC.current(hold=True)
    try:
        cursor = con.cursor()
        try:
            return cursor.sql(sql, params=params or []).pl()
        finally:
            cursor.close()
    finally:
        _PUBLIC.release()


F = TypeVar("F", bound=Callable[..., Any])


def cached(max_entries: int = 256) -> Callable[[F], F]:
    """Bounded LRU cache keyed by the public file's signature and the arguments."""

    def wrap(function: F) -> F:
        @functools.lru_cache(maxsize=max_entries)
        def keyed(_signature: tuple[int, int, int], *args: Any) -> Any:
            return function(*args)

        @functools.wraps(function)
        def inner(*args: Any) -> Any:
            return keyed(signature(), *args)

        inner.cache_clear = keyed.cache_clear  # type: ignore[attr-defined]
        return inner  # type: ignore[return-value]

    return wrap


# -- reference -----------------------------------------------------------------------------------


@cached()
def build_info() -> dict[str, Any]:
    rows = _frame("select build_id, built_at, as_of_day from pub.build_info").to_dicts()
    return rows[0] if rows else {"build_id": None, "built_at": None, "as_of_day": None}


@cached()
def provinces() -> pl.DataFrame:
    return _frame(
        "select province_code, province_name from pub.pub_dim_province order by province_code"
    )


@cached()
def province_name(code: str | None) -> str | None:
    if not code:
        return None
    names = dict(provinces().iter_rows())
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
    """Wards whose name (with or without diacritics) or code contains `text`."""
    return _frame(
        """
        select w.ward_code, w.ward_name, w.province_code, p.province_name
        from pub.pub_dim_ward w join pub.pub_dim_province p using (province_code)
        where (?::varchar is null or w.province_code = ?)
          and (strip_accents(lower(w.ward_name)) like '%' || strip_accents(lower(?)) || '%'
               or w.ward_code = ?)
        order by w.province_code, w.ward_name
        limit ?
        """,
        [province_code, province_code, text.strip(), text.strip().lstrip("0"), limit],
    )


# -- figures -------------------------------------------------------------------------------------


def _columns(prefix: str = "") -> str:
    names = [f"{prefix}{c}, {prefix}{c}_withheld" for c in COUNTS + RATES]
    return ", ".join(names)


def _country_columns() -> str:
    """The country as the sum of the provinces. A total is withheld when any province's cell
    of it is: the other provinces' published cells would give the withheld one away."""
    parts = [
        f"case when bool_or({c}_withheld) then null else sum({c}) end as {c}, "
        f"bool_or({c}_withheld) as {c}_withheld"
        for c in COUNTS
    ]
    for rate, (numerator, denominator) in {
        "online_share": ("sum(received_online)", "sum(received)"),
        "on_time_rate": ("sum(finished_early) + sum(finished_on_time)", "sum(finished)"),
    }.items():
        hidden = (
            "bool_or(received_withheld or received_online_withheld)"
            if rate == "online_share"
            else "bool_or(finished_withheld or finished_early_withheld "
            "or finished_on_time_withheld)"
        )
        withheld = f"({hidden} or coalesce({denominator} < {MIN_DENOMINATOR}, true))"
        parts.append(
            f"case when {withheld} then null else round(({numerator}) / {denominator}, 4) end"
            f" as {rate}, {withheld} as {rate}_withheld"
        )
    return ", ".join(parts)


@cached()
def monthly(province_code: str | None = None) -> pl.DataFrame:
    """One row per month: the province's published figures, or the country's (None)."""
    if province_code:
        return _frame(
            f"select month, {_columns()} from pub.pub_province_monthly "
            "where province_code = ? order by month",
            [province_code],
        )
    return _frame(
        f"select month, {_country_columns()} from pub.pub_province_monthly "
        "group by month order by month"
    )


@cached()
def ward_monthly(ward_code: str) -> pl.DataFrame:
    """One row per month: one ward's published figures."""
    return _frame(
        f"select month, {_columns()} from pub.pub_unit_monthly where ward_code = ? order by month",
        [ward_code],
    )


@cached(max_entries=512)
def province_ranking(month: dt.date) -> pl.DataFrame:
    """Every province with data in one month: its published figures and service index."""
    return _frame(
        f"""
        select p.province_code, p.province_name, {_columns("m.")},
               s.service_index, coalesce(s.service_index_withheld, true) as service_index_withheld
        from pub.pub_dim_province p
        join pub.pub_province_monthly m on m.province_code = p.province_code and m.month = ?
        left join pub.pub_service_index_province_monthly s
            on s.province_code = p.province_code and s.month = ?
        order by p.province_code
        """,
        [month, month],
    )


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


def shown(
    frame: pl.DataFrame,
    marker: str,
    number: Callable[[Any], str] | None = None,
    share: Callable[[Any], str] | None = None,
    points: Callable[[Any], str] | None = None,
) -> pl.DataFrame:
    """The frame with every withheld cell as `marker` and the `_withheld` flags dropped.
    Without formatters the other cells keep their raw values, as text (for CSV); with them,
    they are written the reader's way."""
    # Formatted in Python, not with `map_elements` (a Polars UDF on Polars' threads
    # deadlocked a server drawing for several sessions at once; pola-rs/polars#26821).
    columns = []
    for name in frame.columns:
        if name.endswith("_withheld"):
            continue
        flag = f"{name}_withheld"
        if flag not in frame.columns:
            columns.append(frame.get_column(name))
            continue
        writer = (share if name in RATES else points if name in POINTS else number) or str
        withheld = frame.get_column(flag).fill_null(True).to_list()
        values = frame.get_column(name).to_list()
        columns.append(
            pl.Series(
                name,
                [
                    marker if hidden else ("" if v is None else writer(v))
                    for v, hidden in zip(values, withheld, strict=True)
                ],
                dtype=pl.String,
            )
        )
    return pl.DataFrame(columns, height=frame.height) if columns else frame.select([])
