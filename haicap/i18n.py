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

from haicap.labels import strings as _label_strings

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
    # what an empty choice box reads (instead of Streamlit's English "Choose an option")
    "choose_placeholder": ("Chọn…", "Choose…"),
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
    # charts: the tile map's archipelagos, units on axes and colour bars, the premises' charts
    "map_archipelago": ("QĐ {name}<br>({province})", "{name}<br>archipelago<br>({province})"),
    "unit_dossiers": ("hồ sơ", "dossiers"),
    "unit_points": ("điểm", "points"),
    "unit_posts": ("vị trí", "posts"),
    "unit_premises": ("trụ sở", "premises"),
    "premises_use_title": (
        "Trụ sở theo tình trạng sử dụng — {where}",
        "Premises by use — {where}",
    ),
    "premises_condition_title": (
        "Trụ sở theo chất lượng — {where}",
        "Premises by condition — {where}",
    ),
    "use": ("Tình trạng sử dụng", "Use"),
    "condition": ("Chất lượng", "Condition"),
    "latest_reports": ("Báo cáo mới nhất", "Latest reports"),
    "latest_reports_note": (
        "Không lọc theo kỳ: trang này cho thấy số liệu mới nhất.",
        "Not filtered by period: this page shows the latest figures.",
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
    # rankings by the metric asked, and why a ward is late (helper "rank", issue #20)
    "overdue_per_1000": ("Quá hạn trên 1.000 hồ sơ tiếp nhận", "Overdue per 1,000 received"),
    "rank_metric": ("Xếp hạng theo", "Rank by"),
    "best_wards_by": (
        "Phường, xã tốt nhất theo {metric} — {where}, {period}",
        "Best wards by {metric} — {where}, {period}",
    ),
    "worst_wards_by": (
        "Phường, xã cần chú ý theo {metric} — {where}, {period}",
        "Wards needing attention by {metric} — {where}, {period}",
    ),
    "direction_high": ("cao hơn là tốt hơn", "higher is better"),
    "direction_low": (
        "thấp hơn là tốt hơn; danh sách cần chú ý bắt đầu từ nơi cao nhất",
        "lower is better; the list needing attention starts with the highest",
    ),
    "ranking_rule": (
        "Xếp hạng theo {metric} ({direction}). Chỉ xếp hạng phường, xã có ít nhất {n} hồ sơ "
        "đã giải quyết trong kỳ; giá trị bằng nhau thì cùng hạng (1, 2, 2, 4), nơi tiếp nhận "
        "nhiều hơn đứng trước. Bấm vào một dòng để mở trang của phường, xã đó.",
        "Ranked by {metric} ({direction}). Only wards with at least {n} finished dossiers in "
        "the period are ranked; equal values share a rank (1, 2, 2, 4), the busier ward listed "
        "first. Click a row to open that ward's page.",
    ),
    "province_ranking_rule": (
        "Xếp hạng theo {metric} ({direction}); giá trị bằng nhau thì cùng hạng, tỉnh, thành "
        "không có số liệu không có hạng. Bấm vào một dòng để xem tổng quan của tỉnh, thành đó.",
        "Ranked by {metric} ({direction}); equal values share a rank, a province without data "
        "has no rank. Click a row for that province's overview.",
    ),
    "def_overdue_per_1000": (
        "Quá hạn trên 1.000 hồ sơ tiếp nhận: số hồ sơ đang giải quyết đã quá hạn vào cuối ngày "
        "cuối của kỳ, chia cho số hồ sơ tiếp nhận trong kỳ, nhân 1.000. Không tính khi kỳ "
        "không có hồ sơ tiếp nhận.",
        "Overdue per 1,000 received: the dossiers pending and overdue at the end of the "
        "period's last day, divided by the dossiers received in the period, times 1,000. Not "
        "computed when nothing was received in the period.",
    ),
    "def_ranking": (
        "Xếp hạng: mỗi bảng xếp hạng theo đúng một chỉ số được chọn; phường, xã cần ít nhất {n} "
        "hồ sơ đã giải quyết trong kỳ mới được xếp hạng; giá trị bằng nhau thì cùng hạng; "
        "tỉnh, thành không có số liệu của chỉ số thì không có hạng. Với tỷ lệ trễ hạn và hồ sơ "
        "quá hạn, thấp hơn là tốt hơn.",
        "Rankings: each ranks on the one metric chosen; a ward needs at least {n} finished "
        "dossiers in the period to be ranked; equal values share a rank; a province without "
        "a value of the metric has no rank. For the late share and the overdue backlog, lower "
        "is better.",
    ),
    "province_rank": (
        "Hạng của {province} theo {metric}: {rank}/{of}",
        "{province}'s rank by {metric}: {rank} of {of}",
    ),
    "province_unranked": (
        "{province} chưa có hạng theo {metric}: không có số liệu trong kỳ.",
        "{province} has no rank by {metric}: no data in the period.",
    ),
    "province_rank_note": (
        "Hạng trong {of} tỉnh, thành; {ranked} tỉnh, thành có số liệu được xếp hạng, tỉnh, "
        "thành không có số liệu không có hạng; giá trị bằng nhau thì cùng hạng. Chỉ hiện "
        "hạng, không hiện số liệu của tỉnh, thành khác.",
        "Rank among {of} provinces; the {ranked} with data are ranked, those without have no "
        "rank; equal values share a rank. Only the rank is shown, no other province's "
        "figures.",
    ),
    "why_late_title": (
        "Vì sao trễ hạn — {where}, {period}",
        "Why dossiers are late — {where}, {period}",
    ),
    "why_late_intro": (
        "Hồ sơ giải quyết trễ hạn trong kỳ ({late}) và hồ sơ quá hạn tồn đọng cuối ngày {day} "
        "({overdue}), chia theo lĩnh vực, cơ quan xử lý và yêu cầu bổ sung; mỗi bảng cộng lại "
        "đúng bằng các số này.",
        "Dossiers finished late in the period ({late}) and the overdue backlog at the end of "
        "{day} ({overdue}), split by procedure field, handling agency and supplement requests; "
        "each table adds up to these numbers.",
    ),
    "why_no_late": (
        "Không có hồ sơ trễ hạn hay quá hạn trong kỳ.",
        "No dossier finished late and none overdue in the period.",
    ),
    "why_by_field": ("Theo lĩnh vực", "By procedure field"),
    "why_by_agency": ("Theo cơ quan xử lý", "By handling agency"),
    "why_by_supplement": ("Theo yêu cầu bổ sung hồ sơ", "By supplement requests"),
    "why_staffing": (
        "Thiếu biên chế ở các lĩnh vực trễ hạn",
        "Staffing gaps in the fields that are late",
    ),
    "agency": ("Cơ quan xử lý", "Handling agency"),
    "agency_unnamed": (
        "Bộ phận một cửa của phường, xã (hồ sơ không ghi cơ quan)",
        "The ward's one-stop office (no agency given)",
    ),
    "supplement_group": ("Yêu cầu bổ sung", "Supplement requests"),
    "supplement_none": ("Không yêu cầu bổ sung", "No supplement request"),
    "supplement_one": ("Một lần yêu cầu bổ sung", "One supplement request"),
    "supplement_several": (
        "Từ hai lần yêu cầu bổ sung (trễ hạn theo quy định)",
        "Two or more requests (late by the rule)",
    ),
    "late_share_of_late": ("Tỷ trọng trong số trễ hạn", "Share of all late"),
    "late_with_request": (
        "Trễ hạn có yêu cầu bổ sung",
        "Late with a supplement request",
    ),
    "mean_wait_days": (
        "Ngày làm việc chờ công dân bổ sung (trung bình, hồ sơ trễ hạn)",
        "Working days waiting for the citizen (mean, late dossiers)",
    ),
    "field_speciality": ("Chuyên môn phụ trách", "Speciality in charge"),
    "why_top_field": (
        "Lĩnh vực trễ hạn nhiều nhất: {field} — {late} hồ sơ trễ hạn ({share} số trễ hạn), "
        "{overdue} hồ sơ quá hạn.",
        "The field with most late dossiers: {field} — {late} finished late ({share} of all "
        "late), {overdue} overdue.",
    ),
    "why_waiting_line": (
        "{n} hồ sơ trễ hạn có yêu cầu bổ sung; trung bình chờ công dân {days} ngày làm việc.",
        "{n} late dossiers had a supplement request; on average they waited {days} working "
        "days for the citizen.",
    ),
    "why_staffing_line": (
        "{speciality} (phụ trách {field}): biên chế {quota}, hiện có {in_post}, thiếu {gap}.",
        "{speciality} (in charge of {field}): quota {quota}, in post {in_post}, {gap} short.",
    ),
    "why_staffing_note": (
        "Vị trí chuyên môn phụ trách từng lĩnh vực, theo báo cáo nhân sự gần nhất của phường, "
        "xã; lĩnh vực không có vị trí chuyên trách thì để trống. Không chia theo kỳ.",
        "The speciality in charge of each field, from the ward's latest staffing report; a "
        "field with no dedicated post is left blank. Not split by period.",
    ),
    "def_why_late": (
        "Vì sao trễ hạn: hồ sơ giải quyết trễ hạn trong kỳ và hồ sơ quá hạn cuối kỳ được chia "
        "theo lĩnh vực, cơ quan xử lý (đơn vị xử lý ghi trên hồ sơ) và số lần yêu cầu bổ sung "
        "(đếm theo dữ liệu hiện có); số ngày chờ bổ sung là số ngày làm việc từ ngày yêu cầu "
        "đến ngày công dân nộp bổ sung. Thiếu biên chế là biên chế trừ số người hiện có của vị "
        "trí chuyên môn phụ trách lĩnh vực.",
        "Why late: dossiers finished late in the period and those overdue at its end, split by "
        "procedure field, handling agency (the agency on the dossier) and the number of "
        "supplement requests (as the data now hold them); the wait is the working days from a "
        "request to the citizen's hand-in. The staffing gap is the quota less the people in "
        "post for the speciality in charge of the field.",
    ),
    "brief_chart_why_late": (
        "Hồ sơ trễ hạn theo lĩnh vực — {where}",
        "Late dossiers by procedure field — {where}",
    ),
    "src_why_late": (
        "marts.rpt_unit_lateness_daily (theo ngày, từng phường, xã, lĩnh vực, cơ quan xử lý và "
        "số lần yêu cầu bổ sung)",
        "marts.rpt_unit_lateness_daily (per ward, field, agency and supplement requests per day)",
    ),
    "src_field_staffing": (
        "marts.rpt_ward_field_staffing (từng phường, xã và lĩnh vực, báo cáo nhân sự gần nhất)",
        "marts.rpt_ward_field_staffing (per ward and field, latest staffing report)",
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
    "speciality": ("Chuyên môn", "Speciality"),
    "no_staffing": ("Chưa có báo cáo nhân sự.", "No staffing report yet."),
    # assets page
    "premises": ("Số trụ sở", "Premises"),
    "vacant_area": ("Diện tích sàn bỏ trống (m²)", "Vacant floor area (m²)"),
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
    "quarantine_example": ("{field} = {values}", "{field} = {values}"),
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
        "**Online share** = received with KenhThucHien = 2 / received.",
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
        "**On-time rate** over a period = (early + on time) / finished, for dossiers finished in "
        "it.",
    ),
    "def_pending": (
        "**Đang giải quyết** cuối ngày D: tiếp nhận đến D, chưa giải quyết và chưa đóng đến D. "
        "**Quá hạn tồn đọng**: đang giải quyết và có hơn một lần yêu cầu bổ sung đến D, hoặc hạn "
        "trả < D mà không phải đang chờ công dân bổ sung.",
        "**pending** at the end of day D: received on or before D, neither finished nor closed by "
        "D. **Overdue backlog**: pending with more than one supplement request by D, or with "
        "day(due) < D and not waiting on the citizen.",
    ),
    "def_cohort": (
        "**Tỷ lệ quá hạn** của một nhóm hồ sơ (tiếp nhận trong kỳ, xem tại ngày A) = (trễ hạn đã "
        "giải quyết đến A + quá hạn tồn đọng tại A) / tiếp nhận. **Tỷ lệ kịp thời** = giải quyết "
        "trước hoặc đúng hạn đến A / tiếp nhận.",
        "**Overdue share** of a cohort (received in a period, looked at on A) = (late ones "
        "finished by A + overdue backlog at A) / received. **In-time share** = finished early or "
        "on time by A / received.",
    ),
    "def_processing": (
        "**Số ngày giải quyết**: ngày làm việc từ ngày tiếp nhận đến ngày kết thúc, không tính thứ "
        "Bảy, Chủ nhật, ngày lễ, trừ thời gian chờ bổ sung.",
        "**Processing days**: working days from day(NgayTiepNhan) to day(end), without Saturdays, "
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

# The headers of columns and the words of coded values (haicap/labels.py, the one dictionary
# of both editions), under keys of their own; a key written above wins.
for _key, _pair in _label_strings().items():
    STRINGS.setdefault(_key, _pair)

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
