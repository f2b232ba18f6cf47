"""The address of a view (pages/_nav.py): what a link between pages carries, what the router
puts back after Streamlit's menu dropped it, the copy-link button's text. The same behaviour
in a browser is in tests/browser/test_navigation.py."""

from __future__ import annotations

from urllib.parse import parse_qsl

from haicap import i18n
from pages._nav import FILTER_KEYS, carried, copy_link_html, href, query_string


def test_a_link_carries_the_filters_in_a_fixed_order_and_not_a_pages_own_choices():
    current = {
        "metric": "late_rate",
        "prov": "46",
        "lang": "en",
        "period": "quarter",
        "q": "2025-Q3",
    }
    assert query_string(current) == "lang=en&period=quarter&q=2025-Q3&prov=46"


def test_a_link_changes_what_it_is_asked_to_and_keeps_the_rest():
    current = {"prov": "46", "ward": "19810", "field": "Đất đai", "m": "2025-10"}
    query = query_string(current, ward="19999")
    assert dict(parse_qsl(query)) == {
        "m": "2025-10",
        "prov": "46",
        "ward": "19999",
        "field": "Đất đai",
    }
    # a change to nothing leaves the filter out (its default)
    assert "ward" not in dict(parse_qsl(query_string(current, ward=None)))
    assert "field" not in dict(parse_qsl(query_string(current, field="")))


def test_vietnamese_and_reserved_characters_survive_the_round_trip():
    field = "Hộ tịch & chứng thực = 100%"
    query = query_string({"field": field})
    assert "&chứng" not in query and " " not in query
    assert dict(parse_qsl(query)) == {"field": field}


def test_no_filters_give_a_bare_link():
    assert query_string({}) == ""
    assert href("ward", "") == "./ward"
    assert href("overview", "") == "./"
    assert href("ward", "ward=1") == "./ward?ward=1"
    assert href("", "prov=46") == "./?prov=46"


def test_the_router_puts_back_only_remembered_values_the_address_lacks():
    remembered = {"prov": "46", "period": None, "field": "Đất đai", "metric": "x", "lang": "en"}
    address = {"prov": "11", "lang": "en"}
    # the address's own province wins; a default (None) and a page's own choice are not added
    assert carried(address, remembered) == {"field": "Đất đai"}
    assert carried({}, {}) == {}
    assert set(carried({}, dict.fromkeys(FILTER_KEYS, "x"))) == set(FILTER_KEYS)


def test_the_copy_link_button_speaks_the_viewers_language():
    for lang, words in (("vi", "Sao chép đường dẫn"), ("en", "Copy link")):
        i18n.set_language(lang)
        made = copy_link_html("haicap-copy-test")
        assert f">{words}</button>" in made
        assert 'role="status"' in made and 'aria-live="polite"' in made
        # the field to copy by hand has a label and stays hidden until it is needed
        assert '<label for="haicap-copy-test-address">' in made and " hidden>" in made
        assert "navigator.clipboard" in made and "window.location.href" in made
    i18n.set_language("vi")
