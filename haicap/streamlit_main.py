"""`python -m haicap.streamlit_main run app.py ...`: Streamlit's own command line, told up front
that the app routes with `st.navigation`, and with the settings every served edition needs.

Streamlit still treats a `pages/` folder beside the main script as a legacy (v1) multipage
app until the first `st.navigation` call: the first request after a start would be routed
straight to `pages/<name>.py`, bypassing `app.py` (no language switch, a navigation listing
the helper modules). `app.py` always calls `st.navigation`, so we say so before the server
starts. One attribute of Streamlit's PagesManager; checked by tests/browser.

Viewers never see a traceback, an exception's message or a developer's menu: the pages turn
failures into a sentence with an error id (pages/_common.py `guard`), and anything that escapes
them is shown by Streamlit as a generic message only. Set here, after whatever the command
line, a config file or the environment said, so no `.streamlit/config.toml` can turn
tracebacks back on.
"""

import sys

# Imported here, once, before any session runs: plotly imports pandas lazily on the first
# chart, and two sessions drawing their first chart at the same moment raced on that import
# ("partially initialized module 'pandas' has no attribute 'Series'", scripts/load_browsers.py
# with 30 sessions).
import pandas  # noqa: F401
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.cli import main

# "none", not false: Streamlit reads false as "stacktrace" (the traceback without the message).
SERVED_OPTIONS = {
    "client.showErrorDetails": "none",
    "client.toolbarMode": "minimal",  # no Deploy button, no developer menu
}


def served_argv(argv: list[str]) -> list[str]:
    """The command line with the served settings added to `run` (the last value of a flag
    wins, so they come last)."""
    if len(argv) < 2 or argv[1] != "run":
        return argv
    return [*argv, *(part for key, value in SERVED_OPTIONS.items() for part in (f"--{key}", value))]


if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = served_argv(sys.argv)
    sys.exit(main())
