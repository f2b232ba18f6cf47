"""Why a ward is late, on a world where the cause is known by construction
(tests/rank_world.py: Kim Long's lateness is all land, its land post empty; Vỹ Dạ's backlog
is its agency's): the breakdowns by field, agency, supplement requests and staffing gap add up
to the Ward page's headline numbers for any period and field, the Ward page draws them for
each kind of viewer in both languages, and the brief (PDF, DOCX) carries them with no
dossier code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n
from haicap.accounts import Account
from pages import _brief as brief
from tests.browser.world import APP
from tests.hand_world import WARD_A, WARD_B, WARD_N
from tests.rank_world import JULY, WARD_C, built_world
from tests.test_brief import docx_text, pdf_text
from warehouse import queries as q

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("vietnamese")]

COUNTRY = q.Scope("leader", None)
PERIODS = [
    q.Period(*JULY),
    q.Period(dt.date(2025, 7, 1), dt.date(2025, 7, 17)),
    q.Period(dt.date(2025, 7, 18), dt.date(2025, 7, 24)),
]


@pytest.fixture(scope="module")
def world() -> Path:
    data = built_world()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HAICAP_DATA_DIR", str(data))
        yield data


def test_land_is_why_kim_long_is_late_and_its_land_post_is_empty(world):
    fields = q.why_late_by_field(COUNTRY, PERIODS[0], None, WARD_A)
    land = fields.row(0, named=True)
    assert land["field_name"] == "Đất đai"
    assert (land["finished_late"], land["overdue_backlog"]) == (10, 2)
    assert land["late_share_of_late"] == 1.0
    assert (land["speciality"], land["quota"], land["in_post"], land["gap"]) == (
        "dia_chinh",
        2,
        0,
        2,
    )
    # the civil-status dossiers, all on time, are not a cause
    assert fields.height == 1


def test_supplement_requests_and_the_wait_for_the_citizen(world):
    groups = q.why_late(COUNTRY, PERIODS[0], None, WARD_A, None, "supplement")
    late = dict(zip(groups["supplement_group"], groups["finished_late"], strict=True))
    assert late == {"none": 3, "one": 3, "several": 4}
    assert groups["supplement_group"].to_list() == ["none", "one", "several"]
    waited = groups.filter(pl.col("supplement_group") != "none")
    assert (waited["late_with_request"].to_list()) == [3, 4]
    assert all(days > 0 for days in waited["mean_wait_days"].to_list())
    overdue = dict(zip(groups["supplement_group"], groups["overdue_backlog"], strict=True))
    assert overdue["none"] == 2


def test_the_agency_behind_a_backlog(world):
    agencies = q.why_late(COUNTRY, PERIODS[0], None, WARD_B, None, "agency")
    assert agencies.to_dicts()[0]["agency_name"] == "UBND Phường Vỹ Dạ"
    assert agencies["overdue_backlog"].to_list() == [8]
    kim_long = q.why_late(COUNTRY, PERIODS[0], None, WARD_A, None, "agency")
    assert kim_long["agency_code"].to_list() == [""]  # dossiers given by MaXa alone


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("field", [None, "Đất đai", "Hộ tịch"])
def test_every_breakdown_adds_up_to_the_headline(world, period, field):
    for ward in (WARD_A, WARD_B, WARD_C, WARD_N):
        headline = q.summary(COUNTRY, period, None, ward, field)
        for by in q.LATENESS_BY:
            parts = q.why_late(COUNTRY, period, None, ward, field, by)
            assert parts["finished_late"].sum() == (headline["finished_late"] or 0), (ward, by)
            assert parts["overdue_backlog"].sum() == (headline["overdue_backlog"] or 0), (
                ward,
                by,
            )
    # a province, its province level included, and the country
    for province in ("46", None):
        headline = q.summary(COUNTRY, period, province, None, field)
        parts = q.why_late(COUNTRY, period, province, None, field, "field")
        assert parts["finished_late"].sum() == (headline["finished_late"] or 0)
        assert parts["overdue_backlog"].sum() == (headline["overdue_backlog"] or 0)


def test_a_province_viewer_cannot_ask_for_another_provinces_ward(world):
    with pytest.raises(q.OutOfScope):
        q.why_late(q.Scope("leader", "11"), PERIODS[0], None, WARD_A, None, "field")


def open_ward(role: str, province: str | None, lang: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["account"] = Account("test.viewer", role, province, password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    at.query_params.update({"period": "month", "m": "2025-07", "lang": lang, "ward": WARD_A})
    at.run()
    at.switch_page("pages/ward.py")
    at.session_state["lang"] = lang
    at.session_state["ward"] = WARD_A
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("role", "province", "lang"),
    [("leader", None, "vi"), ("leader", "46", "en"), ("council", "46", "vi")],
)
def test_the_ward_page_says_why(world, role, province, lang):
    at = open_ward(role, province, lang)
    i18n.set_language(lang)
    headings = [m.value for m in at.markdown if m.value.startswith("## ")]
    assert any(h.startswith("## " + i18n.t("why_by_field")) for h in headings), headings
    captions = "\n".join(c.value for c in at.caption)
    assert "(10)" in captions and "(2)" in captions, captions
    frames = [f.value for f in at.dataframe]
    fields = next(f for f in frames if i18n.t("field_speciality") in f.columns)
    first = fields.iloc[0]
    assert first[i18n.t("field")] == "Đất đai"
    assert first[i18n.t("finished_late")] == "10"
    assert first[i18n.t("field_speciality")] == i18n.t("spec_dia_chinh")
    assert first[i18n.t("gap")] == "2"
    supplements = next(f for f in frames if i18n.t("supplement_group") in f.columns)
    assert list(supplements[i18n.t("supplement_group")]) == [
        i18n.t(f"supplement_{g}") for g in q.SUPPLEMENT_GROUPS
    ]


@pytest.mark.parametrize("role", ["leader", "council"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_brief_says_why_without_dossier_codes(world, role, lang):
    scope = q.Scope(role, "46")
    period = q.Period(*JULY)
    i18n.set_language(lang)
    req = brief.Request(
        scope,
        period,
        period.compared_with(period, 1),
        "07/2025",
        q.as_of_day(scope),
        "46",
        WARD_A,
    )
    heading = i18n.t("why_late_title", where="Phường Kim Long", period="07/2025")
    staffing = i18n.t(
        "why_staffing_line",
        speciality=i18n.t("spec_dia_chinh"),
        field="Đất đai",
        quota="2",
        in_post="0",
        gap="2",
    )
    pdf = " ".join(pdf_text(brief.render(req, lang, "pdf")).split())
    paragraphs, tables, _ = docx_text(brief.render(req, lang, "docx"))
    cells = [c for t in tables for row in t for c in row]
    for text in (pdf, paragraphs):
        assert heading in text
        assert staffing in text
    assert "Đất đai" in cells and i18n.t("supplement_several") in cells
    # no dossier code in the why-late sections; none at all in a council member's brief
    why = [
        section
        for section in brief.gather(req).sections
        if section.heading in (heading, i18n.t("why_by_supplement"), i18n.t("why_by_agency"))
    ]
    assert len(why) == 3
    written = "\n".join(
        [
            *(line for s in why for line in s.lines),
            *(c for s in why for r in s.table.rows for c in r),
        ]
    )
    assert not any(code in written for code in ("RL00", "RL04", "RP00"))
    if role == "council":
        assert "RP00" not in pdf and "RP00" not in " ".join(cells)
    else:
        assert "RP00" in pdf  # the leader's list of the oldest overdue dossiers
