"""Every page for every kind of viewer, in both languages, on two worlds: the demo (two
provinces) and a hand-written one the code was not tuned to (tests/
hand_world.py: two provinces, a handful of dossiers, one ward in province 11). A page
must draw a title and something to read (a number, a table, a chart or a sentence saying
why there is none), never an exception, and a province's viewer never sees another
province. Also the defects of issue 17 that a viewer met, each with its regression test."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n
from haicap.accounts import Account
from haicap.cli import main
from tests.apptest import PAGES, set_widget
from tests.browser.world import APP, ROOT, make_world, marts
from tests.hand_world import write_world
from warehouse import queries as q

pytestmark = pytest.mark.slow

PUBLIC_PAGES = ["overview", "provinces", "ward", "download", "methodology"]
# (role, province): the national leader, a province's leader, a council member, and a council
# member of a province with no dossiers in either world (Hà Nội).
VIEWERS = [("leader", None), ("leader", "46"), ("council", "11"), ("council", "01")]
LANGUAGES = ["vi", "en"]


# -- the worlds ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    # the dossier count is the whole country's, scaled to the two provinces: this many leaves
    # wards with overdue dossiers on the as-of day, for the overdue list's tests
    return make_world(tmp_path_factory.mktemp("viewers_demo"), provinces="46,11", dossiers=600_000)


@pytest.fixture(scope="module")
def hand(tmp_path_factory) -> Path:
    """tests/hand_world.py's feed files, ingested and built with the command line."""
    root = tmp_path_factory.mktemp("viewers_hand")
    files = write_world(root / "feeds")
    data = root / "data"
    assert main(["ingest", str(files["dossiers"].parent), "--data-dir", str(data)]) == 0
    assert main(["ingest", str(files["update"]), "--data-dir", str(data)]) == 0
    assert main(["build", "--data-dir", str(data)]) == 0
    return data


@pytest.fixture(params=["demo", "hand"])
def world(request, monkeypatch) -> Path:
    data = request.getfixturevalue(request.param)
    monkeypatch.setenv("HAICAP_DATA_DIR", str(data))
    monkeypatch.setenv("HAICAP_WARM", "0")
    return data


@pytest.fixture
def on_demo(demo, monkeypatch) -> Path:
    monkeypatch.setenv("HAICAP_DATA_DIR", str(demo))
    monkeypatch.setenv("HAICAP_WARM", "0")
    return demo


@pytest.fixture(autouse=True)
def vietnamese_after():
    yield
    i18n.set_language("vi")


# -- opening pages -------------------------------------------------------------------------------


def open_page(
    page: str, role: str = "leader", province: str | None = None, lang: str = "vi", **filters: str
) -> AppTest:
    """The leaders' app through its router, signed in as (role, province), on `page`, with
    these filters set on their widgets as a viewer would."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.session_state["account"] = Account("test.viewer", role, province, password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    at.session_state["lang"] = lang  # the language switch's own key (a page switch drops ?lang=)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")  # the router runs it on the first run
    at.run()
    pending = dict(filters)
    for _ in range(3):  # the period first, then the month, quarter or dates it reveals
        if not pending:
            break
        for key, value in list(pending.items()):
            if set_widget(at, key, value):
                del pending[key]
        at.run()
    assert not pending, f"no widget for {pending}"
    return at


def open_public(page: str, lang: str, **params: str) -> AppTest:
    """A public page as its own script, as tests/test_public_edition.py opens them."""
    at = AppTest.from_file(str(ROOT / "pages" / "public" / f"{page}.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state["lang"] = lang
    at.run()
    return at


def shown_text(at: AppTest) -> str:
    """Everything a viewer reads on the page: words, numbers, table cells, the options of the
    filters and the text of the charts."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.value) for e in at.error]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    for table in at.dataframe:
        frame = table.value
        parts += [str(c) for c in frame.columns]
        for column in frame.columns:
            parts += [str(v) for v in frame[column].tolist()]
    for box in at.selectbox:
        parts += [str(o) for o in box.options]
    for chart in at.get("plotly_chart"):
        parts.append(json.dumps(json.loads(chart.proto.spec).get("data", [])))
    return "\n".join(parts)


def has_content(at: AppTest, page: str) -> bool:
    """A number, a table, a chart or a sentence that says why there is none."""
    if at.metric or at.dataframe or at.get("plotly_chart") or at.info or at.warning:
        return True
    if page == "ward" and at.text_input:
        return True  # the ward page first asks which ward (the public one without a sentence)
    # the methodology page is text: its definitions
    return page == "methodology" and sum(len(m.value) for m in at.markdown) > 500


