"""The pages of each edition, in menu order: the routers (app.py, public_app.py), the tests
and the page benchmark all read them here."""

from __future__ import annotations

from typing import NamedTuple


class Page(NamedTuple):
    script: str  # relative to the project root
    title: str  # translation key
    url: str  # the URL path, also the page's name in tests and benchmarks
    icon: str


LEADERS = [
    Page("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    Page("pages/provinces.py", "page_provinces", "provinces", ":material/map:"),
    Page("pages/ward.py", "page_ward", "ward", ":material/location_city:"),
    Page("pages/procedures.py", "page_procedures", "procedures", ":material/assignment:"),
    Page("pages/staffing.py", "page_staffing", "staffing", ":material/groups:"),
    Page("pages/assets.py", "page_assets", "assets", ":material/apartment:"),
    Page("pages/alerts.py", "page_alerts", "alerts", ":material/notifications:"),
    Page("pages/data.py", "page_data", "data", ":material/database:"),
    Page("pages/methodology.py", "page_methodology", "methodology", ":material/menu_book:"),
]

PUBLIC = [
    Page("pages/public/overview.py", "pub_page_overview", "overview", ":material/dashboard:"),
    Page("pages/public/provinces.py", "pub_page_provinces", "provinces", ":material/map:"),
    Page("pages/public/ward.py", "pub_page_ward", "ward", ":material/location_city:"),
    Page("pages/public/download.py", "pub_page_download", "download", ":material/download:"),
    Page(
        "pages/public/methodology.py", "pub_page_methodology", "methodology", ":material/menu_book:"
    ),
]


def urls(pages: list[Page]) -> list[str]:
    return [page.url for page in pages]
