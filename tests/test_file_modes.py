"""Files and folders that hold data or secrets are owner-only: the warehouses, the salt,
the accounts, the audit log, whatever the data folder held before."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.hand_world import write_world

pytestmark = pytest.mark.slow


def _open_to_others(root: Path) -> list[str]:
    return [
        f"{oct(path.stat().st_mode & 0o777)} {path.relative_to(root)}"
        for path in (root, *root.rglob("*"))
        if not path.is_symlink() and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    ]


def test_ingest_and_build_leave_nothing_readable_by_others(tmp_path, data_dir, cli):
    files = write_world(tmp_path / "feeds")
    # A data folder made before (or by hand) with the usual modes: opened to everyone.
    (data_dir / "secrets").mkdir(parents=True)
    data_dir.chmod(0o700)  # the data folder itself is the operator's to choose
    (data_dir / "secrets").chmod(0o755)
    salt = data_dir / "secrets" / "salt"
    salt.write_text("ab" * 32)
    salt.chmod(0o644)
    assert cli("ingest", files["dossiers"].parent).code == 0
    assert cli("build").code == 0
    assert (data_dir / "published" / "warehouse.duckdb").exists()
    assert _open_to_others(data_dir) == []
