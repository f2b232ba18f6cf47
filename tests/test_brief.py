"""The session brief, built on the demo world for a national leader, a province's leader and
a council member, read back from its PDF, DOCX and HTML as a reader would see it."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n
from haicap.accounts import Account
from pages import _brief as brief
from pages._kit import month_label
from tests.browser.world import APP, KIM_LONG
from warehouse import queries as q

# A database column's or a code's name as a reader must never see it (`on_time_rate`).
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture(scope="module")
def world(demo_world: Path) -> Path:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HAICAP_DATA_DIR", str(demo_world))
        yield demo_world


def last_full_month(scope: q.Scope) -> dt.date:
    """The last month the world has every day of (the brief compares it with the month
    before)."""
    as_of = q.as_of_day(scope)
    return max(m for m in q.months(scope) if q.month_end(m) <= as_of)


def request(
    role: str,
    scope_province: str | None,
    province: str | None = None,
    ward: str | None = None,
    month: dt.date | None = None,
) -> brief.Request:
    scope = q.Scope(role=role, province_code=scope_province)
    start = month or last_full_month(scope)
    period = q.Period(start, q.month_end(start)).clamp(q.as_of_day(scope))
    previous = q.Period(start, q.month_end(start)).compared_with(period, 1)
    label = month_label(start)  # in the current language, as the page's picker writes it
    return brief.Request(
        scope, period, previous, label, q.as_of_day(scope), province or scope_province, ward
    )


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """Each font of the PDF: its name, and whether its file is embedded in the PDF."""
    from pypdf import PdfReader

    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found.append((str(font["/BaseFont"]), "/FontFile2" in descriptor.get_object()))
    return found


def docx_text(data: bytes) -> tuple[str, list[list[list[str]]], int]:
    """The DOCX's paragraphs, its tables (rows of cells) and how many pictures it holds."""
    import docx

    document = docx.Document(io.BytesIO(data))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    return paragraphs, tables, len(document.inline_shapes)


def html_text(page: str) -> str:
    body = page.split("<body>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "\n", body))


def all_formats(req: brief.Request, lang: str = "vi") -> dict[str, str]:
    """The brief's text as each file gives it back."""
    pdf = brief.render(req, lang, "pdf")
    assert pdf.startswith(b"%PDF")
    paragraphs, tables, pictures = docx_text(brief.render(req, lang, "docx"))
    assert pictures >= 2  # the charts
    cells = "\n".join(c for t in tables for row in t for c in row)
    page = brief.render(req, lang, "html").decode("utf-8")
    return {
        "pdf": pdf_text(pdf),
        "docx": paragraphs + "\n" + cells,
        "html": html_text(page),
        "fonts": repr(pdf_fonts(pdf)),
    }


def worst_wards(req: brief.Request, n: int = brief.WARDS_LISTED) -> list[dict]:
    ranking = q.ranked_wards(req.scope, req.period, req.province_code, req.field_name)
    return q.worst_first(ranking).head(n).to_dicts()


def oldest_codes(req: brief.Request) -> list[str]:
    built = brief.gather(req)
    for section in built.sections:
        if section.table and section.table.headers[0] == i18n.t("dossier_code"):
            return [row[0] for row in section.table.rows]
    return []


# -- what every reader sees ------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, scope_province", [("leader", None), ("leader", "46"), ("council", "46")]
)
def test_the_brief_reads_as_vietnamese_with_periods_worst_wards_and_fonts(
    world, role, scope_province
):
    req = request(role, scope_province)
    texts = all_formats(req)
    previous = f"{i18n.fmt_date(req.previous.start)}–{i18n.fmt_date(req.previous.end)}"
    worst = worst_wards(req)
    assert worst, "the demo world ranks wards"
    for kind in ("pdf", "docx", "html"):
        text = texts[kind]
        # diacritics intact, the period and the one it is compared with
        assert "Phường" in text and "Tỷ lệ đúng hạn" in text and "Hồ sơ tiếp nhận" in text
        assert req.period_label in text and f"Kỳ trước ({previous})" in text
        # the worst wards by name, their rates as percentages written the Vietnamese way
        assert "Phường, xã cần chú ý" in text
        for ward in worst:
            assert ward["ward_name"] in text, (kind, ward["ward_name"])
            assert i18n.fmt_pct(ward["on_time_rate"]) in text, (kind, ward)
        assert re.search(r"\d+,\d %", text), kind
        # no column or code names, the sections a session needs
        assert not SNAKE.findall(text), (kind, SNAKE.findall(text))
        assert "Cảnh báo đang mở" in text and "Nhân sự" in text and "Trụ sở" in text
        assert "Hồ sơ quá hạn tồn đọng" in text
    # every rate the brief writes has a decimal comma (alerts quote the warehouse's own
    # sentences, which the brief does not rewrite)
    built = brief.gather(req)
    alerts = i18n.t("open_alerts", where="")
    own = [s for s in built.sections if not s.heading.startswith(alerts)]
    written = brief.Brief(built.title, built.subtitle, "vi", own).text()
    assert not re.search(r"\d\.\d ?%", written), re.findall(r".{30}\d\.\d ?%", written)
    # the PDF carries DejaVu Sans inside it, so Vietnamese prints on any machine
    fonts = eval(texts["fonts"])  # noqa: S307 - our own repr of (name, bool) pairs
    assert fonts and all("DejaVuSans" in name and embedded for name, embedded in fonts)


