"""The dashboard router: who is looking, which pages they may see, in which language.

Run with `haicap serve` (or `streamlit run app.py` with $HAICAP_DATA_DIR set). Pages draw;
the numbers come from warehouse.queries, which applies the viewer's scope on every query.
"""

import streamlit as st

from haicap.i18n import set_language, t
from pages._common import export_view, reset_exports, url_choice, viewer_scope

st.set_page_config(page_title="Hai Cấp", page_icon=":material/account_balance:", layout="wide")

language = url_choice(
    st.sidebar.segmented_control,
    "Ngôn ngữ / Language",
    ["vi", "en"],
    "lang",
    {"vi": "Tiếng Việt", "en": "English"}.get,
)
set_language(language or "vi")
scope = viewer_scope()

PAGES = [
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/provinces.py", "page_provinces", "provinces", ":material/map:"),
    ("pages/ward.py", "page_ward", "ward", ":material/location_city:"),
    ("pages/procedures.py", "page_procedures", "procedures", ":material/assignment:"),
    ("pages/staffing.py", "page_staffing", "staffing", ":material/groups:"),
    ("pages/assets.py", "page_assets", "assets", ":material/apartment:"),
    ("pages/alerts.py", "page_alerts", "alerts", ":material/notifications:"),
    ("pages/data.py", "page_data", "data", ":material/database:"),
    ("pages/methodology.py", "page_methodology", "methodology", ":material/menu_book:"),
]
pages = [
    st.Page(path, title=t(title), url_path=url, icon=icon, default=url == "overview")
    for path, title, url, icon in PAGES
]
current = st.navigation(pages)
reset_exports()
current.run()
export_view(current.url_path or "overview")
