"""`streamlit run app.py` from a checkout shows what `haicap serve` shows: .streamlit/config.toml
carries the served settings (haicap/streamlit_main.py SERVED_OPTIONS: no Deploy button, no
developer menu, no error details, the accessible theme), and Streamlit reads them from it."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from haicap.streamlit_main import SERVED_OPTIONS

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"


def as_option(value: object) -> str:
    """A TOML value as the command line spells it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return json.dumps(value)
    return str(value)


def test_the_config_file_carries_the_served_settings() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    written = {
        f"{section}.{name}": as_option(value)
        for section, options in config.items()
        for name, value in options.items()
    }
    assert written == SERVED_OPTIONS


def test_streamlit_reads_it_from_the_checkout(tmp_path: Path) -> None:
    """Streamlit's own config loader, run from the checkout as `streamlit run app.py` is,
    with a home of its own (a developer's ~/.streamlit does not count)."""
    names = ["client.toolbarMode", "client.showErrorDetails", "theme.primaryColor"]
    script = (
        "import json, sys; from streamlit import config; config.get_config_options(); "
        f"print(json.dumps([config.get_option(n) for n in {names!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["minimal", "none", "#B3261E"]
