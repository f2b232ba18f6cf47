"""What every page of the public edition shares: the language, filters kept in the URL
(permalinks), the chart block (title, chart, table with "< 10" for withheld cells, CSV,
methodology note, permalink, source) and the one-file download of the whole view.

The leaders' helpers are reused where they are not tied to their warehouse (`url_choice`,
`style`, `xlsx_bytes`, the export registry); the numbers come from warehouse.public_queries
only, which opens nothing but public.duckdb.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from urllib.parse import urlencode

import plotly.graph_objects as go
import polars as pl
import streamlit as st

import haicap.i18n_public  # noqa: F401  (registers the pub_ strings)
from haicap.i18n import fmt_date, fmt_datetime, fmt_number, fmt_pct, set_language, t
from pages._common import EXPORTS_KEY, reset_exports, style, url_choice, xlsx_bytes
from warehouse import public_queries as pq

METHOD_KEYS: dict[str, list[str]] = {
    "received": ["def_received"],
    "received_online": ["def_received", "def_online"],
    "online_share": ["def_online"],
    "finished": ["def_end"],
    "on_time_rate": ["def_due", "def_timeliness", "def_on_time"],
    "pending_end": ["def_pending"],
    "pending_overdue_end": ["def_pending", "def_due"],
    "service_index": ["def_service_index"],
}


def start() -> None:
    """Re-apply the session's language (a page may run outside the router's context)."""
    set_language(str(st.session_state.get("lang", "vi")))


def label(column: str) -> str:
    return t("pub_pending_overdue") if column == "pending_overdue_end" else t(column)


def month_label(month: dt.date) -> str:
    en = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return t("month_label", m=month.month, y=month.year, mon=en[month.month - 1])


def month_filter() -> dt.date | None:
    """The month, newest first, kept in `?m=YYYY-MM`."""
    months = list(reversed(pq.months()))
    if not months:
        return None
    chosen = url_choice(
        st.sidebar.selectbox,
        t("pub_month"),
        [m.strftime("%Y-%m") for m in months],
        "m",
        lambda s: month_label(dt.date.fromisoformat(s + "-01")),
    )
    return dt.date.fromisoformat(chosen + "-01")


def province_filter(allow_country: bool = True) -> str | None:
    """The province, kept in `?prov=CODE` ("" is the whole country)."""
    names = dict(pq.provinces().iter_rows())
    options = (["", *names] if allow_country else list(names)) or [""]
    chosen = url_choice(
        st.sidebar.selectbox,
        t("pub_unit_province"),
        options,
        "prov",
        lambda c: names.get(c, c) if c else t("pub_country"),
    )
    return chosen or None


def withheld_note() -> None:
    st.info(t("pub_withheld_note"), icon=":material/visibility_off:")


def permalink() -> str:
    """This view's address with its filters (the language included)."""
    params = {k: v for k, v in st.query_params.to_dict().items()}
    try:
        base = (st.context.url or "").split("?")[0]
    except AttributeError:  # outside a browser session (AppTest)
        base = ""
    return f"{base}?{urlencode(params)}" if params else base or "?"


def source(table: str) -> str:
    return t("pub_source", table=table, build=pq.build_info().get("build_id") or "–")


def _register(key: str, frame: pl.DataFrame) -> None:
    exports: dict[str, pl.DataFrame] = st.session_state.setdefault(EXPORTS_KEY, {})
    exports[key[:31]] = frame


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """Withheld cells as "< 10"/"n < 20", the rest written the reader's way, labelled."""
    out = pq.shown(frame, number=fmt_number, share=fmt_pct)
    dates = [c for c, d in out.schema.items() if d == pl.Date]
    out = out.with_columns(  # in Python, not map_elements: see pq.shown
        pl.Series(c, [None if v is None else fmt_date(v) for v in out[c].to_list()], pl.String)
        for c in dates
    ).select(
        pl.col(c).cast(pl.String) if out.schema[c] == pl.Boolean else pl.col(c) for c in out.columns
    )
    return out.rename({c: label(c) for c in out.columns if c in pq.COUNTS + pq.RATES})


