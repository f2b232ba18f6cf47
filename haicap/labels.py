"""The one dictionary of what the warehouse's columns and coded values read as, in Vietnamese
and English: every table, chart and export of both editions goes through it (pages/_kit.py,
pages/_common.py, pages/public/_public.py), so no page lists headers of its own and no
`asset_code`, `bo_trong` or `high` reaches a reader.

A column's header is registered as the translation key `col_<column>`; a coded value as
`<prefix><code>` (`use_bo_trong`, `severity_high`), so `t()` finds them as any other string
(haicap/i18n.py registers them at import). A column without an entry of its own here is
headed by the metric of the same name (`received`, `on_time_rate`) when there is one.
"""

from __future__ import annotations

from typing import Any

# column name: (Vietnamese, English)
COLUMNS: dict[str, tuple[str, str]] = {
    # units and days
    "ward_code": ("Mã", "Code"),
    "ward_name": ("Phường, xã", "Ward"),
    "ward_type": ("Loại", "Type"),
    "province_code": ("Mã tỉnh", "Province code"),
    "province_name": ("Tỉnh, thành phố", "Province"),
    "unit_code": ("Mã đơn vị", "Unit code"),
    "unit_name": ("Đơn vị", "Unit"),
    "is_province_level": ("Cấp tỉnh", "Province level"),
    "month": ("Tháng", "Month"),
    "period_start": ("Từ ngày", "From"),
    "as_of_day": ("Số liệu đến ngày", "Data up to"),
    "rank_in_province": ("Hạng trong tỉnh", "Rank in the province"),
    "ranked_in_province": ("Số phường, xã được xếp hạng", "Wards ranked"),
    # flows
    "finished": ("Hồ sơ đã giải quyết", "Dossiers finished"),
    "finished_early": ("Giải quyết trước hạn", "Finished early"),
    "finished_on_time": ("Giải quyết đúng hạn", "Finished on time"),
    "finished_late": ("Giải quyết trễ hạn", "Finished late"),
    "closed": ("Rút hoặc dừng", "Withdrawn or stopped"),
    "pending_overdue_end": ("Hồ sơ quá hạn tồn đọng", "Overdue backlog"),
    # procedures
    "field_name": ("Lĩnh vực thủ tục", "Procedure field"),
    "procedure_code": ("Mã thủ tục", "Procedure code"),
    "procedure_name": ("Thủ tục", "Procedure"),
    "is_non_territorial": ("Thủ tục phi địa giới", "Non-territorial procedure"),
    "non_territorial_received": ("Tiếp nhận phi địa giới", "Received across boundaries"),
    # the backlog and the overdue list
    "cohort": ("Nhóm hồ sơ", "Cohort"),
    "pending": ("Đang giải quyết", "Pending"),
    "age_0_5_days": ("Mở 0–5 ngày", "Open 0–5 days"),
    "age_6_15_days": ("Mở 6–15 ngày", "Open 6–15 days"),
    "age_16_30_days": ("Mở 16–30 ngày", "Open 16–30 days"),
    "age_31_60_days": ("Mở 31–60 ngày", "Open 31–60 days"),
    "age_over_60_days": ("Mở trên 60 ngày", "Open over 60 days"),
    "not_yet_due": ("Chưa đến hạn", "Not yet due"),
    "past_due_1_7_days": ("Quá hạn 1–7 ngày", "1–7 days past due"),
    "past_due_8_30_days": ("Quá hạn 8–30 ngày", "8–30 days past due"),
    "past_due_over_30_days": ("Quá hạn trên 30 ngày", "Over 30 days past due"),
    "inherited": ("Tiếp nhận từ cấp huyện cũ", "Inherited"),
    "remaining": ("Còn lại", "Remaining"),
    "land": ("Lĩnh vực đất đai", "Land"),
    "cleared_day": ("Ngày giải quyết hết", "Cleared on"),
    "dossier_code": ("Mã hồ sơ", "Dossier code"),
    "received_day": ("Ngày tiếp nhận", "Received"),
    "due_day": ("Hạn trả", "Due"),
    "days_overdue": ("Số ngày quá hạn", "Days overdue"),
    # staffing
    "report_date": ("Ngày báo cáo", "Report date"),
    "in_post_minus_quota": ("Hiện có trừ biên chế", "In post less quota"),
    "quota_status": ("So với biên chế", "Against the quota"),
    "has_nobody_it": ("Không có CNTT", "Nobody for IT"),
    "has_nobody_land": ("Không có địa chính", "Nobody for land"),
    "has_nobody_construction": ("Không có xây dựng", "Nobody for construction"),
    "land_gap": ("Vị trí địa chính còn thiếu", "Unfilled land posts"),
    "construction_gap": ("Vị trí xây dựng còn thiếu", "Unfilled construction posts"),
    "land_construction_gap": (
        "Vị trí địa chính + xây dựng còn thiếu",
        "Unfilled land + construction posts",
    ),
    "late_share": ("Tỷ lệ trễ hạn", "Late share"),
    # premises
    "premises": ("Số trụ sở", "Premises"),
    "floor_area_m2": ("Diện tích sàn (m²)", "Floor area (m²)"),
    "vacant_floor_area_m2": ("Diện tích sàn bỏ trống (m²)", "Vacant floor area (m²)"),
    "long_vacant": ("Bỏ trống lâu", "Long vacant"),
    "far_offices": ("Trụ sở xa", "Far offices"),
    "office_m2_per_person": ("m² làm việc mỗi người", "Office m² per person"),
    "is_short_of_space": ("Thiếu chỗ làm việc", "Short of space"),
    "asset_code": ("Mã tài sản", "Asset code"),
    "asset_ward_code": ("Mã phường, xã có trụ sở", "Code of the premises' ward"),
    "asset_ward_name": ("Phường, xã có trụ sở", "Ward of the premises"),
    "former_unit": ("Đơn vị cũ", "Former unit"),
    "asset_type": ("Loại tài sản", "Asset type"),
    "condition": ("Chất lượng", "Condition"),
    "use_status": ("Tình trạng sử dụng", "Use"),
    "days_vacant": ("Số ngày bỏ trống", "Days vacant"),
    "vacant_since_date": ("Bỏ trống từ", "Vacant since"),
    "distance_km": ("Khoảng cách (km)", "Distance (km)"),
    "distance_to_own_office_km": ("Cách trụ sở chính (km)", "Distance to own office (km)"),
    "planned_reuse": ("Phương án sử dụng", "Planned reuse"),
    # alerts
    "alert_id": ("Mã cảnh báo", "Alert id"),
    "alert_kind": ("Loại cảnh báo", "Kind of alert"),
    "since_day": ("Từ ngày", "Since"),
    "measured_value": ("Giá trị đo được", "Measured value"),
    "threshold": ("Ngưỡng", "Threshold"),
    "reason_en": ("Lý do", "Reason"),
    # the loads, quarantine and freshness (the Data page)
    "file_name": ("Tệp", "File"),
    "feed": ("Loại dữ liệu", "Feed"),
    "file_format": ("Định dạng", "Format"),
    "load_started_at": ("Bắt đầu nạp", "Load started"),
    "load_finished_at": ("Nạp xong", "Load finished"),
    "rows_read": ("Số dòng đọc", "Rows read"),
    "rows_accepted": ("Số dòng nhận", "Rows accepted"),
    "rows_quarantined": ("Số dòng bị cách ly", "Rows quarantined"),
    "rows_waiting": ("Số dòng chờ hồ sơ", "Rows waiting for their dossier"),
    "rule": ("Lỗi", "Fault"),
    "field": ("Trường dữ liệu", "Data field"),
    "files": ("Số tệp", "Files"),
    "example_message": ("Ví dụ", "Example"),
    "last_received_day": ("Ngày tiếp nhận gần nhất", "Last dossier received"),
    "last_activity_day": ("Ngày có hoạt động gần nhất", "Last activity"),
    "wards_with_dossiers": ("Số phường, xã có hồ sơ", "Wards with dossiers"),
    "dossiers": ("Số hồ sơ", "Dossiers"),
    "days_since_received": ("Số ngày không có hồ sơ mới", "Days since the last dossier"),
}

