"""Publishing a build: whole files written beside the live ones, then swapped in.

`DIR/published/warehouse.duckdb` gets the `marts` schema of the build (leaders' edition);
`DIR/published/public.duckdb` gets only the `pub` schema (journalists' edition, small numbers
withheld in dbt). Each file is written under a temporary name in the same folder and moved
over the live one with `os.replace`, which is atomic on one file system: a dashboard that has
the old file open keeps reading it, the next connection sees the whole new build. dbt's docs go
to `DIR/published/docs/` the same way (a folder written aside, then renamed into place).

When the build's public layer failed its checks (warehouse/build.py), only the leaders' file is
written and swapped in; the public file stays as it was, and the leaders' `marts.build_info`
says so: `public_published` false, `public_build_id` the build the public file holds, and
`public_failures` the failed checks (JSON: check, provinces, first failing rows).

`built_at` is the local time (Asia/Ho_Chi_Minh, as the load log's times), whatever the zone of
the machine that builds.

Every published table carries the build's id in a constant column `_build_id` (the same value
as `build_info.build_id`), so a reader can check that what it read came from one build
(`scripts/bad_days.py` and tests/test_bad_days.py do). Constant columns compress to almost
nothing; the query layer never selects `_build_id` for a user. The dossier fact is the
exception in form, not in effect: its rows are the table `marts.fct_dossiers__rows`, and
`marts.fct_dossiers` is a view of them with the column added (adding a column to every row
group of the fact would cost every publish time).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from warehouse.connection import LOCAL_TZ, _memory_limit
from warehouse.paths import DataDir

DOCS_FILES = ("index.html", "static_index.html", "manifest.json", "catalog.json")
BUILD_ID_COLUMN = "_build_id"
# the dossier fact: published as a view (with the stamp) of this table of its rows
FACT, FACT_ROWS = "fct_dossiers", "fct_dossiers__rows"


def _local_now() -> dt.datetime:
    """Now, in the dashboard's zone, without the zone (the published timestamps' convention)."""
    return dt.datetime.now(ZoneInfo(LOCAL_TZ)).replace(tzinfo=None, microsecond=0)


def public_build_id(path: Path) -> str | None:
    """The build id of a published public file (None: none there, or unreadable)."""
    if not path.exists():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            row = con.execute("select build_id from pub.build_info").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return row[0] if row else None


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _thresholds(con: duckdb.DuckDBPyConnection, table: str, prefix: str = "") -> str:
    """The dbt vars the build ran with whose names start with `prefix` (model dim_threshold),
    as JSON for build_info: the dashboards quote these, never numbers of their own."""
    rows = con.execute(
        f"select threshold_name, threshold_value from {table} where starts_with(threshold_name, ?)",
        [prefix],
    ).fetchall()
    return json.dumps({name: value for name, value in rows}, sort_keys=True)


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    return [
        row[0]
        for row in con.execute(
            """select table_name from information_schema.tables
               where table_catalog = 'build' and table_schema = ? and table_type = 'BASE TABLE'
               order by table_name""",
            [schema],
        ).fetchall()
    ]


def _write_copy(build_db: Path, target: Path, schema: str, build_id: str) -> list[str]:
    """Copy every table of `schema` from the build file into a new file at `target`."""
    for leftover in (target, target.with_name(target.name + ".wal")):
        if leftover.exists():
            leftover.unlink()
    con = duckdb.connect(str(target))
    try:
        con.execute(f"set TimeZone = '{LOCAL_TZ}'")
        con.execute(f"set memory_limit = '{_memory_limit()}'")
        con.execute("set preserve_insertion_order = true")
        con.execute(f"attach '{build_db}' as build (read_only)")
        tables = _tables(con, schema)
        if not tables:
            raise RuntimeError(f"the build has no tables in schema {schema}")
        con.execute(f"create schema {schema}")
        for table in tables:
            # The build sorted its tables; a plain copy keeps that order (and the clustering).
            con.execute(
                f"create table {schema}.{table} as select *, "
                f"{_literal(build_id)}::varchar as {BUILD_ID_COLUMN} from build.{schema}.{table}"
            )
        # Every published file says up to which day its data runs (the public one too).
        as_of = con.execute("select as_of_day from build.intermediate.int_build__as_of").fetchone()[
            0
        ]
        con.execute(
            f"""create table {schema}.build_info as select
                ?::varchar as build_id, ?::timestamp as built_at, ?::date as as_of_day,
                ?::varchar[] as tables, ?::varchar as thresholds,
                ?::varchar as {BUILD_ID_COLUMN}""",
            [
                build_id,
                _local_now(),
                as_of,
                tables,
                _thresholds(con, "build.marts.dim_threshold", "public_"),
                build_id,
            ],
        )
        con.execute("detach build")
        con.execute("checkpoint")
    finally:
        con.close()
    return tables


def _swap_docs(source: Path, published_dir: Path, build_id: str) -> Path:
    live = published_dir / "docs"
    fresh = published_dir / f".docs-{build_id}"
    fresh.mkdir(parents=True)
    for name in DOCS_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, fresh / name)
    old = published_dir / f".docs-old-{build_id}"
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    return live


def _finish_leader_file(
    build_db: Path,
    build_id: str,
    public_build: str | None = None,
    public_failures: list[dict] | tuple = (),
) -> list[str]:
    """Turn a copy of the build file into the leaders' file: stamp it, drop what only the build
    needed (staging views read the attached raw layer; intermediate tables; the public layer,
    which has its own file; the build's state). A file copy: cheaper than copying the dossier
    fact, the biggest table, row by row. The stamp says which build the public file holds and
    why it is not this one (`public_failures`)."""
    con = duckdb.connect(str(build_db))
    try:
        con.execute(f"set memory_limit = '{_memory_limit()}'")
        as_of = con.execute("select as_of_day from intermediate.int_build__as_of").fetchone()[0]
        tables = [
            row[0]
            for row in con.execute(
                """select table_name from information_schema.tables
                   where table_schema = 'marts' and table_type = 'BASE TABLE'
                   order by table_name"""
            ).fetchall()
        ]
        con.execute(
            f"""create or replace table marts.build_info as select
                ?::varchar as build_id, ?::timestamp as built_at, ?::date as as_of_day,
                ?::varchar[] as tables, ?::boolean as public_published,
                ?::varchar as public_build_id, ?::varchar as public_failures,
                ?::varchar as thresholds, ?::varchar as {BUILD_ID_COLUMN}""",
            [
                build_id,
                _local_now(),
                as_of,
                tables,
                not public_failures,
                public_build,
                json.dumps(list(public_failures), ensure_ascii=False, default=str),
                _thresholds(con, "marts.dim_threshold"),
                build_id,
            ],
        )
        for schema in ("staging", "intermediate", "pub", "build_state"):
            con.execute(f"drop schema if exists {schema} cascade")
        con.execute(f"alter table marts.{FACT} rename to {FACT_ROWS}")
        con.execute(
            f"create view marts.{FACT} as select *, {_literal(build_id)}::varchar "
            f"as {BUILD_ID_COLUMN} from marts.{FACT_ROWS}"
        )
        stamped = con.execute(
            """select table_schema, table_name from information_schema.tables
               where table_type = 'BASE TABLE' and table_name not in ('build_info', ?)
               order by all""",
            [FACT_ROWS],
        ).fetchall()
        for schema, table in stamped:  # the marts and the seeds they were built with
            # A constant default: DuckDB stores it as one constant segment per row group.
            con.execute(
                f"alter table {schema}.{table} add column {BUILD_ID_COLUMN} varchar "
                f"default {_literal(build_id)}"
            )
        con.execute("checkpoint")
    finally:
        con.close()
    return tables


def publish(
    data: DataDir,
    build_db: Path,
    build_id: str,
    docs_dir: Path | None,
    public_failures: list[dict] | tuple = (),
) -> dict[str, str]:
    """Write the public file aside, copy the build file into the published folder (the build
    file stays where it is, for the next incremental build) and finish the copy, then swap both
    in; the renames are atomic within the folder. With `public_failures` (the public layer
    failed its checks), the public file is neither written nor touched. Returns what went
    where."""
    data.published_dir.mkdir(parents=True, exist_ok=True)
    staged_public = data.published_dir / f".public-{build_id}.duckdb"
    staged_leaders = data.published_dir / f".warehouse-{build_id}.duckdb"
    with_public = not public_failures
    try:
        if with_public:
            _write_copy(build_db, staged_public, "pub", build_id)
        shutil.copyfile(build_db, staged_leaders)
        _finish_leader_file(
            staged_leaders,
            build_id,
            build_id if with_public else public_build_id(data.public),
            public_failures,
        )
    except Exception:
        staged_public.unlink(missing_ok=True)
        staged_leaders.unlink(missing_ok=True)
        staged_leaders.with_name(staged_leaders.name + ".wal").unlink(missing_ok=True)
        raise
    os.replace(staged_leaders, data.published)
    done = {"warehouse": str(data.published)}
    if with_public:
        os.replace(staged_public, data.public)
        done["public"] = str(data.public)
    if docs_dir is not None:
        done["docs"] = str(_swap_docs(docs_dir, data.published_dir, build_id))
    return done
