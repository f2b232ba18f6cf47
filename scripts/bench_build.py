"""Benchmark of `haicap build` (issue #4): full build on a synthetic world of N dossiers, and
(with --new-day) the incremental build after one more day of dossiers.

The raw layer is synthesised directly in DuckDB (same tables and `_current` views as
`haicap ingest` makes, created by the ingest's own `ensure_schema`), which takes seconds where
generating and ingesting feed files of 10 M dossiers would take minutes and measure the ingest
instead of the build. Then the real build runs (dbt build with all tests, docs, publish), and
a few dashboard-shaped queries are timed on the published file.

    .venv/bin/python scripts/bench_build.py --dossiers 10000000
    .venv/bin/python scripts/bench_build.py --dossiers 1000000 --new-day   # + incremental

The new day (`write_new_day`, also used by bench_scale.py) is feed files that `haicap ingest`
loads: N/150 new dossiers received on 1 November 2025 (copies of loaded dossiers' procedures,
wards and agencies, so spread as the volume is), a third finished that day, plus status updates
of N/1000 older pending dossiers (finished that day), supplement requests and ratings: the mix
one day's feed files bring. The load average is printed before and after each build (the
machine is shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from ingest.schema import ensure_schema
from warehouse.build import build
from warehouse.paths import DataDir

SYNTH = """
insert into raw.procedures
select 'P' || lpad(i::varchar, 4, '0'), 'Thủ tục ' || i,
       'LV' || (i % 12), case i % 12 when 0 then 'Đất đai' when 1 then 'Xây dựng'
                                     when 2 then 'Hộ tịch' when 3 then 'Chứng thực'
                                     else 'Lĩnh vực ' || (i % 12) end,
       case when i % 5 = 0 then 'tinh' else 'xa' end, null,
       2 + (i % 3), case when i % 12 in (2, 3) then 1 else 3 + (i % 20) end,
       case when i % 12 in (2, 3) then 'trong_ngay' when i % 7 = 0 then 'ngay'
            else 'ngay_lam_viec' end,
       i % 2, (i % 3 = 0)::bigint, 1, i, null, null
from range(400) t(i);

insert into raw.agencies
select '000.00.' || lpad(k::varchar, 2, '0') || '.H' || province_code,
       'Sở ' || k, 'tinh', province_code, null, 1, row_number() over (), null, null
from ref.provinces, range(5) t(k);

create temp table ward_weights as
select ward_code, province_code,
       row_number() over (order by ward_code) - 1 as ward_index,
       -- skewed volume: a few busy wards, a long tail of quiet communes
       pow(random(), 3) as weight
from ref.wards;

create temp table ward_pick as
select *, sum(weight) over (order by ward_index) / sum(weight) over () as cumulative
from ward_weights;

insert into raw.dossiers
with base as (
    select i,
           random() as r_unit, random() as r_status, random() as r_time, random() as r_late,
           random() as r_chan, (i * 7919) % 400 as proc
    from range({n}) t(i)
),
placed as (
    select b.*, w.ward_code, w.province_code
    from base b
    asof join ward_pick w on b.r_unit <= w.cumulative
),
dated as (
    select *,
        timestamp '2025-06-01 07:30:00'
            + to_seconds((r_time * 153 * 86400)::bigint) as received_at,
        1 + (proc % 15) as duration_days
    from placed
)
select
    'HS' || i, 'P' || lpad(proc::varchar, 4, '0'), null, null, null,
    case when r_unit * 1000 % 4 < 1 then '000.00.0' || (i % 5) || '.H' || province_code end,
    case when r_unit * 1000 % 4 >= 1 then ward_code end,
    case when r_chan < 0.6 then 2 when r_chan < 0.97 then 1 else 3 end,
    1 + (i % 4), null,
    received_at - interval 1 hour, received_at,
    received_at + to_days(duration_days::integer),
    case when r_status < 0.005 then 1 when r_status < 0.01 then 3
         when r_status < 0.03 then 7 when r_status < 0.04 then 8
         when r_status < 0.10 then 4 when r_status < 0.12 then 5
         when r_status < 0.40 then 9 else 10 end,
    case when r_status >= 0.12 then received_at
        + to_days(greatest(0, (duration_days * (0.3 + r_late))::integer)) end,
    case when r_status >= 0.40 then received_at
        + to_days(greatest(0, (duration_days * (0.3 + r_late))::integer)) end,
    case when r_status >= 0.01 and r_status < 0.04 then received_at + interval 2 day end,
    (i % 3 = 0)::bigint, (i % 5)::bigint % 3, i % 2 = 0,
    1, i, null, null
from dated;

insert into raw.supplements
select 'HS' || i, '1', received + interval 1 day,
       case when i % 7 <> 0 then received + interval 3 day end,
       null, due + interval 3 day, null, 1, i, null, null
from (select i, NgayTiepNhan as received, NgayHenTra as due
      from range({n}) t(i) join raw.dossiers on MaHoSo = 'HS' || i
      where i % 20 = 0 and TrangThaiHoSo not in (1, 3));