# column: (translation key prefix, {code: (Vietnamese, English)}). Columns that hold the same
# codes under another name are in SAME_CODES.
CODES: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "use_status": (
        "use_",
        {
            "dang_su_dung": ("Đang sử dụng", "In use"),
            "su_dung_mot_phan": ("Sử dụng một phần", "Partly used"),
            "bo_trong": ("Bỏ trống", "Vacant"),
            "da_chuyen_doi": ("Đã chuyển đổi", "Converted"),
            "cho_xu_ly": ("Chờ xử lý", "Awaiting decision"),
        },
    ),
    "condition": (
        "condition_",
        {
            "tot": ("Tốt", "Good"),
            "xuong_cap": ("Xuống cấp", "Degraded"),
            "hu_hong": ("Hư hỏng", "Damaged"),
        },
    ),
    "asset_type": (
        "asset_type_",
        {
            "tru_so": ("Trụ sở làm việc", "Office building"),
            "nha_van_hoa": ("Nhà văn hóa", "Community hall"),
            "co_so_y_te": ("Cơ sở y tế", "Health facility"),
            "co_so_giao_duc": ("Cơ sở giáo dục", "School building"),
            "khac": ("Khác", "Other"),
        },
    ),
    "planned_reuse": (
        "reuse_",
        {
            "tru_so": ("Làm trụ sở", "Offices"),
            "giao_duc": ("Giáo dục", "Education"),
            "y_te": ("Y tế", "Health"),
            "van_hoa_the_thao": ("Văn hóa, thể thao", "Culture and sport"),
            "quy_dat": ("Đưa vào quỹ đất", "Land bank"),
            "ban_dau_gia": ("Bán đấu giá", "Sale by auction"),
            "khac": ("Khác", "Other"),
        },
    ),
    "cohort": (
        "cohort_",
        {
            "inherited": ("Tồn từ cấp huyện cũ", "Inherited"),
            "since_reform": ("Tiếp nhận từ 01/07/2025", "Received since 1 Jul 2025"),
        },
    ),
    "speciality": (
        "spec_",
        {
            "cntt": ("Công nghệ thông tin", "IT"),
            "dia_chinh": ("Địa chính", "Land"),
            "xay_dung": ("Xây dựng", "Construction"),
            "giao_thong": ("Giao thông", "Transport"),
            "nong_nghiep": ("Nông nghiệp", "Agriculture"),
            "tai_chinh": ("Tài chính", "Finance"),
            "tu_phap": ("Tư pháp", "Justice"),
            "van_hoa_xa_hoi": ("Văn hóa – xã hội", "Culture and social affairs"),
            "tong_hop": ("Tổng hợp", "General"),
        },
    ),
    "quota_status": (
        "quota_status_",
        {
            "over_quota": ("Thừa biên chế", "Over the quota"),
            "under_quota": ("Thiếu biên chế", "Under the quota"),
            "at_quota": ("Đủ biên chế", "At the quota"),
        },
    ),
    "severity": (
        "severity_",
        {
            "high": ("Cao", "High"),
            "medium": ("Trung bình", "Medium"),
            "low": ("Thấp", "Low"),
        },
    ),
    "alert_kind": (
        "alert_kind_",
        {
            "on_time_drop": ("Tỷ lệ đúng hạn giảm", "On-time rate fell"),
            "overdue_growth": ("Hồ sơ quá hạn tăng liên tục", "Overdue backlog keeps growing"),
            "silence": ("Ngừng tiếp nhận hồ sơ", "No dossiers arriving"),
            "land_late_no_staff": (
                "Đất đai trễ hạn, không có cán bộ địa chính",
                "Land dossiers late, nobody in post for land",
            ),
        },
    ),
    "state": (
        "state_",
        {
            "overdue": ("Quá hạn", "Overdue"),
            "near_due": ("Sắp đến hạn", "Near due"),
        },
    ),
    "ward_type": (
        "ward_type_",
        {
            "phường": ("Phường", "Ward"),
            "xã": ("Xã", "Commune"),
            "đặc khu": ("Đặc khu", "Special zone"),
        },
    ),
    "feed": (
        "feed_",
        {
            "dossiers": ("Hồ sơ", "Dossiers"),
            "supplements": ("Yêu cầu bổ sung", "Supplement requests"),
            "procedures": ("Danh mục thủ tục", "Procedures"),
            "agencies": ("Cơ quan xử lý", "Agencies"),
            "staffing": ("Nhân sự", "Staffing"),
            "assets": ("Tài sản, trụ sở", "Assets"),
            "ratings": ("Đánh giá hài lòng", "Satisfaction ratings"),
        },
    ),
    # the loader's rules (ingest/fields.py, ingest/feeds/, ingest/reader.py): what a
    # quarantined row broke, in words; the example message stays as the loader wrote it
    "rule": (
        "rule_",
        {
            "missing_required": ("Thiếu trường bắt buộc", "A required field is empty"),
            "bad_date": ("Ngày không hợp lệ", "Not a date"),
            "not_a_number": ("Không phải là số", "Not a number"),
            "negative": ("Số âm", "Negative number"),
            "bad_value": ("Giá trị không có trong danh mục", "Value not in the list"),
            "bad_status": ("Mã trạng thái không hợp lệ", "Not a status code"),
            "unknown_ward": (
                "Mã phường, xã không có trong danh mục 2025",
                "Ward code not in the 2025 list",
            ),
            "unknown_province": ("Mã tỉnh không hợp lệ", "Not one of the 34 province codes"),
            "ward_not_in_province": (
                "Phường, xã không thuộc tỉnh đã ghi",
                "Ward not in the province given",
            ),
            "unknown_agency": ("Cơ quan xử lý chưa được nạp", "Agency not in the agencies feed"),
            "unknown_procedure": (
                "Thủ tục không có trong danh mục",
                "Procedure not in the procedures feed",
            ),
            "due_before_received": ("Hạn trả trước ngày tiếp nhận", "Due before received"),
            "end_before_received": (
                "Ngày kết thúc trước ngày tiếp nhận",
                "Ended before it was received",
            ),
            "finished_without_end": (
                "Đã giải quyết nhưng không có ngày kết thúc",
                "Finished with no end date",
            ),
            "closed_without_date": (
                "Rút, dừng hoặc từ chối nhưng không có ngày",
                "Withdrawn, stopped or refused with no date",
            ),
            "bad_nested_list": (
                "Danh sách yêu cầu bổ sung không đọc được",
                "Unreadable list of supplement requests",
            ),
            "supplied_before_requested": (
                "Ngày nhận bổ sung trước ngày yêu cầu",
                "Supplement received before it was requested",
            ),
            "trained_above_in_post": (
                "Số người đúng chuyên môn lớn hơn số người hiện có",
                "More people trained than in post",
            ),
            "malformed_line": ("Dòng không đọc được", "Unreadable line"),
            "malformed_json": ("Bản ghi JSON không đọc được", "Unreadable JSON record"),
        },
    ),
}

