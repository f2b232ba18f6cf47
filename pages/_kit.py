"""The UI kit both editions draw with: the language switch, choices kept in the URL, the house
look of charts, the metric block (title, chart and table one click apart, the CSV, the source
line) and the registry of the tables a view drew (for its one-file downloads).

What differs between the editions stays in their own modules: pages/_common.py (the leaders':
signed-in viewers, audited downloads) and pages/public/_public.py (the journalists': withheld
cells marked, the methodology note, the permalink). This module knows neither warehouse.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap import labels as words
from haicap.i18n import (
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_pct,
    language,
    plotly_date_formats,
    plotly_separators,
    set_language,
    t,
)
from pages import _nav as nav
from pages._registry import Page

LOG = logging.getLogger("haicap.pages")
EXPORTS_KEY = "_haicap_exports"
RAW_EXPORTS_KEY = "_haicap_raw_exports"
EXPORT_NAMES_KEY = "_haicap_export_names"
# Of each table the view drew (by its key): its headers as drawn and how many of them, after
# the first, are the metric it reports (the tests read it).
TABLES_KEY = "_haicap_tables"
SHOWN_ROWS = 1000  # rows drawn in a table; the CSV and XLSX have them all


def choose_language() -> str:
    """The language switch in the sidebar (kept in the URL as ?lang=), applied to this run."""
    language = url_choice(
        st.sidebar.segmented_control,
        "Ngôn ngữ / Language",
        ["vi", "en"],
        "lang",
        {"vi": "Tiếng Việt", "en": "English"}.get,
    )
    set_language(language or "vi")
    _relabel_choices(language or "vi")
    return language or "vi"


# Session-state keys: the url_choice boxes of this session, and the language last drawn.
CHOICES_KEY = "_haicap_choices"
DRAWN_LANGUAGE_KEY = "_haicap_drawn_language"


def _relabel_choices(language: str) -> None:
    """After a switch of language, give every choice box of the session its value again. The
    browser keeps a box's value as the words it was drawn with, and goes on showing them
    ("Tất cả lĩnh vực", "Tháng 10/2025" in English mode) until told the value again. Run
    before any page draws its boxes (a box already drawn in this run cannot be told)."""
    state = st.session_state
    if state.get(DRAWN_LANGUAGE_KEY, language) != language:
        for key in state.get(CHOICES_KEY, ()):
            if key in state:
                state[key] = state[key]
    state[DRAWN_LANGUAGE_KEY] = language


HOME = "overview"


def page_list(pages: list[Page]) -> list:
    """st.Page objects of an edition's pages (pages/_registry.py); "overview" is the default,
    served at the root. Streamlit serves the default page at "/" only, so a typed or linked
    `/overview` gets a hidden page of that name that sends the reader home, the address's
    filters kept (else Streamlit shows its English "Page not found")."""
    made = [
        st.Page(
            page.script,
            title=t(page.title),
            url_path="" if page.url == HOME else page.url,
            icon=page.icon,
            default=page.url == HOME,
        )
        for page in pages
    ]
    home = next((p for p, page in zip(made, pages, strict=True) if page.url == HOME), None)
    if home is None:
        return made

    def to_home() -> None:
        st.switch_page(home, query_params=st.query_params.to_dict())

    return [*made, st.Page(to_home, title=home.title, url_path=HOME, visibility="hidden")]


def month_label(month: dt.date) -> str:
    """ "Tháng 10/2025" / "Oct 2025"."""
    en = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return t("month_label", m=month.month, y=month.year, mon=en[month.month - 1])


def url_choice(
    widget: Callable[..., Any],
    label: str,
    options: list[str],
    key: str,
    format_func: Callable[[Any], str] = str,
    written_always: bool = False,
) -> str:
    """A choice kept in the URL: seeded from `?key=` on a page's first run, or when a link
    brought a value other than the one this session wrote (pages/_nav.py); written back
    after. The first option is the default (left out of the URL), unless `written_always`:
    a default that depends on the data (the first province with figures) would make the
    same link show another view later, and the next page would not know it was chosen."""
    labels = {option: format_func(option) for option in options}  # in this run's language
    wanted = st.query_params.get(key)
    if wanted in options and (key not in st.session_state or wanted != nav.written(key)):
        st.session_state[key] = wanted
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    if getattr(widget, "__name__", "") == "segmented_control":
        default = None if key in st.session_state else options[0]
        value = widget(
            label, options, default=default, required=True, key=key, format_func=labels.__getitem__
        )
    else:
        # labels (issue 20): the box's placeholder in words, not Streamlit's English one
        value = widget(
            label,
            options,
            key=key,
            format_func=labels.__getitem__,
            placeholder=t("choose_placeholder"),
        )
    value = value if value in options else options[0]
    if value == options[0] and not (written_always and value):
        st.query_params.pop(key, None)
        nav.wrote(key, None)
    else:
        st.query_params[key] = value
        nav.wrote(key, value)
    if key != "lang":  # the language's own switch is drawn before _relabel_choices runs
        st.session_state.setdefault(CHOICES_KEY, set()).add(key)
    return value


def style(fig: go.Figure, height: int = 360) -> go.Figure:
    """The house look of every chart (both editions): numbers and dates the way of the
    current language, counts in whole numbers, the legend above the plot."""
    fig.update_layout(
        separators=plotly_separators(),
        height=fig.layout.height or height,  # a figure that sets its own height keeps it
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        # Above the plot, where no axis is: under it, the legend covered the x axis's labels.
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        hoverlabel={"namelength": -1},
    )
    # Margins grow to fit the tick labels: with fixed 10 px margins a phone cut the dates
    # at the ends of the axis.
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    _long_categories_across(fig)
    _short_category_labels(fig)
    _number_axes(fig)
    days = _x_dates(fig)
    if days:
        monthly = len(days) > 1 and all(day.day == 1 for day in days)
        tick, hover = plotly_date_formats(monthly)
        fig.update_xaxes(tickformat=tick, hoverformat=hover)
        if monthly:
            fig.update_xaxes(dtick="M1" if len(days) <= 12 else "M3")
    return fig


# d3 formats of the three kinds of numeric axis; `separators` writes them the current
# language's way (6.000 and 95,5% in Vietnamese). None has an SI suffix: "0,5M" reads as
# nothing to a reader, and a count is never "1,5".
SHARE_FORMAT = (",.1~%", ",.1%")  # (tick, hover)
COUNT_FORMAT = (",d", ",d")
NUMBER_FORMAT = (",.2~f", ",.2~f")


def _axis_values(fig: go.Figure) -> dict[str, tuple[list, bool]]:
    """The values each axis of a bar or scatter figure carries (`yaxis2`: the values of the
    traces drawn against it), and whether a bar starts from zero on it."""
    found: dict[str, tuple[list, bool]] = {}
    for trace in fig.data:
        if getattr(trace, "type", None) not in ("bar", "scatter", "scattergl"):
            continue
        horizontal = getattr(trace, "orientation", None) == "h"
        for letter in ("x", "y"):
            values = getattr(trace, letter, None)
            if values is None:
                continue
            ref = getattr(trace, f"{letter}axis", None) or letter
            name = f"{letter}axis{ref[1:]}"
            values_before, bar_before = found.get(name, ([], False))
            is_bar = trace.type == "bar" and (letter == "x") == horizontal
            found[name] = ([*values_before, *values], bar_before or is_bar)
    return found


def _number_axes(fig: go.Figure) -> None:
    """Every numeric axis in the current language's numbers: an axis already written as a
    percentage keeps percent (with a decimal where its range is narrow), one with whole
    numbers only is a count (integer ticks, a tick per unit when the range is small), the
    rest plain decimals. Category and date axes are left alone."""
    for name, (values, from_zero) in _axis_values(fig).items():
        numbers = [v for v in values if v is not None]
        axis = fig.layout[name]
        if axis is None or not numbers or axis.type in ("category", "date", "log"):
            continue
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
            continue
        numbers = [v for v in numbers if v == v]  # NaN: no bar, no tick
        if not numbers:
            continue
        if axis.tickformat and "%" not in axis.tickformat:
            axis.update(hoverformat=axis.hoverformat or axis.tickformat)  # the figure's own
            continue
        if axis.tickformat:
            tick, hover = SHARE_FORMAT
        elif all(float(v).is_integer() for v in numbers):
            tick, hover = COUNT_FORMAT
            low, high = min(numbers), max(numbers)
            if from_zero:
                low, high = min(low, 0), max(high, 0)
            if high - low <= 10 and not axis.dtick:
                # Plotly's own ticks step by 0,5 on a small range: half a person
                axis.update(tick0=0, dtick=1)
        else:
            tick, hover = NUMBER_FORMAT
        axis.update(tickformat=tick, hoverformat=axis.hoverformat or hover)


def _long_categories_across(fig: go.Figure, longest: int = 12, most: int = 8) -> None:
    """A bar chart of long names (procedures, specialities) or many of them drawn with
    horizontal bars, the names on the y axis: under vertical bars they were turned on
    their side, or overlapped, and on a phone cut. The first category stays on top."""
    bars = [trace for trace in fig.data if getattr(trace, "type", None) == "bar"]
    if not bars or len(bars) != len(fig.data):
        return
    if any(getattr(trace, "orientation", None) == "h" for trace in bars):
        return
    names = list(dict.fromkeys(name for trace in bars for name in (trace.x or ())))
    if not names or not all(isinstance(name, str) for name in names):
        return
    if max(len(name) for name in names) <= longest and len(names) <= most:
        return
    for trace in bars:
        trace.update(x=trace.y, y=trace.x, orientation="h")
    fig.update_yaxes(autorange="reversed")
    rows = len(names) * (len(bars) if fig.layout.barmode == "group" else 1)
    fig.update_layout(height=max(fig.layout.height or 0, 90 + 22 * rows))


def _short_category_labels(fig: go.Figure, longest: int = 28) -> None:
    """Long names on a bar chart's category axis cut short with "…" (the hover keeps the
    whole name): a procedure's full name is wider than a phone."""
    for axis, horizontal in (("y", True), ("x", False)):
        names = [
            name
            for trace in fig.data
            if getattr(trace, "type", None) == "bar"
            and (getattr(trace, "orientation", None) == "h") == horizontal
            and getattr(trace, axis, None) is not None
            for name in getattr(trace, axis)
            if isinstance(name, str)
        ]
        names = list(dict.fromkeys(names))
        if any(len(name) > longest for name in names):
            short = [n if len(n) <= longest else n[: longest - 1] + "…" for n in names]
            update = fig.update_yaxes if horizontal else fig.update_xaxes
            update(tickmode="array", tickvals=names, ticktext=short)


