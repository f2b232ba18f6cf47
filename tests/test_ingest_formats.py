"""Every format and date spelling of the contract loads to the same rows."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from tests.feedkit import dossier, reference, write, write_envelope

FORMATS = ["d.csv", "d.csv.gz", "d.jsonl", "d.jsonl.gz", "d.json", "d.xlsx", "d.parquet"]


def _rows():
    return [
        dossier("HS-1"),
        dossier(
            "HS-2",
            MaXa="3203",
            KenhThucHien="1",
            TrangThaiHoSo="processing",
            NgayKetThucXuLy="",
            NgayTra="",
            NgayTiepNhan="02/07/2025 08:15",
            NgayHenTra="2025-07-02",
        ),
        dossier(
            "HS-3",
            TrangThaiHoSo="done",
            NgayTiepNhan="2025-07-03T09:00:00+07:00",
            NgayHenTra="03/07/2025",
            NgayKetThucXuLy="03/07/2025 14:30:05",
            NgayTra="2025-07-03T10:00:00Z",
        ),
    ]


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_loads_the_same_rows(tmp_path, cli, warehouse, name):
    reference(tmp_path)
    write(tmp_path / f"dossiers_{name}", _rows(), delimiter=";" if "csv" in name else ",")
    run = cli("ingest", tmp_path, "--json")
    assert run.code == 0, run.err
    by_feed = {r["feed"]: r for r in run.json_lines()}
    assert by_feed["dossiers"] == by_feed["dossiers"] | {
        "read": 3,
        "accepted": 3,
        "quarantined": 0,
        "status": "loaded",
    }
    rows = warehouse(
        """select MaHoSo, MaXa, KenhThucHien, TrangThaiHoSo, NgayTiepNhan, NgayHenTra,
                  NgayKetThucXuLy, NgayTra
           from raw.dossiers_current order by MaHoSo"""
    )
    assert rows == [
        (
            "HS-1",
            "19810",
            2,
            10,
            dt.datetime(2025, 7, 1, 8, 30),
            dt.datetime(2025, 7, 1, 15),
            dt.datetime(2025, 7, 1, 10),
            dt.datetime(2025, 7, 1, 11),
        ),
        (
            "HS-2",
            "03203",
            1,
            4,
            dt.datetime(2025, 7, 2, 8, 15),
            dt.datetime(2025, 7, 2),
            None,
            None,
        ),
        # +07:00 is local already; Z (UTC) becomes 17:00 local.
        (
            "HS-3",
            "19810",
            2,
            10,
            dt.datetime(2025, 7, 3, 9),
            dt.datetime(2025, 7, 3),
            dt.datetime(2025, 7, 3, 14, 30, 5),
            dt.datetime(2025, 7, 3, 17),
        ),
    ]


def test_comma_and_semicolon_csv_and_bom(tmp_path, cli, warehouse):
    reference(tmp_path)
    write(tmp_path / "dossiers_a.csv", [dossier("A")], delimiter=",")
    path = write(tmp_path / "dossiers_b.csv", [dossier("B")], delimiter=";")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert cli("ingest", tmp_path).code == 0
    assert warehouse("select count(*) from raw.dossiers_current") == [(2,)]


def test_column_names_match_case_insensitively_and_unknown_columns_only_when_allow_listed(
    tmp_path, data_dir, cli, warehouse
):
    reference(tmp_path)
    row = {k.lower(): v for k, v in dossier("X").items()} | {
        "GhiChuNoiBo": "kiểm tra",
        "DiaChi": "12 Lê Lợi",
    }
    write(tmp_path / "dossiers_lower.csv", [row])
    settings = data_dir / "settings"
    settings.mkdir(parents=True)
    (settings / "allowed_columns.toml").write_text('dossiers = ["ghichunoibo"]\n')
    run = cli("ingest", tmp_path, "--json")
    assert run.code == 0, run.err
    extra = warehouse("select _extra::varchar from raw.dossiers where MaHoSo = 'X'")[0][0]
    assert "kiểm tra" in extra  # allow-listed by the operator
    assert "Lê Lợi" not in extra  # an address is personal: never kept
    (loaded,) = [r for r in run.json_lines() if r["file"].endswith("dossiers_lower.csv")]
    assert loaded["dropped_columns"] == ["DiaChi"]


def test_portal_envelope_with_nested_supplements(tmp_path, cli, warehouse):
    reference(tmp_path)
    rows = [
        dossier(
            "E-1",
            TrangThaiHoSo="waiting",
            NgayKetThucXuLy="",
            NgayTra="",
            DanhSachHoSoBoSung=[
                {
                    "HoSoBoSungId": "1",
                    "NgayBoSung": "20250702090000",
                    "NgayTiepNhanBoSung": "20250704090000",
                    "NgayHenTraMoi": "20250705150000",
                },
                {"HoSoBoSungId": "2", "NgayBoSung": "not a date"},
            ],
        ),
        dossier("E-2"),
    ]
    write_envelope(tmp_path / "dossiers_env.json", rows)
    run = cli("ingest", tmp_path, "--json")
    result = next(r for r in run.json_lines() if r["feed"] == "dossiers")
    assert (result["read"], result["accepted"]) == (2, 2)
    assert result["nested"] == {"supplements": {"read": 2, "accepted": 1, "quarantined": 1}}
    assert warehouse("select MaHoSo, HoSoBoSungId, NgayHenTraMoi from raw.supplements") == [
        ("E-1", "1", dt.datetime(2025, 7, 5, 15))
    ]
    assert warehouse("select feed, rule, field from raw.quarantine") == [
        ("supplements", "bad_date", "NgayBoSung")
    ]


def test_status_names_and_ward_codes_without_leading_zeros(tmp_path, cli, warehouse):
    reference(tmp_path)
    names = [
        "receiving",
        "new",
        "denied",
        "processing",
        "waiting",
        "paying",
        "cancelled",
        "unresolved",
        "releasing",
        "done",
    ]
    rows = []
    for code, name in enumerate(names, start=1):
        rows.append(
            dossier(
                f"S{code}",
                TrangThaiHoSo=name.upper(),
                MaXa="3203",
                NgayTuChoi="20250701120000",
                NgayTra="",
            )
        )
    write(tmp_path / "dossiers_s.jsonl", rows)
    assert cli("ingest", tmp_path).code == 0
    got = warehouse("select MaHoSo, TrangThaiHoSo, MaXa from raw.dossiers order by TrangThaiHoSo")
    assert [(r[1], r[2]) for r in got] == [(i, "03203") for i in range(1, 11)]


def test_xlsx_date_cells_and_numbers(tmp_path, cli, warehouse):
    rows = [
        {
            "NgayBaoCao": dt.datetime(2025, 8, 1),
            "MaXa": 19810,
            "PhongBan": "TTPVHCC",
            "ViTriViecLam": "Chuyên viên CNTT",
            "ChuyenMon": "cntt",
            "DinhBien": 2,
            "HienCo": 1,
            "DungChuyenMon": 1,
        },
        {
            "NgayBaoCao": "01/08/2025",
            "MaXa": "3203",
            "PhongBan": "kt",
            "ViTriViecLam": "Địa chính",
            "ChuyenMon": "dia_chinh",
            "DinhBien": 1.0,
            "HienCo": 0,
        },
    ]
    write(tmp_path / "staffing-2025-08-01.xlsx", rows)
    run = cli("ingest", tmp_path, "--json")
    assert run.json_lines()[0]["accepted"] == 2
    assert warehouse(
        "select NgayBaoCao, MaXa, PhongBan, DinhBien, HienCo from raw.staffing order by MaXa"
    ) == [
        (dt.datetime(2025, 8, 1), "03203", "KT", 1, 0),
        (dt.datetime(2025, 8, 1), "19810", "TTPVHCC", 2, 1),
    ]


def test_json_keys_spelled_differently_across_records_fill_one_column(tmp_path, cli, warehouse):
    reference(tmp_path)
    second = {k.lower(): v for k, v in dossier("J-2").items()}
    write(tmp_path / "dossiers_mixed.jsonl", [dossier("J-1"), second])
    run = cli("ingest", tmp_path, "--json")
    assert next(r for r in run.json_lines() if r["feed"] == "dossiers")["accepted"] == 2
    assert warehouse("select MaHoSo, MaXa from raw.dossiers order by 1") == [
        ("J-1", "19810"),
        ("J-2", "19810"),
    ]


def test_a_csv_may_carry_the_nested_supplement_list_as_json_text(tmp_path, cli, warehouse):
    reference(tmp_path)
    rows = [
        dossier("C-1", DanhSachHoSoBoSung=[{"HoSoBoSungId": "7", "NgayBoSung": "02/07/2025"}]),
        dossier("C-2", DanhSachHoSoBoSung=[]),
    ]
    write(tmp_path / "dossiers_nested.csv", rows, delimiter=";")
    run = cli("ingest", tmp_path, "--json")
    result = next(r for r in run.json_lines() if r["feed"] == "dossiers")
    assert result["nested"] == {"supplements": {"read": 1, "accepted": 1, "quarantined": 0}}
    assert warehouse("select MaHoSo, HoSoBoSungId, _row from raw.supplements") == [("C-1", "7", 2)]


def _spelled(when: dt.datetime, i: int) -> str:
    """`when` in one of the contract's date spellings, mostly the first, some padded."""
    match i % 10:
        case 7:
            return when.strftime("%Y%m%d%H%M%S")
        case 8:
            return f"  {when:%Y-%m-%dT%H:%M:%S}+07:00 "
        case 9:
            return f" {when:%d/%m/%Y %H:%M:%S}"
        case _:
            return f"{when:%d/%m/%Y %H:%M}"


