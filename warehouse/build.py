"""`haicap build`: run the dbt project (models and tests) on the working warehouse, then publish.

The dbt target is a fresh build file, `DIR/work/build.duckdb`, that attaches the working
warehouse read-only, so the raw layer is read in place. Only when every model and every test
has passed are the published files written (see `warehouse.publish`); a failed build or a
failed test publishes nothing and names what failed.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.paths import DataDir

PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
FAILED_STATUSES = {"error", "fail", "runtime error"}

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
        "build_db": work / "build.duckdb",
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


def run_dbt(data: DataDir, args: list[str]):
    """Invoke dbt in-process with the project's profile and this data folder's paths."""
    from dbt.cli.main import dbtRunner

    paths = build_paths(data)
    os.environ.update(_dbt_env(data))
    full = [
        *args,
        "--project-dir", str(PROJECT_DIR),
        "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(paths["target"]),
        "--log-path", str(paths["logs"]),
    ]
    extra_vars = os.environ.get("HAICAP_DBT_VARS")
    if extra_vars and args[0] in ("build", "run", "test"):
        full += ["--vars", extra_vars]
    return dbtRunner().invoke(full)


def _failures(result) -> tuple[list[str], list[str], int, int]:
    """(failures, warnings, models built, tests run) of a dbt invocation."""
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
    return failures, warnings, models, tests


def _fresh_build_file(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        if leftover.exists():
            leftover.unlink()


def build(data: DataDir, report: Report = print, docs: bool = True) -> BuildResult:
    """Build, test and publish. Raises BuildFailed (nothing published) on any failure."""
    from warehouse.publish import publish

    started = time.time()
    if not data.working.exists():
        raise BuildFailed(
            f"no working warehouse at {data.working}: load feeds first (haicap ingest PATH...)")
    data.ensure()
    paths = build_paths(data)
    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    result = BuildResult(build_id=build_id, seconds=0.0)
    _fresh_build_file(paths["build_db"])

    report("    dbt build: models and tests")
    step = time.time()
    outcome = run_dbt(data, ["build", "--quiet", "--no-use-colors"])
    failures, warnings, models, tests = _failures(outcome)
    result.timings["dbt build"] = time.time() - step
    result.models, result.tests, result.warnings = models, tests, warnings
    if outcome.exception is not None:
        failures.append(f"dbt stopped: {outcome.exception}")
    if failures or not outcome.success:
        if not failures:
            failures.append("dbt build did not succeed (see " + str(paths["logs"]) + ")")
        raise BuildFailed(
            f"the build failed ({len(failures)} failing models or tests); nothing was published",
            failures)
    report(f"    built {models} models and seeds, passed {tests} tests "
           f"in {result.timings['dbt build']:.1f} s")
    for warning in warnings:
        report(f"    warning: {warning}")

    docs_dir = None
    if docs:
        step = time.time()
        generated = run_dbt(data, ["docs", "generate", "--no-compile", "--static", "--quiet"])
        result.timings["dbt docs generate"] = time.time() - step
        if generated.success:
            docs_dir = paths["target"]
        else:
            report(f"    warning: dbt docs generate failed ({generated.exception}); "
                   "publishing without new docs")

    step = time.time()
    result.published = publish(data, paths["build_db"], build_id, docs_dir)
    result.timings["publish"] = time.time() - step
    result.seconds = time.time() - started
    stamp = {"build_id": build_id, "seconds": round(result.seconds, 1), **result.timings}
    (paths["target"].parent / "last_build.json").write_text(json.dumps(stamp, indent=1))
    return result


def remove_build_files(data: DataDir) -> None:
    """Drop the intermediate build file (it can be rebuilt from the working warehouse)."""
    paths = build_paths(data)
    _fresh_build_file(paths["build_db"])
    shutil.rmtree(paths["target"], ignore_errors=True)