def test_the_figures_are_the_pages_figures(world):
    req = request("leader", "46")
    now = q.summary(req.scope, req.period, "46")
    before = q.summary(req.scope, req.previous, "46")
    built = brief.gather(req)
    figures = built.sections[0].table
    by_label = {row[0]: row for row in figures.rows}
    on_time = by_label[i18n.t("on_time_rate")]
    assert on_time[1] == i18n.fmt_pct(now["on_time_rate"])
    assert on_time[2] == i18n.fmt_pct(before["on_time_rate"])
    assert by_label[i18n.t("overdue_backlog")][1] == i18n.fmt_number(now["overdue_backlog"])
    assert by_label[i18n.t("received")][1] == i18n.fmt_number(now["received"])


def test_a_provinces_brief_sets_it_beside_the_country(world):
    """A province's viewer sees the country as the public edition publishes it (a month);
    a national leader looking at the province, from the leaders' warehouse."""
    for scope_province in ("46", None):
        req = request("leader", scope_province, province="46")
        headers = brief.gather(req).sections[0].table.headers
        assert any(h.startswith("Cả nước") for h in headers), headers


# -- what only a leader sees -----------------------------------------------------------------


def test_only_a_leaders_brief_lists_overdue_dossiers(world):
    leader = request("leader", "46")
    codes = oldest_codes(leader)
    assert codes, "the demo world has overdue dossiers in Huế"
    assert all(code in all_formats(leader)["pdf"] for code in codes[:3])
    council = request("council", "46")
    assert oldest_codes(council) == []
    texts = all_formats(council)
    for kind in ("pdf", "docx", "html"):
        assert not [c for c in codes if c in texts[kind]], kind
        assert "chỉ có trong bản tóm tắt của lãnh đạo" in texts[kind]


def test_a_wards_brief(world):
    req = request("leader", "46", ward=KIM_LONG)
    texts = all_formats(req)
    for kind in ("pdf", "docx", "html"):
        text = texts[kind]
        assert "Phường Kim Long" in text and "Thành phố Huế" in text
        assert "Hạng trong tỉnh" in text and "Tỷ lệ trễ hạn" in text
        assert not SNAKE.findall(text), (kind, SNAKE.findall(text))
    # why the ward is late: its late dossiers by field add up to the figures' late count
    why = next(s for s in brief.gather(req).sections if s.heading.startswith("Vì sao trễ hạn"))
    now = q.summary(req.scope, req.period, req.province_code, req.ward_code)
    late = [int(row[1].replace(".", "")) for row in why.table.rows]
    assert sum(late) <= now["finished_late"]
    if len(late) < brief.ROWS_LISTED:
        assert sum(late) == now["finished_late"]
    for kind in ("pdf", "docx", "html"):
        flat = " ".join(texts[kind].split())
        assert why.heading in flat and i18n.t("why_by_supplement") in flat


# -- English ---------------------------------------------------------------------------------


def test_the_english_brief_is_english_even_when_made_off_the_pages_thread(world):
    """A download is made on a worker thread: the brief takes the language it was asked in,
    not the thread's."""
    i18n.set_language("en")
    req = request("leader", None)
    i18n.set_language("vi")
    made: dict[str, str] = {}

    def take() -> None:
        made.update(all_formats(req, "en"))

    worker = threading.Thread(target=take)
    worker.start()
    worker.join(timeout=300)
    for kind in ("pdf", "docx", "html"):
        text = made[kind]
        assert "On-time rate" in text and "Wards needing attention" in text
        assert "Tỷ lệ" not in text and "Phường, xã cần chú ý" not in text
        assert re.search(r"\d+\.\d%", text), kind
        assert not SNAKE.findall(text), (kind, SNAKE.findall(text))
    assert i18n.language() == "vi"


# -- the buttons -----------------------------------------------------------------------------


def test_the_overview_offers_the_brief_as_pdf_word_and_html(demo_world_copy: Path):
    old = os.environ.get("HAICAP_DATA_DIR")
    os.environ["HAICAP_DATA_DIR"] = str(demo_world_copy)
    try:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.session_state["account"] = Account("test.council", "council", "46", password_hash="")
        at.session_state["last_seen"] = dt.datetime.now()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        labels = [b.proto.label for b in at.get("download_button")]
        for label in ("Tải bản tóm tắt (PDF)", "Tải bản tóm tắt (Word)", "Tải bản tóm tắt để in"):
            assert label in labels, labels
    finally:
        if old is None:
            os.environ.pop("HAICAP_DATA_DIR", None)
        else:
            os.environ["HAICAP_DATA_DIR"] = old
