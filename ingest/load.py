"""Loading feed files into the working warehouse, each file whole or not at all.

For each file: fingerprint it (content hash: a file loaded before is skipped), read it,
check every row against its feed's rules, then in the same transaction append the good rows
to `raw.<feed>`, the others to `raw.quarantine`, and record the load in `meta.loads`. Rows
read = accepted + quarantined, always. Whatever fails before the commit (an exception, a
kill, a full disk) leaves the warehouse as it was before that file. CSV files of one layout
may share a transaction, and one scan, in a group: each keeps its own load id, log and
quarantine, and a group that fails loads again file by file. Which files load which way,
and why there are two ways: `_load_many`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest import lookups
from ingest.feeds import FEEDS
from ingest.fields import (
    GENERIC_LOOKUPS,
    Feed,
    bad_line_original,
    checked_select,
    likely_formats,
    lit,
    q,
    stored_select,
    typed_reading,
)
from ingest.plan import REFERENCE_FEEDS, default_jobs, plan
from ingest.reader import (
    FILE_COLUMN,
    FILE_NUMBER,
    RETRIED,
    FileInfo,
    Refused,
    Source,
    appended,
    bad_lines_of,
    csv_files,
    csv_layout,
    fingerprint,
    group_bad_lines,
    json_columns,
    json_rows,
    number_inserted,
    open_source,
    rejected_lines,
    retried_lines,
    scanned_directly,
)
from ingest.report import (
    BatchProgress,
    FileResult,
    Progress,
    ProgressFn,
    failed,
    first_line,
    record_attempt,
    record_load,
)
from ingest.schema import last_load_id, open_warehouse, purge_rejected, salt_for
from ingest.settings import allowed_columns, with_allowed
from warehouse.connection import LOCAL_TZ
from warehouse.paths import DataDir


def _load_rows(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    load_id: int,
    file_name: str,
    salt: str,
    source: Source,
    info: FileInfo | None = None,
    progress: Progress | None = None,
) -> tuple[int, int]:
    """Check every row of `source` (staged: its rows numbered) and append it to
    `raw.<feed>` in one scan; then move the rows that broke a rule (and the lines that were
    not rows) to the quarantine. Returns (rows read, rows accepted)."""
    if progress:
        progress.stage = "checking and writing rows"
    name = info.path.name if info else file_name
    _insert_checked(con, feed, salt, source, str(load_id), info, name)
    return _quarantine_and_count(
        con, feed, load_id, file_name, bad_lines=info is not None, columns=source.columns
    )


def _insert_checked(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    salt: str,
    source: Source,
    load_sql: str,
    info: FileInfo | None,
    name: str,
    carry: tuple[str, ...] = (),
) -> bool:
    """Append every row of `source` to `raw.<feed>`, checked (`checked_select`), with the
    load id `load_sql` gives. A CSV scan of files large enough to probe is typed: its reader
    parses dates and numbers (`typed_reading`) and leaves the lines it cannot parse in
    `src_rejects` for `_retry_lines`. Returns whether it was."""
    stored = ", ".join(q(n) for n, _ in feed.stored_columns())
    date_formats = _likely_date_formats(con, feed, source, info)
    typing = None
    if source.typed and info is not None and info.size >= PROBE_MIN_BYTES:
        typing = typed_reading(feed, source.columns, date_formats)
    checked = checked_select(
        feed,
        source.columns,
        lit(salt),
        source.typed(typing) if typing else source.sql,
        row_sql=source.row_sql,
        date_formats=date_formats,
        carry=carry,
        typing=typing,
    )
    lookups.register(con, (*GENERIC_LOOKUPS, *feed.lookups), _reference_version(con))
    try:
        con.execute(
            f"""insert into raw.{feed.name} ({stored}, _load_id, _row, _extra, _rejected)
                select {stored_select(feed)}, {load_sql}, _row, _extra, _rejected
                from ({checked})"""
        )
    except duckdb.InvalidInputException as error:  # the scan met something it cannot read
        raise Refused(f"{name}: cannot be read ({first_line(error)})") from None
    return typing is not None


def _retry_lines(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    salt: str,
    source: Source,
    load_ids: list[int],
    name: str,
) -> set[int]:
    """Check again, as text, the lines a typed scan of `source` could not parse
    (`retried_lines`), each under its file's load id (`load_ids`, in the order of
    `source.files`), and append them to raw.<feed> numbered: a value in an unexpected form
    gets the same check, message or acceptance as in an untyped read. Returns the load ids
    that gained accepted rows (their files number every row: see `number_inserted`)."""
    found = retried_lines(con, source)
    if found is None:
        return set()
    retry, path = found
    cases = " ".join(f"when {n} then {load_id}" for n, load_id in enumerate(load_ids))
    try:
        _insert_checked(
            con,
            feed,
            salt,
            retry,
            f"case {q(FILE_NUMBER)} {cases} end",
            None,
            name,
            carry=(FILE_NUMBER,),
        )
    finally:
        path.unlink(missing_ok=True)
    return {
        load_id
        for (load_id,) in con.execute(
            f"""select distinct _load_id from raw.{feed.name}
                where _load_id in ({", ".join(map(str, load_ids))})
                  and _row is not null and _rejected is null"""
        ).fetchall()
    }


def _quarantine_and_count(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    load_id: int,
    file_name: str,
    bad_lines: bool,
    columns: list[str] | tuple[str, ...] = (),
) -> tuple[int, int]:
    """Copy a staged load's rejected rows (and, with `bad_lines`, its lines that were not
    rows: `src_bad`, whose text is kept only when it can hold no dropped column: see
    `bad_line_original`; `columns` are the file's) to the quarantine (`_quarantine_group`
    does it for CSV scans). Returns (rows read, rows accepted)."""
    table = f"raw.{feed.name}"
    accepted = appended(con, table, [load_id])[load_id][0]
    rejected = f"select * from {table} where _load_id = {load_id} and _rejected is not null"
    if bad_lines:
        con.execute(
            f"""insert into raw.quarantine
                select {load_id}, ?, ?, _row, rule, null, reason,
                       {bad_line_original(feed, columns, _nested_fields(feed))}, null
                from src_bad where rule <> ?""",
            [file_name, feed.name, RETRIED],
        )
    con.execute(
        f"""insert into raw.quarantine
            select {load_id}, {lit(file_name)}, {lit(feed.name)}, _row,
                   _rejected->>'rule', _rejected->>'field', _rejected->>'message',
                   _rejected->'original', _extra
            from ({rejected}) order by _row"""
    )
    # The rejected rows stay in raw.<feed> (flagged, invisible to every view) until this
    # transaction commits: deleting rows written in the same transaction makes DuckDB
    # rewrite them at commit; deleting them once the run's files are in costs next to nothing.
    quarantined = con.execute(
        "select count(*) from raw.quarantine where load_id = ? and feed = ?",
        [load_id, feed.name],
    ).fetchone()[0]
    return accepted + quarantined, accepted


def _reference_version(con: duckdb.DuckDBPyConnection) -> int:
    """Which version of the reference lists the rules see: the last load of a reference feed
    (ward and province lists never change while the warehouse is open)."""
    return con.execute(
        "select coalesce(max(load_id), 0) from meta.loads where feed in "
        f"({', '.join(lit(name) for name in REFERENCE_FEEDS)})"
    ).fetchone()[0]


# Below this size a file is read in well under a tenth of a second whatever its date
# formats: the probe (a few milliseconds) would cost more than it saves.
PROBE_MIN_BYTES = 1 << 20


def _likely_date_formats(
    con: duckdb.DuckDBPyConnection, feed: Feed, source: Source, info: FileInfo | None
):
    """Which format each date field of this file mostly uses, from its first rows."""
    if info is None or info.size < PROBE_MIN_BYTES:
        return {}
    dates = {f.name for f in feed.fields if f.kind == "date"}
    names = [c for c in source.columns if c in dates]
    return likely_formats(feed, names, source.sample(con, names))


def _nested_fields(feed: Feed) -> list[str]:
    """Names of the fields of the records nested in `feed`'s rows."""
    return [f.name for f in FEEDS["supplements"].fields] if feed.unpacks else []


