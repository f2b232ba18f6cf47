"""Navigation that remembers the view: the filters (language, period, province, ward, field)
stay the same from page to page and are in the address of every page, so an address copied
from any page reopens that view; the copy-link button; links between pages that carry them.

Streamlit drops the query string when its menu changes page. So every value a filter puts in
the address is also remembered in the session (`wrote` as a filter is drawn, `remember` after
each run), and the router puts the remembered ones back before a page runs (`carry`). The
address stays the one source of a view: a value that a link brings (different from the one
this session wrote) wins over the widget's.
"""

from __future__ import annotations

import html
import json
import secrets
from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

from haicap.i18n import t

# The filters every page shares, in the order they appear in an address. Other query
# parameters (a page's own metric, the compared provinces) belong to one page and are not
# carried to the next.
FILTER_KEYS = ("lang", "period", "m", "q", "from", "to", "prov", "ward", "field")
# Session-state key of {query parameter: the value this session last put in the address, or
# None when it left the parameter out (the filter's default)}.
WRITTEN_KEY = "_haicap_written"
# Session-state key of the page the previous run drew.
PAGE_KEY = "_haicap_page"


# -- pure ----------------------------------------------------------------------------------------


def query_string(current: Mapping[str, str], **changes: str | None) -> str:
    """The shared filters of `current` with `changes` applied, as a query string ("" when
    none): filters in FILTER_KEYS order, a change to None or "" leaves its key out, other
    keys of `current` (one page's own) are not carried."""
    params = {k: current[k] for k in FILTER_KEYS if current.get(k)}
    params |= {k: v for k, v in changes.items() if v}
    for key, value in changes.items():
        if not value:
            params.pop(key, None)
    ordered = [k for k in FILTER_KEYS if k in params] + [k for k in params if k not in FILTER_KEYS]
    return urlencode([(k, params[k]) for k in ordered])


def carried(address: Mapping[str, str], remembered: Mapping[str, str | None]) -> dict[str, str]:
    """The filters to put back in an address that lacks them: each one this session
    remembers with a value (not a default) and the address does not have."""
    return {
        key: value
        for key in FILTER_KEYS
        if key not in address and (value := remembered.get(key)) is not None
    }


def href(page: str, query: str) -> str:
    """A link to one of the app's pages (its URL path; "" or "overview" is the home page),
    relative so it holds behind a reverse proxy that serves the app under a sub-path."""
    path = "" if page in ("", "overview") else page
    return f"./{path}?{query}" if query else f"./{path}"


# -- the session ---------------------------------------------------------------------------------


def _written() -> dict[str, str | None]:
    return st.session_state.setdefault(WRITTEN_KEY, {})


def written(key: str) -> str | None:
    """The value this session last put in the address for `key` (None: none, or the default)."""
    return _written().get(key)


def has_written(key: str) -> bool:
    return key in _written()


def wrote(key: str, value: str | None) -> None:
    """Remember what the address now holds for `key` (None: left out, the default)."""
    _written()[key] = value


def forget(key: str) -> None:
    """Drop a filter from the address, the session's memory and its widget (a ward that
    belonged to the province just left)."""
    st.query_params.pop(key, None)
    _written()[key] = None
    st.session_state.pop(key, None)


def arrived(page: str) -> None:
    """Note which page this run draws (the routers call it once st.navigation chose it). On
    another page than the previous run's, the filters' widgets are new widgets to Streamlit,
    which does not always give them the value held under their key: their values are dropped,
    so each filter takes its value from the address, where `carry` put the remembered ones."""
    state = st.session_state
    if state.get(PAGE_KEY) != page:
        for key in FILTER_KEYS:
            if key != "lang":  # the router's own switch, the same widget on every page
                state.pop(key, None)
    state[PAGE_KEY] = page


def carry() -> None:
    """Put back in the address the filters this session chose that it lacks (Streamlit's menu
    drops the query string when it changes page). Called by the routers before any page or
    filter runs."""
    address = st.query_params.to_dict()
    for key, value in carried(address, _written()).items():
        st.query_params[key] = value


def remember() -> None:
    """Remember the filters the address holds at the end of a run, those a page set without a
    widget of ours (the public ward search) and those a link brought to a page that does not
    draw them (a ward on the Overview) included. Called by the routers after the page ran."""
    address = st.query_params.to_dict()
    memory = _written()
    for key in FILTER_KEYS:
        memory[key] = address.get(key) or None


def current() -> dict[str, str]:
    """The shared filters in this run's address."""
    address = st.query_params.to_dict()
    return {k: address[k] for k in FILTER_KEYS if k in address}


def link(page: str, **changes: str | None) -> str:
    """A link to `page` with this view's filters and `changes` (e.g. `ward="19810"`)."""
    return href(page, query_string(current(), **changes))


def params(**changes: str | None) -> dict[str, str]:
    """This view's filters with `changes`, for `st.page_link(..., query_params=...)` and
    `st.switch_page(..., query_params=...)`."""
    merged = {**current(), **changes}
    return {k: v for k, v in merged.items() if v}


# -- the copy-link button ------------------------------------------------------------------------

