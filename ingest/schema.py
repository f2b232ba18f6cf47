"""The working warehouse's raw layer, its load log, and the salt of identity hashes.

`open_warehouse` opens the working warehouse for a run of the ingest and brings it up to
date: `raw.<feed>` tables and their `_current` views, `raw.quarantine`, `meta.loads` and
`meta.attempts`, with the migrations a warehouse made by an earlier version needs, and the
unknown columns no longer allow-listed blanked (the file then rewritten whole).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import duckdb

from ingest.feeds import FEEDS
from ingest.fields import WITHHELD_LINE, Feed, lit, q
from ingest.reference import ensure_reference
from warehouse.connection import open_working
from warehouse.paths import DataDir


def open_warehouse(data: DataDir, feeds: dict[str, Feed]) -> duckdb.DuckDBPyConnection:
    """The working warehouse, open for loading and up to date (see `ensure_schema`)."""
    con = _open(data.working)
    try:
        if ensure_schema(con, feeds):
            con = _rewritten(con, data.working)
    except BaseException:
        con.close()
        raise
    return con


def _open(path: Path) -> duckdb.DuckDBPyConnection:
    con = open_working(path)
    # No compaction of row groups at checkpoints: each file's rows end in a part-filled row
    # group, and compacting it with the next file's rewrote that file whole, most of what
    # the ingest of many files cost beyond the insert (docs/benchmarks.md). The price is
    # about half a row group of slack a file.
    con.execute("set max_vacuum_tasks = 0")
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection, feeds: dict[str, Feed] | None = None) -> bool:
    """Create or bring up to date the raw layer and the load log. Returns whether values of
    columns that are no longer kept were blanked (see `_drop_unlisted_extras`): their old
    bytes may still sit in the file's free blocks until it is rewritten."""
    con.execute("create schema if not exists raw")
    con.execute("create schema if not exists meta")
    ensure_reference(con)
    con.execute("create sequence if not exists meta.load_ids start 1")
    con.execute(
        """create table if not exists meta.loads (
            load_id integer primary key, file_name varchar, file_path varchar, feed varchar,
            format varchar, content_hash varchar, size_bytes bigint,
            started_at timestamp, finished_at timestamp,
            rows_read bigint, rows_accepted bigint, rows_quarantined bigint,
            rows_waiting bigint, nested json, dropped_columns varchar[])"""
    )
    con.execute("alter table meta.loads add column if not exists dropped_columns varchar[]")
    con.execute(
        """create table if not exists meta.attempts (
            attempted_at timestamp, file_path varchar, feed varchar, content_hash varchar,
            status varchar, reason varchar)"""
    )
    _name_content_hashes(con)
    con.execute(
        """create table if not exists raw.quarantine (
            load_id integer, file_name varchar, feed varchar, "row" bigint, rule varchar,
            field varchar, message varchar, original json, extra json)"""
    )
    _ensure_tables(con)
    purge_rejected(con)
    return _drop_unlisted_extras(con, feeds or FEEDS)


def _drop_unlisted_extras(con: duckdb.DuckDBPyConnection, feeds: dict[str, Feed]) -> bool:
    """Keep, of the unknown columns stored before (`raw.<feed>._extra`, the quarantine's
    `extra`), only those allow-listed now. Warehouses loaded before December 2026 kept every
    unknown column but a few personal names, and an operator may shorten the allow-list.
    Runs when the allow-list differs from the one last applied (`meta.kept_columns`).

    The first time (a warehouse from before), the text of quarantined lines that were not
    rows is withheld too: such a line may hold any column, and which columns its file had
    was not recorded (see `bad_line_original`; the files themselves still hold it)."""
    first_time = not con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'meta' and table_name = 'kept_columns'"
    ).fetchone()[0]
    con.execute(
        "create table if not exists meta.kept_columns (feed varchar primary key, names varchar[])"
    )
    applied = dict(con.execute("select feed, names from meta.kept_columns").fetchall())
    blanked = False
    if first_time:
        blanked = (
            con.execute(
                f"""update raw.quarantine set original = {WITHHELD_LINE}
                    where original->>'text' is not null"""
            ).fetchone()[0]
            > 0
        )
    for feed in feeds.values():
        names = sorted(feed.keep)
        if applied.get(feed.name) == names:
            continue
        listed = "[" + ", ".join(lit(n) for n in names) + "]::varchar[]"
        for table, column, where in (
            (f"raw.{feed.name}", "_extra", ""),
            ("raw.quarantine", "extra", f" and feed = {lit(feed.name)}"),
        ):
            keys = f"json_keys({column})"
            kept = (
                f"to_json(map_from_entries(list_transform(list_filter({keys}, "
                f"lambda k: list_contains({listed}, lower(k))), "
                f"lambda k: {{'k': k, 'v': {column}->>k}})))"
                if names
                else "null"
            )
            changed = con.execute(
                f"""update {table} set {column} = {kept}
                    where {column} is not null{where}
                      and len(list_filter({keys}, lambda k: not list_contains({listed}, lower(k))))
                          > 0"""
            ).fetchone()[0]
            blanked = blanked or changed > 0
        con.execute("insert or replace into meta.kept_columns values (?, ?)", [feed.name, names])
    return blanked


