"""Signed-in browsers: what binds a dashboard sign-in to the browser that made it.

A Streamlit session id is no proof of anything: the browser sends it in the clear to
reconnect, and any client that learns it can claim the session. So a sign-in is not kept in
the session. After the password (or OpenID Connect) check, the session hands its browser a
one-time ticket; the page's script trades it, with a same-origin POST to `/_haicap/signin`,
for a cookie that scripts cannot read (HttpOnly, SameSite=Lax, Secure over HTTPS), signed
with the key in `DATA/secrets/session_key`, and reloads: a new Streamlit session whose
connection carries the cookie.

Every script run and every download asks `SIGNINS.check` with the cookie that its own
connection brought, and gets a live sign-in or nothing: one that was signed out, idle for
`SESSION_IDLE`, or older than `SIGNIN_MAX` is gone. Sign-ins live in the server process's
memory, so a restart signs everybody out. `SESSION_IDLE` can be set shorter or longer with
$HAICAP_SESSION_IDLE_MINUTES.
"""

from __future__ import annotations

import base64
import contextvars
import datetime as dt
import hashlib
import hmac
import os
import secrets
import threading
from dataclasses import dataclass

from haicap.accounts import SESSION_IDLE, Account, session_expired

COOKIE = "haicap_signin"
IDLE_ENV = "HAICAP_SESSION_IDLE_MINUTES"
# How long a browser has to trade its ticket for the cookie (the page's script does it at
# once; the margin is for a slow machine).
TICKET_LIFE = dt.timedelta(seconds=60)
# However active, a sign-in ends after this long: a stolen cookie is not good for ever.
SIGNIN_MAX = dt.timedelta(hours=12)
# Sign-ins and tickets held at once (each is a few hundred bytes): a flood of sign-ins cannot
# grow the server without bound; the oldest go first.
MAX_LIVE = 10_000

# The sign-in cookie that the connection asking for something brought, set for the life of
# each WebSocket connection by the server's middleware (haicap/web_guard.py). A download's
# maker runs on a worker thread outside the script, but inside that connection's context:
# this is how it knows who clicked.
CONNECTION_COOKIE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "haicap_connection_cookie", default=None
)


def idle_limit() -> dt.timedelta:
    """How long a sign-in lasts without activity: SESSION_IDLE, or what the operator set in
    $HAICAP_SESSION_IDLE_MINUTES (a number of minutes, fractions allowed)."""
    setting = os.environ.get(IDLE_ENV, "").strip()
    try:
        minutes = float(setting) if setting else 0.0
    except ValueError:
        minutes = 0.0
    return dt.timedelta(minutes=minutes) if minutes > 0 else SESSION_IDLE


@dataclass(frozen=True)
class SignIn:
    id: str
    account: Account
    started: dt.datetime


def _sign(key: bytes, text: str) -> str:
    digest = hmac.new(key, text.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class SignIns:
    """The live sign-ins of this process, and the tickets not yet traded."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._live: dict[str, tuple[SignIn, dt.datetime]] = {}  # id -> (sign-in, last seen)
        self._tickets: dict[str, tuple[Account, dt.datetime]] = {}  # ticket -> (account, until)

    def ticket(self, account: Account, now: dt.datetime) -> str:
        """A one-time ticket for `account`, good for TICKET_LIFE."""
        ticket = secrets.token_urlsafe(32)
        with self._lock:
            self._tickets = {k: v for k, v in self._tickets.items() if v[1] > now}
            while len(self._tickets) >= MAX_LIVE:
                self._tickets.pop(next(iter(self._tickets)))
            self._tickets[ticket] = (account, now + TICKET_LIFE)
        return ticket

    def redeem(self, ticket: str, key: bytes, now: dt.datetime) -> tuple[SignIn, str] | None:
        """Trade a ticket (once) for a new sign-in and its cookie value; None if the ticket is
        unknown, used or expired."""
        with self._lock:
            found = self._tickets.pop(ticket, None)
            if found is None or found[1] <= now:
                return None
            signin = SignIn(secrets.token_urlsafe(32), found[0], now)
            while len(self._live) >= MAX_LIVE:
                self._live.pop(next(iter(self._live)))
            self._live[signin.id] = (signin, now)
        issued = str(int(now.timestamp()))
        return signin, f"{signin.id}.{issued}.{_sign(key, f'{signin.id}.{issued}')}"

    def check(
        self, cookie: str | None, key: bytes, now: dt.datetime, touch: bool = True
    ) -> tuple[SignIn | None, SignIn | None]:
        """(the live sign-in this cookie holds, or None; the sign-in that this check found
        idle for too long and ended, or None). With `touch`, the activity keeps it alive."""
        signin_id = self.verified_id(cookie, key, now)
        if signin_id is None:
            return None, None
        with self._lock:
            found = self._live.get(signin_id)
            if found is None:
                return None, None
            signin, last_seen = found
            if session_expired(last_seen, now, idle_limit()):
                del self._live[signin_id]
                return None, signin
            if touch:
                self._live[signin_id] = (signin, now)
            return signin, None

    @staticmethod
    def verified_id(cookie: str | None, key: bytes, now: dt.datetime) -> str | None:
        """The sign-in id in a cookie whose signature holds and that is not too old."""
        if not cookie or cookie.count(".") != 2:
            return None
        signin_id, issued, signature = cookie.split(".")
        if not hmac.compare_digest(signature, _sign(key, f"{signin_id}.{issued}")):
            return None
        try:
            started = dt.datetime.fromtimestamp(int(issued))
        except (ValueError, OverflowError, OSError):
            return None
        if now - started > SIGNIN_MAX or started > now + dt.timedelta(minutes=5):
            return None
        return signin_id

    def end(self, signin_id: str | None) -> SignIn | None:
        """End a sign-in (signing out); returns it if it was live."""
        if not signin_id:
            return None
        with self._lock:
            found = self._live.pop(signin_id, None)
        return found[0] if found else None


SIGNINS = SignIns()
