"""Reading any feed file into one shape: a DuckDB temp table of text columns.

Whatever the format (CSV with `,` or `;`, JSON Lines, a JSON array, the portal envelope,
XLSX, Parquet, gzip variants), the reader leaves

    src(_row bigint, <one varchar column per source column>)

where `_row` is the line (CSV, JSONL), record (JSON) or sheet row (XLSX) number a person
would look for, and source columns matching a feed field (case-insensitively) carry the
field's contract spelling. Lines that cannot be split into a row (too many columns, broken
JSON) land in `src_bad(_row, reason, text)`; they are quarantined, not lost.

A file that cannot be read at all raises `Refused` with a one-line reason.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import blake3
import duckdb

from ingest.fields import Feed, Typing, lit, q

CHUNK = 8 << 20


class Refused(Exception):
    """The file cannot be read at all; nothing of it is loaded."""


@dataclass(frozen=True)
class FileInfo:
    path: Path
    format: str  # csv | jsonl | json | xlsx | parquet
    gzipped: bool
    content_hash: str  # "blake3:<hex>" of the file as stored
    size: int


def detect_format(path: Path) -> tuple[str, bool]:
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    for ext, fmt in (
        (".csv", "csv"),
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "json"),
        (".xlsx", "xlsx"),
        (".parquet", "parquet"),
    ):
        if name.endswith(ext):
            if gz and fmt not in ("csv", "jsonl", "json"):
                break
            return fmt, gz
    raise Refused(
        f"{path.name}: unknown file type (expected .csv, .jsonl, .json, .xlsx, .parquet, "
        "or .csv.gz / .jsonl.gz)"
    )


def _open_text_stream(path: Path, gzipped: bool):
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def fingerprint(path: Path) -> FileInfo:
    """Content hash of the file as stored; for gzip also proves the stream is whole.
    BLAKE3, not SHA-256: several times faster, and the hash is the only step of the ingest
    that reads the file twice."""
    fmt, gz = detect_format(path)
    size = path.stat().st_size
    if size == 0:
        raise Refused(f"{path.name}: the file is empty")
    digest = blake3.blake3(max_threads=1)
    digest.update_mmap(path)
    if gz:
        _check_gzip(path)
    return FileInfo(path, fmt, gz, "blake3:" + digest.hexdigest(), size)


def _check_gzip(path: Path) -> None:
    try:
        with gzip.open(path, "rb") as handle:
            while handle.read(CHUNK):
                pass
    except (EOFError, OSError, zlib.error) as error:
        raise Refused(f"{path.name}: the gzip stream is truncated or damaged ({error})") from None


def first_bad_utf8(path: Path, gzipped: bool) -> int | None:
    """Byte offset (in the uncompressed text) of the first byte that is not UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with _open_text_stream(path, gzipped) as handle:
        while block := handle.read(CHUNK):
            if not block.isascii():
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    return offset + error.start - len(decoder.getstate()[0])
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset - len(decoder.getstate()[0])
    return None


def _refuse_encoding(info: FileInfo) -> None:
    where = first_bad_utf8(info.path, info.gzipped)
    at = f" (first bad byte at offset {where})" if where is not None else ""
    raise Refused(f"{info.path.name}: not valid UTF-8{at}; save it as UTF-8 and load it again")


def _canonical(names: list[str], feed: Feed) -> list[str]:
    fields = feed.by_lower()
    out, seen = [], set()
    for name in names:
        clean = name.lstrip("\ufeff").strip()
        canon = fields[clean.lower()].name if clean.lower() in fields else clean
        if canon.lower() in seen or not canon or canon == "_row":
            canon = f"{canon or 'column'}_{len(out) + 1}"
        seen.add(canon.lower())
        out.append(canon)
    return out


def _require_known_header(columns: list[str], feed: Feed, info: FileInfo) -> None:
    """Refuse a file whose first row names no field. The reason does not quote that row: it
    is then most likely a row of data (a name, a phone number), and reasons are kept in the
    load log and shown by `haicap status`."""
    known = feed.by_lower()
    if not any(c.lower() in known for c in columns):
        raise Refused(
            f"{info.path.name}: no header row naming {feed.name} fields (the first row has "
            f"{len(columns)} columns and none is a field name: is the header missing?)"
        )


def _first_line(info: FileInfo) -> bytes:
    with _open_text_stream(info.path, info.gzipped) as handle:
        line = handle.readline(1 << 20)
    return line.rstrip(b"\r\n")


