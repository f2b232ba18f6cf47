"""Signing in to the dashboard: a local-account form, or OpenID Connect when configured.

`signed_in_account()` is called by the router before any page runs. It returns the viewer's
account, or draws the sign-in form and stops the script. A session ends after
`SESSION_IDLE` without activity. Admin accounts manage accounts from the command line and
cannot open the dashboard.

OpenID Connect (Streamlit's `st.login`) is used when `.streamlit/secrets.toml` has an `[auth]`
section; the role and province are read from the identity token's claims `haicap_role` and
`haicap_province` (see the README). Local accounts remain the fallback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from haicap.accounts import Account, AccountStore, SignInRefused, session_expired
from haicap.i18n import t

Clock = Callable[[], dt.datetime]


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return False


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


def sign_out() -> None:
    for key in ("account", "last_seen"):
        st.session_state.pop(key, None)


def signed_in_account(store: AccountStore, now: Clock = dt.datetime.now) -> Account:
    """The signed-in viewer; otherwise the sign-in form is drawn and the page stops."""
    state = st.session_state
    moment = now()
    if _oidc_configured():
        account = _oidc_account()
        if account is not None:
            return account
    account: Account | None = state.get("account")
    if account is not None:
        if session_expired(state["last_seen"], moment):
            sign_out()
            store.audit(account.name, "session_expired", moment)
            st.info(t("signin_expired"))
        else:
            state["last_seen"] = moment
            return account
    _form(store, moment)
    st.stop()
    raise AssertionError("unreachable: st.stop() ends the script run")


def _form(store: AccountStore, moment: dt.datetime) -> None:
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
    st.session_state["account"] = account
    st.session_state["last_seen"] = moment
    st.rerun()
