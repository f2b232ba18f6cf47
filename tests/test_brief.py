"""The session brief, built on the demo world for a national leader, a province's leader and
a council member, read back from its PDF, DOCX and HTML as a reader would see it."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n
from haicap.accounts import Account
from pages import _brief as brief
from pages._kit import month_label
from tests.browser.world import APP, KIM_LONG, ROOT
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

    pages = PdfReader(io.BytesIO(data)).pages
    return "\n".join(page.extract_text() for page in pages).replace(brief.NBSP, " ")


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
    # a no-break space (inside "1 Oct 2025", before "%") reads as a space
    tables = [
        [[c.text.replace(brief.NBSP, " ") for c in row.cells] for row in t.rows]
        for t in document.tables
    ]
    paragraphs = "\n".join(p.text for p in document.paragraphs).replace(brief.NBSP, " ")
    return paragraphs, tables, len(document.inline_shapes)


def html_text(page: str) -> str:
    body = page.split("<body>", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "\n", body)).replace(brief.NBSP, " ")


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
    return q.best_and_worst(ranking, n)[1].to_dicts()


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
    country = {}
    for scope_province in ("46", None):
        req = request("leader", scope_province, province="46")
        table = brief.gather(req).sections[0].table
        assert table.headers[-1].startswith("Cả nước"), table.headers
        country[scope_province] = {row[0]: row[-1] for row in table.rows}
    # the same country, whoever asks: the service index too (the trial's province leader read
    # "–" where the national leader's Overview said 60,0)
    # (a published total is withheld when any province's figure of it is: "–")
    index = i18n.t("service_index")
    assert country["46"][index] != "–" and country["46"][index] == country[None][index]
    published = {k: v for k, v in country["46"].items() if v != "–"}
    assert published == {k: country[None][k] for k in published}


@pytest.mark.parametrize("scope_province", ["46", None])
def test_a_provinces_brief_gives_its_place_among_the_provinces(world, scope_province):
    """The Overview shows a province's viewer its place among the 34; the brief taken into the
    session says the same, in the same words."""
    from pages._places import province_place

    req = request("leader", scope_province, province="46")
    place = q.province_rank(req.scope, req.period, "on_time_rate", None, "46")
    line = province_place("Thành phố Huế", i18n.t("on_time_rate"), place)[0]
    assert line in brief.gather(req).sections[0].lines
    assert line in all_formats(req)["html"]


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
    assert sum(late) == now["finished_late"]
    for kind in ("pdf", "docx", "html"):
        flat = " ".join(texts[kind].split())
        assert why.heading in flat and i18n.t("why_by_supplement") in flat


@pytest.mark.parametrize("scope_province", ["46", None])
def test_every_why_late_table_adds_up_to_the_headline(world, scope_province):
    """The brief says each table adds up to the late and overdue counts; the trial's table of
    agencies listed five and summed to less. The rest is one "other" row."""
    req = request("leader", scope_province)
    now = q.summary(req.scope, req.period, req.province_code)
    built = brief.gather(req).sections
    start = next(i for i, s in enumerate(built) if s.heading.startswith("Vì sao trễ hạn"))
    tables = [s.table for s in built[start : start + 3]]
    assert [t.headers[0] for t in tables] == [
        i18n.t("field"),
        i18n.t("supplement_group"),
        i18n.t("agency"),
    ]
    number = lambda cell: int(cell.replace(".", ""))  # noqa: E731
    for table in tables:
        late = table.headers.index(i18n.t("finished_late"))
        overdue = table.headers.index(i18n.t("overdue_backlog"))
        assert sum(number(row[late]) for row in table.rows) == now["finished_late"], table
        assert sum(number(row[overdue]) for row in table.rows) == now["overdue_backlog"], table
    agencies = tables[2].rows
    assert len(agencies) <= brief.WARDS_LISTED + 1
    if len(agencies) > brief.WARDS_LISTED:
        assert agencies[-1][0].startswith("Các cơ quan khác (")


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


# -- dates and numbers stay whole -----------------------------------------------------------

# A date as the brief writes it, and a percentage ("95,9 %", "95.9%").
DATES = {
    "vi": re.compile(r"\b\d{2}/\d{2}/\d{4}\b"),
    "en": re.compile(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b"),
}
PERCENT = re.compile(r"\d[\d.,]* ?%")


def written_in(req: brief.Request, lang: str) -> str:
    """Every word of the brief in `lang`, as gathered before any file is laid out."""
    i18n.set_language(lang)
    try:
        return brief.gather(req).text()
    finally:
        i18n.set_language("vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("scope_province", [None, "46"])
def test_no_date_or_percentage_is_cut_across_lines_in_the_pdf(world, lang, scope_province):
    """The trial's brief printed "(01/10/2025–31/" on one line and "10/2025)" on the next: a
    table column narrower than a date. Every date and percentage the brief writes is read
    back whole from the PDF, as often as it is written."""
    req = request("leader", scope_province)
    written = written_in(req, lang)
    printed = pdf_text(brief.render(req, lang, "pdf"))
    wanted = set(DATES[lang].findall(written)) | set(PERCENT.findall(written))
    assert len(DATES[lang].findall(written)) > 5, "the brief writes its periods' dates"
    cut = {w: (printed.count(w), written.count(w)) for w in wanted}
    assert not {w: n for w, n in cut.items() if n[0] < n[1]}, cut


def docx_cells(data: bytes) -> list[tuple[float, float, bool, bool, str]]:
    """Each table cell of the DOCX: its column's width (mm), its font size (points), whether
    it is bold (a header) and right-aligned (a number), and its text."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    found = []
    for table in docx.Document(io.BytesIO(data)).tables:
        widths = [column.width.mm for column in table.columns]
        for row in table.rows:
            for width, cell in zip(widths, row.cells, strict=True):
                for paragraph in cell.paragraphs:
                    right = paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
                    for run in paragraph.runs:
                        found.append((width, run.font.size.pt, bool(run.bold), right, run.text))
    return found


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_word_date_and_number_fits_its_column_in_the_word_file(world, lang):
    """Word wraps a cell's text at spaces; a piece wider than its column is cut anywhere.
    Read back from the file: every column is wide enough for each date, number and word of
    its cells at the cell's own font size (measured in DejaVu Sans, wider than the file's
    Arial)."""
    req = request("leader", "46")
    cells = docx_cells(brief.render(req, lang, "docx"))
    assert cells
    measure = brief.Measurer()
    too_wide = [
        (text, piece, round(width, 1))
        for width, size, bold, right, text in cells
        for piece in brief.units(text, whole=right and not bold)
        if measure(piece, size, bold) + brief.DOCX_CELL_PADDING > width + 0.01
    ]
    assert not too_wide, too_wide[:10]
    assert sum({w for w, *_ in cells}) > 0


