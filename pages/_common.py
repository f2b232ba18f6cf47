"""What every leaders' page shares: the viewer's scope, the filters (kept in the URL), the
metric block with audited downloads (drawn by pages/_kit.py, as the public edition's), the
XLSX export of the current view and the printable brief. Pages draw; the numbers come from
warehouse.queries.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
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
    set_language,
    t,
)
from pages import _nav as nav
from pages._kit import (
    LOG,
    export_frame,
    export_names,
    exports,
    in_words,
    log_error,
    metric_block,
    month_label,
    readable,
    register_export,
    url_choice,
)
from pages._kit import csv_bytes as _csv
from warehouse import queries as q

# The definitions of shared/contracts/metrics.md, as translation keys, in reading order
# (the Methodology pages of both editions).
DEFINITIONS = [
    "def_received",
    "def_online",
    "def_end",
    "def_due",
    "def_timeliness",
    "def_on_time",
    "def_pending",
    "def_cohort",
    "def_processing",
    "def_unit",
    "def_as_of",
    "def_service_index",
    "def_reconcile",
]


# -- who is looking ------------------------------------------------------------------------------


def viewer_scope() -> q.Scope:
    """The signed-in viewer's scope (role and province). A page reached without signing in
    (a script run on its own, a forged route) shows nothing but a request to sign in: the
    router is not the only gate. Also re-applies the session's language: a page may run
    outside app.py's context."""
    set_language(str(st.session_state.get("lang", "vi")))
    account = st.session_state.get("account")
    if account is None:
        st.warning(t("signin_required"))
        st.stop()
    return q.Scope(role=account.role, province_code=account.province)


def audit(event: str, **detail: object) -> None:
    """Write to the audit log what the signed-in viewer saw or took away."""
    from haicap.accounts import AccountStore
    from warehouse.paths import DataDir

    account = st.session_state.get("account")
    AccountStore(DataDir.resolve()).audit(
        account.name if account else "?", event, dt.datetime.now(), **detail
    )


def audited(event: str, make: Callable[[], Any], **detail: object) -> Callable[[], Any]:
    """A download's maker, bound to the viewer who was shown the button. It runs when the file
    is taken, on a worker thread outside the script, so the account and the sign-in are taken
    now; then it gives the file only to that same sign-in, still live, asking from a browser
    that holds its cookie (not after sign-out or idle expiry, not to another browser that
    learnt the button's id), and writes an audit line naming the account either way."""
    from haicap.accounts import AccountStore
    from haicap.signin import SIGNIN_KEY, download_allowed
    from warehouse.paths import DataDir

    account = st.session_state.get("account")
    signin = st.session_state.get(SIGNIN_KEY)
    store = AccountStore(DataDir.resolve())
    name = account.name if account else "?"

    def run() -> Any:
        now = dt.datetime.now()
        if not download_allowed(store, signin, now):
            store.audit(name, f"{event}_refused", now, **detail)
            raise PermissionError("this download's sign-in has ended; sign in again")
        store.audit(name, event, now, **detail)
        return make()

    return run


# -- filters -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    scope: q.Scope
    period: q.Period
    period_label: str
    as_of: dt.date | None
    province_code: str | None
    ward_code: str | None
    field_name: str | None
    kind: str = "range"  # how the period was chosen: month, quarter or range

    @property
    def shown(self) -> q.Period:
        """The days the page's numbers cover: the period, up to the as-of day."""
        return self.period.clamp(self.as_of)

    def comparison(self) -> q.Period:
        """The period the headline numbers are compared with, like with like: the previous
        month or quarter over as many days as this one shows, or the days just before a
        range."""
        months = {"month": 1, "quarter": 3}.get(self.kind)
        return self.period.compared_with(self.shown, months)

    @property
    def where(self) -> str:
        """The unit the page looks at, in words."""
        if self.ward_code:
            info = q.ward(self.scope, self.ward_code)
            return info["ward_name"] if info else self.ward_code
        if self.province_code:
            return province_name(self.scope, self.province_code)
        return t("scope_country")

    @property
    def where_field(self) -> str:
        """The unit and, when one is chosen, the procedure field, in words (for titles)."""
        if self.field_name:
            return t("where_field", where=self.where, field=self.field_name)
        return self.where

    def field_notes(self) -> None:
        """With a field chosen, say which numbers it narrows."""
        if self.field_name:
            st.caption(t("field_note", field=self.field_name))

    def not_by_field(self, what: str) -> None:
        """With a field chosen, say in words that a number or table is not split by field."""
        if self.field_name:
            st.caption(t("not_by_field", what=what))


