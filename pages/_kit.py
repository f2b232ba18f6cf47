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
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap.i18n import (
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_pct,
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
    return language or "vi"


def page_list(pages: list[Page]) -> list:
    """st.Page objects of an edition's pages (pages/_registry.py); "overview" is the default."""
    return [
        st.Page(
            page.script,
            title=t(page.title),
            url_path=page.url,
            icon=page.icon,
            default=page.url == "overview",
        )
        for page in pages
    ]


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
) -> str:
    """A choice kept in the URL: seeded from `?key=` on a page's first run, or when a link
    brought a value other than the one this session wrote (pages/_nav.py); written back
    after. The first option is the default (left out of the URL)."""
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
        value = widget(label, options, key=key, format_func=labels.__getitem__)
    value = value if value in options else options[0]
    if value == options[0]:
        st.query_params.pop(key, None)
        nav.wrote(key, None)
    else:
        st.query_params[key] = value
        nav.wrote(key, value)
    return value


def style(fig: go.Figure, height: int = 360) -> go.Figure:
    """The house look of every chart (both editions): numbers and dates the way of the
    current language."""
    fig.update_layout(
        separators=plotly_separators(),
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.15},
    )
    # Margins grow to fit the tick labels: with fixed 10 px margins a phone cut the dates
    # at the ends of the axis.
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    _short_category_labels(fig)
    days = _x_dates(fig)
    if days:
        monthly = len(days) > 1 and all(day.day == 1 for day in days)
        tick, hover = plotly_date_formats(monthly)
        fig.update_xaxes(tickformat=tick, hoverformat=hover)
        if monthly:
            fig.update_xaxes(dtick="M1" if len(days) <= 12 else "M3")
    return fig


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


def _is_share(column: str) -> bool:
    return "share" in column or "rate" in column


def readable(frame: pl.DataFrame, column_labels: dict[str, str] | None = None) -> pl.DataFrame:
    """The frame as a reader sees it: numbers, shares and dates written the way of the
    current language (the CSV and XLSX keep the raw values).

    Formatted in Python over the (at most SHOWN_ROWS) values, not with `map_elements`: a
    Polars UDF runs on Polars' worker threads, and with several sessions drawing at once
    (one converting a frame for `st.dataframe`, others formatting) the server deadlocked
    (scripts/load_browsers.py; pola-rs/polars#26821)."""
    columns = []
    for name, dtype in frame.schema.items():
        writer = None
        if dtype.is_float():
            writer = fmt_pct if _is_share(name) else lambda v: fmt_number(v, 1)
        elif dtype.is_integer() or dtype.is_decimal():
            writer = fmt_number
        elif dtype == pl.Date:
            writer = fmt_date
        elif dtype == pl.Datetime:
            writer = fmt_datetime
        shown = (column_labels or {}).get(name, name)
        column = frame.get_column(name)
        if writer is not None:
            column = pl.Series(shown, [writer(v) for v in column.to_list()], dtype=pl.String)
        columns.append(column.alias(shown))
    return pl.DataFrame(columns) if columns else frame


# -- the tables a view drew ------------------------------------------------------------------------


def reset_exports() -> None:
    """A new run: no table of the last one goes into the view's downloads."""
    st.session_state[EXPORTS_KEY] = {}
    st.session_state[RAW_EXPORTS_KEY] = {}


def register_export(key: str, frame: pl.DataFrame, raw: pl.DataFrame | None = None) -> None:
    """A table of the view, as its CSV holds it, for the view's one-file downloads; `raw`
    beside it when the workbook writes something else (the public edition's flags)."""
    st.session_state.setdefault(EXPORTS_KEY, {})[key[:31]] = frame
    if raw is not None:
        st.session_state.setdefault(RAW_EXPORTS_KEY, {})[key[:31]] = raw


def exports() -> dict[str, pl.DataFrame]:
    return dict(st.session_state.get(EXPORTS_KEY) or {})


def raw_exports() -> dict[str, pl.DataFrame]:
    return dict(st.session_state.get(RAW_EXPORTS_KEY) or {})


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode("utf-8-sig")  # BOM: Excel opens Vietnamese text right


# -- one metric block ----------------------------------------------------------------------------


def metric_block(
    title: str,
    frame: pl.DataFrame,
    key: str,
    *,
    table: Callable[[pl.DataFrame], pl.DataFrame],
    csv: bytes | Callable[[], bytes],
    source: str,
    empty: str,
    figure: Callable[[pl.DataFrame], go.Figure] | None = None,
    details: tuple[str, str] | None = None,
) -> None:
    """A titled chart (or table alone) with its table one click away, its CSV and its source
    line. `table` writes the rows as a reader sees them (at most SHOWN_ROWS are drawn); `csv`
    is the file, or what makes it when it is taken; `details` an expander (title, markdown)."""
    if title:
        st.markdown(f"## {title}")
    if frame.is_empty():
        st.info(empty)
        return
    if figure is not None:
        chart_tab, container = st.tabs([t("chart"), t("table")])
        with chart_tab:
            st.plotly_chart(style(figure(frame)), key=f"chart_{key}", config={"displaylogo": False})
    else:
        container = st.container()
    with container:
        shown = table(frame.head(SHOWN_ROWS))
        # Names (wards, procedures) at most a medium column wide: at their full width a
        # phone showed the name alone; the cell's full text stays one tap away.
        names = {
            label: st.column_config.TextColumn(width="medium")
            for (column, dtype), label in zip(frame.schema.items(), shown.columns, strict=False)
            if dtype == pl.String
        }
        st.dataframe(shown, hide_index=True, key=f"table_{key}", column_config=names)
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
