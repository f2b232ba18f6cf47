"""What every page of the public edition shares: the language, filters kept in the URL
(permalinks), the chart block (title, chart, table with one marker for withheld cells, CSV,
methodology note, permalink, source) and the one-file download of the whole view (CSVs as
text, the XLSX with numbers as numbers).

The block, the language switch, URL choices and the export registry are the UI kit both
editions share (pages/_kit.py); the numbers come from warehouse.public_queries only, which
opens nothing but public.duckdb. The thresholds the text quotes come from the public file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

import plotly.graph_objects as go
import polars as pl
import streamlit as st

import haicap.i18n_public  # noqa: F401  (registers the pub_ strings)
from haicap import labels as words
from haicap.i18n import fmt_datetime, fmt_number, fmt_pct, set_language, t
from pages._kit import (
    LOG,
    csv_bytes,
    export_names,
    exports,
    in_words,
    log_error,
    metric_block,
    month_label,
    raw_exports,
    register_export,
    url_choice,
)
from pages._kit import (
    readable as written_out,
)
from pages._places import province_place
from warehouse import public_queries as pq

MEASURES = pq.COUNTS + pq.RATES + pq.POINTS + pq.PER_1000
# A chart's note defines its figures in words (the Methodology's plain tab); the field-level
# definitions are on the Methodology page, one click away, for analysts.
METHOD_KEYS: dict[str, list[str]] = {
    "received": ["method_received"],
    "received_online": ["method_received", "method_online"],
    "online_share": ["method_online"],
    "finished": ["method_finished"],
    "on_time_rate": ["method_timeliness", "method_on_time_rate"],
    "pending_end": ["method_pending"],
    "pending_overdue_end": ["method_pending"],
    "overdue_per_1000": ["method_pending", "method_overdue_per_1000", "pub_per_1000_withheld"],
    "service_index": ["def_service_index"],
}


def start() -> None:
    """Re-apply the session's language (a page may run outside the router's context)."""
    set_language(str(st.session_state.get("lang", "vi")))


def withheld_mark() -> str:
    """What a withheld cell reads, whatever the reason it is withheld."""
    return t("pub_withheld_mark")


def value_text(measure: str, value: object, withheld: bool) -> str:
    """One published figure as a reader sees it (a headline, a hover)."""
    if withheld:
        return withheld_mark()
    if measure in pq.RATES:
        return fmt_pct(value)
    return fmt_number(value, 1) if measure in pq.POINTS + pq.PER_1000 else fmt_number(value)


def label(column: str) -> str:
    """A column's header: the public edition's own words for two figures, else the one
    dictionary's (haicap/labels.py)."""
    special = {"pending_overdue_end": "pub_pending_overdue", "service_index": "pub_service_points"}
    return t(special[column]) if column in special else words.header(column)


def unit_words(frame: pl.DataFrame, province: str) -> pl.DataFrame:
    """A province's units as a reader sees them: the province-level row named in the
    reader's language ("Province level — Thành phố Hà Nội"; the build names it in Vietnamese)
    and with no unit code (its internal code `tinh_<province>` is no code a reader can use)."""
    if "is_province_level" not in frame.columns:
        return frame
    level = pl.col("is_province_level").fill_null(False)
    name = t("pub_province_level_unit", province=pq.province_name(province) or province)
    return frame.with_columns(
        pl.when(level).then(pl.lit(name)).otherwise(pl.col("unit_name")).alias("unit_name"),
        pl.when(level)
        .then(pl.lit(None, pl.String))
        .otherwise(pl.col("unit_code"))
        .alias("unit_code"),
    )


def place_line(province: str, month: dt.date, metric: str, note: bool = True) -> None:
    """The province's place by `metric` among all the provinces, in the words of the
    leaders' edition (pages/_places.py); `note` adds the line on how places are counted."""
    place = pq.province_place(province, month, metric)
    name = pq.province_name(province) or province
    line, rule = province_place(name, label(metric), place)
    if place["rank"] is None and place.get("withheld"):  # not "no data": it is not published
        line = t("pub_province_withheld_rank", province=name, metric=label(metric))
    st.markdown(line if place["rank"] is None else f"**{line}**")
    if note:
        st.caption(rule)


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
    provinces = pq.provinces()
    names = dict(provinces.select("province_code", "province_name").iter_rows())
    empty = set(provinces.filter(~pl.col("has_data"))["province_code"])
    options = (["", *names] if allow_country else list(names)) or [""]

    def named(code: str) -> str:
        if not code:
            return t("pub_country")
        name = names.get(code, code)
        return t("pub_province_no_data", province=name) if code in empty else name

    chosen = url_choice(
        st.sidebar.selectbox, t("pub_unit_province"), options, "prov", named, written_always=True
    )
    return chosen or None