# The sheet (and file) names of the tables a view downloads, by the table's key on its page
# (a table not listed is named by its title).
SHEETS: dict[str, tuple[str, str]] = {
    "trend": ("Diễn biến", "Trend"),
    "best_wards": ("Phường, xã tốt nhất", "Best wards"),
    "worst_wards": ("Phường, xã cần chú ý", "Wards needing attention"),
    "alerts": ("Cảnh báo", "Alerts"),
    "ward_trend": ("Diễn biến", "Trend"),
    "overdue_dossiers": ("Hồ sơ quá hạn", "Overdue dossiers"),
    "ward_fields": ("Theo lĩnh vực", "By field"),
    "ward_processing": ("Thời gian giải quyết", "Processing time"),
    "ward_ageing": ("Tuổi hồ sơ tồn đọng", "Backlog ageing"),
    "ward_inherited": ("Tồn từ cấp huyện cũ", "Inherited backlog"),
    "ward_staffing": ("Nhân sự", "Staffing"),
    "ward_premises": ("Trụ sở", "Premises"),
    "ward_reuse": ("Trụ sở có thể tận dụng", "Reuse candidates"),
    "ward_alerts": ("Cảnh báo", "Alerts"),
    "specialities": ("Theo chuyên môn", "By speciality"),
    "staffing_wards": ("Nhân sự theo phường, xã", "Staffing by ward"),
    "nobody": ("Vị trí không có người", "Posts nobody holds"),
    "surplus": ("Thừa biên chế", "Over the quota"),
    "late_vs_gap": ("Trễ hạn và thiếu người", "Late share and gaps"),
    "fields": ("Theo lĩnh vực", "By field"),
    "slowest": ("Thủ tục chậm nhất", "Slowest procedures"),
    "procedures": ("Từng thủ tục", "Per procedure"),
    "province_figures": ("Các chỉ số của tỉnh", "Province figures"),
    "province_ranking": ("Xếp hạng tỉnh, thành", "Province ranking"),
    "province_compare": ("So sánh hai tỉnh, thành", "Two provinces"),
    "premises_by_use": ("Trụ sở theo tình trạng", "Premises by use"),
    "vacant_premises": ("Trụ sở bỏ trống, xuống cấp", "Vacant or degraded"),
    "reuse_candidates": ("Trụ sở có thể tận dụng", "Reuse candidates"),
    "far_offices": ("Trụ sở xa", "Far offices"),
    "loads": ("Tệp đã nạp", "Files loaded"),
    "quarantine": ("Dòng bị cách ly", "Quarantined rows"),
    "freshness_provinces": ("Cập nhật theo tỉnh", "Freshness by province"),
    "freshness_wards": ("Cập nhật theo phường, xã", "Freshness by ward"),
    "province_by_month": ("Tỉnh theo tháng", "Province by month"),
    "wards_by_month": ("Phường, xã theo tháng", "Wards by month"),
    "received_by_month": ("Tiếp nhận theo tháng", "Received by month"),
    "rates_by_month": ("Tỷ lệ theo tháng", "Rates by month"),
    "all_by_month": ("Mọi chỉ số theo tháng", "All figures by month"),
    "province_map": ("Bản đồ tỉnh, thành", "Province map"),
    "ward_table": ("Phường, xã của tỉnh", "Wards of the province"),
    "ward_received": ("Tiếp nhận theo tháng", "Received by month"),
    "ward_by_month": ("Phường, xã theo tháng", "Ward by month"),
}

