"""Every page in a real browser: it loads without an exception, its key number is the
warehouse's, a permalink reopens the same view, a CSV download matches its table."""

from __future__ import annotations

import csv
import io

import pytest

from haicap import i18n
from tests.browser.conftest import VIEWER, sign_in_if_asked
from tests.browser.world import KIM_LONG, marts

pytestmark = pytest.mark.slow

PAGES = {
    "overview": "Tổng quan",
    "provinces": "Tỉnh, thành",
    "ward": "Phường, xã",
    "procedures": "Thủ tục",
    "staffing": "Nhân sự",
    "assets": "Tài sản",
    "alerts": "Cảnh báo",
    "data": "Dữ liệu",
    "methodology": "Phương pháp",
}


def open_view(page, url: str, account: tuple[str, str] | None = VIEWER) -> None:
    """Open `url`, signed in as `account` (None: no sign-in form to wait for, the public
    edition), once the page has settled."""
    page.goto(url)
    if account is not None:
        sign_in_if_asked(page, account)
    page.locator("h1").first.wait_for()
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(300)


def metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.inner_text("body")


@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_without_an_exception(server, page, path):
    open_view(page, f"{server}/{'' if path == 'overview' else path}")
    no_exception(page)
    assert PAGES[path] in page.locator("h1").first.inner_text()


def test_overview_key_number_is_the_warehouse_number(server, page, world):
    as_of = marts(world, "select as_of_day from marts.build_info")[0][0]
    received = marts(
        world,
        "select sum(received) from marts.rpt_province_daily where day between ? and ?",
        as_of.replace(day=1),
        as_of,
    )[0][0]
    open_view(page, f"{server}/")
    i18n.set_language("vi")
    assert metric_value(page, "Hồ sơ tiếp nhận") == i18n.fmt_number(received)


def test_a_permalink_reopens_the_same_view(server, page, world):
    received = marts(
        world,
        "select sum(received) from marts.rpt_province_daily where province_code = '46' "
        "and day between '2025-07-01' and '2025-09-30'",
    )[0][0]
    link = f"{server}/?period=quarter&q=2025-Q3&prov=46"
    open_view(page, link)
    no_exception(page)
    assert "Quý 3/2025" in page.inner_text("body")
    assert metric_value(page, "Hồ sơ tiếp nhận") == i18n.fmt_number(received)
    assert "q=2025-Q3" in page.url and "prov=46" in page.url
    open_view(page, f"{server}/ward?ward={KIM_LONG}&lang=en")
    no_exception(page)
    assert "Phường Kim Long" in page.locator("h1").first.inner_text()
    assert "Dossiers received" in page.inner_text("body")


def test_a_csv_download_matches_its_table(server, page, world):
    as_of = marts(world, "select as_of_day from marts.build_info")[0][0]
    days, received = marts(
        world,
        "select count(*), sum(received) from marts.rpt_ward_daily where ward_code = ? "
        "and day between ? and ?",
        KIM_LONG,
        as_of.replace(day=1),
        as_of,
    )[0]
    open_view(page, f"{server}/ward?ward={KIM_LONG}")
    page.get_by_role("tab", name="Bảng số liệu").first.click()
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Tải CSV").first.click()
    text = waiting.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == days
    assert sum(int(row["Hồ sơ tiếp nhận"]) for row in rows) == received


def test_a_field_link_narrows_the_headline_and_dates_read_the_vietnamese_way(server, page, world):
    import re
    from urllib.parse import quote

    as_of = marts(world, "select as_of_day from marts.build_info")[0][0]
    received = marts(
        world,
        """select count(*) from marts.fct_dossiers where is_received and field_name = 'Đất đai'
           and received_day between ? and ?""",
        as_of.replace(day=1),
        as_of,
    )[0][0]
    open_view(page, f"{server}/?field={quote('Đất đai')}")
    no_exception(page)
    i18n.set_language("vi")
    assert metric_value(page, "Hồ sơ tiếp nhận") == i18n.fmt_number(received)
    ticks = page.locator(".js-plotly-plot .xtick text")
    ticks.first.wait_for()
    labels = [text.strip() for text in ticks.all_text_contents() if text and text.strip()]
    assert labels and all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", label) for label in labels), labels