def with_thresholds(key: str) -> str:
    """A text that quotes the withholding thresholds, with the numbers the public file was
    built with (dbt vars public_min_count, public_min_denominator)."""
    return t(key, **pq.thresholds())


def withheld_note() -> None:
    st.info(with_thresholds("pub_withheld_note"), icon=":material/visibility_off:")


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


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """The table as a reader sees it: written as the leaders' tables are (pages/_kit.py),
    every withheld cell as the marker, labelled."""
    flags = [c for c in frame.columns if c.endswith("_withheld")]
    kept = frame.drop(flags)
    written = written_out(kept, {c: c for c in kept.columns})  # headed below, once marked
    mark = withheld_mark()
    written = written.with_columns(
        pl.when(frame.get_column(f"{c}_withheld").fill_null(True))
        .then(pl.lit(mark))
        .otherwise(pl.col(c).cast(pl.String))
        .alias(c)
        for c in written.columns
        if f"{c}_withheld" in flags
    )
    return written.rename({c: label(c) for c in written.columns})


def export_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The table as its CSV holds it: headed in words, every withheld cell as the marker,
    counts as whole numbers, rates as percentages with one decimal (`90.9`, headed "… (%)",
    as the leaders' files), coded values and yes/no in words, days as ISO dates."""
    mark = withheld_mark()
    flags = [c for c in frame.columns if c.endswith("_withheld")]
    values = in_words(frame.drop(flags))
    columns = []
    for name in values.columns:
        column = values.get_column(name)
        header = label(name)
        if name in pq.RATES or (column.dtype.is_float() and words.is_rate(name)):
            column = (column * 100).round(1)
            header += words.PERCENT_HEADER
        elif column.dtype.is_float():
            column = column.round(1)
        flag = f"{name}_withheld"
        if flag in frame.columns:
            hidden = frame.get_column(flag).fill_null(True).to_list()
            column = pl.Series(
                [
                    mark if withheld else ("" if v is None else str(v))
                    for v, withheld in zip(column.to_list(), hidden, strict=True)
                ],
                dtype=pl.String,
            )
        columns.append(column.alias(header))
    return pl.DataFrame(columns, height=frame.height) if columns else frame.select([])


def block(
    title: str,
    frame: pl.DataFrame,
    key: str,
    table: str,
    measures: list[str],
    figure: Callable[[pl.DataFrame], go.Figure] | None = None,
    select: Callable[[int], None] | None = None,
    *,
    metric: str | Sequence[str] | None,
) -> None:
    """A public chart: title, chart and table (withheld cells marked), its CSV, its
    methodology note, the permalink of the view and its source; `metric` names the column(s)
    the table reports, drawn beside its name (pages/_kit.metric_block); `select` makes a row
    clickable."""
    data = export_frame(frame)  # the CSV: in words, withheld cells marked
    if not frame.is_empty():
        register_export(key, data, raw=frame, title=title)
    metric_block(
        title,
        frame,
        key,
        table=readable,
        csv=csv_bytes(data),
        source=f"{source(table)} · {t('pub_permalink')}: `{permalink()}`",
        empty=t("pub_no_data"),
        figure=figure,
        details=(t("pub_method_note"), method_note(measures)),
        select=select,
        metric=metric,
    )


def method_note(measures: list[str]) -> str:
    keys = dict.fromkeys(k for m in measures for k in METHOD_KEYS.get(m, []))
    lines = [f"- {with_thresholds(k)}" for k in keys]
    technical = f"- {t('pub_method_technical')}"
    return "\n".join([*lines, f"- {with_thresholds('pub_withheld_note')}", technical])


def bars_with_withheld(frame: pl.DataFrame, x: str, column: str) -> go.Figure:
    """Bars of a count by `x`; a withheld month has no bar but a mark at zero, named once in
    the legend and on hovering it (a word over each mark ran together on a phone)."""
    fig = go.Figure()
    fig.add_bar(x=frame[x].to_list(), y=frame[column].to_list(), name=label(column))
    hidden = frame.filter(pl.col(f"{column}_withheld").fill_null(True))
    if not hidden.is_empty():
        fig.add_scatter(
            x=hidden[x].to_list(),
            y=[0] * hidden.height,
            mode="markers",
            marker={"symbol": "x", "color": "grey", "size": 9},
            name=withheld_mark(),
            hovertemplate=f"%{{x}}: {withheld_mark()}<extra></extra>",
        )
    # a count is never below zero: a chart of withheld months only read -1 to 1
    fig.update_yaxes(rangemode="nonnegative")
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
    """Run a page; a missing public file and any failure become one sentence, never a
    traceback or a server path (those go to the server's log, under the id shown)."""
    start()
    try:
        draw()
    except pq.NotPublished as missing:
        LOG.warning("no public data file at %s", missing)
        st.warning(t("pub_no_file", path=str(missing).rsplit("/", 1)[-1]))
    except Exception as error:  # whatever it is, the reader gets a sentence and an id
        st.error(t("page_failed", id=log_error(error)))


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
            with_thresholds("pub_withheld_note"),
            t("pub_method_intro"),
            with_thresholds("pub_method_withheld"),
        ]
    ).replace("**", "")  # a text file: the Markdown's bold would show as asterisks