# A column that holds no code but a yes or no.
YES_NO = {True: ("Có", "Yes"), False: ("Không", "No")}
# Rates in the files a person downloads: percentages with one decimal, the header says so.
PERCENT_HEADER = " (%)"


def strings() -> dict[str, tuple[str, str]]:
    """Every header and coded value as translation keys (`col_ward_code`, `use_bo_trong`)."""
    found = {f"col_{column}": pair for column, pair in COLUMNS.items()}
    for prefix, codes in CODES.values():
        found |= {prefix + code: pair for code, pair in codes.items()}
    found |= {f"sheet_{key}": pair for key, pair in SHEETS.items()}
    found["yes"] = YES_NO[True]
    found["no"] = YES_NO[False]
    return found


def _t(key: str) -> str:
    from haicap.i18n import t  # at call time: haicap.i18n imports this module's strings

    return t(key)


def known_header(column: str) -> bool:
    from haicap.i18n import STRINGS

    return f"col_{column}" in STRINGS or column in STRINGS


def header(column: str) -> str:
    """A column's header in the current language; the column's own name when the dictionary
    has none (the plain-language test fails on it)."""
    from haicap.i18n import STRINGS

    if f"col_{column}" in STRINGS:
        return _t(f"col_{column}")
    return _t(column) if column in STRINGS else column