def _nested_supplements(
    con: duckdb.DuckDBPyConnection,
    load_id: int,
    file_name: str,
    salt: str,
    source: Source,
    parent: Feed,
) -> tuple[dict, list[str]] | None:
    """Supplement lists nested in accepted dossiers go to raw.supplements (as their own rows,
    numbered by the dossier's line). Returns the counts and the names of the nested records'
    dropped columns."""
    nested = q("DanhSachHoSoBoSung")
    if "DanhSachHoSoBoSung" not in source.columns:
        return None
    con.execute(
        f"""create or replace temp table nested_lines as
            select s._row, nullif(trim(s.{q("MaHoSo")}), '') as parent,
                   unnest(json_extract(s.{nested}::json, '$[*]')) as item
            from {source.sql} s
            where s._row in (select _row from raw.dossiers
                             where _load_id = {load_id} and _rejected is null)
              and json_type(s.{nested}::json) = 'ARRAY'"""
    )
    if not con.execute("select count(*) from nested_lines").fetchone()[0]:
        return None
    feed = dataclasses.replace(FEEDS["supplements"], keep=parent.keep_nested)
    keys = [
        r[0]
        for r in con.execute(
            "select distinct unnest(json_keys(item)) from nested_lines "
            "where json_type(item) = 'OBJECT'"
        ).fetchall()
    ]
    keys = [k for k in keys if k.lower() != "mahoso"]  # the parent's code is the key
    selects = ", ".join(["_row", 'parent as "MaHoSo"', *json_columns(keys, feed, "item")])
    con.execute(
        f"create or replace temp table nested_src as "
        f"select {selects} from {json_rows('nested_lines', keys, 'item')}"
    )
    columns = [r[0] for r in con.execute("describe nested_src").fetchall() if r[0] != "_row"]
    read, accepted = _load_rows(con, feed, load_id, file_name, salt, Source("nested_src", columns))
    counts = {"supplements": {"read": read, "accepted": accepted, "quarantined": read - accepted}}
    return counts, [f"DanhSachHoSoBoSung.{c}" for c in feed.dropped_columns(columns)]


