"""Accessibility and legibility of every page of both editions, in a real browser: axe-core 4
finds no serious or critical violation and no skipped heading level, for a national leader
(Vietnamese and English), a province's leader, a council member and the public edition (both
languages); the served app shows no Deploy button, developer menu or error details; at 1440 px
and at a phone's 390 px every page is photographed whole, every table stays on the screen,
shows its name and its metric without scrolling and scrolls to its last column, no label on
a chart's axis is cut or drawn over another, and the tile map's labels stand apart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

import pytest
from PIL import Image

from pages._registry import LEADERS, PUBLIC
from tests.browser.conftest import SCREENSHOTS, VIEWER
from tests.browser.test_pages import no_exception, open_view
from tests.browser.world import KIM_LONG, ensure_account
from tests.test_tables import figure

pytestmark = pytest.mark.slow

PAGES = [("leaders", page.url) for page in LEADERS] + [("public", page.url) for page in PUBLIC]
IDS = [f"{edition}-{url}" for edition, url in PAGES]
# What fails the test: what axe calls serious or critical, and a heading that skips a level
# (moderate for axe, but it breaks a screen reader's outline of the page).
FAILING_IMPACTS = {"serious", "critical"}
FAILING_RULES = {"heading-order"}
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}


class View(NamedTuple):
    """Who looks, in which language: the leaders' edition signed in as `role` of `province`
    (None: the whole country), or the public edition (no role)."""

    edition: str
    role: str | None
    province: str | None
    lang: str


# The viewers of the issue, each in one language at least, both languages for the national
# leader and the public edition; the browser world holds province 46 only.
VIEWS = {
    "leader-vi": View("leaders", "leader", None, "vi"),
    "leader-en": View("leaders", "leader", None, "en"),
    "leader46-vi": View("leaders", "leader", "46", "vi"),
    "council46-en": View("leaders", "council", "46", "en"),
    "public-vi": View("public", None, None, "vi"),
    "public-en": View("public", None, None, "en"),
}
VIEW_PAGES = [
    (name, url) for name, view in VIEWS.items() for edition, url in PAGES if edition == view.edition
]


def address(servers: dict[str, str], edition: str, url: str, lang: str = "vi") -> str:
    """The page's address; the ward pages open a ward, so that they show everything."""
    path = "" if url == "overview" else url
    params = {"ward": KIM_LONG} if url == "ward" else {}
    if lang != "vi":
        params["lang"] = lang
    return f"{servers[edition]}/{path}" + (f"?{urlencode(params)}" if params else "")


@pytest.fixture(scope="module")
def servers(server: str, public_server: str) -> dict[str, str]:
    return {"leaders": server, "public": public_server}


@pytest.fixture(scope="module")
def accounts(world: Path, server: str) -> dict[str, tuple[str, str] | None]:
    """Each view's account (name, password), made with `haicap users add`; the national
    leader is the conftest's; the public edition has none."""
    made: dict[str, tuple[str, str] | None] = {}
    for name, view in VIEWS.items():
        if view.role is None:
            made[name] = None
        elif view.role == "leader" and view.province is None:
            made[name] = VIEWER
        else:
            made[name] = (f"axe.{view.role}.{view.province}", VIEWER[1])
            ensure_account(world, *made[name], role=view.role, province=view.province)
    return made


