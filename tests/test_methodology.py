"""The Methodology of each edition in plain words, for every kind of viewer and both languages:
definitions in words on the first tab with no feed field or table name, the technical
definitions one tab away, every figure quoted (the index's points, holidays, the as-of day,
the withholding thresholds) the build's, no internal document or server path. And the
sidebar names the signed-in viewer's role and province in words, never the province's code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n
from tests.browser.world import marts
from tests.test_viewers import open_page, open_public, vietnamese_after  # noqa: F401 (autouse)
from warehouse import public_queries as pq

pytestmark = pytest.mark.slow

VIEWERS = [("leader", None), ("leader", "46"), ("council", "46")]
LANGUAGES = ["vi", "en"]
# What only the technical tab may show: the feed's field names and the published tables.
TECHNICAL = re.compile(r"NgayTiepNhan|KenhThucHien|MaXa|NgayHenTra|marts\.|pub_|_rate\b")


@pytest.fixture(scope="module")
def world(demo_world: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HAICAP_DATA_DIR", str(demo_world))
        patch.setenv("HAICAP_WARM", "0")
        yield demo_world


def read(block) -> str:
    """The words of a page or of one of its tabs."""
    parts = [m.value for m in block.markdown] + [c.value for c in block.caption]
    parts += [i.value for i in block.info] + [h.value for h in block.title]
    return "\n".join(parts)


def tabs(at: AppTest) -> tuple[str, str]:
    """The plain tab's words and the technical tab's, once the tabs are the expected two."""
    assert [tab.label for tab in at.tabs] == [
        i18n.t("method_tab_plain"),
        i18n.t("method_tab_technical"),
    ]
    return read(at.tabs[0]), read(at.tabs[1])


def no_internal_document(at: AppTest, world: Path) -> None:
    text = read(at)
    for internal in ("metrics.md", "contracts", str(world), "/published", ".py"):
        assert internal not in text, internal


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role,province", VIEWERS)
def test_leaders_methodology_in_words(world, role, province, lang):
    at = open_page("methodology", role, province, lang)
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    i18n.set_language(lang)
    # the page: words first, the technical definitions one tab away
    plain, technical = tabs(at)
    for key in ("method_received", "method_on_time_rate", "method_pending", "method_online"):
        assert i18n.t(key) in plain, key
    assert "766/QĐ-TTg" in plain
    assert not TECHNICAL.search(plain), TECHNICAL.search(plain)
    assert i18n.t("def_received") in technical and "marts.rpt_ward_daily" not in plain
    assert "`rpt_ward_daily`" in technical and "`on_time_rate`" in technical
    no_internal_document(at, world)
    # the figures are the build's
    as_of, first_holiday = marts(
        world,
        """select b.as_of_day, min(d.day) from marts.build_info b, marts.dim_date d
           where d.is_holiday and year(d.day) = year(b.as_of_day) group by all""",
    )[0]
    assert i18n.t("method_as_of", day=i18n.fmt_date(as_of)) in plain
    assert i18n.fmt_date(first_holiday) in plain
    measured, unmeasured = marts(
        world,
        """select sum(group_max_points) filter (where is_measured),
                  sum(group_max_points) filter (where not is_measured)
           from (select group_code, any_value(group_max_points) group_max_points,
                        bool_or(is_measured) is_measured
                 from seeds.seed_service_index_indicators group by group_code)""",
    )[0]
    assert (
        i18n.t(
            "method_index_unmeasured",
            groups=i18n.t("method_group_publicity"),
            points=i18n.fmt_number(unmeasured),
            measured=i18n.fmt_number(measured),
        )
        in plain
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overdue_per_1000_received_is_defined_in_words_and_for_analysts(world, lang):
    """The Overview and Provinces rank on "overdue per 1,000 received": the Methodology says
    what it means, what is divided by what, and over which days, on both tabs."""
    at = open_page("methodology", "leader", "46", lang)
    assert not at.exception, [e.value for e in at.exception]
    i18n.set_language(lang)
    plain, technical = tabs(at)
    words = i18n.t("method_overdue_per_1000")
    assert words in plain
    for needed in {
        "vi": ("1.000 hồ sơ", "Số bị chia", "Số chia", "hồ sơ tiếp nhận trong kỳ", "cuối ngày"),
        "en": ("every 1,000 dossiers", "number divided", "divided by", "received in the period"),
    }[lang]:
        assert needed in words, needed
    assert not TECHNICAL.search(plain), TECHNICAL.search(plain)
    formula = i18n.t("def_overdue_per_1000_formula")
    assert formula in technical and "`pending_overdue_end`" in formula
    assert "`received`" in formula and "`overdue_per_1000`" in formula


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role,province", VIEWERS)
def test_the_sidebar_names_the_viewer_in_words(world, role, province, lang):
    """On the router's first page (AppTest runs a page switched to before the first run
    without the router's sidebar)."""
    at = open_page("overview", role, province, lang)
    i18n.set_language(lang)
    (line,) = [
        c.value for c in at.sidebar.caption if c.value.startswith(i18n.t("signed_in_as")[:6])
    ]
    if province is None:
        assert line.endswith(i18n.t(f"viewer_{role}_country")), line
    else:
        (name,) = marts(
            world, "select province_name from marts.dim_province where province_code = ?", province
        )[0]
        assert line.endswith(i18n.t(f"viewer_{role}_province", province=name)), line
        assert province not in line, line
    if role == "council":
        assert ("Hội đồng nhân dân" if lang == "vi" else "People's Council") in line, line


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_methodology_in_words_with_what_is_withheld_and_why(world, lang):
    at = open_public("methodology", lang)
    assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
    i18n.set_language(lang)
    plain, technical = tabs(at)
    assert i18n.t("method_received") in plain and "766/QĐ-TTg" in plain
    assert not TECHNICAL.search(plain), TECHNICAL.search(plain)
    # what is withheld and why, with the thresholds the public file was built with
    assert i18n.t("pub_method_withheld", **pq.thresholds()) in plain
    assert i18n.t("pub_withheld_note", **pq.thresholds()) in plain
    assert i18n.t("pub_method_withheld_title") in plain
    as_of = pq.build_info()["as_of_day"]
    assert i18n.t("pub_method_period", day=i18n.fmt_date(as_of)) in plain
    assert i18n.t("def_on_time") in technical and "`pub_unit_monthly`" in technical
    no_internal_document(at, world)
