"""The dossier metrics of `shared/contracts/metrics.md`, in SQL over the raw layer.

Tests of the demo world compute calibration figures from what `haicap ingest` loaded (not
from the generator's internals). This is a test-side reading of the definitions; the
product's own implementation lives in dbt.
"""

from __future__ import annotations

import duckdb

DOSSIERS = """
with sup as (
    select MaHoSo,
           arg_max(NgayHenTraMoi, NgayBoSung) filter (where NgayHenTraMoi is not null)
               as due_new
    from raw.supplements_current group by MaHoSo
)
select d.*,
       coalesce(sup.due_new, d.NgayHenTra) as due,
       case when d.TrangThaiHoSo in (9, 10) then coalesce(d.NgayKetThucXuLy,
           case when d.TrangThaiHoSo = 10 then d.NgayTra end) end as end_at,
       case when d.TrangThaiHoSo in (7, 8) then coalesce(d.NgayTuChoi, d.NgayKetThucXuLy)
           end as closed_at,
       a.Cap as agency_level, a.MaTinh as agency_province
from raw.dossiers_current d
left join sup using (MaHoSo)
left join raw.agencies_current a on a.MaDinhDanh = d.DonViXuLy
"""


def cohort(
    con: duckdb.DuckDBPyConnection,
    where: str,
    first: str,
    last: str,
    look: str,
    params: list | None = None,
) -> dict:
    """received, received_online, in_time_share, overdue_share, late for the dossiers
    received from `first` to `last` (matching `where`), looked at on `look`."""
    sql = f"""
    with d as ({DOSSIERS}),
    c as (
        select d.*,
            (select count(*) from raw.supplements_current s where s.MaHoSo = d.MaHoSo
               and s.NgayBoSung::date <= $look::date) as requests,
            exists (select 1 from raw.supplements_current s where s.MaHoSo = d.MaHoSo
               and s.NgayBoSung::date <= $look::date
               and (s.NgayTiepNhanBoSung is null
                    or s.NgayTiepNhanBoSung::date > $look::date)) as waiting
        from d
        where TrangThaiHoSo not in (1, 3)
          and NgayTiepNhan::date between $first::date and $last::date and ({where})
    ),
    m as (
        select *,
            end_at is not null and end_at::date <= $look::date as finished,
            closed_at is not null and closed_at::date <= $look::date as closed
        from c
    ),
    f as (
        select *, finished and (end_at::date > due::date or requests > 1) as late,
            not finished and not closed as pending
        from m
    )
    select count(*) as received,
           count(*) filter (where KenhThucHien = 2) as received_online,
           count(*) filter (where finished and not late) as in_time,
           count(*) filter (where late) as late,
           count(*) filter (where pending and (requests > 1
               or (due::date < $look::date and not waiting))) as pending_overdue,
           count(*) filter (where closed) as closed
    from f
    """
    values = {"first": first, "last": last, "look": look}
    for i, value in enumerate(params or []):
        values[f"p{i}"] = value
    row = con.execute(sql, values).fetchall()[0]
    received, online, in_time, late, overdue, closed = row
    return {
        "received": received,
        "received_online": online,
        "late": late,
        "pending_overdue": overdue,
        "closed": closed,
        "online_share": online / received if received else None,
        "in_time_share": in_time / received if received else None,
        "overdue_share": (late + overdue) / received if received else None,
    }


def pending_inherited(con: duckdb.DuckDBPyConnection, ward: str, day: str) -> tuple[int, int]:
    """Dossiers of the ward received before `day` and neither finished nor closed before
    it (pending at the end of the previous day), and how many of them are land (Đất đai)."""
    return con.sql(
        f"""with d as ({DOSSIERS})
            select count(*), count(*) filter (where p.TenLinhVuc = 'Đất đai')
            from d left join (select distinct MaTTHC, TenLinhVuc from raw.procedures_current)
                p using (MaTTHC)
            where MaXa = $ward and TrangThaiHoSo not in (1, 3)
              and NgayTiepNhan::date < $day::date
              and (end_at is null or end_at::date >= $day::date)
              and (closed_at is null or closed_at::date >= $day::date)""",
        params={"ward": ward, "day": day},
    ).fetchall()[0]
