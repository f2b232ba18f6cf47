"""Phường, xã / Ward: one template for all 3,321 wards, the ward code in the URL (`?ward=`)."""

import re
import unicodedata

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap.i18n import fmt_date, fmt_number, t
from pages import _why_late as why
from pages._common import (
    Filters,
    audit,
    block,
    brief_button,
    coded_values,
    compared,
    guard,
    metric_tiles,
    period_notes,
    procedure_labels,
    sidebar_filters,
    trend_figure,
    trend_labels,
    viewer_scope,
    with_speciality_names,
)
from warehouse import queries as q


def _choose(code: str, province: str) -> None:
    st.session_state["ward"] = code
    st.session_state["prov"] = province


# A ward's kind before its name: an example shows the name a person types.
_KIND = re.compile(r"^(?:Phường|Xã|Đặc khu)\s+")


def without_diacritics(text: str) -> str:
    """`text` in lower case without its marks, đ as d: what a person types without them."""
    plain = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in plain if not unicodedata.combining(c))


def search_example(scope: q.Scope) -> str | None:
    """The search box's example: the first ward by name of the viewer's own scope, written
    with and without diacritics ("Tân Mỹ, tan my…"), never another province's ward; none
    when the scope has no ward."""
    names = q.wards(scope)["ward_name"].sort()
    if names.is_empty():
        return None
    name = _KIND.sub("", names[0])
    return f"{name}, {without_diacritics(name)}…"


def search(scope: q.Scope) -> None:
    text = st.text_input(t("search_ward"), key="ward_search", placeholder=search_example(scope))
    if not text.strip():
        return
    found = q.search_wards(scope, text, None, 12)
    if found.is_empty():
        st.caption(t("ward_not_found"))
        return
    columns = st.columns(4)
    for index, row in enumerate(found.iter_rows(named=True)):
        columns[index % 4].button(
            f"{row['ward_name']} · {row['province_name']}",
            key=f"pick_{row['ward_code']}",
            on_click=_choose,
            args=(row["ward_code"], row["province_code"]),
        )


def bar(x: str, ys: list[tuple[str, str]]):
    def figure(frame: pl.DataFrame) -> go.Figure:
        fig = go.Figure()
        for column, label in ys:
            fig.add_bar(x=frame[x].to_list(), y=frame[column].to_list(), name=label)
        fig.update_layout(barmode="group")
        return fig

    return figure


