"""One translation function for every UI string, and Vietnamese-style numbers and dates.

Vietnamese is the default language; English is the second. `t(key)` looks the key up in the
table of the current language (set once per script run with `set_language`), falling back to
Vietnamese and then to the key itself, so a missing string shows up as its key, never as a
crash. Numbers and dates follow the language: `1.234,5` and `25/08/2025` in Vietnamese,
`1,234.5` and `25 Aug 2025` in English.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import math

LANGUAGES = ("vi", "en")
_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("haicap_lang", default="vi")

# key: (Vietnamese, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": (
        "Hai Cấp — chính quyền địa phương hai cấp",
        "Hai Cấp — two-tier local government",
    ),
    "language": ("Ngôn ngữ", "Language"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_provinces": ("Tỉnh, thành", "Provinces"),
    "page_ward": ("Phường, xã", "Ward"),
    "page_procedures": ("Thủ tục", "Procedures"),
    "page_staffing": ("Nhân sự", "Staffing"),
    "page_assets": ("Tài sản", "Assets"),
    "page_alerts": ("Cảnh báo", "Alerts"),
    "page_data": ("Dữ liệu", "Data"),
    "page_methodology": ("Phương pháp", "Methodology"),
    # signing in
    "signin_intro": (
        "Đăng nhập bằng tài khoản được cấp để xem số liệu của tỉnh, thành phố bạn phụ trách.",
        "Sign in with the account you were given to see the figures of your province.",
    ),
    "signin_name": ("Tên đăng nhập", "Account name"),
    "signin_password": ("Mật khẩu", "Password"),
    "signin_button": ("Đăng nhập", "Sign in"),
    "signin_oidc": ("Đăng nhập bằng tài khoản tổ chức", "Sign in with your organisation"),
    "signin_required": (
        "Vui lòng đăng nhập để xem trang này.",
        "Please sign in to see this page.",
    ),
    "signin_expired": (
        "Phiên làm việc đã hết hạn do không hoạt động; vui lòng đăng nhập lại.",
        "Your session ended after a period of inactivity; please sign in again.",
    ),
    "signin_wrong_role": (
        "Tài khoản này không dùng để xem bảng điều khiển (quản trị viên quản lý tài khoản từ "
        "dòng lệnh; báo chí dùng phiên bản công khai).",
        "This account does not open the dashboard (administrators manage accounts from the "
        "command line; journalists use the public edition).",
    ),
    "signin_binding": (
        "Đang đăng nhập… (trang sẽ tự tải lại; nếu không, hãy tải lại trang)",
        "Signing in… (the page reloads by itself; if it does not, reload it)",
    ),
    "signed_in_as": ("Đăng nhập: {name} — {role}, {scope}", "Signed in: {name} — {role}, {scope}"),
    "sign_out": ("Đăng xuất", "Sign out"),
    # the copy-link button (pages/_nav.py)
    "copy_link": ("Sao chép đường dẫn", "Copy link"),
    "copy_link_help": (
        "Sao chép địa chỉ của trang này, với các bộ lọc đang chọn, để gửi cho người khác",
        "Copy this page's address, with the filters chosen, to send to someone",
    ),
    "copy_link_done": (
        "Đã sao chép đường dẫn của trang này.",
        "The link to this page is copied.",
    ),
    "copy_link_by_hand": (
        "Trình duyệt không cho sao chép tự động: chọn đường dẫn dưới đây và sao chép (Ctrl+C).",
        "The browser does not allow copying here: select the link below and copy it (Ctrl+C).",
    ),
    "copy_link_address": ("Đường dẫn của trang này", "Link to this page"),
    "role_leader": ("lãnh đạo", "leader"),
    "role_council": ("đại biểu HĐND", "council member"),
    # filters
    "filters": ("Bộ lọc", "Filters"),
    "period_kind": ("Kỳ", "Period"),
    "kind_month": ("Tháng", "Month"),
    "kind_quarter": ("Quý", "Quarter"),
    "kind_range": ("Khoảng ngày", "Custom range"),
    "month": ("Tháng", "Month"),
    "quarter": ("Quý", "Quarter"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "province": ("Tỉnh, thành phố", "Province"),
    "all_country": ("Cả nước", "Whole country"),
    "ward": ("Phường, xã", "Ward"),
    "all_wards": ("Tất cả phường, xã", "All wards"),
    "field": ("Lĩnh vực thủ tục", "Procedure field"),
    "all_fields": ("Tất cả lĩnh vực", "All fields"),
    "field_note": (
        "Lĩnh vực “{field}”: số hồ sơ tiếp nhận, tỷ lệ trực tuyến, tỷ lệ đúng hạn, hồ sơ quá hạn "
        "tồn đọng, diễn biến và xếp hạng chỉ tính lĩnh vực này.",
        "Field “{field}”: dossiers received, online share, on-time rate, overdue backlog, the "
        "trend and the rankings count this field only.",
    ),
    "where_field": ("{where}, lĩnh vực {field}", "{where}, field {field}"),
    "not_by_field": (
        "{what}: không lọc theo lĩnh vực (tính trên mọi lĩnh vực).",
        "{what}: not filtered by field (all fields).",
    ),
    "nf_backlog": (
        "Tuổi hồ sơ tồn đọng và hồ sơ tồn từ cấp huyện cũ",
        "Backlog ageing and the inherited backlog",
    ),
    "nf_service_groups": (
        "Chỉ số phục vụ và các nhóm điểm",
        "The service index and its point groups",
    ),
    "nf_staffing_premises": ("Nhân sự, trụ sở", "Staffing and premises"),
    "quarter_label": ("Quý {q}/{y}", "Q{q} {y}"),
    "month_label": ("Tháng {m}/{y}", "{mon} {y}"),
    "range_label": ("{start} – {end}", "{start} – {end}"),
    "scope_country": ("Cả nước", "Whole country"),
    "permalink": ("Liên kết tới đúng khung nhìn này", "Link to this exact view"),
    # metrics
    "received": ("Hồ sơ tiếp nhận", "Dossiers received"),
    "received_online": ("Tiếp nhận trực tuyến", "Received online"),
    "online_share": ("Tỷ lệ trực tuyến", "Online share"),
    "on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "late_rate": ("Tỷ lệ trễ hạn", "Late share"),
    "finished": ("Hồ sơ đã giải quyết", "Dossiers finished"),
    "finished_late": ("Giải quyết trễ hạn", "Finished late"),
    "pending_end": ("Hồ sơ đang giải quyết", "Pending dossiers"),
    "overdue_backlog": ("Hồ sơ quá hạn tồn đọng", "Overdue backlog"),
    "service_index": ("Chỉ số phục vụ", "Service index"),
    "service_index_country": (
        "Cả nước: trung bình cộng chỉ số của {n} tỉnh, thành, không trọng số.",
        "Whole country: mean of the {n} provinces' indexes, unweighted.",
    ),
    "service_index_country_some": (
        "Cả nước: trung bình cộng chỉ số của {n} tỉnh, thành có chỉ số trong tháng (trên 34), "
        "không trọng số.",
        "Whole country: mean of the indexes of the {n} provinces (of 34) that have one this "
        "month, unweighted.",
    ),
    "service_index_country_one": (
        "Cả nước: chỉ số của tỉnh, thành duy nhất có chỉ số trong tháng (1 trên 34).",
        "Whole country: the index of the only province (1 of 34) that has one this month.",
    ),
    "points_progress": ("Điểm tiến độ", "Progress points"),
    "points_online_service": ("Điểm dịch vụ trực tuyến", "Online service points"),
    "points_online_payment": ("Điểm thanh toán trực tuyến", "Online payment points"),
    "points_satisfaction": ("Điểm hài lòng", "Satisfaction points"),
    "points_digitisation": ("Điểm số hóa", "Digitisation points"),
    "vs_previous": ("so với kỳ trước", "vs previous period"),
    "no_previous": ("không có kỳ trước để so sánh", "no previous period to compare"),
    "pt": ("điểm %", "pt"),
    "as_of": ("Số liệu đến ngày {day}", "Data up to {day}"),
    # overview
    "trend_title": (
        "Diễn biến {grain}: tiếp nhận, giải quyết và quá hạn — {where}, {period}",
        "Trend {grain}: received, finished and overdue — {where}, {period}",
    ),
    "by_day": ("theo ngày", "by day"),
    "by_week": ("theo tuần", "by week"),
    "best_wards": (
        "Phường, xã tốt nhất (tỷ lệ đúng hạn) — {where}, {period}",
        "Best wards (on-time rate) — {where}, {period}",
    ),
    "worst_wards": (
        "Phường, xã cần chú ý (tỷ lệ đúng hạn) — {where}, {period}",
        "Wards needing attention (on-time rate) — {where}, {period}",
    ),
    "min_finished_note": (
        "Chỉ xếp hạng phường, xã có ít nhất {n} hồ sơ đã giải quyết trong kỳ.",
        "Only wards with at least {n} finished dossiers in the period are ranked.",
    ),
    "open_alerts": ("Cảnh báo đang mở — {where}", "Open alerts — {where}"),
    "no_alerts": ("Không có cảnh báo nào đang mở.", "No open alerts."),
    # generic
    "chart": ("Biểu đồ", "Chart"),
    "table": ("Bảng số liệu", "Table"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel (XLSX) của trang này", "Download this view as XLSX"),
    "brief": (
        "Bản tóm tắt một trang (in cho kỳ họp)",
        "One-page brief (print for a council session)",
    ),
    "download_brief": ("Tải bản tóm tắt để in", "Download the printable brief"),
    "rows_shown": (
        "Hiển thị {shown} dòng đầu trong {rows}; tệp CSV và Excel có đủ.",
        "Showing the first {shown} of {rows} rows; the CSV and Excel files have them all.",
    ),
    "source": ("Nguồn: {source}", "Source: {source}"),
    "no_data_period": (
        "Không có số liệu cho {where} trong {period}.",
        "No data for {where} in {period}.",
    ),
    "before_reform": (
        "Kỳ đã chọn bắt đầu trước ngày 01/07/2025 — trước khi chính quyền hai cấp vận hành; "
        "số liệu chỉ tính từ ngày có hồ sơ.",
        "The period starts before 1 July 2025, when the two-tier government began; figures "
        "count only from the first dossier.",
    ),
    "before_reform_label": ("{label} (trước cải cách)", "{label} (before the reform)"),
    "compared_with": (
        "Mức thay đổi so với {start}–{end}: cùng số ngày của kỳ trước.",
        "Changes are against {start}–{end}: as many days of the previous period.",
    ),
    "no_comparison_reform": (
        "Không so sánh với {start}–{end}: kỳ đó trước ngày 01/07/2025, khi chính quyền hai cấp "
        "chưa vận hành.",
        "No comparison with {start}–{end}: that period is before 1 July 2025, when the two-tier "
        "government began.",
    ),
    "no_comparison": (
        "Không so sánh với {start}–{end}: kỳ đó không có số liệu cho mọi ngày.",
        "No comparison with {start}–{end}: that period lacks data on some of its days.",
    ),
    "partial_period": (
        "Kỳ chưa kết thúc: số liệu đến ngày {day}.",
        "The period is not over: figures up to {day}.",
    ),
    "no_published": (
        "Chưa có kho dữ liệu được công bố. Hãy chạy `haicap build`.",
        "No published warehouse yet. Run `haicap build`.",
    ),
    "schema_mismatch": (
        "Bản dữ liệu đã công bố không khớp với phiên bản bảng điều khiển này (mã lỗi {id}). "
        "Hãy chạy lại `haicap build`.",
        "The published build does not match this version of the dashboard (error {id}). "
        "Run `haicap build` again.",
    ),
    "page_failed": (
        "Không hiển thị được trang này do một lỗi của hệ thống (mã lỗi {id}). Vui lòng thử lại "
        "sau hoặc báo mã lỗi này cho bộ phận quản trị.",
        "This page could not be shown because of a fault in the system (error {id}). Please "
        "try again later, or give this error number to the administrators.",
    ),
    "not_allowed": (
        "Nằm ngoài phạm vi được xem của bạn: không có số liệu nào được hiển thị.",
        "Outside your scope: nothing of it is shown.",
    ),
    "code": ("Mã", "Code"),
    "name": ("Tên", "Name"),
    "value": ("Giá trị", "Value"),
    "rank": ("Hạng", "Rank"),
    "day": ("Ngày", "Day"),
    "week": ("Tuần", "Week"),
    # provinces page
    "metric": ("Chỉ số", "Metric"),
    "ranking_title": (
        "Xếp hạng 34 tỉnh, thành theo {metric} — {period}",
        "Ranking of the 34 provinces by {metric} — {period}",
    ),
    "tilemap_title": (
        "Bản đồ ô: {metric} theo tỉnh, thành — {period}",
        "Tile map: {metric} by province — {period}",
    ),
    "tilemap_note": (
        "Mỗi ô là một tỉnh, đặt gần đúng vị trí địa lý; ô xám: chưa có số liệu. Quần đảo Hoàng Sa "
        "(Đà Nẵng) và Trường Sa (Khánh Hòa) là lãnh thổ Việt Nam.",
        "Each tile is a province placed roughly where it lies; grey: no data. The Hoàng Sa "
        "(Đà Nẵng) and Trường Sa (Khánh Hòa) archipelagos are Vietnamese territory.",
    ),
    "compare": ("So sánh hai tỉnh, thành", "Two provinces side by side"),
    "compare_a": ("Tỉnh thứ nhất", "First province"),
    "compare_b": ("Tỉnh thứ hai", "Second province"),
    "compare_needs_two": (
        "Cần ít nhất hai tỉnh, thành để so sánh; phạm vi xem của bạn chỉ có một.",
        "A comparison needs two provinces; your scope holds only one.",
    ),
    "provinces_scoped": (
        "Tài khoản của bạn xem số liệu của {province}. Bảng xếp hạng, bản đồ và so sánh các "
        "tỉnh, thành dành cho tài khoản xem cả nước; dưới đây là các chỉ số của {province}.",
        "Your account sees {province}. The ranking, the map and the comparison of provinces "
        "are for accounts that see the whole country; below are {province}'s figures.",
    ),
    "province_figures_title": (
        "Các chỉ số của {where} — {period}",
        "{where}: every metric — {period}",
    ),
    "service_groups_title": (
        "Chỉ số phục vụ và các nhóm điểm — {period}",
        "Service index and its groups — {period}",
    ),
    # ward page
    "search_ward": (
        "Tìm phường, xã (gõ có hoặc không dấu)",
        "Find a ward (with or without diacritics)",
    ),
    "choose_ward": ("Chọn một phường, xã để xem.", "Choose a ward to see it."),
    "ward_not_found": ("Không tìm thấy phường, xã nào khớp.", "No ward matches."),
    "ward_no_dossiers": (
        "{ward} chưa có hồ sơ nào trong dữ liệu đã công bố.",
        "{ward} has no dossiers yet in the published data.",
    ),
    "by_field_title": (
        "Hồ sơ theo lĩnh vực — {where}, {period}",
        "Dossiers by procedure field — {where}, {period}",
    ),
    "processing_title": (
        "Thời gian giải quyết so với thời hạn luật định — {where}, {period}",
        "Processing time against statutory time — {where}, {period}",
    ),
    "ageing_title": (
        "Tuổi hồ sơ tồn đọng ngày {day} — {where}",
        "Backlog ageing on {day} — {where}",
    ),
    "inherited_title": (
        "Hồ sơ tồn từ cấp huyện cũ — {where}",
        "Backlog inherited from the former districts — {where}",
    ),
    "no_inherited": (
        "Không có hồ sơ tồn từ trước 01/07/2025.",
        "No backlog from before 1 July 2025.",
    ),
    "staffing_title": (
        "Biên chế và số người hiện có theo chuyên môn — {where}",
        "Quota against people in post by speciality — {where}",
    ),
    "premises_title": ("Trụ sở — {where}", "Premises — {where}"),
    "rank_in_province": (
        "Hạng trong tỉnh (tỷ lệ đúng hạn): {rank}/{of}",
        "Rank in the province (on-time rate): {rank} of {of}",
    ),
    "overdue_list_title": (
        "Hồ sơ quá hạn và sắp đến hạn ({days} ngày) — {where}, ngày {day}",
        "Overdue and near-due dossiers ({days} days) — {where}, on {day}",
    ),
    "no_overdue": ("Không có hồ sơ quá hạn hay sắp đến hạn.", "No overdue or near-due dossiers."),
    "dossier_code": ("Mã hồ sơ", "Dossier code"),
    "procedure": ("Thủ tục", "Procedure"),
    "received_day": ("Ngày tiếp nhận", "Received"),
    "due_day": ("Hạn trả", "Due"),
    "days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "state": ("Tình trạng", "State"),
    "overdue": ("Quá hạn", "Overdue"),
    "near_due": ("Sắp đến hạn", "Near due"),
    # procedures page
    "by_field_volume_title": (
        "Lĩnh vực: số hồ sơ, trực tuyến, trễ hạn — {where}, {period}",
        "Fields: volume, online and late share — {where}, {period}",
    ),
    "slowest_title": (
        "Thủ tục chậm nhất so với thời hạn luật định — {where}, {period}",
        "Slowest procedures against their statutory time — {where}, {period}",
    ),
    "per_procedure_title": (
        "Từng thủ tục — {where}, {period}",
        "Per procedure — {where}, {period}",
    ),
    "non_territorial": ("Hồ sơ thủ tục phi địa giới", "Non-territorial procedure dossiers"),
    "non_territorial_share": ("Tỷ lệ phi địa giới", "Non-territorial share"),
    "median_days": ("Trung vị ngày làm việc", "Median working days"),
    "mean_days": ("Trung bình ngày làm việc", "Mean working days"),
    "statutory_days": ("Thời hạn luật định (ngày làm việc)", "Statutory time (working days)"),
    "beyond_statutory_share": ("Tỷ lệ vượt thời hạn", "Share beyond statutory time"),
    # staffing page
    "quota": ("Biên chế", "Quota"),
    "in_post": ("Hiện có", "In post"),
    "surplus": ("Thừa", "Surplus"),
    "gap": ("Thiếu", "Gap"),
    "dossiers_per_person": ("Hồ sơ mỗi người", "Dossiers per person"),
    "staffing_wards_title": (
        "Biên chế và hiện có theo phường, xã — {where}",
        "Quota and people in post per ward — {where}",
    ),
    "speciality_title": (
        "Biên chế và hiện có theo chuyên môn — {where}",
        "Quota and people in post by speciality — {where}",
    ),
    "nobody_title": (
        "Phường, xã không có ai phụ trách CNTT, địa chính hoặc xây dựng — {where}",
        "Wards with nobody for IT, land or construction — {where}",
    ),
    "surplus_title": ("Phường, xã thừa biên chế — {where}", "Wards over quota — {where}"),
    "scatter_title": (
        "Tỷ lệ trễ hạn và số vị trí địa chính, xây dựng còn thiếu — {where}",
        "Late share against unfilled land and construction posts — {where}",
    ),
    "scatter_note": (
        "Mỗi điểm là một phường, xã. Càng sang phải: càng thiếu người địa chính và xây dựng; "
        "càng lên cao: càng nhiều hồ sơ trễ hạn.",
        "Each dot is a ward. Further right: more land and construction posts unfilled; "
        "higher: more dossiers late.",
    ),
    "land_construction_gap": (
        "Vị trí địa chính + xây dựng còn thiếu",
        "Unfilled land + construction posts",
    ),
    "nobody_it": ("Không có CNTT", "Nobody for IT"),
    "nobody_land": ("Không có địa chính", "Nobody for land"),
    "nobody_construction": ("Không có xây dựng", "Nobody for construction"),
    "spec_cntt": ("Công nghệ thông tin", "IT"),
    "spec_dia_chinh": ("Địa chính", "Land"),
    "spec_xay_dung": ("Xây dựng", "Construction"),
    "spec_giao_thong": ("Giao thông", "Transport"),
    "spec_nong_nghiep": ("Nông nghiệp", "Agriculture"),
    "spec_tai_chinh": ("Tài chính", "Finance"),
    "spec_tu_phap": ("Tư pháp", "Justice"),
    "spec_van_hoa_xa_hoi": ("Văn hóa – xã hội", "Culture and social affairs"),
    "spec_tong_hop": ("Tổng hợp", "General"),
    "speciality": ("Chuyên môn", "Speciality"),
    "no_staffing": ("Chưa có báo cáo nhân sự.", "No staffing report yet."),
    # assets page
    "premises": ("Số trụ sở", "Premises"),
    "vacant_area": ("Diện tích sàn bỏ trống (m²)", "Vacant floor area (m²)"),
    "by_use_title": (
        "Trụ sở theo tình trạng sử dụng và chất lượng — {where}",
        "Premises by use and condition — {where}",
    ),
    "reuse_title": (
        "Phường, xã thiếu chỗ làm việc và trụ sở có thể tận dụng trong tỉnh — {where}",
        "Wards short of space and reuse candidates in the same province — {where}",
    ),
    "far_title": (
        "Phường, xã có trụ sở xa trụ sở chính — {where}",
        "Wards with offices far from the main one — {where}",
    ),
    "vacant_list_title": (
        "Trụ sở bỏ trống hoặc xuống cấp và thời gian bỏ trống — {where}",
        "Vacant or degraded premises and for how long — {where}",
    ),
    "days_vacant": ("Số ngày bỏ trống", "Days vacant"),
    "no_assets": ("Chưa có báo cáo tài sản.", "No assets report yet."),
    "no_vacant_premises": (
        "Báo cáo tài sản không có trụ sở nào bỏ trống hoặc xuống cấp.",
        "The assets report lists no vacant or degraded premises.",
    ),
    "no_reuse_candidates": (
        "Không có phường, xã nào thiếu chỗ làm việc mà có trụ sở bỏ trống trong tỉnh để tận "
        "dụng, theo báo cáo tài sản mới nhất.",
        "No ward short of space has a vacant premises in its province to reuse, by the latest "
        "assets report.",
    ),
    "no_far_offices": (
        "Không có phường, xã nào có trụ sở xa trụ sở chính.",
        "No ward has offices far from its main one.",
    ),
    "use_dang_su_dung": ("Đang sử dụng", "In use"),
    "use_su_dung_mot_phan": ("Sử dụng một phần", "Partly used"),
    "use_bo_trong": ("Bỏ trống", "Vacant"),
    "use_da_chuyen_doi": ("Đã chuyển đổi", "Converted"),
    "use_cho_xu_ly": ("Chờ xử lý", "Awaiting decision"),
    "condition_tot": ("Tốt", "Good"),
    "condition_xuong_cap": ("Xuống cấp", "Degraded"),
    "condition_hu_hong": ("Hư hỏng", "Damaged"),
    # alerts page
    "alerts_title": ("Mọi cảnh báo đang mở — {where}", "Every open alert — {where}"),
    "severity": ("Mức độ", "Severity"),
    "since": ("Từ ngày", "Since"),
    "reason": ("Lý do", "Reason"),
    "open_ward": ("Mở trang phường, xã", "Open the ward page"),
    # data page
    "build_time": (
        "Bản dựng công bố lúc {at} (giờ Việt Nam, {tz}; mã {id}); số liệu đến ngày {day}.",
        "Published build of {at} (Vietnam time, {tz}; id {id}); data up to {day}.",
    ),
    "loads_title": ("Các tệp đã nạp", "Files loaded"),
    "loads_scoped": (
        "Chỉ các tệp có dòng của {province}, với số dòng của {province}.",
        "Only the files with rows of {province}, counting {province}'s rows.",
    ),
    "load_started_at_tz": ("Bắt đầu nạp ({tz})", "Load started ({tz})"),
    "load_finished_at_tz": ("Nạp xong ({tz})", "Load finished ({tz})"),
    "quarantine_title": ("Dòng bị cách ly theo lý do", "Quarantined rows by reason"),
    "no_quarantine": ("Không có dòng nào bị cách ly.", "No quarantined rows."),
    "public_not_published": (
        "Bản dựng này chưa công bố được tệp cho báo chí: lớp công khai không qua kiểm tra "
        "{checks}. Tệp của lãnh đạo đã được cập nhật; tệp công khai vẫn là bản dựng trước "
        "({public_id}).",
        "This build did not publish the journalists' file: the public layer failed the check "
        "{checks}. The leaders' file was updated; the public file stays at the earlier build "
        "({public_id}).",
    ),
    "public_check_provinces": ("{check} (tỉnh {provinces})", "{check} (province {provinces})"),
    "no_public_file": ("chưa có", "none yet"),
    "freshness_province_title": (
        "Ngày có hồ sơ gần nhất theo tỉnh",
        "Last dossier day per province",
    ),
    "freshness_ward_title": (
        "Ngày có hồ sơ gần nhất theo phường, xã — {where}",
        "Last dossier day per ward — {where}",
    ),
    "stalled_note": (
        "Phường, xã im lặng từ {n} ngày trở lên được đánh dấu: nguồn dữ liệu có thể bị ngừng.",
        "Wards silent {n} days or more are marked: their feed may have stalled.",
    ),
    "stalled": ("Có thể ngừng cập nhật", "Possibly stalled"),
    # methodology
    "methodology_intro": (
        "Mỗi con số trên bảng điều khiển có một định nghĩa duy nhất, "
        "được tính một lần (trong dbt).",
        "Every number on the dashboard has one definition, computed once (in dbt).",
    ),
    "dbt_docs": ("Tài liệu dbt (mô hình, cột, kiểm thử)", "dbt docs (models, columns, tests)"),
    "dbt_docs_missing": (
        "Chưa có tài liệu dbt trong bản công bố.",
        "No dbt docs in the published build.",
    ),
    # methodology: the definitions of shared/contracts/metrics.md
    "def_received": (
        "**Hồ sơ tiếp nhận** trong ngày D: hồ sơ có trạng thái khác 1 và 3, NgayTiepNhan rơi vào "
        "D.",
        "**received** on day D: dossiers whose status is not 1 or 3 and whose NgayTiepNhan falls "
        "on D.",
    ),
    "def_online": (
        "**Tỷ lệ trực tuyến** = hồ sơ tiếp nhận có KenhThucHien = 2 / hồ sơ tiếp nhận.",
        "**online_share** = received with KenhThucHien = 2 / received.",
    ),
    "def_end": (
        "**Kết thúc** của hồ sơ: NgayKetThucXuLy; nếu trống và trạng thái 10 thì NgayTra. Chỉ hồ "
        "sơ "
        "trạng thái 9 và 10 có ngày kết thúc và được tính là **đã giải quyết**. Trạng thái 7 "
        "(rút) và "
        "8 (dừng) **đóng** vào NgayTuChoi, hoặc NgayKetThucXuLy khi NgayTuChoi trống.",
        "**end** of a dossier: NgayKetThucXuLy; if empty and status is 10, NgayTra. Only status "
        "9 and "
        "10 dossiers have an end and count as **finished**. Status 7 (withdrawn) and 8 (stopped) "
        "are "
        "**closed** on NgayTuChoi, or NgayKetThucXuLy when NgayTuChoi is empty.",
    ),
    "def_due": (
        "**Hạn trả**: NgayHenTraMoi của lần yêu cầu bổ sung gần nhất có giá trị này, nếu không thì "
        "NgayHenTra.",
        "**due**: the NgayHenTraMoi of the latest supplement request that has one, otherwise "
        "NgayHenTra.",
    ),
    "def_timeliness": (
        "Hồ sơ đã giải quyết là **trước hạn** khi ngày kết thúc < ngày hẹn, **đúng hạn** khi bằng, "
        "**trễ hạn** khi sau. Hồ sơ có hơn một lần yêu cầu bổ sung luôn là trễ hạn.",
        "A finished dossier is **early** when day(end) < day(due), **on time** when equal, "
        "**late** "
        "when after. A dossier with more than one supplement request is late whatever its dates.",
    ),
    "def_on_time": (
        "**Tỷ lệ đúng hạn** của một kỳ = (trước hạn + đúng hạn) / đã giải quyết, với hồ sơ giải "
        "quyết trong kỳ.",
        "**on_time_rate** over a period = (early + on time) / finished, for dossiers finished in "
        "it.",
    ),
    "def_pending": (
        "**Đang giải quyết** cuối ngày D: tiếp nhận đến D, chưa giải quyết và chưa đóng đến D. "
        "**Quá hạn tồn đọng**: đang giải quyết và có hơn một lần yêu cầu bổ sung đến D, hoặc hạn "
        "trả < D mà không phải đang chờ công dân bổ sung.",
        "**pending** at the end of day D: received on or before D, neither finished nor closed by "
        "D. **pending_overdue**: pending with more than one supplement request by D, or with "
        "day(due) < D and not waiting on the citizen.",
    ),
    "def_cohort": (
        "**Tỷ lệ quá hạn** của một nhóm hồ sơ (tiếp nhận trong kỳ, xem tại ngày A) = (trễ hạn đã "
        "giải quyết đến A + quá hạn tồn đọng tại A) / tiếp nhận. **Tỷ lệ kịp thời** = giải quyết "
        "trước hoặc đúng hạn đến A / tiếp nhận.",
        "**overdue_share** of a cohort (received in a period, looked at on A) = (late ones "
        "finished by A + pending_overdue at A) / received. **in_time_share** = finished early or "
        "on time by A / received.",
    ),
    "def_processing": (
        "**Số ngày giải quyết**: ngày làm việc từ ngày tiếp nhận đến ngày kết thúc, không tính thứ "
        "Bảy, Chủ nhật, ngày lễ, trừ thời gian chờ bổ sung.",
        "**processing_days**: working days from day(NgayTiepNhan) to day(end), without Saturdays, "
        "Sundays and public holidays, less the working days spent waiting for supplements.",
    ),
    "def_unit": (
        "Hồ sơ thuộc phường, xã của MaXa, nếu không thì của cơ quan DonViXuLy. Hồ sơ của cơ quan "
        'cấp tỉnh chỉ tính cho tỉnh, ở dòng "cấp tỉnh".',
        "A dossier belongs to the ward of MaXa, else of its DonViXuLy agency. Dossiers of "
        'provincial agencies count for the province only, under a "province level" row.',
    ),
    "def_as_of": (
        "**Ngày số liệu** của một bản dựng: ngày muộn nhất của NgayTiepNhan, NgayKetThucXuLy, "
        "NgayTra hoặc NgayTuChoi trong dữ liệu đã nạp.",
        "The **as-of day** of a build: the latest day of any NgayTiepNhan, NgayKetThucXuLy, "
        "NgayTra or NgayTuChoi in the loaded dossiers.",
    ),
    "def_service_index": (
        "**Chỉ số phục vụ**: điểm theo các nhóm chỉ tiêu (tiến độ, dịch vụ trực tuyến, thanh toán "
        "trực tuyến, hài lòng, số hóa), quy về thang 100 trên số điểm đo được (nhóm công khai minh "
        "bạch không đo được từ dữ liệu). Cả nước: trung bình cộng chỉ số của 34 tỉnh, thành, không "
        "trọng số (metrics.md không định nghĩa chỉ số cho cả nước; tháng nào có tỉnh chưa có "
        "chỉ số thì trung bình các tỉnh có chỉ số, và trang ghi rõ số tỉnh).",
        "**service index**: points per indicator group (progress, online service, online payment, "
        "satisfaction, digitisation) rescaled to 100 over the points that can be measured "
        "(publicity cannot be measured from the data). The whole country: mean of the 34 "
        "provinces' indexes, unweighted (metrics.md defines no country-level index; in a month "
        "when some province has none, the mean of those that have one, and the page says how "
        "many).",
    ),
    "def_reconcile": (
        "Số liệu phường, xã và tỉnh khớp nhau: tổng các phường, xã cộng dòng cấp tỉnh bằng dòng "
        "của tỉnh, cho mọi cột và mọi tháng.",
        "Ward and province numbers reconcile: the sum over a province's wards plus its province-"
        "level dossiers equals the province row, for every flow column and month.",
    ),
    # sources
    "src_ward_daily": (
        "marts.rpt_ward_daily (theo ngày, từng phường, xã)",
        "marts.rpt_ward_daily (per ward per day)",
    ),
    "src_province_daily": (
        "marts.rpt_province_daily (theo ngày, từng tỉnh, gồm cấp tỉnh)",
        "marts.rpt_province_daily (per province per day, province level included)",
    ),
    "src_field_daily": (
        "marts.rpt_unit_field_daily (theo ngày, từng phường, xã và lĩnh vực, gồm cấp tỉnh)",
        "marts.rpt_unit_field_daily (per ward and field per day, province level included)",
    ),
    "src_dossiers": (
        "marts.fct_dossiers (từng hồ sơ, không có dữ liệu cá nhân)",
        "marts.fct_dossiers (one row per dossier, no personal data)",
    ),
    "src_service_index": (
        "marts.rpt_service_index_*_monthly (tháng cuối của kỳ)",
        "marts.rpt_service_index_*_monthly (last month of the period)",
    ),
    "src_alerts": ("marts.rpt_alerts", "marts.rpt_alerts"),
    "src_backlog": (
        "marts.rpt_backlog_ageing_daily, marts.rpt_inherited_backlog",
        "marts.rpt_backlog_ageing_daily, marts.rpt_inherited_backlog",
    ),
    "src_staffing": (
        "marts.rpt_staffing_* (báo cáo nhân sự mới nhất)",
        "marts.rpt_staffing_* (latest staffing report)",
    ),
    "src_assets": (
        "marts.rpt_assets_*, marts.rpt_premises_reuse_candidates (báo cáo tài sản mới nhất)",
        "marts.rpt_assets_*, marts.rpt_premises_reuse_candidates (latest assets report)",
    ),
    "src_freshness": (
        "marts.rpt_freshness_*, marts.rpt_load_log, marts.rpt_quarantine_by_rule",
        "marts.rpt_freshness_*, marts.rpt_load_log, marts.rpt_quarantine_by_rule",
    ),
    "src_overdue": (
        "marts.fct_dossiers, marts.fct_dossier_overdue_spans",
        "marts.fct_dossiers, marts.fct_dossier_overdue_spans",
    ),
    "province_level": ("Cấp tỉnh", "Province level"),
    # column headers of tables that a page draws without labels of its own (pages/_common.py)
    "col_ward_code": ("Mã", "Code"),
    "col_ward_name": ("Phường, xã", "Ward"),
    "col_cohort": ("Nhóm hồ sơ", "Cohort"),
    "col_pending": ("Đang giải quyết", "Pending"),
    "col_age_0_5_days": ("Mở 0–5 ngày", "Open 0–5 days"),
    "col_age_6_15_days": ("Mở 6–15 ngày", "Open 6–15 days"),
    "col_age_16_30_days": ("Mở 16–30 ngày", "Open 16–30 days"),
    "col_age_31_60_days": ("Mở 31–60 ngày", "Open 31–60 days"),
    "col_age_over_60_days": ("Mở trên 60 ngày", "Open over 60 days"),
    "col_not_yet_due": ("Chưa đến hạn", "Not yet due"),
    "col_past_due_1_7_days": ("Quá hạn 1–7 ngày", "1–7 days past due"),
    "col_past_due_8_30_days": ("Quá hạn 8–30 ngày", "8–30 days past due"),
    "col_past_due_over_30_days": ("Quá hạn trên 30 ngày", "Over 30 days past due"),
    "col_inherited": ("Tiếp nhận từ cấp huyện cũ", "Inherited"),
    "col_remaining": ("Còn lại", "Remaining"),
    "col_finished": ("Hồ sơ đã giải quyết", "Dossiers finished"),
    "col_finished_late": ("Giải quyết trễ hạn", "Finished late"),
    "col_closed": ("Rút hoặc dừng", "Withdrawn or stopped"),
    "col_land": ("Lĩnh vực đất đai", "Land"),
    "col_cleared_day": ("Ngày giải quyết hết", "Cleared on"),
    "col_report_date": ("Ngày báo cáo", "Report date"),
    "col_premises": ("Số trụ sở", "Premises"),
    "col_floor_area_m2": ("Diện tích sàn (m²)", "Floor area (m²)"),
    "col_vacant_floor_area_m2": ("Diện tích sàn bỏ trống (m²)", "Vacant floor area (m²)"),
    "col_long_vacant": ("Bỏ trống lâu", "Long vacant"),
    "col_far_offices": ("Trụ sở xa", "Far offices"),
    "col_office_m2_per_person": ("m² làm việc mỗi người", "Office m² per person"),
    "col_is_short_of_space": ("Thiếu chỗ làm việc", "Short of space"),
    "col_asset_code": ("Mã tài sản", "Asset code"),
    "col_asset_ward_code": ("Mã phường, xã có trụ sở", "Code of the premises' ward"),
    "col_asset_ward_name": ("Phường, xã có trụ sở", "Ward of the premises"),
    "col_former_unit": ("Đơn vị cũ", "Former unit"),
    "col_asset_type": ("Loại tài sản", "Asset type"),
    "col_condition": ("Chất lượng", "Condition"),
    "col_use_status": ("Tình trạng sử dụng", "Use"),
    "col_days_vacant": ("Số ngày bỏ trống", "Days vacant"),
    "col_vacant_since_date": ("Bỏ trống từ", "Vacant since"),
    "col_distance_km": ("Khoảng cách (km)", "Distance (km)"),
    "col_distance_to_own_office_km": ("Cách trụ sở chính (km)", "Distance to own office (km)"),
    "col_planned_reuse": ("Phương án sử dụng", "Planned reuse"),
    "col_non_territorial_received": ("Tiếp nhận phi địa giới", "Received across boundaries"),
    "col_alert_kind": ("Loại cảnh báo", "Kind of alert"),
    "cohort_inherited": ("Tồn từ cấp huyện cũ", "Inherited"),
    "cohort_since_reform": ("Tiếp nhận từ 01/07/2025", "Received since 1 Jul 2025"),
    # the session brief (pages/_brief.py)
    "brief_title": ("Bản tóm tắt cho kỳ họp — {where}", "Brief for the session — {where}"),
    "brief_for": ("Dành cho {role}", "Prepared for a {role}"),
    "brief_heading": ("Bản tóm tắt cho kỳ họp", "Brief for a session"),
    "brief_pdf": ("Tải bản tóm tắt (PDF)", "Download the brief (PDF)"),
    "brief_docx": ("Tải bản tóm tắt (Word)", "Download the brief (Word)"),
    "brief_figures_title": ("Số liệu chính — {where}", "Key figures — {where}"),
    "brief_figure": ("Chỉ tiêu", "Figure"),
    "brief_this_period": ("Kỳ này ({start}–{end})", "This period ({start}–{end})"),
    "brief_previous": ("Kỳ trước ({start}–{end})", "Previous period ({start}–{end})"),
    "brief_change": ("Thay đổi", "Change"),
    "brief_national_published": ("Cả nước (số liệu công bố)", "Whole country (published)"),
    "brief_no_national": (
        "Không có số liệu cả nước để so sánh cho kỳ này: số liệu cả nước được công bố theo "
        "tháng và không theo lĩnh vực.",
        "No country figures to compare with for this period: the country's figures are "
        "published by month and not by field.",
    ),
    "brief_chart_on_time": (
        "Tỷ lệ đúng hạn: kỳ này, kỳ trước và cả nước — {where}",
        "On-time rate: this period, the previous one and the country — {where}",
    ),
    "brief_chart_on_time_previous": (
        "Tỷ lệ đúng hạn: kỳ này và kỳ trước — {where}",
        "On-time rate: this period and the previous one — {where}",
    ),
    "brief_chart_worst": (
        "Tỷ lệ đúng hạn của các phường, xã thấp nhất — {where}",
        "On-time rate of the lowest wards — {where}",
    ),
    "brief_chart_late_fields": (
        "Tỷ lệ trễ hạn theo lĩnh vực — {where}",
        "Late share by procedure field — {where}",
    ),
    "brief_chart_backlog": (
        "Phường, xã tồn nhiều hồ sơ quá hạn nhất — {where}",
        "Wards with the largest overdue backlog — {where}",
    ),
    "brief_backlog_title": (
        "Hồ sơ quá hạn tồn đọng — {where}, ngày {day}",
        "Overdue backlog — {where}, on {day}",
    ),
    "brief_oldest_title": (
        "Hồ sơ quá hạn lâu nhất — {where}, ngày {day}",
        "Longest-overdue dossiers — {where}, on {day}",
    ),
    "brief_oldest_note": (
        "Tìm trong {n} phường, xã tồn nhiều hồ sơ quá hạn nhất.",
        "Looked for in the {n} wards with the largest overdue backlog.",
    ),
    "brief_dossiers_leaders_only": (
        "Danh sách từng hồ sơ quá hạn chỉ có trong bản tóm tắt của lãnh đạo; bản này chỉ "
        "có số tổng hợp.",
        "The list of overdue dossiers is in leaders' briefs only; this one has totals only.",
    ),
    "brief_severity_high": ("Cao", "High"),
    "brief_severity_medium": ("Trung bình", "Medium"),
    "brief_severity_low": ("Thấp", "Low"),
    "brief_alerts_more": (
        "{shown} cảnh báo đầu trong {n}; trang Cảnh báo có đủ.",
        "The first {shown} of {n} alerts; the Alerts page has them all.",
    ),
    "brief_staffing_title": ("Nhân sự và trụ sở — {where}", "Staffing and premises — {where}"),
    "brief_staffing_line": (
        "Nhân sự: biên chế {quota}, hiện có {in_post}; thiếu {gap}, thừa {surplus}.",
        "Staff: {quota} posts in the quota, {in_post} people in post; {gap} short, {surplus} over.",
    ),
    "brief_staffing_missing": (
        "Phường, xã không có người phụ trách công nghệ thông tin, đất đai hoặc xây dựng: {n}.",
        "Wards with nobody in post for IT, land or construction: {n}.",
    ),
    "brief_premises_line": (
        "Trụ sở: {premises}, trong đó đang sử dụng {in_use}, bỏ trống {vacant}; xuống cấp "
        "{degraded}, hư hỏng {damaged}; diện tích sàn bỏ trống {area} m².",
        "Premises: {premises}, of which {in_use} in use and {vacant} vacant; {degraded} "
        "degraded, {damaged} damaged; {area} m² of floor vacant.",
    ),
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def set_language(lang: str) -> str:
    """Choose the language of this script run; anything unknown means Vietnamese."""
    chosen = lang if lang in LANGUAGES else "vi"
    _LANG.set(chosen)
    return chosen


def language() -> str:
    return _LANG.get()


def t(key: str, **values: object) -> str:
    """The UI string `key` in the current language, with `{name}` placeholders filled."""
    pair = STRINGS.get(key)
    text = key if pair is None else pair[1] if language() == "en" and pair[1] else pair[0]
    return text.format(**values) if values else text


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_number(value: float | int | None, decimals: int = 0) -> str:
    """`1.234,5` in Vietnamese, `1,234.5` in English; a dash for no value."""
    if _is_missing(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    if language() == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(share: float | None, decimals: int = 1) -> str:
    """A share (0.953) as `95,3 %` in Vietnamese, `95.3%` in English."""
    if _is_missing(share):
        return "–"
    number = fmt_number(share * 100, decimals)
    return f"{number} %" if language() == "vi" else f"{number}%"


def fmt_date(day: dt.date | dt.datetime | None) -> str:
    """`25/08/2025` in Vietnamese, `25 Aug 2025` in English."""
    if day is None:
        return "–"
    if language() == "vi":
        return day.strftime("%d/%m/%Y")
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def fmt_datetime(moment: dt.datetime | None) -> str:
    if moment is None:
        return "–"
    return f"{fmt_date(moment)} {moment:%H:%M}"


def plotly_separators() -> str:
    """Plotly's `separators` (decimal, thousands) for the current language."""
    return ",." if language() == "vi" else ".,"


def plotly_date_formats(monthly: bool = False) -> tuple[str, str]:
    """Plotly's (tick, hover) formats for a date axis in the current language. Plotly has no
    Vietnamese locale offline and would write English month names, so Vietnamese uses
    numbers only (`25/08/2025`, `08/2025`; hover `Tháng 08/2025`)."""
    if language() == "vi":
        return ("%m/%Y", "Tháng %m/%Y") if monthly else ("%d/%m/%Y", "%d/%m/%Y")
    return ("%b %Y", "%b %Y") if monthly else ("%d %b %Y", "%d %b %Y")
