"""Personal data under column names the contract does not know never reaches the working
warehouse: unknown columns are dropped at ingest (also from quarantined rows and from lines
that are not rows), their names recorded with the load; an allow-listed column is kept; a
warehouse that kept such values before loses them at the next ingest."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.feedkit import dossier, reference, write, write_envelope

# Personal columns a provincial system might add, in Vietnamese and English.
PERSONAL = (
    "HoTenChuHoSo",
    "HoTen",
    "SoDienThoaiLienHe",
    "EmailCongDan",
    "DiaChi",
    "DiaChiLienHe",
    "SoCCCD",
    "SoCCCDNguoiNop",
    "NgaySinh",
    "GhiChu",
    "full_name",
    "phone",
    "address",
)
# Every personal value holds this marker: finding it anywhere is a leak.
MARK = "ZQX"
KEPT = "MaHoSoLienThong"


def _personal(n: int) -> dict:
    return {name: f"{MARK}{name}{n}" for name in PERSONAL}


def _dossier(code: str, n: int, **fields) -> dict:
    # The contract's own personal fields carry the marker too: they are never stored either.
    personal = {"ChuHoSo": f"{MARK}ChuHoSo{n}", "SoDienThoai": f"{MARK}Sdt{n}"}
    return dossier(code, **personal, **fields) | _personal(n) | {KEPT: f"LT-{code}"}


def _feeds(folder: Path) -> None:
    """Dossiers and ratings in CSV (two files of one layout, one large enough for the typed
    read), JSON Lines and the portal envelope, each with a quarantined row and, where the
    format has them, a line that is not a row."""
    reference(folder)
    big = [_dossier(f"C-{i}", i) for i in range(4000)]
    big.append(_dossier("C-BAD", 9001, TrangThaiHoSo="42"))  # quarantined: unknown status
    path = write(folder / "dossiers_1.csv", big)
    with path.open("a", encoding="utf-8") as out:  # one column too many: not a row
        out.write(",".join([f"{MARK}Line{i}" for i in range(len(big[0]) + 1)]) + "\n")
    write(folder / "dossiers_2.csv", [_dossier("C2-1", 9002), _dossier("C2-BAD", 9003, MaXa="x")])
    jsonl = write(
        folder / "dossiers_3.jsonl", [_dossier("J-1", 9004), _dossier("J-BAD", 9005, MaXa="")]
    )
    with jsonl.open("a", encoding="utf-8") as out:  # broken JSON: not a row
        out.write('{"MaHoSo": "J-2", "HoTen": "' + MARK + 'Broken"\n')
    envelope = [
        _dossier(
            "E-1",
            9006,
            TrangThaiHoSo="waiting",
            NgayKetThucXuLy="",
            NgayTra="",
            DanhSachHoSoBoSung=[
                {
                    "HoSoBoSungId": "1",
                    "NgayBoSung": "20250702090000",
                    "NguoiYeuCau": f"{MARK}NguoiYeuCau",
                }
            ],
        ),
        _dossier("E-BAD", 9007, NgayHenTra="31/02/2025"),
    ]
    write_envelope(folder / "dossiers_4.json", envelope)
    ratings = [
        {"MaHoSo": "C-1", "ThoiGianDanhGia": "20250702090000", "DanhGia": "HL"},
        {"MaHoSo": "C-2", "ThoiGianDanhGia": "20250702090000", "DanhGia": "9"},
    ]
    for n, row in enumerate(ratings):
        row.update(GopY=f"{MARK}GopY{n}", NoiDungDanhGia=f"{MARK}NoiDung{n}", email=f"{MARK}@x.vn")
    write(folder / "ratings_1.csv", ratings)


def _allow(data_dir: Path) -> None:
    (data_dir / "settings").mkdir(parents=True, exist_ok=True)
    (data_dir / "settings" / "allowed_columns.toml").write_text(f'dossiers = ["{KEPT}"]\n')


def _every_value(warehouse_file: Path) -> str:
    """Every table and view of the warehouse, every column, as text."""
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = current_database()"
        ).fetchall()
        assert relations
        return "\n".join(
            repr(con.execute(f'select * from "{schema}"."{name}"').fetchall())
            for schema, name in relations
        )
    finally:
        con.close()


def _file_bytes_after_checkpoint(warehouse_file: Path) -> bytes:
    con = duckdb.connect(str(warehouse_file))
    con.execute("checkpoint")
    con.close()
    return warehouse_file.read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])  # file by file; CSV files in a group
def test_unknown_columns_are_dropped_everywhere_and_named(tmp_path, data_dir, cli, jobs):
    feeds = tmp_path / "feeds"
    _feeds(feeds)
    _allow(data_dir)
    run = cli("ingest", feeds, "--json", "--jobs", jobs)
    assert run.code == 0, run.err
    assert MARK not in run.out
    working = data_dir / "work" / "warehouse.duckdb"
    everything = _every_value(working)
    assert MARK not in everything
    assert "LT-C-1" in everything and "LT-E-1" in everything  # the allow-listed column
    raw = _file_bytes_after_checkpoint(working)
    for needle in (MARK, "HoTenChuHoSo1", "SoCCCDNguoiNop12", "ChuHoSo9001", "GopY0"):
        assert needle.encode() not in raw, needle

    results = {Path(r["file"]).name: r for r in run.json_lines()}
    assert all(r["status"] == "loaded" for r in results.values()), results
    assert all(r["quarantined"] >= 1 for n, r in results.items() if n.startswith(("d", "r")))
    for name in ("dossiers_1.csv", "dossiers_2.csv", "dossiers_3.jsonl", "dossiers_4.json"):
        assert set(results[name]["dropped_columns"]) >= set(PERSONAL), name
        assert KEPT not in results[name]["dropped_columns"]
    assert "DanhSachHoSoBoSung.NguoiYeuCau" in results["dossiers_4.json"]["dropped_columns"]
    assert set(results["ratings_1.csv"]["dropped_columns"]) == {"GopY", "email"}

    status = cli("status", "--json")
    assert status.code == 0, status.err
    assert MARK not in status.out
    report = json.loads(status.out)
    assert set(report["dropped_columns"]["dossiers"]) >= set(PERSONAL)
    assert "GopY" in report["dropped_columns"]["ratings"]
    assert "GopY" in cli("status").out


def test_a_warehouse_that_kept_unknown_columns_loses_them_at_the_next_ingest(
    tmp_path, data_dir, cli
):
    feeds = tmp_path / "feeds"
    reference(feeds)
    write(feeds / "dossiers_1.csv", [dossier("A"), dossier("A-BAD", TrangThaiHoSo="42")])
    assert cli("ingest", feeds).code == 0
    working = data_dir / "work" / "warehouse.duckdb"
    # As a warehouse loaded before the allow-list holds them: values of unknown columns in
    # `_extra` and in the quarantine, and no record of an allow-list applied.
    con = duckdb.connect(str(working))
    old = json.dumps({"HoTenChuHoSo": f"{MARK}Old1", "GhiChu": f"{MARK}Old2"})
    con.execute("update raw.dossiers set _extra = ?", [old])
    con.execute("update raw.quarantine set extra = ?", [old])
    con.execute(  # a line that was not a row, kept whole
        """insert into raw.quarantine select load_id, file_name, feed, "row" + 1,
               'malformed_line', null, 'too many columns', ?, null
           from raw.quarantine limit 1""",
        [json.dumps({"text": f"A-2,{MARK}Old3,,,"})],
    )
    con.execute("drop table if exists meta.kept_columns")
    con.close()
    assert MARK in _every_value(working)

    write(feeds / "dossiers_2.csv", [dossier("B")])
    assert cli("ingest", feeds).code == 0
    assert MARK not in _every_value(working)
    assert MARK.encode() not in _file_bytes_after_checkpoint(working)
    con = duckdb.connect(str(working), read_only=True)
    assert con.execute("select count(*) from raw.dossiers_current").fetchone()[0] == 2
    con.close()


def test_a_column_taken_off_the_allow_list_is_blanked_at_the_next_ingest(tmp_path, data_dir, cli):
    feeds = tmp_path / "feeds"
    reference(feeds)
    write(feeds / "dossiers_1.csv", [dossier("A") | {KEPT: "LT-KEPT-1", "MaCu": "OLD-9"}])
    (data_dir / "settings").mkdir(parents=True)
    allowed = data_dir / "settings" / "allowed_columns.toml"
    allowed.write_text(f'dossiers = ["{KEPT}", "MaCu"]\n')
    assert cli("ingest", feeds).code == 0
    working = data_dir / "work" / "warehouse.duckdb"
    assert "LT-KEPT-1" in _every_value(working) and "OLD-9" in _every_value(working)
    allowed.write_text(f'dossiers = ["{KEPT}"]\n')
    write(feeds / "dossiers_2.csv", [dossier("B")])
    assert cli("ingest", feeds).code == 0
    everything = _every_value(working)
    assert "LT-KEPT-1" in everything and "OLD-9" not in everything
    assert b"OLD-9" not in _file_bytes_after_checkpoint(working)


def test_a_personal_name_cannot_be_allow_listed(tmp_path, data_dir, cli):
    feeds = tmp_path / "feeds"
    reference(feeds)
    (data_dir / "settings").mkdir(parents=True)
    (data_dir / "settings" / "allowed_columns.toml").write_text('dossiers = ["HoTen"]\n')
    run = cli("ingest", feeds)
    assert run.code == 2
    assert "HoTen" in run.err and "personal" in run.err


def test_a_file_without_its_header_is_refused_without_quoting_its_first_row(
    tmp_path, data_dir, cli
):
    feeds = tmp_path / "feeds"
    reference(feeds)
    (feeds / "dossiers_noheader.csv").write_text(
        f"HS-1,{MARK}Nguyen Van A,{MARK}0905123456,19810\n", encoding="utf-8"
    )
    run = cli("ingest", feeds, "--json")
    assert run.code == 2
    (refused,) = [r for r in run.json_lines() if r["status"] == "refused"]
    assert "no header row" in refused["reason"]
    status = cli("status", "--json")
    assert "no header row" in status.out
    assert MARK not in run.out + run.err + status.out
