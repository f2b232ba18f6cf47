"""The session brief: what a leader or a council member takes into a meeting, as HTML, PDF
and DOCX.

`gather` asks warehouse.queries (the same functions the Overview and Ward pages draw from)
for one viewer's scope and period, and writes every number as text in the current language:
the brief computes nothing the pages do not show. The renderers (`to_html`, `to_pdf`,
`to_docx`) only lay that text out. The PDF embeds Debian's DejaVu Sans so Vietnamese prints
the same on any machine; the charts are bars drawn here (fpdf2 shapes, a Pillow picture in
the DOCX), not a plotting library's export.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import html
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from haicap.i18n import fmt_date, fmt_number, fmt_pct, language, set_language, t
from pages import _why_late as why
from pages._common import audited, country_index_note, named_units
from pages._places import province_place
from warehouse import queries as q

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# How many wards each ranking lists, and how many rows the alert and dossier tables hold:
# what fits a page a council reads in a session.
WARDS_LISTED = 5
ROWS_LISTED = 10
# The oldest overdue dossiers are looked for in the wards with the largest overdue backlog
# (a dossier list is asked for one ward at a time, as the Ward page asks for it).
WARDS_SEARCHED = 5
BAR_COLOUR = (31, 95, 168)
MUTED_COLOUR = (150, 150, 150)


# -- what a brief holds: text, already formatted ---------------------------------------------


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # columns aligned right
    widths: list[float] | None = None  # relative column widths in the PDF (words: 2, numbers: 1)


@dataclass
class Bar:
    label: str
    value: float  # its length; no value draws no bar
    text: str

    def __post_init__(self) -> None:
        # the public file's rates are decimals
        self.value = float(self.value or 0.0)


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    maximum: float | None = None  # the axis' end (1.0 for shares); the largest bar if None


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None


@dataclass
class Brief:
    title: str
    subtitle: str
    lang: str
    sections: list[Section]

    def text(self) -> str:
        """Every word of the brief, in reading order (what a reader of any format sees)."""
        parts = [self.title, self.subtitle]
        for section in self.sections:
            parts += [section.heading, *section.lines]
            if section.table:
                parts += section.table.headers + [c for row in section.table.rows for c in row]
            if section.chart:
                parts.append(section.chart.title)
                parts += [f"{b.label} {b.text}" for b in section.chart.bars]
        return "\n".join(parts)


# -- gathering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """Whose brief, of what: the viewer's scope, the days shown and the days compared with,
    and the unit (country, province or ward) and procedure field chosen on the page."""

    scope: q.Scope
    period: q.Period
    previous: q.Period
    period_label: str
    as_of: dt.date | None
    province_code: str | None = None
    ward_code: str | None = None
    field_name: str | None = None


def _signed(text: str, value: float) -> str:
    return f"+{text}" if value > 0 else text


def _change(kind: str, value: Any, previous: Any) -> str:
    if value is None or previous is None:
        return "–"
    if kind == "share":
        points = (value - previous) * 100
        return _signed(f"{fmt_number(points, 1)} {t('pt')}", points)
    if kind == "index":
        return _signed(fmt_number(value - previous, 1), value - previous)
    return _signed(fmt_number(value - previous), value - previous)


def _shown(kind: str, value: Any) -> str:
    if kind == "share":
        return fmt_pct(value)
    if kind == "index":
        return fmt_number(value, 1)
    return fmt_number(value)


# The headline figures, as the Overview's tiles show them (key, label, kind).
HEADLINE = [
    ("received", "received", "count"),
    ("online_share", "online_share", "share"),
    ("on_time_rate", "on_time_rate", "share"),
    ("overdue_backlog", "overdue_backlog", "count"),
    ("pending_end", "pending_end", "count"),
    ("service_index", "service_index", "index"),
]


def _comparable(request: Request, before: dict[str, Any]) -> tuple[bool, str]:
    """Whether the previous period may be set against this one, as the pages decide it
    (pages/_common.compared), and the sentence that says which days or why not."""
    other = request.previous
    days = {"start": fmt_date(other.start), "end": fmt_date(other.end)}
    if other.start < q.REFORM_DAY <= request.period.start:
        return False, t("no_comparison_reform", **days)
    if (before.get("n_days") or 0) < other.days:
        return False, t("no_comparison", **days)
    return True, t("compared_with", **days)


def _national(request: Request) -> tuple[str, dict[str, Any]] | None:
    """The country's figures beside a province's or a ward's. A national viewer has them in
    scope; a province's viewer sees the country only as the public edition publishes it, by
    calendar month and not by field, so they are given for a month and otherwise not."""
    scope, period = request.scope, request.period
    if scope.province_code is None:
        if request.province_code is None and request.ward_code is None:
            return None  # the brief is the country's own
        return t("scope_country"), q.summary(scope, period, None, None, request.field_name)
    month = period.start
    if request.field_name or month.day != 1 or period.end.replace(day=1) != month:
        return None
    from warehouse import public_queries as pq

    try:
        rows = pq.monthly(None).filter(pl.col("month") == month).to_dicts()
    except (pq.NotPublished, duckdb.CatalogException):  # no public file, or one built before
        return None
    if not rows:
        return None
    row = rows[0]
    figures = {
        "received": row["received"],
        "online_share": row["online_share"],
        "on_time_rate": row["on_time_rate"],
        "overdue_backlog": row["pending_overdue_end"],
        "pending_end": row["pending_end"],
        "service_index": pq.country_service_index(month),
    }
    return t("brief_national_published"), figures


def _where(request: Request) -> tuple[str, str, str | None]:
    """The unit in words (for headings), the same with its province (for the title), and
    the province whose alerts, staffing and premises the brief shows."""
    if request.ward_code:
        info = q.ward(request.scope, request.ward_code)
        if info is None:
            raise q.OutOfScope(f"ward {request.ward_code} is outside this viewer's scope")
        name = info["ward_name"]
        return name, f"{name}, {info['province_name']}", info["province_code"]
    if request.province_code:
        names = q.provinces(request.scope).select("province_code", "province_name")
        name = dict(names.iter_rows()).get(request.province_code, request.province_code)
        return name, name, request.province_code
    return t("scope_country"), t("scope_country"), None


def _figures(request: Request, where: str) -> list[Section]:
    scope, r = request.scope, request
    now = q.summary(scope, r.period, r.province_code, r.ward_code, r.field_name)
    before = q.summary(scope, r.previous, r.province_code, r.ward_code, r.field_name)
    usable, note = _comparable(request, before)
    national = _national(request)
    headers = [
        t("brief_figure"),
        t("brief_this_period", start=fmt_date(r.period.start), end=fmt_date(r.period.end)),
        t("brief_previous", start=fmt_date(r.previous.start), end=fmt_date(r.previous.end)),
        t("brief_change"),
    ]
    if national:
        headers.append(national[0])
    rows = []
    for key, label, kind in HEADLINE:
        value, old = now.get(key), before.get(key) if usable else None
        row = [t(label), _shown(kind, value), _shown(kind, old), _change(kind, value, old)]
        if national:
            row.append(_shown(kind, national[1].get(key)))
        rows.append(row)
    lines = [note]
    province = request.province_code if not request.ward_code else None
    if province:
        # the province's place among the 34, as the Overview's rank line writes it
        place = q.province_rank(scope, r.period, "on_time_rate", r.field_name, province)
        lines.append(province_place(where, t("on_time_rate"), place)[0])
    if national is None and scope.province_code:
        lines.append(t("brief_no_national"))
    if now.get("service_index_provinces"):
        lines.append(country_index_note(now["service_index_provinces"]))
    if request.field_name:
        lines.append(t("not_by_field", what=t("service_index")))
    figures = Section(
        t("brief_figures_title", where=where),
        lines,
        Table(headers, rows, [False, True, True, True, True][: len(headers)]),
    )
    bars = [Bar(headers[1], now.get("on_time_rate"), fmt_pct(now.get("on_time_rate")))]
    if usable:
        old = before.get("on_time_rate")
        bars.append(Bar(headers[2], old, fmt_pct(old)))
    if national:
        value = national[1].get("on_time_rate")
        bars.append(Bar(national[0], value, fmt_pct(value)))
    title = "brief_chart_on_time" if national else "brief_chart_on_time_previous"
    figures.chart = Chart(t(title, where=where), bars, 1.0)
    return [figures]


def _ward_table(frame: pl.DataFrame, with_province: bool) -> Table:
    headers = [t("ward")]
    if with_province:
        headers.append(t("province"))
    headers += [t("received"), t("finished"), t("on_time_rate"), t("overdue_backlog")]
    rows = []
    for row in frame.iter_rows(named=True):
        cells = [row["ward_name"]]
        if with_province:
            cells.append(row["province_name"])
        cells += [
            fmt_number(row["received"]),
            fmt_number(row["finished"]),
            fmt_pct(row["on_time_rate"]),
            fmt_number(row["overdue_backlog"]),
        ]
        rows.append(cells)
    numeric = [False] * (1 + with_province) + [True] * 4
    return Table(headers, rows, numeric)


def _rankings(request: Request, where: str) -> list[Section]:
    """Worst and best wards by on-time rate (the Overview's ranking), with a chart of the
    worst."""
    r = request
    ranking = q.ranked_wards(r.scope, r.period, r.province_code, r.field_name)
    many = r.scope.province_code is None and r.province_code is None
    ranked_note = t("min_finished_note", n=q.MIN_FINISHED_TO_RANK)
    best, worst = q.best_and_worst(ranking, WARDS_LISTED)
    empty = t("no_data_period", where=where, period=r.period_label)
    chart = Chart(
        t("brief_chart_worst", where=where),
        [
            Bar(w["ward_name"], w["on_time_rate"], fmt_pct(w["on_time_rate"]))
            for w in worst.iter_rows(named=True)
        ],
        1.0,
    )
    return [
        Section(
            t("worst_wards", where=where, period=r.period_label),
            [ranked_note] if worst.height else [t("ranking_all_listed") if best.height else empty],
            _ward_table(worst, many) if worst.height else None,
            chart if worst.height else None,
        ),
        Section(
            t("best_wards", where=where, period=r.period_label),
            [] if best.height else [empty],
            _ward_table(best, many) if best.height else None,
        ),
    ]


def _ward_standing(request: Request, where: str, province_code: str) -> list[Section]:
    """A ward's place in its province and its procedure fields' late share, with a chart."""
    r = request
    ranking = q.ward_ranking(r.scope, r.period, province_code, r.field_name)
    mine = ranking.filter(pl.col("ward_code") == r.ward_code)
    lines = []
    if mine.height and mine["rank_in_province"][0] is not None:
        lines.append(
            t(
                "rank_in_province",
                rank=mine["rank_in_province"][0],
                of=mine["ranked_in_province"][0],
            )
        )
    else:
        lines.append(t("min_finished_note", n=q.MIN_FINISHED_TO_RANK))
    fields = q.by_field(r.scope, r.period, None, r.ward_code)
    headers = [t("field"), t("received"), t("finished"), t("late_rate")]
    rows = [
        [
            f["field_name"],
            fmt_number(f["received"]),
            fmt_number(f["finished"]),
            fmt_pct(f["late_rate"]),
        ]
        for f in fields.iter_rows(named=True)
    ]
    chart = Chart(
        t("brief_chart_late_fields", where=where),
        [
            Bar(f["field_name"], f["late_rate"], fmt_pct(f["late_rate"]))
            for f in fields.head(ROWS_LISTED).iter_rows(named=True)
        ],
        1.0,
    )
    return [
        Section(
            t("by_field_title", where=where, period=r.period_label),
            lines,
            Table(headers, rows[:ROWS_LISTED], [False, True, True, True]) if rows else None,
            chart if rows else None,
        )
    ]


def _why_late(request: Request, where: str) -> list[Section]:
    """Why the unit is late (pages/_why_late.py, as the Ward page shows it): its late
    dossiers and overdue backlog by procedure field, with the staffing gap of the speciality
    in charge for a ward, and by supplement requests and handling agency. Counts only, no
    dossier code: the same in the leaders' and the council's brief."""
    r = request
    args = (r.scope, r.period, r.province_code, r.ward_code, r.field_name)
    now = q.summary(r.scope, r.period, r.province_code, r.ward_code, r.field_name)
    lines = [
        t(
            "why_late_intro",
            late=fmt_number(now["finished_late"] or 0),
            overdue=fmt_number(now["overdue_backlog"] or 0),
            day=fmt_date(r.period.end),
        )
    ]
    heading = t("why_late_title", where=where, period=r.period_label)
    fields = why.breakdown("field", *args)
    if fields.is_empty():
        return [Section(heading, [*lines, t("why_no_late")])]
    top = fields.row(0, named=True)
    lines.append(
        t(
            "why_top_field",
            field=top["field_name"],
            late=fmt_number(top["finished_late"]),
            share=fmt_pct(top["late_share_of_late"]),
            overdue=fmt_number(top["overdue_backlog"]),
        )
    )
    supplements = why.breakdown("supplement", *args)
    waited = supplements.filter(pl.col("late_with_request") > 0)
    if waited.height:
        n = int(waited["late_with_request"].sum())
        days = (waited["mean_wait_days"] * waited["late_with_request"]).sum() / n
        lines.append(t("why_waiting_line", n=fmt_number(n), days=fmt_number(days, 1)))
    staffed = "gap" in fields.columns
    if staffed:
        short = fields.filter(pl.col("gap") > 0).head(3)
        lines += [
            t(
                "why_staffing_line",
                speciality=f["speciality"],
                field=f["field_name"],
                quota=fmt_number(f["quota"]),
                in_post=fmt_number(f["in_post"]),
                gap=fmt_number(f["gap"]),
            )
            for f in short.iter_rows(named=True)
        ]
    headers = [t("field"), t("finished_late"), t("late_share_of_late"), t("overdue_backlog")]
    if staffed:
        headers += [t("field_speciality"), t("gap")]
    rows = []
    for f in fields.head(ROWS_LISTED).iter_rows(named=True):
        cells = [
            f["field_name"],
            fmt_number(f["finished_late"]),
            fmt_pct(f["late_share_of_late"]),
            fmt_number(f["overdue_backlog"]),
        ]
        if staffed:
            cells += [f["speciality"] or "–", fmt_number(f["gap"])]
        rows.append(cells)
    rows += _rest_row(fields, ROWS_LISTED, "why_other_fields", 2 if staffed else 0)
    numeric = [False, True, True, True] + ([False, True] if staffed else [])
    chart = Chart(
        t("brief_chart_why_late", where=where),
        [
            Bar(f["field_name"], float(f["finished_late"]), fmt_number(f["finished_late"]))
            for f in fields.head(ROWS_LISTED).iter_rows(named=True)
        ],
    )
    small = [t("supplement_group"), t("finished_late"), t("late_share_of_late")]
    small += [t("mean_wait_days"), t("overdue_backlog")]
    supplement_rows = [
        [
            g["supplement_group"],
            fmt_number(g["finished_late"]),
            fmt_pct(g["late_share_of_late"]),
            fmt_number(g["mean_wait_days"], 1),
            fmt_number(g["overdue_backlog"]),
        ]
        for g in supplements.iter_rows(named=True)
    ]
    agencies = why.breakdown("agency", *args)
    agency_rows = [
        [
            a["agency_name"],
            fmt_number(a["finished_late"]),
            fmt_pct(a["late_share_of_late"]),
            fmt_number(a["overdue_backlog"]),
        ]
        for a in agencies.head(WARDS_LISTED).iter_rows(named=True)
    ]
    agency_rows += _rest_row(agencies, WARDS_LISTED, "why_other_agencies")
    return [
        Section(heading, lines, Table(headers, rows, numeric), chart),
        Section(
            t("why_by_supplement"),
            table=Table(small, supplement_rows, [False, True, True, True, True], [3, 1, 1, 1.5, 1]),
        ),
        Section(
            t("why_by_agency"),
            table=Table(
                [t("agency"), t("finished_late"), t("late_share_of_late"), t("overdue_backlog")],
                agency_rows,
                [False, True, True, True],
                [4, 1, 1, 1],
            ),
        ),
    ]


def _rest_row(frame: pl.DataFrame, listed: int, key: str, blanks: int = 0) -> list[list[str]]:
    """One row summing the rows of a why-late breakdown past the first `listed` ("Other
    agencies (7)"), so that the table adds up to the headline as its text says; none when
    every row is listed. `blanks` cells follow for columns with no sum."""
    rest = frame.slice(listed)
    if rest.is_empty():
        return []
    late, all_late = rest["finished_late"].sum(), frame["finished_late"].sum()
    share = late / all_late if all_late else None
    cells = [t(key, n=fmt_number(rest.height)), fmt_number(late), fmt_pct(share)]
    return [[*cells, fmt_number(rest["overdue_backlog"].sum()), *(["–"] * blanks)]]


def _oldest_dossiers(request: Request, wards: list[tuple[str, str]]) -> Table | None:
    """The longest-overdue dossiers of these wards on the period's last day (the Ward page's
    list, its overdue rows), longest first."""
    frames = []
    for code, name in wards:
        found = q.overdue_dossiers(
            request.scope, code, field_name=request.field_name, day=request.period.end
        ).filter(pl.col("state") == "overdue")
        frames.append(found.with_columns(pl.lit(name).alias("ward_name")))
    if not frames:
        return None
    rows = pl.concat(frames).sort(["days_overdue", "due_day"], descending=[True, False])
    if rows.is_empty():
        return None
    headers = [t("dossier_code"), t("ward"), t("procedure"), t("due_day"), t("days_overdue")]
    cells = [
        [
            d["dossier_code"],
            d["ward_name"],
            d["procedure_name"] or "",
            fmt_date(d["due_day"]),
            fmt_number(d["days_overdue"]),
        ]
        for d in rows.head(ROWS_LISTED).iter_rows(named=True)
    ]
    return Table(headers, cells, [False, False, False, False, True], [3, 2.5, 4.5, 1.5, 1.2])


def _backlog(request: Request, where: str) -> list[Section]:
    """The overdue backlog: where it is (wards, or a ward's ageing), and for leaders, the
    oldest overdue dossiers. A council member's brief keeps to counts: it is a document
    taken into a session, and the issue's readers asked for dossier codes in leaders'
    briefs only."""
    r = request
    day = r.period.end
    sections = []
    if r.ward_code:
        ageing = q.backlog_ageing(r.scope, r.ward_code, day)
        columns = ["pending", "past_due_1_7_days", "past_due_8_30_days", "past_due_over_30_days"]
        headers = [t("col_cohort"), *(t(f"col_{c}") for c in columns)]
        rows = [
            [t(f"cohort_{a['cohort']}"), *(fmt_number(a[c]) for c in columns)]
            for a in ageing.iter_rows(named=True)
        ]
        table = Table(headers, rows, [False, True, True, True, True]) if rows else None
        searched = [(r.ward_code, where)]
        chart = None
        lines = [t("not_by_field", what=t("nf_backlog"))] if r.field_name else []
    else:
        ranking = q.ward_ranking(r.scope, r.period, r.province_code, r.field_name)
        most = (
            ranking.filter(pl.col("overdue_backlog") > 0)
            .sort("overdue_backlog", descending=True)
            .head(WARDS_LISTED)
        )
        many = r.scope.province_code is None and r.province_code is None
        table = _ward_table(most, many) if most.height else None
        searched = [
            (w["ward_code"], w["ward_name"])
            for w in most.head(WARDS_SEARCHED).iter_rows(named=True)
        ]
        chart = (
            Chart(
                t("brief_chart_backlog", where=where),
                [
                    Bar(
                        w["ward_name"],
                        float(w["overdue_backlog"]),
                        fmt_number(w["overdue_backlog"]),
                    )
                    for w in most.iter_rows(named=True)
                ],
            )
            if most.height
            else None
        )
        lines = [] if most.height else [t("no_overdue")]
    sections.append(
        Section(t("brief_backlog_title", where=where, day=fmt_date(day)), lines, table, chart)
    )
    if r.scope.role == "leader":
        oldest = _oldest_dossiers(r, searched)
        note = t("brief_oldest_note", n=len(searched)) if not r.ward_code else ""
        sections.append(
            Section(
                t("brief_oldest_title", where=where, day=fmt_date(day)),
                [line for line in (note,) if line] if oldest else [t("no_overdue")],
                oldest,
            )
        )
    else:
        sections[-1].lines.append(t("brief_dossiers_leaders_only"))
    return sections


def _alerts(request: Request, where: str, province_code: str | None) -> Section:
    r = request
    found = named_units(q.alerts(r.scope, province_code, r.ward_code))
    reason = "reason_en" if language() == "en" else "reason"
    headers = [t("ward"), t("severity"), t("since"), t("reason")]
    rows = [
        [
            a["unit_name"] or "",
            t(f"brief_severity_{a['severity']}"),
            fmt_date(a["since_day"]),
            a[reason] or "",
        ]
        for a in found.head(ROWS_LISTED).iter_rows(named=True)
    ]
    lines = []
    if found.height > ROWS_LISTED:
        lines.append(t("brief_alerts_more", shown=ROWS_LISTED, n=found.height))
    if not rows:
        lines.append(t("no_alerts"))
    if r.field_name:
        lines.append(t("not_by_field", what=t("page_alerts")))
    return Section(
        t("open_alerts", where=where),
        lines,
        Table(headers, rows, [False] * 4, [3, 1.5, 1.5, 7]) if rows else None,
    )


def _counts(key: str, totals: dict[str, Any], **columns: str) -> str:
    """The sentence `key`, each placeholder filled with the count of its column."""
    return t(key, **{name: fmt_number(totals[column]) for name, column in columns.items()})


def _staffing_premises(request: Request, where: str, province_code: str | None) -> Section:
    """Posts against people in post, and premises by use and condition (the Staffing and
    Assets pages' totals)."""
    r = request
    lines = []
    staff = q.staffing_totals(r.scope, province_code, r.ward_code)
    if staff is None:
        lines.append(t("no_staffing"))
    else:
        names = {c: c for c in ("quota", "in_post", "gap", "surplus")}
        lines.append(_counts("brief_staffing_line", staff, **names))
        if not r.ward_code:
            missing = q.staffing_wards_missing(r.scope, province_code)
            lines.append(t("brief_staffing_missing", n=fmt_number(missing.height)))
    premises = q.assets_totals(r.scope, province_code, r.ward_code)
    if premises is None:
        lines.append(t("no_assets"))
    else:
        lines.append(
            _counts(
                "brief_premises_line",
                premises,
                premises="premises",
                in_use="use_dang_su_dung",
                vacant="use_bo_trong",
                degraded="condition_xuong_cap",
                damaged="condition_hu_hong",
                area="vacant_floor_area_m2",
            )
        )
    if r.field_name:
        lines.append(t("not_by_field", what=t("nf_staffing_premises")))
    return Section(t("brief_staffing_title", where=where), lines)


def gather(request: Request) -> Brief:
    """The brief of one viewer's scope and period, in the current language."""
    place, title, province = _where(request)
    where = place
    if request.field_name:  # the flows are the field's; alerts, staff and premises are not
        where = t("where_field", where=place, field=request.field_name)
        title = t("where_field", where=title, field=request.field_name)
    sections = _figures(request, where)
    if request.ward_code:
        sections += _ward_standing(request, where, province)
    else:
        sections += _rankings(request, where)
    sections += _why_late(request, where)
    sections += _backlog(request, where)
    sections.append(_alerts(request, place, province))
    sections.append(_staffing_premises(request, place, province))
    subtitle = " · ".join(
        [
            request.period_label,
            t("as_of", day=fmt_date(request.as_of)),
            t("brief_for", role=t(f"role_{request.scope.role}")),
        ]
    )
    return Brief(t("brief_title", where=title), subtitle, language(), sections)


# -- HTML ------------------------------------------------------------------------------------


def _html_table(table: Table) -> str:
    def cell(tag: str, text: str, right: bool) -> str:
        style = ' class="n"' if right else ""
        return f"<{tag}{style}>{html.escape(unbroken(text))}</{tag}>"

    head = "".join(cell("th", h, n) for h, n in zip(table.headers, table.numeric, strict=True))
    body = "".join(
        "<tr>"
        + "".join(cell("td", c, n) for c, n in zip(row, table.numeric, strict=True))
        + "</tr>"
        for row in table.rows
    )
    # in a box that scrolls sideways: on a phone a wide table (the dossier list) widened the
    # whole page past the screen
    table_html = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="t">{table_html}</div>'


def _html_chart(chart: Chart) -> str:
    top = _axis_end(chart)
    rows = "".join(
        f'<div class="bar"><span class="l">{html.escape(unbroken(b.label))}</span>'
        f'<span class="b"><i style="width:{100 * b.value / top:.1f}%"></i></span>'
        f'<span class="v">{html.escape(unbroken(b.text))}</span></div>'
        for b in chart.bars
    )
    return f"<figure><figcaption>{html.escape(chart.title)}</figcaption>{rows}</figure>"


def to_html(brief: Brief) -> str:
    """A print-ready page (A4)."""
    parts = []
    for section in brief.sections:
        parts.append(f"<h2>{html.escape(section.heading)}</h2>")
        parts += [f"<p>{html.escape(unbroken(line))}</p>" for line in section.lines]
        if section.table:
            parts.append(_html_table(section.table))
        if section.chart:
            parts.append(_html_chart(section.chart))
    return f"""<!doctype html><html lang="{brief.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(brief.title)}</title><style>
@page {{ size: A4; margin: 14mm; }}
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10pt; }}
h1 {{ font-size: 15pt; margin: 0; }} h2 {{ font-size: 11.5pt; margin: 12px 0 4px; }}
p {{ margin: 2px 0; }} table {{ border-collapse: collapse; width: 100%; margin: 4px 0; }}
.t {{ overflow-x: auto; max-width: 100%; }}
th, td {{ border: 1px solid #999; padding: 2px 5px; text-align: left; }} .n {{ text-align: right; }}
figure {{ margin: 6px 0; }} figcaption {{ font-weight: bold; margin-bottom: 3px; }}
.bar {{ display: flex; align-items: center; gap: 6px; margin: 2px 0; }}
.l {{ width: 35%; }} .b {{ width: 45%; background: #eee; height: 10px; }}
.b i {{ display: block; height: 10px; background: rgb{BAR_COLOUR}; }}
</style></head><body><h1>{html.escape(brief.title)}</h1><p>{html.escape(unbroken(brief.subtitle))}</p>
{"".join(parts)}</body></html>"""


# -- laying a table out on paper ------------------------------------------------------------

# A space no line may break at: PDF (fpdf2) and Word both keep its two sides on one line, and
# a reader sees an ordinary space.
NBSP = "\u00a0"
# What must stay on one line: a date written with spaces ("1 Oct 2025") and a number with its
# percent sign ("95,9 %"). A date written with slashes has no space to break at.
_UNBREAKABLE = re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b|\d %")
# Font sizes a table may take, largest first: the largest at which every date, number and
# word of every cell fits its column.
PDF_SIZES = (8.5, 8.0, 7.5, 7.0, 6.5, 6.0)
DOCX_SIZES = (10.0, 9.0, 8.0, 7.0)
# A Word table cell's default left and right margins (0.19 cm each), in mm.
DOCX_CELL_PADDING = 2 * 1.9 + 0.5
DOCX_WIDTH = 210 - 2 * 18.0  # A4 less the document's margins (1.8 cm each), in mm


def unbroken(text: str) -> str:
    """`text` with the spaces inside dates and percentages made no-break spaces."""
    return _UNBREAKABLE.sub(lambda m: m.group().replace(" ", NBSP), text)


def units(text: str, whole: bool = False) -> list[str]:
    """The pieces of a cell a line may not break inside: its words (a date and a percentage
    are one word, see `unbroken`), or the whole cell for a number column, so that "+1,2 điểm %"
    or "95,9 %" never wraps."""
    text = unbroken(text)
    return [text] if whole else [part for part in text.split(" ") if part]


Measure = Callable[[str, float, bool], float]  # (text, size in pt, bold) -> width in mm


@dataclass
class Layout:
    size: float  # the table's font size, in points
    widths: list[float]  # each column's width, in mm


def lay_out(
    table: Table, total: float, sizes: Sequence[float], measure: Measure, padding: float
) -> Layout:
    """Column widths for `table` on `total` mm: every column at least as wide as its widest
    unbreakable piece (`units`) at the largest of `sizes` where they all fit, the rest of the
    width shared as the table's relative widths ask (words 2, numbers 1). Lines then wrap at
    spaces only: no date or number is cut."""
    weights = list(table.widths or [1 if n else 2 for n in table.numeric])
    least: list[float] = []
    for size in sizes:
        least = [
            padding
            + max(
                [measure(u, size, True) for u in units(header)]
                + [measure(u, size, False) for row in table.rows for u in units(row[i], numeric)]
                + [0.0]
            )
            for i, (header, numeric) in enumerate(zip(table.headers, table.numeric, strict=True))
        ]
        if sum(least) <= total:
            return Layout(size, _shared(total, least, weights))
    # Nothing fits even at the smallest size: a column as narrow as its share allows.
    return Layout(sizes[-1], [total * w / sum(least) for w in least])


def _shared(total: float, least: list[float], weights: list[float]) -> list[float]:
    """`total` shared in proportion to `weights`, no column under its `least` (which add up
    to `total` or less): a column whose share is too small takes its least, the others share
    what is left."""
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(least)) if i not in fixed]
        room = total - sum(fixed.values())
        weight = sum(weights[i] for i in free)
        share = {i: room * weights[i] / weight for i in free}
        short = [i for i in free if share[i] < least[i]]
        if not short:
            return [fixed.get(i, share.get(i, 0.0)) for i in range(len(least))]
        fixed |= {i: least[i] for i in short}


class Measurer:
    """Text widths in DejaVu Sans, in mm: the PDF's own font, and wider than the Word
    document's Arial, so a Word column measured with it is wide enough too."""

    def __init__(self, pdf: Any = None) -> None:
        if pdf is None:
            pdf = _new_pdf()
        self.pdf = pdf

    def __call__(self, text: str, size: float, bold: bool) -> float:
        family, style, points = self.pdf.font_family, self.pdf.font_style, self.pdf.font_size_pt
        self.pdf.set_font("DejaVu", "B" if bold else "", size)
        width = self.pdf.get_string_width(text)
        self.pdf.set_font(family, style, points)
        return width


# -- PDF -------------------------------------------------------------------------------------


def _axis_end(chart: Chart) -> float:
    largest = max((b.value for b in chart.bars), default=0.0)
    return max(chart.maximum or 0.0, largest) or 1.0


def _pdf_chart(pdf: Any, chart: Chart) -> None:
    row, text_width = 6.0, 22.0
    pdf.set_font("DejaVu", "", 8.5)
    # the labels' own width (a period with its dates), up to nearly half the page
    widest = max(pdf.get_string_width(unbroken(b.label)) for b in chart.bars)
    label_width = min(max(widest + 3, 60.0), pdf.epw * 0.48)
    bar_width = pdf.epw - label_width - text_width - 4
    if pdf.will_page_break(row * (len(chart.bars) + 1) + 2):
        pdf.add_page()
    pdf.set_font("DejaVu", "B", 9.5)
    pdf.multi_cell(0, 5, unbroken(chart.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8.5)
    top = _axis_end(chart)
    for bar in chart.bars:
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_xy(x, y)
        pdf.cell(label_width, row, _fit(pdf, bar.label, label_width - 2))
        pdf.set_fill_color(235, 235, 235)
        pdf.rect(x + label_width, y + 1.2, bar_width, row - 2.4, style="F")
        pdf.set_fill_color(*BAR_COLOUR)
        width = bar_width * max(bar.value, 0.0) / top
        if width > 0:
            pdf.rect(x + label_width, y + 1.2, width, row - 2.4, style="F")
        pdf.set_xy(x + label_width + bar_width + 2, y)
        pdf.cell(text_width, row, unbroken(bar.text), align="R")
        pdf.set_xy(x, y + row)
    pdf.ln(2)


def _fit(pdf: Any, text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` in the PDF's current font."""
    return shortened(text, lambda part: pdf.get_string_width(part) <= width)


def shortened(text: str, fits: Callable[[str], bool]) -> str:
    """`text`, or as many of its words as `fits` with an ellipsis: cut between words, so no
    date or number is cut (a single word too long is cut where it must be)."""
    text = unbroken(text)
    if fits(text):
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        cut = " ".join(words[:n]) + "…"
        if fits(cut):
            return cut
    length = len(text)
    while length > 1 and not fits(text[: length - 1] + "…"):
        length -= 1
    return text[: length - 1] + "…"


def _new_pdf() -> Any:
    """An A4 page with DejaVu Sans, regular and bold."""
    from fpdf import FPDF

    for font in (FONT, FONT_BOLD):
        if not font.exists():
            raise FileNotFoundError(
                f"{font}: the PDF brief embeds DejaVu Sans; install Debian's fonts-dejavu-core"
            )
    pdf = FPDF(format="A4")
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_font("DejaVu", "", 9)
    return pdf


def pdf_layout(pdf: Any, table: Table) -> Layout:
    """The PDF's columns for `table`: its cells' text sits inside the cell margins and the
    border line."""
    padding = 2 * pdf.c_margin + pdf.line_width + 0.3
    return lay_out(table, pdf.epw, PDF_SIZES, Measurer(pdf), padding)


def to_pdf(brief: Brief) -> bytes:
    """An A4 PDF with DejaVu Sans embedded (subset), so its Vietnamese needs no font on the
    reader's machine."""
    from fpdf.fonts import FontFace

    pdf = _new_pdf()
    pdf.set_title(brief.title)
    pdf.set_lang(brief.lang)
    pdf.set_creator("Hai Cấp")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 7, unbroken(brief.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 5, unbroken(brief.subtitle), new_x="LMARGIN", new_y="NEXT")
    for section in brief.sections:
        if pdf.will_page_break(20):
            pdf.add_page()
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(0, 6, unbroken(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        for line in section.lines:
            pdf.multi_cell(0, 4.6, unbroken(line), new_x="LMARGIN", new_y="NEXT", align="L")
        if section.table:
            layout = pdf_layout(pdf, section.table)
            pdf.set_font("DejaVu", "", layout.size)
            aligns = tuple("RIGHT" if n else "LEFT" for n in section.table.numeric)
            with pdf.table(
                col_widths=tuple(layout.widths),
                text_align=aligns,
                line_height=layout.size * 0.565,
                headings_style=FontFace(emphasis="BOLD", fill_color=(230, 236, 245)),
                first_row_as_headings=True,
            ) as grid:
                for cells in [section.table.headers, *section.table.rows]:
                    line = grid.row()
                    for cell in cells:
                        line.cell(unbroken(cell))
            pdf.ln(1)
        if section.chart and section.chart.bars:
            _pdf_chart(pdf, section.chart)
    return bytes(pdf.output())


# -- DOCX ------------------------------------------------------------------------------------


def chart_png(chart: Chart) -> bytes:
    """The chart as a picture (for the DOCX): the bars of the PDF, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    scale, row = 2, 30
    width, text_width = 900, 120
    font = ImageFont.truetype(str(FONT), 14 * scale)
    # the labels' own width (a period with its dates), up to half the picture
    widest = max(font.getlength(unbroken(b.label)) for b in chart.bars) / scale
    label_width = int(min(max(widest + 12, 330), width * 0.5))
    bar_width = width - label_width - text_width - 20
    height = row * len(chart.bars) + 10
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    top = _axis_end(chart)
    room = (label_width - 8) * scale
    for index, bar in enumerate(chart.bars):
        y = (5 + index * row) * scale
        middle = y + row * scale // 2
        label = shortened(bar.label, lambda part: font.getlength(part) <= room)
        draw.text((4 * scale, middle), label, font=font, fill="black", anchor="lm")
        left = label_width * scale
        draw.rectangle(
            (left, y + 6 * scale, left + bar_width * scale, y + (row - 6) * scale),
            fill=(235, 235, 235),
        )
        length = bar_width * scale * max(bar.value, 0.0) / top
        if length > 0:
            draw.rectangle(
                (left, y + 6 * scale, left + length, y + (row - 6) * scale), fill=BAR_COLOUR
            )
        draw.text(((width - 4) * scale, middle), bar.text, font=font, fill="black", anchor="rm")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def to_docx(brief: Brief) -> bytes:
    """A Word document: headings, the tables as tables, the charts as pictures."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm, Pt

    document = Document()
    for part in document.sections:
        part.left_margin = part.right_margin = Cm(1.8)
        part.top_margin = part.bottom_margin = Cm(1.5)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = brief.title
    document.core_properties.language = brief.lang
    document.add_heading(unbroken(brief.title), level=1)
    document.add_paragraph(unbroken(brief.subtitle))
    measure = Measurer()
    for section in brief.sections:
        document.add_heading(unbroken(section.heading), level=2)
        for line in section.lines:
            document.add_paragraph(unbroken(line))
        if section.table:
            table = section.table
            # Fixed column widths, each holding its widest date, number or word: Word's own
            # fitting gave every column the same width and cut dates in two.
            layout = lay_out(table, DOCX_WIDTH, DOCX_SIZES, measure, DOCX_CELL_PADDING)
            grid = document.add_table(rows=1, cols=len(table.headers))
            grid.style = "Table Grid"
            grid.autofit = False
            for cells, bold in [(table.headers, True)] + [(row, False) for row in table.rows]:
                row = grid.rows[0].cells if bold else grid.add_row().cells
                for cell, text, right in zip(row, cells, table.numeric, strict=True):
                    run = cell.paragraphs[0].add_run(unbroken(text))
                    run.bold = bold
                    run.font.size = Pt(layout.size)
                    if right:
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for column, width in zip(grid.columns, layout.widths, strict=True):
                column.width = Mm(width)
                for cell in column.cells:
                    cell.width = Mm(width)
        if section.chart and section.chart.bars:
            title = document.add_paragraph()
            title.add_run(unbroken(section.chart.title)).bold = True
            document.add_picture(io.BytesIO(chart_png(section.chart)), width=Cm(17))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- the buttons -----------------------------------------------------------------------------

FORMATS: dict[str, tuple[Callable[[Brief], Any], str]] = {
    "pdf": (to_pdf, "application/pdf"),
    "docx": (
        to_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "html": (to_html, "text/html"),
}


def render(request: Request, lang: str, kind: str) -> bytes:
    """The brief of `request` in `lang` as a file of `kind` (pdf, docx or html). Runs in a
    context of its own: a download is made on a worker thread, outside the page's script,
    where the page's language is not set."""

    def make() -> bytes:
        set_language(lang)
        made = FORMATS[kind][0](gather(request))
        return made.encode("utf-8") if isinstance(made, str) else made

    return contextvars.Context().run(make)


def brief_buttons(filters: Any, key: str) -> None:
    """The brief's downloads (PDF, Word, HTML to print), each made when taken and audited as
    the other leaders' downloads are."""
    import streamlit as st

    request = Request(
        filters.scope,
        filters.shown,
        filters.comparison(),
        filters.period_label,
        filters.as_of,
        filters.province_code,
        filters.ward_code,
        filters.field_name,
    )
    lang = language()
    st.markdown(f"**{t('brief_heading')}**")
    labels = {"pdf": t("brief_pdf"), "docx": t("brief_docx"), "html": t("download_brief")}
    for column, (kind, (_, mime)) in zip(st.columns(len(FORMATS)), FORMATS.items(), strict=True):
        name = f"brief_{key}.{kind}"
        column.download_button(
            labels[kind],
            audited("export", lambda kind=kind: render(request, lang, kind), file=name),
            file_name=name,
            mime=mime,
            key=f"brief_{key}_{kind}",
            on_click="ignore",
        )