def load_file(
    con: duckdb.DuckDBPyConnection,
    info: FileInfo,
    feed: Feed,
    salt: str,
    report: ProgressFn | None = None,
    load_id: int | None = None,
    before_commit: Callable[[], None] | None = None,
) -> FileResult:
    """Load one file in one transaction: the caller's, already begun with its `load_id`, or
    a new one. `before_commit` runs just before the commit (files loaded together wait
    there for the files before them, so they commit in command-line order)."""
    started = time.time()
    result = FileResult(str(info.path), feed.name)
    if load_id is None:
        load_id = _begin(con)
    with _undone_on_failure(con):
        with Progress(report, info.path.name, info.size) as progress:
            progress.stage = "reading"
            source = open_source(con, info, feed)
            result.dropped_columns = feed.dropped_columns(source.columns)
            result.read, result.accepted = _load_rows(
                con, feed, load_id, info.path.name, salt, source, info, progress
            )
        if feed.name == "dossiers":
            nested = _nested_supplements(con, load_id, info.path.name, salt, source, feed)
            if nested:
                result.nested = nested[0]
                result.dropped_columns += nested[1]
        record_load(con, info, feed, load_id, result, started)
        _drop_work_tables(con)
        if before_commit:
            before_commit()
        con.execute("commit")
    result.seconds = time.time() - started
    return result


@contextlib.contextmanager
def _undone_on_failure(con: duckdb.DuckDBPyConnection):
    """The open transaction rolled back if the block fails, however it fails."""
    try:
        yield
    except BaseException:
        # DuckDB may have ended the transaction itself (a write that failed for want of disk
        # space invalidates it): a failed rollback must not hide why the load failed.
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        lookups.forget(con)  # the lookups' macros went with the transaction
        raise


def _drop_work_tables(con: duckdb.DuckDBPyConnection) -> None:
    for table in (
        "src",
        "src_bad",
        "checked",
        "lines",
        "src_rejects",
        "src_rejects_scan",
        "file_rejects",
        "group_bad",
        "group_files",
        "nested_lines",
        "nested_src",
        "dossier_checked",
    ):
        con.execute(f"drop table if exists {table}")


def _begin(con: duckdb.DuckDBPyConnection) -> int:
    """Open a file's transaction and give it the next load id (load ids order the versions
    of a record: a later load supersedes an earlier one)."""
    con.execute("begin transaction")
    try:
        return con.execute("select nextval('meta.load_ids')").fetchall()[0][0]
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        raise


