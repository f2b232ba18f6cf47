"""The tile-grid map of the 34 provinces, shared by the leaders' and the public editions.

Each province is a square placed roughly where it lies, drawn from our own positions (no base
map, nothing fetched), with Vietnam's archipelagos Hoàng Sa and Trường Sa marked as every
official map must show them. Province names come from the data (`dim_province`).
"""

from __future__ import annotations

import plotly.graph_objects as go

from haicap.i18n import t

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
ISLANDS = {"Hoàng Sa": ((6, 9), "48"), "Trường Sa": ((6, 14), "56")}


def tile_map(
    values: dict[str, float | None],
    hover: dict[str, str],
    names: dict[str, str],
    colorbar: str,
) -> go.Figure:
    """Provinces coloured by `values` (grey where None: no data, or withheld), with `hover`
    text per province and the archipelagos labelled with the province they belong to."""
    fig = go.Figure()
    for has_value in (True, False):
        codes = [c for c in TILES if (values.get(c) is not None) == has_value]
        marker = {"symbol": "square", "size": 46, "line": {"width": 1, "color": "white"}}
        if has_value:
            marker |= {
                "color": [values[c] for c in codes],
                "colorscale": "Viridis",
                "showscale": True,
                "colorbar": {"title": {"text": colorbar}},
            }
        else:
            marker |= {"color": "lightgrey"}
        fig.add_scatter(
            x=[TILES[c][0] for c in codes],
            y=[-TILES[c][1] for c in codes],
            mode="markers+text",
            text=[names.get(c, c).replace("Thành phố ", "TP ") for c in codes],
            textfont={"size": 9},
            hovertext=[hover.get(c, names.get(c, c)) for c in codes],
            hoverinfo="text",
            showlegend=False,
            marker=marker,
        )
    fig.add_scatter(
        x=[pos[0] for pos, _ in ISLANDS.values()],
        y=[-pos[1] for pos, _ in ISLANDS.values()],
        mode="markers+text",
        marker={"symbol": "diamond", "size": 14, "color": "#7f7f7f"},
        text=[  # labels (issue 20): "QĐ" is Vietnamese; English reads "Islands"
            t("archipelago_label", name=name, province=names.get(code, code))
            for name, (_, code) in ISLANDS.items()
        ],
        textposition="bottom center",
        textfont={"size": 9},
        hoverinfo="text",
        showlegend=False,
    )
    fig.update_xaxes(visible=False, range=[-0.7, 7.2])
    fig.update_yaxes(visible=False, range=[-18, 0.7], scaleanchor="x")
    return fig
