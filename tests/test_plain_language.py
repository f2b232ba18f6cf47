"""Plain language on every screen (issue 20): every page of both editions, for every kind of
viewer, in Vietnamese and English, with every string a person reads collected (titles, text,
metrics, widget labels, options and placeholders, table headers and cells, chart titles, axes,
legends and categories, the CSV headers and the workbook's sheet names and headers), and none
of them may be a database name (`asset_code`), an internal code (`bo_trong`, `high`), a
Python value (`None`, `nan`, `True`), a dot-decimal number in Vietnamese (`33.3 %`), or, in
English, Vietnamese words that are not names (ward, province, procedure, field, agency).

One small world (the session's demo world, province 46), each page opened once per viewer and
language.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n, labels
from haicap.accounts import Account
from pages._registry import LEADERS, PUBLIC, urls
from tests.browser.world import APP, KIM_LONG, ROOT

pytestmark = pytest.mark.slow

VIEWERS = {
    "leader": ("leader", None),
    "province_leader": ("leader", "46"),
    "council": ("council", "46"),
}
LANGUAGES = ["vi", "en"]

SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
REPR = re.compile(r"\b(None|nan|NaN|NaT|True|False|null)\b")
# a dot decimal ("33.3", "0.909", "0.9090909"), not a Vietnamese thousands separator ("1.234")
DOT_DECIMAL = re.compile(r"(?<![\d.,])(?:\d+\.\d{1,2}|0\.\d+|\d+\.\d{4,})(?![\d.])")
VIETNAMESE = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")
# An internal table's name, with its schema or without ("marts.rpt_alerts", "mart.alerts",
# "fct_dossiers"): a source line says in words where its numbers come from instead.
INTERNAL = re.compile(
    r"\b(?:marts?|staging|intermediate|raw)\.[\w*]+|\b(?:rpt|fct|dim|stg|int)_[\w*]+"
)
# What a person may read though it looks like the above: the journalists' published file's
# tables (they download and query it), file names as the loader took them, ISO days in links.
ALLOWED_PATTERNS = [
    re.compile(r"\bpub\.[\w*]+"),
    re.compile(r"\bpub_[a-z_]+"),
    re.compile(r"[\w.-]+\.(?:csv|json|jsonl|xlsx|zip|gz|duckdb|html)\b"),
    re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+)?"),
    re.compile(r"\?[\w=&%.+-]*"),  # a permalink's query string
    # inline code: the Methodology's technical tab names tables and indicators on purpose
    re.compile(r"`[^`\n]*`"),
]
# Words of no language, or names, that English mode shows as they are.
ENGLISH_ALLOWED = [
    "Tiếng Việt",
    "Ngôn ngữ",
    "Hai Cấp",
    "Hoàng Sa",
    "Trường Sa",
    "766/QĐ-TTg",
    "Tết",
]


# -- the world -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(demo_world: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAICAP_DATA_DIR", str(demo_world))
        patch.setenv("HAICAP_WARM", "0")
        yield demo_world


@pytest.fixture(scope="module")
def names(world: Path) -> list[str]:
    """Every proper name of the world (wards, provinces, units, procedures, fields, agencies,
    former units), longest first: they keep their Vietnamese in English."""
    found: set[str] = set()
    for file, schema in (("warehouse.duckdb", "marts"), ("public.duckdb", "pub")):
        con = duckdb.connect(str(world / "published" / file), read_only=True)
        try:
            columns = con.execute(
                """select table_name, column_name from information_schema.columns
                   where table_schema = ? and data_type = 'VARCHAR'
                     and (column_name like '%name' or column_name = 'former_unit')""",
                [schema],
            ).fetchall()
            for table, column in columns:
                rows = con.execute(f'select distinct "{column}" from {schema}."{table}"')
                found |= {r[0] for r in rows.fetchall() if r[0]}
        finally:
            con.close()
    # a name is also written without its kind ("Huế" for "Thành phố Huế", as the tile map does)
    prefixes = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ")
    found |= {n.removeprefix(p) for n in found for p in prefixes if n.startswith(p)}
    return sorted(found | set(ENGLISH_ALLOWED), key=len, reverse=True)


@pytest.fixture(autouse=True)
def vietnamese_after():
    yield
    i18n.set_language("vi")


# -- opening a page ------------------------------------------------------------------------------


def open_leaders(page: str, role: str, province: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["account"] = Account("test.viewer", role, province, password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    at.session_state["lang"] = lang
    if page == "ward":
        at.session_state["ward"] = KIM_LONG
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    return at


def open_public(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "public" / f"{page}.py"), default_timeout=120)
    at.query_params["prov"] = "46"
    at.query_params["ward"] = KIM_LONG
    at.session_state["lang"] = lang
    at.run()
    return at


# -- what a person reads -------------------------------------------------------------------------

TEXT_FIELDS = {"label", "placeholder", "help", "body", "options", "content", "delta", "caption"}


def _proto_texts(proto: Any, where: str, out: list[tuple[str, str]]) -> None:
    """The readable strings of one element's protobuf (labels, bodies, options...)."""
    for field, value in proto.ListFields():
        repeated = field.is_repeated
        items = list(value) if repeated else [value]
        if field.type == field.TYPE_MESSAGE:
            for item in items:
                _proto_texts(item, f"{where}.{field.name}", out)
        elif field.type == field.TYPE_STRING and field.name in TEXT_FIELDS:
            out += [(f"{where}.{field.name}", _readable(item)) for item in items if item]


