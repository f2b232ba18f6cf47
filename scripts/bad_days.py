"""Bad days (issue #7): what the published data does when things go wrong.

On a small world it makes itself (two provinces of the demo generator: 24 writes CSV, 46
writes JSON; July loaded and built, August kept back as the "next" feeds), it checks:

    readers      readers query the published files through the dashboard's query layer while
                 new builds are published: no reader error, and no reader ever sees two builds
                 in one connection (every published table carries `_build_id`)
    dbt-test     a build whose dbt test fails: exit 1, the failing test named, the published
                 files byte-identical
    truncated    a dossier CSV cut mid-line: the partial last line quarantined, the rest loaded;
                 a JSON file cut in half and a truncated .csv.gz refused whole (exit 2); the
                 published files untouched until the next build, which then shows the rows
    disk-ingest  the working warehouse on a nearly full file system: the load fails, the
                 warehouse holds what it held, the message says the disk is full
    disk-build   the data folder on a nearly full file system: the build fails, the published
                 files stay byte-identical, the message says the disk is full

The full file system is a small tmpfs mounted in a private mount namespace (`unshare -rm`,
no root needed where user namespaces are allowed; nothing stays mounted afterwards). Where
that is not possible the two disk checks are reported as SKIP with the reason.

    .venv/bin/python scripts/bad_days.py                       # everything, about 8 minutes
    .venv/bin/python scripts/bad_days.py --only readers --readers 20 --rounds 3 --processes

Prints one line per check and a PASS/FAIL table; exits 1 when a check fails. The fast parts
run in the test suite (tests/test_bad_days.py imports this file).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HAICAP = Path(sys.executable).with_name("haicap")
CHECKS = ("readers", "dbt-test", "truncated", "disk-ingest", "disk-build")
NO_SPACE = "no space left on device"


@dataclass
class Outcome:
    name: str
    status: str  # PASS, FAIL or SKIP
    detail: str
    seconds: float = 0.0


# -- running haicap ------------------------------------------------------------------------------


def haicap(data: Path, *args: str, timeout: float = 1800) -> subprocess.CompletedProcess:
    """The installed command line, as a person runs it, on this data folder."""
    env = {**os.environ, "HAICAP_DATA_DIR": str(data), "HAICAP_WARM": "0"}
    return subprocess.run(
        [str(HAICAP), *args, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def _must(done: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def published_digests(data: Path) -> dict[str, str]:
    folder = data / "published"
    return {name: digest(folder / name) for name in ("warehouse.duckdb", "public.duckdb")}


def published_build_id(data: Path) -> str:
    import duckdb

    con = duckdb.connect(str(data / "published" / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute("select build_id from marts.build_info").fetchone()[0]
    finally:
        con.close()


def working_counts(data: Path) -> dict[str, int]:
    """Rows per raw table, quarantine and load log of the working warehouse."""
    import duckdb

    con = duckdb.connect(str(data / "work" / "warehouse.duckdb"), read_only=True)
    try:
        tables = con.execute(
            """select table_schema || '.' || table_name from information_schema.tables
               where table_type = 'BASE TABLE' order by all"""
        ).fetchall()
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}
    finally:
        con.close()


# -- the small world -----------------------------------------------------------------------------


@dataclass
class World:
    data: Path
    later: Path  # August's dossier files, not loaded yet


def make_world(root: Path, dossiers: int = 300_000, build: bool = True) -> World:
    """Generate two provinces (July and August 2025), load all but August's dossiers, build."""
    feeds, later, data = root / "feeds", root / "later", root / "data"
    _must(
        haicap(
            data,
            "generate",
            "--out",
            str(feeds),
            "--provinces",
            "24,46",
            "--dossiers",
            str(dossiers),
            "--start",
            "2025-07-01",
            "--end",
            "2025-08-31",
            "--seed",
            "7",
        ),
        "haicap generate",
    )
    later.mkdir(parents=True, exist_ok=True)
    for path in sorted(feeds.glob("dossiers_*_2025-08_*")):
        path.rename(later / path.name)
    _must(haicap(data, "ingest", str(feeds)), "haicap ingest")
    if build:
        _must(haicap(data, "build"), "haicap build")
    return World(data, later)