def ingest(
    paths: Iterable[str | Path],
    data: DataDir,
    feed: str | None = None,
    report: ProgressFn | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    jobs: int | None = None,
) -> list[FileResult]:
    """Load every file (or folder) given; returns one result per file, in load order.

    Feeds load one after another in their order (reference lists first: the rules of the
    feeds after them look codes up in them). With `jobs` > 1 (default: `default_jobs()`),
    several files of one feed load at once (`_load_many`); reference feeds load one file at
    a time (each new list redefines the lookups), as every feed does with `jobs` 1. Rows
    that broke a rule are purged from the raw tables once, at the end of the run."""
    planned, results = plan(paths, feed)
    for refused in results:
        if on_result:
            on_result(refused)
    jobs = jobs or default_jobs()
    feeds = with_allowed(FEEDS, allowed_columns(data, FEEDS))
    data.ensure()
    salt = salt_for(data)
    con = open_warehouse(data, feeds)
    try:
        before = last_load_id(con)
        for _, batch in itertools.groupby(planned, key=lambda item: FEEDS[item[1]].order):
            batch = [(path, feeds[name]) for path, name in batch]
            at_once = 1 if batch[0][1].name in REFERENCE_FEEDS else jobs
            results += _load_many(con, batch, salt, report, on_result, at_once)
        purge_rejected(con, after_load_id=before)
    finally:
        con.close()
    return results


# A group of CSV files scanned by one statement: at most this many files or bytes (a kill
# loses the group's work; a file that fails sends the group back to one file at a time).
GROUP_FILES = 64


GROUP_BYTES = 1 << 30


@dataclass(frozen=True)
class _Groupable:
    path: Path
    feed: Feed
    info: FileInfo
    columns: list[str]
    delim: str

    @property
    def layout(self) -> tuple:
        return (self.feed.name, tuple(self.columns), self.delim, self.info.gzipped)


def _load_many(
    con: duckdb.DuckDBPyConnection,
    batch: list[tuple[Path, Feed]],
    salt: str,
    report: ProgressFn | None,
    on_result: Callable[[FileResult], None] | None,
    jobs: int,
) -> list[FileResult]:
    """Load the files of one feed, in command-line order, `jobs` at a time.

    Two ways, because files come in two kinds:

    - CSV files the checking insert reads itself (all but those with nested lists) load
      in groups of one layout, one scan and one transaction a group (`_load_group`):
      DuckDB reads a group in parallel as it does one large file, where small files loaded
      one by one kept a core idle for their fixed costs (commit, counts, log). Each file
      keeps its own load id, load log, quarantine and line numbers, as if loaded alone. A
      group that cannot load whole (a file unreadable, a disk full, a fault) is rolled back
      and its files loaded as groups of one, each with its own result: the end is the
      serial one. With `jobs` 1 every group is of one file.
    - Other files (JSON, XLSX, Parquet, CSV with nested lists) are staged as text first
      (`ingest.reader`), file by file (`load_file`); with `jobs` > 1 several side by side
      (`_load_together`), which keeps the second core busy during each file's fixed costs
      (docs/benchmarks.md). Their headers are read again when they load.

    A thread fingerprints the files ahead of the loading (BLAKE3 lets go of the GIL): hashing
    between groups kept a core idle."""
    results: list[FileResult] = []
    others: list[tuple[Path, Feed, FileInfo | None]] = []  # with the fingerprint, if made
    group: list[_Groupable] = []
    seen: set[str] = set()

    def emit(found: list[FileResult]) -> None:
        for result in found:
            results.append(result)
            if on_result:
                on_result(result)

    def flush_others() -> None:
        if jobs > 1 and len(others) > 1:  # reports each result itself, as it comes
            results.extend(_load_together(con, others, salt, report, on_result, jobs))
        else:
            emit([_one(con, path, feed, salt, report, info) for path, feed, info in others])
        others.clear()

    def flush_group() -> None:
        if len(group) == 1:
            emit([_load_alone(con, group[0], salt, report)])
        elif group:
            try:
                emit(_load_group(con, group, salt, report))
            except Exception:  # not Ctrl+C: that stops the run
                # One file at a time, as a serial run: each gets its own result, and a fault
                # that is not a file's (a bug) stops the run after the files before it.
                emit([_load_alone(con, item, salt, report) for item in group])
        group.clear()

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="haicap-fingerprint")
    prints = [pool.submit(fingerprint, path) for path, _ in batch]
    try:
        for (path, feed), printed in zip(batch, prints, strict=True):
            item = _groupable(con, path, feed, seen, printed.result)
            if item is None:
                flush_group()
                others.append((path, feed, None if printed.exception() else printed.result()))
                continue
            flush_others()
            if group and (
                item.layout != group[0].layout
                or len(group) == (GROUP_FILES if jobs > 1 else 1)
                or sum(g.info.size for g in group) + item.info.size > GROUP_BYTES
            ):
                flush_group()
            group.append(item)
        flush_group()
        flush_others()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return results


