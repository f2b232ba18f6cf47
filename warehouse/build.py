"""`haicap build`: run the dbt project (models and tests) on the working warehouse, then publish.

The dbt target is a fresh build file, `DIR/work/build.duckdb`, that attaches the working
warehouse read-only, so the raw layer is read in place. Only when every model and every test
has passed are the published files written (see `warehouse.publish`); a failed build or a
failed test publishes nothing and names what failed.
"""

from __future__ import annotations

import contextlib
import fcntl
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

from warehouse.paths import DataDir

PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
FAILED_STATUSES = {"error", "fail", "runtime error"}
NO_SPACE = "no space left on device"

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


def build_paths(data: DataDir) -> dict[str, Path]:
    work = data.working.parent
    return {
        # in the published folder, so that publishing it is an atomic rename
        "build_db": data.published_dir / ".build.duckdb",
        "target": work / "dbt" / "target",
        "logs": work / "dbt" / "logs",
    }


def _dbt_env(data: DataDir) -> dict[str, str]:
    paths = build_paths(data)
    return {
        "HAICAP_BUILD_DB": str(paths["build_db"]),
        "HAICAP_WAREHOUSE_DB": str(data.working),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PARTIAL_PARSE": "false",
    }


def _invoke_dbt(data: DataDir, args: list[str]):
    """Invoke dbt in this process with the project's profile and this data folder's paths."""
    from dbt.cli.main import dbtRunner

    paths = build_paths(data)
    os.environ.update(_dbt_env(data))
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
    extra_vars = os.environ.get("HAICAP_DBT_VARS")
    if extra_vars and args[0] in ("build", "run", "test"):
        full += ["--vars", extra_vars]
    return dbtRunner().invoke(full)


def _summary(result) -> dict:
    """What a dbt invocation did: failures, warnings, models built, tests run."""
    failures: list[str] = []
    warnings: list[str] = []
    models = tests = 0
    for node_result in getattr(result.result, "results", None) or []:
        node = node_result.node
        status = str(getattr(node_result.status, "value", node_result.status)).lower()
        kind = getattr(node, "resource_type", "")
        kind = str(getattr(kind, "value", kind))
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
    if result.exception is not None:
        failures.append(f"dbt stopped: {str(result.exception).strip()[:500]}")
    return {
        "success": bool(result.success) and not failures,
        "failures": failures,
        "warnings": warnings,
        "models": models,
        "tests": tests,
    }


def run_dbt(data: DataDir, args: list[str]) -> dict:
    """Run dbt (via dbtRunner) in a child Python process and return its summary.

    A child process, because dbt-duckdb keeps its DuckDB instance open for the life of the
    process: the build file could not be attached for publishing, and a second build in the
    same process would reuse the first one's database.
    """
    paths = build_paths(data)
    paths["logs"].mkdir(parents=True, exist_ok=True)
    summary_file = paths["logs"] / f"summary-{uuid.uuid4().hex[:8]}.json"
    env = {**os.environ, **_dbt_env(data), "HAICAP_DBT_SUMMARY": str(summary_file)}
    root = str(PROJECT_DIR.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    completed = subprocess.run(
        [sys.executable, "-m", "warehouse.build", "--data-dir", str(data.root), *args],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
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
    summary_file.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a full disk must not hide dbt's own failures
        (paths["logs"] / "last_dbt_output.txt").write_text(completed.stdout + completed.stderr)
    return summary


def _disk_full(data: DataDir, texts: list[str]) -> str | None:
    """The plain words for a build that ran out of disk, if that is what happened."""
    if not any(NO_SPACE in text.lower() for text in texts):
        return None
    free = shutil.disk_usage(data.published_dir).free / 1e9
    return (
        f"the disk is full ({free:.2f} GB free where {data.published_dir} is): free space "
        "and build again; nothing was published, the dashboard keeps the last build"
    )


def _fresh_build_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        if leftover.exists():
            leftover.unlink()


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


def build(data: DataDir, report: Report = print, docs: bool = True) -> BuildResult:
    """Build, test and publish. Raises BuildFailed (nothing published) on any failure."""
    if not data.working.exists():
        raise BuildFailed(
            f"no working warehouse at {data.working}: load feeds first (haicap ingest PATH...)"
        )
    with _build_lock(data):
        try:
            return _build(data, report, docs)
        except BaseException:
            _fresh_build_file(build_paths(data)["build_db"])  # never leave a half build behind
            raise


def _build(data: DataDir, report: Report, docs: bool) -> BuildResult:
    from warehouse.publish import publish

    started = time.time()
    data.ensure()
    paths = build_paths(data)
    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    result = BuildResult(build_id=build_id, seconds=0.0)
    _fresh_build_file(paths["build_db"])

    report("    dbt build: models and tests")
    step = time.time()
    outcome = run_dbt(data, ["build", "--no-use-colors"])
    result.timings["dbt build"] = time.time() - step
    result.models, result.tests = outcome["models"], outcome["tests"]
    result.warnings = outcome["warnings"]
    failures = outcome["failures"]
    if failures or not outcome["success"]:
        if not failures:
            failures.append(f"dbt build did not succeed (see {paths['logs']})")
        _fresh_build_file(paths["build_db"])
        raise BuildFailed(
            _disk_full(data, failures)
            or f"the build failed ({len(failures)} failing models or tests); nothing was published",
            failures,
        )
    report(
        f"    built {result.models} models and seeds, passed {result.tests} tests "
        f"in {result.timings['dbt build']:.1f} s"
    )
    for warning in result.warnings:
        report(f"    warning: {warning}")

    docs_dir = None
    if docs:
        step = time.time()
        generated = run_dbt(data, ["docs", "generate", "--no-compile", "--static"])
        result.timings["dbt docs generate"] = time.time() - step
        if generated["success"]:
            docs_dir = paths["target"]
        else:
            report(
                "    warning: dbt docs generate failed "
                f"({'; '.join(generated['failures'])}); publishing without new docs"
            )

    step = time.time()
    try:
        result.published = publish(data, paths["build_db"], build_id, docs_dir)
    except Exception as error:
        _fresh_build_file(paths["build_db"])
        full = _disk_full(data, [str(error)])
        raise BuildFailed(full or f"publishing failed, the old files stay: {error}") from error
    result.timings["publish"] = time.time() - step
    result.seconds = time.time() - started
    stamp = {"build_id": build_id, "seconds": round(result.seconds, 1), **result.timings}
    with contextlib.suppress(OSError):  # published already; a note is not worth failing for
        (paths["target"].parent / "last_build.json").write_text(json.dumps(stamp, indent=1))
    return result


def remove_build_files(data: DataDir) -> None:
    """Drop the intermediate build file (it can be rebuilt from the working warehouse)."""
    paths = build_paths(data)
    _fresh_build_file(paths["build_db"])
    shutil.rmtree(paths["target"], ignore_errors=True)


def _child(argv: list[str]) -> int:
    """`python -m warehouse.build --data-dir DIR <dbt args>`: run dbt, write its summary."""
    data = DataDir.resolve(argv[1])
    summary = _summary(_invoke_dbt(data, argv[2:]))
    Path(os.environ["HAICAP_DBT_SUMMARY"]).write_text(json.dumps(summary))
    return 0 if summary["success"] else 1


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