def province_name(scope: q.Scope, code: str) -> str:
    names = dict(q.provinces(scope).select("province_code", "province_name").iter_rows())
    return names.get(code, code)


def _quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _before_reform(label: str, start: dt.date) -> str:
    """A period's label, marked when it starts before the reform, so a picker never offers
    a pre-reform month as if it were like the others."""
    return t("before_reform_label", label=label) if start < q.REFORM_DAY else label


def _quarter_label(text: str) -> str:
    year, quarter = text.split("-Q")
    return t("quarter_label", q=quarter, y=year)


def _quarter_start(text: str) -> dt.date:
    year, quarter = text.split("-Q")
    return dt.date(int(year), 3 * int(quarter) - 2, 1)


def url_date(label: str, key: str, default: dt.date, lowest: dt.date, highest: dt.date) -> dt.date:
    """A date kept in the URL as ISO text: seeded from `?key=` on a page's first run, or when
    a link brought another day than the one this session wrote (pages/_nav.py)."""
    wanted = st.query_params.get(key)
    try:
        asked = min(max(dt.date.fromisoformat(wanted), lowest), highest)
    except (TypeError, ValueError):
        asked = None
    if asked is not None and (key not in st.session_state or wanted != nav.written(key)):
        st.session_state[key] = asked
    elif key not in st.session_state:
        st.session_state[key] = default
    value = st.sidebar.date_input(
        label, key=key, min_value=lowest, max_value=highest, format="DD/MM/YYYY"
    )
    st.query_params[key] = value.isoformat()
    nav.wrote(key, value.isoformat())
    return value


def sidebar_filters(
    scope: q.Scope, *, period: bool = True, ward: bool = True, field: bool = True
) -> Filters:
    """Period, province, ward and field in the sidebar, each bound to a URL query parameter;
    a page shows only those its numbers depend on (`period=False`: latest reports only)."""
    as_of = q.as_of_day(scope)
    # a scope with no dossiers still gets the build's month, not today's
    months = q.months(scope) or [(as_of or dt.date.today()).replace(day=1)]
    side = st.sidebar
    side.subheader(t("filters"))
    kind = "latest"
    if period:
        kind = url_choice(
            side.segmented_control,
            t("period_kind"),
            ["month", "quarter", "range"],
            "period",
            lambda k: t(f"kind_{k}"),
        )
    if kind == "latest":
        side.caption(t("latest_reports_note"))
        period = q.Period(months[-1], q.month_end(months[-1]))
        label = t("latest_reports")
    elif kind == "month":
        options = [m.strftime("%Y-%m") for m in months]
        chosen = url_choice(
            side.selectbox,
            t("month"),
            options,
            "m",
            lambda s: _before_reform(
                month_label(dt.date.fromisoformat(s + "-01")), dt.date.fromisoformat(s + "-01")
            ),
        )
        start = dt.date.fromisoformat(chosen + "-01")
        period = q.Period(start, q.month_end(start))
        label = month_label(start)
    elif kind == "quarter":
        options = list(dict.fromkeys(_quarter_of(m) for m in months))
        chosen = url_choice(
            side.selectbox,
            t("quarter"),
            options,
            "q",
            lambda s: _before_reform(_quarter_label(s), _quarter_start(s)),
        )
        start = _quarter_start(chosen)
        period = q.Period(start, q.month_end(start.replace(month=start.month + 2)))
        label = _quarter_label(chosen)
    else:
        last = as_of or dt.date.today()
        lowest = min(min(months), last)
        # the last 30 days since the reform, inside the days the scope has (a scope whose data
        # begin less than 30 days before the as-of day, or has none, starts at its first)
        first = min(max(q.REFORM_DAY, last - dt.timedelta(days=29), lowest), last)
        start = url_date(t("date_from"), "from", first, lowest, last)
        end = url_date(t("date_to"), "to", last, lowest, last)
        if end < start:
            start, end = end, start
        period = q.Period(start, end)
        label = t("range_label", start=fmt_date(start), end=fmt_date(end))

    names = dict(q.provinces(scope).select("province_code", "province_name").iter_rows())
    province_options = [scope.province_code] if scope.province_code else ["", *names]
    # A province the viewer picks (not one a link brings) on a page that shows no ward drops
    # the ward carried in the address (where the ward is shown, its choice drops a ward that
    # is not in the province, and the ward search sets both together).
    before = st.query_params.get("prov")
    by_viewer = nav.has_written("prov") and before == nav.written("prov")
    province = (
        url_choice(
            side.selectbox,
            t("province"),
            province_options,
            "prov",
            lambda c: names.get(c, c) if c else t("all_country"),
        )
        or None
    )
    if not ward and by_viewer and st.query_params.get("prov") != before:
        nav.forget("ward")
    ward_code = None
    if ward:
        asked = st.query_params.get("ward") or st.session_state.get("ward")
        ward_frame = q.wards(scope, province)
        ward_names = dict(ward_frame.select("ward_code", "ward_name").iter_rows())
        if asked and asked not in ward_names and scope.province_code:
            # a forged or stale link to another province's ward: say so, show none of it
            st.warning(t("not_allowed"))
        ward_code = (
            url_choice(
                side.selectbox,
                t("ward"),
                ["", *ward_names],
                "ward",
                lambda c: ward_names.get(c, c) if c else t("all_wards"),
            )
            or None
        )
    field_name = None
    if field:
        field_name = (
            url_choice(
                side.selectbox,
                t("field"),
                ["", *q.fields(scope)],
                "field",
                lambda f: f or t("all_fields"),
            )
            or None
        )
    return Filters(scope, period, label, as_of, province, ward_code, field_name, kind)


