"""The charts' numbers as a reader sees them, read from the figures' JSON (no browser): counts
in whole numbers with the language's thousands separator and no SI suffix, shares in percent,
the legend clear of the axes, long names across, the tile map's colour bar in the metric's
unit and its labels short enough for a tile, the Staffing scatter's dots named, the Assets
page's use and condition apart."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import pytest

from haicap import i18n
from pages._charts import (
    CONDITIONS,
    USES,
    field_figure,
    premises_counts,
    premises_figure,
    scatter_figure,
)
from pages._common import trend_figure
from pages._kit import style
from pages._map import ISLANDS, TILES, metric_kind, short_label, tile_map

# The 34 provinces' names as dim_province has them (2025).
NAMES = {
    "01": "Thành phố Hà Nội",
    "04": "Cao Bằng",
    "08": "Tuyên Quang",
    "11": "Điện Biên",
    "12": "Lai Châu",
    "14": "Sơn La",
    "15": "Lào Cai",
    "19": "Thái Nguyên",
    "20": "Lạng Sơn",
    "22": "Quảng Ninh",
    "24": "Bắc Ninh",
    "25": "Phú Thọ",
    "31": "Thành phố Hải Phòng",
    "33": "Hưng Yên",
    "37": "Ninh Bình",
    "38": "Thanh Hóa",
    "40": "Nghệ An",
    "42": "Hà Tĩnh",
    "44": "Quảng Trị",
    "46": "Thành phố Huế",
    "48": "Thành phố Đà Nẵng",
    "51": "Quảng Ngãi",
    "52": "Gia Lai",
    "56": "Khánh Hòa",
    "66": "Đắk Lắk",
    "68": "Lâm Đồng",
    "75": "Đồng Nai",
    "79": "Thành phố Hồ Chí Minh",
    "80": "Tây Ninh",
    "82": "Đồng Tháp",
    "86": "Vĩnh Long",
    "91": "An Giang",
    "92": "Thành phố Cần Thơ",
    "96": "Cà Mau",
}


@pytest.fixture(params=["vi", "en"])
def lang(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("vi")


def bars(x: list, y: list, **layout) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=x, y=y)
    fig.update_layout(**layout)
    return fig


def test_separators_follow_the_language(lang):
    fig = style(bars(["a", "b"], [6000, 12000]))
    # Plotly's separators are (decimal, thousands): 6.000 and 0,5 in Vietnamese
    assert fig.layout.separators == {"vi": ",.", "en": ".,"}[lang]


def test_count_axes_have_whole_numbers_and_no_si_suffix(lang):
    big = style(bars(["a", "b"], [6000, 1_500_000])).layout.yaxis
    assert big.tickformat == big.hoverformat == ",d"  # 1.500.000, never 1,5M
    assert big.dtick is None  # Plotly's steps over a large range are whole already
    small = style(bars(["a", "b", "c"], [0, 1, 3])).layout.yaxis
    assert small.tickformat == ",d"
    assert (small.tick0, small.dtick) == (0, 1)  # no tick at 0,5 or 1,5


def test_share_axes_are_in_percent(lang):
    fig = go.Figure()
    fig.add_scatter(x=[dt.date(2025, 9, 1), dt.date(2025, 10, 1)], y=[0.91, 0.95])
    fig.update_yaxes(tickformat=".0%")
    axis = style(fig).layout.yaxis
    assert axis.tickformat.endswith("%") and axis.hoverformat.endswith("%")
    assert "," in axis.tickformat  # thousands grouped, as every number
    assert style(fig).layout.xaxis.tickformat.startswith("%")  # a date axis stays a date axis


def test_other_numbers_are_plain_decimals():
    axis = style(bars(["a", "b"], [2.5, 10.25])).layout.yaxis
    assert axis.tickformat == ",.2~f" and "s" not in axis.tickformat


def test_legend_sits_above_the_plot():
    fig = go.Figure()
    fig.add_bar(x=["a"], y=[1], name="one")
    fig.add_bar(x=["a"], y=[2], name="two")
    legend = style(fig).layout.legend
    assert legend.orientation == "h" and legend.y >= 1 and legend.yanchor == "bottom"


def test_long_names_go_across_shortened_with_the_full_name_kept():
    long = "Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở lần đầu"
    fig = go.Figure()
    fig.add_bar(x=[long, "Hộ tịch"], y=[3, 4], name="a")
    fig.add_bar(x=[long, "Hộ tịch"], y=[1, 2], name="b")
    fig.update_layout(barmode="group")
    style(fig)
    assert all(trace.orientation == "h" for trace in fig.data)
    assert fig.data[0].y == (long, "Hộ tịch")  # the hover's name is whole
    assert fig.layout.yaxis.ticktext[0].endswith("…") and len(fig.layout.yaxis.ticktext[0]) <= 28
    assert fig.layout.yaxis.autorange == "reversed"  # the first name on top, as in the table
    assert fig.layout.xaxis.tickformat == ",d"
    # short names stay under vertical bars
    assert style(bars(["Đất đai", "Hộ tịch"], [1, 2])).data[0].orientation != "h"


def test_short_province_labels_fit_a_tile():
    labels = {code: short_label(name) for code, name in NAMES.items()}
    assert labels["79"] == "HCM"
    assert labels["01"] == "Hà<br>Nội" and labels["46"] == "Huế"
    for label in labels.values():
        assert max(len(line) for line in label.split("<br>")) <= 6, label


@pytest.mark.parametrize(
    ("metric", "kind"),
    [
        ("on_time_rate", "share"),
        ("online_share", "share"),
        ("received", "count"),
        ("overdue_backlog", "count"),
        ("pending_overdue_end", "count"),
        ("service_index", "points"),
        ("points_progress", "points"),
    ],
)
def test_metric_kinds(metric, kind):
    assert metric_kind(metric) == kind


def tile_bar(fig: go.Figure) -> go.scatter.marker.ColorBar:
    return next(trace.marker.colorbar for trace in fig.data if trace.marker.showscale)


def test_tile_map_colour_bar_of_a_rate_is_in_percent(lang):
    values = {code: 1.0 for code in TILES}  # every province on time: one colour, one value
    fig = tile_map(values, {}, NAMES, i18n.t("on_time_rate"), metric="on_time_rate")
    marker = next(trace.marker for trace in fig.data if trace.marker.showscale)
    assert marker.cmax <= 1.0 and marker.cmin >= 0.9  # not 0,6–1,4 around a single 1,0
    assert marker.colorbar.tickformat.endswith("%")
    assert marker.colorbar.title.text.endswith("(%)")
    assert marker.colorbar.orientation == "h"  # under the map: a phone keeps its width


def test_tile_map_colour_bar_of_a_count_is_in_whole_dossiers(lang):
    values = {code: 100 * index for index, code in enumerate(TILES)}
    fig = tile_map(values, {}, NAMES, i18n.t("received"), metric="received")
    colorbar = tile_bar(fig)
    assert colorbar.tickformat == ",d"
    assert colorbar.title.text.endswith(f"({i18n.t('unit_dossiers')})")
    assert fig.layout.separators == i18n.plotly_separators()
    small = tile_bar(tile_map({"01": 2, "79": 3}, {}, NAMES, "x", metric="overdue_backlog"))
    assert small.dtick == 1  # a backlog of 2 or 3 dossiers has no tick at 2,5


def test_tile_map_shows_every_province_and_both_archipelagos():
    values = {code: 0.5 for code in list(TILES)[:20]}  # the rest: no data, grey
    fig = tile_map(values, {"01": "Hà Nội: 50 %"}, NAMES, "x", metric="on_time_rate")
    texts = [text for trace in fig.data for text in (trace.text or ())]
    for code in TILES:
        assert short_label(NAMES[code]) in texts
    for name in ISLANDS:
        assert any(name in text for text in texts), name
    hovers = [h for trace in fig.data for h in (trace.hovertext or ())]
    assert "Hà Nội: 50 %" in hovers  # the full name and value on hover
    assert fig.layout.height >= 760


def test_tile_map_keeps_its_ranges_at_any_width():
    """The equal scale is kept by shrinking the plot's box, not by widening the ranges: a map
    first drawn wide and then narrowed (a phone turned) would keep the widened ranges, and its
    fixed-size tiles would pile up (tests/browser/test_public_browser.py sees it drawn)."""
    fig = tile_map({"01": 0.5}, {}, NAMES, "x", metric="on_time_rate")
    assert fig.layout.xaxis.constrain == fig.layout.yaxis.constrain == "domain"
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.xaxis.range == (-0.6, 6.7)


def test_staffing_scatter_names_every_ward_and_counts_posts_whole():
    frame = pl.DataFrame(
        {
            "ward_code": ["1", "2", "3", "4", "5"],
            "ward_name": ["Phường A", "Xã B", "Phường C", "Xã D", "Xã E"],
            "land_construction_gap": [0, 1, 1, 3, 2],
            "late_share": [0.05, 0.10, 0.40, 0.20, None],
            "finished": [10, 20, 30, 40, 0],
        }
    )
    fig = style(scatter_figure(frame))
    dots = fig.data[0]
    assert list(dots.text) == ["Phường A", "Xã B", "Phường C", "Xã D"]  # no late share: no dot
    assert "%{text}" in dots.hovertemplate and list(dots.customdata) == [0, 1, 1, 3]
    named = fig.data[1].text
    assert "Phường C" in named and "Xã D" in named  # the highest late share, the largest gap
    x, y = fig.layout.xaxis, fig.layout.yaxis
    assert x.tickformat == ",d" and x.dtick == 1
    assert y.tickformat.endswith("%")
    assert i18n.t("unit_posts") in x.title.text and "%" in y.title.text


def test_assets_use_and_condition_are_two_charts():
    totals = {
        "use_dang_su_dung": 40,
        "use_su_dung_mot_phan": 5,
        "use_bo_trong": 3,
        "use_da_chuyen_doi": 1,
        "use_cho_xu_ly": 0,
        "condition_tot": 30,
        "condition_xuong_cap": 15,
        "condition_hu_hong": 4,
    }
    use = style(premises_figure(premises_counts(totals, USES)))
    condition = style(premises_figure(premises_counts(totals, CONDITIONS)))
    assert list(use.data[0].y) == [i18n.t(key) for key in USES]
    assert list(condition.data[0].y) == [i18n.t(key) for key in CONDITIONS]
    assert not set(use.data[0].y) & set(condition.data[0].y)
    assert use.data[0].orientation == "h" and use.layout.xaxis.tickformat == ",d"


def test_procedures_fields_read_across_with_late_share_in_percent(lang):
    frame = pl.DataFrame(
        {
            "field_name": ["Hộ tịch", "Đất đai", "Lao động, thương binh và xã hội"],
            "received": [5000, 12000, 300],
            "late_rate": [0.02, 0.15, None],
        }
    )
    fig = style(field_figure(frame))
    received, late = fig.data
    assert received.orientation == late.orientation == "h"
    assert list(received.y) == ["Đất đai", "Hộ tịch", "Lao động, thương binh và xã hội"]
    assert fig.layout.xaxis.tickformat == ",d"
    assert fig.layout.xaxis2.tickformat.endswith("%")
    # each panel's title holds its unit on a second line: on one line, at a phone's width,
    # the two titles ran into each other
    titles = [a.text for a in fig.layout.annotations]
    assert len(titles) == 2 and all("<br>(" in text for text in titles), titles


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [(3, [0, 1, 2, 3]), (15, [0, 5, 10, 15]), (247, [0, 50, 100, 150, 200, 250])],
)
def test_trend_backlog_axis_counts_in_round_whole_steps(highest, ticks):
    # the backlog's right-hand axis once read 0, 49, 99, … (synced to the bars' grid) and
    # 0, 2, 5, 7 (steps of 2.5 written as whole numbers)
    days = [dt.date(2025, 7, d) for d in (1, 2, 3)]
    frame = pl.DataFrame(
        {
            "period_start": days,
            "received": [100, 120, 90],
            "finished": [80, 110, 95],
            "overdue_backlog": [0, highest // 2, highest],
        }
    )
    axis = trend_figure(frame).layout.yaxis2
    assert axis.tickmode == "linear" and axis.tick0 == 0
    assert [axis.dtick * k for k in range(len(ticks))] == ticks


def test_withheld_months_are_marked_once_in_the_legend_not_over_each_mark():
    """A word over every withheld month ran together on a phone ("withheldwithheld…"), and a
    chart of withheld months only had an axis from -1 to 1."""
    from pages.public._public import bars_with_withheld, withheld_mark

    months = [dt.date(2025, m, 1) for m in (7, 8, 9, 10)]
    frame = pl.DataFrame(
        {
            "month": months,
            "received": [None, None, None, None],
            "received_withheld": [True, True, True, True],
        },
        schema_overrides={"received": pl.Int64},
    )
    fig = style(bars_with_withheld(frame, "month", "received"))
    marks = [trace for trace in fig.data if trace.type == "scatter"]
    assert len(marks) == 1 and marks[0].mode == "markers" and marks[0].text is None
    assert marks[0].name == withheld_mark() and len(marks[0].x) == 4
    assert fig.layout.yaxis.rangemode == "nonnegative"
