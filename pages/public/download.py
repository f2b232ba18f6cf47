"""Tải dữ liệu / Download (public): every public figure of a province (each ward and the
province level, each month) in one file; the sidebar's buttons carry it as ZIP or XLSX."""

import streamlit as st

from haicap.i18n import t
from pages.public import _public as p
from warehouse import public_queries as pq


def draw() -> None:
    st.title(t("pub_page_download"))
    st.write(t("pub_download_intro"))
    province = p.province_filter(allow_country=False)
    if not province:
        st.info(t("pub_no_data"))
        return
    where = pq.province_name(province) or province
    p.block(
        t("pub_trend_title", where=where),
        pq.monthly(province),
        "province_by_month",
        "pub_province_monthly",
        pq.COUNTS + pq.RATES,
        metric="received",
    )
    p.block(
        t("pub_units_title", where=where, period=t("pub_every_month")),
        p.unit_words(pq.province_units_monthly(province), province),
        "wards_by_month",
        "pub_unit_monthly",
        pq.COUNTS + pq.RATES,
        metric="received",
    )
    st.caption(t("pub_method_permalinks"))


p.guard(draw)
