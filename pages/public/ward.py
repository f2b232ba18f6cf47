"""Phường, xã / Ward (public): one ward's monthly public figures, found by search; the ward
is kept in `?ward=CODE` so the view can be shared."""

import streamlit as st

from haicap.i18n import t
from pages.public import _public as p
from warehouse import public_queries as pq


def as_code(text: str) -> str:
    """Text from the URL inside a Markdown message as an inline code span: shown as typed,
    never a link, an image, HTML or a formula, whatever a crafted link put in it."""
    shown = "".join(c for c in text[:40] if c.isprintable() and c != "`")
    return f"`{shown}`" if shown.strip() else "–"


def _choose_ward() -> str | None:
    wanted = st.query_params.get("ward")
    text = st.text_input(t("pub_search"), key="ward_search", help=t("pub_search_help"))
    if text:
        found = pq.search_wards(text)
        if found.is_empty():
            st.info(t("pub_no_match"))
            return wanted
        labels = {
            r["ward_code"]: f"{r['ward_name']} — {r['province_name']} ({r['ward_code']})"
            for r in found.iter_rows(named=True)
        }
        options = list(labels)
        index = options.index(wanted) if wanted in options else 0
        chosen = st.selectbox(
            t("pub_pick_ward"), options, index=index, format_func=labels.get, key="ward_pick"
        )
        st.query_params["ward"] = chosen
        return chosen
    return wanted


def draw() -> None:
    st.title(t("pub_page_ward"))
    code = _choose_ward()
    if not code:
        return
    info = pq.ward(code)
    if info is None:
        st.warning(t("pub_unknown_ward", code=as_code(code)))
        return
    where = t("pub_ward_title", ward=info["ward_name"], province=info["province_name"])
    st.header(where)
    frame = pq.ward_monthly(code)
    if frame.is_empty():
        st.info(t("pub_no_ward_data"))
        return
    p.withheld_note()
    p.block(
        t("pub_trend_title", where=where) + f" — {t('received')}",
        frame.select("month", "received", "received_withheld"),
        "ward_received",
        "pub_unit_monthly",
        ["received"],
        lambda f: p.bars_with_withheld(f, "month", "received"),
        metric="received",
    )
    p.block(
        t("pub_trend_title", where=where),
        frame,
        "ward_by_month",
        "pub_unit_monthly",
        ["received", "finished", "on_time_rate", "pending_end", "pending_overdue_end"],
        metric="received",
    )


p.guard(draw)
