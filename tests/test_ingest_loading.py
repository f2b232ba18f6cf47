"""Order, idempotence, supersession, refusals and crash safety of `haicap ingest`."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import time

import duckdb
import pytest

from ingest import report
from tests.conftest import HAICAP
from tests.feedkit import dossier, reference, write


def test_reference_feeds_load_first_whatever_the_order_given(tmp_path, cli_process, warehouse):
    dossiers = write(
        tmp_path / "dossiers_1.csv",
        [dossier("O-1"), dossier("O-2", MaXa="", DonViXuLy="000.00.01.H22")],
    )
    agencies, procedures = reference(tmp_path / "ref")
    run = cli_process("ingest", dossiers, procedures, agencies, "--json")
    assert run.code == 0, run.err
    assert [r["feed"] for r in run.json_lines()] == ["agencies", "procedures", "dossiers"]
    assert warehouse("select count(*) from raw.dossiers_current") == [(2,)]


def test_loading_the_same_file_twice_changes_nothing(tmp_path, cli, warehouse):
    reference(tmp_path)
    write(tmp_path / "dossiers_1.csv", [dossier("I-1"), dossier("I-2", MaXa="0")])
    first = cli("ingest", tmp_path, "--json").json_lines()
    counts = warehouse(
        "select (select count(*) from raw.dossiers), "
        "(select count(*) from raw.quarantine), (select count(*) from meta.loads)"
    )
    second = cli("ingest", tmp_path, "--json")
    assert second.code == 0
    assert {r["status"] for r in second.json_lines()} == {"skipped"}
    assert all("same content as" in r["reason"] for r in second.json_lines())
    assert [r["status"] for r in first] == ["loaded"] * 3
    assert (
        warehouse(
            "select (select count(*) from raw.dossiers), "
            "(select count(*) from raw.quarantine), (select count(*) from meta.loads)"
        )
        == counts
    )


def test_later_records_supersede_earlier_ones(tmp_path, cli, warehouse):
    reference(tmp_path)
    open_ = dict(TrangThaiHoSo="4", NgayKetThucXuLy="", NgayTra="")
    write(
        tmp_path / "dossiers_2025-07.csv",
        [
            dossier("U-1", TrangThaiHoSo="2", NgayKetThucXuLy="", NgayTra=""),
            dossier("U-2", **open_),
            dossier("U-1", **open_),  # later in the same file
        ],
    )
    write(tmp_path / "dossiers_2025-08.csv", [dossier("U-2")])  # finished in a later file
    cli("ingest", tmp_path)
    assert warehouse("select MaHoSo, TrangThaiHoSo from raw.dossiers_current order by 1") == [
        ("U-1", 4),
        ("U-2", 10),
    ]
    assert warehouse("select count(*) from raw.dossiers") == [(4,)]  # history kept


def test_unreadable_files_are_refused_whole_and_the_others_still_load(
    tmp_path, cli_process, warehouse
):
    reference(tmp_path)
    good = write(tmp_path / "dossiers_good.csv", [dossier("G-1")])
    latin = tmp_path / "dossiers_latin1.csv"
    latin.write_bytes(
        good.read_text(encoding="utf-8").replace("G-1", "L-1").encode("utf-8")
        + "L-2;Phường Kim Long\n".encode("cp1258", errors="replace")
        + b"\xff\xfe tail\n"
    )
    with pytest.raises(UnicodeDecodeError) as bad:
        latin.read_bytes().decode("utf-8")
    bad_offset = bad.value.start
    truncated = tmp_path / "dossiers_cut.csv.gz"
    whole = gzip.compress(good.read_bytes().replace(b"G-1", b"T-1") * 50)
    truncated.write_bytes(whole[: len(whole) // 2])
    (tmp_path / "staffing_fake.xlsx").write_bytes(b"this is not a workbook")
    headless = tmp_path / "dossiers_noheader.csv"
    headless.write_text("H-1;1.000894.000.00.00.H12;19810\n", encoding="utf-8")
    (tmp_path / "assets_empty.csv").write_bytes(b"")

    run = cli_process("ingest", tmp_path, "--json")
    assert run.code == 2
    by_file = {os.path.basename(r["file"]): r for r in run.json_lines()}
    assert by_file["dossiers_good.csv"]["status"] == "loaded"
    reasons = {name: r["reason"] for name, r in by_file.items() if r["status"] == "refused"}
    assert set(reasons) == {
        "dossiers_latin1.csv",
        "dossiers_cut.csv.gz",
        "staffing_fake.xlsx",
        "dossiers_noheader.csv",
        "assets_empty.csv",
    }
    assert reasons["dossiers_latin1.csv"].startswith("dossiers_latin1.csv: not valid UTF-8")
    assert f"offset {bad_offset}" in reasons["dossiers_latin1.csv"]
    assert "gzip" in reasons["dossiers_cut.csv.gz"]
    assert "XLSX" in reasons["staffing_fake.xlsx"]
    assert "header" in reasons["dossiers_noheader.csv"]
    assert "empty" in reasons["assets_empty.csv"]
    assert warehouse("select MaHoSo from raw.dossiers") == [("G-1",)]
    status = subprocess.run(
        [str(HAICAP), "status"],
        capture_output=True,
        text=True,
        env={**os.environ, "HAICAP_DATA_DIR": str(tmp_path / "data")},
    )
    assert "refused: " in status.stdout and "dossiers_latin1.csv" in status.stdout


def test_plain_output_shows_counts_and_top_reasons(tmp_path, cli):
    reference(tmp_path)
    write(
        tmp_path / "dossiers_1.csv",
        [
            dossier("A"),
            dossier("B", MaXa="1"),
            dossier("C", MaXa="2"),
            dossier("D", NgayHenTra="x"),
        ],
    )
    run = cli("ingest", tmp_path)
    assert run.code == 0
    assert "dossiers_1.csv (dossiers): read 4, accepted 1, quarantined 3" in run.out
    assert "2 × unknown_ward (MaXa)" in run.out
    assert "1 × bad_date (NgayHenTra)" in run.out


def test_unknown_feed_names_and_missing_paths_are_usage_errors(tmp_path, cli):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    run = cli("ingest", tmp_path / "notes.csv", tmp_path / "missing.csv", "--json")
    assert run.code == 2
    reasons = [r["reason"] for r in run.json_lines()]
    assert any("cannot tell which feed" in r for r in reasons)
    assert any("no such file" in r for r in reasons)
    run = cli("ingest", tmp_path / "notes.csv", "--feed", "dossiers", "--json")
    assert run.json_lines()[0]["status"] == "refused"  # no dossier field in its header


def test_a_failure_mid_file_leaves_the_warehouse_as_it_was(tmp_path, cli, warehouse, monkeypatch):
    reference(tmp_path)
    cli("ingest", tmp_path)
    before = warehouse("select count(*) from meta.loads")
    write(tmp_path / "dossiers_1.csv", [dossier("F-1"), dossier("F-2", MaXa="1")])
    real = report._waiting

    def explode(*args, **kwargs):  # after raw and quarantine were written
        real(*args, **kwargs)
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(report, "_waiting", explode)
    run = cli("ingest", tmp_path / "dossiers_1.csv", "--json")
    assert run.code == 1
    assert run.json_lines()[0]["status"] == "failed"
    reason = run.json_lines()[0]["reason"]
    assert "the disk is full" in reason and "nothing of this file was loaded" in reason
    assert warehouse("select count(*) from raw.dossiers") == [(0,)]
    assert warehouse("select count(*) from raw.quarantine") == [(0,)]
    assert warehouse("select count(*) from meta.loads") == before
    monkeypatch.setattr(report, "_waiting", real)
    assert cli("ingest", tmp_path / "dossiers_1.csv").code == 0
    assert warehouse("select count(*) from raw.dossiers") == [(1,)]


@pytest.mark.slow
def test_kill_9_mid_file_then_rerun_ends_as_if_nothing_happened(tmp_path, data_dir):
    reference(tmp_path)
    big = tmp_path / "dossiers_big.csv"
    con = duckdb.connect()
    con.execute(
        f"""copy (select 'K-' || i as MaHoSo, '1.000894.000.00.00.H12' as MaTTHC,
                   case when i % 1000 = 0 then '99999' else '19810' end as MaXa,
                   '2' as KenhThucHien, '20250701083000' as NgayTiepNhan,
                   '01/07/2025' as NgayHenTra, '10' as TrangThaiHoSo,
                   '20250701100000' as NgayKetThucXuLy, (46000000000 + i)::varchar
                   as SoGiayToChuHoSo
            from range(1500000) t(i)) to '{big}' (header, delimiter ';')"""
    )
    con.close()
    salt = tmp_path / "salt"
    salt.write_text("ab" * 32)
    clean_dir = tmp_path / "clean"

    def env(folder):
        return {**os.environ, "HAICAP_DATA_DIR": str(folder), "HAICAP_SALT_FILE": str(salt)}

    for folder in (data_dir, clean_dir):
        subprocess.run(
            [str(HAICAP), "ingest", *reference(tmp_path)],
            env=env(folder),
            check=True,
            capture_output=True,
        )
    subprocess.run(
        [str(HAICAP), "ingest", str(big)], env=env(clean_dir), check=True, capture_output=True
    )

    process = subprocess.Popen(
        [str(HAICAP), "ingest", str(big)],
        env=env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_until_read(process.pid, big.stat().st_size // 3)  # a third of the file scanned
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it was killed"

    rerun = subprocess.run(
        [str(HAICAP), "ingest", str(big), "--json"],
        env=env(data_dir),
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert _fingerprint(data_dir) == _fingerprint(clean_dir)
    killed = _fingerprint(data_dir)
    assert killed["dossiers"] == 1498500 and killed["quarantine"] == 1500
    assert killed["dossier_loads"] == 1
    # Lines are numbered from the order the rows of a parallel scan landed in: every
    # quarantined row must carry its own line (row K-i is on line i + 2), and the accepted
    # rows must lie in file order.
    con = duckdb.connect(str(data_dir / "work" / "warehouse.duckdb"), read_only=True)
    try:
        misnumbered = con.execute(
            """select count(*) from raw.quarantine where feed = 'dossiers'
               and "row" <> substr(original->>'MaHoSo', 3)::bigint + 2"""
        ).fetchone()[0]
        lines = con.execute(
            'select list("row" order by "row")[:2] from raw.quarantine where feed = \'dossiers\''
        ).fetchone()[0]
        out_of_order = con.execute(
            """select count(*) from (
                   select substr(MaHoSo, 3)::bigint as i, lag(i) over (order by rowid) as before
                   from raw.dossiers) where i <= before"""
        ).fetchone()[0]
    finally:
        con.close()
    assert misnumbered == 0 and out_of_order == 0
    assert lines == [2, 1002]  # K-0 and K-1000, in the unknown ward 99999


def _wait_until_read(pid: int, size: int, timeout: float = 60) -> None:
    """Until process `pid` has read `size` bytes (Linux /proc/PID/io)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/io") as handle:
                read = next(int(x.split()[1]) for x in handle if x.startswith("rchar:"))
        except (OSError, StopIteration):
            read = 0
        if read >= size:
            return
        time.sleep(0.02)
    raise AssertionError("the ingest never got a third into the file")


def _fingerprint(folder) -> dict:
    """Row counts and a checksum of the current-state dossiers (load ids aside)."""
    con = duckdb.connect(str(folder / "work" / "warehouse.duckdb"), read_only=True)
    try:
        dossiers, checksum = con.execute(
            """select count(*), sum(hash(MaHoSo, MaXa, NgayTiepNhan, TrangThaiHoSo,
                                         SoGiayToChuHoSo_hash, _row))
               from raw.dossiers_current"""
        ).fetchone()
        return {
            "dossiers": dossiers,
            "checksum": checksum,
            "raw": con.execute("select count(*) from raw.dossiers").fetchone()[0],
            "quarantine": con.execute("select count(*) from raw.quarantine").fetchone()[0],
            "dossier_loads": con.execute(
                "select count(*) from meta.loads where feed = 'dossiers'"
            ).fetchone()[0],
        }
    finally:
        con.close()
