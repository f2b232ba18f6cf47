"""`python -m haicap.streamlit_main run app.py ...`: Streamlit's own command line, told up front
that the app routes with `st.navigation`.

Streamlit still treats a `pages/` folder beside the main script as a legacy (v1) multipage
app until the first `st.navigation` call: the first request after a start would be routed
straight to `pages/<name>.py`, bypassing `app.py` (no language switch, a navigation listing
the helper modules). `app.py` always calls `st.navigation`, so we say so before the server
starts. One attribute of Streamlit's PagesManager; checked by tests/browser.
"""

import sys

# Imported here, once, before any session runs: plotly imports pandas lazily on the first
# chart, and two sessions drawing their first chart at the same moment raced on that import
# ("partially initialized module 'pandas' has no attribute 'Series'", scripts/load_browsers.py
# with 30 sessions).
import pandas  # noqa: F401
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web.cli import main

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.exit(main())
