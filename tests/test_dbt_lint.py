"""The dbt models and tests are linted with sqlfluff (config: dbt_project/.sqlfluff).

The jinja templater (with dbt's builtins and the project's macros) is used instead of the dbt
templater: it needs no profile, no attached warehouse and no dbt parse, so it runs offline in
seconds; the dbt build itself proves that the SQL compiles.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1] / "dbt_project"


def test_models_and_tests_pass_sqlfluff() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sqlfluff",
            "lint",
            "models",
            "tests",
            "--nofail",
            "--processes",
            "2",
            "--format",
            "github-annotation-native",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    problems = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert problems == [], "\n".join(problems[:40])