def _groupable(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    feed: Feed,
    seen: set[str],
    printed: Callable[[], FileInfo],
) -> _Groupable | None:
    """The file, if it can load in a group: a CSV the insert reads itself, not loaded
    before, not the same content as an earlier file of the run (those load alone, to be
    refused or skipped with their own reason). `printed` gives its fingerprint."""
    try:
        info = printed()
        if info.format != "csv" or info.content_hash in seen:
            return None
        seen.add(info.content_hash)
        if con.execute(
            "select 1 from meta.loads where content_hash = ? limit 1", [info.content_hash]
        ).fetchone():
            return None
        columns, delim = csv_layout(info, feed)
    except (Refused, OSError):
        return None
    return _Groupable(path, feed, info, columns, delim) if scanned_directly(columns, feed) else None


def _load_group(
    con: duckdb.DuckDBPyConnection, group: list[_Groupable], salt: str, report: ProgressFn | None
) -> list[FileResult]:
    """Load a group of CSV files of one layout (one file or more) in one transaction, one
    scan (see `_load_many`); raises, having rolled back, if any file cannot load."""
    started = time.time()
    feed, infos = group[0].feed, [item.info for item in group]
    results = [FileResult(str(item.path), feed.name) for item in group]
    total = sum(info.size for info in infos)
    con.execute("begin transaction")
    with _undone_on_failure(con):
        load_ids = [con.execute("select nextval('meta.load_ids')").fetchall()[0][0] for _ in group]
        label = group[0].path.name
        load_sql, carry = str(load_ids[0]), ()
        if len(group) > 1:  # a scan of several files names each row's file
            label = f"{len(group)} files ({group[0].path.name} … {group[-1].path.name})"
            cases = " ".join(
                f"when {lit(str(info.path))} then {load_id}"
                for info, load_id in zip(infos, load_ids, strict=True)
            )
            # A file name the scan spelled otherwise fails the group (it then loads file by
            # file) rather than leaving rows without a load id.
            load_sql = (
                f"case {q(FILE_COLUMN)} {cases} else error('unexpected file: ' || "
                f"{q(FILE_COLUMN)}) end"
            )
            carry = (FILE_COLUMN,)
        with Progress(report, label, total) as progress:
            progress.stage = "checking and writing rows"
            source = csv_files(infos, group[0].columns, group[0].delim)
            typed = _insert_checked(
                con,
                feed,
                salt,
                source,
                load_sql,
                max(infos, key=lambda info: info.size),  # whose first rows guide the dates
                label,
                carry=carry,
            )
            progress.stage = "quarantining rejected rows"
            retried = _retry_lines(con, feed, salt, source, load_ids, label) if typed else set()
            dropped = feed.dropped_columns(group[0].columns)
            for result in results:
                result.dropped_columns = dropped
            _quarantine_group(
                con, feed, infos, load_ids, retried, results, started, group[0].columns
            )
        _drop_work_tables(con)
        con.execute("commit")
    seconds = time.time() - started
    for info, result in zip(infos, results, strict=True):
        result.seconds = seconds * info.size / total
    return results


def _load_alone(
    con: duckdb.DuckDBPyConnection, item: _Groupable, salt: str, report: ProgressFn | None
) -> FileResult:
    """A group of one file, whose refusal or failure is its result (as `_one`'s)."""
    try:
        return _load_group(con, [item], salt, report)[0]
    except (Refused, duckdb.Error) as error:
        result = failed(con, item.path, item.feed, error)
    record_attempt(con, result, item.info.content_hash)
    return result


