"""The figures of the Procedures, Staffing and Assets pages, apart from the pages so that a
test can read their JSON without running a page (a page module draws itself on import).

Each takes the rows its page's query returns and gives a Plotly figure; `pages._kit.style`
then writes numbers and dates the way of the current language.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from haicap.i18n import t

# The premises' uses and conditions, as the assets report codes them (keys of their names).
USES = [
    "use_dang_su_dung",
    "use_su_dung_mot_phan",
    "use_bo_trong",
    "use_da_chuyen_doi",
    "use_cho_xu_ly",
]
CONDITIONS = ["condition_tot", "condition_xuong_cap", "condition_hu_hong"]


def field_figure(frame: pl.DataFrame) -> go.Figure:
    """Dossiers received and the late share of each field, side by side on horizontal bars:
    the fields' names read across on the shared y axis, the busiest field on top."""
    rows = frame.sort("received", descending=True, nulls_last=True)
    names = rows["field_name"].to_list()
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        # the unit on a line of its own: on a phone each panel is a third of the screen, and
        # the two titles on one line ran into each other
        subplot_titles=[
            f"{t('received')}<br>({t('unit_dossiers')})",
            f"{t('late_rate')}<br>(%)",
        ],
    )
    fig.update_annotations(font_size=11)
    fig.add_bar(y=names, x=rows["received"].to_list(), orientation="h", name=t("received"))
    fig.add_bar(
        y=names,
        x=rows["late_rate"].to_list(),
        orientation="h",
        name=t("late_rate"),
        row=1,
        col=2,
    )
    fig.update_xaxes(tickformat=",.0%", rangemode="tozero", row=1, col=2)
    fig.update_yaxes(autorange="reversed")
    # the two panels' titles name the bars: a legend would say it twice
    fig.update_layout(showlegend=False, height=120 + 26 * len(names))
    return fig


def scatter_figure(frame: pl.DataFrame) -> go.Figure:
    """Each ward's late share against its unfilled land and construction posts, every dot
    named on hover and the furthest out named on the chart. The posts are counted in whole
    numbers; the dots are spread a little sideways so that wards with the same count do
    not hide one another (the hover gives the true count)."""
    rows = frame.filter(
        pl.col("late_share").is_not_null() & pl.col("land_construction_gap").is_not_null()
    )
    gap = rows["land_construction_gap"].to_list()
    spread = [g + ((i * 7) % 9 - 4) * 0.05 for i, g in enumerate(gap)]
    fig = go.Figure()
    fig.add_scatter(
        x=spread,
        y=rows["late_share"].to_list(),
        mode="markers",
        text=rows["ward_name"].to_list(),
        customdata=gap,
        hovertemplate=(
            f"<b>%{{text}}</b><br>{t('land_construction_gap')}: %{{customdata:,d}}"
            f"<br>{t('late_rate')}: %{{y:,.1%}}<extra></extra>"
        ),
        marker={"size": 9, "opacity": 0.7},
        showlegend=False,
    )
    outliers = _outliers(rows)
    if outliers:
        fig.add_scatter(
            x=[spread[i] for i in outliers],
            y=[rows["late_share"][i] for i in outliers],
            mode="text",
            text=[rows["ward_name"][i] for i in outliers],
            textposition="top center",
            textfont={"size": 11},
            hoverinfo="skip",
            showlegend=False,
        )
    top = max(gap, default=0)
    fig.update_xaxes(
        title=f"{t('land_construction_gap')} ({t('unit_posts')})",
        tickformat=",d",
        tick0=0,
        dtick=1 if top <= 10 else None,
        range=[-0.5, top + 0.5],
    )
    fig.update_yaxes(title=f"{t('late_rate')} (%)", tickformat=",.0%", rangemode="tozero")
    return fig


def _outliers(rows: pl.DataFrame, most: int = 3) -> list[int]:
    """The rows worth a name on the chart: the highest late shares and the largest gap, each
    far enough from the others named that the names do not cover one another."""
    if rows.is_empty():
        return []
    indexed = rows.with_row_index()
    by_late = indexed.sort("late_share", descending=True)["index"].to_list()
    by_gap = indexed.sort("land_construction_gap", descending=True)["index"].to_list()
    gap, late = rows["land_construction_gap"].to_list(), rows["late_share"].to_list()
    named: list[int] = []
    for i in dict.fromkeys([*by_late[: most - 1], by_gap[0]]):
        if all(abs(gap[i] - gap[j]) >= 3 or abs(late[i] - late[j]) >= 0.08 for j in named):
            named.append(i)
    return named


def premises_figure(frame: pl.DataFrame) -> go.Figure:
    """Premises per use (or per condition), one horizontal bar each, names on the y axis."""
    fig = go.Figure()
    fig.add_bar(
        y=frame["label"].to_list(),
        x=frame["premises"].to_list(),
        orientation="h",
        name=t("premises"),
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=f"{t('premises')} ({t('unit_premises')})", rangemode="tozero")
    fig.update_layout(height=110 + 34 * frame.height)
    return fig


def premises_counts(totals: dict, states: list[str]) -> pl.DataFrame:
    """The premises of each use (or condition) in `states`, named in the current language."""
    return pl.DataFrame(
        {
            "label": [t(c) for c in states],
            "premises": [None if totals[c] is None else int(totals[c]) for c in states],
        },
        schema={"label": pl.String, "premises": pl.Int64},
    )
