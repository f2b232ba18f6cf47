"""Tổng quan / Overview: the headline numbers of the viewer's scope, trend, best and worst
wards on the metric chosen (a row opens its ward), the province's rank, open alerts."""

import streamlit as st

from haicap.i18n import fmt_date, language, t
from pages._common import (
    block,
    brief_button,
    compared,
    guard,
    metric_tiles,
    named_units,
    period_notes,
    sidebar_filters,
    trend_figure,
    trend_labels,
    viewer_scope,
)
from pages._kit import url_choice
from pages._rankings import (
    open_ward,
    province_rank_line,
    ranking_columns,
    ranking_minimum,
    ward_labels,
)
from warehouse import queries as q


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, ward=False)
    st.title(f"{t('page_overview')} — {f.where}")
    st.caption(f"{f.period_label} · {t('as_of', day=fmt_date(f.as_of))}")
    period_notes(f)
    f.field_notes()
    period = f.period.clamp(f.as_of)
    now = q.summary(scope, period, f.province_code, None, f.field_name)
    before = q.summary(scope, f.comparison(), f.province_code, None, f.field_name)
    if not now["received"] and not now["pending_end"]:
        st.info(t("no_data_period", where=f.where_field, period=f.period_label))
    index_notes = [t("not_by_field", what=t("service_index"))] if f.field_name else []
    metric_tiles(now, compared(f, before), {"service_index": index_notes})

    grain = "day" if period.days <= 62 else "week"
    series = q.trend(scope, period, f.province_code, None, grain, f.field_name)
    labels = trend_labels(grain)
    source = t("src_field_daily") if f.field_name else t("src_province_daily")
    block(
        t("trend_title", grain=t(f"by_{grain}"), where=f.where_field, period=f.period_label),
        series,
        source,
        "trend",
        trend_figure,
        t("no_data_period", where=f.where_field, period=f.period_label),
        labels,
        metric=["received", "finished"],
    )

    metric = url_choice(st.selectbox, t("rank_metric"), q.WARD_METRICS, "metric", t)
    province_rank_line(scope, period, metric, f.field_name, f.province_code)
    ranking = q.ranked_wards(scope, period, f.province_code, f.field_name, metric)
    many = scope.province_code is None and f.province_code is None
    columns = ranking_columns(metric, many)
    left, right = st.columns(2)
    empty = t("no_data_period", where=f.where_field, period=f.period_label)
    ranking_source = t("src_field_daily") if f.field_name else t("src_ward_daily")
    best, worst = q.best_and_worst(ranking, 10)
    for column, key, rows in ((left, "best_wards", best), (right, "worst_wards", worst)):
        if ranking.height and rows.is_empty():
            empty = t("ranking_all_listed")
        with column:
            block(
                t(f"{key}_by", metric=t(metric), where=f.where_field, period=f.period_label),
                rows.select(columns),
                ranking_source,
                key,
                empty=empty,
                column_labels=ward_labels(),
                select=lambda index, rows=rows: open_ward(rows["ward_code"][index]),
                metric=metric,
            )
    direction = "direction_low" if metric in q.LOWER_IS_BETTER else "direction_high"
    st.caption(
        t("ranking_rule", metric=t(metric), direction=t(direction), minimum=ranking_minimum(metric))
    )
    if metric == "overdue_per_1000":
        st.caption(t("def_overdue_per_1000"))

    open_alerts = named_units(q.alerts(scope, f.province_code))
    reason = "reason_en" if language() == "en" else "reason"
    block(
        t("open_alerts", where=f.where),
        open_alerts.select("unit_name", "province_name", "severity", "since_day", reason),
        t("src_alerts"),
        "alerts",
        empty=t("no_alerts"),
        column_labels={
            "unit_name": t("ward"),
            "province_name": t("province"),
            "severity": t("severity"),
            "since_day": t("since"),
            reason: t("reason"),
        },
        metric=None,
    )
    f.not_by_field(t("page_alerts"))
    brief_button(f, "overview")


guard(draw)
