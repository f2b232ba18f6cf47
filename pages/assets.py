"""Tài sản / Assets: premises by use and condition, vacant area, vacant or degraded premises,
wards short of space with reuse candidates, offices far from the main one."""

import streamlit as st

from haicap.i18n import fmt_number, t
from pages._charts import CONDITIONS, USES, premises_counts, premises_figure
from pages._common import block, coded_values, guard, sidebar_filters, viewer_scope
from warehouse import queries as q


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, period=False, field=False)
    st.title(f"{t('page_assets')} — {f.where}")
    totals = q.assets_totals(scope, f.province_code, f.ward_code)
    if totals is None:
        st.info(t("no_assets"))  # the one place where there really is no report in scope
        return
    far = q.far_office_wards(scope, f.province_code, f.ward_code)
    tiles = st.columns(3)
    tiles[0].metric(t("premises"), fmt_number(totals["premises"]))
    tiles[1].metric(t("vacant_area"), fmt_number(totals["vacant_floor_area_m2"]))
    tiles[2].metric(t("far_title", where="").rstrip(" —"), fmt_number(far.height))
    # Use and condition are two questions (is it used? is it sound?): one chart each, a
    # premises being counted once in each.
    for states, title, column, key in (
        (USES, "premises_use_title", "use", "premises_by_use"),
        (CONDITIONS, "premises_condition_title", "condition", "premises_by_condition"),
    ):
        block(
            t(title, where=f.where),
            premises_counts(totals, states),
            t("src_assets"),
            key,
            premises_figure,
            column_labels={"label": t(column), "premises": t("premises")},
            metric="premises",
        )
    reuse = coded_values(q.reuse_candidates(scope, f.province_code, f.ward_code))
    labels = {"ward_code": t("code"), "ward_name": t("ward"), "days_vacant": t("days_vacant")}
    block(
        t("vacant_list_title", where=f.where),
        coded_values(q.vacant_or_degraded_premises(scope, f.province_code, f.ward_code)),
        t("src_assets"),
        "vacant_premises",
        empty=t("no_vacant_premises"),
        column_labels=labels,
        metric="days_vacant",
    )
    block(
        t("reuse_title", where=f.where),
        reuse,
        t("src_assets"),
        "reuse_candidates",
        empty=t("no_reuse_candidates"),
        column_labels=labels,
        metric=["office_m2_per_person", "floor_area_m2"],
    )
    block(
        t("far_title", where=f.where),
        far,
        t("src_assets"),
        "far_offices",
        empty=t("no_far_offices"),
        column_labels=labels,
        metric="far_offices",
    )


guard(draw)
