"""The official 2025 list of 34 provinces and 3,321 wards, from `vietnam-provinces`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import polars as pl


def provinces_frame() -> pl.DataFrame:
    import polars as pl
    from vietnam_provinces import Province

    rows = [
        {"province_code": f"{int(p.code):02d}", "province_name": p.name}
        for p in Province.iter_all()
    ]
    return pl.DataFrame(rows).sort("province_code")


def wards_frame() -> pl.DataFrame:
    import polars as pl
    from vietnam_provinces import Ward

    rows = [
        {
            "ward_code": f"{int(w.code):05d}",
            "ward_name": w.name,
            "ward_type": w.division_type.value,
            "province_code": f"{int(w.province_code):02d}",
        }
        for w in Ward.iter_all()
    ]
    return pl.DataFrame(rows).sort("ward_code")


def ensure_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Create `ref.provinces` and `ref.wards` once, at the first ingest."""
    con.execute("create schema if not exists ref")
    present = con.execute(
        "select count(*) from information_schema.tables "
        "where table_schema = 'ref' and table_name in ('provinces', 'wards')"
    ).fetchall()[0][0]
    if present == 2:
        return
    for name, frame in (("provinces", provinces_frame()), ("wards", wards_frame())):
        con.register(f"{name}_frame", frame)
        con.execute(f"create or replace table ref.{name} as select * from {name}_frame")
        con.unregister(f"{name}_frame")