def period_notes(filters: Filters) -> None:
    """Say in words when the period is before the reform or not over yet."""
    if filters.period.start < q.REFORM_DAY:
        st.info(t("before_reform"))
    if filters.as_of and filters.period.end > filters.as_of >= filters.period.start:
        st.caption(t("partial_period", day=fmt_date(filters.as_of)))


def compared(filters: Filters, before: dict[str, Any]) -> dict[str, Any] | None:
    """The previous period's numbers to put the changes against, or None when that period
    has no data on some of its days (a change against part of a period is not a change) or
    lies before the reform while this one does not; a caption says which days were compared
    or why none were."""
    other = filters.comparison()
    if other.start < q.REFORM_DAY <= filters.shown.start:
        # days of the old three-level local government against the two-tier one's: unlike
        st.caption(t("no_comparison_reform", start=fmt_date(other.start), end=fmt_date(other.end)))
        return None
    if before["n_days"] < other.days:
        st.caption(t("no_comparison", start=fmt_date(other.start), end=fmt_date(other.end)))
        return None
    st.caption(t("compared_with", start=fmt_date(other.start), end=fmt_date(other.end)))
    return before


# -- blocks --------------------------------------------------------------------------------------


def default_labels(columns: list[str]) -> dict[str, str]:
    """Headers in the current language for the columns that have one in the dictionary
    (haicap/labels.py), so no table shows a database column's name."""
    return {c: words.header(c) for c in columns if words.known_header(c)}


def coded_values(frame: pl.DataFrame) -> pl.DataFrame:
    """The coded values of a table (condition, use, cohort, severity...) in words; `block`
    does this to every table it draws, pages that draw otherwise call it themselves."""
    return in_words(frame)


def block(
    title: str,
    frame: pl.DataFrame,
    source: str,
    key: str,
    figure: Callable[[pl.DataFrame], go.Figure] | None = None,
    empty: str | None = None,
    column_labels: dict[str, str] | None = None,
    select: Callable[[int], None] | None = None,
    *,
    metric: str | Sequence[str] | None,
) -> None:
    """A titled chart (or table) with its data one click away, a CSV (audited when taken)
    and its source. Headers and coded values are put in words here, from the one dictionary
    (haicap/labels.py), for every page; `metric` names the column(s) the table reports, drawn
    beside its name (pages/_kit.metric_block); `select` makes a row clickable."""
    source = with_build_time(source)
    labels = {**default_labels(frame.columns), **(column_labels or {})}
    shown = export_frame(frame, labels)
    if not frame.is_empty():
        register_export(key, shown, title=title)
    metric_block(
        title,
        frame,
        key,
        table=lambda rows: readable(rows, labels),
        csv=audited("export", lambda: _csv(shown), file=f"{key}.csv"),  # made on click
        source=t("source", source=source),
        empty=empty or t("no_data_period", where="—", period="—"),
        figure=figure,
        select=select,
        metric=metric,
    )


