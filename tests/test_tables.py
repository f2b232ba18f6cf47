"""Tables read on a phone (issue 20): every table of both editions is drawn by
pages/_kit.metric_block, with its name first and the figure it reports second (a phone's
screen holds two columns), codes last. The browser sees the same at 390 px
(tests/browser/test_accessibility.py); here every page is rendered with AppTest, for every
kind of viewer, and each table's drawn columns are read."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from haicap import labels
from haicap.i18n_public import PUBLIC_STRINGS
from pages import _kit
from pages._kit import drawn_order
from pages._registry import LEADERS, PUBLIC, urls

# the page openers and the demo world (a fixture) of the plain-language test
from tests.test_plain_language import open_leaders, open_public, world  # noqa: F401

# -- the order of a table's columns --------------------------------------------------------------


def test_the_name_comes_first_then_the_metric_and_codes_last():
    frame = pl.DataFrame(
        {
            "rank": [1],
            "ward_code": ["19810"],
            "ward_name": ["Phường Kim Long"],
            "received": [12],
            "on_time_rate": [0.9],
            "province_name": ["Thành phố Huế"],
        }
    )
    assert drawn_order(frame, ["on_time_rate"]) == [
        "ward_name",
        "on_time_rate",
        "rank",
        "received",
        "province_name",
        "ward_code",
    ]
    assert drawn_order(frame, ["received", "on_time_rate"])[:3] == [
        "ward_name",
        "received",
        "on_time_rate",
    ]


def test_a_column_travels_with_its_other_language_and_its_withheld_flag():
    """`reason_en` beside `reason`, `received_withheld` beside `received`: each edition's
    reader form drops or swaps them in place, so the name and metric keep their positions."""
    frame = pl.DataFrame(
        {
            "month": [dt.date(2025, 8, 1)],
            "unit_code": ["19810"],
            "unit_name": ["Phường Kim Long"],
            "finished": [3],
            "finished_withheld": [False],
            "received": [4],
            "received_withheld": [True],
        }
    )
    assert drawn_order(frame, ["received"]) == [
        "unit_name",
        "received",
        "received_withheld",
        "month",
        "finished",
        "finished_withheld",
        "unit_code",
    ]
    alerts = pl.DataFrame({"severity": ["high"], "reason": ["Trễ"], "reason_en": ["Late"]})
    assert drawn_order(alerts, []) == ["severity", "reason", "reason_en"]


def test_a_table_of_months_is_named_by_its_month_and_a_missing_metric_is_an_error():
    frame = pl.DataFrame({"received": [4], "month": [dt.date(2025, 8, 1)]})
    assert drawn_order(frame, ["received"]) == ["month", "received"]
    with pytest.raises(ValueError, match="late_rate"):
        drawn_order(frame, ["late_rate"])


# -- every page's tables as drawn ----------------------------------------------------------------

# A number as a table writes it (`1.234`, `90,9 %`, `–` for none), not a date.
NUMBER = re.compile(r"[\d.,\s%]*\d[\d.,\s%]*|–")
# A figure: a number, or a date (`25/08/2025`, `31 Oct 2025`), a withheld cell's mark, yes or no.
FIGURE = re.compile(
    r"[\d.,:/%\s–-]*\d[\d.,:/%\s–-]*|–|(?:\d{1,2} )?[A-Z][a-z]{2,8} \d{4}"  # `31 Oct 2025`
)
WORDS_AS_FIGURES = {
    *(value for pair in labels.YES_NO.values() for value in pair),
    *PUBLIC_STRINGS["pub_withheld_mark"],
}
VIEWS = [
    ("leaders", "leader", None, "vi"),
    ("leaders", "leader", "46", "en"),
    ("leaders", "council", "46", "vi"),
    ("public", None, None, "vi"),
    ("public", None, None, "en"),
]
CASES = [
    (*view, page)
    for view in VIEWS
    for page in (urls(LEADERS) if view[0] == "leaders" else urls(PUBLIC))
]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text)) or text in WORDS_AS_FIGURES


@pytest.mark.slow
@pytest.mark.usefixtures("world")
@pytest.mark.parametrize(
    ("edition", "role", "province", "lang", "page"),
    CASES,
    ids=[f"{e}-{r or 'public'}{p or ''}-{lang}-{page}" for e, r, p, lang, page in CASES],
)
def test_every_table_shows_its_name_then_its_figure(edition, role, province, lang, page):
    at = (
        open_leaders(page, role, province, lang)
        if edition == "leaders"
        else open_public(page, lang)
    )
    assert not at.exception, [e.value for e in at.exception]
    drawn = dict(at.session_state[_kit.TABLES_KEY]) if _kit.TABLES_KEY in at.session_state else {}
    by_headers = {tuple(headers): metrics for headers, metrics in drawn.values()}
    # every table of the page went through metric_block (none drawn another way)
    assert len(at.dataframe) == len(drawn), (list(drawn), len(at.dataframe))
    for table in at.dataframe:
        frame = table.value
        headers = tuple(str(c) for c in frame.columns)
        assert headers in by_headers, (headers, list(drawn))
        if not by_headers[headers] or frame.empty:
            continue
        names = [_text(v) for v in frame.iloc[:, 0].tolist()]
        assert not all(NUMBER.fullmatch(n) for n in names), (
            f"{headers[0]}: the first column of a table is its name, not a figure: {names[:5]}"
        )
        assert len(headers) >= 2, headers
        values = [_text(v) for v in frame.iloc[:, 1].tolist()]
        words = [v for v in values if not figure(v)]
        assert not words, f"{headers[:2]}: the second column is the figure: {words[:5]}"
