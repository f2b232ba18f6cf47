"""Issue 18, items 6 and 8: the journalists' edition.

A crafted `?ward=` is shown as text (no live link, no image the reader's browser fetches), and
the public process never opens the leaders' warehouse, even run directly on a normal data
folder where that file lies beside the public one."""

from __future__ import annotations

import os
import time
from urllib.parse import quote

import pytest

from tests.security.conftest import Tab
from tests.security.kit import CODE, Stream, serve

pytestmark = pytest.mark.slow

LINK = "[x](http://evil.example)"
IMAGE = "![x](http://127.0.0.1:9/x)"


def _unknown_ward(tab: Tab, url: str, code: str) -> None:
    tab.page.goto(f"{url}/ward?ward={quote(code)}")
    tab.page.locator('[data-testid="stAlert"]').first.wait_for()
    tab.settled()


def test_a_crafted_ward_link_is_shown_as_text(public, context):
    tab = Tab(context)
    _unknown_ward(tab, public.url, LINK)
    assert tab.page.locator('a[href*="evil.example"]').count() == 0, "a live link was drawn"
    assert LINK in tab.page.locator('[data-testid="stAlert"]').first.inner_text()


def test_a_crafted_ward_image_is_never_fetched(public, context):
    tab = Tab(context)
    asked: list[str] = []
    tab.page.on("request", lambda request: asked.append(request.url))
    _unknown_ward(tab, public.url, IMAGE)
    tab.page.wait_for_timeout(1000)
    assert tab.page.locator('img[src*="127.0.0.1:9"]').count() == 0, "an image was drawn"
    assert not [u for u in asked if "127.0.0.1:9/" in u], "the browser fetched the crafted URL"


def _open_files(pid: int) -> set[str]:
    found = set()
    for entry in os.scandir(f"/proc/{pid}/fd"):
        try:
            found.add(os.readlink(entry.path))
        except OSError:  # closed meanwhile
            continue
    return found


def test_the_public_process_never_opens_the_leaders_warehouse(world):
    leaders_file = str(world / "published" / "warehouse.duckdb")
    command = ("haicap.streamlit_main", "run", str(CODE / "public_app.py"))
    flags = ("--server.headless", "true", "--server.fileWatcherType", "none")
    with serve(world, world.parent / "public_direct.log", *command, *flags) as served:
        client = Stream(served)
        try:
            client.rerun()
            read = client.run_finished()
        finally:
            client.close()
        assert any(m.HasField("delta") for m in read), "the public overview drew nothing"
        deadline = time.monotonic() + 6  # the warm-up runs in a thread after the first query
        while time.monotonic() < deadline:
            assert leaders_file not in _open_files(served.pid), "the public app opened it"
            time.sleep(0.2)
        assert "public.duckdb" in " ".join(_open_files(served.pid))
