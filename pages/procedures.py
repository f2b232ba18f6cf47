"""Thủ tục / Procedures: volume, online, late and processing time per field and procedure."""

import streamlit as st

from haicap.i18n import fmt_pct, t
from pages._charts import field_figure
from pages._common import (
    block,
    guard,
    period_notes,
    procedure_labels,
    sidebar_filters,
    viewer_scope,
)
from warehouse import queries as q


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope)
    st.title(f"{t('page_procedures')} — {f.where}")
    period_notes(f)
    period = f.period.clamp(f.as_of)
    empty = t("no_data_period", where=f.where, period=f.period_label)
    labels = procedure_labels()
    fields = q.by_field(scope, period, f.province_code, f.ward_code)
    share = q.non_territorial_share(scope, period, f.province_code, f.ward_code)
    if share is not None:
        st.metric(t("non_territorial_share"), fmt_pct(share))
    block(
        t("by_field_volume_title", where=f.where, period=f.period_label),
        fields,
        t("src_dossiers"),
        "fields",
        field_figure,
        empty,
        labels,
        metric="received",
    )
    block(
        t("slowest_title", where=f.where, period=f.period_label),
        q.ranked_procedures(scope, period, f.province_code, f.ward_code, f.field_name, "slowest"),
        t("src_dossiers"),
        "slowest",
        empty=t("slowest_none", n=q.SLOWEST_MIN_FINISHED),
        column_labels=labels,
        metric=["median_days", "statutory_days"],
    )
    # Fewer finished dossiers make a median of chance: those procedures are in the list below.
    st.caption(t("slowest_rule", n=q.SLOWEST_MIN_FINISHED))
    block(
        t("per_procedure_title", where=f.where, period=f.period_label),
        q.by_procedure(scope, period, f.province_code, f.ward_code, f.field_name),
        t("src_dossiers"),
        "procedures",
        empty=empty,
        column_labels=labels,
        metric="received",
    )


guard(draw)
