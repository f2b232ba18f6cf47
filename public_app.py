"""The journalists' public edition: no sign-in, aggregates only, small numbers withheld.

Run with `haicap serve --public`. Every number comes from warehouse.public_queries, which
opens only DATA/published/public.duckdb; the leaders' warehouse is never opened here.
"""

import streamlit as st

from haicap.i18n import t
from pages._kit import choose_language, page_list, reset_exports
from pages._nav import arrived, carry, copy_link_button, remember
from pages._registry import PUBLIC
from pages.public._public import export_view

st.set_page_config(page_title="Hai Cấp — công khai", page_icon=":material/public:", layout="wide")

# The filters chosen on the page before (Streamlit's menu drops them from the address).
carry()
choose_language()
st.sidebar.caption(t("pub_edition"))
copy_link_button()

pages = page_list(PUBLIC)
current = st.navigation(pages)
arrived(current.url_path or "overview")
reset_exports()
current.run()
export_view(current.url_path or "overview")
remember()
