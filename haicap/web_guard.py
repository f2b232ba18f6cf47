"""The served apps' door: what every HTTP request and WebSocket connection passes before
Streamlit sees it (mounted by haicap/streamlit_main.py through `st.App`'s middleware).

- A Host header that is not one of the names the app is served under is refused, the
  WebSocket included, so a page on another site whose name was pointed at this server (DNS
  rebinding) cannot talk to it.
- Every answer says it may not be framed (`frame-ancestors 'none'`, `X-Frame-Options`).
- Streamlit's metrics and agent API are not served.
- The leaders' edition: files under `/media/` (downloads made by a page) go only to a browser
  with a live sign-in; `/_haicap/signin` trades a sign-in ticket for the sign-in cookie and
  `/_haicap/signout` ends it (haicap/sessions.py); each WebSocket connection carries the
  sign-in cookie it brought, for the downloads it asks for.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from haicap.sessions import CONNECTION_COOKIE, COOKIE, SIGNIN_MAX, SIGNINS

ALLOWED_HOSTS_ENV = "HAICAP_ALLOWED_HOSTS"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# Streamlit's routes that no viewer needs: its Prometheus metrics, and the agent API (off,
# but its description answers anyway).
BLOCKED_PREFIXES = ("/_stcore/metrics", "/_stcore/agent")
SECURITY_HEADERS = [
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def allowed_hosts(address: str | None = None) -> list[str]:
    """The names the app may be reached under: loopback, the address it listens on (unless
    every address), and what $HAICAP_ALLOWED_HOSTS lists (comma-separated; the name a
    reverse proxy forwards, e.g. haicap.example.gov.vn)."""
    names = list(LOOPBACK_NAMES)
    if address and address not in ("0.0.0.0", "::", ""):
        names.append(address)
    names += [n.strip() for n in os.environ.get(ALLOWED_HOSTS_ENV, "").split(",") if n.strip()]
    return list(dict.fromkeys(n.lower().strip("[]").rstrip(".") for n in names))


def host_allowed(host: str | None, allowed: Iterable[str]) -> bool:
    """Whether a Host header names one of `allowed` (any port; `*.example` for subdomains)."""
    if not host:
        return False
    try:
        parts = urlsplit(f"//{host}")
        name, _ = parts.hostname, parts.port  # .port raises on a malformed port
    except ValueError:
        return False
    if not name or parts.username or parts.password or parts.path or parts.query:
        return False
    name = name.lower().rstrip(".")
    for pattern in allowed:
        if pattern == name or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _cookie(scope: Scope) -> str | None:
    raw = _header(scope, b"cookie") or ""
    for part in raw.split(";"):
        key, _, value = part.strip().partition("=")
        if key == COOKIE:
            return value
    return None


def _same_origin(scope: Scope) -> bool:
    """A browser's POST from a page of this very site (the sign-in routes take no other)."""
    origin, host = _header(scope, b"origin"), _header(scope, b"host")
    return bool(origin and host) and urlsplit(origin).netloc == host


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]] = ()) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-length", b"0"), (b"cache-control", b"no-store"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _body(receive: Receive, limit: int = 4096) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > limit or not message.get("more_body"):
            return body[:limit]


class Guard:
    """ASGI middleware in front of Streamlit (see the module's docstring)."""

    def __init__(self, app: Any, *, leaders: bool, hosts: list[str]) -> None:
        self.app, self.leaders, self.hosts = app, leaders, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if not host_allowed(_header(scope, b"host"), self.hosts):
            await self._refuse(kind, send, 421)
            return
        if path.startswith(BLOCKED_PREFIXES):
            await self._refuse(kind, send, 404)
            return
        if kind == "websocket":
            token = CONNECTION_COOKIE.set(_cookie(scope) if self.leaders else None)
            try:
                await self.app(scope, receive, send)
            finally:
                CONNECTION_COOKIE.reset(token)
            return
        if self.leaders and path in ("/_haicap/signin", "/_haicap/signout"):
            await self._session_route(path, scope, receive, send)
            return
        if self.leaders and path.startswith("/media/") and not self._signed_in(scope):
            await _answer(send, 404, SECURITY_HEADERS)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _refuse(self, kind: str, send: Send, status: int) -> None:
        if kind == "websocket":  # closed before it is accepted: the handshake gets a 403
            await send({"type": "websocket.close", "code": 1008})
        else:
            await _answer(send, status, SECURITY_HEADERS)

    def _signed_in(self, scope: Scope) -> bool:
        from haicap.accounts import AccountStore
        from warehouse.paths import DataDir

        key = AccountStore(DataDir.resolve()).session_key()
        # A download does not count as activity on its own: the page the button is on did.
        return SIGNINS.check(_cookie(scope), key, dt.datetime.now(), touch=False)[0] is not None

    async def _session_route(self, path: str, scope: Scope, receive: Receive, send: Send) -> None:
        from haicap.accounts import AccountStore
        from warehouse.paths import DataDir

        if scope.get("method") != "POST" or not _same_origin(scope):
            await _answer(send, 403, SECURITY_HEADERS)
            return
        store = AccountStore(DataDir.resolve())
        key, now = store.session_key(), dt.datetime.now()
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        if path == "/_haicap/signout":
            signin_id = SIGNINS.verified_id(_cookie(scope), key, now)
            SIGNINS.end(signin_id)
            gone = f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
            await _answer(send, 204, [*SECURITY_HEADERS, (b"set-cookie", gone.encode())])
            return
        ticket = (await _body(receive)).decode("ascii", "replace").strip()
        made = SIGNINS.redeem(ticket, key, now)
        if made is None:
            await _answer(send, 403, SECURITY_HEADERS)
            return
        _, value = made
        cookie = (
            f"{COOKIE}={value}; Path=/; Max-Age={int(SIGNIN_MAX.total_seconds())}; "
            f"HttpOnly; SameSite=Lax{secure}"
        )
        await _answer(send, 204, [*SECURITY_HEADERS, (b"set-cookie", cookie.encode())])
