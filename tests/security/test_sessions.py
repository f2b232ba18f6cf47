"""Issue 18, item 2: a Streamlit session id alone is not a signed-in session.

The victim signs in with a browser; the attacker, a program with no cookie and no password,
opens `/_stcore/stream` claiming the victim's session id (learnt from a proxy log, a shoulder,
a shared screen), while the victim is there and after they left."""

from __future__ import annotations

import pytest

from tests.security.conftest import KIM_LONG, VICTIM, Tab
from tests.security.kit import Stream, session_ids, shown_bytes

pytestmark = pytest.mark.slow

FORM = "Tên đăng nhập".encode()


def _claim(leaders, session_id: str) -> bytes:
    """What the attacker's client is shown after claiming `session_id` and asking for a run."""
    attacker = Stream(leaders, session_id=session_id)
    try:
        attacker.rerun()
        return shown_bytes(attacker.run_finished())
    finally:
        attacker.close()


def test_a_session_id_alone_is_not_a_signed_in_session(leaders, context):
    victim = Tab(context)
    victim.sign_in(leaders.url + "/")
    victim.settled()
    signed_in = session_ids(victim.messages())[-1]

    shown = _claim(leaders, signed_in)  # the victim still has the page open
    assert VICTIM[0].encode() not in shown, "the attacker got the victim's signed-in session"
    assert FORM in shown, "the attacker should be shown the sign-in form"

    victim.page.close()  # the victim left: the session waits for a reconnect for a while
    shown = _claim(leaders, signed_in)
    assert VICTIM[0].encode() not in shown, "the attacker got the session after the victim left"
    assert FORM in shown

    # The server's log never shows a session id (it would hand it to whoever reads the log).
    log = leaders.log_text()
    assert all(sid not in log for sid in session_ids(victim.messages())), log[-2000:]


def test_signing_in_starts_a_new_session_bound_by_a_cookie_scripts_cannot_read(leaders, context):
    tab = Tab(context)
    tab.sign_in(leaders.url + f"/ward?ward={KIM_LONG}")
    tab.settled()
    ids = session_ids(tab.messages())
    assert len(ids) >= 2 and ids[-1] != ids[0], f"the session id was not renewed: {ids}"
    cookies = [c for c in context.cookies() if c["name"] == "haicap_signin"]
    assert cookies and cookies[0]["httpOnly"] and cookies[0]["sameSite"] in ("Lax", "Strict")
    assert "haicap_signin" not in tab.page.evaluate("document.cookie")
    assert f"ward={KIM_LONG}" in tab.page.url  # the link asked for survives signing in