def _x_dates(fig: go.Figure) -> list[dt.date]:
    """The dates on the x axis of a figure (none when x is not a date axis)."""
    found: list[dt.date] = []
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        values = [] if xs is None else [v for v in xs if v is not None]
        if not values:
            continue
        if not all(isinstance(v, dt.date) for v in values):
            return []
        found += values
    return sorted(set(found))


def in_words(frame: pl.DataFrame) -> pl.DataFrame:
    """Coded values (`bo_trong`, `high`, `since_reform`) and yes/no columns in words of the
    current language (haicap/labels.py), and, of a column given in both languages (`reason`,
    `reason_en`), the current language's one under the first's name."""
    english = {c for c in frame.columns if c.endswith("_en") and c[:-3] in frame.columns}
    if english:
        keep_en = language() == "en"
        frame = frame.drop([c[:-3] if keep_en else c for c in english])
        frame = frame.rename({c: c[:-3] for c in english if c in frame.columns})
    return frame.with_columns(
        pl.Series(name, [words.value_label(name, v) for v in frame.get_column(name).to_list()])
        for name, dtype in frame.schema.items()
        if dtype == pl.Boolean or (dtype == pl.String and words.is_coded(name))
    )


def readable(frame: pl.DataFrame, column_labels: dict[str, str] | None = None) -> pl.DataFrame:
    """The frame as a reader sees it: coded values in words, numbers, shares and dates written
    the way of the current language, an empty cell as a dash, and every column headed in
    words (`column_labels`, else the dictionary's header). The CSV and XLSX have their own
    form (`export_frame`).

    Formatted in Python over the (at most SHOWN_ROWS) values, not with `map_elements`: a
    Polars UDF runs on Polars' worker threads, and with several sessions drawing at once
    (one converting a frame for `st.dataframe`, others formatting) the server deadlocked
    (scripts/load_browsers.py; pola-rs/polars#26821)."""
    frame = in_words(frame)
    columns = []
    for name, dtype in frame.schema.items():
        writer = None
        if dtype.is_float():
            writer = fmt_pct if words.is_rate(name) else lambda v: fmt_number(v, 1)
        elif dtype.is_integer() or dtype.is_decimal():
            writer = fmt_number
        elif dtype == pl.Date:
            writer = fmt_date
        elif dtype == pl.Datetime:
            writer = fmt_datetime
        elif dtype in (pl.String, pl.Null):
            writer = _text
        shown = _unique((column_labels or {}).get(name) or words.header(name), columns)
        column = frame.get_column(name)
        if writer is not None:
            column = pl.Series(shown, [writer(v) for v in column.to_list()], dtype=pl.String)
        columns.append(column.alias(shown))
    return pl.DataFrame(columns) if columns else frame


