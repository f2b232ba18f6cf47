"""The journalists' public edition (#6): what public.duckdb holds (and does not), the pages
through AppTest on a data folder that holds ONLY public.duckdb, and what downloads contain.

One small world (one province of the demo, few dossiers, so most ward cells are withheld)."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from haicap import i18n
from tests.browser.world import HAICAP, ROOT
from warehouse import public_queries as pq

PUBLIC_APP = ROOT / "public_app.py"
COUNTS = pq.COUNTS
IDENTITY_WORDS = ("hash", "giayto", "cmnd", "cccd", "phone", "email", "dien_thoai", "address")
NAME_COLUMNS_ALLOWED = {"ward_name", "province_name", "unit_name"}


@pytest.fixture(scope="module")
def world(demo_world: Path) -> Path:
    return demo_world


@pytest.fixture(scope="module")
def public_only(world: Path, tmp_path_factory) -> Path:
    """A data folder with public.duckdb and nothing else: no leaders' warehouse to open."""
    root = tmp_path_factory.mktemp("public_only")
    (root / "published").mkdir()
    shutil.copy(world / "published" / "public.duckdb", root / "published" / "public.duckdb")
    old = os.environ.get("HAICAP_DATA_DIR")
    os.environ["HAICAP_DATA_DIR"] = str(root)
    yield root
    if old is None:
        os.environ.pop("HAICAP_DATA_DIR", None)
    else:
        os.environ["HAICAP_DATA_DIR"] = old