def named_units(frame: pl.DataFrame) -> pl.DataFrame:
    """A frame of units (`unit_name`, `ward_code`, `province_name`) with the province level's
    row named in the reader's language: the build names it "Cấp tỉnh — …" in Vietnamese,
    which an English page and its CSV showed as it was."""
    level = t("province_level_unit", province="\x00")
    before, after = level.split("\x00")
    return frame.with_columns(
        pl.when(pl.col("ward_code").is_null())
        .then(pl.lit(before) + pl.col("province_name") + pl.lit(after))
        .otherwise(pl.col("unit_name"))
        .alias("unit_name")
    )


def with_build_time(source: str) -> str:
    """A source line with the time its figures were worked out: the published build's."""
    built = q.build_info(viewer_scope()).get("built_at")
    return t("source_built", source=source, at=fmt_datetime(built))


def procedure_labels() -> dict[str, str]:
    """Headers of the per-field and per-procedure tables (the procedures and ward pages)."""
    return {
        "field_name": t("field"),
        "procedure_code": t("code"),
        "procedure_name": t("procedure"),
        "received": t("received"),
        "online_share": t("online_share"),
        "finished": t("finished"),
        "late_rate": t("late_rate"),
        "median_days": t("median_days"),
        "mean_days": t("mean_days"),
        "statutory_days": t("statutory_days"),
        "beyond_statutory_share": t("beyond_statutory_share"),
        "non_territorial_share": t("non_territorial_share"),
        "is_non_territorial": t("non_territorial"),
    }


def trend_figure(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    x = frame["period_start"].to_list()
    fig.add_bar(x=x, y=frame["received"].to_list(), name=t("received"))
    fig.add_bar(x=x, y=frame["finished"].to_list(), name=t("finished"))
    fig.add_scatter(
        x=x,
        y=frame["overdue_backlog"].to_list(),
        name=t("overdue_backlog"),
        mode="lines+markers",
        yaxis="y2",
    )
    highest = max((v for v in frame["overdue_backlog"].to_list() if v is not None), default=0)
    fig.update_layout(
        barmode="group",
        yaxis={"rangemode": "tozero"},
        # the backlog's own axis: round whole-number steps (an axis synced to the bars' grid
        # read 0, 49, 99, …), no grid of its own over the bars'
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "tickmode": "linear",
            "tick0": 0,
            "dtick": count_step(highest),
            "tickformat": ",d",
            "showgrid": False,
        },
    )
    return fig


def count_step(highest: float, ticks: int = 5) -> int:
    """A round whole-number step (1, 2 or 5 times a power of ten) that puts about `ticks`
    ticks on an axis of counts from 0 to `highest`."""
    rough = max(1.0, highest / ticks)
    power = 10 ** math.floor(math.log10(rough))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= rough))


def with_speciality_names(frame: pl.DataFrame) -> pl.DataFrame:
    """Speciality codes (`dia_chinh`) as words in the current language."""
    names = {code: t(f"spec_{code}") for code in frame["speciality"].unique().to_list()}
    return frame.with_columns(pl.col("speciality").replace(names))


def trend_labels(grain: str) -> dict[str, str]:
    return {
        "period_start": t("day" if grain == "day" else "week"),
        "received": t("received"),
        "received_online": t("received_online"),
        "finished": t("finished"),
        "finished_late": t("finished_late"),
        "overdue_backlog": t("overdue_backlog"),
    }


def country_index_note(provinces: int) -> str:
    """What the country's service index is (metrics.md defines none): the unweighted mean of
    the provinces' indexes, and of how many."""
    if provinces >= 34:
        return t("service_index_country", n=provinces)
    if provinces == 1:
        return t("service_index_country_one")
    return t("service_index_country_some", n=provinces)


def metric_tiles(
    now: dict[str, Any], before: dict[str, Any] | None, notes: dict[str, list[str]] | None = None
) -> None:
    """The five headline numbers with their change against the previous period; `notes`
    are lines written under a tile (what the number is, what it is not filtered by)."""
    notes = {key: list(lines) for key, lines in (notes or {}).items()}
    if now.get("service_index_provinces"):
        notes.setdefault("service_index", []).insert(
            0, country_index_note(now["service_index_provinces"])
        )
    specs = [
        ("received", "received", "count"),
        ("online_share", "online_share", "share"),
        ("on_time_rate", "on_time_rate", "share"),
        ("overdue_backlog", "overdue_backlog", "count"),
        ("service_index", "service_index", "index"),
    ]
    for column, (label, key, kind) in zip(st.columns(len(specs)), specs, strict=True):
        value = now.get(key)
        previous = before.get(key) if before else None
        if kind == "share":
            shown = fmt_pct(value)
            delta = (
                None
                if value is None or previous is None
                else (f"{fmt_number((value - previous) * 100, 1)} {t('pt')}")
            )
        elif kind == "index":
            shown = fmt_number(value, 1)
            delta = None if value is None or previous is None else fmt_number(value - previous, 1)
        else:
            shown = fmt_number(value or 0)
            delta = None if previous is None or value is None else fmt_number(value - previous)
        inverse = key == "overdue_backlog"
        # no change as written ("0,0 pt", "0") is neither up nor down: no arrow, no colour
        unchanged = delta is not None and not any(c in "123456789" for c in delta)
        column.metric(
            t(label),
            shown,
            delta=delta,
            delta_color="off" if unchanged else "inverse" if inverse else "normal",
            delta_arrow="off" if unchanged else "auto",
            help=t("vs_previous") if delta is not None else t("no_previous"),
        )
        for line in notes.get(key, []):
            column.caption(line)


