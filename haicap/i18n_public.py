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
    "pub_withheld_mark": ("ẩn", "withheld"),
    "pub_service_points": ("Chỉ số phục vụ (điểm/100)", "Service index (points of 100)"),
    "pub_withheld_note": (
        "“ẩn”: số liệu không công bố, vì là số đếm nhỏ hơn {min_count} (hay tỷ lệ tính trên "
        "ít hơn {min_denominator} hồ sơ), hoặc vì công bố nó sẽ giúp suy ra một số nhỏ như "
        "vậy từ tổng. Một ô “ẩn” vì thế có thể lớn hay nhỏ. Việc ẩn số nhỏ bảo vệ người dân "
        "khỏi bị nhận diện.",
        "“withheld”: not published, because it is a count below {min_count} (or a rate on "
        "fewer than {min_denominator} dossiers), or because publishing it would let such a "
        "small number be worked out from a total. A withheld cell may therefore be large or "
        "small. Withholding small numbers keeps citizens from being identified.",
    ),
    "pub_month": ("Tháng", "Month"),
    "pub_unit_province": ("Tỉnh, thành phố", "Province"),
    "pub_country": ("Cả nước (các tỉnh có số liệu)", "Whole country (provinces with data)"),
    "pub_headline": ("{where} — {period}", "{where} — {period}"),
    "pub_pending_overdue": ("Hồ sơ quá hạn tồn đọng", "Overdue backlog"),
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
    # rankings by the measure chosen (helper "rank", issue #20)
    "pub_ranking_by_title": (
        "Xếp hạng các tỉnh, thành theo {metric} — {period}",
        "Provinces ranked by {metric} — {period}",
    ),
    "pub_units_by_title": (
        "Các phường, xã của {where} theo {metric} — {period}",
        "Wards and communes of {where} by {metric} — {period}",
    ),
    "pub_ranking_rule": (
        "Xếp hạng theo {metric} ({direction}); giá trị bằng nhau thì cùng hạng; ô bị ẩn hoặc "
        "không có số liệu thì không có hạng và đứng cuối bảng. Bấm vào một dòng để mở trang "
        "của phường, xã đó.",
        "Ranked by {metric} ({direction}); equal values share a rank; a withheld or missing "
        "value has no rank and is listed last. Click a row to open that ward's page.",
    ),
    # a province's place and the province ranking's own rule (issue #20, helper "public")
    "pub_province_ranking_rule": (
        "Hạng trong {of} tỉnh, thành, xếp theo {metric} ({direction}); giá trị bằng nhau thì "
        "cùng hạng; tỉnh, thành có số liệu bị ẩn hoặc không có số liệu thì không có hạng và "
        "đứng cuối bảng. Bấm vào một dòng để xem tổng quan của tỉnh, thành đó.",
        "Rank among {of} provinces, by {metric} ({direction}); equal values share a rank; a "
        "province whose value is withheld or missing has no rank and is listed last. Click a "
        "row for that province's overview.",
    ),
    "pub_per_1000_withheld": (
        "Số quá hạn trên 1.000 hồ sơ tiếp nhận chỉ được công bố khi cả số hồ sơ quá hạn lẫn số "
        "tiếp nhận của tháng đều được công bố, và số tiếp nhận từ {min_denominator} trở lên: "
        "nó không cho biết thêm điều gì về một ô bị ẩn.",
        "Overdue per 1,000 received is published only where both the overdue and the "
        "received count of the month are, with at least {min_denominator} received: it tells "
        "nothing more about a withheld cell.",
    ),
    "pub_province_withheld_rank": (
        "{province} không có hạng theo {metric} trong tháng này: số liệu bị ẩn.",
        "{province} has no rank by {metric} this month: the figure is withheld.",
    ),
    "pub_province_no_data": ("{province} (chưa có số liệu)", "{province} (no data yet)"),
    "pub_province_level_unit": ("Cấp tỉnh — {province}", "Province level — {province}"),
    "pub_direction_high": ("cao hơn là tốt hơn", "higher is better"),
    "pub_direction_low": ("thấp hơn là tốt hơn", "lower is better"),
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
    "pub_method_technical": (
        "Định nghĩa kỹ thuật (theo từng trường dữ liệu) ở trang Phương pháp, thẻ “Định nghĩa kỹ "
        "thuật”.",
        "The technical definitions (field by field) are on the Methodology page, under "
        "“Technical definitions”.",
    ),
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
        "Ô không công bố ghi “ẩn”. Trong CSV, tỷ lệ là phần trăm với một chữ số thập phân (cột "
        "có “(%)”), dấu thập phân là dấu chấm để mọi phần mềm bảng tính đọc được; trong XLSX, số "
        "là số và tỷ lệ là phần trăm.",
        "Download all public figures of a province (every ward and month) in one file. Withheld "
        "cells read “withheld”. In the CSV, rates are percentages with one decimal (95.3 in a "
        "column headed “(%)” is 95.3%); in the XLSX, numbers are numbers and rates are "
        "percentages.",
    ),
    "pub_every_month": ("từng tháng", "month by month"),
    "pub_download_province": ("Tỉnh, thành phố cần tải", "Province to download"),
    "pub_no_data": ("Chưa có số liệu công khai.", "No public figures yet."),
    "pub_method_intro": (
        "Bản công khai cho biết các tỉnh, thành và các phường, xã giải quyết thủ tục hành chính "
        "ra sao, theo từng tháng. Bản này chỉ có số liệu tổng hợp: không có hồ sơ nào, không có "
        "tên, số giấy tờ hay bất kỳ thông tin nào về một người dân.",
        "The public edition shows how provinces, wards and communes handle administrative "
        "procedures, month by month. It holds aggregates only: no dossier, no names, no "
        "identity numbers, nothing about any one citizen.",
    ),
    "pub_method_analysts": (
        "Trang này giải thích bằng lời từng con số; định nghĩa chính xác cho người phân tích số "
        "liệu (tên trường dữ liệu, công thức, tên bảng) nằm ở thẻ “Định nghĩa kỹ thuật”.",
        "This page explains every number in words; the exact definitions for analysts (data "
        "fields, formulas, table names) are under “Technical definitions”.",
    ),
    "pub_method_period": (
        "Số liệu công khai theo **tháng**: số hồ sơ là tổng của tháng; số đang giải quyết và "
        "quá hạn là số tại cuối tháng (tại ngày số liệu, với tháng chưa kết thúc). **Ngày số "
        "liệu** là ngày gần nhất có hồ sơ được tiếp nhận, giải quyết, trả kết quả hay rút, dừng "
        "trong dữ liệu: hiện là {day}.",
        "Public figures are **monthly**: counts are the month's totals; pending and overdue "
        "dossiers are those at the end of the month (at the as-of day, for a month not yet "
        "over). The **as-of day** is the latest day on which a dossier in the data was "
        "received, finished, returned, withdrawn or stopped: now {day}.",
    ),
    "pub_method_withheld_title": ("Số nào bị ẩn và vì sao", "What is withheld, and why"),
    "pub_method_sources": (
        "Hồ sơ thủ tục hành chính đến từ hệ thống giải quyết thủ tục hành chính của từng tỉnh, "
        "thành (cùng bản ghi mà các hệ thống này gửi lên Cổng Dịch vụ công quốc gia). Số liệu "
        "công khai được tính lại cùng lúc với số liệu của lãnh đạo, theo lịch của đơn vị vận "
        "hành (thường hằng ngày), và chỉ được thay khi lần tính mới qua hết các bước kiểm tra, "
        "kể cả bước kiểm tra như người tấn công ở trên. Số liệu hiện tại được tính lúc {at}.",
        "Dossiers come from each province's administrative-procedure system (the same records "
        "these systems send to the National Public Service Portal). The public figures are "
        "worked out again together with the leaders' figures, on the operator's schedule "
        "(usually daily), and change only when the new run passes every check, the attacker's "
        "check above included. The current figures were worked out at {at}.",
    ),
    "pub_method_file": (
        "Tệp số liệu công khai `public.duckdb`, lược đồ `pub`: {tables}.",
        "The public data file `public.duckdb`, schema `pub`: {tables}.",
    ),
    "pub_method_withheld": (
        "**Số nhỏ bị ẩn.** Một số đếm từ 1 đến {max_small} không được công bố (hiện “ẩn”); số "
        "0 được công bố vì không nhận diện được ai. Vì tổng của tỉnh bằng tổng các phường, "
        "xã, số đã giải quyết bằng tổng số trước hạn, đúng hạn và trễ hạn, và số tồn cuối "
        "tháng bằng số tồn tháng trước cộng số tiếp nhận trừ số đã giải quyết và số rút, "
        "dừng, nên có thêm ô bị ẩn để không phép tính nào suy ra được số nhỏ: trong một tỉnh "
        "và một tháng, các ô bị ẩn của một chỉ số luôn có ít nhất hai ô và cộng lại từ "
        "{min_count} trở lên, hoặc số của tỉnh cũng bị ẩn; số tiếp nhận và số đã giải quyết "
        "của một tháng được ẩn cùng nhau; số tồn bị ẩn khi các tháng xung quanh sẽ làm lộ một "
        "số nhỏ. Số hồ sơ rút, dừng không được công bố. Một tỷ lệ tính trên ít hơn "
        "{min_denominator} hồ sơ, hoặc sẽ làm lộ một số bị ẩn, không được công bố. Tổng cả "
        "nước bị ẩn khi số của một tỉnh bị ẩn. Chỉ số phục vụ là điểm trên thang 100, không "
        "phải tỷ lệ phần trăm.",
        "**Small numbers are withheld.** A count from 1 to {max_small} is not published "
        "(shown “withheld”); zeros are published, as they identify nobody. Because a "
        "province's figure is the sum of its wards', the finished count is the sum of early, "
        "on-time and late, and the month's backlog is the month before's plus received minus "
        "finished minus withdrawn or stopped, more cells are withheld so that no sum or "
        "difference reveals a small number: in a province and month, the withheld cells of a "
        "measure are at least two and add up to {min_count} or more, or the province's own "
        "figure is withheld too; a month's received and finished are withheld together; a "
        "backlog is withheld when the months around it would reveal a small number. Withdrawn "
        "and stopped dossiers are not published. A rate on fewer than {min_denominator} "
        "dossiers, or one that would reveal a withheld count, is not published. The country "
        "total is withheld when one province's figure is. The service index is in points out "
        "of 100, not a percentage.",
    ),
    "pub_method_audit": (
        "**Kiểm tra như một người tấn công trước khi công bố.** Không chỉ phép cộng, trừ mới "
        "có rủi ro: ghép tất cả số đã công bố với các ràng buộc giữa chúng (không số nào âm, "
        "số nộp trực tuyến không vượt số tiếp nhận, số quá hạn không vượt số tồn), một ô bị "
        "ẩn vẫn có thể bị thu hẹp. Vì vậy mỗi lần dựng số liệu, trước khi công bố, hệ thống tự "
        "đóng vai người tấn công: với từng ô bị ẩn, nó tính (bằng quy hoạch tuyến tính) giá "
        "trị nhỏ nhất và lớn nhất mà ô đó có thể có khi biết mọi số đã công bố. Nếu khoảng đó "
        "hẹp hơn {min_count} giá trị, hệ thống ẩn thêm một ô liên quan rồi kiểm tra lại, "
        "cho đến khi không ô bị ẩn nào bị thu hẹp dưới {min_count} giá trị. Một chương trình "
        "tấn công khác, viết riêng, kiểm tra lại tệp công khai trong các bài kiểm thử.\n\n"
        "**Điều không được bảo đảm.** Người đã biết thông tin từ nguồn khác (chẳng hạn số hồ "
        "sơ một bộ phận đã nhận trong tháng) có thể suy ra nhiều hơn những gì bản công khai "
        "cho biết. Khoảng giá trị được tính như thể số đếm có thể là số lẻ, nên trong trường "
        "hợp hiếm, khoảng thật có thể hẹp hơn chưa đến một giá trị.",
        "**Checked by an attacker before publishing.** Sums and differences are not the only "
        "risk: put together, every published figure and the rules they obey (no count below "
        "zero, no more received online than received, no more overdue than pending) can "
        "still narrow a withheld figure down. So every build plays the attacker before it "
        "publishes: for each withheld cell it works out, by linear programming, the smallest "
        "and the largest value that cell could have given everything published. Where that "
        "range spans fewer than {min_count} values, it withholds one more linked figure and checks "
        "again, until no withheld cell can be narrowed to fewer than {min_count} values. A second "
        "attacker, written separately, checks the published file again in our tests.\n\n"
        "**What this does not promise.** A reader who knows facts from elsewhere (say, how "
        "many dossiers one office received in a month) can learn more than the edition alone "
        "tells. The ranges are worked out as if counts could be fractions, so in rare cases "
        "the true range is narrower by less than one value.",
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