def _unique(header: str, columns: list[pl.Series]) -> str:
    """A header not yet taken by `columns` (two columns may share words, e.g. two shares)."""
    taken = {column.name for column in columns}
    unique, n = header, 2
    while unique in taken:
        unique, n = f"{header} ({n})", n + 1
    return unique


def _text(value: object) -> str:
    return "–" if value is None else str(value)


def export_frame(frame: pl.DataFrame, column_labels: dict[str, str] | None = None) -> pl.DataFrame:
    """The frame as the CSV and XLSX a person downloads hold it: headed in words, coded values
    in words, numbers as numbers, and rates as percentages with one decimal (`90.9`, headed
    "… (%)"), never as `0.9090909`."""
    frame = in_words(frame)
    columns = []
    for name, dtype in frame.schema.items():
        column = frame.get_column(name)
        shown = (column_labels or {}).get(name) or words.header(name)
        if dtype.is_float() and words.is_rate(name):
            column = (column * 100).round(1)
            shown += words.PERCENT_HEADER
        elif dtype.is_float():
            column = column.round(1)
        columns.append(column.alias(_unique(shown, columns)))
    return pl.DataFrame(columns, height=frame.height) if columns else frame


# -- the tables a view drew ------------------------------------------------------------------------


def reset_exports() -> None:
    """A new run: no table of the last one goes into the view's downloads."""
    st.session_state[EXPORTS_KEY] = {}
    st.session_state[RAW_EXPORTS_KEY] = {}
    st.session_state[EXPORT_NAMES_KEY] = {}
    st.session_state[TABLES_KEY] = {}


