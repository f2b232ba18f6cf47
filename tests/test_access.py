"""Who sees what in the leaders' dashboard: the sign-in form, roles, province scope enforced on
forged URLs and on the query layer itself, session expiry, the audit log, hostile input."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from haicap.accounts import Account, AccountStore
from tests.browser.world import APP, KIM_LONG
from warehouse import queries as q
from warehouse.paths import DataDir

NA_SON = "03203"  # Điện Biên (11)
PASSWORD = "mật-khẩu-đủ-dài"


@pytest.fixture(scope="module")
def world(demo_world_copy: Path) -> Path:
    data = demo_world_copy
    old = os.environ.get("HAICAP_DATA_DIR")
    os.environ["HAICAP_DATA_DIR"] = str(data)
    store = AccountStore(DataDir.resolve(data))
    now = dt.datetime.now()
    for name, role, province in [
        ("hue.lanhdao", "leader", "46"),
        ("bao.chi", "journalist", None),
        ("quan.tri", "admin", None),
        ("hue.hdnd", "council", "46"),
    ]:
        if store.get(name) is None:
            store.add(name, role, province, PASSWORD, now)
    yield data
    if old is None:
        os.environ.pop("HAICAP_DATA_DIR", None)
    else:
        os.environ["HAICAP_DATA_DIR"] = old


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def signed_in(at: AppTest, name: str, role: str, province: str | None) -> AppTest:
    at.session_state["account"] = Account(name, role, province, password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    return at


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += [w.value for w in at.warning] + [e.value for e in at.error]
    parts += [str(m.value) for m in at.metric] + [h.value for h in at.title]
    parts += [h.value for h in at.header] + [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


def _signin_script() -> None:
    """The sign-in gate alone (AppTest cannot rerun app.py after a form submit: with a
    `pages/` folder beside it, its rerun goes to the page script; the browser tests sign in
    through the real server)."""
    import streamlit as st

    from haicap.accounts import AccountStore
    from haicap.signin import signed_in_account
    from warehouse.paths import DataDir

    account = signed_in_account(AccountStore(DataDir.resolve()))
    st.success(f"in:{account.name}:{account.role}:{account.province}")


def sign_in_with_form(name: str, password: str) -> AppTest:
    at = AppTest.from_function(_signin_script, default_timeout=60)
    at.run()
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    at.run()
    if not at.error and not at.success:
        at.run()  # the form's own st.rerun()
    return at


def test_nothing_is_shown_before_signing_in(world):
    at = app(prov="46")
    at.run()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]
    assert not at.metric  # no number at all
    assert "Tổng quan" not in shown(at)


def test_good_and_bad_passwords_through_the_form(world):
    at = sign_in_with_form("hue.lanhdao", "sai-mật-khẩu-rồi")
    assert any("Wrong name or password" in e.value for e in at.error)
    assert not at.success
    at = sign_in_with_form("hue.lanhdao", PASSWORD)
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["in:hue.lanhdao:leader:46"]
    events = [
        e["event"]
        for e in AccountStore(DataDir.resolve(world)).audit_lines()
        if e["account"] == "hue.lanhdao"
    ]
    assert "sign_in_failed" in events and "sign_in" in events


@pytest.mark.parametrize("name", ["bao.chi", "quan.tri"])
def test_journalists_and_admins_cannot_open_the_leaders_dashboard(world, name):
    at = sign_in_with_form(name, PASSWORD)
    assert any(
        "does not open the dashboard" in e.value or "không dùng để xem" in e.value for e in at.error
    )
    assert not at.success


def test_an_idle_session_ends(world):
    at = signed_in(app(), "hue.lanhdao", "leader", "46")
    at.session_state["last_seen"] = dt.datetime.now() - dt.timedelta(minutes=31)
    at.run()
    assert any("hết hạn" in i.value for i in at.info)
    assert not at.metric


def _ward_page(name: str, role: str, province: str | None, ward: str) -> AppTest:
    """The ward page asked for `ward`, as a link would (AppTest drops the URL on a page
    switch, so the ward goes where the page keeps it)."""
    at = signed_in(app(), name, role, province)
    at.run()
    at.switch_page("pages/ward.py")
    at.session_state["ward"] = ward
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_leader_of_hue_cannot_see_another_province_by_editing_the_url(world):
    forged = _ward_page("hue.lanhdao", "leader", "46", NA_SON)
    assert "Na Son" not in shown(forged)
    assert any("phạm vi" in w.value for w in forged.warning)
    assert not forged.metric and not forged.dataframe
    own = _ward_page("hue.lanhdao", "leader", "46", KIM_LONG)
    assert "Kim Long" in shown(own) and own.metric
    national = _ward_page("quoc.gia", "leader", None, NA_SON)
    assert "Xã Na Son" in shown(national)  # in scope (this small world has no dossier there)
    assert not any("phạm vi" in w.value for w in national.warning)


def test_the_query_layer_refuses_out_of_scope_arguments_whatever_the_page_does(world):
    hue = q.Scope("leader", "46")
    with pytest.raises(q.OutOfScope):
        q.overdue_dossiers(hue, NA_SON)
    assert q.overdue_dossiers(q.Scope("council", "46"), KIM_LONG) is not None
    with pytest.raises(q.OutOfScope):
        q.overdue_dossiers(q.Scope("public", None), KIM_LONG)


def test_a_page_run_on_its_own_without_signing_in_shows_nothing(world):
    at = AppTest.from_file(str(Path(APP).parent / "pages" / "ward.py"), default_timeout=120)
    at.query_params["ward"] = KIM_LONG
    at.run()
    assert any("đăng nhập" in w.value for w in at.warning)
    assert not at.metric and not at.dataframe


def test_viewing_a_dossier_list_and_exporting_are_audited(world):
    at = signed_in(app(ward=KIM_LONG), "hue.hdnd", "council", "46")
    at.run()
    at.switch_page("pages/ward.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    lines = AccountStore(DataDir.resolve(world)).audit_lines()
    seen = [e for e in lines if e["account"] == "hue.hdnd" and e["event"] == "dossier_list_view"]
    assert seen and seen[-1]["ward"] == KIM_LONG


def test_hostile_text_in_the_url_is_shown_as_text_never_run(world):
    script = "<script>alert(1)</script>"
    at = signed_in(app(ward=f"{KIM_LONG}' or '1'='1", prov=script), "quoc.gia", "leader", None)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for block in at.markdown:
        assert "<script>" not in block.value or not block.allow_html
