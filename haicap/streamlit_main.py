"""`python -m haicap.streamlit_main run app.py ...`: Streamlit's own command line, told up front
that the app routes with `st.navigation`, with the settings every served edition needs, and
served as an `st.App` with our door in front (haicap/web_guard.py: host allow-list, no
framing, no metrics, the sign-in cookie's routes, downloads only to a signed-in browser).

Streamlit still treats a `pages/` folder beside the main script as a legacy (v1) multipage
app until the first `st.navigation` call: the first request after a start would be routed
straight to `pages/<name>.py`, bypassing `app.py` (no language switch, a navigation listing
the helper modules). `app.py` always calls `st.navigation`, so we say so before the server
starts. One attribute of Streamlit's PagesManager; checked by tests/browser.

Viewers never see a traceback, an exception's message or a developer's menu: the pages turn
failures into a sentence with an error id (pages/_common.py `guard`), and anything that escapes
them is shown by Streamlit as a generic message only. Set here, after whatever the command
line, a config file or the environment said, so no `.streamlit/config.toml` can turn
tracebacks back on. The server's log never shows a session id (whoever reads the log could
otherwise claim a session; haicap/sessions.py makes an id alone worth nothing, this keeps it
out of sight too).
"""

import logging
import re
import sys
from pathlib import Path

# Imported here, once, before any session runs: plotly imports pandas lazily on the first
# chart, and two sessions drawing their first chart at the same moment raced on that import
# ("partially initialized module 'pandas' has no attribute 'Series'", scripts/load_browsers.py
# with 30 sessions).
import pandas  # noqa: F401
import streamlit as st
from starlette.middleware import Middleware
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.cli import main, main_run

from haicap.web_guard import Guard, allowed_hosts

# "none", not false: Streamlit reads false as "stacktrace" (the traceback without the message).
SERVED_OPTIONS = {
    "client.showErrorDetails": "none",
    "client.toolbarMode": "minimal",  # no Deploy button, no developer menu
    # A cross-site page cannot open the WebSocket (Origin checked) nor post forms (XSRF).
    "server.enableCORS": "true",
    "server.enableXsrfProtection": "true",
    # Colours that pass WCAG AA (4.5:1) wherever Streamlit draws them: its default red fails
    # on a selected segmented button, and captions are body text at 60 % opacity, readable
    # only when the body text is near black (tests/browser/test_accessibility.py, axe-core).
    "theme.base": "light",
    "theme.primaryColor": "#B3261E",
    "theme.textColor": "#0A0A0A",
    "theme.codeTextColor": "#0A0A0A",  # code in a caption (a permalink) is faded the same way
    # Headings go one level at a time for screen readers (a page's h1, then its sections'
    # h2); a section's h2 is drawn at the size of Streamlit's h4, as the sections were before.
    "theme.headingFontSizes": '["2.75rem", "1.5rem", "1.25rem", "1.125rem"]',
}
# Streamlit's session ids are UUIDs; media file ids are not, and stay readable.
_SESSION_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)


def served_argv(argv: list[str]) -> list[str]:
    """The command line with the served settings added to `run` (the last value of a flag
    wins, so they come last)."""
    if len(argv) < 2 or argv[1] != "run":
        return argv
    return [*argv, *(part for key, value in SERVED_OPTIONS.items() for part in (f"--{key}", value))]


def redact_session_ids() -> None:
    """Every log record, whoever writes it, with session ids replaced by `<session>`."""
    make = logging.getLogRecordFactory()

    def redacted(*args, **kwargs) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if record.args:
            values = record.args if isinstance(record.args, tuple) else (record.args,)
            if any(isinstance(v, str) and _SESSION_ID.search(v) for v in values):
                record.args = tuple(
                    _SESSION_ID.sub("<session>", v) if isinstance(v, str) else v for v in values
                )
        if isinstance(record.msg, str) and _SESSION_ID.search(record.msg):
            record.msg = _SESSION_ID.sub("<session>", record.msg)
        return record

    logging.setLogRecordFactory(redacted)


def served_app(script: str, hosts: list[str]) -> st.App:
    """`script` as an `st.App` behind our door (haicap/web_guard.py); the public edition's
    door has no sign-in to check."""
    leaders = Path(script).name != "public_app.py"
    return st.App(script, middleware=[Middleware(Guard, leaders=leaders, hosts=hosts)])


def run(argv: list[str]) -> None:
    """Serve `run SCRIPT [flags]` as Streamlit's `run` would, through `st.App.run`."""
    params = main_run.make_context("run", argv[2:]).params
    script = str(params.pop("target"))
    script_args = list(params.pop("args", ()) or ())
    options = {
        name.replace("_", "."): value
        for name, value in params.items()
        if value is not None and value != ()
    }
    hosts = allowed_hosts(options.get("server.address"))
    # Streamlit's own WebSocket host check, with the same names as ours (belt and braces).
    options["server.allowedHosts"] = hosts
    sys.argv = [script, *script_args]  # as `streamlit run` leaves them for the app
    served_app(script, hosts).run(config=options)


if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    redact_session_ids()
    sys.argv = served_argv(sys.argv)
    if sys.argv[1:2] == ["run"]:
        run(sys.argv)
    else:
        sys.exit(main())
