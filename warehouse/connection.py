"""Opening DuckDB the same way everywhere."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

LOCAL_TZ = "Asia/Ho_Chi_Minh"


class WarehouseBusy(RuntimeError):
    """Another process holds the working warehouse."""


def _memory_limit() -> str:
    # DuckDB defaults to 80 % of RAM; leave room for Python and the dashboard.
    return os.environ.get("HAICAP_MEMORY_LIMIT", "12GB")


def open_working(path: Path) -> duckdb.DuckDBPyConnection:
    """The working warehouse, for writing (one writer at a time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path))
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise WarehouseBusy(
                f"{path} is in use by another process (an ingest or build is running); "
                "wait for it to finish and try again"
            ) from error
        raise
    con.execute(f"set TimeZone = '{LOCAL_TZ}'")
    con.execute(f"set memory_limit = '{_memory_limit()}'")
    con.execute("set enable_progress_bar = true")
    con.execute("set enable_progress_bar_print = false")
    return con
