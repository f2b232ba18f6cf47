"""Tỉnh, thành / Provinces (public): the provinces ranked on one month's public figures, the
tile map, and one province's wards; withheld cells are marked."""

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from haicap.i18n import t
from pages._kit import url_choice
from pages._map import tile_map
from pages._places import rank_of
from pages.public import _public as p
from warehouse import public_queries as pq

MAP_METRICS = [
    "on_time_rate",
    "online_share",
    "received",
    "pending_overdue_end",
    "overdue_per_1000",
    "service_index",
]


def _value_text(metric: str, row: dict) -> str:
    return p.value_text(metric, row.get(metric), row.get(f"{metric}_withheld", True))


def public_tiles(frame: pl.DataFrame, metric: str) -> go.Figure:
    """The shared tile map on public numbers: a withheld value is grey, its hover says so."""
    rows = {r["province_code"]: r for r in frame.iter_rows(named=True)}
    names = dict(pq.provinces().select("province_code", "province_name").iter_rows())
    return tile_map(
        values={c: r[metric] for c, r in rows.items() if not r.get(f"{metric}_withheld", True)},
        hover={c: f"{names.get(c, c)}: {_value_text(metric, r)}" for c, r in rows.items()},
        names=names,
        colorbar=p.label(metric),
        metric=metric,
    )


def direction(metric: str) -> str:
    return t("pub_direction_low" if metric in pq.LOWER_IS_BETTER else "pub_direction_high")


def draw() -> None:
    st.title(t("pub_page_provinces"))
    month = p.month_filter()
    if month is None:
        st.info(t("pub_no_data"))
        return
    period = p.month_label(month)
    p.withheld_note()
    ranking = pq.province_ranking(month)
    metric = url_choice(st.sidebar.selectbox, t("pub_metric"), MAP_METRICS, "metric", p.label)
    columns = [metric, *[m for m in pq.RANKED if m != metric]]
    of = pq.provinces().height
    ranked = pq.ranked_by(ranking, metric)
    # the place among every province, as the leaders' edition writes it (pages/_places.py)
    ranked = ranked.with_columns(
        pl.Series("rank", [None if r is None else rank_of(r, of) for r in ranked["rank"]])
    ).select(
        "rank",
        "province_name",
        *[c for name in columns for c in (name, f"{name}_withheld") if c in ranking.columns],
        "province_code",
    )
    p.block(
        t("pub_map_title", metric=p.label(metric), period=period),
        ranked,
        "province_map",
        "pub_province_monthly, pub_service_index_province_monthly",
        [metric],
        lambda f: public_tiles(f, metric),
        metric=metric,
    )
    p.block(
        t("pub_ranking_by_title", metric=p.label(metric), period=period),
        ranked,
        "province_ranking",
        "pub_province_monthly, pub_service_index_province_monthly",
        columns,
        metric=metric,
        select=lambda index: open_province(ranked["province_code"][index]),
    )
    st.caption(
        t(
            "pub_province_ranking_rule",
            metric=p.label(metric),
            direction=direction(metric),
            of=of,
        )
    )
    province = p.province_filter(allow_country=False)
    if province:
        p.place_line(province, month, metric, note=False)
        units = p.unit_words(pq.unit_ranking(province, month), province)
        # the wards have no service index: ranked on the on-time rate then
        unit_metric = metric if f"{metric}_withheld" in units.columns else "on_time_rate"
        # wards rank among wards; the province's own dossiers are listed last, unranked
        level = pl.col("is_province_level")
        ordered = pl.concat(
            [
                rank_text(pq.ranked_by(units.filter(~level), unit_metric)),
                units.filter(level).with_columns(pl.lit(None, pl.String).alias("rank")),
            ],
            how="diagonal_relaxed",
        )
        unit_columns = [unit_metric, *[m for m in pq.RANKED if m != unit_metric]]
        ordered = ordered.select(
            "rank",
            "unit_name",
            *[c for name in unit_columns for c in (name, f"{name}_withheld") if c in units.columns],
            "unit_code",
        )
        p.block(
            t(
                "pub_units_by_title",
                where=pq.province_name(province) or province,
                metric=p.label(unit_metric),
                period=period,
            ),
            ordered,
            "ward_table",
            "pub_unit_monthly",
            [c for c in unit_columns if c in units.columns],
            select=lambda index: open_ward(ordered["unit_code"][index]),
            metric=unit_metric,
        )
        st.caption(
            t("pub_ranking_rule", metric=p.label(unit_metric), direction=direction(unit_metric))
        )


def rank_text(frame: pl.DataFrame) -> pl.DataFrame:
    """A ward's rank as "2/5" (of the ranked wards): a place, never to be read as a small
    count."""
    rank = pl.col("rank")
    return frame.with_columns(
        pl.when(rank.is_not_null()).then(pl.format("{}/{}", rank, rank.count())).alias("rank")
    )


def open_ward(code: str | None) -> None:
    """The public Ward page on the ward clicked (the province-level row has no code and no
    page)."""
    if not code or pq.ward(code) is None:
        return
    st.switch_page("pages/public/ward.py", query_params={**st.query_params.to_dict(), "ward": code})


def open_province(code: str) -> None:
    """The public Overview of the province clicked, the view's other filters kept."""
    st.switch_page(
        "pages/public/overview.py", query_params={**st.query_params.to_dict(), "prov": code}
    )


p.guard(draw)