def _rejects_to_bad(
    con: duckdb.DuckDBPyConnection, info: FileInfo, rejects: str = "src_rejects"
) -> None:
    """Move DuckDB's CSV rejects into src_bad; a bad encoding refuses the whole file. A
    line whose only fault is a value a typed read could not parse (rule RETRIED) is not
    bad: it is read again as text (`retried_lines`); it only counts as a line that was not
    a row of the scan."""
    bad_encoding = con.execute(
        f"select count(*) from {rejects} where error_type = 'INVALID ENCODING'"
    ).fetchone()[0]
    if bad_encoding:
        _refuse_encoding(info)
    con.execute(
        f"""create or replace temp table src_bad as
            select min(line)::bigint as _row,
                   case when bool_and(error_type = 'CAST') then {lit(RETRIED)}
                        else 'malformed_line' end as rule,
                   coalesce(any_value(error_message) filter (error_type <> 'CAST'),
                            any_value(error_message)) as reason,
                   any_value(csv_line) as text
            from {rejects} group by line"""
    )


def _row_sql(con: duckdb.DuckDBPyConnection, table: str, first: int) -> str:
    """SQL numbering the rows of `table` in file order: the k-th row read is first + k.
    Rows inserted inside a transaction have rowids offset by DuckDB: count from the least."""
    base = con.execute(f"select coalesce(min(rowid), 0) from {table}").fetchone()[0]
    return f"(rowid - {base} + {first})"


def _number_rows(con: duckdb.DuckDBPyConnection, table: str, first: int) -> None:
    """Materialise `_row` (see `_row_sql`) as a column of `table`."""
    con.execute(
        f"create or replace temp table {table} as "
        f"select {_row_sql(con, table, first)} as _row, * from {table}"
    )


def _bad_line_gaps(first_line: int, bad: str = "src_bad", per: str | None = None) -> str:
    """SELECT over `bad` (lines that were not rows; with `per`, of several loads, that
    column naming each line's load): for each bad line, `gap`, how many rows were read
    before it, and `before`, how many bad lines up to it. The k-th row read (from 0) sits on
    line first_line + k + (the number of bad lines whose gap <= k). Consecutive bad lines
    share a gap: one row a gap, with the most lines, or an ASOF join may pick the first of
    them."""
    order = f"partition by {per} order by _row" if per else "order by _row"
    key = f"{per}, " if per else ""
    return f"""select {key}gap, max(before) as before from (
                   select {key}_row - {first_line} - (row_number() over ({order}) - 1) as gap,
                          row_number() over ({order}) as before
                   from {bad})
               group by all"""


def _fix_rows_after_rejects(
    con: duckdb.DuckDBPyConnection, first_line: int, table: str = "src"
) -> None:
    """Renumber `<table>._row` (counted over rows read) to the lines a person sees, past the
    lines that were not rows; nothing to do when there are none."""
    if not con.execute("select count(*) from src_bad").fetchone()[0]:
        return
    con.execute(
        f"""create or replace temp table {table} as
            with r as ({_bad_line_gaps(first_line)})
            select s.* replace (s._row + coalesce(r.before, 0) as _row)
            from {table} s asof left join r on s._row - {first_line} >= r.gap"""
    )


@dataclass(frozen=True)
class Source:
    """What the loader selects rows from: `sql` is a temp table (or a select over one, or a
    file scan); `columns` its source columns; `row_sql` numbers its rows (the line a person
    looks for). A scan of CSV files cannot number its rows while reading them in parallel
    (`csv_files`): its `row_sql` is NULL, and the loader finds the lines of the rows it
    rejected after the insert (`rejected_lines`)."""

    sql: str
    columns: list[str]
    row_sql: str = "_row"
    # The first rows, when `sql` must run once (a file scan): see `sample`.
    first_rows: Callable[[list[str]], list[tuple]] | None = None
    # A CSV scan: its files and delimiter, and its SQL when the reader parses some columns
    # itself (`Typing`; the lines it cannot parse are left in `src_rejects`).
    files: tuple[FileInfo, ...] = ()
    delim: str = ","
    typed: Callable[[Typing], str] | None = None

    def sample(self, con: duckdb.DuckDBPyConnection, names: list[str]) -> list[tuple]:
        """Up to SAMPLE_ROWS of the first rows' text in columns `names`: what the date-format
        probe looks at."""
        if not names:
            return []
        if self.first_rows:
            return self.first_rows(names)
        return con.execute(
            f"select {', '.join(q(n) for n in names)} from {self.sql} limit {SAMPLE_ROWS}"
        ).fetchall()


