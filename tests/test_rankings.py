"""Rankings on the metric asked, on a world where the answer is known by construction
(tests/rank_world.py): the query layer's order and ranks, the Overview's one control and its
tables (the metric first after the name), a row that opens its ward, a province's rank among
the 34 for its own viewers, and the public ranking on the measure chosen; in Vietnamese and
English, for a national leader, a province's leader, a council member and the public."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

import haicap.i18n_public  # noqa: F401  (the public edition's strings)
from haicap import i18n
from haicap.accounts import Account
from tests.browser.world import APP
from tests.hand_world import WARD_A, WARD_B, WARD_N
from tests.rank_world import JULY, WARD_C, WARD_D, built_world
from warehouse import public_queries as pq
from warehouse import queries as q

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("vietnamese")]

ROOT = Path(__file__).resolve().parents[1]
PERIOD = q.Period(*JULY)
COUNTRY = q.Scope("leader", None)


@pytest.fixture(scope="module")
def world() -> Path:
    data = built_world()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HAICAP_DATA_DIR", str(data))
        yield data


def codes(frame: pl.DataFrame) -> list[str]:
    return frame["ward_code"].to_list()


def test_wards_rank_on_each_metric_with_ties_and_the_minimum_volume(world):
    on_time = q.wards_ranked_by(COUNTRY, PERIOD, metric="on_time_rate")
    # Vỹ Dạ and Na Son are both at 100 %: one rank, the busier (33 received) first
    assert codes(on_time)[:4] == [WARD_B, WARD_N, WARD_C, WARD_A]
    assert on_time["rank"].to_list()[:4] == [1, 1, 3, 4]
    # Thuận Hóa finished 5: listed after the ranked wards, without a rank
    d = on_time.filter(pl.col("ward_code") == WARD_D)
    assert d["rank"][0] is None and d["finished"][0] == 5
    assert codes(on_time)[-1] == WARD_D

    # a count ranks every ward, however few it finished: Thuận Hóa (5 finished, none
    # overdue) shares the first place with Phú Xuân, the busier listed first
    overdue = q.ranked_wards(COUNTRY, PERIOD, metric="overdue_backlog")
    assert codes(overdue) == [WARD_C, WARD_D, WARD_N, WARD_A, WARD_B]
    assert overdue["overdue_backlog"].to_list() == [0, 0, 1, 2, 8]
    assert overdue["rank"].to_list() == [1, 1, 3, 4, 5]
    # "worst" on an overdue metric is the most overdue
    assert codes(q.worst_first(overdue))[0] == WARD_B

    rate = q.ranked_wards(COUNTRY, PERIOD, metric="overdue_per_1000")
    by_code = dict(zip(codes(rate), rate["overdue_per_1000"].to_list(), strict=True))
    assert by_code[WARD_A] == pytest.approx(2 / 42 * 1000)
    assert by_code[WARD_B] == pytest.approx(8 / 33 * 1000)
    assert by_code[WARD_N] == pytest.approx(1 / 23 * 1000)
    assert codes(rate) == [WARD_C, WARD_N, WARD_A, WARD_B]

    # within one province, the ranks are the province's
    hue = q.ranked_wards(q.Scope("leader", "46"), PERIOD, metric="overdue_backlog")
    assert codes(hue) == [WARD_C, WARD_D, WARD_A, WARD_B]
    assert hue["rank"].to_list() == [1, 1, 3, 4]
    # a rate needs its minimum under it: Thuận Hóa received 5, unranked on overdue per 1,000
    hue_rate = q.ranked_wards(q.Scope("leader", "46"), PERIOD, metric="overdue_per_1000")
    assert WARD_D not in codes(hue_rate)


def test_no_ward_is_both_among_the_best_and_among_those_needing_attention(world):
    """The trial's province ranked two wards, and both tables listed the same two."""
    hue = q.ranked_wards(q.Scope("leader", "46"), PERIOD)  # Vỹ Dạ, Phú Xuân, Kim Long
    best, worst = q.best_and_worst(hue, 10)
    assert codes(best) == [WARD_B, WARD_C] and codes(worst) == [WARD_A]
    best, worst = q.best_and_worst(hue.head(1), 10)
    assert codes(best) == [WARD_B] and worst.is_empty()
    at = open_overview("leader", "46")
    shown = [list(f[i18n.t("ward")]) for f in tables(at) if i18n.t("ward") in f.columns][:2]
    assert shown == [["Phường Vỹ Dạ", "Phường Phú Xuân"], ["Phường Kim Long"]], shown


def test_a_province_sees_its_rank_among_34_and_nothing_of_the_others(world):
    hue = q.province_rank(q.Scope("leader", "46"), PERIOD, "overdue_backlog")
    assert hue == {"rank": 2, "ranked": 2, "provinces": 34}
    assert q.province_rank(q.Scope("council", "11"), PERIOD, "overdue_backlog")["rank"] == 1
    assert q.province_rank(q.Scope("leader", "46"), PERIOD, "on_time_rate")["rank"] == 2
    # a province without dossiers has no rank
    assert q.province_rank(q.Scope("leader", "01"), PERIOD, "on_time_rate")["rank"] is None
    with pytest.raises(q.OutOfScope):
        q.province_rank(q.Scope("leader", "46"), PERIOD, "on_time_rate", None, "11")


