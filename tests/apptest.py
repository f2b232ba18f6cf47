"""What the AppTest modules share: the leaders' pages in menu order (pages/_registry.py) and
setting a filter on its widget as a viewer would."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from pages._registry import LEADERS, urls

PAGES = urls(LEADERS)


def set_widget(at: AppTest, key: str, value: str) -> bool:
    """Set the select box, segmented control or date input with this key; False if none."""
    for finder, convert in (
        (at.selectbox, str),
        (at.button_group, str),
        (at.date_input, dt.date.fromisoformat),
    ):
        try:
            widget = finder(key=key)
        except KeyError:
            continue
        widget.set_value(convert(value))
        return True
    return False