def _quarantine_group(
    con: duckdb.DuckDBPyConnection,
    feed: Feed,
    infos: list[FileInfo],
    load_ids: list[int],
    retried: set[int],
    results: list[FileResult],
    started: float,
    columns: list[str],
) -> None:
    """The quarantine and the load log of every file of a group, in a few statements for
    all of them: a few statements a file kept one core busy and the other idle. The lines
    of a CSV scan's rows are computed as they go to the quarantine (`rejected_lines`)."""
    table = f"raw.{feed.name}"
    counts = appended(con, table, load_ids)
    group_bad_lines(con, infos, load_ids)
    for info, load_id in zip(infos, load_ids, strict=True):
        if load_id in retried:  # rare: the per-file way
            bad_lines_of(con, info)
            number_inserted(con, table, load_id, counts[load_id][1], first_line=2)
    con.execute(
        f"""insert into raw.quarantine
            select b.load_id, f.file_name, {lit(feed.name)}, b._row, b.rule, null, b.reason,
                   {bad_line_original(feed, columns, _nested_fields(feed))}, null
            from group_bad b join group_files f using (load_id)
            where b.rule <> {lit(RETRIED)} order by b.load_id, b._row"""
    )
    rejected = rejected_lines(table, {i: counts[i][1] for i in load_ids}, first_line=2)
    con.execute(
        f"""insert into raw.quarantine
            select r._load_id, f.file_name, {lit(feed.name)}, r._row,
                   r._rejected->>'rule', r._rejected->>'field', r._rejected->>'message',
                   r._rejected->'original', r._extra
            from ({rejected}) r join group_files f on f.load_id = r._load_id
            order by r._load_id, r._row"""
    )
    reasons: dict[int, list[tuple]] = {load_id: [] for load_id in load_ids}
    for load_id, rule, field_name, rows in con.execute(
        f"""select load_id, rule, field, count(*) from raw.quarantine
            where load_id between {min(load_ids)} and {max(load_ids)} and feed = ?
            group by all""",
        [feed.name],
    ).fetchall():
        reasons[load_id].append((rule, field_name, rows))
    for info, load_id, result in zip(infos, load_ids, results, strict=True):
        found = sorted(reasons[load_id], key=lambda r: (-r[2], r[0], r[1] or ""))
        result.accepted = counts[load_id][0]
        result.read = result.accepted + sum(rows for *_, rows in found)
        record_load(con, info, feed, load_id, result, started, top=found[:5])


class _Stopped(Exception):
    """The run stopped before this file (a fault while loading an earlier file, or Ctrl+C):
    it is not loaded."""


class _InOrder:
    """Turns taken in index order by the files of one batch: `wait(i)` returns once every
    file before i has had its turn, `turn(i)` then ends i's turn when its block ends, however
    it ends. A file after the one a fault stopped at (`stop`) raises `_Stopped` instead of
    waiting on: as in a serial run, the files before the fault load, those after it do not."""

    def __init__(self) -> None:
        self.next = 0
        self.stopped_at = float("inf")
        self.changed = threading.Condition()

    def stop(self, index: float) -> None:
        with self.changed:
            self.stopped_at = min(self.stopped_at, index)
            self.changed.notify_all()

    def wait(self, index: int) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.next >= index or index > self.stopped_at)
            if index > self.stopped_at:
                raise _Stopped

    @contextlib.contextmanager
    def turn(self, index: int):
        try:
            self.wait(index)
            yield
        finally:
            self.skip(index)

    def skip(self, index: int) -> None:
        """End `index`'s turn (after those before it), unless it has ended already."""
        with self.changed:
            self.changed.wait_for(lambda: self.next >= index)
            if self.next == index:
                self.next = index + 1
                self.changed.notify_all()


