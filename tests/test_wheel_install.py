"""The package as a user installs it: a wheel in a fresh virtual environment, away from the
checkout, runs `haicap demo --no-serve` and can start the apps from site-packages.

An editable install finds the dbt project and the apps' scripts in the checkout; only a
wheel shows whether they were packaged (pyproject.toml) and are found there
(haicap/resources.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> list[str]:
    """uv from the test extras (beside this Python), else one on PATH."""
    beside = Path(sys.executable).with_name("uv")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("uv")
    if not found:
        pytest.skip("uv is not installed (pip install -e '.[test]' installs it)")
    return [found]


def _run(command: list, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=timeout, **kwargs
    )
    assert done.returncode == 0, f"{command}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout; its Python."""
    where = tmp_path_factory.mktemp("wheel")
    uv = _uv()
    # sdist, then the wheel from it, as a release would: files that a wheel built straight
    # from the tree would pick up by accident (build/, a stale target/) are not in it.
    _run([*uv, "build", "--quiet", "--out-dir", where / "dist", ROOT], timeout=600)
    (wheel,) = (where / "dist").glob("haicap-*.whl")
    _run([*uv, "venv", "--quiet", "--python", sys.executable, where / "venv"], timeout=120)
    python = where / "venv" / "bin" / "python"
    _run([*uv, "pip", "install", "--quiet", "--python", python, wheel], timeout=600)
    return python


def _env(data: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "HAICAP_DATA_DIR": str(data), "HAICAP_CACHE_DIR": str(data.parent / "cache")}


@pytest.mark.slow
def test_a_wheel_in_a_fresh_environment_runs_the_demo_and_the_apps(installed, tmp_path):
    site = Path(
        _run(
            [installed, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], 60
        ).stdout.strip()
    )
    data = tmp_path / "data"
    # Run from an empty folder: nothing may come from the checkout or the current directory.
    done = _run(
        [installed.with_name("haicap"), "demo", "--no-serve", "--provinces", "46"]
        + ["--dossiers", "20000"],
        timeout=900,
        cwd=tmp_path,
        env=_env(data),
    )
    assert "published warehouse" in done.stdout
    con = duckdb.connect(str(data / "published" / "warehouse.duckdb"), read_only=True)
    try:
        received = con.execute("select count(*) from marts.fct_dossiers").fetchone()[0]
    finally:
        con.close()
    assert received > 0

    # The scripts `haicap serve` starts are the installed ones, with their pages beside them.
    for script in ("app.py", "public_app.py", "pages/overview.py", "dbt_project/dbt_project.yml"):
        assert (site / script).is_file(), script
    probe = textwrap.dedent(
        """
        from streamlit.testing.v1 import AppTest
        from haicap.resources import resource

        for name in ("app.py", "public_app.py"):
            script = resource(name)
            at = AppTest.from_file(str(script), default_timeout=120).run()
            assert not at.exception, (name, at.exception)
            print(script, len(at.markdown))
        """
    )
    shown = _run([installed, "-c", probe], timeout=300, cwd=tmp_path, env=_env(data)).stdout
    leaders, public = shown.splitlines()[-2:]
    assert leaders.startswith(str(site / "app.py"))  # the sign-in page: nothing else to show
    assert public.startswith(str(site / "public_app.py"))
    assert int(public.split()[-1]) > 0  # the public edition shows numbers to anyone
