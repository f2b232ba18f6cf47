"""The whole chain at one size, in one command (issue #7): prints figures, asserts nothing.

    .venv/bin/python scripts/bench_scale.py --dossiers 10000000
    .venv/bin/python scripts/bench_scale.py --dossiers 100000000 --dir /big/disk/bench

Steps, each a fresh process (peak memory is that process's own maximum resident set):

1. generate: `haicap generate --dossiers N` (the demo world, scaled);
2. ingest: the reference feeds, then the dossier CSV files, then every other file; in the same
   run, DuckDB's bare `read_csv` of the same dossier CSV files (explicit schema, typed dates)
   into a fresh database, for the ratio of our ingest to the bare load (target >= 0.50);
3. build: `haicap build` (dbt models and tests, docs, publish);
4. pages: `scripts/bench_pages.py` on the published warehouse (every page's render, cold and
   warm, and the overdue-dossier list), whose peak memory is the dashboard's;
5. one new day: the feed files of one more day (`bench_build.write_new_day`: N/150 new
   dossiers, N/1000 status updates, supplement requests, ratings) ingested, then `haicap build`
   again, which is incremental;
6. disk: the feed files, the working warehouse and the published files.

Record the table it prints in docs/benchmarks.md ("National scale"). `--from-build` starts
again at step 3 on the warehouse an earlier run of the same `--dir` ingested.

For the ingest alone on feeds made earlier (read-only), alternating `--rounds` times our
ingest of the dossier CSV files (from the same warehouse of reference feeds) and the bare load:

    .venv/bin/python scripts/bench_scale.py --feeds /tmp/scale10/feeds --ingest-only \
        --rounds 3 --jobs 2 --dir /tmp/bench
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

from bench_build import write_new_day

ROOT = Path(__file__).resolve().parents[1]
HAICAP = str(Path(sys.executable).parent / "haicap")
DATES = {"NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi"}
INTEGERS = {
    "KenhThucHien",
    "LoaiDoiTuong",
    "TrangThaiHoSo",
    "HoSoCoThanhPhanSoHoa",
    "DuocThanhToanTrucTuyen",
}
BARE = """
import sys, time, duckdb
files, db, columns = sys.argv[1].split("\\n"), sys.argv[2], sys.argv[3]
con = duckdb.connect(db)
con.execute("set enable_progress_bar = false")
started = time.perf_counter()
con.execute(
    f"create table dossiers as select * from read_csv(?, delim = ';', header = true, "
    f"auto_detect = false, ignore_errors = true, "
    f"columns = {columns}, timestampformat = '%d/%m/%Y %H:%M')", [files])
rows = con.execute("select count(*) from dossiers").fetchone()[0]
con.close()
print(rows, time.perf_counter() - started)
"""


class Step:
    def __init__(self, name: str, seconds: float, peak_mb: float, rows: int | None, note=""):
        self.name, self.seconds, self.peak_mb, self.rows, self.note = (
            name,
            seconds,
            peak_mb,
            rows,
            note,
        )

    def line(self) -> str:
        rate = f"{self.rows / self.seconds:>12,.0f}" if self.rows else f"{'':>12}"
        rows = f"{self.rows:>13,}" if self.rows else f"{'':>13}"
        return (
            f"{self.name:<26} {self.seconds:>9.1f} {rows} {rate} {self.peak_mb:>9,.0f}  {self.note}"
        )


def run(args: list[str], env: dict) -> tuple[float, float, str]:
    """Run a command; (seconds, peak resident MB of that very process, its stdout)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own rusage
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        text = out.read()
        if process.returncode:
            sys.exit(
                f"{' '.join(args[:3])} failed ({process.returncode}):\n{err.read()[-2000:]}\n"
                + "\n".join(line for line in text.splitlines() if '"loaded"' not in line)[-3000:]
            )
    return seconds, usage.ru_maxrss / 1024, text


def _rows_read(out: str) -> int:
    """The rows read, summed over `haicap ingest --json`'s lines."""
    return sum(int(line.split('"read": ')[1].split(",")[0]) for line in out.splitlines())


def _load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def sql_type(column: str) -> str:
    return "TIMESTAMP" if column in DATES else "INTEGER" if column in INTEGERS else "VARCHAR"


