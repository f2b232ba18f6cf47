"""The public edition in a real browser, served by `haicap serve --public` on a small world:
only the public pages exist, a withheld headline reads "ẩn", a permalink reopens a ward, and
a leaders' page address leads to nothing of the leaders' data."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import CHROMIUM, _free_port
from tests.browser.test_accessibility import LABEL_TEXTS, OVERLAPPING_TEXTS, TILE_MAP_TEXTS
from tests.browser.test_pages import metric_value, open_view
from tests.browser.world import HAICAP, KIM_LONG

pytestmark = pytest.mark.slow

PUBLIC_PAGES = ["Tổng quan", "Tỉnh, thành", "Phường, xã", "Tải dữ liệu", "Phương pháp"]


@pytest.fixture(scope="module")
def world(demo_world_copy: Path) -> Path:
    return demo_world_copy


@pytest.fixture(scope="module")
def server(world: Path):
    """`haicap serve --public`, overriding the leaders' server of conftest.py."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    port = _free_port()
    process = subprocess.Popen(
        [str(HAICAP), "serve", "--public", "--port", str(port), "--data-dir", str(world)],
        env={**os.environ},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
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
        process.kill()
        pytest.fail("haicap serve --public did not answer: " + (process.stdout.read() or ""))
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def _withheld_overdue_month(world: Path) -> str:
    import duckdb

    con = duckdb.connect(str(world / "published" / "public.duckdb"), read_only=True)
    try:
        row = con.execute(
            "select strftime(month, '%Y-%m') from pub.pub_province_monthly "
            "where province_code = '46' and pending_overdue_end_withheld "
            "and month >= '2025-07-01' order by month desc limit 1"
        ).fetchone()
    finally:
        con.close()
    if row is None:
        pytest.skip("no withheld month in this world")
    return row[0]


def test_public_overview_marks_withheld_figures_and_shows_only_public_pages(
    page, server, world
) -> None:
    open_view(page, f"{server}/?prov=46&m={_withheld_overdue_month(world)}")
    assert metric_value(page, "Hồ sơ quá hạn tồn đọng") == "ẩn"
    assert page.get_by_text("“ẩn”", exact=False).first.is_visible()
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    for title in PUBLIC_PAGES:
        assert title in nav
    for leaders_only in ("Nhân sự", "Tài sản", "Cảnh báo", "Thủ tục"):
        assert leaders_only not in nav


def test_a_ward_permalink_reopens_the_ward(page, server) -> None:
    open_view(page, f"{server}/ward?ward={KIM_LONG}")
    assert page.get_by_text("Phường Kim Long").first.is_visible()
    assert page.get_by_text("ẩn", exact=True).first.is_visible()


def test_a_leaders_page_address_shows_no_leaders_data(page, server) -> None:
    page.goto(f"{server}/staffing")
    page.wait_for_timeout(4000)
    text = page.locator("body").inner_text()
    assert "Biên chế" not in text
    assert "Hồ sơ quá hạn và sắp đến hạn" not in text


def test_a_typed_overview_address_opens_the_home_page(page, server) -> None:
    """`/overview` answers with the home page, its filters kept, never Streamlit's English
    "Page not found"."""
    open_view(page, f"{server}/overview?lang=en&prov=46", account=None)
    page.wait_for_timeout(1500)
    assert "Page not found" not in page.inner_text("body")
    assert page.locator('[role="dialog"]').count() == 0
    assert urlsplit(page.url).path == "/", page.url
    assert parse_qs(urlsplit(page.url).query).get("prov") == ["46"], page.url
    assert page.locator("h1").first.inner_text().startswith("Hai Cấp — public figures")


def test_the_tile_map_stays_legible_when_the_window_narrows_to_a_phone(browser, server) -> None:
    """A map first drawn on a wide screen, then narrowed to 390 px (a window resized, a
    tablet turned): its provinces' labels stand apart and both archipelagos are shown."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_view(page, f"{server}/provinces?prov=46", account=None)
        page.wait_for_timeout(1500)
        page.set_viewport_size({"width": 390, "height": 900})
        page.wait_for_timeout(2500)
        labels = page.evaluate(OVERLAPPING_TEXTS, LABEL_TEXTS)
        assert labels["compared"] >= 36, labels  # 34 provinces and the two archipelagos
        assert not labels["found"], labels["found"]
        maps = page.evaluate(TILE_MAP_TEXTS)
        assert maps and any("Trường Sa" in text for text in maps[0]), maps
    finally:
        context.close()


def test_switching_to_english_relabels_the_choices_already_made(page, server) -> None:
    """The boxes drawn in Vietnamese read in English once the reader switches language (the
    browser kept "Tháng 10/2025" and "Cả nước …", as the leaders' "Tất cả lĩnh vực")."""
    open_view(page, f"{server}/", account=None)
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Month", exact=True).first.wait_for()
    page.wait_for_timeout(2000)
    shown = page.locator('[data-testid="stSidebar"] input[role=combobox]').evaluate_all(
        "boxes => boxes.map(box => box.getAttribute('aria-label') + ': ' + box.value)"
    )
    assert "Province: Whole country (provinces with data)" in shown, shown
    month = next(box for box in shown if box.startswith("Month: "))
    assert "Tháng" not in month, shown
