"""Signing in to the dashboard: a local-account form, or OpenID Connect when configured.

`signed_in_account()` is called by the router before any page runs. It returns the viewer's
account, or draws the sign-in form and stops the script. The account comes from the sign-in
cookie that this run's own connection brought (haicap/sessions.py), never from the session
alone: a client that claims another's session id brings no cookie and gets the form. A
sign-in ends after `SESSION_IDLE` without activity, and at sign-out. Admin accounts manage
accounts from the command line and cannot open the dashboard.

OpenID Connect (Streamlit's `st.login`) is used when `.streamlit/secrets.toml` has an `[auth]`
section; the role and province are read from the identity token's claims `haicap_role` and
`haicap_province` (see the README). Such a sign-in is bound to the browser with the same
cookie, so it has the same idle expiry; when it ends, `st.logout` clears Streamlit's own
identity cookie too. Local accounts remain the fallback.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import streamlit as st

from haicap.accounts import Account, AccountStore, SignInRefused, session_expired
from haicap.i18n import t
from haicap.sessions import CONNECTION_COOKIE, COOKIE, SIGNINS

Clock = Callable[[], dt.datetime]
# Session-state keys that hold this run's sign-in (set again on every run from the cookie).
SIGNIN_KEY = "_haicap_signin"
STATE_KEYS = ("account", SIGNIN_KEY)


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return False


def _oidc_signed_in() -> bool:
    return _oidc_configured() and bool(getattr(st.user, "is_logged_in", False))


def _oidc_account() -> Account | None:
    user = st.user
    if not getattr(user, "is_logged_in", False):
        return None
    role = str(user.get("haicap_role") or "")
    province = user.get("haicap_province")
    if role not in ("leader", "council"):
        return None
    return Account(
        str(user.get("email") or user.get("sub")),
        role,
        f"{int(province):02d}" if province else None,
        password_hash="",
    )


def connection_cookie() -> str | None:
    """The sign-in cookie that this session's current connection brought (None outside a
    browser session)."""
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # no script context (a test calling in directly)
        return None


def sign_out() -> None:
    """End this browser's sign-in: its cookie and every download button it still shows stop
    working at once, in every tab; with OpenID Connect, Streamlit's identity cookie too."""
    # The sign-in of the cookie this connection brought, not whatever the session holds: a
    # callback runs before the run's own check, and a client without the cookie ends nothing.
    store, now = AccountStore(_data()), dt.datetime.now()
    ended = SIGNINS.end(SIGNINS.verified_id(connection_cookie(), store.session_key(), now))
    if ended is not None:
        store.audit(ended.account.name, "sign_out", now)
    for key in (*STATE_KEYS, "last_seen"):
        st.session_state.pop(key, None)
    if _oidc_signed_in():
        st.logout()


def _data():
    from warehouse.paths import DataDir

    return DataDir.resolve()


def served() -> bool:
    """Whether this run is served to a browser (always, but under Streamlit's AppTest, which
    has no browser and so no cookie: its tests put the account in the session themselves)."""
    from streamlit import config  # AppTest sets the option on the module, not on st.get_option

    return not config.get_option("global.appTest")


def signed_in_browser(store: AccountStore, now: Clock = dt.datetime.now) -> bool:
    """Whether this run's connection brought the cookie of a live sign-in (or, under AppTest,
    the session holds an account), without counting as activity: the router asks it to show
    its menu on the first run of a page opened from a link or reloaded."""
    if not served():
        return "account" in st.session_state
    cookie = connection_cookie()
    return SIGNINS.check(cookie, store.session_key(), now(), touch=False)[0] is not None


