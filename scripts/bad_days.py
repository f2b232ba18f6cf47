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

    .venv/bin/python scripts/bad_days.py                       # everything
    .venv/bin/python scripts/bad_days.py --only readers --readers 20 --rounds 3 --processes

Prints one line per check and a PASS/FAIL table; exits 1 when a check fails. Each check
returns what a person would notice (exit codes, quarantined rows, published files and build
ids) as a dataclass: tests/test_bad_days.py imports this module (`from scripts import
bad_days`) and asserts on those fields.
"""

from __future__ import annotations

import argparse
import dataclasses
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
    """One line of the report."""

    name: str
    status: str  # PASS, FAIL or SKIP
    detail: str
    seconds: float = 0.0


@dataclass
class Skipped:
    """A check this machine cannot run, and why."""

    reason: str


def outcome(name: str, result, seconds: float = 0.0) -> Outcome:
    """A check's result (with `ok` and `detail()`, or Skipped) as a line of the report."""
    if isinstance(result, Skipped):
        return Outcome(name, "SKIP", result.reason, seconds)
    return Outcome(name, "PASS" if result.ok else "FAIL", result.detail(), seconds)


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


@dataclass
class Readers:
    """What readers saw while builds were published."""

    readers: int
    kind: str  # threads or processes
    before: str  # the build id published before
    after: str  # the build id published after
    published: list[str]  # the ids of the builds published meanwhile
    stats: ReaderStats

    @property
    def ok(self) -> bool:
        return (
            not self.stats.errors
            and not self.stats.mixed
            and self.after == self.published[-1]
            and len(set(self.published)) == len(self.published)
            and len(self.stats.builds_seen) >= 2
        )

    def detail(self) -> str:
        total = self.stats
        text = (
            f"{self.readers} reader {self.kind}, {len(self.published)} builds published "
            f"({self.before} -> {self.after}); {total.snapshots} snapshots, {total.queries} "
            f"queries, {len(total.builds_seen)} builds seen; errors {len(total.errors)}, "
            f"mixed snapshots {len(total.mixed)}"
        )
        if total.errors:
            text += f"; first error: {total.errors[0]}"
        if total.mixed:
            text += f"; first mix: {total.mixed[0]}"
        return text


def check_readers(
    data: Path,
    readers: int = 20,
    rounds: int = 3,
    processes: bool = False,
    publish: Callable[[int], str] | None = None,
) -> Readers:
    """`readers` readers (threads of this process, as Streamlit's sessions are, or separate
    processes) while `rounds` new builds are published by `publish(round) -> build id`
    (default: the real `haicap build`)."""
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
    kind = "processes" if processes else "threads"
    return Readers(readers, kind, before, published_build_id(data), published, total)


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


@dataclass
class FailedTest:
    """A `haicap build` whose dbt test failed."""

    exit: int
    says_nothing_published: bool
    failing: list[str]  # the lines naming the failed tests
    published_identical: bool  # both published files byte for byte as before
    build_id_kept: bool
    leftovers: list[str]  # half-published files left in published/

    @property
    def ok(self) -> bool:
        return (
            self.exit == 1
            and self.says_nothing_published
            and bool(self.failing)
            and self.published_identical
            and self.build_id_kept
            and not self.leftovers
        )

    def detail(self) -> str:
        return (
            f"exit {self.exit}; published files "
            f"{'byte-identical' if self.published_identical else 'CHANGED'}, build id "
            f"{'kept' if self.build_id_kept else 'CHANGED'}; says: "
            + (self.failing[0][:160] if self.failing else "no failing test named")
        )


def check_failed_test(data: Path) -> FailedTest:
    before, build_id = published_digests(data), published_build_id(data)
    break_a_test(data)
    # the row joins a load that was built already: an incremental build, which tests the
    # dossiers of new loads, would not look at it
    done = haicap(data, "build", "--full")
    return FailedTest(
        exit=done.returncode,
        says_nothing_published="nothing was published" in (done.stdout + done.stderr).lower(),
        failing=[line.strip() for line in done.stderr.splitlines() if "test " in line],
        published_identical=published_digests(data) == before,
        build_id_kept=published_build_id(data) == build_id,
        leftovers=[p.name for p in (data / "published").glob(".*.duckdb")],
    )


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