def _load_together(
    con: duckdb.DuckDBPyConnection,
    batch: list[tuple[Path, Feed, FileInfo | None]],
    salt: str,
    report: ProgressFn | None,
    on_result: Callable[[FileResult], None] | None,
    jobs: int,
) -> list[FileResult]:
    """Load the files of one feed `jobs` at a time, each on its own cursor, in its own
    transaction: as if one after another, only sooner.

    A small file's scan keeps about one core busy, and a file's fixed costs (its commit,
    counts, the load log) leave the cores idle; two files at once fill them. DuckDB lets
    transactions append to the same tables at once. What serial loading guaranteed is kept
    by taking two turns in command-line order: files open their transaction and take their
    load id in that order (a later file's rows supersede an earlier one's), and each commits
    only when every file before it has committed or failed (so a kill leaves the files up to
    some point loaded and none after it: running the same command again ends as if the kill
    had not happened). Results are reported in the same order."""
    starts, ends = _InOrder(), _InOrder()
    claimed: set[str] = set()  # content of the files of this run loading or loaded
    results: list[FileResult] = []
    progress = BatchProgress(report, [path for path, *_ in batch])
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []

    def cursor() -> duckdb.DuckDBPyConnection:
        if not hasattr(local, "con"):
            local.con = con.cursor()
            local.con.execute(f"set TimeZone = '{LOCAL_TZ}'")
            cursors.append(local.con)
        return local.con

    def claim(content_hash: str) -> bool:
        if content_hash in claimed:
            return False
        claimed.add(content_hash)
        return True

    def work(index: int, path: Path, feed: Feed, info: FileInfo | None) -> None:
        try:
            progress.file_started(path)
            try:
                with threads.loading():
                    result = _one(
                        cursor(),
                        path,
                        feed,
                        salt,
                        None,
                        info,
                        start=lambda: starts.turn(index),
                        before_commit=lambda: ends.wait(index),
                        claim=claim,
                    )
            finally:
                progress.file_done(path)
            with ends.turn(index):
                if result is None:  # the same content as an earlier file of this run
                    result = _one(cursor(), path, feed, salt, None, info)
                results.append(result)
                if on_result:
                    on_result(result)
        except BaseException:  # a fault, not a failed file (those are results)
            for order in (starts, ends):
                order.stop(index)
                order.skip(index)
            raise

    pool = ThreadPoolExecutor(jobs, thread_name_prefix="ingest")
    threads = _Threads(con)
    try:
        with progress:
            futures = [pool.submit(work, i, *item) for i, item in enumerate(batch)]
            for future in futures:
                try:
                    future.result()
                except _Stopped:
                    continue  # the fault that stopped it is an earlier file's, raised already
    except BaseException:  # a fault or Ctrl+C: stop the files still loading
        for order in (starts, ends):
            order.stop(-1)
        for each in list(cursors):
            with contextlib.suppress(duckdb.Error):
                each.interrupt()
        raise
    finally:
        pool.shutdown(cancel_futures=True)
        for each in cursors:
            each.close()
        threads.restore()
    return results


class _Threads:
    """DuckDB's threads while files load together: one per file when the files fill the
    cores, DuckDB's own count when one file is left.

    A file of a province's month is read no sooner by two threads than by one, but two
    threads cost more CPU; with two files at once, each on two threads, the four competed
    for two cores. `threads` is the database's, so it follows how many files
    are loading: cores - loading + 1, at least 1."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.default = con.execute("select current_setting('threads')").fetchone()[0]
        self.loading_now = 0
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def loading(self):
        self._change(1)
        try:
            yield
        finally:
            self._change(-1)

    def _change(self, by: int) -> None:
        with self.lock:
            self.loading_now += by
            wanted = max(1, self.default - max(self.loading_now, 1) + 1)
            self.con.execute(f"set threads = {wanted}")

    def restore(self) -> None:
        with self.lock:
            self.con.execute(f"set threads = {self.default}")


def _one(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    feed: Feed,
    salt: str,
    report: ProgressFn | None,
    info: FileInfo | None = None,
    start: Callable[[], contextlib.AbstractContextManager] = contextlib.nullcontext,
    before_commit: Callable[[], None] | None = None,
    claim: Callable[[str], bool] | None = None,
) -> FileResult | None:
    """Load one file unless it was loaded before (`info`: its fingerprint, when made
    already). Files loaded together pass `start` (their
    turn to open a transaction), `before_commit` and `claim` (False for content that an
    earlier file of the same run is loading: then nothing is done and None returned)."""
    content_hash = None
    try:
        with start():
            info = info or fingerprint(path)
            content_hash = info.content_hash
            earlier = con.execute(
                "select file_name, finished_at from meta.loads where content_hash = ? limit 1",
                [content_hash],
            ).fetchone()
            if not earlier:
                if claim and not claim(content_hash):
                    return None
                load_id = _begin(con)
        if earlier:
            when = f"{earlier[1]:%Y-%m-%d %H:%M}"
            result = FileResult(
                str(path),
                feed.name,
                status="skipped",
                reason=f"same content as {earlier[0]}, loaded {when}",
            )
        else:
            return load_file(con, info, feed, salt, report, load_id, before_commit)
    except (Refused, duckdb.Error) as error:
        result = failed(con, path, feed, error)
    record_attempt(con, result, content_hash)
    return result