def pub(world: Path, sql: str, *params: object) -> list[tuple]:
    con = duckdb.connect(str(world / "published" / "public.duckdb"), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


# -- the file ------------------------------------------------------------------------------------


def test_public_file_holds_only_the_pub_schema_and_no_dossier_level_table(world: Path) -> None:
    tables = pub(
        world,
        "select table_schema, table_name from information_schema.tables "
        "where table_catalog = current_database()",
    )
    assert {schema for schema, _ in tables} == {"pub"}
    units = pub(world, "select count(*) from pub.pub_unit_monthly")[0][0]
    assert units > 0
    (unit_count, month_count) = pub(
        world, "select count(distinct unit_code), count(distinct month) from pub.pub_unit_monthly"
    )[0]
    wards = pub(world, "select count(*) from pub.pub_dim_ward")[0][0]
    provinces = pub(world, "select count(*) from pub.pub_dim_province")[0][0]
    ceiling = max(unit_count, wards + provinces) * max(month_count, 1)
    for _, table in tables:
        rows = pub(world, f'select count(*) from pub."{table}"')[0][0]
        assert rows <= ceiling, f"{table} has {rows} rows, more than units x months ({ceiling})"
    columns = {
        (table, column.lower())
        for table, column in pub(
            world, "select table_name, column_name from information_schema.columns"
        )
    }
    dossier_columns = [c for c in columns if c[1] in ("mahoso", "ma_ho_so", "dossier_code")]
    assert not dossier_columns, dossier_columns
    as_of, months = pub(
        world,
        "select (select as_of_day from pub.build_info), "
        "(select max(month) from pub.pub_unit_monthly)",
    )[0]
    assert as_of is not None and as_of >= months  # the file says up to which day it runs


def test_public_file_has_no_column_that_could_identify_a_citizen(world: Path) -> None:
    columns = [
        column.lower()
        for (column,) in pub(world, "select column_name from information_schema.columns")
    ]
    assert "sogiaytochuhoso_hash" not in columns
    assert not [c for c in columns if c.endswith("_hash") or any(w in c for w in IDENTITY_WORDS)]
    names = [c for c in columns if "name" in c or c == "ten" or c.startswith("ho_ten")]
    assert set(names) <= NAME_COLUMNS_ALLOWED, names


@pytest.mark.parametrize("table", ["pub_unit_monthly", "pub_province_monthly"])
def test_no_published_count_is_between_one_and_nine_and_every_withheld_one_is_null(
    world: Path, table: str
) -> None:
    for column in COUNTS:
        small, leaked, flagged = pub(
            world,
            f"select count(*) filter (where not {column}_withheld and {column} between 1 and 9), "
            f"count(*) filter (where {column}_withheld and {column} is not null), "
            f"count(*) filter (where {column}_withheld) from pub.{table}",
        )[0]
        assert small == 0, f"{table}.{column}: {small} published counts under 10"
        assert leaked == 0, f"{table}.{column}: {leaked} withheld cells still hold a number"
    # the small world has withheld cells, so the assertions above are not vacuous
    assert pub(world, f"select count(*) from pub.{table} where received_withheld")[0][0] > 0


def test_published_rates_rest_on_at_least_twenty_dossiers(world: Path) -> None:
    for rate, denominator in (("online_share", "received"), ("on_time_rate", "finished")):
        bad = pub(
            world,
            f"select count(*) from pub.pub_unit_monthly where not {rate}_withheld "
            f"and ({rate} is null or ({denominator} is not null and {denominator} < 20))",
        )[0][0]
        assert bad == 0, rate


def test_a_withheld_ward_cell_cannot_be_derived_from_the_province_total(world: Path) -> None:
    """Province total minus the other units' published cells must never give a withheld cell
    away: a province-month with a published total never has exactly one withheld unit cell."""
    for column in COUNTS:
        lone = pub(
            world,
            f"""
            select u.province_code, u.month, count(*) filter (where u.{column}_withheld) as hidden
            from pub.pub_unit_monthly u
            join pub.pub_province_monthly p using (province_code, month)
            where not p.{column}_withheld
            group by all
            having hidden = 1
            """,
        )
        assert not lone, f"{column}: one withheld cell beside a published total: {lone[:3]}"


def test_a_withheld_count_cannot_be_derived_from_its_own_row(world: Path) -> None:
    for table in ("pub_unit_monthly", "pub_province_monthly"):
        derivable = pub(
            world,
            f"""
            select count(*) from pub.{table}
            where not finished_withheld
              and (finished_early_withheld::int + finished_on_time_withheld::int
                   + finished_late_withheld::int) = 1
            """,
        )[0][0]
        assert derivable == 0, f"{table}: {derivable} rows where one part of finished is derivable"
        revealing_rates = pub(
            world,
            f"""
            select count(*) from pub.{table}
            where (not on_time_rate_withheld
                   and (finished_late_withheld or finished_early_withheld
                        or finished_on_time_withheld))
               or (not online_share_withheld and received_online_withheld)
            """,
        )[0][0]
        assert revealing_rates == 0, f"{table}: a published rate beside a withheld part"
        family_split = pub(
            world,
            f"""
            select count(*) from pub.{table}
            where finished_withheld <> finished_late_withheld
               or finished_early_withheld <> finished_on_time_withheld
               or finished_withheld <> finished_early_withheld
            """,
        )[0][0]
        assert family_split == 0, f"{table}: the finished family is withheld only in part"


# -- the query layer and the pages, on a folder with nothing but public.duckdb -------------------


def test_the_public_edition_works_without_the_leaders_warehouse(public_only: Path) -> None:
    pq.monthly.cache_clear()
    assert not (public_only / "published" / "warehouse.duckdb").exists()
    frame = pq.monthly("46")
    assert frame.height > 0
    assert pq.search_wards("kim long", "46")["ward_code"].to_list() == ["19810"]
    assert pq.search_wards("Kim Long")["ward_name"].str.contains("Kim Long").all()
    assert not (public_only / "published" / "warehouse.duckdb").exists()


def test_both_editions_find_a_ward_typed_without_diacritics(world: Path, monkeypatch) -> None:
    """Xã Nam Đông is found by "dong" (đ typed as d) in the leaders' and the public edition
    alike: one search (warehouse.db.ward_search), the same answers."""
    from warehouse import queries as q

    monkeypatch.setenv("HAICAP_DATA_DIR", str(world))
    for text in ("dong", "nam dong", "NAM ĐÔNG", "Nam Đông", "20179"):
        leaders = q.search_wards(q.Scope(), text, "46")["ward_code"].to_list()
        public = pq.search_wards(text, "46")["ward_code"].to_list()
        assert "20179" in leaders, text
        assert public == leaders, text


def test_the_query_layer_takes_hostile_text_as_text(public_only: Path) -> None:
    assert pq.search_wards("'; drop table pub.pub_dim_ward; --").is_empty()
    assert pq.ward("19810' or '1'='1") is None
    assert pq.monthly("46' or '1'='1").is_empty()


def open_public(page: str, **params: str) -> AppTest:
    """A public page as its own script (the URL's filters in st.query_params). Not through the
    router: AppTest runs a `pages/` folder beside the main script in Streamlit's legacy mode."""
    at = AppTest.from_file(str(ROOT / "pages" / "public" / f"{page}.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if "lang" in params:
        at.session_state["lang"] = params["lang"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _withheld_month(world: Path, column: str) -> str:
    rows = pub(
        world,
        f"select strftime(month, '%Y-%m') from pub.pub_province_monthly "
        f"where province_code = '46' and {column}_withheld and month >= '2025-07-01' "
        "order by month desc limit 1",
    )
    if not rows:
        pytest.skip(f"no withheld {column} month in this world")
    return rows[0][0]


def _is_small_number(text: str) -> bool:
    digits = text.replace(".", "").replace(",", "").strip()
    return digits.isdigit() and 1 <= int(digits) <= 9


def test_overview_marks_a_withheld_headline_without_saying_it_is_small(
    public_only: Path,
) -> None:
    # A cell may be withheld to protect another (and be large): "< 10" would be false.
    month = _withheld_month(public_only, "pending_overdue_end")
    at = open_public("overview", prov="46", m=month)
    values = {m.label: m.value for m in at.metric}
    assert values["Hồ sơ quá hạn tồn đọng"] == "ẩn"
    assert not [v for v in values.values() if _is_small_number(v) or "< 10" in v]
    assert any("“ẩn”" in i.value for i in at.info)  # the explanation is on the page
    for table in at.dataframe:
        for column in table.value.columns:
            cells = [str(v) for v in table.value[column].tolist()]
            assert not [c for c in cells if _is_small_number(c)], (column, cells)
    shown = at.dataframe[-1].value
    assert "ẩn" in shown["Hồ sơ quá hạn tồn đọng"].tolist()
    every_cell = [str(v) for t in at.dataframe for c in t.value.columns for v in t.value[c]]
    assert not [c for c in every_cell if "< 10" in c or "n < 20" in c]


def test_overview_in_english(public_only: Path) -> None:
    at = open_public("overview", prov="46", lang="en")
    assert "Dossiers received" in [m.label for m in at.metric]


@pytest.mark.parametrize("page", ["provinces", "ward", "download", "methodology"])
def test_every_public_page_draws_and_never_shows_a_small_number(
    public_only: Path, page: str
) -> None:
    at = open_public(page, prov="46", ward="19810")
    assert not at.warning, [w.value for w in at.warning]
    cells = [
        str(v)
        for table in at.dataframe
        for column in table.value.columns
        if column not in ("month", "Tháng")
        for v in table.value[column].tolist()
    ]
    if page != "methodology":
        assert at.dataframe, page
        assert "ẩn" in cells, page  # the small world withholds ward cells
    assert not [c for c in cells if _is_small_number(c) or "< 10" in c], page
    assert any("ẩn" in i.value for i in at.info) or any("ẩn" in m.value for m in at.markdown)


def test_ward_page_is_found_by_search_and_kept_in_the_url(public_only: Path) -> None:
    at = open_public("ward")
    at.text_input(key="ward_search").input("phuong kim long").run()
    assert at.query_params["ward"] in ("19810", ["19810"])
    assert "Phường Kim Long" in " ".join(m.value for m in at.markdown)


def test_unknown_ward_in_the_url_is_a_sentence(public_only: Path) -> None:
    at = open_public("ward", ward="<script>alert(1)</script>")
    assert any("<script>" in w.value for w in at.warning)


# -- downloads -----------------------------------------------------------------------------------


def _exports(at: AppTest) -> dict[str, pl.DataFrame]:
    return dict(at.session_state["_haicap_exports"])


def test_the_whole_view_download_matches_the_view(public_only: Path) -> None:
    from pages._kit import EXPORT_NAMES_KEY
    from pages.public._public import export_frame, label, unit_words, zip_bytes

    at = open_public("download", prov="46")
    frames = _exports(at)
    assert set(frames) == {"province_by_month", "wards_by_month"}
    expected = export_frame(unit_words(pq.province_units_monthly("46"), "46"))
    assert frames["wards_by_month"].equals(expected)
    names = dict(at.session_state[EXPORT_NAMES_KEY])
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(frames, "README", names)))
    # the files are named in words, as the workbook's sheets
    ward_file = f"{names['wards_by_month']}.csv"
    assert sorted(archive.namelist()) == sorted(
        ["README.txt", f"{names['province_by_month']}.csv", ward_file]
    )
    assert "_" not in ward_file
    rows = list(csv.DictReader(io.StringIO(archive.read(ward_file).decode("utf-8-sig"))))
    assert len(rows) == expected.height
    assert not [c for c in rows[0] if c.endswith("_hash") or c.lower() == "mahoso"]
    withheld = 0
    for row in rows:
        for column in map(label, COUNTS):
            if row[column] == "ẩn":
                withheld += 1
            else:
                assert not 1 <= int(row[column]) <= 9, (column, row)
        rate = row[label("on_time_rate") + " (%)"]  # a percentage with one decimal
        assert rate in ("ẩn", "") or 0 <= float(rate) <= 100, row
    assert withheld > 0


VIETNAMESE = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")


def _proper_names(world: Path) -> list[str]:
    """The names that stay Vietnamese in English: wards', provinces' and the product's,
    longest first (not the units' names, which the build makes up in Vietnamese)."""
    found = {"Hai Cấp"}
    for table, column in (("pub_dim_ward", "ward_name"), ("pub_dim_province", "province_name")):
        found |= {name for (name,) in pub(world, f"select distinct {column} from pub.{table}")}
    return sorted(found, key=len, reverse=True)


def _export_cells(at: AppTest) -> list[tuple[str, str, str]]:
    """(file, header, cell) of every CSV the view offers and of its workbook's sheets."""
    from openpyxl import load_workbook

    from pages._kit import EXPORT_NAMES_KEY, RAW_EXPORTS_KEY
    from pages.public._public import view_xlsx, zip_bytes

    frames = _exports(at)
    names = dict(at.session_state[EXPORT_NAMES_KEY])
    cells = []
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(frames, "README", names)))
    for name in archive.namelist():
        if name.endswith(".csv"):
            text = archive.read(name).decode("utf-8-sig")
            for row in csv.DictReader(io.StringIO(text)):
                cells += [(name, header, value) for header, value in row.items()]
                cells += [(name, "header", header) for header in row]
    book = load_workbook(
        io.BytesIO(view_xlsx("README", dict(at.session_state[RAW_EXPORTS_KEY]), names))
    )
    for sheet in book.worksheets[1:]:
        cells.append(("xlsx", "sheet", sheet.title))
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) for h in next(rows)]
        cells += [("xlsx " + sheet.title, "header", h) for h in header]
        for row in rows:
            cells += [
                ("xlsx " + sheet.title, h, "" if v is None else str(v))
                for h, v in zip(header, row, strict=True)
            ]
    return cells


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("download", {"prov": "46"}),
        ("provinces", {"prov": "46"}),
        ("overview", {"prov": "46"}),
        ("ward", {"ward": "19810"}),
    ],
)
def test_english_exports_hold_english_words_and_codes_only(
    public_only: Path, world: Path, page: str, params: dict[str, str]
) -> None:
    """Every cell of every file an English view offers is English, or a proper name kept in
    Vietnamese ("Province level — Thành phố Huế", never "Cấp tỉnh — Thành phố Huế"), and a
    unit code column holds codes or nothing (never "Province level")."""
    names = _proper_names(world)
    try:
        at = open_public(page, lang="en", **params)
        i18n.set_language("en")  # the workbook is written in the view's language
        cells = _export_cells(at)
    finally:
        i18n.set_language("vi")
    assert cells
    vietnamese = []
    for where, header, value in cells:
        rest = value
        for name in names:
            rest = rest.replace(name, " ")
        if VIETNAMESE.search(rest):
            vietnamese.append((where, header, value))
    assert not vietnamese, vietnamese[:10]
    codes = [value for _, header, value in cells if header == "Unit code"]
    if page == "download":
        assert codes and "" in codes  # the province-level rows have no code
    assert all(code == "" or code.isdigit() for code in codes), sorted(set(codes))[:10]
    if page == "download":
        units = [value for _, header, value in cells if header == "Unit"]
        assert "Province level — Thành phố Huế" in units


