"""A real server (`haicap serve`) on a small world, and Debian's chromium driven by Playwright.
Never downloads a browser: chromium comes from /usr/bin/chromium."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser.world import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HAICAP,
    ROOT,
    ensure_account,
)

SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The account the browser tests sign in with: a national leader.
VIEWER = ("browser.leader", "mật-khẩu-kiểm-thử")


def sign_in_if_asked(page, account: tuple[str, str] = VIEWER) -> None:
    """Every new page load starts a new session: fill the sign-in form when it is shown, as
    `account` (name, password)."""
    name = page.get_by_label(re.compile("Tên đăng nhập|Account name"))
    try:
        name.wait_for(timeout=5_000)
    except Exception:  # Playwright's TimeoutError: no form, already in
        return
    name.fill(account[0])
    page.get_by_label(re.compile("Mật khẩu|Password")).fill(account[1])
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    name.wait_for(state="detached", timeout=30_000)


@pytest.fixture(scope="module")
def world(demo_world_copy: Path) -> Path:
    return demo_world_copy


@contextmanager
def serving(world: Path, *flags: str):
    """`haicap serve [flags]` on `world`, answering at the address yielded."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    port = _free_port()
    env = {**os.environ, "HAICAP_DATA_DIR": str(world)}
    # A session of its own: `haicap serve` runs Streamlit as a child, and the whole group
    # must stop at the end (terminating the parent alone leaves Streamlit serving). Its output
    # goes to a file: a pipe nobody reads would block the server once full.
    log_path = world.parent / ("serve" + "".join(f"-{flag.lstrip('-')}" for flag in flags) + ".log")
    log = log_path.open("w")
    process = subprocess.Popen(
        [str(HAICAP), "serve", *flags, "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("haicap serve did not answer: " + log_path.read_text())
    try:
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


@pytest.fixture(scope="module")
def server(world: Path):
    ensure_account(world, *VIEWER)
    with serving(world) as url:
        yield url


@pytest.fixture(scope="module")
def public_server(world: Path):
    """The public edition served from the same world as `server`."""
    with serving(world, "--public") as url:
        yield url


# axe-core 4 from npm (scripts/install-browser fetches it; fetched here when missing).
AXE_DIR = Path(os.environ.get("HAICAP_AXE_DIR") or Path.home() / ".cache" / "haicap" / "axe-core")


@pytest.fixture(scope="session")
def axe_script() -> str:
    """The text of axe.min.js, to inject into a page."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: it fetches axe-core (apt-get install npm)")
        subprocess.run(
            [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return script.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="vi-VN"
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.wait_for_timeout(1500)  # let charts and tables finish drawing
    name = request.node.name.replace("[", "_").replace("]", "").replace("/", "_")
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    context.close()
