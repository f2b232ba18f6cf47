"""Navigation in a real browser: the filters chosen on one page are there on the next, in the
address too; the copy-link button gives an address that reopens the same view in the same
browser without signing in again, and asks a browser without the sign-in to sign in; a
reload keeps the sign-in, sign-out ends it."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import VIEWER, sign_in_if_asked
from tests.browser.test_pages import no_exception
from tests.browser.world import marts

pytestmark = pytest.mark.slow

SIGNIN_FORM = re.compile("Tên đăng nhập|Account name")


@pytest.fixture
def context(browser, server):
    made = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    made.set_default_timeout(30_000)
    yield made
    made.close()


def settled(page) -> None:
    """The page has drawn its heading and Streamlit has finished the run."""
    page.locator("h1").first.wait_for()
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(300)


def opened(page, url: str) -> None:
    page.goto(url)
    sign_in_if_asked(page)
    settled(page)


def address(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def select_box(page, label: str):
    """The sidebar's select box whose label is `label` (its text field holds the choice)."""
    return sidebar(page).get_by_role("combobox", name=label, exact=True)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the sidebar's select box `label`, as a person does."""
    box = select_box(page, label)
    box.click()
    box.fill(option)  # a long list draws only the options in view: narrow it first
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(500)
    settled(page)


def go_to(page, title: str) -> None:
    """Change page through the sidebar's menu."""
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    page.wait_for_timeout(500)
    settled(page)


def chosen(page, label: str) -> str:
    """What the sidebar's select box `label` shows."""
    return select_box(page, label).input_value().strip()


def signed_in(page) -> bool:
    return page.get_by_text(f"Đăng nhập: {VIEWER[0]}").count() > 0


def signin_form_shown(page) -> bool:
    form = page.get_by_label(SIGNIN_FORM)
    try:
        form.wait_for(timeout=10_000)
    except Exception:  # Playwright's TimeoutError: no form
        return False
    return True


def first_field(world) -> str:
    """A procedure field of the world's dossiers (the field filter lists them in this order)."""
    found = marts(
        world,
        "select distinct field_name from marts.rpt_unit_field_daily "
        "where field_name is not null order by field_name limit 1",
    )
    assert found, "the world has no procedure field"
    return found[0][0]


def the_view(page) -> dict[str, str]:
    """The filters a person sees in the sidebar."""
    return {
        "quarter": chosen(page, "Quý"),
        "province": chosen(page, "Tỉnh, thành phố"),
    }


def a_chosen_view(context, server, world):
    """A page on which a viewer chose a quarter, Huế and a field, and the filters its address
    then holds."""
    page = context.new_page()
    opened(page, f"{server}/")
    sidebar(page).get_by_role("radio", name="Quý", exact=True).click()
    settled(page)
    choose(page, "Quý", "Quý 3/2025")
    choose(page, "Tỉnh, thành phố", "Thành phố Huế")
    field = first_field(world)
    choose(page, "Lĩnh vực thủ tục", field)
    wanted = {"period": "quarter", "q": "2025-Q3", "prov": "46", "field": field}
    assert wanted.items() <= address(page).items(), page.url
    return page, wanted


def test_filters_follow_the_viewer_from_page_to_page(context, server, world):
    page, wanted = a_chosen_view(context, server, world)
    field = wanted["field"]

    for title in ("Tỉnh, thành", "Thủ tục", "Phương pháp", "Tổng quan"):
        go_to(page, title)
        no_exception(page)
        assert wanted.items() <= address(page).items(), (title, page.url)
        if title != "Phương pháp":  # a page without filters keeps them in its address only
            assert chosen(page, "Quý") == "Quý 3/2025", title
            assert chosen(page, "Tỉnh, thành phố") == "Thành phố Huế", title
        if title in ("Thủ tục", "Tổng quan"):
            assert chosen(page, "Lĩnh vực thủ tục") == field, title


