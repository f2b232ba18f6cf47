"""Dữ liệu / Data: what was loaded and when, quarantine, feed freshness, the published build."""

import polars as pl
import streamlit as st

from haicap.i18n import fmt_date, fmt_datetime, t
from pages._common import block, guard, sidebar_filters, viewer_scope
from warehouse import queries as q

STALLED_DAYS = 7


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, ward=False, field=False)
    st.title(t("page_data"))
    info = q.build_info(scope)
    st.info(
        t(
            "build_time",
            at=fmt_datetime(info["built_at"]),
            id=info["build_id"],
            day=fmt_date(info["as_of_day"]),
        )
    )
    block(t("loads_title"), q.load_log(scope), t("src_freshness"), "loads")
    block(
        t("quarantine_title"),
        q.quarantine(scope),
        t("src_freshness"),
        "quarantine",
        empty=t("no_quarantine"),
    )
    block(
        t("freshness_province_title"),
        q.freshness_provinces(scope),
        t("src_freshness"),
        "freshness_provinces",
    )
    wards = q.freshness_wards(scope, f.province_code).with_columns(
        (pl.col("days_since_received") >= STALLED_DAYS).alias("stalled")
    )
    st.caption(t("stalled_note", n=STALLED_DAYS))
    block(
        t("freshness_ward_title", where=f.where),
        wards,
        t("src_freshness"),
        "freshness_wards",
        column_labels={"stalled": t("stalled")},
    )


guard(draw)