def _name_content_hashes(con: duckdb.DuckDBPyConnection) -> None:
    """Load logs written before December 2026 kept SHA-256 digests in a `sha256` column; the
    column is `content_hash` now, its values prefixed by their algorithm. (A file loaded then
    and delivered again is loaded again: its rows supersede themselves, nothing changes.)"""
    for table in ("loads", "attempts"):
        columns = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'meta' and table_name = ?",
                [table],
            ).fetchall()
        }
        if "sha256" in columns:
            con.execute(f"alter table meta.{table} rename column sha256 to content_hash")
            con.execute(
                f"update meta.{table} set content_hash = 'sha256:' || content_hash "
                "where content_hash not like '%:%'"
            )


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for feed in FEEDS.values():
        columns = ", ".join(f"{q(n)} {t}" for n, t in feed.stored_columns())
        con.execute(
            f"create table if not exists raw.{feed.name} ({columns}, "
            "_load_id integer, _row bigint, _extra json, _rejected json)"
        )
        existing = {
            r[0].lower(): r[1]
            for r in con.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'raw' and table_name = ?",
                [feed.name],
            ).fetchall()
        }
        for name, sql_type in feed.stored_columns():
            if name.lower() not in existing:
                con.execute(f"alter table raw.{feed.name} add column {q(name)} {sql_type}")
            elif sql_type == "uhugeint" and existing[name.lower()] == "VARCHAR":
                # Identity hashes written before December 2026 were 64 hex characters of
                # SHA-256: they keep their first 128 bits, still one pseudonym per number
                # among themselves, but they do not match the MD5 ones written since.
                con.execute(
                    f"alter table raw.{feed.name} alter column {q(name)} type uhugeint "
                    f"using ('0x' || left({q(name)}, 32))::uhugeint"
                )
        key = ", ".join(q(k) for k in feed.key)
        # The latest version: of the latest load, the last in its file. Rows read straight
        # from a CSV keep `_row` NULL (see ingest.reader.number_inserted); they were
        # appended in file order, so their rowids order them.
        con.execute(
            f"""create or replace view raw.{feed.name}_current as
                select * exclude (_rejected) from raw.{feed.name}
                where _rejected is null
                qualify row_number() over (
                    partition by {key} order by _load_id desc, _row desc, rowid desc) = 1"""
        )


def purge_rejected(con: duckdb.DuckDBPyConnection, after_load_id: int = 0) -> None:
    """Delete rows already moved to the quarantine from the raw tables: those of the loads
    after `after_load_id` (the end of a run), or, at start-up, any left by a process that
    stopped before its purge.

    Once a run, not once a file: every view and model reads only `_rejected is null`, and
    each file's delete made DuckDB checkpoint, a large share of the ingest of many files."""
    only = f" and _load_id > {after_load_id}" if after_load_id else ""
    for table in FEEDS.values():
        con.execute(f"delete from raw.{table.name} where _rejected is not null{only}")


def last_load_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select coalesce(max(load_id), 0) from meta.loads").fetchone()[0]


def _rewritten(con: duckdb.DuckDBPyConnection, path: Path) -> duckdb.DuckDBPyConnection:
    """The warehouse copied whole into a new file that replaces it, reopened. A DuckDB file
    keeps the bytes of values it no longer holds in its free blocks until they are reused:
    after dropped values were blanked, only a new file is sure to hold none of them."""
    fresh = path.with_name(path.stem + ".rewrite.duckdb")
    fresh.unlink(missing_ok=True)
    database = con.execute("select current_database()").fetchone()[0]
    con.execute("checkpoint")
    con.execute(f"attach {lit(str(fresh))} as rewrite")
    try:
        con.execute(f"copy from database {q(database)} to rewrite")
    finally:
        con.execute("detach rewrite")
    con.close()
    os.replace(fresh, path)
    return _open(path)


def salt_for(data: DataDir) -> str:
    """The salt, made on first use and kept outside any warehouse (HAICAP_SALT_FILE or
    DIR/secrets/salt). Losing it breaks linking hashes across loads, nothing else."""
    path = Path(os.environ.get("HAICAP_SALT_FILE") or data.salt_file)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    value = path.read_text().strip()
    if not re.fullmatch(r"[0-9a-f]{32,}", value):
        raise RuntimeError(f"{path}: the salt file is damaged (expected hex text)")
    return value
