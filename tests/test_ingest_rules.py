"""Rows that break a rule go to quarantine with the rule, the field and their line; none is
lost (read = accepted + quarantined), and no personal data survives anywhere."""

from __future__ import annotations

import hashlib

import duckdb

from tests.feedkit import dossier, reference, write

BAD_DOSSIERS = [
    # (row, expected rule, expected field)
    (dossier("Q-missing-code", MaTTHC=""), "missing_required", "MaTTHC"),
    (dossier("Q-bad-date", NgayHenTra="31/02/2025"), "bad_date", "NgayHenTra"),
    (dossier("Q-due-before", NgayHenTra="30/06/2025"), "due_before_received", "NgayHenTra"),
    (dossier("Q-ward", MaXa="99999"), "unknown_ward", "MaXa"),
    (dossier("Q-ward-text", MaXa="KimLong"), "unknown_ward", "MaXa"),
    (dossier("Q-agency", MaXa="", DonViXuLy="000.99.99.H99"), "unknown_agency", "DonViXuLy"),
    (dossier("Q-no-unit", MaXa="", DonViXuLy=""), "missing_required", "MaXa"),
    (dossier("Q-procedure", MaTTHC="9.999999"), "unknown_procedure", "MaTTHC"),
    # a procedure of Huế's own catalogue, in a dossier of Na Son (Điện Biên)
    (
        dossier("Q-other-province", MaXa="3203", MaTTHC="1.004227.000.00.00.H12"),
        "unknown_procedure",
        "MaTTHC",
    ),
    (dossier("Q-status", TrangThaiHoSo="11"), "bad_status", "TrangThaiHoSo"),
    (dossier("Q-status-name", TrangThaiHoSo="archived"), "bad_status", "TrangThaiHoSo"),
    (
        dossier("Q-no-end", TrangThaiHoSo="9", NgayKetThucXuLy=""),
        "finished_without_end",
        "NgayKetThucXuLy",
    ),
    (
        dossier("Q-no-end-10", NgayKetThucXuLy="", NgayTra=""),
        "finished_without_end",
        "NgayKetThucXuLy",
    ),
    (
        dossier("Q-end-before", NgayKetThucXuLy="20250630100000"),
        "end_before_received",
        "NgayKetThucXuLy",
    ),
    (dossier("Q-returned-before", NgayTra="20250630100000"), "end_before_received", "NgayTra"),
    (
        dossier("Q-withdrawn", TrangThaiHoSo="7", NgayKetThucXuLy="", NgayTra=""),
        "closed_without_date",
        "NgayTuChoi",
    ),
    (
        dossier("Q-received", NgayTiepNhan="", TrangThaiHoSo="4", NgayKetThucXuLy="", NgayTra=""),
        "missing_required",
        "NgayTiepNhan",
    ),
    (dossier("Q-channel", KenhThucHien="7"), "bad_value", "KenhThucHien"),
]


def test_every_dossier_rule_quarantines_with_its_reason(tmp_path, cli, warehouse):
    reference(tmp_path)
    good = [
        dossier("OK-1"),
        dossier(
            "OK-2",
            TrangThaiHoSo="1",
            NgayTiepNhan="",
            NgayHenTra="",
            NgayKetThucXuLy="",
            NgayTra="",
        ),
    ]
    write(tmp_path / "dossiers_q.csv", good + [row for row, _, _ in BAD_DOSSIERS], ";")
    run = cli("ingest", tmp_path, "--json")
    assert run.code == 0
    result = next(r for r in run.json_lines() if r["feed"] == "dossiers")
    assert result["read"] == len(good) + len(BAD_DOSSIERS)
    assert result["accepted"] == len(good)
    assert result["quarantined"] == len(BAD_DOSSIERS)
    got = {
        code: (rule, field, row)
        for code, rule, field, row in warehouse(
            """select original->>'MaHoSo', rule, field, "row" from raw.quarantine"""
        )
    }
    for line, (row, rule, field) in enumerate(BAD_DOSSIERS, start=2 + len(good)):
        assert got[row["MaHoSo"]] == (rule, field, line), row["MaHoSo"]
    message = warehouse(
        "select message from raw.quarantine where original->>'MaHoSo' = 'Q-bad-date'"
    )[0][0]
    assert message == "NgayHenTra '31/02/2025' is not a date"


