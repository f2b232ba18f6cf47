"""The dbt project's unit tests (hand-made rows for the tricky rules of metrics.md, in
`unit_tests:` of dbt_project/models/*.yml), run on their own for the fast tier.

dbt reads a unit test's column types from the relations of the model's inputs, so the models
upstream of the tested ones are built first, from the hand world's feed files
(tests/hand_world.py); the data tests are left out. `haicap build` runs the unit tests with
everything else (tests/test_build.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.hand_world import write_world
from warehouse.build import PROJECT_DIR, run_dbt
from warehouse.paths import DataDir


def _unit_tests() -> list[str]:
    names = []
    for path in sorted((PROJECT_DIR / "models").rglob("*.yml")):
        names += [t["name"] for t in (yaml.safe_load(path.read_text()) or {}).get("unit_tests", [])]
    return names


def test_every_dbt_unit_test_passes(tmp_path: Path, cli, data_dir: Path) -> None:
    files = write_world(tmp_path / "feeds")
    assert cli("ingest", files["dossiers"].parent).code == 0
    outcome = run_dbt(
        DataDir.resolve(data_dir),
        ["build", "--select", "+test_type:unit", "--exclude", "test_type:data"],
    )
    assert outcome["success"], outcome["failures"]
    assert outcome["tests"] == len(_unit_tests()) > 0