def axe_violations(page, axe_script: str) -> list[dict]:
    """axe-core's violations on the page as drawn, each with its nodes' selectors."""
    page.add_script_tag(content=axe_script)
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || '')),
            }));
        }"""
    )


def described(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']}")
        lines += [f"    {node}" for node in violation["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize(("view", "url"), VIEW_PAGES, ids=[f"{v}-{u}" for v, u in VIEW_PAGES])
def test_axe_finds_no_serious_violation_and_no_developer_menu(
    servers, accounts, page, axe_script, view, url
):
    shown = VIEWS[view]
    open_view(page, address(servers, shown.edition, url, shown.lang), accounts[view])
    no_exception(page)
    violations = axe_violations(page, axe_script)
    counts: dict[str, int] = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
    # one line per page and view, for docs/accessibility.md's counts
    print(f"axe {view}/{url}: {counts or 'no violations'} {sorted({v['id'] for v in violations})}")
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS or v["id"] in FAILING_RULES]
    assert not failing, described(failing)
    # The served settings (haicap/streamlit_main.py): nothing of Streamlit's developer tools.
    assert page.get_by_text("Deploy", exact=True).count() == 0
    chrome = '[data-testid="stMainMenu"], [data-testid="stAppDeployButton"]'
    assert page.locator(chrome).count() == 0


# The tables on screen (a table in a closed expander or tab has no width), and the `index`th
# of them scrolled to its left or right end, as drawn after: the grid names its columns on
# screen (aria-colindex) once it has been scrolled.
GRIDS = """[...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(g => g.getBoundingClientRect().width > 0)"""
COUNT_TABLES = f"() => ({GRIDS}).length"
SCROLL_TABLE = f"""([index, where]) => {{
    const grid = ({GRIDS})[index];
    if (!grid) return;
    grid.scrollIntoView({{block: 'center'}});
    const scroller = grid.querySelector('.dvn-scroller');
    if (scroller) scroller.scrollLeft = where === 'right' ? scroller.scrollWidth : 0;
}}"""
TABLE = f"""(index) => {{
    const grid = ({GRIDS})[index];
    if (!grid) return null;
    grid.setAttribute('data-measured', index);
    const box = grid.getBoundingClientRect();
    const scroller = grid.querySelector('.dvn-scroller');
    const table = grid.querySelector('table[role="grid"]');
    const headers = [...grid.querySelectorAll('th[role="columnheader"]')];
    const first = grid.querySelector('td[aria-colindex="1"]');
    return {{
        index, left: box.left, right: box.right, viewport: document.documentElement.clientWidth,
        columns: table ? Number(table.getAttribute('aria-colcount')) : null,
        shown: headers.map(th => Number(th.getAttribute('aria-colindex'))),
        names: headers.map(th => th.textContent.trim()),
        scrolls: scroller ? scroller.scrollWidth > scroller.clientWidth + 1 : false,
        figures: !!grid.closest('[class*="st-key-figures_"]'),
        // the grid's own columns before the first (a row's tick box): glide numbers its cells
        // glide-cell-<column>-<row> from them
        markers: first ? Number(first.id.split('-')[2]) : 0,
        second: [...grid.querySelectorAll('td[aria-colindex="2"]')].map(td => td.textContent),
    }};
}}"""
# Tick labels of the charts on screen that reach outside their chart.
CUT_TICK_LABELS = """() => {
    const cut = [];
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        const frame = plot.getBoundingClientRect();
        if (frame.width === 0) continue;
        for (const tick of plot.querySelectorAll('.xtick text, .ytick text')) {
            const box = tick.getBoundingClientRect();
            if (box.width === 0) continue;
            if (box.left < frame.left - 1 || box.right > frame.right + 1
                || box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
                cut.push(tick.textContent);
            }
        }
    }
    return cut;
}"""
# Pairs of texts of one chart drawn over each other: axis tick labels (`.xtick`, `.ytick`,
# the colour bar's too) and the labels written on the plot (the tile map's provinces and
# archipelagos). Each text is compared as drawn, turned with its axis: its own box (getBBox)
# carried to the screen by its transform, two boxes overlapping when no edge of either
# separates them (separating axes). A pixel of each edge is let go, for antialiasing.
OVERLAPPING_TEXTS = """(selector) => {
    const corners = (text) => {
        const b = text.getBBox(), m = text.getScreenCTM();
        if (!m || b.width === 0 || b.height === 0) return null;
        const inset = 1;
        return [[b.x + inset, b.y + inset], [b.x + b.width - inset, b.y + inset],
                [b.x + b.width - inset, b.y + b.height - inset],
                [b.x + inset, b.y + b.height - inset]]
            .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    };
    const apart = (p, q) => {
        for (const poly of [p, q]) {
            for (let i = 0; i < 4; i++) {
                const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
                const nx = y1 - y2, ny = x2 - x1;
                const span = (pts) => pts.map(([x, y]) => x * nx + y * ny);
                const a = span(p), b = span(q);
                if (Math.max(...a) <= Math.min(...b) || Math.max(...b) <= Math.min(...a)) {
                    return true;
                }
            }
        }
        return false;
    };
    const found = [];
    let compared = 0;
    for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        if (plot.getBoundingClientRect().width === 0) continue;
        const texts = [...plot.querySelectorAll(selector)]
            .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none'
                && Number(getComputedStyle(t).opacity) !== 0)
            .map(t => ({name: t.textContent, box: corners(t)}))
            .filter(t => t.box);
        compared += texts.length;
        for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
                if (!apart(texts[i].box, texts[j].box)) {
                    found.push(texts[i].name + ' / ' + texts[j].name);
                }
            }
        }
    }
    return {found, compared};
}"""
TICK_TEXTS = ".xtick text, .ytick text"
LABEL_TEXTS = ".textpoint text"
TILE_MAP_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(plot => plot.getBoundingClientRect().width > 0)
    .map(plot => [...plot.querySelectorAll('.textpoint text')].map(t => t.textContent))
    .filter(texts => texts.some(text => text.includes('Hoàng Sa')))"""


