"""`haicap build`: run the dbt project (models and tests) on the working warehouse, then publish.

The dbt target is the build file `DIR/work/build/build.duckdb`, which attaches the working
warehouse read-only, so the raw layer is read in place. It is kept between builds: it records
(`build_state.last_build`) the last load it has seen, and the next build is incremental: dbt runs
the selector `incremental_build` with the vars `changed_after_load` and `previous_as_of_day`,
and the incremental models recompute only what the later loads touched (dbt_project/README.md,
"How an incremental build works"). A full build (a fresh file) happens with
`haicap build --full`, on the first build, after the dbt project or its vars changed, when the
loads it saw are no longer the same (a new working warehouse), when a procedure catalogue or
agency list was loaded since (every dossier may change), or after a failed build.

Only when every model and every test has passed are the published files written (see
`warehouse.publish`: a copy of the build file, stripped, is swapped in); a failed build or a
failed test publishes nothing and names what failed, with the province and the first rows of a
failing test where its rows have them.

The one exception is the journalists' layer, the nodes tagged `public` in dbt_project.yml (and
the tests on them, and what dbt skipped because of them): when only they fail, the leaders' file
is published as usual, the public file stays at its last good build, and the failed checks are
recorded in the leaders' `marts.build_info` (`public_failures`), so `haicap status` and the Data
page name them. A defect in the public layer must never keep the leaders' numbers stale. The
build file then holds complete leaders' marts, so its state is recorded and the next build may
be incremental; the public models are tables that every build makes again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from haicap.resources import resource
from warehouse.connection import LOCAL_TZ
from warehouse.paths import DataDir

PROJECT_DIR = resource("dbt_project")
FAILED_STATUSES = {"error", "fail", "runtime error"}
# the tag of the journalists' layer (dbt_project.yml); see the module's docstring
PUBLIC_TAG = "public"
# how many failing rows of a test are kept (status, build_info), and how much of them the
# one-line message shows
FAILING_ROWS_SHOWN = 5
ROWS_IN_A_LINE, COLUMNS_SHOWN = 3, 8
# the documentation published with a build (a static page of the manifest and the catalog)
DOCS_GENERATE = ["docs", "generate", "--no-compile", "--static"]
NO_SPACE = "no space left on device"
# Loads of these feeds change only the dossiers they name (or nothing dossier-level); a load of
# any other feed (the procedure catalogue, the agencies) sends the next build back to full.
INCREMENTAL_FEEDS = {"dossiers", "supplements", "ratings", "staffing", "assets"}
# The dbt selector of an incremental build (dbt_project/selectors.yml): every node but those
# tagged `unchanged_by_loads` (the calendar, the catalogue, the dimensions) and the tests tagged
# `full_build_only`.
INCREMENTAL_SELECTOR = "incremental_build"
# How long the dbt child process may run before the build gives up on it; generous, so that
# only a hung dbt reaches it (override with HAICAP_DBT_TIMEOUT, in seconds).
DBT_TIMEOUT_SECONDS = 4 * 3600

Report = Callable[[str], None]


class BuildFailed(RuntimeError):
    """The build or one of its tests failed; nothing was published."""

    def __init__(self, message: str, failures: list[str] | None = None):
        super().__init__(message)
        self.failures = failures or []


@dataclass
class BuildResult:
    build_id: str
    seconds: float
    models: int = 0
    tests: int = 0
    warnings: list[str] = field(default_factory=list)
    published: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    mode: str = "full"
    reason: str = ""
    # the public layer's failed checks (see `describe_check`); when not empty, the leaders'
    # file was published and the public file was not (it stays at `public_build_id`)
    public_failures: list[dict] = field(default_factory=list)
    public_build_id: str | None = None


@dataclass(frozen=True)
class Plan:
    """What the next build does: `full`, or `incremental` after load `after_load` (the last
    build's as-of day was `previous_as_of_day`)."""

    mode: str
    reason: str
    after_load: int | None
    last_load: int | None
    loads_signature: str
    project_signature: str
    previous_as_of_day: str | None = None

    def dbt_vars(self) -> dict:
        """The vars an incremental build gives dbt (dbt_project/README.md)."""
        if self.mode != "incremental":
            return {}
        return {
            "changed_after_load": self.after_load,
            "previous_as_of_day": self.previous_as_of_day,
        }


def build_paths(data: DataDir) -> dict[str, Path]:
    work = data.working.parent
    return {
        # kept between builds: the next build updates it (published as a stripped copy)
        "build_db": work / "build" / "build.duckdb",
        "target": work / "dbt" / "target",
        "logs": work / "dbt" / "logs",
    }


def _dbt_env(data: DataDir) -> dict[str, str]:
    """The profile's paths, relative to the folder dbt runs in (`_dbt_cwd`): the profile is
    then the same for every data folder, so one saved parse of the project serves them all
    (dbt throws a saved parse away when the profile changes)."""
    paths = build_paths(data)
    cwd = _dbt_cwd(data)
    return {
        "HAICAP_BUILD_DB": os.path.relpath(paths["build_db"], cwd),
        "HAICAP_WAREHOUSE_DB": os.path.relpath(data.working, cwd),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PARTIAL_PARSE": "true",
    }


def _dbt_cwd(data: DataDir) -> Path:
    return data.working.parent


def _cache_path(name: str) -> Path:
    """A file of the build cache, kept for builds in other data folders: dbt's last parse of the
    project (`partial_parse.msgpack`; dbt checks it file by file and parses again what changed)."""
    root = os.environ.get("HAICAP_CACHE_DIR") or Path.home() / ".cache" / "haicap"
    return Path(root) / "dbt" / name


def _put_in_cache(name: str, data: bytes) -> None:
    """Write a file of the build cache whole (another build may be reading it); a cache, so a
    failure only costs the next build its head start."""
    cache = _cache_path(name)
    staged = cache.with_name(f".{name}.{uuid.uuid4().hex[:8]}")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        os.replace(staged, cache)
    except OSError:
        staged.unlink(missing_ok=True)


def _invoke_dbt(data: DataDir, args: list[str], manifest=None):
    """Invoke dbt in this process with the project's profile and this data folder's paths
    (with `manifest`, an earlier parse's, dbt does not parse the project again). The folder dbt
    runs in becomes `_dbt_cwd(data)`: the profile's paths are relative to it."""
    from dbt.cli.main import dbtRunner

    paths = build_paths(data)
    os.environ.update(_dbt_env(data))
    os.chdir(_dbt_cwd(data))
    full = [
        *args,
        "--project-dir",
        str(PROJECT_DIR),
        "--profiles-dir",
        str(PROJECT_DIR),
        "--target-path",
        str(paths["target"]),
        "--log-path",
        str(paths["logs"]),
    ]
    extra_vars = _dbt_vars()
    # Not given to the parse, whose saved result dbt throws away when the vars change: the
    # project reads them when models are compiled.
    if args[0] in ("build", "run", "test"):
        extra_vars.update(json.loads(os.environ.get("HAICAP_INCREMENTAL_VARS") or "{}"))
    if extra_vars and args[0] in ("parse", "build", "run", "test"):
        full += ["--vars", json.dumps(extra_vars)]
    return dbtRunner(manifest=manifest).invoke(full)


def _dbt_vars() -> dict:
    """The vars given in HAICAP_DBT_VARS (YAML or JSON, as dbt's --vars)."""
    import yaml

    text = os.environ.get("HAICAP_DBT_VARS")
    return dict(yaml.safe_load(text) or {}) if text else {}


def _kind(node) -> str:
    kind = getattr(node, "resource_type", "")
    return str(getattr(kind, "value", kind))


def _is_public(node, manifest) -> bool:
    """A node of the journalists' layer: tagged `public` (dbt_project.yml, by folder), or a
    test of a model that is (a generic test does not inherit its model's tags)."""
    if PUBLIC_TAG in (getattr(node, "tags", None) or []):
        return True
    if _kind(node) not in ("test", "unit_test") or manifest is None:
        return False
    parents = [manifest.nodes.get(uid) for uid in getattr(node.depends_on, "nodes", [])]
    return any(
        parent is not None and _kind(parent) == "model" and PUBLIC_TAG in parent.tags
        for parent in parents
    )


def _summary(result, manifest=None) -> dict:
    """What a dbt invocation did: failures, warnings, models built, tests run; and the nodes
    that failed or were skipped (`nodes`: name, kind, status, message, whether they are of the
    public layer, a failed test's compiled SQL), with `public_only` true when every one of them
    is of the public layer (the leaders' marts are then complete)."""
    failures: list[str] = []
    warnings: list[str] = []
    nodes: list[dict] = []
    models = tests = 0
    for node_result in getattr(result.result, "results", None) or []:
        node = node_result.node
        status = str(getattr(node_result.status, "value", node_result.status)).lower()
        kind = _kind(node)
        if kind in ("model", "seed"):
            models += 1
        elif kind in ("test", "unit_test"):
            tests += 1
        message = (node_result.message or "").strip().splitlines()
        text = f"{kind} {node.name}: {status}" + (f" ({message[0][:300]})" if message else "")
        if status in FAILED_STATUSES:
            failures.append(text)
        elif status == "warn":
            warnings.append(text)
        if status in FAILED_STATUSES or status == "skipped":
            nodes.append(
                {
                    "name": node.name,
                    "kind": kind,
                    "status": status,
                    "message": message[0][:300] if message else "",
                    "public": _is_public(node, manifest),
                    # a failed test's query of its failing rows, read after the build
                    "sql": getattr(node, "compiled_code", None) if kind == "test" else None,
                    "text": text,
                }
            )
    if result.exception is not None:
        failures.append(f"dbt stopped: {str(result.exception).strip()[:500]}")
    return {
        "success": bool(result.success) and not failures,
        "failures": failures,
        "warnings": warnings,
        "models": models,
        "tests": tests,
        "nodes": nodes,
        "public_only": bool(failures)
        and result.exception is None
        and bool(nodes)
        and all(node["public"] for node in nodes),
    }


def run_dbt(
    data: DataDir, args: list[str], incremental: dict | None = None, then: list[str] = ()
) -> dict:
    """Run dbt (via dbtRunner) in a child Python process and return its summary; with `then`,
    a second dbt command run after the first one succeeded, in the same process and on the
    same parse of the project, whose summary is the result's `then` (None when it did not
    run). `incremental`: the vars of an incremental build (`Plan.dbt_vars`). The child parses
    the project first, from the saved parse (`_child`), and runs the commands on that parse.
    A child that runs longer than `dbt_timeout()` is stopped and the summary says so.

    A child process, because dbt-duckdb keeps its DuckDB instance open for the life of the
    process: the build file could not be attached for publishing, and a second build in the
    same process would reuse the first one's database.
    """
    paths = build_paths(data)
    paths["logs"].mkdir(parents=True, exist_ok=True)
    paths["build_db"].parent.mkdir(parents=True, exist_ok=True)
    summary_file = paths["logs"] / f"summary-{uuid.uuid4().hex[:8]}.json"
    env = {**os.environ, **_dbt_env(data), "HAICAP_DBT_SUMMARY": str(summary_file)}
    env["HAICAP_INCREMENTAL_VARS"] = json.dumps(incremental or {})
    root = str(PROJECT_DIR.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    timeout = dbt_timeout()
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "warehouse.build",
                "--data-dir",
                str(data.root),
                *args,
                *(["--then", *then] if then else []),
            ],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as expired:
        summary_file.unlink(missing_ok=True)
        output = _text(expired.stdout) + _text(expired.stderr)
        with contextlib.suppress(OSError):
            (paths["logs"] / "last_dbt_output.txt").write_text(output)
        return {
            "success": False,
            "failures": [
                f"dbt did not finish within {timeout:g} s and was stopped (raise "
                f"HAICAP_DBT_TIMEOUT if the build is only slow; its output so far is in "
                f"{paths['logs'] / 'last_dbt_output.txt'})"
            ],
            "warnings": [],
            "models": 0,
            "tests": 0,
            "then": None,
            "nodes": [],
            "public_only": False,
        }
    try:
        summary = json.loads(summary_file.read_text())
    except (OSError, ValueError):  # no summary, or half of one (a full disk)
        output = (completed.stderr or completed.stdout or "").strip().splitlines()
        tail = [line for line in output if NO_SPACE in line.lower()][:1] or output[-5:]
        summary = {
            "success": False,
            "failures": ["dbt crashed: " + " | ".join(tail)],
            "warnings": [],
            "models": 0,
            "tests": 0,
        }
    summary.setdefault("then", None)
    summary.setdefault("nodes", [])
    summary.setdefault("public_only", False)
    summary_file.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a full disk must not hide dbt's own failures
        (paths["logs"] / "last_dbt_output.txt").write_text(completed.stdout + completed.stderr)
    return summary


def dbt_timeout() -> float:
    """Seconds the dbt child process may run (HAICAP_DBT_TIMEOUT, else DBT_TIMEOUT_SECONDS)."""
    text = os.environ.get("HAICAP_DBT_TIMEOUT", "").strip()
    try:
        return float(text) if text else DBT_TIMEOUT_SECONDS
    except ValueError:
        raise BuildFailed(
            f"HAICAP_DBT_TIMEOUT={text!r} is not a number of seconds; unset it or give one"
        ) from None


def _text(output: str | bytes | None) -> str:
    """What a stopped child had printed (bytes or text, or None)."""
    if isinstance(output, bytes):
        return output.decode(errors="replace")
    return output or ""


def _disk_full(data: DataDir, texts: list[str]) -> str | None:
    """The plain words for a build that ran out of disk, if that is what happened."""
    if not any(NO_SPACE in text.lower() for text in texts):
        return None
    free = shutil.disk_usage(data.published_dir).free / 1e9
    return (
        f"the disk is full ({free:.2f} GB free where {data.published_dir} is): free space "
        "and build again; nothing was published, the dashboard keeps the last build"
    )


def _failed_checks(data: DataDir, nodes: list[dict]) -> list[dict]:
    """The failed models and tests, each with what its failing rows say: the provinces (where
    the rows have a `province_code`) and the first few rows. Read from the build file with each
    failed test's compiled query, after dbt has finished (dbt keeps no copy of the rows unless
    it stores failures, which would cost a table per test in every build)."""
    import duckdb

    failed = [node for node in nodes if node["status"] in FAILED_STATUSES]
    checks = [
        {
            "check": node["name"],
            "kind": node["kind"],
            "status": node["status"],
            "message": node["message"],
            "public": node["public"],
            "provinces": [],
            "rows": [],
        }
        for node in failed
    ]
    queries = [(check, node["sql"]) for check, node in zip(checks, failed, strict=True)]
    build_db = build_paths(data)["build_db"]
    if not any(sql for _, sql in queries) or not build_db.exists():
        return checks
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except duckdb.Error:
        return checks
    try:
        con.execute(f"set TimeZone = '{LOCAL_TZ}'")
        con.execute(f"attach '{data.working}' as wh (read_only)")
        for check, sql in queries:
            if not sql:
                continue
            # a query that cannot be read again costs only the detail, not the message
            with contextlib.suppress(duckdb.Error):
                cursor = con.execute(f"select * from ({sql}) as failing limit {FAILING_ROWS_SHOWN}")
                columns = [column[0] for column in cursor.description]
                check["rows"] = json.loads(
                    json.dumps(
                        [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()],
                        default=str,
                    )
                )
                if "province_code" in columns:
                    check["provinces"] = [
                        {"code": code, "name": name}
                        for code, name in con.execute(
                            f"""select f.province_code::varchar, any_value(p.province_name)
                                from ({sql}) as f
                                left join wh.ref.provinces p
                                    on p.province_code = f.province_code::varchar
                                group by all order by 1 limit 20"""
                        ).fetchall()
                    ]
    finally:
        con.close()
    return checks


def describe_check(check: dict) -> str:
    """One line for a failed check: what failed, in which provinces, its first failing rows."""
    text = f"{check['kind']} {check['check']}: {check['status']}"
    if check.get("message"):
        text += f" ({check['message']})"
    provinces = [
        p["code"] + (f" {p['name']}" if p.get("name") else "") for p in check.get("provinces", [])
    ]
    if provinces:
        text += f"; province{'s' if len(provinces) > 1 else ''} " + ", ".join(provinces)
    if check.get("rows"):
        # a line a person reads: the first rows' first columns (all of them: in the status)
        rows = [
            "{"
            + ", ".join(f"{k}={v}" for k, v in list(row.items())[:COLUMNS_SHOWN])
            + (", …" if len(row) > COLUMNS_SHOWN else "")
            + "}"
            for row in check["rows"][:ROWS_IN_A_LINE]
        ]
        more = len(check["rows"]) > ROWS_IN_A_LINE
        text += "; first failing rows: " + " ".join(rows) + (" …" if more else "")
    return text


def _fresh_build_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        if leftover.exists():
            leftover.unlink()


# -- full or incremental -----------------------------------------------------------------------


def _project_signature() -> str:
    """A digest of the dbt project (models, macros, seeds, tests, settings) and the vars given:
    when any of them changes, the tables kept from the last build are not comparable."""
    digest = hashlib.sha256()
    for path in sorted(PROJECT_DIR.rglob("*")):
        relative = path.relative_to(PROJECT_DIR)
        if not path.is_file() or not (
            relative.parts[0] in ("models", "macros", "seeds", "tests")
            or relative.name in ("dbt_project.yml", "profiles.yml", "selectors.yml")
        ):
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(_dbt_vars(), sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


LOADS_SIGNATURE = """
    select coalesce(max(load_id), 0),
           md5(coalesce(string_agg(load_id || ':' || coalesce(feed, '') || ':'
               || coalesce(file_name, '') || ':' || coalesce(finished_at::varchar, ''), ','
               order by load_id), ''))
    from meta.loads where load_id <= ?
"""


def plan_build(data: DataDir, full: bool = False) -> Plan:
    """Decide whether the next build can be incremental, and after which load."""
    import duckdb

    project = _project_signature()
    con = duckdb.connect(str(data.working), read_only=True)
    try:
        last_load, _ = con.execute(LOADS_SIGNATURE, [2**31 - 1]).fetchone()
        state = _last_build_state(build_paths(data)["build_db"])
        now_signature = None
        new_feeds: list[str] = []
        if state is not None:
            now_signature = con.execute(LOADS_SIGNATURE, [state["last_load_id"]]).fetchone()[1]
            new_feeds = [
                row[0]
                for row in con.execute(
                    "select distinct feed from meta.loads where load_id > ? order by 1",
                    [state["last_load_id"]],
                ).fetchall()
            ]
        loads_signature = con.execute(LOADS_SIGNATURE, [last_load]).fetchone()[1]
    finally:
        con.close()

    def plan(mode: str, reason: str, after: int | None = None) -> Plan:
        return Plan(mode, reason, after, last_load, loads_signature, project)

    if full:
        return plan("full", "asked for (--full)")
    if state is None:
        return plan("full", "no earlier complete build to update")
    if state["project_signature"] != project:
        return plan("full", "the dbt project or its vars changed since the last build")
    if state["loads_signature"] != now_signature:
        return plan("full", "the loads of the last build are not in this warehouse any more")
    others = [feed for feed in new_feeds if feed not in INCREMENTAL_FEEDS]
    if others:
        return plan("full", f"new loads of {', '.join(others)} may change every dossier")
    incremental = plan(
        "incremental",
        f"loads after {state['last_load_id']} ({', '.join(new_feeds) or 'none'})",
        state["last_load_id"],
    )
    return dataclasses.replace(incremental, previous_as_of_day=state["as_of_day"])


def _last_build_state(build_db: Path) -> dict | None:
    """The state the last successful build left in the build file, if any."""
    import duckdb

    if not build_db.exists():
        return None
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(
            """select last_load_id, loads_signature, project_signature,
                   (select as_of_day::varchar from intermediate.int_build__as_of)
               from build_state.last_build"""
        ).fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    if row is None:
        return None
    names = ("last_load_id", "loads_signature", "project_signature", "as_of_day")
    return dict(zip(names, row, strict=True))


def _set_build_state(build_db: Path, plan: Plan | None, build_id: str = "") -> None:
    """Record what the build file now holds; None: it is being changed (a build that stops
    half-way leaves no state, and the next build is full)."""
    import duckdb

    con = duckdb.connect(str(build_db))
    try:
        con.execute("create schema if not exists build_state")
        con.execute(
            """create or replace table build_state.last_build (
                build_id varchar, built_at timestamp, last_load_id integer,
                loads_signature varchar, project_signature varchar)"""
        )
        if plan is not None:
            con.execute(
                "insert into build_state.last_build values (?, now()::timestamp, ?, ?, ?)",
                [build_id, plan.last_load, plan.loads_signature, plan.project_signature],
            )
        con.execute("checkpoint")
    finally:
        con.close()


@contextlib.contextmanager
def _build_lock(data: DataDir):
    """One build at a time per data folder (they share the build file)."""
    data.published_dir.mkdir(parents=True, exist_ok=True)
    with open(data.published_dir / ".build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(
                "another `haicap build` is running on this data folder; wait for it to finish"
            ) from None
        yield


def build(
    data: DataDir, report: Report = print, docs: bool = True, full: bool = False
) -> BuildResult:
    """Build, test and publish; incremental when it can be (see the module's docstring), full
    when asked (`full`). Raises BuildFailed (nothing published) on any failure but one of the
    public layer alone, after which the leaders' file is published and the result lists the
    failed checks (`public_failures`; the caller must say that the public file was kept)."""
    if not data.working.exists():
        raise BuildFailed(
            f"no working warehouse at {data.working}: load feeds first (haicap ingest PATH...)"
        )
    with _build_lock(data):
        try:
            return _build(data, report, docs, full)
        except BuildFailed as error:
            _fresh_build_file(build_paths(data)["build_db"])  # never leave a half build behind
            _write_last_build(
                data, {"outcome": "failed", "message": str(error), "failures": error.failures}
            )
            raise
        except BaseException as error:
            # never leave a half build behind; on a full disk even that may fail, and its
            # error must not hide the first one
            with contextlib.suppress(Exception):
                _fresh_build_file(build_paths(data)["build_db"])
            full = _disk_full(data, [str(error)]) if isinstance(error, Exception) else None
            if full:
                raise BuildFailed(full, [str(error)]) from error
            raise


def _build(data: DataDir, report: Report, docs: bool, full: bool) -> BuildResult:
    from warehouse.publish import public_build_id, publish

    started = time.time()
    data.ensure()
    paths = build_paths(data)
    paths["build_db"].parent.mkdir(parents=True, exist_ok=True)
    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    result = BuildResult(build_id=build_id, seconds=0.0)
    plan = plan_build(data, full)
    result.mode, result.reason = plan.mode, plan.reason
    if plan.mode == "full":
        _fresh_build_file(paths["build_db"])
    else:
        _set_build_state(paths["build_db"], None)  # half-updated until dbt has finished

    # An incremental build ran the same project as the last one: the published docs still
    # describe it (generating them again costs a catalog of every table).
    with_docs = docs and (plan.mode == "full" or not (data.published_dir / "docs").exists())
    report(
        f"    dbt build ({plan.mode}: {plan.reason}): models and tests"
        + (", then the documentation" if with_docs else "")
    )
    step = time.time()
    args = ["build", "--no-use-colors"]
    if plan.mode == "incremental":
        args += ["--selector", INCREMENTAL_SELECTOR]
    outcome = run_dbt(data, args, plan.dbt_vars(), then=DOCS_GENERATE if with_docs else ())
    result.timings["dbt build"] = time.time() - step
    if outcome["then"]:  # the documentation, generated by the same dbt process
        result.timings["dbt docs generate"] = outcome["then"]["seconds"]
        result.timings["dbt build"] -= outcome["then"]["seconds"]
    result.models, result.tests = outcome["models"], outcome["tests"]
    result.warnings = outcome["warnings"]
    failures = outcome["failures"]
    public_only = bool(failures) and outcome["public_only"]
    if (failures or not outcome["success"]) and not public_only:
        if not failures:
            failures.append(f"dbt build did not succeed (see {paths['logs']})")
        checks = _failed_checks(data, outcome["nodes"])
        _fresh_build_file(paths["build_db"])
        described = [describe_check(check) for check in checks]
        others = [text for text in failures if not any(c["check"] in text for c in checks)]
        raise BuildFailed(
            _disk_full(data, failures)
            or f"the build failed ({len(failures)} failing models or tests); nothing was published",
            described + others,
        )
    if public_only:
        # the leaders' marts are complete: they are published, the public file is not
        result.public_failures = _failed_checks(data, outcome["nodes"])
        skipped = sum(node["status"] == "skipped" for node in outcome["nodes"])
        report(
            f"    the public layer failed ({len(result.public_failures)} failing checks"
            + (f", {skipped} public nodes skipped" if skipped else "")
            + "): publishing the leaders' file only"
        )
    _set_build_state(paths["build_db"], plan, build_id)
    report(
        f"    built {result.models} models and seeds, "
        + (f"ran {result.tests} tests" if public_only else f"passed {result.tests} tests")
        + f" in {result.timings['dbt build']:.1f} s"
    )
    for warning in result.warnings:
        report(f"    warning: {warning}")

    docs_dir = None
    generated = outcome["then"]
    if with_docs and generated and generated["success"]:
        docs_dir = paths["target"]
    elif with_docs:
        reasons = generated["failures"] if generated else ["it did not run"]
        report(
            f"    warning: dbt docs generate failed ({'; '.join(reasons)}); "
            "publishing without new docs"
        )

    step = time.time()
    try:
        result.published = publish(
            data, paths["build_db"], build_id, docs_dir, public_failures=result.public_failures
        )
    except Exception as error:
        _fresh_build_file(paths["build_db"])
        full = _disk_full(data, [str(error)])
        raise BuildFailed(full or f"publishing failed, the old files stay: {error}") from error
    result.timings["publish"] = time.time() - step
    result.seconds = time.time() - started
    if result.public_failures:
        result.public_build_id = public_build_id(data.public)
    stamp = {
        "build_id": build_id,
        "mode": plan.mode,
        "reason": plan.reason,
        "seconds": round(result.seconds, 1),
        "outcome": "public layer failed" if result.public_failures else "published",
        "public_failures": result.public_failures,
        **result.timings,
    }
    _write_last_build(data, stamp)
    return result


def _write_last_build(data: DataDir, stamp: dict) -> None:
    """Note what the last build did (`haicap status` shows a failed one, which published
    nothing and so left no stamp in the published files)."""
    stamp = {"at": dt.datetime.now(ZoneInfo(LOCAL_TZ)).strftime("%Y-%m-%d %H:%M:%S"), **stamp}
    with contextlib.suppress(OSError):  # a note is not worth failing a build for
        last_build_file(data).parent.mkdir(parents=True, exist_ok=True)
        last_build_file(data).write_text(
            json.dumps(stamp, indent=1, ensure_ascii=False, default=str), encoding="utf-8"
        )


def last_build_file(data: DataDir) -> Path:
    return build_paths(data)["target"].parent / "last_build.json"


def _child(argv: list[str]) -> int:
    """`python -m warehouse.build --data-dir DIR <dbt args> [--then <dbt args>]`: run dbt
    (and the second command if the first succeeded, on the same parse), write the summary."""
    data = DataDir.resolve(argv[1])
    args, then = argv[2:], []
    if "--then" in args:
        args, then = args[: args.index("--then")], args[args.index("--then") + 1 :]
    target = build_paths(data)["target"]
    manifest = None
    saved = target / "partial_parse.msgpack"
    cache = _cache_path(saved.name)
    with contextlib.suppress(OSError):  # a cache: without it dbt parses the whole project
        if not saved.exists() and cache.exists():
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cache, saved)
    parsed = _invoke_dbt(data, ["parse", "--no-write-json"])
    if parsed.success:
        manifest = parsed.result
        with contextlib.suppress(OSError):
            _put_in_cache(saved.name, saved.read_bytes())
    step = time.time()
    summary = _summary(_invoke_dbt(data, args, manifest), manifest)
    summary["then"] = None
    # the leaders' file is published after a public-only failure: with its documentation
    if then and (summary["success"] or summary["public_only"]):
        summary["seconds"] = time.time() - step
        step = time.time()
        summary["then"] = _summary(_invoke_dbt(data, then, manifest))
        summary["then"]["seconds"] = time.time() - step
    Path(os.environ["HAICAP_DBT_SUMMARY"]).write_text(json.dumps(summary))
    return 0 if summary["success"] else 1


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