@pytest.mark.parametrize(
    "table", ["pub_unit_monthly", "pub_province_monthly", "pub_country_monthly"]
)
def test_overdue_per_1000_is_published_only_beside_both_of_its_counts(world: Path, table: str):
    """The rate cannot give a withheld count away: it is published only where the overdue
    and the received counts both are (received at least 20), and it is their ratio."""
    unsafe, leaked = pub(
        world,
        f"select count(*) filter (where overdue_per_1000 is not null and (received_withheld "
        f"or pending_overdue_end_withheld or received < 20)), "
        f"count(*) filter (where overdue_per_1000_withheld and overdue_per_1000 is not null) "
        f"from pub.{table}",
    )[0]
    assert unsafe == 0 and leaked == 0
    rows = pub(
        world,
        f"select received, pending_overdue_end, overdue_per_1000 from pub.{table} "
        "where overdue_per_1000 is not null",
    )
    for received, overdue, rate in rows:
        assert rate == pytest.approx(1000 * overdue / received, abs=0.05)


def test_the_public_wards_rank_on_overdue_per_1000_received(public_only: Path) -> None:
    from pages.public._public import label as header

    at = open_public("provinces", prov="46", metric="overdue_per_1000")
    wards = at.dataframe[-1].value
    label = i18n.t("overdue_per_1000")
    # the name, then the metric ranked on (a phone shows these two), then the rank
    assert list(wards.columns)[:3] == [header("unit_name"), label, i18n.t("rank")]
    month = pq.months()[-1]
    units = pq.ranked_by(pq.unit_ranking("46", month), "overdue_per_1000")
    ranked = units.filter(pl.col("rank").is_not_null())
    # ranked rows only where the rate is published, lowest first; withheld ones unranked
    assert ranked["overdue_per_1000_withheld"].not_().all()
    assert ranked["overdue_per_1000"].to_list() == sorted(ranked["overdue_per_1000"].to_list())
    shown_ranks = [r for r in wards[i18n.t("rank")] if r and r != "–"]
    assert len(shown_ranks) == ranked.height
    hidden = wards[wards[label] == "ẩn"]
    assert all(r in (None, "–") for r in hidden[i18n.t("rank")])


