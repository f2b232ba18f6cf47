"""Tổng quan / Overview (public): the country or one province, month by month, with the
month's headline figures; withheld cells are marked."""

import streamlit as st

from haicap.i18n import t
from pages._kit import url_choice
from pages.public import _public as p
from warehouse import public_queries as pq


def draw() -> None:
    st.title(t("pub_title"))
    month = p.month_filter()
    province = p.province_filter()
    where = pq.province_name(province) or t("pub_country")
    frame = pq.monthly(province)
    if month is None or frame.is_empty():
        st.info(t("pub_no_data"))
        return
    st.header(t("pub_headline", where=where, period=p.month_label(month)))
    row = frame.filter(frame["month"] == month).to_dicts()
    now = row[0] if row else {}
    for column, measure in zip(st.columns(len(pq.HEADLINE)), pq.HEADLINE, strict=True):
        withheld = now.get(f"{measure}_withheld", True)
        value = p.value_text(measure, now.get(measure), withheld)
        column.metric(
            p.label(measure),
            value,
            help=p.with_thresholds("pub_withheld_note") if withheld else None,
        )
    p.withheld_note()
    if province:
        metric = url_choice(st.selectbox, t("rank_metric"), pq.RANKED, "metric", p.label)
        p.place_line(province, month, metric)
    table = "pub_province_monthly"
    p.block(
        t("pub_trend_title", where=where) + f" — {t('received')}",
        frame.select("month", "received", "received_withheld"),
        "received_by_month",
        table,
        ["received"],
        lambda f: p.bars_with_withheld(f, "month", "received"),
        metric="received",
    )
    p.block(
        t("pub_trend_title", where=where) + f" — {t('online_share')}, {t('on_time_rate')}",
        frame.select("month", *[c for r in pq.RATES for c in (r, f"{r}_withheld")]),
        "rates_by_month",
        table,
        pq.RATES,
        lambda f: p.rates_figure(f, "month"),
        metric=["online_share", "on_time_rate"],
    )
    p.block(
        t("pub_trend_title", where=where),
        frame,
        "all_by_month",
        table,
        ["received", "finished", "on_time_rate", "pending_end", "pending_overdue_end"],
        metric="received",
    )


p.guard(draw)