def test_staffing_assets_procedures_agencies_rules(tmp_path, cli, warehouse):
    write(
        tmp_path / "staffing_1.csv",
        [
            {
                "NgayBaoCao": "01/08/2025",
                "MaXa": "19810",
                "PhongBan": "VP",
                "ViTriViecLam": "A",
                "ChuyenMon": "tong_hop",
                "DinhBien": "3",
                "HienCo": "2",
                "DungChuyenMon": "3",
            },
            {
                "NgayBaoCao": "01/08/2025",
                "MaXa": "19810",
                "PhongBan": "VP",
                "ViTriViecLam": "B",
                "ChuyenMon": "tong_hop",
                "DinhBien": "-1",
                "HienCo": "2",
                "DungChuyenMon": "1",
            },
            {
                "NgayBaoCao": "01/08/2025",
                "MaXa": "19810",
                "PhongBan": "XYZ",
                "ViTriViecLam": "C",
                "ChuyenMon": "tong_hop",
                "DinhBien": "1",
                "HienCo": "1",
            },
            {
                "NgayBaoCao": "01/08/2025",
                "MaXa": "19810",
                "PhongBan": "VP",
                "ViTriViecLam": "D",
                "ChuyenMon": "tong_hop",
                "DinhBien": "1",
                "HienCo": "một",
            },
        ],
    )
    write(
        tmp_path / "assets_1.csv",
        [
            {
                "NgayBaoCao": "01/08/2025",
                "MaTaiSan": "TS1",
                "MaXa": "19810",
                "LoaiTaiSan": "tru_so",
                "TinhTrang": "tot",
                "HienTrang": "dang_su_dung",
                "DienTichSan": "-5",
            },
            {
                "NgayBaoCao": "01/08/2025",
                "MaTaiSan": "TS2",
                "MaXa": "19810",
                "LoaiTaiSan": "tru_so",
                "TinhTrang": "tot",
                "HienTrang": "bo_trong",
                "BoTrongTu": "01/07/2025",
                "DienTichSan": "350,5",
            },
        ],
    )
    write(
        tmp_path / "procedures_1.csv",
        [
            {
                "MaTTHC": "P1",
                "TenTTHC": "T",
                "MaLinhVuc": "HT",
                "TenLinhVuc": "Hộ tịch",
                "CapThucHien": "huyen",
                "ThoiHanGiaiQuyet": "1",
                "DonViThoiHan": "ngay",
            },
            {
                "MaTTHC": "P2",
                "TenTTHC": "T",
                "MaLinhVuc": "HT",
                "TenLinhVuc": "Hộ tịch",
                "CapThucHien": "xa",
                "ThoiHanGiaiQuyet": "1",
                "DonViThoiHan": "ngay",
                "MaTinh": "99",
            },
        ],
    )
    write(
        tmp_path / "agencies_1.csv",
        [
            {"MaDinhDanh": "A1", "TenDonVi": "UBND", "Cap": "xa", "MaTinh": "46", "MaXa": ""},
            {"MaDinhDanh": "A2", "TenDonVi": "UBND", "Cap": "xa", "MaTinh": "11", "MaXa": "19810"},
        ],
    )
    run = cli("ingest", tmp_path, "--json")
    assert {r["feed"]: (r["read"], r["accepted"], r["quarantined"]) for r in run.json_lines()} == {
        "staffing": (4, 0, 4),
        "assets": (2, 1, 1),
        "procedures": (2, 0, 2),
        "agencies": (2, 0, 2),
    }
    assert sorted(warehouse("select feed, rule, field from raw.quarantine")) == sorted(
        [
            ("staffing", "trained_above_in_post", "DungChuyenMon"),
            ("staffing", "negative", "DinhBien"),
            ("staffing", "bad_value", "PhongBan"),
            ("staffing", "not_a_number", "HienCo"),
            ("assets", "negative", "DienTichSan"),
            ("procedures", "bad_value", "CapThucHien"),
            ("procedures", "unknown_province", "MaTinh"),
            ("agencies", "missing_required", "MaXa"),
            ("agencies", "ward_not_in_province", "MaXa"),
        ]
    )
    assert warehouse("select DienTichSan from raw.assets") == [(350.5,)]


def test_malformed_csv_lines_are_quarantined_with_their_line_numbers(tmp_path, cli, warehouse):
    reference(tmp_path)
    path = write(tmp_path / "dossiers_m.csv", [dossier(f"M-{i}") for i in range(1, 5)], ";")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ";extra;columns"  # line 3 (M-2) has too many fields
    lines.append("M-5;cut")  # line 6: too few
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Make M-4 (line 5) break a rule too, so we can check numbering after a rejected line.
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "M-4;1.000894.000.00.00.H12;19810", "M-4;1.000894.000.00.00.H12;99999"
        ),
        encoding="utf-8",
    )
    run = cli("ingest", tmp_path, "--json")
    result = next(r for r in run.json_lines() if r["feed"] == "dossiers")
    assert (result["read"], result["accepted"], result["quarantined"]) == (5, 2, 3)
    assert warehouse('select "row", rule from raw.quarantine order by "row"') == [
        (3, "malformed_line"),
        (5, "unknown_ward"),
        (6, "malformed_line"),
    ]
    # Accepted rows read straight from a CSV are not numbered (numbering them slows every
    # large load); they lie in file order, which is what supersession within a file needs.
    assert warehouse("select MaHoSo, _row from raw.dossiers order by rowid") == [
        ("M-1", None),
        ("M-3", None),
    ]


def test_a_later_line_of_the_same_file_supersedes_an_earlier_one(tmp_path, cli, warehouse):
    reference(tmp_path)
    rows = [dossier(f"S-{i}", TrangThaiHoSo="4") for i in range(300)]
    rows += [
        dossier(f"S-{i}", TrangThaiHoSo="10", NgayKetThucXuLy="02/07/2025")
        for i in range(0, 300, 3)
    ]
    write(tmp_path / "dossiers_s.csv", rows, ";")
    cli("ingest", tmp_path)
    done = warehouse(
        "select count(*) filter (where TrangThaiHoSo = 10), count(*) from raw.dossiers_current"
    )
    assert done == [(100, 300)]


