"""Shared fixtures: a fresh data folder per test, a way to run the real CLI, and the small demo
world the dashboard tests share (generated and built once per session)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from haicap import i18n
from haicap.cli import main

ROOT = Path(__file__).resolve().parents[1]
HAICAP = Path(sys.executable).with_name("haicap")


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.out.splitlines() if line.startswith("{")]


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory) -> Path:
    """The builds' cache (saved dbt parse, nodes' times) in a folder of the test session, not
    the user's home."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["HAICAP_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory) -> Path:
    """The data folder of the small demo world (province 46, generated, ingested and built
    with `haicap demo`), made once per test session and shared: read it, never change it.
    A module that adds accounts, audit lines or swaps the published files takes
    `demo_world_copy`."""
    from tests.browser.world import make_world

    return make_world(tmp_path_factory.mktemp("demo_world"))


def copy_world(data: Path, root: Path) -> Path:
    """A copy of the data folder `data` as `root`/data (its logs go beside it, in `root`)."""
    shutil.copytree(data, root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def demo_world_copy(demo_world: Path, tmp_path_factory) -> Path:
    """The module's own copy of the demo world's data folder, free to change."""
    return copy_world(demo_world, tmp_path_factory.mktemp("demo_world_copy"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(data_dir: Path, capsys):
    """Run `haicap ...` in this process against the test's data folder."""

    def run(*args: str) -> Run:
        argv = [str(a) for a in args]
        code = main([*argv[:1], "--data-dir", str(data_dir), *argv[1:]])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process(data_dir: Path):
    """Run the installed `haicap` console script as a separate process."""

    def run(*args: str, timeout: float = 300) -> Run:
        env = {**os.environ, "HAICAP_DATA_DIR": str(data_dir)}
        done = subprocess.run(
            [str(HAICAP), *map(str, args)], capture_output=True, text=True, env=env, timeout=timeout
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def warehouse(data_dir: Path):
    """Query the working warehouse read-only: warehouse(sql, *params) -> rows."""

    def query(sql: str, *params):
        con = duckdb.connect(str(data_dir / "work" / "warehouse.duckdb"), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()

    return query


@pytest.fixture
def vietnamese():
    """The page texts in Vietnamese for the test, and again after it (a test may switch)."""
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")