@pytest.mark.parametrize("name", ["dossiers_big.csv", "dossiers_big.csv.gz"])
def test_a_file_large_enough_for_the_date_probe_parses_every_spelling(
    tmp_path, cli, warehouse, monkeypatch, name
):
    # Files over PROBE_MIN_BYTES have their likely date format guessed from their first
    # rows and tried first; the other spellings must still parse, row by row.
    from ingest import load

    monkeypatch.setattr(load, "PROBE_MIN_BYTES", 0)
    reference(tmp_path)
    start = dt.datetime(2025, 7, 1, 8, 0)
    received = [start + dt.timedelta(minutes=7 * i) for i in range(1200)]
    rows = [
        dossier(
            f"HS-{i:04d}",
            TenTTHC='Đăng ký khai sinh; "lưu động"\ncó xuống dòng' if i % 50 == 0 else "",
            NgayTiepNhan=_spelled(when, i),
            NgayHenTra=_spelled(when + dt.timedelta(days=1), i + 3),
            NgayKetThucXuLy=_spelled(when + dt.timedelta(hours=2), i + 5),
            NgayTra=_spelled(when + dt.timedelta(hours=3), i),
        )
        for i, when in enumerate(received)
    ]
    write(tmp_path / name, rows, delimiter=";")
    run = cli("ingest", tmp_path, "--json")
    assert run.code == 0, run.err
    assert {r["feed"]: r["accepted"] for r in run.json_lines()}["dossiers"] == 1200, run.out
    loaded = warehouse(
        """select NgayTiepNhan, NgayHenTra, NgayKetThucXuLy, NgayTra
           from raw.dossiers_current order by MaHoSo"""
    )
    assert loaded == [
        (
            when,
            when + dt.timedelta(days=1),
            when + dt.timedelta(hours=2),
            when + dt.timedelta(hours=3),
        )
        for when in received
    ]