def test_supplements_and_ratings_wait_for_their_dossier(tmp_path, cli, warehouse):
    reference(tmp_path)
    early = tmp_path / "early"
    write(
        early / "supplements_1.csv",
        [{"MaHoSo": "W-1", "HoSoBoSungId": "1", "NgayBoSung": "02/07/2025"}],
    )
    write(
        early / "ratings_1.csv",
        [
            {
                "MaHoSo": "W-1",
                "ThoiGianDanhGia": "03/07/2025",
                "DanhGia": "HL",
                "NoiDungDanhGia": "Cán bộ Nguyễn Văn B rất nhiệt tình",
            }
        ],
    )
    run = cli("ingest", early, "--json")
    assert [r["waiting"] for r in run.json_lines()] == [1, 1]
    status = cli("status", "--json")
    assert '"waiting": 1' in status.out
    write(tmp_path / "late" / "dossiers_1.csv", [dossier("W-1")])
    cli("ingest", tmp_path / "late", *reference(tmp_path / "late"))
    assert '"waiting": 1' not in cli("status", "--json").out
    assert warehouse("select DanhGia from raw.ratings_current") == [(4,)]


def test_no_personal_data_in_any_table(tmp_path, cli, warehouse, data_dir):
    reference(tmp_path)
    secrets = ["046099000111", "Nguyễn Văn Thử", "0905123456", "thu@example.vn", "Cán bộ Lê Thị C"]
    rows = [dossier("P-1"), dossier("P-2", MaXa="99999")]  # one accepted, one quarantined
    write(tmp_path / "dossiers_p.csv", rows)
    write(
        tmp_path / "ratings_p.csv",
        [
            {
                "MaHoSo": "P-1",
                "ThoiGianDanhGia": "03/07/2025",
                "DanhGia": "9",
                "NoiDungDanhGia": "Cán bộ Lê Thị C",
            }
        ],
    )
    cli("ingest", tmp_path)
    tables = warehouse(
        "select table_schema, table_name from information_schema.tables "
        "where table_type = 'BASE TABLE'"
    )
    seen = []
    for schema, table in tables:
        text = warehouse(f'select string_agg(t::varchar, \'|\') from "{schema}"."{table}" t')[0][0]
        for secret in secrets:
            assert secret not in (text or ""), f"{secret} found in {schema}.{table}"
        seen.append(table)
    assert {"dossiers", "quarantine", "ratings"} <= set(seen)
    # The pseudonym: the MD5 digest of salt + number, a number in raw, hex in quarantine.
    salt = (data_dir / "secrets" / "salt").read_text().strip()
    digest = hashlib.md5((salt + "046099000111").encode()).digest()
    stored = int.from_bytes(digest, "little")
    assert warehouse("select SoGiayToChuHoSo_hash from raw.dossiers") == [(stored,)]
    quarantined = warehouse(
        "select original->>'SoGiayToChuHoSo_hash' from raw.quarantine where feed = 'dossiers'"
    )
    assert quarantined == [(digest.hex(),)]  # the same salted digest, not the number


def test_hex_identity_hashes_of_an_older_warehouse_keep_linking(tmp_path, cli, data_dir):
    """Warehouses written before the hashes became 128-bit numbers held 64 hex characters
    of SHA-256; the next ingest keeps their first 128 bits as the number."""
    reference(tmp_path)
    write(tmp_path / "dossiers_1.csv", [dossier("H-1")])
    cli("ingest", tmp_path)
    path = data_dir / "work" / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    salt = (data_dir / "secrets" / "salt").read_text().strip()
    old_hex = hashlib.sha256((salt + "046099000111").encode()).hexdigest()
    con.execute(  # a hex digest: safe to write into the statement
        f"alter table raw.dossiers alter SoGiayToChuHoSo_hash type varchar using '{old_hex}'"
    )
    con.close()
    write(tmp_path / "dossiers_2.csv", [dossier("H-2")])
    cli("ingest", tmp_path / "dossiers_2.csv")
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute(
        "select MaHoSo, SoGiayToChuHoSo_hash from raw.dossiers order by MaHoSo"
    ).fetchall()
    con.close()
    new = int.from_bytes(hashlib.md5((salt + "046099000111").encode()).digest(), "little")
    assert rows == [("H-1", int(old_hex[:32], 16)), ("H-2", new)]


def test_reference_lists_come_from_the_official_package(tmp_path, cli, warehouse):
    reference(tmp_path)
    cli("ingest", tmp_path)
    assert warehouse("select count(*) from ref.provinces") == [(34,)]
    assert warehouse("select count(*), count(distinct province_code) from ref.wards") == [
        (3321, 34)
    ]
    assert warehouse(
        "select ward_name, province_code from ref.wards where ward_code = '19810'"
    ) == [("Phường Kim Long", "46")]
