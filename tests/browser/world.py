"""A small published world for the dashboard tests: one province of the demo, built for real
(generate, ingest, build) through the command line, as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

HAICAP = Path(sys.executable).with_name("haicap")
ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
# Debian's chromium, never a downloaded browser, with the flags CI runs it with.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KIM_LONG = "19810"  # Phường Kim Long, Thành phố Huế (46): calibrated in the demo world


def make_world(root: Path, provinces: str = "46", dossiers: int = 150_000) -> Path:
    """Generate, ingest and build a demo world under `root`; return its data folder."""
    data = root / "data"
    env = {**os.environ, "HAICAP_DATA_DIR": str(data)}
    done = subprocess.run(
        [str(HAICAP), "demo", "--no-serve", "--provinces", provinces, "--dossiers", str(dossiers)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (data / "published" / "warehouse.duckdb").exists(), done.stdout[-2000:]
    return data


def marts(data: Path, sql: str, *params: object) -> list[tuple]:
    """Ask the published warehouse directly (read-only, closed at once)."""
    con = duckdb.connect(str(data / "published" / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def ensure_account(
    data: Path, name: str, password: str, role: str = "leader", province: str | None = None
) -> None:
    """A local account in `data` (of `province`, or the whole country), made with the real
    `haicap users add` unless it exists."""
    accounts = data / "secrets" / "users.json"
    if accounts.exists() and name in accounts.read_text(encoding="utf-8"):
        return
    command = [str(HAICAP), "users", "add", name, "--role", role, "--password-stdin"]
    if province:
        command += ["--province", province]
    subprocess.run(
        command,
        input=password + "\n",
        text=True,
        env={**os.environ, "HAICAP_DATA_DIR": str(data)},
        check=True,
        capture_output=True,
    )
