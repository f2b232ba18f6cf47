"""What the rankings of the leaders' pages share: the columns of a ward ranking (the metric
ranked on first after the name), opening the ward or province clicked, and a province's
place among the 34."""

from __future__ import annotations

import streamlit as st

from haicap.i18n import t
from pages._common import province_name
from pages._places import province_place
from warehouse import queries as q


def ranking_columns(metric: str, many: bool) -> list[str]:
    """The ranking's columns: the rank, the ward, the metric ranked on (so a narrow screen
    always shows it), then the rest."""
    rest = ["received", "finished", *q.WARD_METRICS]
    return [
        "rank",
        "ward_name",
        metric,
        *(["province_name"] if many else []),
        *dict.fromkeys(c for c in rest if c != metric),
        "ward_code",
    ]


def ranking_minimum(metric: str) -> str:
    """Which wards a ranking on `metric` ranks, in words (queries.RANKED_ON)."""
    base = q.RANKED_ON.get(metric)
    return t(f"rank_minimum_{base or 'none'}", n=q.MIN_FINISHED_TO_RANK)


def ward_labels() -> dict[str, str]:
    return {
        "rank": t("rank"),
        "ward_code": t("code"),
        "ward_name": t("ward"),
        "province_name": t("province"),
        "received": t("received"),
        "finished": t("finished"),
        **{m: t(m) for m in q.WARD_METRICS},
    }


def open_ward(code: str) -> None:
    """The Ward page on the ward clicked, the view's other filters kept in the link."""
    st.session_state["ward"] = code
    st.switch_page("pages/ward.py", query_params={**st.query_params.to_dict(), "ward": code})


def province_rank_line(
    scope: q.Scope,
    period: q.Period,
    metric: str,
    field_name: str | None,
    chosen: str | None,
) -> None:
    """A province's place among the 34 on the metric: for a province's viewer, or a national
    viewer looking at one province. The rank only, never another province's figures."""
    province = scope.province_code or chosen
    if province is None:
        return
    place = q.province_rank(scope, period, metric, field_name, province)
    line, note = province_place(province_name(scope, province), t(metric), place)
    st.markdown(line if place["rank"] is None else f"**{line}**")
    st.caption(note)


def open_province(code: str) -> None:
    """The Overview of the province clicked, the view's other filters kept in the link."""
    st.session_state["prov"] = code
    st.switch_page("pages/overview.py", query_params={**st.query_params.to_dict(), "prov": code})