_COPY_SCRIPT = """
(function () {
  var box = document.getElementById(%(id)s);
  if (!box || box.dataset.ready) { return; }
  box.dataset.ready = "1";
  var button = box.querySelector("button");
  var status = box.querySelector("[role=status]");
  var manual = box.querySelector(".haicap-copy-manual");
  var field = box.querySelector("input");
  function byHand() {
    field.value = window.location.href;
    manual.hidden = false;
    field.focus();
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    status.textContent = copied ? %(done)s : %(by_hand)s;
  }
  button.addEventListener("click", function () {
    var address = window.location.href;
    manual.hidden = true;
    status.textContent = "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(address).then(function () {
        status.textContent = %(done)s;
      }, byHand);
    } else {
      byHand();
    }
  });
})();
"""

_COPY_STYLE = """
.haicap-copy button { font: inherit; color: #0A0A0A; background: #FFFFFF; cursor: pointer;
  border: 1px solid #6B6B6B; border-radius: 0.5rem; padding: 0.3rem 0.75rem; }
.haicap-copy button:hover { border-color: #B3261E; color: #B3261E; }
.haicap-copy button:focus-visible { outline: 2px solid #B3261E; outline-offset: 2px; }
.haicap-copy [role=status] { display: block; margin-top: 0.25rem; font-size: 0.875rem; }
.haicap-copy label { display: block; font-size: 0.875rem; margin-top: 0.25rem; }
.haicap-copy input { width: 100%; font: inherit; font-size: 0.8rem; color: #0A0A0A;
  border: 1px solid #6B6B6B; border-radius: 0.25rem; padding: 0.2rem; }
"""


# Streamlit's menu links are its pages' bare addresses: opened in a new tab (middle click,
# "open in new tab"), a page lost the view's filters. This script gives each menu link this
# view's filters (FILTER_KEYS, as the address holds them) and keeps them in step: again when
# the sidebar is redrawn and just before a link is pointed at, pressed or opened from the
# context menu. A left click still goes through Streamlit, which `carry` follows. Only values
# shaped like a filter's are carried (tests/security/test_public_edition.py).
_MENU_LINKS_SCRIPT = r"""
(function () {
  if (window.haicapMenuLinks) { window.haicapMenuLinks(); return; }
  var keys = %(keys)s;
  // what a filter's value can be (a code, a date, a quarter, a field's name): anything else
  // in the address (a crafted "[x](http://…)") is not carried into the menu's links
  var shape = /^[\p{L}\p{N} ,._-]{1,120}$/u;
  function query() {
    var address = new URLSearchParams(window.location.search);
    var kept = new URLSearchParams();
    keys.forEach(function (key) {
      var value = address.get(key);
      if (value && shape.test(value)) { kept.set(key, value); }
    });
    var text = kept.toString();
    return text ? "?" + text : "";
  }
  function update() {
    var wanted = query();
    var links = document.querySelectorAll('[data-testid="stSidebarNav"] a[href]');
    links.forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.href);
      var href = url.origin + url.pathname + wanted;
      if (link.href !== href) { link.setAttribute("href", href); }
    });
  }
  window.haicapMenuLinks = update;
  update();
  new MutationObserver(update).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["href"]
  });
  ["mouseover", "focusin", "mousedown", "contextmenu"].forEach(function (kind) {
    document.addEventListener(kind, update, true);
  });
  window.addEventListener("popstate", update);
})();
"""


def menu_links_script() -> str:
    """The script that puts this view's filters in the menu's links (see _MENU_LINKS_SCRIPT)."""
    return _MENU_LINKS_SCRIPT % {"keys": json.dumps(list(FILTER_KEYS))}


def copy_link_html(box_id: str) -> str:
    """The button, its confirmation (read out by screen readers) and the field that shows the
    address to copy by hand when the browser gives no clipboard (a page served over plain
    HTTP on another machine is not a secure context), in this run's language."""
    words = {
        "id": json.dumps(box_id),
        "done": json.dumps(t("copy_link_done")),
        "by_hand": json.dumps(t("copy_link_by_hand")),
    }
    field = f"{box_id}-address"
    say = {key: html.escape(t(key)) for key in ("copy_link", "copy_link_help", "copy_link_address")}
    return (
        f"<style>{_COPY_STYLE}</style>"
        f'<div class="haicap-copy" id="{box_id}">'
        f'<button type="button" title="{say["copy_link_help"]}">{say["copy_link"]}</button>'
        '<span role="status" aria-live="polite"></span>'
        '<div class="haicap-copy-manual" hidden>'
        f'<label for="{field}">{say["copy_link_address"]}</label>'
        f'<input id="{field}" type="text" readonly value="">'
        "</div></div>"
        f"<script>{_COPY_SCRIPT % words}</script>"
    )


def copy_link_button() -> None:
    """The copy-link button in the sidebar: it copies the address the browser shows, which
    holds this view's filters; and the script that puts them in the menu's links, so a page
    opened from the menu in a new tab keeps them too. Drawn by the routers, so both are on
    every page of both editions."""
    # A fresh id per run: Streamlit may keep the previous run's element, whose script already
    # ran, or draw a new one, whose script must bind its own button.
    st.sidebar.html(
        copy_link_html(f"haicap-copy-{secrets.token_hex(4)}")
        + f"<script>{menu_links_script()}</script>",
        unsafe_allow_javascript=True,
    )