def block(
    title: str,
    frame: pl.DataFrame,
    key: str,
    table: str,
    measures: list[str],
    figure: Callable[[pl.DataFrame], go.Figure] | None = None,
) -> None:
    """A public chart: title, chart and table (withheld cells as "< 10"), its CSV, its
    methodology note, the permalink of the view and its source."""
    st.markdown(f"#### {title}")
    if frame.is_empty():
        st.info(t("pub_no_data"))
        return
    data = pq.shown(frame)  # raw values as text, withheld cells marked; what the CSV holds
    _register(key, data)
    if figure is not None:
        chart_tab, table_tab = st.tabs([t("chart"), t("table")])
        with chart_tab:
            st.plotly_chart(style(figure(frame)), key=f"chart_{key}", config={"displaylogo": False})
    else:
        table_tab = st.container()
    with table_tab:
        st.dataframe(readable(frame), hide_index=True, key=f"table_{key}")
    left, right = st.columns([1, 3])
    left.download_button(
        t("download_csv"),
        data.write_csv().encode("utf-8-sig"),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
    with right.expander(t("pub_method_note")):
        st.markdown(method_note(measures))
    st.caption(f"{source(table)} · {t('pub_permalink')}: `{permalink()}`")


def method_note(measures: list[str]) -> str:
    keys = dict.fromkeys(k for m in measures for k in METHOD_KEYS.get(m, []))
    lines = [f"- {t(k)}" for k in keys]
    return "\n".join([*lines, f"- {t('pub_withheld_note')}"])


def bars_with_withheld(frame: pl.DataFrame, x: str, column: str) -> go.Figure:
    """Bars of a count by `x`; a withheld month has no bar but a "< 10" mark at zero."""
    fig = go.Figure()
    fig.add_bar(x=frame[x].to_list(), y=frame[column].to_list(), name=label(column))
    hidden = frame.filter(pl.col(f"{column}_withheld").fill_null(True))
    if not hidden.is_empty():
        fig.add_scatter(
            x=hidden[x].to_list(),
            y=[0] * hidden.height,
            mode="markers+text",
            text=[pq.WITHHELD_COUNT] * hidden.height,
            textposition="top center",
            marker={"symbol": "x", "color": "grey"},
            name=t("pub_withheld_note").split(":")[0].strip("“”"),
            hoverinfo="skip",
        )
    return fig


def rates_figure(frame: pl.DataFrame, x: str) -> go.Figure:
    fig = go.Figure()
    for rate in pq.RATES:
        fig.add_scatter(
            x=frame[x].to_list(),
            y=frame[rate].to_list(),
            mode="lines+markers",
            name=label(rate),
            connectgaps=False,
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05])
    return fig


def guard(draw: Callable[[], None]) -> None:
    """Run a page; a missing public file becomes a sentence, never a traceback."""
    start()
    try:
        draw()
    except pq.NotPublished as missing:
        st.warning(t("pub_no_file", path=str(missing)))


# -- the whole view in one file ------------------------------------------------------------------


def view_readme(page: str) -> str:
    info = pq.build_info()
    return "\n\n".join(
        [
            f"{t('pub_title')}\n{t('pub_edition')}",
            f"{t('pub_permalink')}: {permalink()} (page: {page})",
            t(
                "pub_built",
                build=info.get("build_id") or "–",
                at=fmt_datetime(info.get("built_at")),
            ),
            t("pub_withheld_note"),
            t("pub_method_intro"),
            t("pub_method_withheld"),
        ]
    )


def zip_bytes(frames: dict[str, pl.DataFrame], readme: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for name, frame in frames.items():
            archive.writestr(f"{name}.csv", frame.write_csv().encode("utf-8-sig"))
    return buffer.getvalue()


def export_view(page: str) -> None:
    """The whole view (every table the page drew) in one ZIP of CSVs or one XLSX."""
    frames: dict[str, pl.DataFrame] = st.session_state.get(EXPORTS_KEY) or {}
    if not frames:
        return
    readme = view_readme(page)
    st.sidebar.download_button(
        t("pub_download_zip"),
        zip_bytes(frames, readme),
        file_name=f"haicap_public_{page}.zip",
        mime="application/zip",
        key="zip_export",
        on_click="ignore",
    )
    st.sidebar.download_button(
        t("pub_download_xlsx"),
        xlsx_bytes({"README": pl.DataFrame({"README": readme.split("\n")}), **frames}),
        file_name=f"haicap_public_{page}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="xlsx_export",
        on_click="ignore",
    )


__all__ = ["reset_exports"]