@dataclass
class Ingested:
    """What `haicap ingest --json` said of one file."""

    exit: int
    status: str | None
    accepted: int | None
    quarantined: int | None
    rules: set[str]  # the quarantine's reasons


@dataclass
class Truncated:
    """Three feed files cut short, ingested; then (optionally) the next build."""

    csv: Ingested  # a CSV cut mid-line
    json: Ingested  # a JSON file cut in half
    gz: Ingested  # a .csv.gz cut in half
    whole_rows: int  # the rows of the cut CSV before its partial last line
    quarantine: list[tuple[str, int]]  # raw.quarantine's (rule, row) for the cut CSV
    published_identical: bool  # after the ingests, before any build
    rebuilt: tuple[int, int, int] | None = None  # next build: exit, August dossiers before, after

    @property
    def ok(self) -> bool:
        refused = all(
            got.exit == 2 and got.status == "refused" and not got.accepted
            for got in (self.json, self.gz)
        )
        loaded = (
            self.csv.exit == 0
            and self.csv.status == "loaded"
            and self.csv.quarantined == 1
            and self.csv.accepted == self.whole_rows
            and self.csv.rules == {"malformed_line"}
        )
        rebuilt = self.rebuilt is None or (
            self.rebuilt[0] == 0 and self.rebuilt[2] > self.rebuilt[1]
        )
        return loaded and refused and self.published_identical and rebuilt

    def detail(self) -> str:
        text = (
            f"CSV cut mid-line: exit {self.csv.exit}, {self.csv.accepted} rows loaded, "
            f"{self.csv.quarantined} quarantined ({', '.join(sorted(self.csv.rules))}); JSON cut "
            f"in half: {self.json.status} (exit {self.json.exit}); truncated .gz: "
            f"{self.gz.status} (exit {self.gz.exit}); published files "
            f"{'untouched' if self.published_identical else 'CHANGED'}"
        )
        if self.rebuilt is not None:
            code, before, after = self.rebuilt
            text += f"; next build: exit {code}, August dossiers {before} -> {after}"
        return text


def check_truncated(world: World, folder: Path, rebuild: bool = True) -> Truncated:
    import duckdb

    data = world.data
    before = published_digests(data)
    files = truncated_files(world, folder)
    whole_rows = files["csv"].read_bytes().count(b"\n") - 1  # less the header
    got: dict[str, Ingested] = {}
    for kind, path in files.items():
        done = haicap(data, "ingest", str(path), "--json")
        lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
        said = lines[0] if lines else {}
        got[kind] = Ingested(
            done.returncode,
            said.get("status"),
            said.get("accepted"),
            said.get("quarantined"),
            {str(r.get("rule")) for r in said.get("top_reasons") or []},
        )
    con = duckdb.connect(str(data / "work" / "warehouse.duckdb"), read_only=True)
    try:
        quarantine = con.execute(
            'select rule, "row" from raw.quarantine where file_name like ? order by "row"',
            ["%" + files["csv"].name],
        ).fetchall()
    finally:
        con.close()
    result = Truncated(
        got["csv"],
        got["json"],
        got["gz"],
        whole_rows,
        quarantine,
        published_digests(data) == before,
    )
    if rebuild and result.ok:
        received_before = _august_dossiers(data)
        done = haicap(data, "build")
        result.rebuilt = (done.returncode, received_before, _august_dossiers(data))
    return result


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


@dataclass
class FullDisk:
    """An ingest or a build on a nearly full file system."""

    kind: str  # ingest or build
    free_mb: float
    exit: int
    says_disk_full: bool
    last_line: str  # what it said about the failure
    published_identical: bool
    warehouse_unchanged: bool  # raw tables, quarantine and load log (not the attempts' log)
    leftovers: list[str]  # half-published files left in published/
    exit_with_room: int | None = None  # the same ingest again once there is room

    @property
    def ok(self) -> bool:
        if self.kind == "ingest":
            return (
                self.exit != 0
                and self.says_disk_full
                and self.warehouse_unchanged
                and self.exit_with_room == 0
            )
        return (
            self.exit == 1
            and self.says_disk_full
            and self.published_identical
            and not self.leftovers
        )

    def detail(self) -> str:
        text = f"{self.free_mb:.1f} MB free: exit {self.exit}; "
        if self.kind == "ingest":
            text += (
                f"warehouse rows {'unchanged' if self.warehouse_unchanged else 'CHANGED'}; "
                f"with room again the same file loads (exit {self.exit_with_room}); "
            )
        else:
            text += (
                f"published files {'byte-identical' if self.published_identical else 'CHANGED'}"
                f"{', leftovers ' + str(self.leftovers) if self.leftovers else ''}; "
            )
        return text + f"says: {self.last_line}"


