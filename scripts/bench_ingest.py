"""Benchmark: `haicap ingest` against DuckDB's bare `read_csv` of the same dossier CSV.

Builds a dossier CSV of --rows rows shaped like a real provincial export (Vietnamese text,
identity numbers and phone numbers to hash or drop, portal timestamps, about 0.1 % bad
rows), then in the same run times

  1. bare:   DuckDB `read_csv` with an explicit schema into a table of a fresh database file;
  2. ingest: the real `haicap ingest` command (a new process) into a fresh data folder,
             with the reference feeds already loaded;

and prints both, in rows per second, and their ratio (target: ingest at least 0.5 of bare).

    .venv/bin/python scripts/bench_ingest.py --rows 10000000
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.feedkit import reference  # noqa: E402

SCHEMA = {
    "MaHoSo": "VARCHAR",
    "MaTTHC": "VARCHAR",
    "TenTTHC": "VARCHAR",
    "MaLinhVuc": "VARCHAR",
    "TenLinhVuc": "VARCHAR",
    "DonViXuLy": "VARCHAR",
    "MaXa": "VARCHAR",
    "KenhThucHien": "INTEGER",
    "LoaiDoiTuong": "INTEGER",
    "ChuHoSo": "VARCHAR",
    "SoGiayToChuHoSo": "VARCHAR",
    "SoDienThoai": "VARCHAR",
    "NgayNopHoSo": "TIMESTAMP",
    "NgayTiepNhan": "TIMESTAMP",
    "NgayHenTra": "TIMESTAMP",
    "TrangThaiHoSo": "INTEGER",
    "NgayKetThucXuLy": "TIMESTAMP",
    "NgayTra": "TIMESTAMP",
    "NgayTuChoi": "TIMESTAMP",
    "HoSoCoThanhPhanSoHoa": "INTEGER",
    "DuocThanhToanTrucTuyen": "INTEGER",
}


def build_csv(path: Path, rows: int) -> None:
    fmt = "'%Y%m%d%H%M%S'"
    con = duckdb.connect()
    con.execute(
        f"""copy (
            with base as (
                select i, timestamp '2025-07-01 07:30:00' + to_seconds((i * 37) % 10540800)
                       as received
                from range({rows}) t(i))
            -- land dossiers (Huế's own catalogue entry) only in Kim Long (Huế)
            select 'H22.' || lpad(i::varchar, 10, '0') as MaHoSo,
                   case when i % 6 = 0 then '1.004227.000.00.00.H12'
                        else '1.000894.000.00.00.H12' end as MaTTHC,
                   case when i % 6 = 0 then 'Đăng ký đất đai lần đầu'
                        else 'Đăng ký khai sinh' end as TenTTHC,
                   case when i % 6 = 0 then 'DD' else 'HT' end as MaLinhVuc,
                   case when i % 6 = 0 then 'Đất đai' else 'Hộ tịch' end as TenLinhVuc,
                   '' as DonViXuLy,
                   case when i % 1000 = 7 then '99999' when i % 2 = 0 then '19810'
                        else '3203' end as MaXa,
                   (1 + i % 2)::varchar as KenhThucHien, '1' as LoaiDoiTuong,
                   'Nguyễn Văn Thử ' || (i % 997) as ChuHoSo,
                   (46000000000 + i)::varchar as SoGiayToChuHoSo,
                   '09' || lpad((i % 100000000)::varchar, 8, '0') as SoDienThoai,
                   strftime(received - interval 1 hour, {fmt}) as NgayNopHoSo,
                   strftime(received, {fmt}) as NgayTiepNhan,
                   strftime(received + interval 3 day, {fmt}) as NgayHenTra,
                   case when i % 5 = 0 then '4' else '10' end as TrangThaiHoSo,
                   case when i % 5 <> 0 then strftime(received + interval 1 day, {fmt}) end
                       as NgayKetThucXuLy,
                   case when i % 5 <> 0 then strftime(received + interval 2 day, {fmt}) end
                       as NgayTra,
                   null as NgayTuChoi,
                   (i % 2)::varchar as HoSoCoThanhPhanSoHoa,
                   (i % 3)::varchar as DuocThanhToanTrucTuyen
            from base
        ) to '{path}' (header, delimiter ';')"""
    )
    con.close()


def bare_load(path: Path, db: Path) -> float:
    con = duckdb.connect(str(db))
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in SCHEMA.items()) + "}"
    started = time.perf_counter()
    con.execute(
        f"""create table dossiers as select * from read_csv('{path}', delim = ';',
            header = true, columns = {columns}, timestampformat = '%Y%m%d%H%M%S')"""
    )
    con.close()  # durable on disk, as the ingest's commit makes it
    return time.perf_counter() - started


def our_ingest(path: Path, data: Path, work: Path) -> tuple[float, str]:
    shutil.rmtree(data, ignore_errors=True)
    env = {**os.environ, "HAICAP_DATA_DIR": str(data)}
    haicap = Path(sys.executable).with_name("haicap")
    subprocess.run(
        [str(haicap), "ingest", *map(str, reference(work / "ref"))],
        env=env,
        check=True,
        capture_output=True,
    )
    started = time.perf_counter()
    done = subprocess.run(
        [str(haicap), "ingest", str(path), "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--dir", help="work folder (default: a temporary one, removed after)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="alternate bare and ingest this many times; the ratio of medians is reported "
        "(other work on the machine then weighs on both alike)",
    )
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="haicap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    csv_path = work / "dossiers_bench.csv"
    try:
        print(
            f"machine: {platform.node()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, DuckDB {duckdb.__version__}"
        )
        started = time.perf_counter()
        made = csv_path.with_suffix(".rows")
        if not (made.exists() and made.read_text() == str(args.rows) and csv_path.exists()):
            build_csv(csv_path, args.rows)
            made.write_text(str(args.rows))  # a later run in the same --dir reuses the file
        size = csv_path.stat().st_size
        print(
            f"{csv_path.name}: {args.rows:,} rows, {size / 1e6:,.0f} MB "
            f"(ready in {time.perf_counter() - started:.1f} s)"
        )
        bares, ours, summary = [], [], ""
        for round_ in range(1, args.rounds + 1):
            (work / "bare.duckdb").unlink(missing_ok=True)
            bares.append(bare_load(csv_path, work / "bare.duckdb"))
            took, summary = our_ingest(csv_path, work / "data", work)
            ours.append(took)
            print(f"round {round_}: bare read_csv {bares[-1]:6.1f} s, haicap ingest {took:6.1f} s")
        bare, mine = statistics.median(bares), statistics.median(ours)
        print(f"bare read_csv:  {bare:7.1f} s  {args.rows / bare:>12,.0f} rows/s  (median)")
        print(f"haicap ingest:  {mine:7.1f} s  {args.rows / mine:>12,.0f} rows/s  (median)")
        print(f"ratio (ingest speed / bare speed): {bare / mine:.2f}  (target >= 0.50)")
        print(f"ingest result: {summary}")
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