# -- readers during publishing -------------------------------------------------------------------


@dataclass
class ReaderStats:
    snapshots: int = 0
    queries: int = 0
    builds_seen: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    mixed: list[str] = field(default_factory=list)

    def merge(self, other: ReaderStats) -> None:
        self.snapshots += other.snapshots
        self.queries += other.queries
        self.builds_seen |= other.builds_seen
        self.errors += other.errors
        self.mixed += other.mixed

    def as_dict(self) -> dict:
        return {
            "snapshots": self.snapshots,
            "queries": self.queries,
            "builds_seen": sorted(self.builds_seen),
            "errors": self.errors[:20],
            "mixed": self.mixed[:20],
        }


def read_snapshot(published, schema: str) -> set[str]:
    """Hold the query layer's connection (as a page's query does) and read `_build_id` from
    `build_info` and from every table it lists: one build's id, or a mix if publishing broke."""
    con, _ = published.current(hold=True)
    try:
        cursor = con.cursor()
        try:
            tables, build_id, stamp = cursor.execute(
                f"select tables, build_id, _build_id from {schema}.build_info"
            ).fetchone()
            ids = {build_id, stamp}
            for table in tables:
                row = cursor.execute(f"select _build_id from {schema}.{table} limit 1").fetchone()
                if row is not None:
                    ids.add(row[0])
            return ids
        finally:
            cursor.close()
    finally:
        published.release()


def reader_loop(stop: threading.Event, stats: ReaderStats) -> None:
    """What a dashboard session does, as fast as it can: snapshots of both published files
    through the query layer's connections, and the query functions the pages call."""
    from warehouse import public_queries as pq
    from warehouse import queries as q

    scope = q.Scope()
    while not stop.is_set():
        try:
            for published, schema in ((q._PUBLISHED, "marts"), (pq._PUBLIC, "pub")):
                ids = read_snapshot(published, schema)
                stats.snapshots += 1
                if len(ids) != 1:
                    stats.mixed.append(f"{schema}: {sorted(ids)}")
                stats.builds_seen |= ids
            info = q.build_info(scope)
            q.provinces(scope)
            q._frame("select count(*) from marts.dim_ward")
            pq.provinces()
            pq._frame("select count(*) from pub.pub_province_monthly")
            stats.queries += 5
            if not info["build_id"]:
                stats.errors.append("build_info without a build id")
        except Exception as error:  # noqa: BLE001 - every reader error is the finding
            where = traceback.extract_tb(error.__traceback__)
            at = " > ".join(f"{Path(f.filename).name}:{f.lineno}" for f in where[1:])
            stats.errors.append(f"{type(error).__name__} (via {at}): {str(error)[:300]}")
            time.sleep(0.05)


def run_readers_in_threads(n: int, stop: threading.Event) -> tuple[list[threading.Thread], list]:
    stats = [ReaderStats() for _ in range(n)]
    threads = [
        threading.Thread(target=reader_loop, args=(stop, s), name=f"reader-{i}", daemon=True)
        for i, s in enumerate(stats)
    ]
    for thread in threads:
        thread.start()
    return threads, stats


def _reader_child(data: Path, stop_file: Path, threads: int) -> int:
    """`bad_days.py _reader`: one reader process (its own query-layer connection)."""
    os.environ["HAICAP_DATA_DIR"] = str(data)
    os.environ["HAICAP_WARM"] = "0"
    stop = threading.Event()
    workers, stats = run_readers_in_threads(threads, stop)
    while not stop_file.exists():
        time.sleep(0.1)
    stop.set()
    for worker in workers:
        worker.join()
    total = ReaderStats()
    for one in stats:
        total.merge(one)
    print(json.dumps(total.as_dict()))
    return 0


def build_template(data: Path) -> Path:
    """Run dbt once and keep the unpublished build file, to publish it again cheaply."""
    from warehouse.build import _fresh_build_file, build_paths, run_dbt
    from warehouse.paths import DataDir

    folder = DataDir(data.resolve())
    paths = build_paths(folder)
    _fresh_build_file(paths["build_db"])
    outcome = run_dbt(folder, ["build", "--no-use-colors"])
    if not outcome["success"]:
        raise RuntimeError(f"dbt build failed: {outcome['failures'][:3]}")
    template = data / "work" / "unpublished-build.duckdb"
    shutil.copy(paths["build_db"], template)
    _fresh_build_file(paths["build_db"])
    return template


