"""The tile-grid map of the 34 provinces, shared by the leaders' and the public editions.

Each province is a square placed roughly where it lies, drawn from our own positions (no base
map, nothing fetched), with Vietnam's archipelagos Hoàng Sa and Trường Sa marked as every
official map must show them. Province names come from the data (`dim_province`).
"""

from __future__ import annotations

import plotly.graph_objects as go

from haicap.i18n import plotly_separators, t

# (column, row) of each province code's tile.
TILES: dict[str, tuple[int, int]] = {
    "12": (1, 0),
    "15": (2, 0),
    "08": (3, 0),
    "04": (4, 0),
    "11": (0, 1),
    "14": (1, 1),
    "25": (2, 1),
    "19": (3, 1),
    "20": (4, 1),
    "01": (2, 2),
    "24": (3, 2),
    "22": (4, 2),
    "37": (2, 3),
    "33": (3, 3),
    "31": (4, 3),
    "38": (2, 4),
    "40": (2, 5),
    "42": (3, 6),
    "44": (3, 7),
    "46": (4, 8),
    "48": (4, 9),
    "51": (4, 10),
    "52": (4, 11),
    "66": (4, 12),
    "68": (3, 13),
    "56": (4, 13),
    "80": (1, 14),
    "79": (2, 14),
    "75": (3, 14),
    "91": (0, 15),
    "82": (1, 15),
    "86": (2, 15),
    "92": (1, 16),
    "96": (1, 17),
}
# Vietnam's archipelagos, shown on every official map: (tile, province code they belong to).
# East of the coast, off Đà Nẵng and Khánh Hòa, close enough that the map stays narrow.
ISLANDS = {"Hoàng Sa": ((5.7, 9), "48"), "Trường Sa": ((5.7, 14), "56")}
COLORSCALE = "Viridis"
TILE_PX = 34  # a tile's side: the figure's height gives about 37 px from one tile to the next
HEIGHT = 800


def metric_kind(metric: str) -> str:
    """What a metric counts, for its colour bar: "share" (a rate, drawn in percent), "points"
    (the service index and its groups) or "count" (dossiers)."""
    if metric.endswith(("_rate", "_share")):
        return "share"
    if metric == "service_index" or metric.startswith("points_"):
        return "points"
    return "count"


def plain_name(name: str) -> str:
    """A province's name without "Thành phố" / "Tỉnh"."""
    for prefix in ("Thành phố ", "Tỉnh "):
        name = name.removeprefix(prefix)
    return name


def short_label(name: str) -> str:
    """A province's name fitted to its tile: a two-word name on two lines, a longer one as
    its initials (Hồ Chí Minh: HCM); the hover keeps the full name."""
    words = plain_name(name).split()
    if len(words) >= 3:
        return "".join(word[0] for word in words).upper()
    return "<br>".join(words)


def _colour_range(values: list[float], kind: str) -> tuple[float, float]:
    """The colour bar's ends: the values' own range, widened when they are (nearly) all
    equal, else Plotly draws a bar from 0.6 to 1.4 around a single 1.0."""
    low, high = min(values), max(values)
    if kind == "share":
        if high - low < 0.02:
            low, high = max(0.0, low - 0.05), min(1.0, high + 0.05)
        return low, high
    if high - low < 1:
        low, high = max(0.0, low - 1), high + 1
    return low, high


def colour_bar(title: str, kind: str, low: float, high: float) -> dict:
    """A horizontal colour bar under the map, titled with its unit: percent for a rate, whole
    numbers for a count (no "0,5M", no "0,5" dossiers)."""
    unit = {"share": "%", "count": t("unit_dossiers"), "points": t("unit_points")}[kind]
    bar = {
        # a title that gives its unit already (the public "(điểm/100)") keeps its own
        "title": {"text": title if title.endswith(")") else f"{title} ({unit})", "side": "top"},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": 0,
        "yanchor": "top",
        "len": 0.9,
        "thickness": 14,
        "nticks": 5,
        "tickformat": {"share": ",.0%", "count": ",d", "points": ",.1~f"}[kind],
    }
    if kind == "count" and high - low <= 10:
        bar |= {"tick0": 0, "dtick": 1}
    elif kind == "share" and high - low < 0.05:
        bar["tickformat"] = ",.1~%"
    return bar


def tile_map(
    values: dict[str, float | None],
    hover: dict[str, str],
    names: dict[str, str],
    colorbar: str,
    metric: str = "",
) -> go.Figure:
    """Provinces coloured by `values` (grey where None: no data, or withheld), with `hover`
    text per province and the archipelagos labelled with the province they belong to.
    `metric` says what the values are (see metric_kind) for the colour bar's unit."""
    kind = metric_kind(metric) if metric else "count"
    shown = [v for v in values.values() if v is not None]
    low, high = _colour_range(shown, kind) if shown else (0.0, 1.0)
    fig = go.Figure()
    for has_value in (True, False):
        codes = [c for c in TILES if (values.get(c) is not None) == has_value]
        if not codes:
            continue
        marker = {"symbol": "square", "size": TILE_PX, "line": {"width": 1, "color": "white"}}
        if has_value:
            levels = [(values[c] - low) / (high - low) for c in codes]
            marker |= {
                "color": [values[c] for c in codes],
                "colorscale": COLORSCALE,
                "cmin": low,
                "cmax": high,
                "showscale": True,
                "colorbar": colour_bar(colorbar, kind, low, high),
            }
            # white on Viridis' dark blues and purples, black on its greens and yellows
            ink = ["white" if level < 0.42 else "black" for level in levels]
        else:
            marker |= {"color": "lightgrey"}
            ink = ["black"] * len(codes)
        fig.add_scatter(
            x=[TILES[c][0] for c in codes],
            y=[-TILES[c][1] for c in codes],
            mode="markers+text",
            text=[short_label(names.get(c, c)) for c in codes],
            textfont={"size": 10, "color": ink},
            hovertext=[hover.get(c, names.get(c, c)) for c in codes],
            hoverinfo="text",
            showlegend=False,
            marker=marker,
        )
    fig.add_scatter(
        x=[pos[0] for pos, _ in ISLANDS.values()],
        y=[-pos[1] for pos, _ in ISLANDS.values()],
        mode="markers+text",
        marker={"symbol": "diamond", "size": 12, "color": "#595959"},
        text=[
            t("map_archipelago", name=name, province=plain_name(names.get(code, code)))
            for name, (_, code) in ISLANDS.items()
        ],
        textposition="bottom center",
        textfont={"size": 10},
        hoverinfo="text",
        showlegend=False,
    )
    # "domain": the equal scale shrinks the plot's box, never widens the ranges. With the
    # default ("range") a chart first drawn wide keeps its widened ranges when the window
    # narrows (a phone turned, a window resized), and the fixed-size tiles pile up.
    fig.update_xaxes(visible=False, range=[-0.6, 6.7], fixedrange=True, constrain="domain")
    fig.update_yaxes(
        visible=False, range=[-17.6, 0.6], scaleanchor="x", fixedrange=True, constrain="domain"
    )
    # Its own height and separators: the leaders' page draws it without the house style.
    fig.update_layout(
        height=HEIGHT,
        separators=plotly_separators(),
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        plot_bgcolor="white",
    )
    return fig
