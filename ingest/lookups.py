"""Reference lists as SQL macros for the rules (see `ingest.fields.Lookup`).

Each list is read once and written into a temporary macro: the code is cast to an ENUM of
the list's codes (DuckDB looks it up in a hash table built once, NULL for a code the list
does not have) and the ENUM's position picks the value from a constant list. No join (joins
do not keep a scan's row order) and no Python: DuckDB evaluates it on every thread.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import duckdb

from ingest.fields import Lookup, lit

# The version of the lists each macro was defined over, per connection.
_DEFINED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def macro_sql(name: str, pairs: list[tuple[str, str | None]]) -> str:
    """CREATE MACRO `name(code)` giving the value of `code` in `pairs` (NULL if absent)."""
    if not pairs:
        return f"create or replace temp macro {name}(code) as null::varchar"
    codes = ", ".join(lit(code) for code, _ in pairs)
    values = ", ".join("null" if value is None else lit(value) for _, value in pairs)
    return (
        f"create or replace temp macro {name}(code) as "
        f"([{values}]::varchar[])[enum_code(try_cast(code as enum({codes}))) + 1]"
    )


def register(
    con: duckdb.DuckDBPyConnection, lookups: Iterable[Lookup], version: object = None
) -> None:
    """Define each lookup's macro on `con` over the list as it stands now, unless it was
    defined over the same `version` of the lists already (the loader passes the last load of
    a reference feed: a folder of 400 files reads the lists once, not 400 times)."""
    defined = _DEFINED.setdefault(con, {})
    for item in lookups:
        if version is not None and defined.get(item.name) == version:
            continue
        pairs = [
            (str(code), None if value is None else str(value))
            for code, value in con.execute(item.sql).fetchall()
            if code is not None
        ]
        con.execute(macro_sql(item.name, pairs))
        defined[item.name] = version


def forget(con: duckdb.DuckDBPyConnection) -> None:
    """After a rollback on `con`: macros defined in that transaction went with it."""
    _DEFINED.pop(con, None)