def _readable(text: str) -> str:
    """What a person reads of an HTML snippet (the copy-link button): no style, no script."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text) if "<" in text else text


def _figure_texts(spec: str, where: str, out: list[tuple[str, str]]) -> None:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    title = layout.get("title")
    if isinstance(title, dict) and title.get("text"):
        out.append((f"{where}.title", title["text"]))
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            axis_title = axis.get("title")
            if isinstance(axis_title, dict) and axis_title.get("text"):
                out.append((f"{where}.{name}.title", axis_title["text"]))
            out += [(f"{where}.{name}.ticktext", str(v)) for v in axis.get("ticktext") or []]
    for note in layout.get("annotations") or []:
        if note.get("text"):
            out.append((f"{where}.annotation", note["text"]))
    for trace in figure.get("data", []):
        if trace.get("name"):
            out.append((f"{where}.legend", trace["name"]))
        for key in ("x", "y", "text"):
            values = trace.get(key)
            if isinstance(values, list):
                out += [(f"{where}.{key}", v) for v in values if isinstance(v, str)]
        colorbar = (trace.get("marker") or {}).get("colorbar") or trace.get("colorbar") or {}
        bar_title = colorbar.get("title")
        if isinstance(bar_title, dict) and bar_title.get("text"):
            out.append((f"{where}.colorbar", bar_title["text"]))


def _frame_texts(frame: Any, where: str, out: list[tuple[str, str]]) -> None:
    """A pandas frame as the grid draws it: headers, and every cell that is text or empty
    (an empty cell is drawn as "None")."""
    out += [(f"{where}.header", str(c)) for c in frame.columns]
    for column in frame.columns:
        for value in frame[column].tolist():
            if value is None or (isinstance(value, float) and value != value):
                out.append((f"{where}[{column}]", "None"))
            elif isinstance(value, str | bool):
                out.append((f"{where}[{column}]", str(value)))


def _exports(at: AppTest, edition: str, out: list[tuple[str, str]]) -> None:
    """The CSV headers of every table the view drew, and its workbook's sheets and headers."""
    from openpyxl import load_workbook

    from pages import _kit

    state = at.session_state
    try:
        frames = dict(state[_kit.EXPORTS_KEY])
        names = dict(state[_kit.EXPORT_NAMES_KEY])
    except KeyError:  # a page that drew no table
        return
    if not frames:
        return
    for key, frame in frames.items():
        out += [(f"csv {key}", str(c)) for c in frame.columns]
    if edition == "public":
        from pages.public._public import view_xlsx

        raw = dict(state[_kit.RAW_EXPORTS_KEY])
        book = view_xlsx("README", raw, names)
    else:
        from pages._common import xlsx_bytes

        book = xlsx_bytes(frames, names)
    workbook = load_workbook(io.BytesIO(book), read_only=True)
    for sheet in workbook.worksheets:
        if sheet.title == "README":
            continue
        out.append(("xlsx sheet", sheet.title))
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
        out += [(f"xlsx {sheet.title}", str(v)) for v in header if v is not None]