def assert_no_trace(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    text = shown_text(at)
    assert "Traceback" not in text and "/work/" not in text and str(ROOT) not in text, text[:2000]


def province_names(data: Path) -> dict[str, str]:
    return dict(marts(data, "select province_code, province_name from marts.dim_province"))


# -- every page, every viewer, both languages ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role,province", VIEWERS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_for_every_viewer(world, page, role, province, lang):
    filters = {}
    if page == "ward":  # the viewer's busiest ward (of a province without data: any of its wards)
        filters["ward"] = marts(
            world,
            """select w.ward_code from marts.dim_ward w
               left join marts.rpt_ward_daily d using (ward_code)
               where ?::varchar is null or w.province_code = ?
               group by w.ward_code
               order by sum(d.received) desc nulls last, w.ward_code limit 1""",
            province,
            province,
        )[0][0]
    at = open_page(page, role, province, lang, **filters)
    assert_no_trace(at)
    assert str(world) not in shown_text(at), f"{page} shows the server's data folder"
    assert not at.error, [e.value for e in at.error]
    assert at.title and at.title[0].value.strip(), f"{page} has no title"
    i18n.set_language(lang)
    if page != "ward":  # the ward page is titled with the ward's name
        assert at.title[0].value.startswith(i18n.t(f"page_{page}")), (page, at.title[0].value)
    assert has_content(at, page), f"{page} shows nothing for {role} {province} ({lang})"
    if page != "data":  # the Data page shows feed and file names as the loader knows them
        raw = [
            c for d in at.dataframe for c in d.value.columns if re.fullmatch(r"[a-z0-9_]+", str(c))
        ]
        assert not raw, f"{page} heads columns with database names {raw}"
    if province:
        text = shown_text(at)
        others = {c: n for c, n in province_names(world).items() if c != province}
        seen = [n for n in others.values() if n in text]
        assert not seen, f"{page}: a viewer of {province} sees {seen}"
        cells = {
            str(v)
            for table in at.dataframe
            for column in table.value.columns
            if re.search(r"(?i)province|tỉnh|mã|code", str(column))
            for v in table.value[column].tolist()
        }
        assert not cells & set(others), f"{page}: other provinces' codes {cells & set(others)}"


@pytest.mark.parametrize("kind", ["quarter", "range"])
@pytest.mark.parametrize("role,province", VIEWERS)
def test_every_kind_of_period_for_every_viewer(world, role, province, kind):
    """The period filters are shared by every page (the month, their default, is drawn by
    the test above): each other kind, at its default, draws for every viewer (a scope without
    dossiers has no month of its own)."""
    at = open_page("overview", role, province, period=kind)
    assert_no_trace(at)
    assert not at.error, [e.value for e in at.error]
    assert at.title and has_content(at, "overview"), kind


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_draws(world, page, lang):
    at = open_public(page, lang)
    assert_no_trace(at)
    assert str(world) not in shown_text(at), f"public {page} shows the server's data folder"
    assert at.title and at.title[0].value.strip(), f"public {page} has no title"
    assert has_content(at, page), f"public {page} shows nothing ({lang})"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_on_a_province_and_ward(world, lang):
    ward = marts(world, "select min(ward_code) from marts.rpt_ward_daily where province_code='46'")
    for page in PUBLIC_PAGES:
        at = open_public(page, lang, prov="46", ward=ward[0][0])
        assert_no_trace(at)
        assert at.title and has_content(at, page), page


# -- issue 17: what viewers met ------------------------------------------------------------------


@pytest.mark.parametrize("role,province", [("leader", "46"), ("council", "11")])
def test_a_province_viewer_sees_their_province_on_the_provinces_page(on_demo, role, province):
    name = province_names(on_demo)[province]
    at = open_page("provinces", role, province)
    assert_no_trace(at)
    tables = [table.value for table in at.dataframe]
    assert any(name in frame.columns for frame in tables), [list(f.columns) for f in tables]
    # the comparison needs two provinces: a sentence says why there is none
    assert any("cả nước" in i.value for i in at.info), [i.value for i in at.info]


def _overdue_on(data: Path, ward: str, day: dt.date) -> int:
    return marts(
        data,
        "select pending_overdue_end from marts.rpt_ward_daily where ward_code = ? and day = ?",
        ward,
        day,
    )[0][0]


def test_the_overdue_list_on_the_as_of_day_is_the_headline_for_every_ward(world):
    scope = q.Scope("leader")
    as_of = q.as_of_day(scope)
    wrong = {}
    for (ward,) in marts(world, "select distinct ward_code from marts.rpt_ward_daily"):
        listed = q.overdue_dossiers(scope, ward)
        overdue = listed.filter(listed["state"] == "overdue")
        near = listed.filter(listed["state"] == "near_due")
        if overdue.height != _overdue_on(world, ward, as_of):
            wrong[ward] = (overdue.height, _overdue_on(world, ward, as_of))
        # near due: due within the window, and not overdue
        assert all(
            as_of <= d <= as_of + dt.timedelta(days=q.NEAR_DUE_DAYS) for d in near["due_day"]
        )
        assert (overdue["days_overdue"] >= 1).all(), ward
    assert not wrong, f"{len(wrong)} wards: list vs rpt_ward_daily {dict(list(wrong.items())[:5])}"


def test_the_ward_page_list_agrees_with_its_tile_for_any_period(on_demo):
    as_of = marts(on_demo, "select as_of_day from marts.build_info")[0][0]
    # the ward of Huế with the most overdue dossiers on the as-of day
    ward = marts(
        on_demo,
        """select ward_code from marts.rpt_ward_daily where province_code = '46' and day = ?
           order by pending_overdue_end desc, ward_code limit 1""",
        as_of,
    )[0][0]
    seen = 0
    for filters, day in [
        ({}, as_of),
        ({"period": "month", "m": "2025-09"}, dt.date(2025, 9, 30)),
        ({"period": "quarter", "q": "2025-Q3"}, dt.date(2025, 9, 30)),
    ]:
        at = open_page("ward", ward=ward, **filters)
        assert_no_trace(at)
        tile = [m.value for m in at.metric if m.label == "Hồ sơ quá hạn tồn đọng"][0]
        expected = _overdue_on(on_demo, ward, day)
        seen += expected
        assert tile == i18n.fmt_number(expected), filters
        lists = [t.value for t in at.dataframe if "Tình trạng" in t.value.columns]
        states = lists[0]["Tình trạng"].tolist() if lists else []
        assert states.count("Quá hạn") == expected, filters
        titles = [m.value for m in at.markdown if "Hồ sơ quá hạn và sắp đến hạn" in m.value]
        assert titles and i18n.fmt_date(day) in titles[0], titles
    assert seen, "a ward with overdue dossiers"


def test_the_overdue_list_on_any_day_is_the_headline_of_that_day(hand, monkeypatch):
    """On the hand-made world, every ward on every day its overdue count changed."""
    monkeypatch.setenv("HAICAP_DATA_DIR", str(hand))
    scope = q.Scope("leader")
    # the days on which a ward's overdue count changed, and the as-of day
    days = marts(
        hand,
        """select ward_code, day, pending_overdue_end from (
               select *, lag(pending_overdue_end) over (partition by ward_code order by day) before
               from marts.rpt_ward_daily)
           where before is distinct from pending_overdue_end
              or day = (select as_of_day from marts.build_info)""",
    )
    assert len(days) > 10 and any(overdue for _, _, overdue in days)
    for ward, day, expected in days:
        listed = q.overdue_dossiers(scope, ward, day=day)
        assert listed.filter(listed["state"] == "overdue").height == expected, (ward, day)
        # and with a procedure field chosen, the field's tile
        for field in q.fields(scope):
            tile = q.field_summary(scope, q.Period(day, day), None, ward, field)
            listed = q.overdue_dossiers(scope, ward, field_name=field, day=day)
            overdue = listed.filter(listed["state"] == "overdue").height
            assert overdue == (tile["overdue_backlog"] or 0), (ward, day, field)


def test_a_partial_quarter_is_compared_with_as_many_days_of_the_previous_one(on_demo):
    def received(start: dt.date, end: dt.date) -> int:
        return marts(
            on_demo,
            "select sum(received) from marts.rpt_province_daily where day between ? and ?",
            start,
            end,
        )[0][0]

    as_of = marts(on_demo, "select as_of_day from marts.build_info")[0][0]
    assert as_of == dt.date(2025, 10, 31)  # the demo's last day: Q4 holds October only
    at = open_page("overview", period="quarter", q="2025-Q4")
    assert_no_trace(at)
    tile = [m for m in at.metric if m.label == "Hồ sơ tiếp nhận"][0]
    now = received(dt.date(2025, 10, 1), as_of)
    before = received(dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    assert tile.value == i18n.fmt_number(now)
    assert tile.delta == i18n.fmt_number(now - before)


def test_the_first_month_of_the_reform_is_not_compared_with_the_month_before(on_demo):
    at = open_page("overview", period="month", m="2025-07")
    assert_no_trace(at)
    assert not [m.delta for m in at.metric if m.delta], [(m.label, m.delta) for m in at.metric]
    assert any("trước ngày 01/07/2025" in c.value for c in at.caption)
    later = open_page("overview", period="month", m="2025-08")
    assert [m for m in later.metric if m.label == "Hồ sơ tiếp nhận"][0].delta


@pytest.mark.parametrize("lang,words", [("vi", "trước cải cách"), ("en", "before the reform")])
def test_months_before_the_reform_say_so_in_the_picker(on_demo, lang, words):
    at = open_page("overview", lang=lang)
    options = at.selectbox(key="m").options
    months = sorted(
        m for (m,) in marts(on_demo, "select distinct month from marts.rpt_province_monthly")
    )
    assert len(options) == len(months)
    before = [o for o in options if words in o]
    assert len(before) == len([m for m in months if m < q.REFORM_DAY]) > 0, options


def test_reuse_candidates_never_deny_an_asset_report_above_them(on_demo):
    premises = marts(
        on_demo, "select sum(premises) from marts.rpt_assets_ward where province_code = '46'"
    )[0][0]
    at = open_page("assets", "leader", "46")
    assert_no_trace(at)
    assert [m.value for m in at.metric if m.label == "Số trụ sở"] == [i18n.fmt_number(premises)]
    said = [i.value for i in at.info]
    assert "Chưa có báo cáo tài sản." not in said, said


def test_no_asset_report_is_said_when_there_is_none(on_demo):
    at = open_page("assets", "council", "01")
    assert "Chưa có báo cáo tài sản." in [i.value for i in at.info]


# -- errors: a sentence with an id for the viewer, the traceback in the server's log -------------

ERROR_ID = re.compile(r"\b[0-9a-f]{8}\b")


def _boom(*args, **kwargs):
    raise RuntimeError("boom in /srv/haicap/published/warehouse.duckdb")


def _assert_plain_sentence_with_logged_id(at: AppTest, caplog) -> None:
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    found = ERROR_ID.search(errors[0])
    assert found, errors[0]
    assert "boom" not in errors[0] and "/srv" not in errors[0] and "Traceback" not in errors[0]
    logged = [r for r in caplog.records if found.group(0) in r.getMessage()]
    assert logged and logged[0].exc_info, [r.getMessage() for r in caplog.records]
    assert "boom" in str(logged[0].exc_info[1])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_failing_page_shows_a_sentence_and_logs_the_traceback(on_demo, monkeypatch, caplog, lang):
    monkeypatch.setattr(q, "summary", _boom)
    caplog.set_level(logging.ERROR)
    at = open_page("overview", lang=lang)
    _assert_plain_sentence_with_logged_id(at, caplog)
    assert at.title  # the page still has its frame: title, filters


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_failing_public_page_shows_a_sentence_and_logs_the_traceback(
    on_demo, monkeypatch, caplog, lang
):
    from warehouse import public_queries as pq

    monkeypatch.setattr(pq, "monthly", _boom)
    caplog.set_level(logging.ERROR)
    _assert_plain_sentence_with_logged_id(open_public("overview", lang), caplog)


def test_nothing_published_is_a_sentence_without_the_servers_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HAICAP_DATA_DIR", str(tmp_path / "empty"))
    at = open_page("overview")
    assert_no_trace(at)
    said = [w.value for w in at.warning]
    assert said and "haicap build" in said[0] and str(tmp_path) not in shown_text(at), said
    public = open_public("overview", "vi")
    assert_no_trace(public)
    assert public.warning and str(tmp_path) not in shown_text(public)


def test_the_served_apps_hide_error_details_and_the_developer_menu(tmp_path, monkeypatch):
    """`haicap serve` (both editions) starts Streamlit through haicap.streamlit_main, which
    Streamlit's own command line then reads with errors shown as a generic message only."""
    from streamlit.web.cli import main_run

    from haicap import cli
    from haicap.streamlit_main import served_argv

    (tmp_path / "published").mkdir()
    (tmp_path / "published" / "public.duckdb").touch()
    started = []
    monkeypatch.setattr(cli.os, "chdir", lambda path: None)
    monkeypatch.setattr(cli.os, "execve", lambda exe, command, env: started.append(command))
    for public in ([], ["--public"]):
        cli.main(["serve", "--data-dir", str(tmp_path), *public])
        command = started.pop()
        assert command[1:3] == ["-m", "haicap.streamlit_main"], command
        argv = served_argv(["haicap.streamlit_main", *command[3:]])
        options = main_run.make_context("run", argv[2:]).params
        assert options["client_showErrorDetails"] == "none"
        assert options["client_toolbarMode"] == "minimal"