def register_export(
    key: str, frame: pl.DataFrame, raw: pl.DataFrame | None = None, title: str = ""
) -> None:
    """A table of the view, as its CSV holds it, for the view's one-file downloads; `raw`
    beside it when the workbook writes something else (the public edition's flags). Its
    sheet (and file) in the download is named in words: the dictionary's name of the table,
    else its title."""
    st.session_state.setdefault(EXPORTS_KEY, {})[key[:31]] = frame
    if raw is not None:
        st.session_state.setdefault(RAW_EXPORTS_KEY, {})[key[:31]] = raw
    names = st.session_state.setdefault(EXPORT_NAMES_KEY, {})
    taken = {name for other, name in names.items() if other != key[:31]}
    names[key[:31]] = sheet_name(key, title, taken)


# Characters a workbook's sheet name cannot hold.
_NOT_IN_SHEET_NAMES = str.maketrans({c: "-" for c in "[]:*?/\\"})


def sheet_name(key: str, title: str, taken: set[str]) -> str:
    """A sheet name a person reads (at most 31 characters, unique in the workbook): the
    table's name in the dictionary (`sheet_<key>`), else the title before its " — "."""
    name = t(f"sheet_{key}")
    if name == f"sheet_{key}":
        name = title.split(" — ")[0].strip() or t("table")
    name = name.translate(_NOT_IN_SHEET_NAMES).strip("' ")[:31].strip()
    unique, n = name, 2
    while unique in taken:
        unique = f"{name[: 31 - len(str(n)) - 3]} ({n})"
        n += 1
    return unique