def csv_layout(info: FileInfo, feed: Feed) -> tuple[list[str], str]:
    """The CSV's columns (the feed's spelling where they name a field) and delimiter, from
    its header line; refuses a file without a header naming the feed's fields."""
    header = _first_line(info)
    try:
        text = header.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse_encoding(info)
    if not text.strip():
        raise Refused(f"{info.path.name}: no header row (the first line is empty)")
    delim = ";" if text.count(";") > text.count(",") else ","
    names = [n.strip().strip('"') for n in text.split(delim)]
    columns = _canonical(names, feed)
    _require_known_header(columns, feed, info)
    return columns, delim


def scanned_directly(columns: list[str], feed: Feed) -> bool:
    """Whether the loader's insert reads the CSV itself (else it is staged: see read_csv)."""
    return not {c.lower() for c in columns} & {u.lower() for u in feed.unpacks}


def read_csv(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> Source:
    """The CSV staged in `src` as text columns, read in parallel: for a file with nested
    lists that the loader reads again by line (`feed.unpacks`). The loader's insert scans
    other CSV files itself (`csv_files`): staging every value as text first cost more than
    the check itself (docs/benchmarks.md)."""
    columns, delim = csv_layout(info, feed)
    try:
        con.execute(
            f"create or replace temp table src as select * from {_csv_sql([info], columns, delim)}"
        )
    except duckdb.Error as error:
        raise Refused(f"{info.path.name}: cannot be read as CSV ({_short(error)})") from None
    _rejects_to_bad(con, info)
    if not con.execute("select count(*) from src_bad").fetchone()[0]:
        return _table_source(con, row_sql=_row_sql(con, "src", first=2))
    _number_rows(con, "src", first=2)
    _fix_rows_after_rejects(con, first_line=2)
    return _table_source(con)


FILE_COLUMN = "_file"


def _csv_sql(
    infos: list[FileInfo], columns: list[str], delim: str, typing: Typing | None = None
) -> str:
    """read_csv of the files (one layout, one compression) with every column as text but
    those `typing` types; lines that do not split into a row, or hold a value the typed
    columns cannot parse, go to the `src_rejects` table. Several files come with a
    FILE_COLUMN naming each row's file, as given."""
    types = typing.types if typing else {}
    spec = "{" + ", ".join(f"{lit(c)}: {lit(types.get(c, 'VARCHAR'))}" for c in columns) + "}"
    dates = ""
    if typing and typing.timestamp_format:
        dates = f", timestampformat = {lit(typing.timestamp_format)}"
    if len(infos) == 1:
        paths, file_column = lit(str(infos[0].path)), ""
    else:
        paths = "[" + ", ".join(lit(str(info.path)) for info in infos) + "]"
        file_column = f", filename = {lit(FILE_COLUMN)}"
    return f"""read_csv({paths}, delim = {lit(delim)}, header = true,
                auto_detect = false, columns = {spec}, quote = '"', escape = '"',
                strict_mode = true, store_rejects = true, rejects_table = 'src_rejects',
                rejects_scan = 'src_rejects_scan'{file_column}{dates},
                compression = {lit("gzip" if infos[0].gzipped else "none")})"""


def csv_files(infos: list[FileInfo], columns: list[str], delim: str) -> Source:
    """CSV files of one layout (one or more) scanned by the loader's insert itself, in
    parallel; with several files each row has its file in FILE_COLUMN (the files' lines that
    are not rows: `group_bad_lines`). Rows land in file order, so their rowids number them
    afterwards. The first rows are the largest file's (a province's first file is often a
    small one)."""
    largest = max(infos, key=lambda info: info.size)
    return Source(
        _csv_sql(infos, columns, delim),
        columns,
        row_sql="null::bigint",
        first_rows=lambda names: _csv_first_rows(largest, columns, delim, names),
        files=tuple(infos),
        delim=delim,
        typed=lambda typing: _csv_sql(infos, columns, delim, typing),
    )


def bad_lines_of(con: duckdb.DuckDBPyConnection, info: FileInfo) -> None:
    """`src_bad` of one file of a `csv_files` scan; a bad encoding refuses the file."""
    con.execute(
        """create or replace temp table file_rejects as
           select r.* from src_rejects r join src_rejects_scan s using (scan_id, file_id)
           where s.file_path = ?""",
        [str(info.path)],
    )
    _rejects_to_bad(con, info, "file_rejects")


def group_bad_lines(
    con: duckdb.DuckDBPyConnection, infos: list[FileInfo], load_ids: list[int]
) -> None:
    """`group_bad(load_id, _row, rule, reason, text)`: the lines of a `csv_files` scan that
    were not rows, each under its file's load id (as `src_bad` is for one file), and
    `group_files(load_id, file_name)`. A bad encoding in any file refuses that file (the
    group then loads file by file)."""
    con.execute(
        "create or replace temp table group_files "
        "(load_id integer, file_path varchar, file_name varchar)"
    )
    con.executemany(
        "insert into group_files values (?, ?, ?)",
        [[i, str(info.path), info.path.name] for info, i in zip(infos, load_ids, strict=True)],
    )
    con.execute(
        f"""create or replace temp table group_bad as
            select f.load_id, min(r.line)::bigint as _row,
                   case when bool_and(r.error_type = 'CAST') then {lit(RETRIED)}
                        else 'malformed_line' end as rule,
                   coalesce(any_value(r.error_message) filter (r.error_type <> 'CAST'),
                            any_value(r.error_message)) as reason,
                   any_value(r.csv_line) as text,
                   bool_or(r.error_type = 'INVALID ENCODING') as bad_encoding
            from src_rejects r join src_rejects_scan s using (scan_id, file_id)
                 join group_files f on f.file_path = s.file_path
            group by f.load_id, r.line"""
    )
    found = con.execute("select min(load_id) from group_bad where bad_encoding").fetchone()[0]
    if found is not None:
        _refuse_encoding(infos[load_ids.index(found)])


def rejected_lines(
    table: str, bases: dict[int, int | None], first_line: int, bad: str = "group_bad"
) -> str:
    """SELECT of the rejected rows that loads `bases` appended to `table` (`_load_id`,
    `_row`, `_rejected`, `_extra`), with the line of those their scans appended: the k-th
    row a load's scan appended (rowid its base + k) is on line first_line + k plus the lines
    before it that were not rows (`bad`, with a `load_id` column). A row that came numbered
    (a line read again: `retried_lines`) keeps its `_row`; so does every row of a load with
    no base (its scan appended none).

    Computed as they go to the quarantine, not stored: updating the rows in the raw table
    made DuckDB rewrite, at commit, every row group holding one (most of the commit), on
    one core while the other idled."""
    values = ", ".join(
        f"({load_id}, {'null' if base is None else base})" for load_id, base in bases.items()
    )
    return f"""
        with b(load_id, base) as (values {values}),
        g as ({_bad_line_gaps(first_line, bad, per="load_id")}),
        s as (
            select x._load_id, x._row, x._rejected, x._extra, x.rowid - b.base as k
            from {table} x join b on x._load_id = b.load_id
            where x._load_id between {min(bases)} and {max(bases)}
              and x._rejected is not null)
        select s._load_id, coalesce(s._row, s.k + {first_line} + coalesce(g.before, 0)) as _row,
               s._rejected, s._extra
        from s asof left join g on s._load_id = g.load_id and s.k >= g.gap"""


RETRIED = "retried"
FILE_NUMBER = "_file_number"


def retried_lines(con: duckdb.DuckDBPyConnection, source: Source) -> tuple[Source, Path] | None:
    """The lines of `source`'s typed scan that only held a value the reader could not parse
    (a date in another format, a word in a number column), as text columns in a temporary
    CSV file: `_row` their line, FILE_NUMBER their file's place in `source.files`. None when
    there are none. The caller reads them (the Source), checks them as any text, and deletes
    the file (the Path).

    DuckDB's rejects table keeps each such line whole (`csv_line`): written back with the
    same delimiter and quoting, it splits as it did in the file."""
    numbers = {str(info.path): n for n, info in enumerate(source.files)}
    found = con.execute(
        """select s.file_path, r.line, any_value(r.csv_line)
           from src_rejects r join src_rejects_scan s using (scan_id, file_id)
           group by all having bool_and(r.error_type = 'CAST') order by all"""
    ).fetchall()
    if not found:
        return None
    handle, name = tempfile.mkstemp(prefix="haicap-retry-", suffix=".csv")
    path = Path(name)
    with open(handle, "w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=source.delim, lineterminator="\n").writerow(
            ["_row", FILE_NUMBER, *source.columns]
        )
        for file_path, line, text in sorted(found, key=lambda r: (numbers[r[0]], r[1])):
            out.write(f"{line}{source.delim}{numbers[file_path]}{source.delim}{text}\n")
    spec = ", ".join(
        [f"'_row': 'BIGINT', {lit(FILE_NUMBER)}: 'INTEGER'"]
        + [f"{lit(c)}: 'VARCHAR'" for c in source.columns]
    )
    sql = f"""read_csv({lit(str(path))}, delim = {lit(source.delim)}, header = true,
                auto_detect = false, columns = {{{spec}}}, quote = '"', escape = '"',
                strict_mode = true)"""
    return Source(sql, list(source.columns)), path


SAMPLE_ROWS = 500
SAMPLE_BYTES = 1 << 20


def _csv_first_rows(
    info: FileInfo, columns: list[str], delim: str, names: list[str]
) -> list[tuple]:
    """Columns `names` of the CSV's first rows (up to SAMPLE_ROWS, from its first
    SAMPLE_BYTES), split by Python's csv module: a probe in SQL (rows read by DuckDB, every
    format tried with try_strptime) cost about ten times as much a file. Rows that do not
    split into the header's columns are left out."""
    with _open_text_stream(info.path, info.gzipped) as handle:
        block = handle.read(SAMPLE_BYTES)
        whole = not handle.read(1)
    if not whole:  # the last line may be cut short
        block = block[: block.rfind(b"\n") + 1]
    wanted = [columns.index(n) for n in names]
    rows: list[tuple] = []
    reader = csv.reader(io.StringIO(block.decode("utf-8-sig", errors="replace")), delimiter=delim)
    with contextlib.suppress(csv.Error):  # a quoted value the cut left open
        next(reader, None)  # the header
        for row in reader:
            if len(row) == len(columns):
                rows.append(tuple(row[i] or None for i in wanted))
                if len(rows) == SAMPLE_ROWS:
                    break
    return rows


def number_inserted(
    con: duckdb.DuckDBPyConnection, table: str, load_id: int, base: int | None, first_line: int
) -> None:
    """Set `_row` of every row this load's scan appended to `table` from rowid `base`, to
    its line (see `rejected_lines`; the lines that were not rows: `src_bad`). Only for a
    load that also accepted lines read again (`retried_lines`), which come numbered: the
    versions of one dossier in that file must compare by line. Otherwise accepted rows keep
    `_row` NULL: among themselves they stay in file order, which is all that supersession
    within a file needs (see the `_current` views), and numbering them makes the commit
    rewrite them."""
    if base is None:
        return
    con.execute(
        f"""update {table} set _row = n.line from (
                with r as ({_bad_line_gaps(first_line)})
                select s.rowid as id,
                       s.rowid - {base} + {first_line} + coalesce(r.before, 0) as line
                from {table} s asof left join r on s.rowid - {base} >= r.gap
                where s._load_id = {load_id} and s._row is null) n
            where {table}.rowid = n.id"""
    )


def appended(
    con: duckdb.DuckDBPyConnection, table: str, load_ids: list[int]
) -> dict[int, tuple[int, int | None]]:
    """For each load: how many rows it appended to `table` were accepted, and the rowid of
    the first its scan appended (None: none). One query for a group of files: one a file
    scanned the group's growing rows again each time, on one core."""
    found = con.execute(
        f"""select _load_id, count(*) filter (where _rejected is null),
                   min(rowid) filter (where _row is null)
            from {table} where _load_id in ({", ".join(map(str, load_ids))}) group by all"""
    ).fetchall()
    counts = {load_id: (0, None) for load_id in load_ids}
    counts.update({load_id: (accepted, base) for load_id, accepted, base in found})
    return counts


def _table_source(con: duckdb.DuckDBPyConnection, row_sql: str | None = None) -> Source:
    """The temp table `src` as a Source (numbered by `row_sql` when it has no `_row`)."""
    columns = [r[0] for r in con.execute("describe src").fetchall() if r[0] != "_row"]
    if row_sql is None:
        return Source("src", columns)
    return Source(f"(select {row_sql} as _row, * from src)", columns)


def _lines_to_src(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> None:
    """From `lines(_row, j)` (one JSON text a record) to `src` and `src_bad`."""
    con.execute(
        """create or replace temp table src_bad as
           select _row, 'malformed_json' as rule,
                  case when not json_valid(j) then 'not valid JSON'
                       else 'not a JSON object' end as reason,
                  left(j, 2000) as text
           from lines
           where not json_valid(j) or json_type(j::json) <> 'OBJECT'"""
    )
    con.execute(
        """create or replace temp table good as
           select _row, j::json as j from lines
           where json_valid(j) and json_type(j::json) = 'OBJECT'"""
    )
    keys = [
        row[0]
        for row in con.execute(
            "select k from (select distinct unnest(json_keys(j)) as k from good) order by k"
        ).fetchall()
    ]
    if not keys and not con.execute("select count(*) from src_bad").fetchone()[0]:
        raise Refused(f"{info.path.name}: no records in the file")
    if keys:
        _require_known_header(_canonical(keys, feed), feed, info)
    body = "".join(", " + c for c in json_columns(keys, feed, "j"))
    con.execute(
        f"create or replace temp table src as select _row{body} from {json_rows('good', keys, 'j')}"
    )
    con.execute("drop table good")


def _one_struct(keys: list[str]) -> bool:
    """Keys differing only in case cannot share a struct (DuckDB's names are caseless)."""
    return len({k.lower() for k in keys}) == len(keys)


def json_rows(table: str, keys: list[str], json_column: str) -> str:
    """`table` with its JSON objects parsed once into `_s`, a struct of text fields, where
    the keys allow it (see `json_columns`)."""
    if not _one_struct(keys) or not keys:
        return table
    shape = "{" + ", ".join(f'{json_key(k)}: "VARCHAR"' for k in keys) + "}"
    return f"(select *, json_transform({json_column}, {lit(shape)}) as _s from {table})"


def json_columns(keys: list[str], feed: Feed, json_column: str) -> list[str]:
    """Select-list entries (over `json_rows(...)`) turning JSON objects into one text column
    per key, named by the feed's spelling when the key is a field (case-insensitively: two
    spellings of one field fill one column). Parsed once into `_s` where the keys allow;
    otherwise one lookup per key."""
    groups: dict[str, list[str]] = {}
    for key, canon in zip(keys, _canonical(keys, feed), strict=True):
        base = feed.by_lower().get(key.lower())
        groups.setdefault(base.name if base else canon, []).append(key)
    if _one_struct(keys):
        return [f"_s[{lit(spellings[0])}] as {q(column)}" for column, spellings in groups.items()]
    selects = []
    for column, spellings in groups.items():
        parts = [
            f"json_extract_string({json_column}, {lit('$.' + json_key(k))})" for k in spellings
        ]
        expr = parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"
        selects.append(f"{expr} as {q(column)}")
    return selects


def json_key(key: str) -> str:
    return '"' + key.replace('"', '\\"') + '"'


def read_jsonl(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> Source:
    try:
        con.execute(
            """create or replace temp table lines as
               select * from read_csv(?, columns = {'j': 'VARCHAR'}, delim = chr(1),
                   quote = '', escape = '', header = false, auto_detect = false,
                   store_rejects = true, rejects_table = 'src_rejects',
                   rejects_scan = 'src_rejects_scan', compression = ?)""",
            [str(info.path), "gzip" if info.gzipped else "none"],
        )
    except duckdb.Error as error:
        raise Refused(f"{info.path.name}: cannot be read as JSON Lines ({_short(error)})") from None
    _rejects_to_bad(con, info)
    _number_rows(con, "lines", first=1)
    _fix_rows_after_rejects(con, first_line=1, table="lines")
    con.execute("delete from lines where j is null or trim(j) = ''")
    bad = con.execute("select * from src_bad").fetchall()
    _lines_to_src(con, info, feed)
    if bad:
        con.executemany("insert into src_bad values (?, ?, ?, ?)", bad)
    return _table_source(con)


def read_json(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> Source:
    """A JSON array of records, or the portal envelope {"service": ..., "data": [...]}."""
    if first_bad_utf8(info.path, info.gzipped) is not None:
        _refuse_encoding(info)
    with _open_text_stream(info.path, info.gzipped) as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        steps = [
            "create or replace temp table lines as select json from read_json_objects(?, "
            "format = 'array', compression = ?, maximum_object_size = 1073741824)",
            "create or replace temp table lines as select json::varchar as j from lines",
        ]
    elif head.startswith(b"{"):
        steps = [
            """create or replace temp table lines as
               with doc as (
                   select json_transform(json, '{"data": ["JSON"]}').data as l
                   from read_json_objects(?, format = 'unstructured',
                       compression = ?, maximum_object_size = 2147483647)
                   where json_type(json, '$.data') = 'ARRAY')
               select unnest(range(1, len(l) + 1)) as _row, unnest(l)::varchar as j
               from doc""",
        ]
    else:
        raise Refused(f"{info.path.name}: not a JSON array or portal envelope")
    try:
        con.execute(steps[0], [str(info.path), "gzip" if info.gzipped else "none"])
        for step in steps[1:]:
            con.execute(step)
        if len(steps) > 1:
            _number_rows(con, "lines", first=1)
    except duckdb.Error as error:
        raise Refused(f"{info.path.name}: not valid JSON ({_short(error)})") from None
    if head.startswith(b"{") and not con.execute("select count(*) from lines").fetchone()[0]:
        has_data = con.execute(
            "select json_type(json, '$.data') from read_json_objects(?, format = "
            "'unstructured', compression = ?, maximum_object_size = 2147483647)",
            [str(info.path), "gzip" if info.gzipped else "none"],
        ).fetchone()[0]
        if has_data != "ARRAY":
            raise Refused(
                f'{info.path.name}: a JSON object without a "data" list '
                '(expected the portal envelope {"service": ..., "data": [...]})'
            )
    _lines_to_src(con, info, feed)
    return _table_source(con)


def read_xlsx(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> Source:
    import polars as pl  # only workbooks need it; keeps the command quick to start

    try:
        frame = pl.read_excel(info.path, engine="calamine", infer_schema_length=0)
    except Exception as error:  # fastexcel raises its own types for every broken workbook
        raise Refused(f"{info.path.name}: not a readable XLSX workbook ({_short(error)})") from None
    if frame.width == 0:
        raise Refused(f"{info.path.name}: the first sheet has no header row")
    columns = _canonical(frame.columns, feed)
    _require_known_header(columns, feed, info)
    frame = frame.rename(dict(zip(frame.columns, columns, strict=True)))
    frame = frame.select(pl.all().cast(pl.String)).with_row_index("_row", offset=2)
    con.register("xlsx_frame", frame)
    con.execute("create or replace temp table src as select * from xlsx_frame")
    con.unregister("xlsx_frame")
    _no_bad_lines(con)
    return _table_source(con)


def read_parquet(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> Source:
    try:
        described = con.execute(
            "describe select * from read_parquet(?)", [str(info.path)]
        ).fetchall()
    except duckdb.Error as error:
        raise Refused(f"{info.path.name}: not a readable Parquet file ({_short(error)})") from None
    source_names = [row[0] for row in described]
    columns = _canonical(source_names, feed)
    _require_known_header(columns, feed, info)
    casts = ", ".join(
        f"{_as_text(q(s), row[1])} as {q(c)}"
        for s, c, row in zip(source_names, columns, described, strict=True)
    )
    con.execute(
        f"""create or replace temp table src as
            select {casts} from read_parquet(?)""",
        [str(info.path)],
    )
    _no_bad_lines(con)
    return _table_source(con, row_sql=_row_sql(con, "src", first=1))


def _no_bad_lines(con: duckdb.DuckDBPyConnection) -> None:
    """Whole-file formats (XLSX, Parquet) have no line that fails to split into a row."""
    con.execute(
        "create or replace temp table src_bad (_row bigint, rule varchar, "
        "reason varchar, text varchar)"
    )


def _as_text(column: str, sql_type: str) -> str:
    if sql_type.upper().startswith(("STRUCT", "MAP")) or sql_type.endswith("[]"):
        return f"to_json({column})::varchar"
    return f"{column}::varchar"


READERS = {
    "csv": read_csv,
    "jsonl": read_jsonl,
    "json": read_json,
    "xlsx": read_xlsx,
    "parquet": read_parquet,
}


def open_source(con: duckdb.DuckDBPyConnection, info: FileInfo, feed: Feed) -> Source:
    """Make the file selectable as rows of text (see `Source`); `src_bad` gets the lines
    that are not rows."""
    return READERS[info.format](con, info, feed)


def _short(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:300]
