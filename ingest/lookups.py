"""Reference lists as vectorised SQL functions for the rules (see `ingest.fields.Lookup`).

Each list is read once per file into Arrow arrays; the function DuckDB calls takes a whole
vector of codes at a time and answers with one hash lookup in Arrow (`index_in`, `take`),
no Python loop per row. Unlike a join, a function keeps the scan's row order.
"""

from __future__ import annotations

import contextlib
import warnings
import weakref
from collections.abc import Iterable

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ingest.fields import Lookup


def _function(codes: pa.Array, values: pa.Array):
    by_type: dict[pa.DataType, pa.Array] = {}

    def lookup(given):
        keys = by_type.get(given.type)
        if keys is None:
            keys = by_type[given.type] = codes.cast(given.type)
        return pc.take(values, pc.index_in(given, value_set=keys))

    return lookup


# The version of the lists each function was defined over, per connection.
_DEFINED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def register(
    con: duckdb.DuckDBPyConnection, lookups: Iterable[Lookup], version: object = None
) -> None:
    """Define each lookup's function on `con` over the list as it stands now, unless it was
    defined over the same `version` of the lists already (the loader passes the last load of
    a reference feed: a folder of 400 files reads the lists once, not 400 times)."""
    defined = _DEFINED.setdefault(con, {})
    for item in lookups:
        if version is not None and defined.get(item.name) == version:
            continue
        with warnings.catch_warnings():  # "an extra copy": of a few thousand codes
            warnings.simplefilter("ignore", UserWarning)
            table = con.execute(item.sql).to_arrow_table()
        codes = table.column(0).combine_chunks().cast(pa.string())
        values = table.column(1).combine_chunks().cast(pa.string())
        with contextlib.suppress(duckdb.InvalidInputException):  # not defined yet
            con.remove_function(item.name)
        con.create_function(
            item.name,
            _function(codes, values),
            ["VARCHAR"],
            "VARCHAR",
            type="arrow",
            null_handling="special",
            side_effects=False,
        )
        defined[item.name] = version
