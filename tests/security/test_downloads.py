"""Issue 18, item 3: downloads bound to the viewer.

Every export is audited with the account; a download button still on screen after sign-out
or idle expiry gives nothing; a file made for a download is not served to a client without
the sign-in; another session cannot run a download by its id."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.security.conftest import KIM_LONG, VICTIM, Tab
from tests.security.kit import Stream, deferred_ids, http, serve, session_ids

pytestmark = pytest.mark.slow

CSV = re.compile("Tải CSV")


def _audit(world: Path) -> list[dict]:
    path = world / "audit" / "audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _ward(tab: Tab, url: str) -> None:
    tab.sign_in(url + f"/ward?ward={KIM_LONG}")
    tab.page.get_by_role("button", name=CSV).first.wait_for()
    tab.settled()


def _download(tab: Tab, seconds: float = 15):
    """The file the first CSV button gives, or None when it gives none."""
    try:
        with tab.page.expect_download(timeout=seconds * 1000) as taken:
            tab.page.get_by_role("button", name=CSV).first.click()
        return taken.value
    except Exception:  # Playwright's TimeoutError: no file came
        return None


def test_every_export_is_audited_with_the_account(world, leaders, context):
    tab = Tab(context)
    _ward(tab, leaders.url)
    got = _download(tab)
    assert got is not None and Path(got.path()).read_bytes()
    exports = [line for line in _audit(world) if line["event"] == "export"]
    assert exports and exports[-1]["account"] == VICTIM[0], exports[-3:]


def test_a_made_file_is_not_served_to_a_client_without_the_sign_in(leaders, context):
    tab = Tab(context)
    _ward(tab, leaders.url)
    got = _download(tab)
    assert got is not None and "/media/" in got.url, got and got.url
    status, _, body = http(got.url)  # no cookie: any other client
    assert status == 404 and not body, (status, body[:200])


def test_buttons_still_on_screen_after_sign_out_give_nothing(world, leaders, context):
    shown = Tab(context)
    _ward(shown, leaders.url)
    other = Tab(context)  # the same browser's other tab signs out
    other.page.goto(leaders.url + "/")
    sign_out = other.page.get_by_role("button", name="Đăng xuất")
    form = other.page.get_by_label(re.compile("Tên đăng nhập"))
    sign_out.or_(form).first.wait_for()
    if form.is_visible():  # a sign-in that is not the browser's asks again (so it was before)
        other.sign_in(leaders.url + "/")
    sign_out.click()
    other.page.get_by_label(re.compile("Tên đăng nhập")).wait_for()
    assert _download(shown, seconds=5) is None, "a download worked after signing out"
    refused = [line for line in _audit(world) if line["event"] == "export_refused"]
    assert refused and refused[-1]["account"] == VICTIM[0]


def test_another_session_cannot_run_a_download_by_its_id(leaders, context):
    tab = Tab(context)
    _ward(tab, leaders.url)
    ids = deferred_ids(tab.messages())
    assert ids, "no deferred download on the ward page"
    attacker = Stream(leaders)  # a session of its own, no cookie
    try:
        attacker.rerun()
        own = session_ids(attacker.run_finished())[0]  # requests must name their own session
        ask = BackMsg()
        ask.backend_operation_request.request_id = "attack"
        ask.backend_operation_request.session_id = own
        ask.backend_operation_request.deferred_file.file_id = ids[-1]
        attacker.send(ask)
        read = attacker.until(lambda m: m.WhichOneof("type") == "backend_operation_response")
    finally:
        attacker.close()
    answers = [
        m.backend_operation_response for m in read if m.HasField("backend_operation_response")
    ]
    assert answers, "no answer to the download request"
    assert not answers[0].deferred_file.url, "another session ran the victim's download"


@pytest.fixture(scope="module")
def quickly_idle(world: Path):
    """A leaders' server whose sign-ins end after a few seconds without activity."""
    with serve(
        world,
        world.parent / "idle.log",
        "haicap.cli",
        "serve",
        HAICAP_SESSION_IDLE_MINUTES="0.1",
    ) as served:
        yield served


def test_buttons_still_on_screen_after_idle_expiry_give_nothing(world, quickly_idle, context):
    tab = Tab(context)
    _ward(tab, quickly_idle.url)
    time.sleep(8)  # idle past the six seconds this server allows
    assert _download(tab, seconds=5) is None, "a download worked after the session expired"
    expired = [line for line in _audit(world) if line["event"] == "session_expired"]
    assert expired and expired[-1]["account"] == VICTIM[0]
