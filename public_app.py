"""The journalists' public edition: no sign-in, aggregates only, small numbers withheld.

Run with `haicap serve --public`. Every number comes from warehouse.public_queries, which
opens only DATA/published/public.duckdb; the leaders' warehouse is never opened here.
"""

import streamlit as st

from haicap.i18n import t
from pages._common import choose_language, page_list
from pages.public._public import export_view, reset_exports

st.set_page_config(page_title="Hai Cấp — công khai", page_icon=":material/public:", layout="wide")

choose_language()
st.sidebar.caption(t("pub_edition"))

PAGES = [
    ("pages/public/overview.py", "pub_page_overview", "overview", ":material/dashboard:"),
    ("pages/public/provinces.py", "pub_page_provinces", "provinces", ":material/map:"),
    ("pages/public/ward.py", "pub_page_ward", "ward", ":material/location_city:"),
    ("pages/public/download.py", "pub_page_download", "download", ":material/download:"),
    ("pages/public/methodology.py", "pub_page_methodology", "methodology", ":material/menu_book:"),
]
pages = page_list(PAGES)
current = st.navigation(pages)
reset_exports()
current.run()
export_view(current.url_path or "overview")
