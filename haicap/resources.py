"""Where the files that are not imported live: the dbt project and the apps' scripts.

They sit beside the `haicap` package, in a checkout (the repository's root) as in an
installed wheel (site-packages: see pyproject.toml), so one rule finds them in both.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resource(name: str) -> Path:
    """The path of `name` (`dbt_project`, `app.py`, `public_app.py`), which must exist: an
    install without it could not build or serve, and would fail later and less clearly."""
    path = ROOT / name
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: not installed with haicap; install it again from its source (pip install .)"
        )
    return path