def test_a_table_too_wide_for_its_page_takes_a_smaller_font_and_keeps_its_dates_whole():
    """The layout itself, on a made-up table: every column holds its widest piece, the
    first size at which they fit is taken, and the rest of the width follows the table's
    relative widths."""
    day = "01/10/2025–31/10/2025"
    table = brief.Table(
        ["Chỉ tiêu", f"Kỳ này ({day})", "Kỳ trước", "Thay đổi"],
        [["Tỷ lệ đúng hạn rất dài", "95,9 %", "96,0 %", "-0,1 điểm %"]],
        [False, True, True, True],
    )
    measure = brief.Measurer()
    for total in (180.0, 80.0):
        layout = brief.lay_out(table, total, brief.PDF_SIZES, measure, 2.0)
        assert abs(sum(layout.widths) - total) < 0.01
        assert layout.widths[1] >= measure(f"({day})", layout.size, True) + 2.0
        assert layout.widths[3] >= measure("-0,1 điểm %", layout.size, False) + 2.0
    wide = brief.lay_out(table, 180.0, brief.PDF_SIZES, measure, 2.0)
    narrow = brief.lay_out(table, 80.0, brief.PDF_SIZES, measure, 2.0)
    assert wide.size == brief.PDF_SIZES[0] and narrow.size < wide.size
    # in English a date has spaces: they are kept from breaking
    assert brief.units("This period (1 Oct 2025–31 Oct 2025)") == [
        "This",
        "period",
        f"(1{brief.NBSP}Oct{brief.NBSP}2025–31{brief.NBSP}Oct{brief.NBSP}2025)",
    ]
    assert brief.units("95.9 %") == [f"95.9{brief.NBSP}%"]


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


# Measured in a process of its own: Playwright's sync API refuses to start beside another
# test's running browser in this process.
_MEASURE_ON_A_PHONE = """
import json, sys
from playwright.sync_api import sync_playwright
from tests.browser.world import CHROMIUM, CHROMIUM_ARGS
with sync_playwright() as playwright:
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    page = chromium.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.set_content(open(sys.argv[1], encoding="utf-8").read())
    print(json.dumps([page.evaluate("document.documentElement.scrollWidth"),
                      page.evaluate("document.querySelectorAll('.t table').length")]))
    chromium.close()
"""


@pytest.mark.slow
def test_the_html_brief_fits_a_phones_screen(world, tmp_path):
    """The trial's HTML brief was 504 px wide on a 390 px phone (the dossier list): a wide
    table scrolls in its own box, the page stays the screen's width."""
    page = tmp_path / "brief.html"
    page.write_bytes(brief.render(request("leader", "46"), "en", "html"))
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE_ON_A_PHONE, str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    width, tables = json.loads(done.stdout.strip().splitlines()[-1])
    assert tables >= 3 and width <= 390, (tables, width)
