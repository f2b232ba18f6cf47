"""Nhân sự / Staffing: quota against people in post, empty key posts, surplus, workload, and
late share against the land and construction gaps."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap.i18n import fmt_number, t
from pages._charts import scatter_figure
from pages._common import block, guard, sidebar_filters, viewer_scope, with_speciality_names
from warehouse import queries as q


def speciality_figure(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=frame["speciality"].to_list(), y=frame["quota"].to_list(), name=t("quota"))
    fig.add_bar(x=frame["speciality"].to_list(), y=frame["in_post"].to_list(), name=t("in_post"))
    fig.update_layout(barmode="group")
    return fig


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, period=False, field=False)
    st.title(f"{t('page_staffing')} — {f.where}")
    totals = q.staffing_totals(scope, f.province_code, f.ward_code)
    labels = {
        "ward_code": t("code"),
        "ward_name": t("ward"),
        "province_name": t("province"),
        "quota": t("quota"),
        "in_post": t("in_post"),
        "surplus": t("surplus"),
        "gap": t("gap"),
        "dossiers_per_person": t("dossiers_per_person"),
        "late_share": t("late_rate"),
        "has_nobody_it": t("nobody_it"),
        "has_nobody_land": t("nobody_land"),
        "has_nobody_construction": t("nobody_construction"),
        "land_construction_gap": t("land_construction_gap"),
        "speciality": t("speciality"),
    }
    if totals is None:
        st.info(t("no_staffing"))
        return
    for column, key in zip(st.columns(4), ("quota", "in_post", "surplus", "gap"), strict=True):
        column.metric(t(key), fmt_number(totals[key]))
    wards = q.staffing_wards(scope, f.province_code, f.ward_code)
    block(
        t("speciality_title", where=f.where),
        with_speciality_names(q.staffing_specialities(scope, f.province_code, f.ward_code)),
        t("src_staffing"),
        "specialities",
        speciality_figure,
        t("no_staffing"),
        labels,
        metric=["quota", "in_post"],
    )
    block(
        t("staffing_wards_title", where=f.where),
        wards.select(
            "ward_code",
            "ward_name",
            "province_name",
            "quota",
            "in_post",
            "surplus",
            "gap",
            "dossiers_per_person",
            "late_share",
        ),
        t("src_staffing"),
        "staffing_wards",
        column_labels=labels,
        metric=["quota", "in_post"],
    )
    nobody = q.staffing_wards_missing(scope, f.province_code, f.ward_code)
    block(
        t("nobody_title", where=f.where),
        nobody.select(
            "ward_code", "ward_name", "has_nobody_it", "has_nobody_land", "has_nobody_construction"
        ),
        t("src_staffing"),
        "nobody",
        empty=t("no_staffing"),
        column_labels=labels,
        metric=["has_nobody_it", "has_nobody_land", "has_nobody_construction"],
    )
    block(
        t("surplus_title", where=f.where),
        q.staffing_wards_over_quota(scope, f.province_code, f.ward_code).select(
            "ward_code", "ward_name", "quota", "in_post", "surplus"
        ),
        t("src_staffing"),
        "surplus",
        empty=t("no_staffing"),
        metric="surplus",
        column_labels=labels,
    )
    st.caption(t("surplus_note"))
    block(
        t("scatter_title", where=f.where),
        wards.select("ward_code", "ward_name", "land_construction_gap", "late_share", "finished"),
        t("src_staffing"),
        "late_vs_gap",
        scatter_figure,
        column_labels=labels,
        metric=["land_construction_gap", "late_share"],
    )
    st.caption(t("scatter_note"))


guard(draw)