def open_overview(role: str, province: str | None, lang: str = "vi", **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["account"] = Account("test.viewer", role, province, password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    at.query_params.update({"period": "month", "m": "2025-07", "lang": lang, **params})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(at: AppTest) -> list:
    return [frame.value for frame in at.dataframe]


def table_by_title(at: AppTest, title: str):
    """The table drawn under the heading that starts with `title`."""
    shown = [frame.value for frame in at.dataframe]
    headings = [m.value for m in at.markdown if m.value.startswith("## ")]
    found = [i for i, h in enumerate(headings) if h[3:].startswith(title)]
    assert found, headings
    return shown, headings, found[0]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_ranks_on_the_one_control_with_the_metric_first(world, lang):
    at = open_overview("leader", None, lang, metric="overdue_backlog")
    i18n.set_language(lang)
    label = i18n.t("overdue_backlog")
    frames = tables(at)
    best, worst = (
        f for f in frames if list(f.columns)[:3] == [i18n.t("ward"), label, i18n.t("rank")]
    )
    assert list(worst[i18n.t("ward")])[0] == "Phường Vỹ Dạ"
    assert list(best[i18n.t("ward")])[0] == "Phường Phú Xuân"
    # the overdue count ranks every ward: Thuận Hóa, 5 finished and none overdue, is among
    # the best
    assert "Phường Thuận Hóa" in list(best[i18n.t("ward")])
    text = "\n".join(c.value for c in at.caption)
    minimum = i18n.t("rank_minimum_none")
    rule = i18n.t("ranking_rule", metric=label, direction=i18n.t("direction_low"), minimum=minimum)
    assert rule in text
    # the one control holds the metric
    assert at.selectbox(key="metric").value == "overdue_backlog"


def test_the_overdue_rate_is_defined_on_the_page(world):
    at = open_overview("leader", None, metric="overdue_per_1000")
    text = "\n".join(c.value for c in at.caption)
    assert "số hồ sơ tiếp nhận trong kỳ, nhân 1.000" in text
    worst = [f for f in tables(at) if i18n.t("overdue_per_1000") in f.columns]
    assert list(worst[1][i18n.t("ward")])[0] == "Phường Vỹ Dạ"
    assert list(worst[1][i18n.t("overdue_per_1000")])[0] == "242,4"


@pytest.mark.parametrize(
    ("role", "lang", "expected"),
    [
        (
            "leader",
            "vi",
            "Hạng của Thành phố Huế theo Hồ sơ quá hạn tồn đọng: 2/34 "
            "(trong 2 tỉnh, thành có số liệu)",
        ),
        (
            "council",
            "en",
            "Thành phố Huế's rank by Overdue backlog: 2 of 34 (among the 2 with data)",
        ),
    ],
)
def test_a_provinces_viewer_sees_its_rank_on_the_overview(world, role, lang, expected):
    at = open_overview(role, "46", lang, metric="overdue_backlog")
    shown = "\n".join(m.value for m in at.markdown)
    assert expected in shown, shown
    # their tables hold their own wards only
    for frame in tables(at):
        if i18n.t("ward") in frame.columns:
            assert "Xã Na Son" not in list(frame[i18n.t("ward")])


def test_a_provinces_viewer_sees_its_rank_on_the_provinces_page(world):
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["account"] = Account("test.viewer", "leader", "11", password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    at.query_params.update({"period": "month", "m": "2025-07"})
    at.run()
    at.switch_page("pages/provinces.py")
    at.run()
    at.selectbox(key="metric").set_value("overdue_backlog")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(m.value for m in at.markdown)
    assert "1/34" in shown, shown
    # the rank, never the figures of another province
    for frame in tables(at):
        assert "Thành phố Huế" not in frame.columns


def test_clicking_a_ranked_ward_opens_its_page(world):
    at = open_overview("leader", None, metric="overdue_backlog")
    at.session_state["table_worst_wards"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    titles = [t.value for t in at.title]
    assert any(t.startswith("Phường Vỹ Dạ") for t in titles), titles
    assert at.query_params["ward"] == WARD_B


def open_public(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "public" / f"{page}.py"), default_timeout=120)
    at.query_params.update(params)
    if "lang" in params:
        at.session_state["lang"] = params["lang"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_public_ranking_follows_the_measure_chosen_and_withheld_cells_have_no_rank(world):
    ranking = pq.ranked_by(pq.province_ranking(dt.date(2025, 7, 1)), "pending_overdue_end")
    ranked = ranking.filter(pl.col("rank").is_not_null())
    # Huế's 10 overdue are published; Na Son's province has 1, withheld as small: no rank
    assert ranked["province_code"].to_list() == ["46"]
    assert ranking.filter(pl.col("province_code") == "11")["rank"][0] is None


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_public_provinces_page_ranks_on_the_measure_chosen(world, lang):
    at = open_public("provinces", m="2025-07", metric="on_time_rate", prov="46", lang=lang)
    i18n.set_language(lang)
    headings = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert any(i18n.t("pub_direction_high") in c.value for c in at.caption)
    title = i18n.t("pub_ranking_by_title", metric=i18n.t("on_time_rate"), period="|")
    assert any(h.startswith("## " + title.split("|")[0]) for h in headings), headings
    wards = at.dataframe[-1].value
    # the name, then the measure (pages/_kit.metric_block), then the rank
    assert list(wards.columns)[1] == i18n.t("on_time_rate")
    # this little province's ward cells are all withheld: every ward listed, none ranked
    assert sorted(wards[wards.columns[0]]) == [
        "Phường Kim Long",
        "Phường Phú Xuân",
        "Phường Thuận Hóa",
        "Phường Vỹ Dạ",
    ]
    assert not any(str(r).strip().isdigit() for r in wards[wards.columns[2]])