def test_the_province_ranking_says_what_a_click_on_a_province_does(public_only: Path) -> None:
    from pages.public._public import label as header

    at = open_public("provinces", prov="46")
    captions = [c.value for c in at.caption]
    rule = i18n.t("pub_province_ranking_rule", metric="|", direction="|", of=34)
    assert any(c.endswith(rule.rsplit("|", 1)[-1]) for c in captions), captions
    assert any("tổng quan của tỉnh, thành đó" in c for c in captions), captions
    # the wards' table ranks wards only: the province's own row is last, with no rank
    wards = at.dataframe[-1].value
    assert wards[header("unit_name")].iloc[-1].startswith("Cấp tỉnh — ")
    assert wards[i18n.t("rank")].iloc[-1] in (None, "–")


def test_a_province_whose_figure_is_withheld_is_unranked_and_says_why(
    public_only: Path, world: Path
) -> None:
    month = _withheld_month(world, "pending_overdue_end")
    at = open_public("overview", prov="46", m=month, metric="pending_overdue_end")
    said = i18n.t(
        "pub_province_withheld_rank",
        province="Thành phố Huế",
        metric=i18n.t("pub_pending_overdue"),
    )
    assert said in [m.value for m in at.markdown]


def test_a_provinces_place_reads_the_same_in_both_editions(world: Path, monkeypatch) -> None:
    """The public Overview and the leaders' Overview give a province's place in the same
    words over the same 34 provinces (the leaders' edition counted all 34, the public one
    the rows it showed: "1/1")."""
    import datetime as dt

    from haicap.accounts import Account
    from tests.browser.world import APP

    rows = pub(
        world,
        "select strftime(month, '%Y-%m') from pub.pub_province_monthly "
        "where not on_time_rate_withheld order by month desc limit 1",
    )
    if not rows:
        pytest.skip("no published on-time rate in this world")
    month = rows[0][0]
    monkeypatch.setenv("HAICAP_DATA_DIR", str(world))

    def places(at: AppTest) -> list[str]:
        assert not at.exception, [e.value for e in at.exception]
        return [m.value for m in at.markdown if m.value.startswith("**Hạng của")]

    leaders = AppTest.from_file(str(APP), default_timeout=120)
    leaders.session_state["account"] = Account("test.viewer", "leader", "46", password_hash="")
    leaders.session_state["last_seen"] = dt.datetime.now()
    leaders.query_params.update({"period": "month", "m": month})
    leaders.run()
    public = open_public("overview", prov="46", m=month)
    expected = places(leaders)
    assert expected and "/34" in expected[0], expected
    assert places(public) == expected
    # the Provinces ranking's column counts the same 34
    provinces = open_public("provinces", m=month)
    ranks = list(provinces.dataframe[0].value[i18n.t("rank")])
    assert ranks[0] == "1/34", ranks


