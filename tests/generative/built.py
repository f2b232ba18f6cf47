"""A generated world through the real CLI: ingest, build, ingest more, build, build --full.

Each world is built once per test session and shared by every invariant test (Hypothesis
draws the same worlds for each test: they share a seed and a strategy), because a build is a
dbt run of some seconds.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from haicap.cli import main
from tests.generative.world import World, write_batches

# a build exits 0, or 1 when only the public layer failed its checks (the leaders' file is
# published then, haicap/cli.py); a test looks at the published file to tell 1 from a failure
PUBLISHED_CODES = {0, 1}


@dataclass(frozen=True)
class Run:
    code: int
    out: str


@dataclass(frozen=True)
class Built:
    world: World
    root: Path
    data: Path
    ingests: tuple[Run, Run]
    builds: tuple[Run, Run, Run]  # first batch; second batch (incremental); --full
    build_ids: tuple[str | None, str | None, str | None]  # of the leaders' file after each
    public_build_ids: tuple[str | None, str | None, str | None]

    @property
    def published(self) -> Path:
        return self.data / "published" / "warehouse.duckdb"

    @property
    def public(self) -> Path:
        return self.data / "published" / "public.duckdb"

    @property
    def incremental(self) -> Path:
        """The folder with the leaders' and public files of the incremental build."""
        return self.root / "incremental"


def _run(*args: str) -> Run:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    return Run(code, out.getvalue())


def _build_id(path: Path, schema: str) -> str | None:
    if not path.exists():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"select build_id from {schema}.build_info").fetchone()[0]
    finally:
        con.close()


_BUILT: dict[World, Built] = {}
_ROOT: list[Path] = []


def built(world: World) -> Built:
    """The world ingested and built (memoised for the test session)."""
    if world in _BUILT:
        return _BUILT[world]
    if not _ROOT:
        _ROOT.append(Path(tempfile.mkdtemp(prefix="haicap-worlds-")))
    root = Path(tempfile.mkdtemp(dir=_ROOT[0]))
    first, second = write_batches(world, root / "feeds")
    data = root / "data"
    published = data / "published"
    ingests, builds, ids, public_ids = [], [], [], []

    def build(*flags: str) -> None:
        builds.append(_run("build", "--data-dir", str(data), *flags))
        ids.append(_build_id(published / "warehouse.duckdb", "marts"))
        public_ids.append(_build_id(published / "public.duckdb", "pub"))

    ingests.append(_run("ingest", str(first), "--data-dir", str(data)))
    build()
    if second.exists():
        ingests.append(_run("ingest", str(second), "--data-dir", str(data)))
    else:  # nothing new: the second build has nothing to do
        ingests.append(Run(0, "no second batch"))
    build()
    (root / "incremental").mkdir()
    for name in ("warehouse.duckdb", "public.duckdb"):
        if (published / name).exists():
            shutil.copy(published / name, root / "incremental" / name)
    build("--full")
    result = Built(world, root, data, tuple(ingests), tuple(builds), tuple(ids), tuple(public_ids))
    _BUILT[world] = result
    return result


def remove_all() -> None:
    for root in _ROOT:
        shutil.rmtree(root, ignore_errors=True)
    _ROOT.clear()
    _BUILT.clear()


@contextlib.contextmanager
def query_layer(data: Path):
    """warehouse.queries on this world's published file (its caches emptied)."""
    from warehouse import queries

    before = {k: os.environ.get(k) for k in ("HAICAP_DATA_DIR", "HAICAP_WARM")}
    os.environ["HAICAP_DATA_DIR"] = str(data)
    os.environ["HAICAP_WARM"] = "0"
    for value in vars(queries).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
    try:
        yield queries
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def worlds_built() -> int:
    return len(_BUILT)