insert into raw.supplements
select MaHoSo, '2', NgayBoSung + interval 4 day, NgayBoSung + interval 6 day, null,
       NgayHenTraMoi + interval 2 day, null, 1, _row, null, null
from raw.supplements where _row % 100 = 0;

insert into raw.ratings
select MaHoSo, coalesce(NgayTra, NgayKetThucXuLy) + interval 1 hour,
       (1 + _row % 5)::tinyint, 1, _row, null, null
from raw.dossiers where TrangThaiHoSo = 10 and _row % 10 = 0;

insert into raw.staffing
select timestamp '2025-08-01', ward_code, 'KT', 'Vị trí ' || k,
       (['cntt', 'dia_chinh', 'xay_dung', 'tu_phap', 'tong_hop'])[k + 1],
       2, (hash(ward_code || k) % 4)::bigint, 0, 1, row_number() over (), null, null
from ref.wards, range(5) t(k);

insert into raw.assets
select timestamp '2025-08-01', 'TS' || ward_code || k, ward_code, null,
       case when k = 0 then 'tru_so' else 'nha_van_hoa' end, 1000, 50 + 100 * k,
       'tot', case when k = 2 and hash(ward_code) % 3 = 0 then 'bo_trong'
                   else 'dang_su_dung' end,
       5, k * 6.0, timestamp '2024-10-01', null, 1, row_number() over (), null, null
from ref.wards, range(3) t(k);

insert into meta.loads values (nextval('meta.load_ids'), 'synthetic', 'synthetic', 'dossiers',
    'duckdb', '', 0, now()::timestamp, now()::timestamp, {n}, {n}, 0, 0, null, null);
"""

NEW_DAY_FEED = """
create temp table new_day as
select coalesce(?::date, max(NgayTiepNhan)::date + 1) as day from raw.dossiers_current;