def shown(at: AppTest, edition: str, lang: str) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows or gives to take away."""
    out: list[tuple[str, str]] = []
    for node in at._tree:  # every element and block (tabs, expanders), sidebar included
        proto = getattr(node, "proto", None)
        kind = type(node).__name__
        if proto is None:
            continue
        if (
            kind == "UnknownElement"
            and getattr(proto, "spec", None)
            and "plotly" in str(type(proto)).lower()
        ):
            _figure_texts(proto.spec, "chart", out)
            continue
        if kind == "Dataframe":
            _frame_texts(node.value, "table", out)
            continue
        _proto_texts(proto, kind, out)
    for chart in at.get("plotly_chart"):
        _figure_texts(chart.proto.spec, "chart", out)
    i18n.set_language(lang)  # the workbook is written in the view's language, as on the page
    _exports(at, edition, out)
    return out


# -- what must not be there ----------------------------------------------------------------------


def _without_allowed(text: str) -> str:
    for pattern in ALLOWED_PATTERNS:
        text = pattern.sub(" ", text)
    return text


def problems(texts: list[tuple[str, str]], lang: str, names: list[str]) -> list[str]:
    codes = labels.internal_codes()
    found = []
    for where, text in texts:
        text = text.replace("<br>", " ")  # a chart label broken over lines reads as one
        plain = _without_allowed(text)
        if INTERNAL.search(plain):
            found.append(
                f"{where}: table name {INTERNAL.search(plain).group()!r} in {text[:120]!r}"
            )
        elif SNAKE.search(plain):
            found.append(f"{where}: identifier {SNAKE.search(plain).group()!r} in {text[:120]!r}")
        if text.strip() in codes:
            found.append(f"{where}: internal code {text!r}")
        if REPR.search(plain):
            found.append(f"{where}: Python value {REPR.search(plain).group()!r} in {text[:120]!r}")
        if lang == "vi" and DOT_DECIMAL.search(plain):
            found.append(f"{where}: dot decimal {DOT_DECIMAL.search(plain).group()!r} in {text!r}")
        if lang == "en" and VIETNAMESE.search(plain):
            rest = plain
            for name in names:
                if name in rest:
                    rest = rest.replace(name, " ")
            # a long name cut short on a chart's axis ("Cấp giấy chứng nhận quyền sử…")
            cut = text.endswith("…") and any(n.startswith(text[:-1]) for n in names)
            if VIETNAMESE.search(rest) and not cut:
                found.append(f"{where}: Vietnamese in English mode {text[:120]!r}")
    return sorted(set(found))


def _placeholders(at: AppTest) -> list[str]:
    """A select box with no placeholder of ours shows Streamlit's "Choose an option"."""
    boxes = [*at.selectbox, *at.multiselect]
    return [f"{box.label}: no placeholder" for box in boxes if not box.proto.placeholder]


# -- the tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("viewer", list(VIEWERS))
@pytest.mark.parametrize("page", urls(LEADERS))
def test_leaders_pages_read_plainly(world, names, page, viewer, lang):
    role, province = VIEWERS[viewer]
    at = open_leaders(page, role, province, lang)
    assert not at.exception, [e.value for e in at.exception]
    found = problems(shown(at, "leaders", lang), lang, names) + _placeholders(at)
    assert not found, f"{page} ({viewer}, {lang}):\n" + "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", urls(PUBLIC))
def test_public_pages_read_plainly(world, names, page, lang):
    at = open_public(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    found = problems(shown(at, "public", lang), lang, names) + _placeholders(at)
    assert not found, f"public {page} ({lang}):\n" + "\n".join(found)


def test_every_code_has_words_in_both_languages():
    """The dictionary itself: no code reads as itself, in either language."""
    for lang in LANGUAGES:
        i18n.set_language(lang)
        for column, code in labels.coded():
            word = labels.value_label(column, code)
            assert word and word != code and not SNAKE.fullmatch(word), (lang, column, code)
        for column in labels.COLUMNS:
            assert not SNAKE.search(labels.header(column)), (lang, column)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_source_line_says_in_words_where_its_numbers_come_from(lang):
    """The trial's source lines named tables ("Nguồn: marts.rpt_alerts"): the check finds
    such a name, with its schema or without, and every source line of the dictionary reads
    as words."""
    for named in ("Nguồn: marts.rpt_alerts", "Source: mart.alerts", "Nguồn: fct_dossiers"):
        assert problems([("caption", named)], lang, ENGLISH_ALLOWED), named
    i18n.set_language(lang)
    sources = [key for key in i18n.STRINGS if key.startswith("src_")]
    assert len(sources) >= 10
    lines = [
        ("caption", i18n.t("source", source=i18n.t("source_built", source=i18n.t(key), at="–")))
        for key in sources
    ]
    assert not problems(lines, lang, ENGLISH_ALLOWED), problems(lines, lang, ENGLISH_ALLOWED)
    # the feed, the system and the time: a dossier's source names the provinces' systems
    system = "hệ thống giải quyết thủ tục hành chính" if lang == "vi" else "one-stop systems"
    assert system in i18n.t("src_ward_daily")
    assert ("số liệu tính lúc" if lang == "vi" else "worked out at") in lines[0][1]