def test_the_router_offers_the_view_as_zip_and_xlsx(public_only: Path) -> None:
    at = AppTest.from_file(str(PUBLIC_APP), default_timeout=120)
    at.query_params["prov"] = "46"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.proto.label for b in at.sidebar.get("download_button")]
    assert "Tải toàn bộ khung nhìn (ZIP các CSV)" in labels
    assert "Tải toàn bộ khung nhìn (XLSX)" in labels
    assert set(_exports(at)) == {"received_by_month", "rates_by_month", "all_by_month"}


def test_every_chart_has_its_csv_method_note_and_permalink(public_only: Path) -> None:
    at = open_public("overview", prov="46")
    blocks = [m for m in at.markdown if m.value.startswith("## ")]
    csvs = [b for b in at.get("download_button") if b.proto.label == "Tải CSV"]
    notes = [e for e in at.expander if e.label == "Phương pháp của biểu đồ này"]
    links = [c for c in at.caption if "Liên kết cố định" in c.value and "prov=46" in c.value]
    assert len(blocks) == len(csvs) == len(notes) == len(links) == 3


@pytest.mark.parametrize("page", ["provinces", "download"])
def test_a_page_that_needs_a_province_opens_on_one_with_figures(public_only: Path, page: str):
    """The trial's Provinces and Download pages opened on Hà Nội, with nothing published:
    provinces with figures come first in the list, the others say they have none yet."""
    at = open_public(page)
    box = next(b for b in at.selectbox if b.label == i18n.t("pub_unit_province"))
    with_data = pq.provinces().filter(pl.col("has_data"))["province_code"].to_list()
    assert with_data and box.value == with_data[0], (box.value, with_data)
    assert box.options[: len(with_data)] == [pq.province_name(c) for c in with_data]
    assert all(o.endswith("(chưa có số liệu)") for o in box.options[len(with_data) :])
    shown = [m.value for m in at.markdown] + [i.value for i in at.info]
    assert i18n.t("pub_no_data") not in shown, shown


