"""Tỉnh, thành / Provinces: ranking on any metric, the tile-grid map, two side by side."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap.i18n import fmt_number, fmt_pct, t
from pages._common import block, guard, sidebar_filters, viewer_scope
from pages._kit import url_choice
from pages._map import tile_map
from pages._rankings import open_province, province_rank_line
from warehouse import queries as q

# (column, row) of each province's tile, row 0 at the top: roughly where it lies, drawn by
# hand from the 2025 map. Names come from marts.dim_province, never from here.

METRICS = [
    "on_time_rate",
    "received",
    "online_share",
    "late_rate",
    "overdue_backlog",
    "overdue_per_1000",
    "service_index",
    "points_progress",
    "points_online_service",
    "points_online_payment",
    "points_satisfaction",
    "points_digitisation",
]
SHARES = {"on_time_rate", "online_share", "late_rate"}


def _fmt(metric: str, value: float | None) -> str:
    return (
        fmt_pct(value)
        if metric in SHARES
        else fmt_number(value, 0 if metric in ("received", "overdue_backlog") else 1)
    )


def tile_figure(frame: pl.DataFrame, metric: str) -> go.Figure:
    rows = list(frame.iter_rows(named=True))
    return tile_map(
        values={r["province_code"]: r[metric] for r in rows},
        hover={
            r["province_code"]: f"{r['province_name']}: {_fmt(metric, r[metric])}" for r in rows
        },
        names={r["province_code"]: r["province_name"] for r in rows},
        colorbar=t(metric),
        metric=metric,
    )


def draw() -> None:
    scope = viewer_scope()
    f = sidebar_filters(scope, ward=False)
    st.title(t("page_provinces"))
    f.field_notes()
    f.not_by_field(t("nf_service_groups"))
    period = f.period.clamp(f.as_of)
    # with a field chosen, the titles say so: "Tháng 10/2025, lĩnh vực Đất đai"
    shown_period = (
        t("where_field", where=f.period_label, field=f.field_name)
        if f.field_name
        else f.period_label
    )
    ranking = q.province_ranking(scope, period, f.field_name)
    flows_source = t("src_field_daily") if f.field_name else t("src_province_daily")
    source = flows_source + "; " + t("src_service_index")
    names = dict(ranking.select("province_code", "province_name").iter_rows())
    metric = url_choice(st.selectbox, t("metric"), METRICS, "metric", t)
    if scope.province_code:
        # A province's viewer has one province to look at: its figures, and a sentence for
        # the ranking, the map and the comparison, which need the provinces they cannot see.
        name = names.get(scope.province_code, scope.province_code)
        st.info(t("provinces_scoped", province=name))
        province_rank_line(scope, period, metric, f.field_name, None)
        if ranking.filter(pl.col("received").is_not_null()).is_empty():
            st.info(t("no_data_period", where=name, period=shown_period))
        block(
            t("province_figures_title", where=name, period=shown_period),
            metric_table(ranking, [scope.province_code], names),
            source,
            "province_figures",
            metric=name,
        )
        return
    ordered = q.provinces_ranked_by(scope, period, metric, f.field_name)
    labels = {
        "rank": t("rank"),
        "province_code": t("code"),
        "province_name": t("province"),
        **{m: t(m) for m in METRICS},
    }
    empty = t("no_data_period", where=t("scope_country"), period=shown_period)
    left, right = st.columns([3, 2])
    with left:
        block(
            t("ranking_title", metric=t(metric), period=shown_period),
            ordered.select(
                "rank",
                "province_name",
                metric,
                *[m for m in METRICS if m != metric],
                "province_code",
            ),
            source,
            "province_ranking",
            empty=empty,
            column_labels=labels,
            select=lambda index: open_province(ordered["province_code"][index]),
            metric=metric,
        )
        direction = "direction_low" if metric in q.LOWER_IS_BETTER else "direction_high"
        st.caption(t("province_ranking_rule", metric=t(metric), direction=t(direction)))
        if metric == "overdue_per_1000":
            st.caption(t("def_overdue_per_1000"))
    with right:
        st.markdown(f"## {t('tilemap_title', metric=t(metric), period=shown_period)}")
        fig = tile_figure(ranking, metric)
        fig.update_layout(height=760, margin={"l": 0, "r": 0, "t": 10, "b": 0})
        st.plotly_chart(fig, key="tilemap", config={"displaylogo": False})
        st.caption(t("tilemap_note"))

    st.markdown(f"## {t('compare')}")
    codes = list(names)
    if len(codes) < 2:
        st.info(t("compare_needs_two"))
        return
    with_data = ranking.filter(pl.col("received").is_not_null())["province_code"].to_list()
    first_default = (with_data or codes)[0]
    second_default = next(c for c in [*with_data, *codes] if c != first_default)
    one, two = st.columns(2)
    with one:
        a = url_choice(
            st.selectbox,
            t("compare_a"),
            [first_default, *[c for c in codes if c != first_default]],
            "a",
            lambda c: names[c],
        )
    with two:
        b = url_choice(
            st.selectbox,
            t("compare_b"),
            [second_default, *[c for c in codes if c != second_default]],
            "b",
            lambda c: names[c],
        )
    block(
        f"{names[a]} — {names[b]}, {shown_period}",
        metric_table(ranking, [a, b], names),
        source,
        "province_compare",
        metric=[names[a], names[b]],
    )


def metric_table(ranking: pl.DataFrame, codes: list[str], names: dict[str, str]) -> pl.DataFrame:
    """Every metric (rows) of the given provinces (one column each), written for reading."""
    return pl.DataFrame(
        {
            t("metric"): [t(m) for m in METRICS],
            **{
                names[code]: [
                    _fmt(m, ranking.filter(pl.col("province_code") == code)[m].first())
                    for m in METRICS
                ]
                for code in dict.fromkeys(codes)
            },
        }
    )


guard(draw)
