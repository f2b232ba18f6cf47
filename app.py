"""The dashboard router: who is looking, which pages they may see, in which language.

Run with `haicap serve` (or `streamlit run app.py` with $HAICAP_DATA_DIR set). Nobody sees a
page before signing in (local account, or OpenID Connect when configured: haicap/signin.py).
Pages draw; the numbers come from warehouse.queries, which applies the signed-in viewer's
scope on every query.
"""

import streamlit as st

from haicap.accounts import AccountStore
from haicap.i18n import t
from haicap.signin import sign_out, signed_in_account, signed_in_browser
from pages._common import export_view, province_name, run_timed, viewer_scope
from pages._kit import choose_language, page_list, reset_exports
from pages._nav import arrived, carry, copy_link_button, remember
from pages._registry import LEADERS
from warehouse import queries as q
from warehouse.paths import DataDir


def viewer_words(scope: q.Scope) -> str:
    """Who is signed in, in words: the role and the province's name (never its code), or
    the whole country; the code only while no warehouse is published to name it."""
    if scope.province_code is None:
        return t(f"viewer_{scope.role}_country")
    try:
        where = province_name(scope, scope.province_code)
    except q.NotPublished:
        where = scope.province_code
    return t(f"viewer_{scope.role}_province", province=where)


st.set_page_config(page_title="Hai Cấp", page_icon=":material/account_balance:", layout="wide")

# The filters chosen on the page before (Streamlit's menu drops them from the address).
carry()
choose_language()
pages = page_list(LEADERS)
# The page asked for is taken before the sign-in gate, so a permalink survives signing in;
# the menu stays hidden until then (a browser that holds a live sign-in sees it at once).
store = AccountStore(DataDir.resolve())
menu = "sidebar" if signed_in_browser(store) else "hidden"
current = st.navigation(pages, position=menu)
arrived(current.url_path or "overview")
account = signed_in_account(store)
scope = viewer_scope()
st.sidebar.caption(t("signed_in_as", name=account.name, viewer=viewer_words(scope)))
st.sidebar.button(t("sign_out"), on_click=sign_out, key="sign_out")
copy_link_button()
reset_exports()
run_timed(current)
export_view(current.url_path or "overview")
remember()