def signed_in_account(store: AccountStore, now: Clock = dt.datetime.now) -> Account:
    """The signed-in viewer; otherwise the sign-in form is drawn and the page stops."""
    if not served():
        return _test_session_account(store, now())
    state = st.session_state
    moment = now()
    cookie = connection_cookie()
    signin, expired = SIGNINS.check(cookie, store.session_key(), moment)
    if signin is not None:
        state["account"], state[SIGNIN_KEY] = signin.account, signin.id
        return signin.account
    # Nothing of an earlier sign-in stays in this session: not the account, not its id.
    for key in (*STATE_KEYS, "last_seen"):
        state.pop(key, None)
    if expired is not None:
        store.audit(expired.account.name, "session_expired", moment)
        st.info(t("signin_expired"))
        if _oidc_signed_in():
            st.logout()  # else the identity provider's cookie would sign them straight in
            st.stop()
    elif _oidc_configured():
        account = _oidc_account()
        if account is not None:
            store.audit(account.name, "sign_in", moment, role=account.role, via="oidc")
            _bind(account, moment)
            st.stop()
    _form(store, moment, _bind, stale_cookie=bool(cookie))
    st.stop()
    raise AssertionError("unreachable: st.stop() ends the script run")


def _test_session_account(store: AccountStore, moment: dt.datetime) -> Account:
    """Under AppTest: the account the test put in the session, with the same idle expiry."""
    state = st.session_state
    account: Account | None = state.get("account")
    if account is not None:
        if session_expired(state.get("last_seen", moment), moment):
            for key in (*STATE_KEYS, "last_seen"):
                state.pop(key, None)
            store.audit(account.name, "session_expired", moment)
            st.info(t("signin_expired"))
        else:
            state["last_seen"] = moment
            return account

    def keep(account: Account, moment: dt.datetime) -> None:
        state["account"], state["last_seen"] = account, moment
        st.rerun()

    _form(store, moment, keep)
    st.stop()
    raise AssertionError("unreachable: st.stop() ends the script run")


def download_allowed(store: AccountStore, signin_id: str | None, now: dt.datetime) -> bool:
    """Whether a download drawn for sign-in `signin_id` may be made now: that sign-in is live
    and is the one whose cookie the asking connection brought (haicap/sessions.py). Taking a
    file counts as activity. Under AppTest (no browser, no cookie) every download may."""
    if not served():
        return True
    if signin_id is None:
        return False
    live, expired = SIGNINS.check(CONNECTION_COOKIE.get(), store.session_key(), now)
    if expired is not None:
        store.audit(expired.account.name, "session_expired", now)
    return live is not None and live.id == signin_id


def _bind(account: Account, moment: dt.datetime) -> None:
    """Give the browser a one-time ticket and have the page trade it for the sign-in cookie
    (haicap/web_guard.py), then reload: a new session, whose connection carries the cookie.
    The script is ours alone; the ticket is our own random text."""
    ticket = SIGNINS.ticket(account, moment)
    st.info(t("signin_binding"))
    st.html(
        "<script>"
        f'fetch("/_haicap/signin", {{method: "POST", credentials: "same-origin", '
        f"body: {json.dumps(ticket)}}})"
        ".then(function (r) { if (r.ok) { window.location.reload(); } });"
        "</script>",
        unsafe_allow_javascript=True,
    )


def _form(
    store: AccountStore,
    moment: dt.datetime,
    signed_in: Callable[[Account, dt.datetime], None],
    stale_cookie: bool = False,
) -> None:
    if stale_cookie:  # a cookie of a sign-in that ended: the server forgets it, so does the browser
        st.html(
            '<script>fetch("/_haicap/signout", {method: "POST", credentials: "same-origin"});'
            "</script>",
            unsafe_allow_javascript=True,
        )
    st.title("Hai Cấp")
    st.caption(t("signin_intro"))
    if _oidc_configured():
        st.button(t("signin_oidc"), on_click=st.login)
    with st.form("signin"):
        name = st.text_input(t("signin_name"))
        password = st.text_input(t("signin_password"), type="password")
        submitted = st.form_submit_button(t("signin_button"))
    if not submitted:
        return
    try:
        account = store.sign_in(name.strip(), password, moment)
    except SignInRefused as refused:
        st.error(str(refused))
        return
    if account.role in ("admin", "journalist"):
        store.audit(account.name, "dashboard_refused", moment, role=account.role)
        st.error(t("signin_wrong_role"))
        return
    signed_in(account, moment)