def guard(draw: Callable[[], None]) -> None:
    """Run a page; missing data, scope refusals and any failure become one sentence, never a
    traceback or a server path (those go to the server's log, under the id shown)."""
    try:
        draw()
    except q.NotPublished as missing:
        LOG.warning("no published warehouse at %s", missing)
        st.warning(t("no_published"))
    except q.OutOfScope:
        st.warning(t("not_allowed"))
    except (duckdb.CatalogException, duckdb.BinderException) as mismatch:
        st.error(t("schema_mismatch", id=log_error(mismatch)))
    except Exception as error:  # whatever it is, the viewer gets a sentence and an id
        st.error(t("page_failed", id=log_error(error)))


def ward_link(code: str, name: str) -> str:
    """A markdown link that opens the ward page on that ward, with this view's period, field
    and language (a plain URL, shareable)."""
    return f"[{name}]({nav.link('ward', ward=code)})"


# -- exports -------------------------------------------------------------------------------------


def xlsx_bytes(frames: dict[str, pl.DataFrame], names: dict[str, str] | None = None) -> bytes:
    """The tables of a view as one workbook, a sheet each, named in words (`names`, by the
    tables' keys)."""
    buffer = io.BytesIO()
    import xlsxwriter

    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        for key, frame in frames.items():
            frame.write_excel(book, worksheet=(names or {}).get(key, key), autofit=True)
    return buffer.getvalue()


def export_view(page_key: str) -> None:
    """The XLSX of every table the page drew, in the sidebar."""
    frames = exports()
    names = export_names()
    if frames:
        st.sidebar.download_button(
            t("download_xlsx"),
            audited("export", lambda: xlsx_bytes(frames, names), file=f"haicap_{page_key}.xlsx"),
            file_name=f"haicap_{page_key}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="xlsx_export",
            on_click="ignore",
        )


def brief_html(
    title: str,
    subtitle: str,
    figures: list[tuple[str, str]],
    tables: list[tuple[str, pl.DataFrame]],
) -> str:
    """A print-ready HTML page (A4) of figures and tables, laid out as the session brief is
    (pages/_brief.py, which makes the full brief of a page's view)."""
    from pages._brief import Brief, Section, Table, to_html

    sections = [Section("", table=Table(["", ""], [list(f) for f in figures], [False, True]))]
    for caption, frame in tables:
        numeric = [frame.schema[c].is_numeric() for c in frame.columns]
        rows = [[_cell(v) for v in row] for row in frame.iter_rows()]
        headers = [words.header(c) for c in frame.columns]
        sections.append(Section(caption, table=Table(headers, rows, numeric)))
    return to_html(Brief(title, subtitle, language(), sections))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return fmt_number(value, 1)
    if isinstance(value, int):
        return fmt_number(value)
    if isinstance(value, dt.date):
        return fmt_date(value)
    return "" if value is None else str(value)


def brief_button(filters: Filters, key: str) -> None:
    """The session brief of the page's view (PDF, Word, HTML), made when taken."""
    from pages._brief import brief_buttons

    brief_buttons(filters, key)


def run_timed(page: Any) -> None:
    """Run the chosen page. With $HAICAP_RENDER_LOG set, append the time the server spent on
    it (`url path<TAB>seconds`), so a load test can tell the server's share of what a browser
    waited from the browser's own."""
    started = time.perf_counter()
    try:
        page.run()
    finally:
        log = os.environ.get("HAICAP_RENDER_LOG")
        if log:
            took = time.perf_counter() - started
            with open(log, "a", encoding="utf-8") as out:  # one short append: atomic
                out.write(f"{page.url_path or 'overview'}\t{took:.4f}\n")
