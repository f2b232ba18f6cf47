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
    # the sidebar's viewer line (app.py): the role and the province in words, never a code
    "signed_in_as": ("Đăng nhập: {name} — {viewer}", "Signed in: {name} — {viewer}"),
    "viewer_leader_country": ("lãnh đạo, phạm vi cả nước", "leader, whole country"),
    "viewer_leader_province": ("lãnh đạo {province}", "leader of {province}"),
    "viewer_council_country": (
        "đại biểu Hội đồng nhân dân, phạm vi cả nước",
        "People's Council member, whole country",
    ),
    "viewer_council_province": (
        "đại biểu Hội đồng nhân dân {province}",
        "member of the People's Council of {province}",
    ),
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
    "province_level_unit": ("Cấp tỉnh — {province}", "Province level — {province}"),
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
        "Xếp hạng theo {metric} ({direction}). {minimum}; giá trị bằng nhau thì cùng hạng (1, 2, "
        "2, 4), nơi tiếp nhận nhiều hơn đứng trước. Bấm vào một dòng để mở trang của phường, xã "
        "đó.",
        "Ranked by {metric} ({direction}). {minimum}; equal values share a rank (1, 2, 2, 4), "
        "the busier ward listed first. Click a row to open that ward's page.",
    ),
    "why_other_fields": ("Các lĩnh vực khác ({n})", "Other fields ({n})"),
    "why_other_agencies": ("Các cơ quan khác ({n})", "Other agencies ({n})"),
    "ranking_all_listed": (
        "Mọi phường, xã được xếp hạng đã ở bảng bên cạnh: không phường, xã nào vừa ở nhóm tốt "
        "nhất vừa ở nhóm cần chú ý.",
        "Every ranked ward is in the other table: no ward is both among the best and among "
        "those needing attention.",
    ),
    "rank_minimum_finished": (
        "Chỉ xếp hạng phường, xã có ít nhất {n} hồ sơ đã giải quyết trong kỳ",
        "Only wards with at least {n} finished dossiers in the period are ranked",
    ),
    "rank_minimum_received": (
        "Chỉ xếp hạng phường, xã có ít nhất {n} hồ sơ tiếp nhận trong kỳ",
        "Only wards with at least {n} dossiers received in the period are ranked",
    ),
    "rank_minimum_none": (
        "Mọi phường, xã có số liệu đều được xếp hạng, dù giải quyết ít hồ sơ",
        "Every ward with data is ranked, however few dossiers it finished",
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
        "Xếp hạng: mỗi bảng xếp hạng theo đúng một chỉ số được chọn; để được xếp hạng theo một "
        "tỷ lệ, phường, xã cần ít nhất {n} hồ sơ dưới tỷ lệ đó trong kỳ (hồ sơ đã giải quyết "
        "với tỷ lệ đúng hạn và trễ hạn, hồ sơ tiếp nhận với tỷ lệ trực tuyến và quá hạn trên "
        "1.000 hồ sơ); theo số hồ sơ quá hạn tồn đọng thì mọi phường, xã đều được xếp hạng; giá "
        "trị bằng nhau thì cùng hạng; tỉnh, thành không có số liệu của chỉ số thì không có hạng. "
        "Với tỷ lệ trễ hạn và hồ sơ quá hạn, thấp hơn là tốt hơn.",
        "Rankings: each ranks on the one metric chosen; to be ranked on a share or a rate a ward "
        "needs at least {n} dossiers under it in the period (finished ones for the on-time and "
        "late shares, received ones for the online share and overdue per 1,000 received); on "
        "the overdue backlog, a count, every ward is ranked; equal values share a rank; a "
        "province without a value of the metric has no rank. For the late share and the "
        "overdue backlog, lower is better.",
    ),
    "province_rank": (
        "Hạng của {province} theo {metric}: {rank}/{of}",
        "{province}'s rank by {metric}: {rank} of {of}",
    ),
    # when some provinces have no value: a last place among few must not read as a good place
    "province_rank_among": (
        " (trong {ranked} tỉnh, thành có số liệu)",
        " (among the {ranked} with data)",
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
    "surplus_note": (
        "Thừa: tổng số người vượt biên chế của từng vị trí việc làm. Vị trí còn thiếu người "
        "không được trừ vào, vì người thừa ở vị trí này không làm thay được vị trí kia; nên số "
        "thừa có thể lớn hơn hiệu của số người đang làm và biên chế.",
        "Surplus: the people above quota, post by post. A post still short of people is not "
        "set against it, since someone surplus in one post cannot fill another; so the surplus "
        "can be more than people in post minus quota.",
    ),
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
        "Bản dựng công bố lúc {at} (giờ Việt Nam, UTC+7, {tz}; mã {id}); số liệu đến ngày {day}.",
        "Published build of {at} (Vietnam time, UTC+7, {tz}; id {id}); data up to {day}.",
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
    # methodology: the plain-language tab (pages/methodology.py; the public edition's page
    # uses the same definitions in words)
    "methodology_intro": (
        "Trang này giải thích bằng lời từng con số trên bảng điều khiển: nó đếm gì, tính thế "
        "nào, lấy từ đâu. Định nghĩa chính xác cho người phân tích số liệu (tên trường dữ liệu, "
        "công thức, tên bảng) nằm ở thẻ “Định nghĩa kỹ thuật”.",
        "This page explains in words every number on the dashboard: what it counts, how it is "
        "worked out and where it comes from. The exact definitions for analysts (data fields, "
        "formulas, table names) are under “Technical definitions”.",
    ),
    "method_tab_plain": ("Giải thích bằng lời", "In plain words"),
    "method_tab_technical": ("Định nghĩa kỹ thuật", "Technical definitions"),
    "method_numbers_title": ("Các con số nói gì", "What the numbers mean"),
    "method_received": (
        "**Hồ sơ tiếp nhận**: hồ sơ thủ tục hành chính mà bộ phận một cửa đã nhận để giải "
        "quyết trong kỳ, tính theo ngày tiếp nhận. Hồ sơ mới đăng ký trên mạng mà chưa được "
        "tiếp nhận, và hồ sơ bị từ chối ngay khi nộp, không được tính.",
        "**Dossiers received**: administrative-procedure dossiers that a one-stop office "
        "accepted for handling in the period, counted on the day they were accepted. Dossiers "
        "registered online but not yet accepted, and dossiers refused at the counter, are not "
        "counted.",
    ),
    "method_finished": (
        "**Hồ sơ đã giải quyết**: hồ sơ đã xử lý xong (có kết quả, hoặc đã trả kết quả cho "
        "người dân) trong kỳ, tính theo ngày xử lý xong. Hồ sơ người dân rút lại hoặc bị dừng "
        "xử lý không phải là hồ sơ đã giải quyết, và từ ngày đó cũng không còn là hồ sơ đang "
        "giải quyết.",
        "**Dossiers finished**: dossiers whose handling was completed (a result issued, or "
        "handed to the citizen) in the period, counted on the day it was completed. Dossiers the "
        "citizen withdrew or whose handling was stopped are not finished, and from that day they "
        "are not pending either.",
    ),
    "method_timeliness": (
        "**Trước hạn, đúng hạn, trễ hạn**: mỗi hồ sơ có ngày hẹn trả kết quả. Hồ sơ xong trước "
        "ngày hẹn là trước hạn, xong đúng ngày hẹn là đúng hạn, xong sau ngày hẹn là trễ hạn. "
        "Khi cơ quan yêu cầu bổ sung giấy tờ, ngày hẹn được dời theo thời gian người dân bổ "
        "sung; hồ sơ phải yêu cầu bổ sung từ hai lần trở lên luôn được tính là trễ hạn, như quy "
        "định của Bộ chỉ số quốc gia.",
        "**Early, on time, late**: every dossier has a promised return date. A dossier "
        "completed before that date is early, on that date on time, after it late. When the "
        "office asks for more papers, the promised date moves by the time the citizen took to "
        "supply them; a dossier that needed two or more such requests always counts as late, "
        "as the national index rules.",
    ),
    "method_on_time_rate": (
        "**Tỷ lệ đúng hạn**: trong số hồ sơ đã giải quyết trong kỳ, phần trăm hồ sơ xong trước "
        "hạn hoặc đúng hạn.",
        "**On-time rate**: of the dossiers finished in the period, the percentage finished "
        "early or on time.",
    ),
    "method_pending": (
        "**Đang giải quyết**: hồ sơ đã tiếp nhận mà đến cuối ngày đang xem chưa xong, chưa bị "
        "rút hay dừng. **Quá hạn tồn đọng**: trong số đó, hồ sơ đã qua ngày hẹn trả (hoặc đã "
        "phải yêu cầu bổ sung từ hai lần trở lên) mà chưa xong. Hồ sơ đang chờ người dân bổ "
        "sung giấy tờ không bị tính là quá hạn trong thời gian chờ. Số tồn đọng là số tại ngày "
        "cuối của kỳ.",
        "**Pending**: dossiers received that, at the end of the day looked at, are neither "
        "finished nor withdrawn or stopped. **Overdue backlog**: those of them past their "
        "promised date (or that needed two or more requests for papers) and still not "
        "finished. A dossier waiting for the citizen's papers is not overdue while it waits. "
        "The backlog is the one on the last day of the period.",
    ),
    "method_online": (
        "**Tỷ lệ trực tuyến**: phần trăm hồ sơ tiếp nhận trong kỳ được nộp qua dịch vụ công "
        "trực tuyến (thay vì nộp trực tiếp hay qua bưu chính công ích).",
        "**Online share**: the percentage of the dossiers received in the period that were "
        "submitted through online public services (rather than in person or by public post).",
    ),
    "method_processing": (
        "**Số ngày giải quyết**: số ngày làm việc từ ngày tiếp nhận đến ngày xử lý xong, không "
        "tính những ngày người dân đang bổ sung giấy tờ. Trang Thủ tục so sánh số này với thời "
        "hạn luật định của từng thủ tục.",
        "**Processing days**: working days from the day a dossier was received to the day it "
        "was finished, leaving out the days the citizen spent supplying papers. The Procedures "
        "page compares them with each procedure's statutory time.",
    ),
    "method_cohort": (
        "**Tỷ lệ quá hạn của một lứa hồ sơ**: lấy các hồ sơ tiếp nhận trong một tháng và xem "
        "chúng tại một ngày sau đó: phần trăm đã xong trễ hạn hoặc đang quá hạn. Chỉ số phục vụ "
        "dùng tỷ lệ này cho nhóm tiến độ giải quyết và nhóm mức độ hài lòng.",
        "**Overdue share of a cohort**: take the dossiers received in one month and look at "
        "them on a later day: the percentage finished late or overdue by then. The service "
        "index uses it for its progress and satisfaction groups.",
    ),
    "method_units": (
        "**Phường, xã và cấp tỉnh**: mỗi hồ sơ được tính cho phường, xã giải quyết nó. Hồ sơ "
        "do sở, ngành cấp tỉnh giải quyết chỉ được tính vào số của tỉnh, ở dòng “cấp tỉnh”; vì "
        "vậy tổng các phường, xã cộng dòng cấp tỉnh đúng bằng số của tỉnh.",
        "**Wards and the province level**: each dossier counts for the ward that handles it. "
        "Dossiers handled by the province's departments count for the province only, in a "
        "“province level” row; so the wards plus the province level add up exactly to the "
        "province.",
    ),
    "method_index_title": (
        "Chỉ số phục vụ và các nhóm chỉ tiêu của Quyết định 766/QĐ-TTg",
        "The service index and the groups of Decision 766/QĐ-TTg",
    ),
    "method_index_intro": (
        "**Chỉ số phục vụ** chấm điểm chất lượng phục vụ người dân, doanh nghiệp theo Bộ chỉ "
        "số ban hành kèm Quyết định 766/QĐ-TTg của Thủ tướng Chính phủ. Các chỉ tiêu được chia "
        "thành nhóm, mỗi nhóm có số điểm tối đa; mỗi chỉ tiêu được điểm theo bậc (chẳng hạn tỷ "
        "lệ đúng hạn càng cao thì càng nhiều điểm).",
        "The **service index** scores how well citizens and businesses are served, after the "
        "set of indicators of the Prime Minister's Decision 766/QĐ-TTg. The indicators fall "
        "into groups, each with its maximum points; each indicator earns points by steps (the "
        "higher the on-time rate, the more points).",
    ),
    "method_index_total": (
        "Tổng điểm tối đa của các nhóm: {total}.",
        "The groups' maximum points add up to {total}.",
    ),
    "method_index_unmeasured": (
        "Nhóm {groups} ({points} điểm) không đo được từ dữ liệu các tỉnh gửi về, nên điểm của "
        "một phường, xã hay một tỉnh được quy về thang 100 trên {measured} điểm đo được.",
        "The {groups} group ({points} points) cannot be measured from the data the provinces "
        "send, so a ward's or a province's score is rescaled to 100 over the {measured} points "
        "that can be.",
    ),
    "method_index_scale": (
        "Một chỉ tiêu không có hồ sơ nào để tính trong tháng (chẳng hạn không có hồ sơ nào có "
        "phí) cũng được để ra ngoài như vậy. Chỉ số là điểm trên thang 100, không phải tỷ lệ "
        "phần trăm, và được tính cho tháng cuối của kỳ đang xem.",
        "An indicator with nothing to measure in a month (say, no dossier with a fee) is left "
        "out the same way. The index is points out of 100, not a percentage, and is given for "
        "the last month of the period shown.",
    ),
    "method_index_country": (
        "Chỉ số của cả nước là trung bình cộng chỉ số của các tỉnh, thành, không tính theo số "
        "hồ sơ; tháng nào có tỉnh chưa có chỉ số thì lấy trung bình các tỉnh có chỉ số, và "
        "trang ghi rõ số tỉnh.",
        "The country's index is the plain average of the provinces' indexes, not weighted by "
        "dossiers; in a month when a province has none, it is the average of those that have "
        "one, and the page says how many.",
    ),
    "method_index_groups_words": (
        "Các nhóm chỉ tiêu: công khai, minh bạch; tiến độ giải quyết; dịch vụ công trực tuyến; "
        "thanh toán trực tuyến; mức độ hài lòng; số hóa hồ sơ. Nhóm công khai, minh bạch không "
        "đo được từ dữ liệu các tỉnh gửi về, nên điểm được quy về thang 100 trên các nhóm còn "
        "lại. Chỉ số là điểm trên thang 100, không phải tỷ lệ phần trăm.",
        "The groups: publicity and transparency; handling progress; online public services; "
        "online payment; satisfaction; digitisation. Publicity cannot be measured from the data "
        "the provinces send, so the score is rescaled to 100 over the other groups. The index "
        "is points out of 100, not a percentage.",
    ),
    "method_col_group": ("Nhóm chỉ tiêu", "Group"),
    "method_col_points": ("Điểm tối đa", "Maximum points"),
    "method_col_measured": ("Đo từ dữ liệu", "Measured from the data"),
    "method_col_what": ("Đo điều gì", "What it measures"),
    "method_yes": ("có", "yes"),
    "method_no": ("không", "no"),
    "method_none": ("không có", "none"),
    "method_group_publicity": ("Công khai, minh bạch", "Publicity and transparency"),
    "method_group_publicity_what": (
        "Thủ tục, hồ sơ và kết quả được công khai (không có trong dữ liệu các tỉnh gửi về)",
        "Procedures, dossiers and results made public (not in the data the provinces send)",
    ),
    "method_group_progress": ("Tiến độ giải quyết", "Handling progress"),
    "method_group_progress_what": (
        "Tỷ lệ hồ sơ xong đúng hạn; phần hồ sơ của tháng không bị quá hạn",
        "The share finished on time; the share of the month's dossiers not overdue",
    ),
    "method_group_online_service": ("Dịch vụ công trực tuyến", "Online public services"),
    "method_group_online_service_what": (
        "Tỷ lệ hồ sơ nộp trực tuyến; tỷ lệ nộp trực tuyến ở các thủ tục làm được trực tuyến "
        "toàn trình",
        "The share received online; the online share of procedures that can be done fully online",
    ),
    "method_group_online_payment": ("Thanh toán trực tuyến", "Online payment"),
    "method_group_online_payment_what": (
        "Tỷ lệ hồ sơ có phí, lệ phí được thanh toán trực tuyến",
        "The share of dossiers with a fee that paid it online",
    ),
    "method_group_satisfaction": ("Mức độ hài lòng", "Satisfaction"),
    "method_group_satisfaction_what": (
        "Phần hồ sơ không quá hạn, trừ đi phần đánh giá chưa hài lòng của người dân",
        "The share not overdue, less the share of citizens' poor ratings",
    ),
    "method_group_digitisation": ("Số hóa hồ sơ", "Digitisation"),
    "method_group_digitisation_what": (
        "Tỷ lệ hồ sơ có giấy tờ được số hóa; tỷ lệ kết quả cấp bản điện tử",
        "The share of dossiers with digitised papers; the share of results issued electronically",
    ),
    "method_days_title": ("Ngày làm việc và ngày lễ", "Working days and holidays"),
    "method_working_days": (
        "Số ngày giải quyết và thời hạn luật định của thủ tục tính theo **ngày làm việc**: "
        "không tính thứ Bảy, Chủ nhật và các ngày nghỉ lễ, Tết theo lịch của Nhà nước; ngày "
        "cuối tuần phải đi làm bù cho một ngày nghỉ được tính là ngày làm việc. Ngày hẹn trả "
        "do hệ thống một cửa của tỉnh ghi khi tiếp nhận hồ sơ. Lịch dưới đây là lịch mà số "
        "liệu đã dùng.",
        "Processing days and a procedure's statutory time are counted in **working days**: "
        "Saturdays, Sundays and the public holidays of the State's calendar (Tết included) are "
        "left out; a weekend day worked in exchange for a day off counts as a working day. The "
        "promised return date is the one the province's one-stop system set when it received "
        "the dossier. The calendar below is the one the figures were worked out with.",
    ),
    "method_days_off": (
        "Năm {year}: nghỉ lễ, Tết {days}; ngày cuối tuần làm bù {worked}.",
        "{year}: holidays {days}; weekend days worked {worked}.",
    ),
    "method_deadlines_public": (
        "**Ngày hẹn trả** do hệ thống một cửa của tỉnh ghi khi tiếp nhận hồ sơ, theo thời hạn "
        "luật định của thủ tục, thường tính bằng ngày làm việc (không tính thứ Bảy, Chủ nhật, "
        "ngày nghỉ lễ, Tết).",
        "**The promised return date** is the one the province's one-stop system set when it "
        "received the dossier, from the procedure's statutory time, usually counted in working "
        "days (without Saturdays, Sundays and public holidays).",
    ),
    "method_period_title": ("Kỳ báo cáo và ngày số liệu", "Periods and the as-of day"),
    "method_period": (
        "Mỗi trang xem một **kỳ**: một tháng, một quý hoặc một khoảng ngày tự chọn. Số hồ sơ "
        "là tổng trong kỳ; số tồn đọng là số tại ngày cuối kỳ; mức thay đổi so với kỳ trước "
        "tương ứng. Kỳ chưa kết thúc chỉ có số liệu đến ngày số liệu. Chính quyền địa phương "
        "hai cấp vận hành từ ngày {reform}; kỳ bắt đầu trước ngày đó được ghi rõ.",
        "Every page looks at a **period**: a month, a quarter or a range of days you choose. "
        "Counts are totals over the period; the backlog is taken on its last day; changes are "
        "against the matching previous period. A period not yet over has figures up to the "
        "as-of day only. Two-tier local government began on {reform}; a period starting before "
        "that day is marked so.",
    ),
    "method_as_of": (
        "**Ngày số liệu** là ngày gần nhất có hồ sơ được tiếp nhận, giải quyết, trả kết quả hay "
        "rút, dừng trong dữ liệu đã nạp (ngày hẹn trả nằm ở tương lai nên không tính): hiện là "
        "{day}.",
        "The **as-of day** is the latest day on which a dossier in the loaded data was "
        "received, finished, returned, withdrawn or stopped (promised dates, which lie ahead, "
        "do not count): now {day}.",
    ),
    "method_sources_title": (
        "Số liệu lấy từ đâu, cập nhật khi nào",
        "Where the data come from, and how often",
    ),
    "method_sources": (
        "Hồ sơ thủ tục hành chính đến từ hệ thống giải quyết thủ tục hành chính của từng tỉnh, "
        "thành (cùng bản ghi mà các hệ thống này gửi lên Cổng Dịch vụ công quốc gia). Nhân sự "
        "và trụ sở đến từ báo cáo định kỳ của các tỉnh. Tên, số giấy tờ, số điện thoại hay ý "
        "kiến của người dân không được lưu ở dạng đọc được.",
        "Dossiers come from each province's administrative-procedure system (the same records "
        "these systems send to the National Public Service Portal). Staffing and premises come "
        "from the provinces' periodic reports. No citizen's name, identity number, phone number "
        "or comment is kept in readable form.",
    ),
    "method_refresh": (
        "Khi có tệp mới, hệ thống nạp và tính lại số liệu theo lịch của đơn vị vận hành "
        "(thường hằng ngày); số liệu trên trang chỉ được thay khi lần tính mới qua hết các bước "
        "kiểm tra. Số liệu hiện tại được tính lúc {at}. Trang Dữ liệu cho biết ngày có hồ sơ "
        "gần nhất của từng tỉnh, phường, xã và các dòng dữ liệu bị loại vì sai quy tắc.",
        "When new files arrive, the system loads them and works the figures out again on the "
        "operator's schedule (usually daily); the figures shown change only when the new run "
        "passes every check. The current figures were worked out at {at}. The Data page shows "
        "each province's and ward's latest dossier day and the rows set aside for breaking a "
        "rule.",
    ),
    # methodology: the technical tab
    "method_technical_intro": (
        "Định nghĩa chính xác, dùng tên trường của bản ghi hồ sơ (như bản ghi gửi Cổng Dịch vụ "
        "công quốc gia) và tên bảng trong tệp số liệu công bố. Mỗi định nghĩa được tính một "
        "lần, trong các mô hình dữ liệu (dbt), và mọi trang đọc cùng một kết quả.",
        "The exact definitions, with the field names of the dossier records (as sent to the "
        "National Public Service Portal) and the table names of the published data file. Each "
        "is computed once, in the data models (dbt), and every page reads the same result.",
    ),
    "method_indicators_title": ("Chỉ tiêu và bậc điểm", "Indicators and point steps"),
    "method_col_indicator": ("Chỉ tiêu (mã)", "Indicator (code)"),
    "method_col_steps": (
        "Bậc điểm: từ giá trị → phần điểm",
        "Steps: from a value → share of the points",
    ),
    "method_tables_title": (
        "Bảng trong tệp số liệu công bố",
        "Tables in the published data file",
    ),
    "method_tables": ("Lược đồ `marts`: {tables}.", "Schema `marts`: {tables}."),
    "method_build": (
        "Bản dựng {build}, tính lúc {at}; số liệu đến ngày {day}.",
        "Build {build}, worked out at {at}; data up to {day}.",
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
        "trọng số (tháng nào có tỉnh chưa có chỉ số thì trung bình các tỉnh có chỉ số, và "
        "trang ghi rõ số tỉnh).",
        "**service index**: points per indicator group (progress, online service, online payment, "
        "satisfaction, digitisation) rescaled to 100 over the points that can be measured "
        "(publicity cannot be measured from the data). The whole country: mean of the 34 "
        "provinces' indexes, unweighted (in a month when some province has none, the mean of "
        "those that have one, and the page says how many).",
    ),
    "def_reconcile": (
        "Số liệu phường, xã và tỉnh khớp nhau: tổng các phường, xã cộng dòng cấp tỉnh bằng dòng "
        "của tỉnh, cho mọi cột và mọi tháng.",
        "Ward and province numbers reconcile: the sum over a province's wards plus its province-"
        "level dossiers equals the province row, for every flow column and month.",
    ),
    # sources: where a block's numbers come from, in words (the feed, the system that sends
    # it, how they are added up); pages/_common.block adds when the figures were worked out
    "source_built": (
        "{source}; số liệu tính lúc {at} (giờ Việt Nam)",
        "{source}; figures worked out at {at} (Vietnam time)",
    ),
    "src_ward_daily": (
        "hồ sơ thủ tục hành chính do hệ thống giải quyết thủ tục hành chính của các tỉnh, "
        "thành gửi lên (tệp hồ sơ), cộng theo ngày cho từng phường, xã",
        "administrative-procedure dossiers sent by the provinces' one-stop systems (the "
        "dossier files), added up by day for each ward",
    ),
    "src_province_daily": (
        "hồ sơ thủ tục hành chính do hệ thống giải quyết thủ tục hành chính của các tỉnh, "
        "thành gửi lên (tệp hồ sơ), cộng theo ngày cho từng tỉnh, thành, gồm hồ sơ của cơ "
        "quan cấp tỉnh",
        "administrative-procedure dossiers sent by the provinces' one-stop systems (the "
        "dossier files), added up by day for each province, its provincial agencies' included",
    ),
    "src_field_daily": (
        "hồ sơ thủ tục hành chính do hệ thống giải quyết thủ tục hành chính của các tỉnh, "
        "thành gửi lên (tệp hồ sơ, lĩnh vực theo danh mục thủ tục), cộng theo ngày cho từng "
        "phường, xã và lĩnh vực",
        "administrative-procedure dossiers sent by the provinces' one-stop systems (the "
        "dossier files, fields from the procedure catalogue), added up by day for each ward "
        "and field",
    ),
    "src_dossiers": (
        "từng hồ sơ thủ tục hành chính do hệ thống giải quyết thủ tục hành chính của các tỉnh, "
        "thành gửi lên (tệp hồ sơ và danh mục thủ tục), không có dữ liệu cá nhân",
        "each administrative-procedure dossier sent by the provinces' one-stop systems (the "
        "dossier files and the procedure catalogue), without personal data",
    ),
    "src_service_index": (
        "chỉ số phục vụ tính theo Quyết định 766/QĐ-TTg từ hồ sơ của các tỉnh, thành, cho "
        "tháng cuối của kỳ",
        "the service index worked out as Decision 766/QĐ-TTg sets it, from the provinces' "
        "dossiers, for the period's last month",
    ),
    "src_alerts": (
        "cảnh báo do hệ thống này tự tính từ hồ sơ, báo cáo nhân sự và báo cáo trụ sở của các "
        "tỉnh, thành",
        "alerts this dashboard works out from the provinces' dossiers, staffing reports and "
        "premises reports",
    ),
    "src_backlog": (
        "hồ sơ đang giải quyết do hệ thống giải quyết thủ tục hành chính của các tỉnh, thành "
        "gửi lên (tệp hồ sơ và yêu cầu bổ sung), theo số ngày tồn đọng vào cuối ngày, gồm hồ sơ "
        "nhận từ đơn vị cũ",
        "pending dossiers sent by the provinces' one-stop systems (the dossier and supplement "
        "files), by age at the end of the day, the former units' handed-over dossiers included",
    ),
    "src_staffing": (
        "báo cáo nhân sự (biên chế và số người đang làm việc) mới nhất của các tỉnh, thành",
        "the provinces' latest staffing reports (posts and people in post)",
    ),
    "src_assets": (
        "báo cáo trụ sở, tài sản công mới nhất của các tỉnh, thành",
        "the provinces' latest reports on public premises",
    ),
    "src_freshness": (
        "nhật ký nạp tệp của hệ thống này: các tệp đã nhận, ngày có hồ sơ gần nhất và các dòng "
        "bị loại vì sai quy tắc",
        "this dashboard's log of the files it loaded: the files received, the latest day with "
        "dossiers and the rows set aside for breaking a rule",
    ),
    "src_overdue": (
        "từng hồ sơ quá hạn do hệ thống giải quyết thủ tục hành chính của các tỉnh, thành gửi "
        "lên (tệp hồ sơ và yêu cầu bổ sung)",
        "each overdue dossier sent by the provinces' one-stop systems (the dossier and "
        "supplement files)",
    ),
    "src_why_late": (
        "hồ sơ do hệ thống giải quyết thủ tục hành chính của các tỉnh, thành gửi lên (tệp hồ "
        "sơ, yêu cầu bổ sung và danh mục cơ quan), cộng theo ngày cho từng phường, xã, lĩnh "
        "vực, cơ quan xử lý và số lần yêu cầu bổ sung",
        "dossiers sent by the provinces' one-stop systems (the dossier, supplement and agency "
        "files), added up by day for each ward, field, handling agency and number of "
        "supplement requests",
    ),
    "src_field_staffing": (
        "báo cáo nhân sự mới nhất của các tỉnh, thành, theo phường, xã và lĩnh vực",
        "the provinces' latest staffing reports, by ward and field",
    ),
    # the leaders' edition after the trial of issue 20: procedures, data, ward search
    "slowest_rule": (
        "Chỉ xếp hạng thủ tục có ít nhất {n} hồ sơ đã giải quyết trong kỳ, như xếp hạng phường, "
        "xã; các thủ tục ít hồ sơ hơn có trong bảng Từng thủ tục bên dưới.",
        "Only procedures with at least {n} finished dossiers in the period are ranked, as for "
        "wards; those with fewer are in the Per procedure table below.",
    ),
    "slowest_none": (
        "Không thủ tục nào có đủ {n} hồ sơ đã giải quyết trong kỳ để xếp hạng.",
        "No procedure finished {n} dossiers or more in the period to be ranked.",
    ),
    "method_overdue_per_1000": (
        "**Quá hạn trên 1.000 hồ sơ tiếp nhận** cho biết cứ 1.000 hồ sơ một phường, xã hay một "
        "tỉnh, thành tiếp nhận trong kỳ thì có bao nhiêu hồ sơ đang quá hạn lúc kỳ kết thúc, để "
        "so được nơi nhiều hồ sơ với nơi ít hồ sơ. Số bị chia là số hồ sơ quá hạn tồn đọng (như "
        "trên) vào cuối ngày cuối của kỳ, hoặc của ngày có số liệu gần nhất khi kỳ chưa hết. Số "
        "chia là số hồ sơ tiếp nhận trong kỳ. Kỳ là kỳ đang chọn ở bộ lọc (tháng, quý hay "
        "khoảng ngày). Ví dụ: 12 hồ sơ quá hạn ở nơi tiếp nhận 800 hồ sơ trong kỳ là 15 trên "
        "1.000. Hồ sơ quá hạn có thể đã được tiếp nhận từ trước kỳ, nên đây là một tỷ số, không "
        "phải phần trăm của số tiếp nhận. Không tính khi kỳ không có hồ sơ tiếp nhận.",
        "**Overdue per 1,000 received** tells how many dossiers are overdue when the period "
        "ends for every 1,000 dossiers a ward or a province received in it, so that a busy place "
        "and a quiet one can be compared. The number divided is the overdue backlog (as above) "
        "at the end of the period's last day, or of the latest day with data while the period "
        "is not over. The number it is divided by is the dossiers received in the period. The "
        "period is the one chosen in the filter (a month, a quarter or a range of days). For "
        "example, 12 overdue dossiers where 800 were received in the period make 15 per 1,000. "
        "An overdue dossier may have been received before the period, so this is a ratio, not "
        "a share of the dossiers received. It is not computed when nothing was received.",
    ),
    "def_overdue_per_1000_formula": (
        "**Quá hạn trên 1.000 hồ sơ tiếp nhận** (`overdue_per_1000`) = 1.000 × quá hạn tồn đọng "
        "cuối ngày cuối của kỳ (`pending_overdue_end` của ngày cuối có trong kỳ, tối đa đến ngày "
        "số liệu) / tổng `received` các ngày trong kỳ; rỗng khi tổng này bằng 0. Theo phường, xã "
        "từ `rpt_ward_daily`, theo tỉnh từ `rpt_province_daily` (gồm cấp tỉnh), theo lĩnh vực "
        "từ `rpt_unit_field_daily`.",
        "**Overdue per 1,000 received** (`overdue_per_1000`) = 1,000 × the overdue backlog at "
        "the end of the period's last day (`pending_overdue_end` of the last day of the period "
        "there is, at most the as-of day) / the sum of `received` over the period's days; empty "
        "when that sum is 0. Per ward from `rpt_ward_daily`, per province from "
        "`rpt_province_daily` (province level included), per field from `rpt_unit_field_daily`.",
    ),
    "freshness_status": ("Tình trạng", "Status"),
    "freshness_has_data": ("Có số liệu", "Has data"),
    "freshness_no_data": ("Chưa có số liệu", "No data yet"),
    "freshness_order": (
        "Tỉnh, thành có số liệu xếp trước, ngày có hồ sơ gần nhất trước; {n} tỉnh, thành chưa "
        "có số liệu xếp cuối bảng.",
        "Provinces with data come first, the latest dossier day first; the {n} without data "
        "yet are at the end.",
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
