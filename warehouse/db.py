"""The query foundation both editions stand on: the only place the dashboard opens DuckDB.

- `PublishedFile`: one read-only connection per process and per published file. The publisher
  replaces a file whole (os.replace); every query first looks at the file's inode, mtime and
  size, and when they changed closes the old connection (DuckDB would otherwise hand back the
  old database) and opens the new file, so a new build shows without a restart. Each query runs
  on its own cursor; SQL is parameterised (`?`) only.
- `PublishedFile.cached`: results in a bounded cache (time to live, maximum entries) keyed by
  the function, its arguments and the file's signature, so a new build never serves old ones.
- `PublishedFile.warm`: what to compute in the background when a new file is opened.
- `Scope`: who is looking; the leaders' query layer applies it in SQL on every call.
- `ward_search`: one way of finding a ward by name, the same in both editions.
- `rank_on`: one way of ranking on a metric (ties, units left unranked), in both editions.

The leaders' layer (warehouse/queries.py) opens `warehouse.duckdb`, the public one
(warehouse/public_queries.py) `public.duckdb`: each makes its own `PublishedFile`.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import polars as pl

ROLES = ("leader", "council", "public")
Signature = tuple[int, int, int]
F = TypeVar("F", bound=Callable[..., Any])


class NotPublished(RuntimeError):
    """There is no published file to read yet."""


class OutOfScope(PermissionError):
    """The viewer asked for something outside their scope or role."""


@dataclass(frozen=True)
class Scope:
    """Who is looking: their role, and the province they may see (None: the whole country)."""

    role: str = "leader"
    province_code: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}; expected one of {ROLES}")

    @property
    def sees_dossiers(self) -> bool:
        """Leaders and council members see dossier lists; the public edition never does."""
        return self.role in ("leader", "council")

    def province(self, asked: str | None) -> str | None:
        """The province a query is about: the one asked for, inside the scope."""
        if self.province_code is None:
            return asked
        if asked not in (None, self.province_code):
            raise OutOfScope(f"province {asked} is outside this viewer's scope")
        return self.province_code

    def where(self, province: str | None, column: str = "province_code") -> tuple[str, list]:
        """`(? is null or col = ?)` for the province a query may see, and its parameters."""
        chosen = self.province(province)
        return f"(?::varchar is null or {column} = ?)", [chosen, chosen]


def dashboard_memory_limit() -> str:
    return os.environ.get("HAICAP_DASHBOARD_MEMORY_LIMIT", "512MB")


_WARMING: list[threading.Thread] = []


@atexit.register
def _finish_warming() -> None:
    """Let warm-ups end before the interpreter does (a thread killed inside DuckDB aborts)."""
    for thread in _WARMING:
        thread.join(timeout=60)


class PublishedFile:
    """The process's read-only connection to one published file, reopened when the file is
    replaced.

    Queries in flight are counted: DuckDB refuses to close a connection while one of its
    cursors is busy, so a swap waits (briefly: queries take milliseconds) until none runs,
    and new queries wait for the swap."""

    SWAP_WAIT_SECONDS = 30.0

    def __init__(self, path_now: Callable[[], Path], warm: Callable[[], None] | None = None):
        self.path_now = path_now
        self.warm = warm
        self.changed = threading.Condition()
        self.active = 0
        self.con: duckdb.DuckDBPyConnection | None = None
        self.path: Path | None = None
        self.signature: Signature | None = None

    def current(self, hold: bool = False) -> tuple[duckdb.DuckDBPyConnection, Signature]:
        """The open connection (reopened if the file changed); with `hold`, counted as in use
        until `release()`."""
        path = self.path_now()
        try:
            info = path.stat()
        except FileNotFoundError:
            raise NotPublished(str(path)) from None
        signature = (info.st_ino, info.st_mtime_ns, info.st_size)
        with self.changed:
            if self.con is None or signature != self.signature or path != self.path:
                if self.con is not None:
                    self.changed.wait_for(lambda: self.active == 0, self.SWAP_WAIT_SECONDS)
                    self.con.close()  # else connect() would hand back the old database
                    self.con = None
                con = duckdb.connect(str(path), read_only=True)
                con.execute("set TimeZone = 'Asia/Ho_Chi_Minh'")
                # DuckDB's buffer pool would keep every block the pages read, up to 80 % of
                # RAM: capped, older blocks are read again from the file (in the OS cache)
                con.execute(f"set memory_limit = '{dashboard_memory_limit()}'")
                self.con, self.signature, self.path = con, signature, path
                self._start_warming()
            if hold:
                self.active += 1
            return self.con, self.signature

    def _start_warming(self) -> None:
        """Fill the caches in a thread of its own after a new file is opened, so the first
        viewer after a new build does not wait for the scans (one warm-up at a time)."""
        if self.warm is None or os.environ.get("HAICAP_WARM", "1") == "0":
            return
        if any(thread.is_alive() for thread in _WARMING):
            return
        _WARMING[:] = []
        warming = threading.Thread(target=self.warm, name="haicap-warm", daemon=True)
        _WARMING.append(warming)
        warming.start()

    def release(self) -> None:
        with self.changed:
            self.active -= 1
            self.changed.notify_all()

    def signature_now(self) -> Signature:
        return self.current()[1]

    def frame(self, sql: str, params: list[Any] | dict[str, Any] | None = None) -> pl.DataFrame:
        """The rows of one query, on a cursor of its own. The connection is held while it
        runs: a swap to a new build waits for it instead of closing the connection under it."""
        con, _ = self.current(hold=True)
        try:
            cursor = con.cursor()
            try:
                return cursor.sql(sql, params=params or []).pl()
            finally:
                cursor.close()
        finally:
            self.release()

    def cached(self, ttl: float = 600, max_entries: int = 256) -> Callable[[F], F]:
        """Bounded cache keyed by arguments and this file's signature (a new build misses).
        Callers asking for numbers that another caller is computing wait for its result
        instead of computing them again (ten sessions signing in at once all open the
        overview first)."""

        def wrap(function: F) -> F:
            store: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
            computing: dict[tuple, threading.Event] = {}
            lock = threading.Lock()

            @functools.wraps(function)
            def inner(*args: Any, **kwargs: Any) -> Any:
                key = (self.signature_now(), args, tuple(sorted(kwargs.items())))
                while True:
                    now = time.monotonic()
                    with lock:
                        hit = store.get(key)
                        if hit is not None and now - hit[0] < ttl:
                            store.move_to_end(key)
                            return hit[1]
                        other = computing.get(key)
                        if other is None:
                            computing[key] = threading.Event()
                            break
                    other.wait()  # then the result is stored (or it failed: compute it here)
                try:
                    value = function(*args, **kwargs)
                    with lock:
                        store[key] = (now, value)
                        store.move_to_end(key)
                        while len(store) > max_entries:
                            store.popitem(last=False)
                    return value
                finally:
                    with lock:
                        computing.pop(key).set()

            inner.cache_clear = store.clear  # type: ignore[attr-defined]
            return inner  # type: ignore[return-value]

        return wrap


# -- what both editions ask alike ------------------------------------------------------------------


def build_stamp(published: PublishedFile, schema: str) -> dict[str, Any]:
    """A file's `build_info` row: which build, when, up to which day, and the thresholds the
    build ran with (the dbt vars, `thresholds`: name to number)."""
    rows = published.frame(f"select * from {schema}.build_info").to_dicts()
    stamp = rows[0] if rows else {"build_id": None, "built_at": None, "as_of_day": None}
    stamp["thresholds"] = json.loads(stamp.get("thresholds") or "{}")
    return stamp


def folded(expression: str) -> str:
    """SQL folding text for a search: lower case, no diacritics, and đ as d (strip_accents
    keeps đ, a letter of its own rather than d with a mark, but people type "dong")."""
    return f"replace(strip_accents(lower({expression})), 'đ', 'd')"


def ward_search(wards: str, provinces: str, where: str) -> str:
    """The SQL finding wards whose name contains the text (typed with or without diacritics)
    or whose code is it, shortest names first; its parameters are `where`'s, then
    `ward_search_params`'."""
    return f"""select w.ward_code, w.ward_name, w.province_code, p.province_name
               from {wards} w join {provinces} p using (province_code)
               where {where} and ({folded("w.ward_name")} like '%' || {folded("?")} || '%'
                                  or w.ward_code = ?)
               order by length(w.ward_name), w.ward_name, w.ward_code limit ?"""


def ward_search_params(text: str, limit: int) -> list[Any]:
    return [text.strip(), text.strip(), limit]


def rank_on(
    frame: pl.DataFrame,
    metric: str,
    eligible: pl.Expr,
    order: list[str],
    lower_is_better: bool = False,
) -> pl.DataFrame:
    """`frame` best first on `metric` with each row's `rank` on it: the rows that are
    `eligible` and have a value are ranked, equal values share the better rank ("1, 2, 2, 4")
    and are listed by `order` (descending); the others follow with no rank."""
    value = pl.col(metric).cast(pl.Float64)
    ranked = eligible & value.is_not_null() & value.is_not_nan()
    return (
        frame.with_columns(
            pl.when(ranked)
            .then(value)
            .rank("min", descending=not lower_is_better)
            .cast(pl.Int64)
            .alias("rank")
        )
        .sort(["rank", *order], descending=[False, *([True] * len(order))], nulls_last=True)
        .select("rank", pl.exclude("rank"))
    )