# A feed's field names (NgayTiepNhan, KenhThucHien, MaHoSo…): words of the systems, not of a reader.
FEED_FIELD = re.compile(r"\b(?:Ngay|Kenh|Ma|Trang|So|Ten)[A-Z][A-Za-z]+\b")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", ["overview", "provinces"])
def test_chart_notes_define_figures_in_words(public_only: Path, page: str, lang: str) -> None:
    """A journalist's "how this chart is made" reads in words, no feed field names (the trial
    found NgayHenTra there); it points to the Methodology's technical tab for those."""
    at = open_public(page, prov="46", lang=lang)
    i18n.set_language(lang)
    try:
        title, pointer = i18n.t("pub_method_note"), i18n.t("pub_method_technical")
    finally:
        i18n.set_language("vi")
    notes = [m.value for e in at.expander if e.label == title for m in e.markdown]
    assert notes, f"no chart note on {page}"
    for note in notes:
        assert not FEED_FIELD.search(note), note
        assert pointer in note


# -- the command line ----------------------------------------------------------------------------


def test_serve_public_refuses_without_the_public_file(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(HAICAP), "serve", "--public", "--data-dir", str(tmp_path), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "public.duckdb" in done.stderr + done.stdout
    assert "haicap build" in done.stderr + done.stdout


def test_serve_public_runs_on_a_folder_with_only_the_public_file(world: Path) -> None:
    from haicap.cli import _public_view
    from warehouse.paths import DataDir

    view = _public_view(DataDir(world))
    assert sorted(p.name for p in (view / "published").iterdir()) == ["public.duckdb"]
    assert (view / "published" / "public.duckdb").resolve() == (
        world / "published" / "public.duckdb"
    ).resolve()


def test_the_service_index_reads_as_points_not_a_percentage(public_only: Path) -> None:
    at = open_public("provinces", prov="46", metric="service_index")
    month = pq.months()[-1]
    index = pq.province_ranking(month).filter(pl.col("province_code") == "46")
    value, withheld = index["service_index"].item(), index["service_index_withheld"].item()
    tables = [t.value for t in at.dataframe if "Chỉ số phục vụ (điểm/100)" in t.value.columns]
    assert tables, [list(t.value.columns) for t in at.dataframe]
    cells = [str(v) for t in tables for v in t["Chỉ số phục vụ (điểm/100)"]]
    assert not [c for c in cells if "%" in c], cells
    if not withheld:  # 59.8 points reads "59,8", never "5.980,0 %"
        assert i18n.fmt_number(value, 1) in cells


def test_the_xlsx_holds_numbers_as_numbers_and_withheld_cells_as_the_marker(
    public_only: Path,
) -> None:
    from openpyxl import load_workbook

    from pages._kit import RAW_EXPORTS_KEY
    from pages.public._public import view_xlsx

    at = open_public("download", prov="46")
    raw = dict(at.session_state[RAW_EXPORTS_KEY])
    book = load_workbook(io.BytesIO(view_xlsx("README", raw)))
    assert book.sheetnames == ["README", "province_by_month", "wards_by_month"]
    sheet = book["wards_by_month"]
    header = [c.value for c in sheet[1]]
    received = header.index("Hồ sơ tiếp nhận")
    frame = raw["wards_by_month"]
    numbers = marks = 0
    for row, (value, hidden) in enumerate(
        zip(frame["received"].to_list(), frame["received_withheld"].to_list(), strict=True),
        start=2,
    ):
        cell = sheet.cell(row=row, column=received + 1).value
        if hidden:
            assert cell == "ẩn"
            marks += 1
        else:
            assert isinstance(cell, int | float) and cell == value and not 1 <= cell <= 9
            numbers += 1
    assert marks and numbers  # the small world has both
    province = book["province_by_month"]
    rate = [c.value for c in province[1]].index("Tỷ lệ đúng hạn") + 1
    rates = raw["province_by_month"]
    published = [
        (row, value)
        for row, (value, hidden) in enumerate(
            zip(rates["on_time_rate"], rates["on_time_rate_withheld"], strict=True), start=2
        )
        if not hidden
    ]
    assert published
    for row, value in published:  # a share, shown as a percentage
        cell = province.cell(row=row, column=rate)
        assert cell.value == pytest.approx(value) and cell.number_format == "0.0%"


def test_the_attacker_narrows_no_withheld_cell_of_a_built_world(world: Path) -> None:
    """tests/attacker.py on the published file: every identity linking its figures (province
    totals, the finished family, the backlog from month to month, rates) and every bound,
    solved for each withheld cell; none may be narrowed to fewer than 10 values."""
    from tests.attacker import attack, published_cells

    cells = published_cells(world / "published" / "public.duckdb")
    counts = cells.filter(~pl.col("measure").is_in(["on_time_rate", "online_share"]))
    # the small world withholds many cells and publishes many: not a vacuous check
    assert counts["value"].null_count() > 100 and counts["value"].is_not_null().sum() > 100
    narrowed = attack(cells, 10)
    assert narrowed == [], [str(e) for e in narrowed[:5]]
