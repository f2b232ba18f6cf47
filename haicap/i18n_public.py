"""The public edition's UI strings, registered into the one translation table at import.

Kept apart from `haicap/i18n.py` (the leaders' strings) so that the two editions can grow
without editing each other's files; `t(key)` finds both. Keys start with `pub_`.
"""

from __future__ import annotations

from haicap.i18n import STRINGS

PUBLIC_STRINGS: dict[str, tuple[str, str]] = {
    "pub_title": (
        "Hai Cấp — số liệu công khai về thủ tục hành chính",
        "Hai Cấp — public figures on administrative procedures",
    ),
    "pub_edition": (
        "Bản công khai dành cho báo chí và người dân: chỉ số liệu tổng hợp, không có dữ liệu "
        "cá nhân, không có danh sách hồ sơ.",
        "Public edition for journalists and citizens: aggregates only, no personal data, no "
        "dossier lists.",
    ),
    "pub_page_overview": ("Tổng quan", "Overview"),
    "pub_page_provinces": ("Tỉnh, thành", "Provinces"),
    "pub_page_ward": ("Phường, xã", "Ward"),
    "pub_page_methodology": ("Phương pháp", "Methodology"),
    "pub_page_download": ("Tải dữ liệu", "Download"),
    "pub_withheld_note": (
        "“< 10”: số liệu bị ẩn vì có ít hơn 10 hồ sơ, hoặc bị ẩn kèm để không thể suy ra một "
        "số nhỏ từ tổng. “n < 20”: tỷ lệ không công bố vì tính trên ít hơn 20 hồ sơ. "
        "Việc ẩn số nhỏ bảo vệ người dân khỏi bị nhận diện.",
        "“< 10”: withheld because fewer than 10 dossiers, or withheld alongside so that a small "
        "number cannot be worked out from a total. “n < 20”: a rate not published because it "
        "rests on fewer than 20 dossiers. Withholding small numbers keeps citizens from being "
        "identified.",
    ),
    "pub_month": ("Tháng", "Month"),
    "pub_unit_province": ("Tỉnh, thành phố", "Province"),
    "pub_country": ("Cả nước (các tỉnh có số liệu)", "Whole country (provinces with data)"),
    "pub_headline": ("{where} — {period}", "{where} — {period}"),
    "pub_pending_overdue": ("Hồ sơ quá hạn đang giải quyết", "Pending overdue dossiers"),
    "pub_trend_title": (
        "Số liệu theo tháng — {where}",
        "Figures by month — {where}",
    ),
    "pub_ranking_title": (
        "Xếp hạng các tỉnh, thành — {period}",
        "Provinces ranked — {period}",
    ),
    "pub_map_title": ("Bản đồ ô: {metric} — {period}", "Tile map: {metric} — {period}"),
    "pub_units_title": (
        "Các phường, xã của {where} — {period}",
        "Wards and communes of {where} — {period}",
    ),
    "pub_metric": ("Chỉ số", "Measure"),
    "pub_search": ("Tìm phường, xã (tên hoặc mã)", "Find a ward or commune (name or code)"),
    "pub_search_help": ("Gõ tên, có hoặc không dấu", "Type a name, with or without diacritics"),
    "pub_pick_ward": ("Chọn phường, xã", "Choose a ward or commune"),
    "pub_no_match": ("Không tìm thấy phường, xã nào.", "No ward or commune found."),
    "pub_ward_title": ("{ward} ({province})", "{ward} ({province})"),
    "pub_unknown_ward": ("Không có phường, xã mã {code}.", "There is no ward with code {code}."),
    "pub_no_ward_data": (
        "Chưa có số liệu công khai của phường, xã này.",
        "No public figures for this ward or commune yet.",
    ),
    "pub_method_note": ("Phương pháp của biểu đồ này", "How this chart is made"),
    "pub_source": (
        "Nguồn: tệp công khai public.duckdb, bảng {table}; bản dựng {build}.",
        "Source: the public file public.duckdb, table {table}; build {build}.",
    ),
    "pub_permalink": ("Liên kết cố định tới khung nhìn này", "Permanent link to this view"),
    "pub_download_zip": (
        "Tải toàn bộ khung nhìn (ZIP các CSV)",
        "Download the whole view (ZIP of CSVs)",
    ),
    "pub_download_xlsx": ("Tải toàn bộ khung nhìn (XLSX)", "Download the whole view (XLSX)"),
    "pub_download_intro": (
        "Tải toàn bộ số liệu công khai của một tỉnh (mọi phường, xã và mọi tháng) trong một tệp. "
        "Ô bị ẩn ghi “< 10” (hoặc “n < 20” với tỷ lệ); tỷ lệ ghi dạng số thập phân (0,95 = 95 %).",
        "Download all public figures of a province (every ward and month) in one file. Withheld "
        "cells read “< 10” (or “n < 20” for a rate); rates are decimals (0.95 = 95%).",
    ),
    "pub_download_province": ("Tỉnh, thành phố cần tải", "Province to download"),
    "pub_no_data": ("Chưa có số liệu công khai.", "No public figures yet."),
    "pub_method_intro": (
        "Bản công khai chỉ đọc tệp `public.duckdb`. Tệp này chỉ chứa số liệu tổng hợp theo "
        "tháng của từng tỉnh và từng phường, xã; không có hồ sơ, không có tên, số giấy tờ hay "
        "bất kỳ thông tin nào về một người dân.",
        "The public edition reads only the file `public.duckdb`. It holds monthly aggregates per "
        "province and per ward; no dossier, no names, no identity numbers, nothing about any "
        "one citizen.",
    ),
    "pub_method_withheld": (
        "**Số nhỏ bị ẩn.** Một số đếm nhỏ hơn 10 không được công bố (hiện “< 10”). Khi trong "
        "một tỉnh và một tháng chỉ có một ô bị ẩn, ô nhỏ nhất tiếp theo cũng bị ẩn, để không "
        "thể lấy tổng tỉnh trừ đi các phường còn lại mà suy ra (ẩn bổ sung). Một tỷ lệ tính "
        "trên ít hơn 20 hồ sơ không được công bố (hiện “n < 20”). Tổng cả nước bị ẩn khi số "
        "của một tỉnh bị ẩn.",
        "**Small numbers are withheld.** A count below 10 is not published (shown “< 10”). "
        "When a province has a single withheld cell in a month, the next smallest is withheld "
        "too, so that the province total minus the other wards cannot reveal it (complementary "
        "suppression). A rate on fewer than 20 dossiers is not published (shown “n < 20”). The "
        "country total is withheld when one province's figure is.",
    ),
    "pub_method_definitions": ("Định nghĩa các chỉ số", "Definitions"),
    "pub_method_permalinks": (
        "Mọi bộ lọc nằm trong địa chỉ trang: sao chép địa chỉ để chia sẻ đúng khung nhìn.",
        "Every filter is in the page address: copy it to share the exact view.",
    ),
    "pub_built": ("Bản dựng {build}, lúc {at}", "Build {build}, made {at}"),
    "pub_no_file": (
        "Chưa có tệp số liệu công khai ({path}). Hãy chạy `haicap build`.",
        "No public data file yet ({path}). Run `haicap build`.",
    ),
}

for _key, _pair in PUBLIC_STRINGS.items():
    STRINGS.setdefault(_key, _pair)