def export_names() -> dict[str, str]:
    """Each table's sheet name in the view's downloads, by the table's key."""
    return dict(st.session_state.get(EXPORT_NAMES_KEY) or {})


def exports() -> dict[str, pl.DataFrame]:
    return dict(st.session_state.get(EXPORTS_KEY) or {})


def raw_exports() -> dict[str, pl.DataFrame]:
    return dict(st.session_state.get(RAW_EXPORTS_KEY) or {})


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode("utf-8-sig")  # BOM: Excel opens Vietnamese text right


# -- one metric block ----------------------------------------------------------------------------


def is_code(column: str) -> bool:
    """A code column (ward, province, asset, dossier, procedure code): drawn last, after what
    the table reports."""
    return column == "code" or column.endswith("_code")


# Columns that travel with another (`reason` and `reason_en`, `received` and its withheld flag):
# drawn where the column they belong to is, so that the one shown stays in its place.
_COMPANIONS = ("_en", "_withheld")


def drawn_order(frame: pl.DataFrame, metric: Sequence[str]) -> list[str]:
    """The columns of a table as drawn: its name (the first text column that is neither a
    code nor a rank, else the first date: a ward, a procedure, a month), then the metric
    column(s) the table reports, then the rest, codes last. On a phone the screen holds two
    columns: they are the name and the figure."""
    columns = frame.columns
    missing = [m for m in metric if m not in columns]
    if missing:
        raise ValueError(f"metric column(s) {missing} not in the table's {columns}")
    companion = {
        f"{c}{suffix}": c for c in columns for suffix in _COMPANIONS if f"{c}{suffix}" in columns
    }
    own = [c for c in columns if c not in companion]
    labels = [c for c in own if c not in metric and not is_code(c) and c != "rank"]
    name = next((c for c in labels if frame.schema[c] == pl.String), None) or next(
        (c for c in labels if frame.schema[c] in (pl.Date, pl.Datetime)), None
    )
    first = [c for c in (name, *metric) if c is not None]
    rest = [c for c in own if c not in first]
    ordered = first + [c for c in rest if not is_code(c)] + [c for c in rest if is_code(c)]
    return [d for c in ordered for d in (c, *(k for k, v in companion.items() if v == c))]


# On a phone (390 px) a table is about 358 px wide, less a tick box column (33 px) when its
# rows open a page: the name and the metric, at most these widths, fit beside each other.
NAME_WIDTH = 160
METRIC_WIDTH = 150
# A header's width as the grid draws it, roughly (its font, and the padding of a cell).
_PX_PER_CHARACTER, _HEADER_PADDING = 7.5, 28