def zip_bytes(
    frames: dict[str, pl.DataFrame], readme: str, names: dict[str, str] | None = None
) -> bytes:
    """The view's tables as CSVs in one ZIP, each file named in words (`names`, by key)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for key, frame in frames.items():
            archive.writestr(f"{(names or {}).get(key, key)}.csv", csv_bytes(frame))
    return buffer.getvalue()


def export_view(page: str) -> None:
    """The whole view (every table the page drew) in one ZIP of CSVs or one XLSX."""
    frames = exports()
    if not frames:
        return
    readme = view_readme(page)
    names = export_names()
    st.sidebar.download_button(
        t("pub_download_zip"),
        zip_bytes(frames, readme, names),
        file_name=f"haicap_public_{page}.zip",
        mime="application/zip",
        key="zip_export",
        on_click="ignore",
    )
    raw = raw_exports()
    st.sidebar.download_button(
        t("pub_download_xlsx"),
        view_xlsx(readme, raw, names),
        file_name=f"haicap_public_{page}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="xlsx_export",
        on_click="ignore",
    )


def view_xlsx(
    readme: str, frames: dict[str, pl.DataFrame], names: dict[str, str] | None = None
) -> bytes:
    """The view as one workbook: a README sheet, then a sheet a table (named in words by
    `names`), with counts, rates and points as numbers (rates as percentages, so a
    spreadsheet can sum and sort them), dates as dates, coded values and yes/no in words,
    and withheld cells as the marker text."""
    import xlsxwriter

    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        header = book.add_format({"bold": True})
        formats = {
            "count": book.add_format({"num_format": "#,##0"}),
            "rate": book.add_format({"num_format": "0.0%"}),
            "points": book.add_format({"num_format": "0.0"}),
            "date": book.add_format({"num_format": "dd/mm/yyyy"}),
        }
        sheet = book.add_worksheet("README")
        for row, line in enumerate(readme.split("\n")):
            sheet.write_string(row, 0, line)
        mark = withheld_mark()
        for key, frame in frames.items():
            sheet = book.add_worksheet((names or {}).get(key, key))
            shown_columns = [c for c in frame.columns if not c.endswith("_withheld")]
            for col, column in enumerate(shown_columns):
                sheet.write_string(0, col, label(column), header)
                kind = (
                    "rate"
                    if column in pq.RATES
                    else "points"
                    if column in pq.POINTS + pq.PER_1000
                    else "count"
                    if column in pq.COUNTS
                    else None
                )
                flags = (
                    frame[f"{column}_withheld"].fill_null(True).to_list()
                    if f"{column}_withheld" in frame.columns
                    else [False] * frame.height
                )
                for row, (value, hidden) in enumerate(
                    zip(frame[column].to_list(), flags, strict=True), start=1
                ):
                    if hidden:
                        sheet.write_string(row, col, mark)
                    elif value is None:
                        continue
                    elif isinstance(value, dt.date):
                        sheet.write_datetime(row, col, value, formats["date"])
                    elif isinstance(value, bool):
                        sheet.write_string(row, col, words.value_label(column, value))
                    elif isinstance(value, int | float):
                        sheet.write_number(row, col, value, formats.get(kind or "count"))
                    else:
                        sheet.write_string(row, col, str(words.value_label(column, value)))
                sheet.set_column(col, col, max(12, len(label(column)) + 2))
    return buffer.getvalue()
