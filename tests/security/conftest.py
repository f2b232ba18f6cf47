"""A copy of the session's demo world, the two served editions on it (loopback only), and
Debian's chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.world import CHROMIUM, CHROMIUM_ARGS, ensure_account
from tests.conftest import copy_world
from tests.security.kit import Served, parse, serve

VICTIM = ("victim.leader", "mật-khẩu-của-nạn-nhân")
KIM_LONG = "19810"


@pytest.fixture(scope="session")
def world(demo_world: Path, tmp_path_factory) -> Path:
    """The session's demo world, copied: the served apps write sign-ins and exports to it."""
    data = copy_world(demo_world, tmp_path_factory.mktemp("security_world"))
    ensure_account(data, *VICTIM)
    return data


@pytest.fixture(scope="session")
def leaders(world: Path) -> Iterator[Served]:
    with serve(world, world.parent / "leaders.log", "haicap.cli", "serve") as served:
        yield served


@pytest.fixture(scope="session")
def public(world: Path) -> Iterator[Served]:
    with serve(world, world.parent / "public.log", "haicap.cli", "serve", "--public") as served:
        yield served


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    made = browser.new_context(accept_downloads=True, locale="vi-VN")
    made.set_default_timeout(30_000)
    yield made
    made.close()


class Tab:
    """A browser tab that keeps every Streamlit message it received."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.frames: list = []
        self.page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        socket.on("framereceived", lambda payload: self.frames.append(payload))

    def messages(self) -> list:
        return [m for m in (parse(f) for f in self.frames) if m is not None]

    def sign_in(self, url: str, name: str = VICTIM[0], password: str = VICTIM[1]) -> None:
        self.page.goto(url)
        box = self.page.get_by_label(re.compile("Tên đăng nhập|Account name"))
        box.wait_for()
        box.fill(name)
        self.page.get_by_label(re.compile("Mật khẩu|Password")).fill(password)
        self.page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
        self.page.get_by_text(f"Đăng nhập: {name}").wait_for()

    def settled(self) -> None:
        """Wait until the app has finished its run (Streamlit's running indicator gone)."""
        self.page.wait_for_timeout(500)
        self.page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")