def menu_links(page) -> dict[str, dict[str, str]]:
    """Each menu link's title and the query of its address (what a new tab opens)."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    found = {}
    for index in range(links.count()):
        link = links.nth(index)
        query = urlsplit(link.get_attribute("href") or "").query
        found[link.inner_text().strip()] = {k: v[-1] for k, v in parse_qs(query).items()}
    return found


def test_the_menus_links_carry_the_filters_to_a_new_tab(context, server, world):
    """The trial opened a menu entry in a new tab (middle click) and lost the period, the
    province and the field: every menu link's address now holds the view's filters."""
    page, wanted = a_chosen_view(context, server, world)
    links = menu_links(page)
    assert len(links) == 9, links
    for title, query in links.items():
        assert wanted.items() <= query.items(), (title, query)

    with context.expect_page() as opening:
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Thủ tục").click(
            button="middle"
        )
    tab = opening.value
    sign_in_if_asked(tab)
    settled(tab)
    no_exception(tab)
    assert "Thủ tục" in tab.locator("h1").first.inner_text()
    assert wanted.items() <= address(tab).items(), tab.url
    assert chosen(tab, "Quý") == "Quý 3/2025"
    assert chosen(tab, "Tỉnh, thành phố") == "Thành phố Huế"
    assert chosen(tab, "Lĩnh vực thủ tục") == wanted["field"]


def test_the_language_follows_the_viewer_too(context, server):
    page = context.new_page()
    opened(page, f"{server}/?prov=46")
    sidebar(page).get_by_role("radio", name="English").click()
    settled(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Staffing").click()
    settled(page)
    assert address(page).get("lang") == "en" and address(page).get("prov") == "46"
    assert "Staffing" in page.locator("h1").first.inner_text()


def copy_link(page) -> str:
    """Press the copy-link button and read the address from the clipboard."""
    sidebar(page).get_by_role("button", name="Sao chép đường dẫn").click()
    sidebar(page).get_by_role("status").filter(has_text="Đã sao chép").wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def test_a_copied_link_reopens_the_view_in_the_same_browser_without_signing_in(
    browser, context, server
):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    opened(page, f"{server}/provinces?period=quarter&q=2025-Q3&prov=46")
    link = copy_link(page)
    assert link == page.url and "/provinces?" in link
    assert {"period": "quarter", "q": "2025-Q3", "prov": "46"}.items() <= address(page).items()

    other_tab = context.new_page()
    other_tab.goto(link)
    assert not signin_form_shown(other_tab), "the same browser was asked to sign in again"
    settled(other_tab)
    assert signed_in(other_tab)
    assert "Tỉnh, thành" in other_tab.locator("h1").first.inner_text()
    assert the_view(other_tab) == the_view(page)

    stranger = browser.new_context(locale="vi-VN")
    try:
        elsewhere = stranger.new_page()
        elsewhere.goto(link)
        assert signin_form_shown(elsewhere), "a browser without the sign-in was let in"
        assert "Tỉnh, thành" not in elsewhere.locator("body").inner_text()
    finally:
        stranger.close()


def test_without_a_clipboard_the_link_is_shown_to_copy_by_hand(context, server):
    # A page served over plain HTTP from another machine has no clipboard API.
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    opened(page, f"{server}/?period=quarter&q=2025-Q3")
    sidebar(page).get_by_role("button", name="Sao chép đường dẫn").click()
    field = sidebar(page).get_by_label("Đường dẫn của trang này")
    field.wait_for()
    assert field.is_visible()
    assert field.input_value() == page.url
    assert sidebar(page).get_by_role("status").inner_text().strip()


def test_a_reload_keeps_the_sign_in_and_sign_out_ends_it(context, server):
    page = context.new_page()
    opened(page, f"{server}/ward?prov=46")
    assert signed_in(page)
    page.reload()
    assert not signin_form_shown(page), "a reload asked to sign in again"
    settled(page)
    assert signed_in(page) and address(page).get("prov") == "46"

    sidebar(page).get_by_role("button", name="Đăng xuất").click()
    assert signin_form_shown(page)
    page.reload()
    assert signin_form_shown(page), "signed out, a reload let the browser in again"
    page.goto(f"{server}/ward?prov=46")
    assert signin_form_shown(page)


def test_the_public_edition_has_the_copy_link_button_and_keeps_its_filters(browser, world):
    from tests.browser.conftest import serving

    with serving(world, "--public") as url:
        made = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        try:
            made.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
            page = made.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{url}/?prov=46")
            settled(page)
            go_to(page, "Tỉnh, thành")
            assert address(page).get("prov") == "46", page.url
            assert copy_link(page) == page.url
            # the public menu's links carry the province too (a new tab keeps it)
            links = menu_links(page)
            assert links and all(q.get("prov") == "46" for q in links.values()), links
        finally:
            made.close()


def test_a_typed_overview_address_opens_the_home_page(context, server):
    """`/overview` is the Overview's name in every link and test: typed in the address bar it
    opens the home page with the address's filters, not Streamlit's "Page not found"."""
    page = context.new_page()
    page.goto(f"{server}/overview?lang=en&prov=46")
    sign_in_if_asked(page, VIEWER)
    page.locator("h1").first.wait_for()
    page.wait_for_timeout(1500)
    no_exception(page)
    assert "Page not found" not in page.inner_text("body")
    assert page.locator('[role="dialog"]').count() == 0
    assert urlsplit(page.url).path == "/", page.url
    assert parse_qs(urlsplit(page.url).query).get("prov") == ["46"], page.url
    assert page.locator("h1").first.inner_text().startswith("Overview")