def publish_template(data: Path, template: Path, build_id: str) -> None:
    """warehouse.publish.publish on a copy of the kept build file, as `haicap build` does."""
    from warehouse.build import build_paths
    from warehouse.paths import DataDir
    from warehouse.publish import publish

    folder = DataDir(data.resolve())
    build_db = build_paths(folder)["build_db"]
    shutil.copy(template, build_db)
    publish(folder, build_db, build_id, None)


def check_readers(
    data: Path,
    readers: int = 20,
    rounds: int = 3,
    processes: bool = False,
    publish: Callable[[int], str] | None = None,
) -> Outcome:
    """`readers` readers (threads of this process, as Streamlit's sessions are, or separate
    processes) while `rounds` new builds are published by `publish(round) -> build id`
    (default: the real `haicap build`)."""
    started = time.time()
    before = published_build_id(data)

    def real_build(_round: int) -> str:
        _must(haicap(data, "build"), "haicap build")
        return published_build_id(data)

    publish = publish or real_build
    stop = threading.Event()
    stop_file = data / "work" / f".readers-stop-{os.getpid()}"
    stop_file.unlink(missing_ok=True)
    children: list[subprocess.Popen] = []
    if processes:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        for _ in range(readers):
            children.append(
                subprocess.Popen(
                    [sys.executable, __file__, "_reader", str(data), str(stop_file), "1"],
                    stdout=subprocess.PIPE,
                    text=True,
                    env=env,
                )
            )
        threads, stats = [], []
    else:
        old_data_dir = os.environ.get("HAICAP_DATA_DIR")
        os.environ["HAICAP_DATA_DIR"] = str(data)
        threads, stats = run_readers_in_threads(readers, stop)
    published: list[str] = []
    try:
        time.sleep(2)  # every reader running before the first swap
        for round_ in range(rounds):
            published.append(publish(round_))
            time.sleep(1)  # readers read the new build before the next one
    finally:
        stop.set()
        stop_file.touch()
        for thread in threads:
            thread.join(timeout=120)
        if threads:
            if old_data_dir is None:
                os.environ.pop("HAICAP_DATA_DIR", None)
            else:
                os.environ["HAICAP_DATA_DIR"] = old_data_dir
    total = ReaderStats()
    for one in stats:
        total.merge(one)
    for child in children:
        out, _ = child.communicate(timeout=120)
        try:
            got = json.loads(out.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            total.errors.append(f"reader process exited {child.returncode} without a report")
            continue
        total.snapshots += got["snapshots"]
        total.queries += got["queries"]
        total.builds_seen |= set(got["builds_seen"])
        total.errors += got["errors"]
        total.mixed += got["mixed"]
    stop_file.unlink(missing_ok=True)
    after = published_build_id(data)
    kind = "processes" if processes else "threads"
    detail = (
        f"{readers} reader {kind}, {rounds} builds published ({before} -> {after}); "
        f"{total.snapshots} snapshots, {total.queries} queries, "
        f"{len(total.builds_seen)} builds seen; errors {len(total.errors)}, "
        f"mixed snapshots {len(total.mixed)}"
    )
    ok = (
        not total.errors
        and not total.mixed
        and after == published[-1]
        and len(set(published)) == rounds
        and len(total.builds_seen) >= 2
    )
    if total.errors:
        detail += f"; first error: {total.errors[0]}"
    if total.mixed:
        detail += f"; first mix: {total.mixed[0]}"
    return Outcome("readers", "PASS" if ok else "FAIL", detail, time.time() - started)


# -- a build whose dbt test fails ----------------------------------------------------------------


def break_a_test(data: Path) -> None:
    """Write a dossier into the raw layer by hand (as an older ingest could have) whose
    procedure is not in the procedure list: the ingest quarantines such rows today, so only
    the build's own tests stand between it and the dashboard."""
    import duckdb

    con = duckdb.connect(str(data / "work" / "warehouse.duckdb"))
    try:
        ward = con.execute("select min(MaXa) from raw.dossiers where MaXa is not null").fetchone()
        con.execute(
            """insert into raw.dossiers (MaHoSo, MaTTHC, MaXa, KenhThucHien, TrangThaiHoSo,
                   NgayTiepNhan, NgayHenTra, _load_id, _row)
               values ('BAD-DAY-01', '9.999999.000.00.00.H99', ?, 1, 4,
                       timestamp '2025-07-02 08:00', timestamp '2025-07-09 17:00',
                       (select max(_load_id) from raw.dossiers), 2)""",
            [ward[0]],
        )
    finally:
        con.close()


def check_failed_test(data: Path) -> Outcome:
    started = time.time()
    before, build_id = published_digests(data), published_build_id(data)
    break_a_test(data)
    done = haicap(data, "build")
    said = (done.stdout + done.stderr).lower()
    failing = [line.strip() for line in done.stderr.splitlines() if "test " in line]
    ok = (
        done.returncode == 1
        and "nothing was published" in said
        and bool(failing)
        and published_digests(data) == before
        and published_build_id(data) == build_id
        and not list((data / "published").glob(".*.duckdb"))
    )
    detail = (
        f"exit {done.returncode}; published files "
        f"{'byte-identical' if published_digests(data) == before else 'CHANGED'}, "
        f"build id {published_build_id(data)}; says: "
        + (failing[0][:160] if failing else done.stderr.strip()[-200:])
    )
    return Outcome("dbt-test", "PASS" if ok else "FAIL", detail, time.time() - started)


# -- truncated feed files ------------------------------------------------------------------------


def cut_mid_line(source: Path, target: Path, share: float = 0.6) -> str:
    """Copy `source` cut at `share` of its bytes, inside a line; returns the partial line."""
    text = source.read_bytes()
    cut = int(len(text) * share)
    while text[cut - 1 : cut] == b"\n" or text[cut : cut + 1] == b"\n":
        cut += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text[:cut])
    return text[:cut].rsplit(b"\n", 1)[1].decode("utf-8", "replace")


