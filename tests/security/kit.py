"""What the attacks need: a real served app (`haicap serve`, either edition) on loopback, a
Streamlit protocol client that speaks to `/_stcore/stream` as any program can (with a
session id it learnt, no cookie), and a few raw HTTP requests.

`$HAICAP_SECURITY_CODE` names the source tree whose app is served (default: this one), so the
same attacks can be replayed against an older tree to see them succeed there."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.world import ROOT

CODE = Path(os.environ.get("HAICAP_SECURITY_CODE") or ROOT)
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    url: str
    port: int
    pid: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serve(data: Path, log: Path, *command: str, **env: str) -> Iterator[Served]:
    """Run `command` (after `python -m`, from the served tree, `--port` added) on `data`
    until the block ends; its own process group, stopped whole, output to `log`."""
    port = free_port()
    port_flag = "--port" if command[0] == "haicap.cli" else "--server.port"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", *command, port_flag, str(port)],
            cwd=CODE,
            env={**os.environ, "HAICAP_DATA_DIR": str(data), **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("the server did not start: " + log.read_text())
                time.sleep(0.3)
            yield Served(url, port, process.pid, log)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)


def http(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers in lower case, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def raw_handshake(port: int, host: str, path: str = "/_stcore/stream") -> str:
    """The status line a WebSocket handshake to `path` gets when it names `host`."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request.encode())
        return connection.recv(4096).decode("latin-1").split("\r\n", 1)[0]


# -- the Streamlit protocol, as a program speaks it ------------------------------------------------


class Stream:
    """One WebSocket connection to `/_stcore/stream`, optionally claiming `session_id`."""

    def __init__(self, served: Served, session_id: str | None = None, cookie: str | None = None):
        from websockets.sync.client import connect

        headers = {"Cookie": cookie} if cookie else {}
        protocols = ["streamlit", "x", session_id] if session_id else ["streamlit"]
        self._open = ExitStack()
        self.socket = self._open.enter_context(
            connect(
                f"ws://127.0.0.1:{served.port}/_stcore/stream",
                subprotocols=protocols,
                origin=served.url,
                additional_headers=headers,
                open_timeout=10,
                max_size=None,
            )
        )
        self.received: list[ForwardMsg] = []

    def send(self, message: BackMsg) -> None:
        self.socket.send(message.SerializeToString())

    def rerun(self, query: str = "", page: str = "") -> None:
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        self.send(message)

    def until(self, done, seconds: float = 30) -> list[ForwardMsg]:
        """Read messages until `done(message)` or `seconds` pass; returns those read."""
        from websockets.exceptions import ConnectionClosed

        deadline, read = time.monotonic() + seconds, []
        while time.monotonic() < deadline:
            try:
                data = self.socket.recv(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            except ConnectionClosed:
                break
            message = ForwardMsg()
            message.ParseFromString(data)
            read.append(message)
            if done(message):
                break
        self.received += read
        return read

    def run_finished(self, seconds: float = 60) -> list[ForwardMsg]:
        return self.until(lambda m: m.WhichOneof("type") == "script_finished", seconds)

    def close(self) -> None:
        self._open.close()


def session_ids(messages: list[ForwardMsg]) -> list[str]:
    found = [m.new_session.initialize.session_id for m in messages if m.HasField("new_session")]
    return list(dict.fromkeys(i for i in found if i))


def deferred_ids(messages: list[ForwardMsg]) -> list[str]:
    found = []
    for message in messages:
        if message.HasField("delta") and message.delta.HasField("new_element"):
            element = message.delta.new_element
            if element.WhichOneof("type") == "download_button":
                found.append(element.download_button.deferred_file_id)
    return [i for i in found if i]


def shown_bytes(messages: list[ForwardMsg]) -> bytes:
    """Everything the messages would draw, as bytes to search for text."""
    return b"".join(m.SerializeToString() for m in messages if m.HasField("delta"))


def parse(payload: bytes | str) -> ForwardMsg | None:
    if isinstance(payload, str):
        return None
    message = ForwardMsg()
    try:
        message.ParseFromString(payload)
    except Exception:  # a frame that is no ForwardMsg: not ours to read
        return None
    return message