def draw() -> None:
    scope = viewer_scope()
    search(scope)
    f = sidebar_filters(scope)
    if not f.ward_code:
        st.title(t("page_ward"))
        st.info(t("choose_ward"))
        return
    info = q.ward(scope, f.ward_code)
    if info is None:
        st.warning(t("not_allowed"))
        return
    where = info["ward_name"]
    st.title(f"{where} — {info['province_name']}")
    st.caption(
        f"{t('code')} {f.ward_code} · {f.period_label} · {t('as_of', day=fmt_date(f.as_of))}"
    )
    period_notes(f)
    f.field_notes()
    period = f.period.clamp(f.as_of)
    now = q.summary(scope, period, None, f.ward_code, f.field_name)
    if (
        now["n_days"] == 0
        and not q.summary(scope, q.Period(q.REFORM_DAY, f.as_of or period.end), None, f.ward_code)[
            "n_days"
        ]
    ):
        st.info(t("ward_no_dossiers", ward=where))
        return
    before = q.summary(scope, f.comparison(), None, f.ward_code, f.field_name)
    index_notes = [t("not_by_field", what=t("service_index"))] if f.field_name else []
    metric_tiles(now, compared(f, before), {"service_index": index_notes})
    ranking = q.ward_ranking(scope, period, info["province_code"], f.field_name)
    mine = ranking.filter(pl.col("ward_code") == f.ward_code)
    if mine.height and mine["rank_in_province"][0] is not None:
        st.markdown(
            t(
                "rank_in_province",
                rank=mine["rank_in_province"][0],
                of=mine["ranked_in_province"][0],
            )
        )
    # with a field chosen, the titles say so: "Phường Kim Long, lĩnh vực Đất đai"
    where_field = t("where_field", where=where, field=f.field_name) if f.field_name else where
    empty = t("no_data_period", where=where_field, period=f.period_label)
    grain = "day" if period.days <= 62 else "week"
    block(
        t("trend_title", grain=t(f"by_{grain}"), where=where_field, period=f.period_label),
        q.trend(scope, period, None, f.ward_code, grain, f.field_name),
        t("src_field_daily") if f.field_name else t("src_ward_daily"),
        "ward_trend",
        trend_figure,
        empty,
        trend_labels(grain),
        metric=["received", "finished"],
    )

    if scope.sees_dossiers:
        # on the period's last day, the day of the overdue tile above: the list is its rows
        overdue = q.overdue_dossiers(scope, f.ward_code, field_name=f.field_name, day=period.end)
        audit("dossier_list_view", ward=f.ward_code, rows=overdue.height)
        block(
            t(
                "overdue_list_title",
                days=q.NEAR_DUE_DAYS,
                where=where_field,
                day=fmt_date(period.end),
            ),
            overdue.with_columns(
                pl.col("state").replace({"overdue": t("overdue"), "near_due": t("near_due")})
            ),
            t("src_overdue"),
            "overdue_dossiers",
            empty=t("no_overdue"),
            column_labels={
                "dossier_code": t("dossier_code"),
                "procedure_name": t("procedure"),
                "received_day": t("received_day"),
                "due_day": t("due_day"),
                "state": t("state"),
                "days_overdue": t("days_overdue"),
            },
            metric="days_overdue",
        )

    why_late(scope, period, f, where_field, now)

    fields = q.by_field(scope, period, None, f.ward_code)
    block(
        t("by_field_title", where=where, period=f.period_label),
        fields,
        t("src_dossiers"),
        "ward_fields",
        bar("field_name", [("received", t("received")), ("finished", t("finished"))]),
        empty,
        procedure_labels(),
        metric=["received", "finished"],
    )
    block(
        t("processing_title", where=where_field, period=f.period_label),
        q.ranked_procedures(scope, period, None, f.ward_code, f.field_name, "busiest").drop(
            "field_name"
        ),
        t("src_dossiers"),
        "ward_processing",
        bar(
            "procedure_name",
            [("median_days", t("median_days")), ("statutory_days", t("statutory_days"))],
        ),
        empty,
        procedure_labels(),
        metric=["median_days", "statutory_days"],
    )

    f.not_by_field(t("nf_backlog"))
    left, right = st.columns(2)
    with left:
        ageing = coded_values(q.backlog_ageing(scope, f.ward_code, period.end))
        block(
            t("ageing_title", day=fmt_date(period.end), where=where),
            ageing,
            t("src_backlog"),
            "ward_ageing",
            empty=t("no_overdue"),
            metric="pending",
        )
    with right:
        st.markdown(f"## {t('inherited_title', where=where)}")
        inherited = q.inherited_backlog(scope, f.ward_code)
        if inherited is None:
            st.info(t("no_inherited"))
        else:
            block(
                "",
                pl.DataFrame([inherited]),
                t("src_backlog"),
                "ward_inherited",
                metric=["inherited", "remaining"],
            )

    f.not_by_field(t("nf_staffing_premises"))
    left, right = st.columns(2)
    with left:
        staff = with_speciality_names(q.staffing_specialities(scope, None, f.ward_code))
        block(
            t("staffing_title", where=where),
            staff,
            t("src_staffing"),
            "ward_staffing",
            bar("speciality", [("quota", t("quota")), ("in_post", t("in_post"))]),
            t("no_staffing"),
            {
                "speciality": t("speciality"),
                "quota": t("quota"),
                "in_post": t("in_post"),
                "gap": t("gap"),
                "surplus": t("surplus"),
            },
            metric=["quota", "in_post"],
        )
    with right:
        premises = q.assets_wards(scope, info["province_code"], f.ward_code).drop(
            "ward_name", "province_name"
        )
        block(
            t("premises_title", where=where),
            premises,
            t("src_assets"),
            "ward_premises",
            empty=t("no_assets"),
            metric="premises",
        )
        reuse = coded_values(q.reuse_candidates(scope, info["province_code"], f.ward_code))
        if not reuse.is_empty():
            block(
                t("reuse_title", where=where),
                reuse,
                t("src_assets"),
                "ward_reuse",
                metric=["office_m2_per_person", "floor_area_m2"],
            )

    block(
        t("open_alerts", where=where),
        q.alerts(scope, info["province_code"], f.ward_code).select(
            "severity", "since_day", "reason", "reason_en"
        ),
        t("src_alerts"),
        "ward_alerts",
        empty=t("no_alerts"),
        metric=None,
    )
    f.not_by_field(t("page_alerts"))
    st.caption(f"{t('received')}: {fmt_number(now['received'] or 0)}")
    brief_button(f, f"ward_{f.ward_code}")


def why_late(scope: q.Scope, period: q.Period, f: Filters, where_field: str, now: dict) -> None:
    """Why the ward is late: its late dossiers and overdue backlog (the tiles' numbers) by
    procedure field with the staffing of the speciality in charge, by handling agency and by
    supplement requests."""
    st.markdown(f"## {t('why_late_title', where=where_field, period=f.period_label)}")
    st.caption(
        t(
            "why_late_intro",
            late=fmt_number(now["finished_late"] or 0),
            overdue=fmt_number(now["overdue_backlog"] or 0),
            day=fmt_date(period.end),
        )
    )
    args = (scope, period, None, f.ward_code, f.field_name)
    fields = why.breakdown("field", *args)
    if fields.is_empty():
        st.info(t("why_no_late"))
        return
    source = t("src_why_late")
    late_and_overdue = [
        ("finished_late", t("finished_late")),
        ("overdue_backlog", t("overdue_backlog")),
    ]
    block(
        f"{t('why_by_field')} — {where_field}",
        fields,
        f"{source}; {t('src_field_staffing')}",
        "why_fields",
        bar("field_name", late_and_overdue),
        column_labels=why.labels(),
        metric=["finished_late", "overdue_backlog"],
    )
    st.caption(t("why_staffing_note"))
    left, right = st.columns(2)
    with left:
        block(
            f"{t('why_by_agency')} — {where_field}",
            why.breakdown("agency", *args),
            source,
            "why_agencies",
            column_labels=why.labels(),
            metric=["finished_late", "overdue_backlog"],
        )
    with right:
        block(
            f"{t('why_by_supplement')} — {where_field}",
            why.breakdown("supplement", *args),
            source,
            "why_supplements",
            bar("supplement_group", late_and_overdue),
            column_labels=why.labels(),
            metric=["finished_late", "overdue_backlog"],
        )


guard(draw)