create temp table new_dossiers as
-- codes of the day: new dossiers, not new versions of an earlier day's. Shaped as MaHoSo is
-- (province.ward.yyyymmdd.N<n>, the province and ward of the dossier copied), so that a ward's
-- dossiers keep neighbouring codes as in real feeds; NEW.<yyyymmdd>.N<n> when the copied code
-- has no such parts (the synthetic world's)
select case when MaHoSo like '%.%.%'
            then split_part(MaHoSo, '.', 1) || '.' || split_part(MaHoSo, '.', 2) || '.'
            else 'NEW.' end
       || strftime((select day from new_day), '%Y%m%d') || '.N' || row_number() over ()
           as MaHoSo, MaTTHC, MaLinhVuc, DonViXuLy, MaXa, KenhThucHien, LoaiDoiTuong
from raw.dossiers_current
where TrangThaiHoSo not in (1, 3)
using sample reservoir({new} rows) repeatable (42);

copy (
    select MaHoSo, MaTTHC, MaLinhVuc, DonViXuLy, MaXa, KenhThucHien, LoaiDoiTuong,
           day + time '08:00' as NgayNopHoSo, day + time '09:00' as NgayTiepNhan,
           day + 2 + time '17:00' as NgayHenTra, if(finished, 10, 4) as TrangThaiHoSo,
           if(finished, day + time '15:00', null) as NgayKetThucXuLy,
           if(finished, day + time '16:00', null) as NgayTra, null as NgayTuChoi,
           0 as HoSoCoThanhPhanSoHoa, 0 as DuocThanhToanTrucTuyen
    from (select *, hash(MaHoSo) % 3 = 0 as finished from new_dossiers), new_day
    union all
    -- status updates: older pending dossiers finished on the new day
    select MaHoSo, MaTTHC, MaLinhVuc, DonViXuLy, MaXa, KenhThucHien, LoaiDoiTuong,
           NgayNopHoSo, NgayTiepNhan, NgayHenTra, 10, day + time '10:00', day + time '11:00',
           null, HoSoCoThanhPhanSoHoa, DuocThanhToanTrucTuyen
    from (select * from raw.dossiers_current where TrangThaiHoSo = 4 order by MaHoSo
          limit {updates}), new_day
) to '{folder}/dossiers_new_day.csv' (delimiter ';', header, timestampformat '%d/%m/%Y %H:%M');

copy (
    select MaHoSo, '9' as HoSoBoSungId, day + time '10:00' as NgayBoSung,
           null as NgayTiepNhanBoSung, null as NgayHenTraTruoc, null as NgayHenTraMoi
    from new_dossiers, new_day where hash(MaHoSo) % 50 = 1
) to '{folder}/supplements_new_day.csv' (delimiter ';', header, timestampformat '%d/%m/%Y %H:%M');

copy (
    select MaHoSo, day + time '17:00' as ThoiGianDanhGia, 4 as DanhGia
    from new_dossiers, new_day where hash(MaHoSo) % 30 = 0
) to '{folder}/ratings_new_day.csv' (delimiter ';', header, timestampformat '%d/%m/%Y %H:%M');
"""


def write_new_day(working: Path, folder: Path, dossiers: int, day: str | None = None) -> list[Path]:
    """Feed files of one more day on the world in `working` (read only): dossiers/150 new
    dossiers received on `day` (default: the day after the last one received), each a copy of
    a loaded dossier's procedure, ward or agency and channel under a new code, a third finished
    the same day; dossiers/1000 older pending dossiers finished that day (status updates); a
    supplement request for one new dossier in 50 and a rating for one in 30. What
    `haicap ingest` then loads, as a day's files from the provinces would be."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(working), read_only=True)
    try:
        con.execute("set enable_progress_bar = false")  # a session option in DuckDB 2.0
        sql = NEW_DAY_FEED.format(
            new=max(1, dossiers // 150), updates=max(1, dossiers // 1000), folder=folder
        )
        statements = [part for part in sql.split(";\n") if part.strip()]
        con.execute(statements[0], [day])
        for statement in statements[1:]:
            con.execute(statement)
    finally:
        con.close()
    return sorted(folder.glob("*_new_day.csv"))


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def synthesise(data: DataDir, dossiers: int) -> float:
    started = time.time()
    data.ensure()
    con = duckdb.connect(str(data.working))
    con.execute(f"set memory_limit = '{os.environ.get('HAICAP_MEMORY_LIMIT', '12GB')}'")
    ensure_schema(con)
    con.execute(SYNTH.format(n=dossiers))
    con.execute("checkpoint")
    con.close()
    return time.time() - started


def timed_queries(published: Path) -> dict[str, float]:
    con = duckdb.connect(str(published), read_only=True)
    ward = con.execute(
        "select ward_code from marts.rpt_ward_monthly group by 1 order by sum(received) desc "
        "limit 1"
    ).fetchone()[0]
    pending_list = (
        "select dossier_code, procedure_name, received_at, due_at from marts.fct_dossiers "
        "where province_code = (select province_code from marts.dim_ward where ward_code = ?)"
        " and unit_code = ? and is_received and not is_finished and not is_closed"
    )
    daily_series = "select * from marts.rpt_ward_daily where ward_code = ? order by day"
    queries = {
        "one ward's pending list (fct_dossiers)": pending_list,
        "one ward's daily series (rpt_ward_daily)": daily_series,
    }
    out = {}
    for label, sql in queries.items():
        args = [ward, ward] if sql.count("?") == 2 else [ward]
        con.execute(sql, args).fetchall()
        started = time.time()
        for _ in range(5):
            con.execute(sql, args).fetchall()
        out[label] = (time.time() - started) / 5
    con.close()
    return out


def _print_slowest(data: DataDir, count: int = 8) -> None:
    """The slowest dbt nodes of the last build (dbt's run_results.json)."""
    import json

    from warehouse.build import build_paths

    results = json.loads((build_paths(data)["target"] / "run_results.json").read_text())
    nodes = sorted(results["results"], key=lambda r: -r["execution_time"])[:count]
    print(
        "  slowest: "
        + ", ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f} s" for r in nodes)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument(
        "--new-day", action="store_true", help="then add one day of dossiers and rebuild"
    )
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    root = Path(args.data_dir or f"/tmp/haicap-bench-{args.dossiers}")
    shutil.rmtree(root, ignore_errors=True)
    data = DataDir.resolve(root)
    print(f"dossiers: {args.dossiers:,}  cores: {os.cpu_count()}  data: {root}")
    print(f"synthesised raw layer in {synthesise(data, args.dossiers):.1f} s")
    print(f"load average before the full build: {load_average()}")
    result = build(data, report=lambda line: print(line, flush=True))
    print(f"load average after: {load_average()}")
    print(
        f"full build ({result.mode}): {result.seconds:.1f} s  "
        + "  ".join(f"{k}: {v:.1f} s" for k, v in result.timings.items())
    )
    _print_slowest(data)
    for label, path in result.published.items():
        size = (
            sum(f.stat().st_size for f in Path(path).rglob("*"))
            if Path(path).is_dir()
            else Path(path).stat().st_size
        )
        print(f"  {label}: {size / 1e6:.0f} MB")
    for label, seconds in timed_queries(data.published).items():
        print(f"  query {label}: {seconds * 1000:.0f} ms")
    if args.new_day:
        files = write_new_day(data.working, root / "new_day", args.dossiers, day="2025-11-01")
        haicap = str(Path(sys.executable).parent / "haicap")
        ingest = [haicap, "ingest", *map(str, files), "--data-dir", str(data.root)]
        done = subprocess.run(ingest, capture_output=True, text=True, check=False, timeout=3600)
        if done.returncode:
            sys.exit(f"ingest of the new day failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        con = duckdb.connect(str(data.working), read_only=True)
        changed = con.execute("select count(*) from raw.dossiers where _load_id > 1").fetchone()
        con.close()
        print(f"new day: {changed[0]:,} dossier rows ({args.dossiers // 150:,} new), ingested")
        print(f"load average before the incremental build: {load_average()}")
        again = build(data, report=lambda line: print(line, flush=True))
        print(f"load average after: {load_average()}")
        print(
            f"build after one new day ({again.mode}): {again.seconds:.1f} s  "
            + "  ".join(f"{k}: {v:.1f} s" for k, v in again.timings.items())
        )
        _print_slowest(data)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
