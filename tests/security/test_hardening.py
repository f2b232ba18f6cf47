"""Issue 18, item 9: the served configuration of both editions (`haicap serve`, `--public`).

A foreign Host header is refused, the WebSocket included (DNS rebinding); no page can be
framed; Streamlit's metrics are not served; no developer menu or Deploy button."""

from __future__ import annotations

import pytest
from streamlit.proto.NewSession_pb2 import Config

from tests.security.kit import Stream, http, raw_handshake

pytestmark = pytest.mark.slow


@pytest.fixture(params=["leaders", "public"])
def served(request):
    return request.getfixturevalue(request.param)


def test_a_foreign_host_header_is_refused(served):
    status, _, _ = http(served.url + "/", {"Host": "evil.example"})
    assert status >= 400, f"a page was served to Host evil.example ({status})"
    refused = raw_handshake(served.port, "evil.example")
    assert " 101 " not in refused + " ", f"the WebSocket opened for Host evil.example: {refused}"
    allowed = raw_handshake(served.port, f"127.0.0.1:{served.port}")
    assert " 101 " in allowed + " ", allowed


def test_no_page_can_be_framed(served):
    for path in ("/", "/_stcore/health"):
        _, headers, _ = http(served.url + path)
        assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), headers
        assert headers.get("x-frame-options") == "DENY", headers


def test_streamlits_metrics_are_not_served(served):
    status, _, body = http(served.url + "/_stcore/metrics")
    assert status == 404, (status, body[:200])


def test_no_developer_menu(served):
    client = Stream(served)
    try:
        client.rerun()
        read = client.run_finished()
    finally:
        client.close()
    modes = [m.new_session.config.toolbar_mode for m in read if m.HasField("new_session")]
    assert modes and all(mode == Config.ToolbarMode.MINIMAL for mode in modes), modes