def test_the_date_probe_reads_the_first_rows_of_a_csv_without_its_reader(tmp_path, monkeypatch):
    from ingest import reader
    from ingest.feeds import FEEDS
    from ingest.fields import likely_formats

    rows = [
        dossier(f"HS-{i}", TenTTHC="a;\nb" if i == 1 else "x", NgayTiepNhan=f"0{i % 9 + 1}/07/2025")
        for i in range(40)
    ]
    path = write(tmp_path / "dossiers.csv", rows, delimiter=";")
    info = reader.fingerprint(path)
    source = reader.csv_files([info], *reader.csv_layout(info, FEEDS["dossiers"]))
    names = ["NgayTiepNhan", "NgayHenTra", "TenTTHC"]
    sample = source.sample(None, names)
    assert len(sample) == 40
    assert sample[1] == ("02/07/2025", "20250701150000", "a;\nb")
    assert likely_formats(FEEDS["dossiers"], names, sample) == {
        "NgayTiepNhan": "%d/%m/%Y",
        "NgayHenTra": "%Y%m%d%H%M%S",
    }
    # Cut inside a row: the rows before the cut, and no error.
    monkeypatch.setattr(reader, "SAMPLE_BYTES", path.stat().st_size // 2)
    cut = source.sample(None, names)
    assert 5 < len(cut) < 40
    assert cut == sample[: len(cut)]


def test_a_group_of_files_takes_its_date_sample_from_its_largest_file(tmp_path):
    # A province's files often begin with a small one; the group's likely formats must not
    # rest on a few rows of it.
    from ingest import reader
    from ingest.feeds import FEEDS

    small = write(tmp_path / "dossiers_1.csv", [dossier("S", NgayTiepNhan="2025-07-01")], ";")
    large = write(
        tmp_path / "dossiers_2.csv",
        [dossier(f"L-{i}", NgayTiepNhan="01/07/2025 08:00") for i in range(30)],
        ";",
    )
    infos = [reader.fingerprint(small), reader.fingerprint(large)]
    columns, delim = reader.csv_layout(infos[0], FEEDS["dossiers"])
    source = reader.csv_files(infos, columns, delim)
    assert source.sample(None, ["NgayTiepNhan"]) == [("01/07/2025 08:00",)] * 30


def _odd_rows() -> list[dict]:
    """Dossiers in the CSV's usual date format, among them values a typed reader cannot
    parse or parses differently from text, rows that break rules, and two dossiers whose
    versions mix both kinds of line."""
    usual = dict(
        NgayTiepNhan="01/07/2025 08:30",
        NgayHenTra="01/07/2025 15:00",
        NgayKetThucXuLy="01/07/2025 10:00",
        NgayTra="01/07/2025 11:00",
        HoSoCoThanhPhanSoHoa="1",
    )
    odd = [
        dict(KenhThucHien="5.5"),  # not a whole number
        dict(KenhThucHien="1,0"),  # a decimal comma: 1
        dict(KenhThucHien="1e0"),
        dict(KenhThucHien=" 2 "),
        dict(KenhThucHien="  "),  # blank
        dict(KenhThucHien="hai"),
        dict(KenhThucHien="7"),  # not one of 1, 2, 3
        dict(NgayHenTra="2025-07-01"),  # another format: accepted
        dict(NgayHenTra="31/02/2025 08:00"),  # no such day
        dict(NgayHenTra=" 01/07/2025 15:00 "),
        dict(NgayHenTra="   "),  # blank: required once accepted
        dict(NgayHenTra="30/06/2025 08:00"),  # due before received
        dict(NgayTra="2025-07-01T11:00:00+07:00"),
        dict(TrangThaiHoSo="done"),
        dict(TrangThaiHoSo="11"),
        dict(HoSoCoThanhPhanSoHoa="2"),
        dict(HoSoCoThanhPhanSoHoa="0.0"),
    ]
    rows = []
    for i in range(120):
        rows.append(dossier(f"T-{i:03d}", **usual))
        if i % 5 == 0:  # odd lines, some of them one after another
            taken, odd = odd[: 1 + i % 2], odd[1 + i % 2 :]
            rows += [dossier(f"O-{i:03d}-{k}", **(usual | o)) for k, o in enumerate(taken)]
    opened = usual | dict(TrangThaiHoSo="4", NgayKetThucXuLy="", NgayTra="")
    rows.insert(20, dossier("V-1", **(opened | dict(NgayHenTra="2025-07-02"))))
    rows.insert(21, dossier("V-2", **opened))
    rows += [dossier("V-1", **usual), dossier("V-2", **(usual | dict(NgayHenTra="2025-07-01")))]
    return rows


def _loaded(warehouse) -> dict:
    return {
        "current": warehouse(
            "select * exclude (_row, _load_id) from raw.dossiers_current order by MaHoSo"
        ),
        "quarantine": warehouse(
            'select file_name, "row", rule, field, message, original::varchar '
            "from raw.quarantine order by all"
        ),
        "loads": warehouse(
            "select file_name, rows_read, rows_accepted from meta.loads order by file_name"
        ),
    }


@pytest.mark.parametrize("files", [1, 2])
def test_a_csv_whose_reader_parses_dates_and_numbers_loads_as_one_read_as_text(
    tmp_path, cli, data_dir, warehouse, monkeypatch, files
):
    # A large CSV is read typed (dates and numbers parsed by DuckDB's reader); the lines it
    # cannot parse are checked again as text. The warehouse must be the one a text read
    # gives: values, messages, line numbers and which version of a dossier is current.
    from ingest import load

    feeds = tmp_path / "feeds"
    feeds.mkdir()
    reference(feeds)
    rows = _odd_rows()
    half = len(rows) // 2
    parts = [rows] if files == 1 else [rows[:half], rows[half:]]
    for n, part in enumerate(parts):
        path = write(feeds / f"dossiers_{n}.csv", part, delimiter=";")
        if n == 0:  # a line that is not a row, just after one read again
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            at = next(i for i, line in enumerate(lines) if line.startswith("O-"))
            lines.insert(at + 1, "X;too;many;columns;" * 10 + "\n")
            path.write_text("".join(lines), encoding="utf-8")

    monkeypatch.setattr(load, "PROBE_MIN_BYTES", 1 << 40)  # every file read as text
    assert cli("ingest", feeds, "--jobs", "1").code == 0
    as_text = _loaded(warehouse)
    versions = warehouse(
        "select MaHoSo, TrangThaiHoSo, NgayHenTra from raw.dossiers_current "
        "where MaHoSo like 'V-%' order by 1"
    )
    assert versions == [  # the later line of each
        ("V-1", 10, dt.datetime(2025, 7, 1, 15, 0)),
        ("V-2", 10, dt.datetime(2025, 7, 1, 0, 0)),
    ]
    rules = {(rule, field) for _, _, rule, field, *_ in as_text["quarantine"]}
    assert {("not_a_number", "KenhThucHien"), ("bad_date", "NgayHenTra")} <= rules
    assert ("malformed_line", None) in rules

    for child in data_dir.iterdir():
        if child.name != "secrets":  # the same salt: the same pseudonyms
            shutil.rmtree(child)
    retried, temporary = [], []
    real = load.retried_lines

    def counting(con, source):
        found = real(con, source)
        if found:
            temporary.append(found[1])
            retried.append(len(found[1].read_text(encoding="utf-8").splitlines()) - 1)
        return found

    monkeypatch.setattr(load, "retried_lines", counting)
    monkeypatch.setattr(load, "PROBE_MIN_BYTES", 0)  # every file read typed
    assert cli("ingest", feeds, "--jobs", str(files)).code == 0
    assert sum(retried) == 9, retried  # the lines the reader could not parse, read again
    assert _loaded(warehouse) == as_text
    assert temporary and not any(path.exists() for path in temporary)


def test_the_cheap_trim_trims_exactly_as_trim():
    # Values all ASCII without a space skip trim(); every other value must still lose the
    # spaces trim() removes (Unicode spaces too, never a tab) and become NULL when empty.
    import duckdb

    from ingest.fields import _trimmed

    values = [
        "",
        " ",
        "  ",
        "a",
        " a ",
        "a b",
        "\ta\t",
        "\u00a0a\u00a0",
        "a\u3000",
        "\u2003",
        "Phường Kim Long",
        " Huế\u202f",
        "x\r\n",
        "\ufeffa",
        "a\u200b",
        None,
    ]
    con = duckdb.connect()
    con.execute("create table v (x varchar)")
    con.executemany("insert into v values (?)", [[value] for value in values])
    rows = con.execute(
        f"select x, {_trimmed('x')}, nullif(trim(x), '') from v order by rowid"
    ).fetchall()
    assert [cheap for _, cheap, _ in rows] == [expected for _, _, expected in rows]
    assert rows[7][1] == "a" and rows[9][1] is None and rows[6][1] == "\ta\t"