def table_scrolled(page, index: int, where: str) -> dict:
    """The `index`th table after scrolling to its left or right end, once the grid shows the
    end's column (or as it is after ten seconds, for the assertion to show)."""
    page.evaluate(SCROLL_TABLE, [index, where])
    end = "t.columns" if where == "right" else "1"
    ready = f"() => {{ const t = ({TABLE})({index}); return t && t.shown.includes({end}) && t; }}"
    try:
        return page.wait_for_function(ready, timeout=10_000).json_value()
    except Exception:  # Playwright's TimeoutError: the column never came into view
        return page.evaluate(TABLE, index)


def open_table_tabs(page) -> None:
    """Every chart's table tab opened, so that every table of the page is on screen."""
    tabs = page.get_by_role("tab", name="Bảng số liệu")
    for index in range(tabs.count()):
        tabs.nth(index).click()
    if tabs.count():
        page.wait_for_timeout(800)


def column_edges(page, index: int) -> list[int]:
    """The right edge (x, from the grid's left) of each column the `index`th grid draws,
    left to right, as far as the grid shows. The grid draws on a canvas (glide-data-grid), so
    its columns have no box in the page: their edges are the grey lines it draws between
    them, the full height of the grid, found in a picture of the grid. Its own border (the
    first and last pixel) is no column's edge."""
    picture = Image.open(io.BytesIO(page.locator(f'[data-measured="{index}"]').screenshot()))
    picture = picture.convert("RGB")
    width, height = picture.size
    pixels = picture.load()

    def line(x: int) -> bool:
        grey = 0
        for y in range(height):
            r, g, b = pixels[x, y]
            grey += 190 <= r <= 240 and abs(r - g) < 10 and abs(g - b) < 10
        return grey >= 0.9 * height

    edges: list[int] = []
    for x in range(1, width - 1):
        if line(x) and not (edges and x - edges[-1] <= 2):
            edges.append(x)
    return edges