def is_rate(column: str) -> bool:
    """A share between 0 and 1 (shown as a percentage)."""
    return "share" in column or "rate" in column


# A province's own dossiers are a unit of their own, coded `tinh_<province code>`.
PROVINCE_LEVEL_PREFIX = "tinh_"
UNIT_CODE_COLUMNS = ("unit_code",)


def is_coded(column: str) -> bool:
    return column in CODES or column in UNIT_CODE_COLUMNS


def value_label(column: str, value: Any) -> Any:
    """A coded value in words (a value the dictionary does not know stays as it is)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _t("yes" if value else "no")
    if column in UNIT_CODE_COLUMNS and str(value).startswith(PROVINCE_LEVEL_PREFIX):
        return _t("province_level")
    entry = CODES.get(column)
    if entry is None or value not in entry[1]:
        return value
    return _t(entry[0] + value)


def coded() -> list[tuple[str, str]]:
    """Every (column, code) pair the dictionary knows."""
    return [(column, code) for column, (_, codes) in CODES.items() for code in codes]


def internal_codes() -> set[str]:
    """Codes that must never reach a reader as they are (a code that is also a plain word of
    the reader's language, like the place type `xã`, is not one)."""
    words = {word for _, codes in CODES.values() for pair in codes.values() for word in pair}
    return {code for _, code in coded()} - words