def size_of(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e9
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e9


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=10_000_000)
    parser.add_argument("--dir", help="work folder (default: a temporary one, removed after)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--runs", type=int, default=7, help="renders per page")
    parser.add_argument("--feeds", help="feed files made earlier (only read; no generate step)")
    parser.add_argument("--ingest-only", action="store_true", help="stop after the ingest")
    parser.add_argument(
        "--rounds", type=int, default=1, help="dossier ingest and bare load, alternated"
    )
    parser.add_argument("--jobs", help="haicap ingest --jobs (default: its own)")
    parser.add_argument(
        "--from-build",
        action="store_true",
        help="start at the build, on the warehouse an earlier run ingested in --dir",
    )
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="haicap-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    feeds, data = Path(args.feeds) if args.feeds else work / "feeds", work / "data"
    jobs = ["--jobs", args.jobs] if args.jobs else []
    env = dict(os.environ, HAICAP_DATA_DIR=str(data))
    steps: list[Step] = []
    print(
        f"machine: {platform.node()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {args.dossiers:,} dossiers; work folder {work}",
        flush=True,
    )
    try:
        if not args.from_build:  # else: the warehouse in --dir was ingested by an earlier run
            if not feeds.exists():
                seconds, peak, out = run(
                    [HAICAP, "generate", "--out", str(feeds), "--dossiers", str(args.dossiers)], env
                )
                steps.append(Step("generate", seconds, peak, None, out.strip().splitlines()[-1]))
                print(steps[-1].line(), flush=True)
            files = sorted(p for p in feeds.iterdir() if p.is_file() and not p.name.startswith("."))
            reference = [p for p in files if p.name.startswith(("agencies", "procedures"))]
            csvs = [p for p in files if p.name.startswith("dossiers") and p.suffix == ".csv"]
            rest = [p for p in files if p not in reference and p not in csvs]
            shutil.rmtree(data, ignore_errors=True)
            seconds, peak, _ = run([HAICAP, "ingest", *jobs, *map(str, reference)], env)
            steps.append(Step("ingest: reference feeds", seconds, peak, None))
            header = csvs[0].open(encoding="utf-8").readline().strip().split(";")
            columns = "{" + ", ".join(f"'{c}': '{sql_type(c)}'" for c in header) + "}"
            bare_db = work / "bare.duckdb"
            referenced = work / "data.reference"
            if args.rounds > 1:
                shutil.rmtree(referenced, ignore_errors=True)
                shutil.copytree(data, referenced)
            for round_ in range(1, args.rounds + 1):
                if round_ > 1:
                    shutil.rmtree(data)
                    shutil.copytree(referenced, data)
                load = _load_average()
                seconds, peak, out = run([HAICAP, "ingest", "--json", *jobs, *map(str, csvs)], env)
                read = _rows_read(out)
                note = f"{len(csvs)} files, load {load}"
                ours = Step("ingest: dossier CSV files", seconds, peak, read, note)
                steps.append(ours)
                print(steps[-1].line(), flush=True)
                bare_db.unlink(missing_ok=True)
                load = _load_average()
                seconds, peak, out = run(
                    [sys.executable, "-c", BARE, "\n".join(map(str, csvs)), str(bare_db), columns],
                    env,
                )
                bare_rows, bare_seconds = out.strip().splitlines()[-1].split()
                bare = Step(
                    "bare read_csv (same files)",
                    float(bare_seconds),
                    peak,
                    int(bare_rows),
                    f"load {load}",
                )
                steps.append(bare)
                print(steps[-1].line(), flush=True)
                bare_db.unlink(missing_ok=True)
            shutil.rmtree(referenced, ignore_errors=True)
            if args.ingest_only:
                return
            seconds, peak, out = run([HAICAP, "ingest", "--json", *jobs, *map(str, rest)], env)
            read = _rows_read(out)
            steps.append(
                Step("ingest: every other file", seconds, peak, read, f"{len(rest)} files")
            )
        seconds, peak, out = run([HAICAP, "build"], env)
        steps.append(Step("build (dbt, docs, publish)", seconds, peak, args.dossiers))
        seconds, peak, pages = run(
            [
                sys.executable,
                str(ROOT / "scripts" / "bench_pages.py"),
                "--data-dir",
                str(data),
                "--runs",
                str(args.runs),
            ],
            env,
        )
        steps.append(Step("pages (bench_pages)", seconds, peak, None, "dashboard process"))
        new_day = write_new_day(data / "work" / "warehouse.duckdb", work / "new_day", args.dossiers)
        seconds, peak, out = run([HAICAP, "ingest", "--json", *map(str, new_day)], env)
        steps.append(Step("ingest: one new day", seconds, peak, _rows_read(out), "3 files"))
        load = _load_average()
        seconds, peak, out = run([HAICAP, "build"], env)
        mode = "incremental" if "(incremental" in out else "NOT incremental"
        steps.append(Step("build after the new day", seconds, peak, None, f"{mode}, load {load}"))
    finally:
        print()
        print(f"{'step':<26} {'seconds':>9} {'rows':>13} {'rows/s':>12} {'peak MB':>9}")
        for step in steps:
            print(step.line())
        ours_s = [s.seconds for s in steps if s.name.startswith("ingest: dossier")]
        bare_s = [s.seconds for s in steps if s.name.startswith("bare")]
        if ours_s and bare_s:
            ratio = statistics.median(bare_s) / statistics.median(ours_s)
            print(f"ingest / bare read_csv speed (medians): {ratio:.2f} (target >= 0.50)")
        if "pages" in locals():
            print()
            print(pages.strip())
        print()
        for label, path in (
            ("feed files", feeds),
            ("working warehouse", data / "work" / "warehouse.duckdb"),
            ("published (leaders)", data / "published" / "warehouse.duckdb"),
            ("published (public)", data / "published" / "public.duckdb"),
        ):
            if path.exists():
                print(f"disk: {label:<22} {size_of(path):8.2f} GB")
        if not args.dir and not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