def table_problems(page, index: int) -> list[str]:
    """What keeps a reader from the `index`th table: the table reaching outside the screen;
    at its left end (as it opens), its first column (the name) and second (the metric the
    table reports, drawn there by pages/_kit.metric_block) not both drawn whole inside the
    table's box, or the second not holding figures; a column that neither shows nor scrolls
    into view; a header with no text."""
    page.evaluate(SCROLL_TABLE, [index, "left"])
    table = table_scrolled(page, index, "left")
    if table is None or not table["columns"]:
        return []
    problems = []
    if table["left"] < -1 or table["right"] > table["viewport"] + 1:
        problems.append(f"table {index} reaches outside the screen: {table}")
    wanted = min(2, table["columns"])
    if not set(range(1, wanted + 1)) <= set(table["shown"]):
        problems.append(f"table {index}: its first {wanted} columns are not drawn: {table}")
    edges = column_edges(page, index)
    # the right edge of the name and of the metric, each inside the table's box: seen whole
    # with no scrolling (a last column may end on the table's own border)
    inside = len(edges) - table["markers"] >= wanted or (
        table["scrolls"] is False and len(edges) - table["markers"] >= wanted - 1
    )
    if not inside:
        problems.append(
            f"table {index}: its first {wanted} columns are not whole on the screen "
            f"(column edges at {edges}, {table['markers']} tick box column): {table}"
        )
    if table["figures"] and table["columns"] >= 2:
        words = [cell for cell in table["second"] if not figure(cell)]
        if words or not table["second"]:
            problems.append(f"table {index}: its second column holds no figure: {words}")
    if table["scrolls"]:
        right = table_scrolled(page, index, "right")
        if right["columns"] not in right["shown"]:
            problems.append(f"table {index}: its last column never comes into view: {right}")
        table_scrolled(page, index, "left")
    elif len(table["shown"]) < table["columns"]:
        problems.append(f"table {index}: columns hidden with no scroll: {table}")
    if any(not name for name in table["names"]):
        problems.append(f"table {index}: a column with no header: {table['names']}")
    return problems


# The page drawn and settled: Streamlit draws it again when the window changes size, with
# skeletons in place of its elements meanwhile.
SETTLED = """() => !document.querySelector('[data-testid*="keleton"]')
    && !document.querySelector('[data-testid="stStatusWidget"]')"""


def resized(page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(300)  # the new drawing begins
    page.wait_for_function(SETTLED, timeout=30_000)
    page.wait_for_timeout(1000)  # charts and tables finish drawing


def whole_page(page, width: int, height: int, shot: Path) -> None:
    """A picture of the whole page: Streamlit's main block scrolls inside its own box, so a
    full-page screenshot holds one screen; the window is made as tall as the page for the
    picture, then put back."""
    tall = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight, ...[...document
            .querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')]
            .map(e => e.scrollHeight))"""
    )
    resized(page, width, min(max(tall, height), 30_000))
    page.screenshot(path=str(shot), full_page=True)
    resized(page, width, height)


@pytest.fixture(scope="module")
def screenshots() -> Path:
    """Kept after the run (pytest's temporary folders are not), for the closing note."""
    folder = SCREENSHOTS / "widths"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize(("edition", "url"), PAGES, ids=IDS)
def test_every_page_reads_at_both_widths(servers, browser, screenshots, edition, url, width):
    """A screenshot of the whole page (its path printed); no axis label cut, none over
    another, no province's label on the tile map over another's; and every table within
    the screen, showing as it opens its name and the figure it reports whole, side by side
    (`table_problems`), with every other column within reach by scrolling."""
    w, h = WIDTHS[width]
    phone = width == "phone"
    context = browser.new_context(
        viewport={"width": w, "height": h}, is_mobile=phone, has_touch=phone, locale="vi-VN"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_view(page, address(servers, edition, url))
        no_exception(page)
        page.wait_for_timeout(1000)  # charts and tables finish drawing
        shot = screenshots / f"{edition}-{url}-{w}.png"
        whole_page(page, w, h, shot)
        print(f"screenshot {shot}")
        cut = page.evaluate(CUT_TICK_LABELS)
        assert not cut, f"axis labels cut at {w} px: {cut}"
        for what, selector in (("axis labels", TICK_TEXTS), ("labels on a chart", LABEL_TEXTS)):
            texts = page.evaluate(OVERLAPPING_TEXTS, selector)
            print(f"{what}: {texts['compared']} compared")
            assert not texts["found"], f"{what} over one another at {w} px: {texts['found']}"
        if url == "provinces":
            maps = page.evaluate(TILE_MAP_TEXTS)
            if edition == "public" or maps:  # a province's leader has no map
                assert maps and any("Trường Sa" in text for text in maps[0]), maps
        open_table_tabs(page)
        tables = page.evaluate(COUNT_TABLES)
        print(f"tables: {tables} read at their left end")
        problems = [p for i in range(tables) for p in table_problems(page, i)]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