def table_columns(
    frame: pl.DataFrame, shown: pl.DataFrame, metric: Sequence[str]
) -> dict[str, Any]:
    """How the grid draws `shown` (the reader's form of `frame`, whose columns it keeps in
    order, withheld flags dropped). In a table that reports a figure, the name is pinned (it
    stays when the reader scrolls right) and at most NAME_WIDTH wide, the metric at most
    METRIC_WIDTH (a longer header is cut, and whole on hovering it): together they fit a
    phone's screen. Other texts are at most a medium column wide (at their full width a phone
    showed one alone); a cell's full text stays one tap away."""
    kinds = [
        dtype
        for column, dtype in in_words(frame.head(0)).schema.items()
        if not column.endswith("_withheld")
    ]
    config: dict[str, Any] = {}
    for position, (dtype, label) in enumerate(zip(kinds, shown.columns, strict=False)):
        if position == 0 and metric:
            width = NAME_WIDTH if dtype == pl.String else None
            config[label] = st.column_config.TextColumn(width=width, pinned=True)
        elif 0 < position <= len(metric):
            if len(label) * _PX_PER_CHARACTER + _HEADER_PADDING > METRIC_WIDTH:
                config[label] = st.column_config.Column(width=METRIC_WIDTH, help=label)
        elif dtype == pl.String:
            config[label] = st.column_config.TextColumn(width="medium")
    return config


def metric_block(
    title: str,
    frame: pl.DataFrame,
    key: str,
    *,
    metric: str | Sequence[str] | None,
    table: Callable[[pl.DataFrame], pl.DataFrame],
    csv: bytes | Callable[[], bytes],
    source: str,
    empty: str,
    figure: Callable[[pl.DataFrame], go.Figure] | None = None,
    details: tuple[str, str] | None = None,
    select: Callable[[int], None] | None = None,
) -> None:
    """A titled chart (or table alone) with its table one click away, its CSV and its source
    line. `metric` names the column(s) the table reports (None for a plain list with no
    figure, e.g. of files): the table is drawn with the name first, then the metric, codes
    last (`drawn_order`), so a phone's screen shows the figure beside the name. `table` writes
    the rows as a reader sees them (at most SHOWN_ROWS are drawn); `csv` is the file, or what
    makes it when it is taken; `details` an expander (title, markdown); `select`, when given,
    makes a row clickable and is called with the clicked row's position in `frame` (a ranking
    opens the ward clicked)."""
    if title:
        st.markdown(f"## {title}")
    if frame.is_empty():
        st.info(empty)
        return
    metrics = list(dict.fromkeys([metric] if isinstance(metric, str) else metric or []))
    if figure is not None:
        chart_tab, container = st.tabs([t("chart"), t("table")])
        with chart_tab:
            st.plotly_chart(style(figure(frame)), key=f"chart_{key}", config={"displaylogo": False})
    else:
        container = st.container()
    with container:
        rows = frame.head(SHOWN_ROWS)
        rows = rows.select(drawn_order(rows, metrics))
        shown = table(rows)
        st.session_state.setdefault(TABLES_KEY, {})[key] = (list(shown.columns), len(metrics))
        clickable = {"on_select": "rerun", "selection_mode": "single-row"} if select else {}
        # Named on the page (class st-key-figures_…, or st-key-list_… for a plain list): the
        # browser tests check that a table reporting a figure shows it beside the name.
        with st.container(key=f"{'figures' if metrics else 'list'}_{key}"):
            event = st.dataframe(
                shown,
                hide_index=True,
                key=f"table_{key}",
                column_config=table_columns(rows, shown, metrics),
                **clickable,
            )
        if select is not None and event.selection.rows:
            select(event.selection.rows[0])
        if frame.height > SHOWN_ROWS:
            st.caption(t("rows_shown", shown=fmt_number(SHOWN_ROWS), rows=fmt_number(frame.height)))
    st.download_button(
        t("download_csv"),
        csv,
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
    if details is not None:
        with st.expander(details[0]):
            st.markdown(details[1])
    st.caption(source)


# -- failures ------------------------------------------------------------------------------------


def log_error(error: BaseException) -> str:
    """Log an error a viewer met, with its traceback, to the server's log under a short id,
    and return the id: the viewer is shown the id only, the administrator greps the log."""
    error_id = secrets.token_hex(4)
    LOG.error("error %s on a page: %s", error_id, type(error).__name__, exc_info=error)
    return error_id