def truncated_files(world: World, folder: Path) -> dict[str, Path]:
    csv = next(iter(sorted(world.later.glob("dossiers_24_*.csv"))))
    js = next(iter(sorted(world.later.glob("dossiers_46_*.json"))))
    files = {"csv": folder / csv.name, "json": folder / js.name}
    cut_mid_line(csv, files["csv"])
    whole = js.read_bytes()
    files["json"].write_bytes(whole[: len(whole) // 2])
    packed = gzip.compress(csv.read_bytes())
    files["gz"] = folder / (csv.stem.replace("_p01", "_p09") + ".csv.gz")
    files["gz"].write_bytes(packed[: len(packed) // 2])
    return files


def check_truncated(world: World, folder: Path, rebuild: bool = True) -> Outcome:
    started = time.time()
    data = world.data
    before = published_digests(data)
    files = truncated_files(world, folder)
    expect_lines = files["csv"].read_bytes().count(b"\n")  # header + whole rows
    problems: list[str] = []
    results = {}
    for kind, path in files.items():
        done = haicap(data, "ingest", str(path), "--json")
        lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
        results[kind] = (done.returncode, lines[0] if lines else {})
    code, csv = results["csv"]
    rules = {r.get("rule") for r in csv.get("top_reasons") or []}
    if not (
        code == 0
        and csv.get("status") == "loaded"
        and csv.get("quarantined") == 1
        and csv.get("accepted") == expect_lines - 1
        and rules == {"malformed_line"}
    ):
        problems.append(f"CSV: exit {code}, {csv}")
    for kind in ("json", "gz"):
        code, got = results[kind]
        if code != 2 or got.get("status") != "refused" or got.get("accepted"):
            problems.append(f"{kind}: exit {code}, {got}")
    untouched = published_digests(data) == before
    if not untouched:
        problems.append("the published files changed on ingest")
    detail = (
        f"CSV cut mid-line: {csv.get('accepted')} rows loaded, {csv.get('quarantined')} "
        f"quarantined ({', '.join(sorted(map(str, rules)))}); JSON cut in half: "
        f"{results['json'][1].get('status')} (exit {results['json'][0]}); truncated .gz: "
        f"{results['gz'][1].get('status')} (exit {results['gz'][0]}); published files "
        f"{'untouched' if untouched else 'CHANGED'}"
    )
    if rebuild and not problems:
        received_before = _august_dossiers(data)
        done = haicap(data, "build")
        received_after = _august_dossiers(data)
        if done.returncode != 0 or received_after <= received_before:
            problems.append(f"next build: exit {done.returncode}, {received_after} August rows")
        detail += f"; next build publishes them ({received_before} -> {received_after} dossiers)"
    if problems:
        detail += "; PROBLEMS: " + " | ".join(problems)
    return Outcome("truncated", "FAIL" if problems else "PASS", detail, time.time() - started)


def _august_dossiers(data: Path) -> int:
    import duckdb

    con = duckdb.connect(str(data / "published" / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(
            "select count(*) from marts.fct_dossiers where received_at >= '2025-08-01'"
        ).fetchone()[0]
    finally:
        con.close()


# -- a nearly full disk --------------------------------------------------------------------------


def check_disk(kind: str, world: World, margin_mb: float | None = None) -> Outcome:
    """Run the `kind` ("ingest" or "build") case in a private mount namespace with the data
    folder copied onto a tmpfs that has `margin_mb` free; the child reports as JSON."""
    started = time.time()
    name = f"disk-{kind}"
    if shutil.which("unshare") is None:
        return Outcome(name, "SKIP", "no `unshare` here to mount a small file system")
    # August's CSV of province 24 (about 0.8 MB): more than the ingest's 0.25 MB of room
    feed = next(iter(sorted(world.later.glob("dossiers_24_*.csv"))))
    if margin_mb is None:
        margin_mb = 0.25 if kind == "ingest" else 1.0
    command = [
        "unshare",
        "--user",
        "--map-root-user",
        "--mount",
        sys.executable,
        __file__,
        "_disk",
        kind,
        str(world.data),
        str(feed),
        str(margin_mb),
    ]
    # The mount point is made and removed here: the child's mount ends with its namespace,
    # the empty folder would stay behind in /tmp.
    mount = Path(tempfile.mkdtemp(prefix="haicap-small-disk-"))
    try:
        done = subprocess.run(
            [*command, str(mount)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    finally:
        mount.rmdir()
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        reason = (done.stderr or done.stdout).strip()[-300:]
        if "mount" in reason.lower() or "unshare" in reason.lower():
            return Outcome(name, "SKIP", f"cannot mount a small file system here: {reason}")
        return Outcome(name, "FAIL", f"the check crashed: {reason}", time.time() - started)
    return Outcome(name, report["status"], report["detail"], time.time() - started)


def _disk_child(kind: str, data: Path, feed: Path, margin_mb: float, mount: Path) -> int:
    """`bad_days.py _disk KIND DATA FEED MB MOUNT` inside the namespace: mount, copy, run,
    judge."""
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2g", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        print(json.dumps({"status": "SKIP", "detail": f"mount: {mounted.stderr.strip()}"}))
        return 0
    small = mount / "data"
    shutil.copytree(data, small, ignore=shutil.ignore_patterns("*.tmp", "dbt"))
    # shrink it to what the copy uses plus the margin: the disk is now nearly full
    size = shutil.disk_usage(mount).used + int(margin_mb * 1024 * 1024)
    _remount(mount, size)
    free = shutil.disk_usage(mount).free
    before_pub = published_digests(small)
    before_rows = working_counts(small)
    if kind == "ingest":
        done = haicap(small, "ingest", str(feed))
        after_rows = working_counts(small)
        said = (done.stdout + done.stderr).strip()
        # meta.attempts records the failed attempt (`haicap status` lists it); nothing else
        # may change
        unchanged = {k: v for k, v in after_rows.items() if k != "meta.attempts"} == {
            k: v for k, v in before_rows.items() if k != "meta.attempts"
        }
        clear = NO_SPACE in said.lower() or "disk is full" in said.lower()
        ok = done.returncode != 0 and unchanged and clear
        detail = (
            f"{free / 1e6:.1f} MB free for a {feed.stat().st_size / 1e6:.1f} MB feed: exit "
            f"{done.returncode}; warehouse rows {'unchanged' if unchanged else 'CHANGED'}; "
            f"says: {_last_line(said)}"
        )
        # the warehouse still opens and loads once there is room again
        _remount(mount, size + 500 * 1024 * 1024)
        again = haicap(small, "ingest", str(feed))
        if again.returncode != 0:
            ok = False
        detail += f"; with room again the same file loads (exit {again.returncode})"
    else:
        done = haicap(small, "build")
        said = (done.stdout + done.stderr).strip()
        untouched = published_digests(small) == before_pub
        clear = NO_SPACE in said.lower() or "disk is full" in said.lower()
        leftovers = [p.name for p in (small / "published").glob(".*.duckdb*")]
        ok = done.returncode == 1 and untouched and clear and not leftovers
        detail = (
            f"{free / 1e6:.1f} MB free: exit {done.returncode}; published files "
            f"{'byte-identical' if untouched else 'CHANGED'}"
            f"{', leftovers ' + str(leftovers) if leftovers else ''}; says: {_last_line(said)}"
        )
    print(json.dumps({"status": "PASS" if ok else "FAIL", "detail": detail}))
    return 0


def _remount(mount: Path, size: int) -> None:
    subprocess.run(
        ["mount", "-o", f"remount,size={size}", str(mount)], check=True, capture_output=True
    )


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for wanted in ("disk is full", NO_SPACE, "failed"):
        for line in lines:
            if wanted in line.lower():
                return line[:300]
    return (lines[-1] if lines else "(nothing)")[:300]


# -- the report ----------------------------------------------------------------------------------


def table(outcomes: list[Outcome]) -> str:
    width = max(len(o.name) for o in outcomes)
    rows = [f"{'check'.ljust(width)}  result  seconds  what happened"]
    for o in outcomes:
        rows.append(f"{o.name.ljust(width)}  {o.status:<6}  {o.seconds:7.1f}  {o.detail}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_reader":
        return _reader_child(Path(argv[1]), Path(argv[2]), int(argv[3]))
    if argv and argv[0] == "_disk":
        return _disk_child(argv[1], Path(argv[2]), Path(argv[3]), float(argv[4]), Path(argv[5]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, help="folder for the world (default: a temp dir)")
    parser.add_argument("--dossiers", type=int, default=300_000, help="national volume")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="builds published under readers")
    parser.add_argument("--processes", action="store_true", help="readers as processes")
    parser.add_argument("--only", default=",".join(CHECKS), help="comma-separated checks")
    args = parser.parse_args(argv)
    wanted = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = set(wanted) - set(CHECKS)
    if unknown:
        parser.error(f"unknown checks {sorted(unknown)}; choose from {', '.join(CHECKS)}")
    root = args.work or Path(tempfile.mkdtemp(prefix="haicap-bad-days-"))
    root.mkdir(parents=True, exist_ok=True)
    print(f"Bad days on a small world in {root} ({args.dossiers:,} national dossiers, 24 and 46)")
    step = time.time()
    world = make_world(root, args.dossiers)
    print(f"  world generated, loaded and built in {time.time() - step:.0f} s")
    outcomes: list[Outcome] = []

    def run(outcome: Outcome) -> None:
        outcomes.append(outcome)
        print(f"  {outcome.name}: {outcome.status} ({outcome.seconds:.0f} s) {outcome.detail}")

    # the disk checks copy the world as it is now (built, August not loaded)
    if "disk-ingest" in wanted:
        run(check_disk("ingest", world))
    if "disk-build" in wanted:
        run(check_disk("build", world))
    if "readers" in wanted:
        run(check_readers(world.data, args.readers, args.rounds, args.processes))
    if "truncated" in wanted:
        run(check_truncated(world, root / "truncated"))
    if "dbt-test" in wanted:  # last: it leaves a bad row in the raw layer
        run(check_failed_test(world.data))
    print()
    print(table(outcomes))
    return 1 if any(o.status == "FAIL" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
