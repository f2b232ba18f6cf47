"""Thủ tục / Procedures: volume, online, late and processing time per field and procedure."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap.i18n import fmt_pct, t
from pages._common import block, guard, period_notes, sidebar_filters, viewer_scope
from warehouse import queries as q


def field_figure(frame: pl.DataFrame) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=frame["field_name"].to_list(), y=frame["received"].to_list(), name=t("received"))
    fig.add_scatter(
        x=frame["field_name"].to_list(),
        y=frame["late_rate"].to_list(),
        name=t("late_rate"),
        mode="markers",
        yaxis="y2",
    )
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "tickformat": ".0%"})
    return fig


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope)
    st.title(f"{t('page_procedures')} — {f.where}")
    period_notes(f)
    period = f.period.clamp(f.as_of)
    empty = t("no_data_period", where=f.where, period=f.period_label)
    labels = {
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
    fields = q.by_field(scope, period, f.province_code, f.ward_code)
    received = fields["received"].sum() if not fields.is_empty() else 0
    if received:
        # a period may hold finished dossiers and none received: then there is no share
        share = (fields["non_territorial_share"] * fields["received"]).sum() / received
        st.metric(t("non_territorial_share"), fmt_pct(share))
    block(
        t("by_field_volume_title", where=f.where, period=f.period_label),
        fields,
        t("src_dossiers"),
        "fields",
        field_figure,
        empty,
        labels,
    )
    procedures = q.by_procedure(scope, period, f.province_code, f.ward_code, f.field_name)
    slow = (
        procedures.filter(pl.col("finished") >= 5)
        .with_columns((pl.col("median_days") / pl.col("statutory_days")).alias("ratio"))
        .sort("ratio", descending=True, nulls_last=True)
        .head(15)
        .drop("ratio")
    )
    block(
        t("slowest_title", where=f.where, period=f.period_label),
        slow.select(
            "procedure_name",
            "field_name",
            "finished",
            "median_days",
            "statutory_days",
            "beyond_statutory_share",
            "late_rate",
        ),
        t("src_dossiers"),
        "slowest",
        empty=empty,
        column_labels=labels,
    )
    block(
        t("per_procedure_title", where=f.where, period=f.period_label),
        procedures,
        t("src_dossiers"),
        "procedures",
        empty=empty,
        column_labels=labels,
    )


guard(draw)