def check_disk(kind: str, world: World, margin_mb: float | None = None) -> FullDisk | Skipped:
    """Run the `kind` ("ingest" or "build") case in a private mount namespace with the data
    folder copied onto a tmpfs that has `margin_mb` free; the child reports as JSON."""
    if shutil.which("unshare") is None:
        return Skipped("no `unshare` here to mount a small file system")
    # August's CSV of province 24: larger than the ingest's margin of free space
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
            timeout=1800,
        )
    finally:
        mount.rmdir()
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        reason = (done.stderr or done.stdout).strip()[-300:]
        if "mount" in reason.lower() or "unshare" in reason.lower():
            return Skipped(f"cannot mount a small file system here: {reason}")
        raise RuntimeError(f"the {kind} check crashed: {reason}") from None
    if "skip" in report:
        return Skipped(report["skip"])
    return FullDisk(**report)


def _disk_child(kind: str, data: Path, feed: Path, margin_mb: float, mount: Path) -> int:
    """`bad_days.py _disk KIND DATA FEED MB MOUNT` inside the namespace: mount, copy, run,
    report a FullDisk as JSON."""
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2g", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        print(json.dumps({"skip": f"mount: {mounted.stderr.strip()}"}))
        return 0
    small = mount / "data"
    shutil.copytree(data, small, ignore=shutil.ignore_patterns("*.tmp", "dbt"))
    # shrink it to what the copy uses plus the margin: the disk is now nearly full
    size = shutil.disk_usage(mount).used + int(margin_mb * 1024 * 1024)
    _remount(mount, size)
    free = shutil.disk_usage(mount).free
    before_pub = published_digests(small)
    before_rows = working_counts(small)
    done = haicap(small, kind, *([str(feed)] if kind == "ingest" else []))
    said = (done.stdout + done.stderr).strip()
    # meta.attempts records the failed attempt (`haicap status` lists it); nothing else may
    # change
    after_rows = working_counts(small)
    result = FullDisk(
        kind=kind,
        free_mb=free / 1e6,
        exit=done.returncode,
        says_disk_full=NO_SPACE in said.lower() or "disk is full" in said.lower(),
        last_line=_last_line(said),
        published_identical=published_digests(small) == before_pub,
        warehouse_unchanged={k: v for k, v in after_rows.items() if k != "meta.attempts"}
        == {k: v for k, v in before_rows.items() if k != "meta.attempts"},
        leftovers=[p.name for p in (small / "published").glob(".*.duckdb*")],
    )
    if kind == "ingest":
        # the warehouse still opens and loads once there is room again
        _remount(mount, size + 500 * 1024 * 1024)
        result.exit_with_room = haicap(small, "ingest", str(feed)).returncode
    print(json.dumps(dataclasses.asdict(result)))
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

    def run(name: str, check: Callable[[], object]) -> None:
        started = time.time()
        one = outcome(name, check(), time.time() - started)
        outcomes.append(one)
        print(f"  {one.name}: {one.status} ({one.seconds:.0f} s) {one.detail}")

    # the disk checks copy the world as it is now (built, August not loaded)
    if "disk-ingest" in wanted:
        run("disk-ingest", lambda: check_disk("ingest", world))
    if "disk-build" in wanted:
        run("disk-build", lambda: check_disk("build", world))
    if "readers" in wanted:
        run(
            "readers",
            lambda: check_readers(world.data, args.readers, args.rounds, args.processes),
        )
    if "truncated" in wanted:
        run("truncated", lambda: check_truncated(world, root / "truncated"))
    if "dbt-test" in wanted:  # last: it leaves a bad row in the raw layer
        run("dbt-test", lambda: check_failed_test(world.data))
    print()
    print(table(outcomes))
    return 1 if any(o.status == "FAIL" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
