"""What a load tells: each file's result, progress while it loads, and the load log.

`FileResult` is what `haicap ingest` prints (its `--json` object is the CLI contract's);
`meta.loads` keeps one row a loaded file, `meta.attempts` one row a file refused, skipped
or failed, for `haicap status`.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.fields import Feed
from ingest.reader import FileInfo, Refused

# (what is happening, seconds so far, share of the file read or None)
ProgressFn = Callable[[str, float, float | None], None]


@dataclass
class FileResult:
    file: str
    feed: str | None
    read: int = 0
    accepted: int = 0
    quarantined: int = 0
    status: str = "loaded"  # loaded | skipped | refused | failed
    reason: str | None = None
    waiting: int = 0
    nested: dict = field(default_factory=dict)
    top_reasons: list = field(default_factory=list)
    seconds: float = 0.0
    # Names of the file's unknown columns whose values were dropped (never the values).
    dropped_columns: list = field(default_factory=list)

    def contract_json(self) -> dict:
        """The object `haicap ingest --json` prints (the contract's keys, then ours)."""
        out = {
            k: getattr(self, k)
            for k in ("file", "feed", "read", "accepted", "quarantined", "status", "reason")
        }
        out.update(
            waiting=self.waiting,
            nested=self.nested,
            top_reasons=self.top_reasons,
            dropped_columns=self.dropped_columns,
            seconds=round(self.seconds, 3),
        )
        return out


def _bytes_read() -> int | None:
    """Bytes this process has read so far (Linux), to tell how far a scan has come."""
    try:
        with open("/proc/self/io") as handle:
            for line in handle:
                if line.startswith("rchar:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class Progress:
    """Reports, twice a second while a file loads, its stage, the seconds spent and, where
    the system tells, the share of the file read so far (None where it does not).

    (DuckDB's own query_progress() sits near 95 % for the whole of a CSV scan that writes as
    it reads, so it would mislead; the bytes the process has read do not.)"""

    def __init__(self, report: ProgressFn | None, label: str, size: int):
        self.report, self.label, self.size = report, label, size
        self.stage = ""
        self.started = time.monotonic()
        self.read_at_start = _bytes_read()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        if self.report:
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _fraction(self) -> float | None:
        now = _bytes_read()
        if now is None or self.read_at_start is None or not self.size:
            return None
        return min(0.99, (now - self.read_at_start) / self.size)

    def text(self) -> str:
        return f"{self.label}: {self.stage}"

    def _run(self):
        while not self._stop.wait(0.5):
            seconds = time.monotonic() - self.started
            self.report(self.text(), seconds, self._fraction())


class BatchProgress(Progress):
    """Progress of files loaded together: how many are done, which are loading, and the
    share of the batch's bytes in the files done. (Not the bytes the process has read, as
    for one file: with several files at once, their commits and checkpoints read the
    warehouse too, and the share ran to 99 % after the first file.)"""

    def __init__(self, report: ProgressFn | None, paths: list[Path]):
        super().__init__(report, "", sum(_size(path) for path in paths))
        self.total = len(paths)
        self.loading: list[str] = []
        self.finished = 0
        self.finished_bytes = 0
        self.lock = threading.Lock()

    def _fraction(self) -> float | None:
        return min(0.99, self.finished_bytes / self.size) if self.size else None

    def text(self) -> str:
        with self.lock:
            names = ", ".join(self.loading)
            return f"{self.finished} of {self.total} files loaded; loading {names}"

    def file_started(self, path: Path) -> None:
        with self.lock:
            self.loading.append(path.name)

    def file_done(self, path: Path) -> None:
        with self.lock:
            self.loading.remove(path.name)
            self.finished += 1
            self.finished_bytes += _size(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _waiting(con: duckdb.DuckDBPyConnection, feed: Feed, load_id: int) -> int:
    if not feed.waits_for_dossier:
        return 0
    return con.execute(
        f"""select count(*) from raw.{feed.name} r where r._load_id = ?
            and r._rejected is null
            and not exists (select 1 from raw.dossiers d where d.MaHoSo = r.MaHoSo)""",
        [load_id],
    ).fetchone()[0]


def record_load(
    con: duckdb.DuckDBPyConnection,
    info: FileInfo,
    feed: Feed,
    load_id: int,
    result: FileResult,
    started: float,
    top: list[tuple] | None = None,
) -> None:
    """Complete `result` (rows read and accepted already set) and write the load log.
    `top`: the load's five commonest reasons (rule, field, rows), when the caller has them."""
    result.quarantined = result.read - result.accepted
    result.waiting = _waiting(con, feed, load_id)
    if top is None:
        top = con.execute(
            """select rule, field, count(*) n from raw.quarantine
               where load_id = ? and feed = ? group by all order by n desc, rule limit 5""",
            [load_id, feed.name],
        ).fetchall()
    result.top_reasons = [{"rule": r, "field": f, "rows": n} for r, f, n in top]
    con.execute(
        """insert into meta.loads (load_id, file_name, file_path, feed, format, content_hash,
               size_bytes, started_at, finished_at, rows_read, rows_accepted,
               rows_quarantined, rows_waiting, nested, dropped_columns)
           values (?, ?, ?, ?, ?, ?, ?, to_timestamp(?)::timestamp,
           now()::timestamp, ?, ?, ?, ?, ?, ?)""",
        [
            load_id,
            info.path.name,
            str(info.path.resolve()),
            feed.name,
            info.format,
            info.content_hash,
            info.size,
            started,
            result.read,
            result.accepted,
            result.quarantined,
            result.waiting,
            _json(result.nested),
            result.dropped_columns or None,
        ],
    )


def record_attempt(
    con: duckdb.DuckDBPyConnection, result: FileResult, content_hash: str | None
) -> None:
    con.execute(
        "insert into meta.attempts values (now()::timestamp, ?, ?, ?, ?, ?)",
        [result.file, result.feed, content_hash, result.status, result.reason],
    )


def _json(value) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def failed(
    con: duckdb.DuckDBPyConnection, path: Path, feed: Feed, error: Refused | duckdb.Error
) -> FileResult:
    """The result of a file refused (it cannot be read), or whose load DuckDB failed (and
    rolled back), with what to do."""
    if isinstance(error, Refused):
        return FileResult(str(path), feed.name, status="refused", reason=str(error))
    reason = f"{path.name}: the load failed and was rolled back ({first_line(error)})"
    text = str(error).lower()
    if "no space left on device" in text or "disk is full" in text:
        reason = (
            f"{path.name}: the disk is full ({_free_space(con)}); nothing of this file "
            "was loaded: free space and load it again"
        )
    return FileResult(str(path), feed.name, status="failed", reason=reason)


def _free_space(con: duckdb.DuckDBPyConnection) -> str:
    """How much room is left where the warehouse is, for the message."""
    try:
        where = con.execute(
            "select path from duckdb_databases() where database_name = current_database()"
        ).fetchone()[0]
        free = shutil.disk_usage(Path(where).parent).free
    except (duckdb.Error, OSError, TypeError):
        return "free space unknown"
    return f"{free / 1e6:,.0f} MB free where {Path(where).parent} is"


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
