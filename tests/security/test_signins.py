"""The sign-in cookie's rules, without a server: a ticket is good once and briefly; a cookie
whose signature or age is wrong is nothing; idle and sign-out end a sign-in; the door's host
check takes only the names it was given."""

from __future__ import annotations

import datetime as dt

import pytest

from haicap.accounts import Account
from haicap.sessions import SIGNIN_MAX, TICKET_LIFE, SignIns
from haicap.web_guard import allowed_hosts, host_allowed

KEY = b"k" * 64
NOW = dt.datetime(2026, 12, 3, 9, 0, 0)
LEADER = Account("hue.lanhdao", "leader", "46", password_hash="")


def _signed_in(signins: SignIns) -> str:
    _, cookie = signins.redeem(signins.ticket(LEADER, NOW), KEY, NOW)
    return cookie


def test_a_ticket_is_good_once_and_briefly():
    signins = SignIns()
    ticket = signins.ticket(LEADER, NOW)
    assert signins.redeem(ticket, KEY, NOW + TICKET_LIFE + dt.timedelta(seconds=1)) is None
    ticket = signins.ticket(LEADER, NOW)
    assert signins.redeem(ticket, KEY, NOW) is not None
    assert signins.redeem(ticket, KEY, NOW) is None  # spent
    assert signins.redeem("guessed", KEY, NOW) is None


def test_a_cookie_is_the_sign_in_only_as_signed_and_while_young():
    signins = SignIns()
    cookie = _signed_in(signins)
    live, _ = signins.check(cookie, KEY, NOW + dt.timedelta(minutes=1))
    assert live is not None and live.account.name == "hue.lanhdao"
    signin_id, issued, signature = cookie.split(".")
    for forged in (
        f"{signin_id}.{issued}.{signature[:-2]}xx",  # signature altered
        f"{signin_id}.{int(issued) + 3600}.{signature}",  # made younger
        _signed_in(signins).split(".")[0] + f".{issued}.{signature}",  # another id
        "",
        None,
    ):
        assert signins.check(forged, KEY, NOW)[0] is None, forged
    assert signins.check(cookie, b"another key", NOW)[0] is None
    assert signins.check(cookie, KEY, NOW + SIGNIN_MAX + dt.timedelta(seconds=1))[0] is None


@pytest.mark.parametrize("minutes", [29, 31])
def test_idle_ends_a_sign_in_and_says_so_once(minutes):
    signins = SignIns()
    cookie = _signed_in(signins)
    later = NOW + dt.timedelta(minutes=minutes)
    live, expired = signins.check(cookie, KEY, later)
    if minutes < 30:
        assert live is not None and expired is None
    else:
        assert live is None and expired is not None and expired.account.name == "hue.lanhdao"
        assert signins.check(cookie, KEY, later) == (None, None)


def test_activity_keeps_a_sign_in_and_sign_out_ends_it():
    signins = SignIns()
    cookie = _signed_in(signins)
    for step in range(1, 5):  # active every 20 minutes for 80 minutes
        assert signins.check(cookie, KEY, NOW + dt.timedelta(minutes=20 * step))[0] is not None
    live, _ = signins.check(cookie, KEY, NOW + dt.timedelta(minutes=81))
    assert signins.end(live.id) is not None
    assert signins.check(cookie, KEY, NOW + dt.timedelta(minutes=82)) == (None, None)


def test_the_host_check_takes_only_the_names_given(monkeypatch):
    monkeypatch.setenv("HAICAP_ALLOWED_HOSTS", "haicap.example.gov.vn, *.so.gov.vn")
    names = allowed_hosts("0.0.0.0")
    assert "0.0.0.0" not in names
    good = ["127.0.0.1:8501", "localhost", "[::1]:8501", "haicap.example.gov.vn", "a.so.gov.vn"]
    for host in good:
        assert host_allowed(host, names), host
    for host in (
        "evil.example",
        "haicap.example.gov.vn.evil.example",
        "127.0.0.1.nip.io",
        "user@127.0.0.1",
        "127.0.0.1:99999",
        "",
        None,
    ):
        assert not host_allowed(host, names), host
