"""Several files of a feed loaded at once (`haicap ingest --jobs N`): the same warehouse as
one file after another, whatever order the files finish in."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time

import duckdb
import pytest

from ingest import load, report
from tests.conftest import HAICAP
from tests.feedkit import dossier, reference, write
from tests.test_ingest_loading import _fingerprint, _wait_until_read
from warehouse.paths import DataDir

OPEN = dict(TrangThaiHoSo="4", NgayKetThucXuLy="", NgayTra="")


def _month_files(folder, months: int = 6, rows: int = 40) -> list:
    """Month files in which every dossier comes back in each later month, one step on."""
    paths = []
    for month in range(months):
        status = {} if month == months - 1 else OPEN
        rows_of_month = [dossier(f"M-{i}", **status) for i in range(rows)]
        rows_of_month.append(dossier(f"N-{month}", MaXa="99999"))  # unknown ward: quarantined
        path = write(folder / f"dossiers_2025-{month + 1:02d}.csv", rows_of_month)
        if month % 2:  # a line that is not a row, mid-file: the lines after it keep their number
            lines = path.read_text().splitlines(keepends=True)
            lines.insert(len(lines) // 2, "X;too;many;columns;" * 20 + "\n")
            path.write_text("".join(lines))
        paths.append(path)
    return paths


def _state(warehouse) -> dict:
    return {
        "current": warehouse(
            "select MaHoSo, TrangThaiHoSo, _row from raw.dossiers_current order by all"
        ),
        "raw": warehouse("select count(*) from raw.dossiers"),
        "quarantine": warehouse('select file_name, "row", rule from raw.quarantine order by all'),
        "loads": warehouse(
            "select file_name, rows_read, rows_accepted from meta.loads "
            "where feed = 'dossiers' order by load_id"
        ),
    }


def test_files_load_together_as_they_would_one_after_another(tmp_path, cli, data_dir, warehouse):
    reference(tmp_path)
    files = _month_files(tmp_path)
    serial = cli("ingest", tmp_path, "--json", "--jobs", "1")
    assert serial.code == 0
    expected = _state(warehouse)
    assert expected["current"][0] == ("M-0", 10, None)  # the last month's version
    assert expected["raw"] == [(6 * 40,)]  # the quarantined rows are out of the raw table
    assert ("dossiers_2025-02.csv", 22, "malformed_line") in expected["quarantine"]
    assert ("dossiers_2025-02.csv", 43, "unknown_ward") in expected["quarantine"]
    assert [name for name, *_ in expected["loads"]] == [f.name for f in files]

    for jobs in ("2", "4"):
        for child in data_dir.iterdir():
            if child.name != "secrets":  # the same salt: the same pseudonyms
                shutil.rmtree(child)
        together = cli("ingest", tmp_path, "--json", "--jobs", jobs)
        assert together.code == 0
        assert _state(warehouse) == expected
        # one result per file, in load order, with the contract's fields
        lines = together.json_lines()
        assert [os.path.basename(r["file"]) for r in lines] == [
            "agencies.csv",
            "procedures.csv",
            *(f.name for f in files),
        ]
        assert [(r["read"], r["accepted"], r["quarantined"], r["status"]) for r in lines[2:]] == [
            (41, 40, 1, "loaded"),
            (42, 40, 2, "loaded"),  # and the line that is not a row
        ] * (len(files) // 2)


def test_files_loading_together_share_the_threads_and_give_them_back():
    con = duckdb.connect()
    con.execute("set threads = 4")
    threads = load._Threads(con)

    def setting() -> int:
        return con.execute("select current_setting('threads')").fetchone()[0]

    with threads.loading():
        assert setting() == 4  # one file: all of them
        with threads.loading():
            assert setting() == 3
            with threads.loading(), threads.loading(), threads.loading():
                assert setting() == 1  # never none
        assert setting() == 4
    threads.restore()
    assert setting() == 4


def test_a_later_file_supersedes_an_earlier_one_that_finishes_last(
    tmp_path, cli, warehouse, monkeypatch
):
    reference(tmp_path)
    cli("ingest", tmp_path)
    # JSON Lines: CSV files of one layout load in one scan (`_load_many`), not side by side
    early = write(tmp_path / "in" / "dossiers_b_early.jsonl", [dossier("S-1", **OPEN)])
    late = write(tmp_path / "in" / "dossiers_a_late.jsonl", [dossier("S-1")])
    finished: list[str] = []
    late_done = threading.Event()
    real = report._waiting

    def slow_early_file(con, feed, load_id):  # after the file's rows were written
        is_early = con.execute(
            "select count(*) from raw.dossiers where _load_id = ? and TrangThaiHoSo = 4",
            [load_id],
        ).fetchone()[0]
        if is_early:  # wait until the later file has done all its work but commit
            assert late_done.wait(30)
        finished.append("early" if is_early else "late")
        late_done.set()
        return real(con, feed, load_id)

    monkeypatch.setattr(report, "_waiting", slow_early_file)
    run = cli("ingest", early, late, "--json", "--jobs", "2")  # given order: early, late
    assert run.code == 0
    assert finished == ["late", "early"]
    assert [os.path.basename(r["file"]) for r in run.json_lines()] == [early.name, late.name]
    assert warehouse(
        "select file_name from meta.loads where feed = 'dossiers' order by load_id"
    ) == [(early.name,), (late.name,)]
    assert warehouse("select MaHoSo, TrangThaiHoSo from raw.dossiers_current") == [("S-1", 10)]


def test_a_failed_file_blocks_and_undoes_nothing_of_the_others(
    tmp_path, cli, warehouse, monkeypatch
):
    reference(tmp_path)
    cli("ingest", tmp_path)
    folder = tmp_path / "in"
    write(folder / "dossiers_1.csv", [dossier("B-1")])
    write(folder / "dossiers_2.csv", [dossier("B-2")])
    (folder / "dossiers_3.csv").write_bytes(
        b"MaHoSo,MaTTHC,MaXa\nB-3,1.000894.000.00.00.H12,19810\nB-4,\xff\xfe,19810\n"
    )
    write(folder / "dossiers_4.csv", [dossier("B-5")])
    write(folder / "dossiers_5.csv", [dossier("B-6")])
    real = report._waiting

    def full_disk_on_file_2(con, feed, load_id):
        real(con, feed, load_id)
        if con.execute(
            "select count(*) from raw.dossiers where _load_id = ? and MaHoSo = 'B-2'", [load_id]
        ).fetchone()[0]:
            raise duckdb.IOException("No space left on device")
        return 0

    monkeypatch.setattr(report, "_waiting", full_disk_on_file_2)
    run = cli("ingest", folder, "--json", "--jobs", "3")
    assert run.code == 1  # a failed file
    statuses = [(os.path.basename(r["file"]), r["status"]) for r in run.json_lines()]
    assert statuses == [
        ("dossiers_1.csv", "loaded"),
        ("dossiers_2.csv", "failed"),
        ("dossiers_3.csv", "refused"),
        ("dossiers_4.csv", "loaded"),
        ("dossiers_5.csv", "loaded"),
    ]
    reasons = {os.path.basename(r["file"]): r["reason"] for r in run.json_lines()}
    assert "the disk is full" in reasons["dossiers_2.csv"]
    assert "not valid UTF-8" in reasons["dossiers_3.csv"]
    assert warehouse("select MaHoSo from raw.dossiers order by 1") == [
        ("B-1",),
        ("B-5",),
        ("B-6",),
    ]
    assert warehouse("select count(*) from raw.quarantine") == [(0,)]
    monkeypatch.setattr(report, "_waiting", real)
    again = cli("ingest", folder, "--json", "--jobs", "3")
    assert [r["status"] for r in again.json_lines()] == [
        "skipped",
        "loaded",
        "refused",
        "skipped",
        "skipped",
    ]


def test_the_same_content_twice_in_one_run_loads_once(tmp_path, cli, warehouse):
    reference(tmp_path)
    first = write(tmp_path / "dossiers_1.csv", [dossier("D-1")])
    (tmp_path / "dossiers_2.csv").write_bytes(first.read_bytes())
    write(tmp_path / "dossiers_3.csv", [dossier("D-3")])
    run = cli("ingest", tmp_path, "--json", "--jobs", "3")
    assert [r["status"] for r in run.json_lines()][2:] == ["loaded", "skipped", "loaded"]
    assert "same content as dossiers_1.csv" in run.json_lines()[3]["reason"]
    assert warehouse("select MaHoSo from raw.dossiers order by 1") == [("D-1",), ("D-3",)]


def test_a_fault_stops_the_files_after_it_not_those_before(
    tmp_path, cli, data_dir, warehouse, monkeypatch
):
    reference(tmp_path)
    cli("ingest", tmp_path)
    folder = tmp_path / "in"
    for i in range(1, 5):
        write(folder / f"dossiers_{i}.csv", [dossier(f"X-{i}")])
    real = report._waiting

    def bug_in_file_2(con, feed, load_id):
        if con.execute(
            "select count(*) from raw.dossiers where _load_id = ? and MaHoSo = 'X-2'", [load_id]
        ).fetchone()[0]:
            raise ZeroDivisionError("a bug")
        time.sleep(0.2)
        return real(con, feed, load_id)

    monkeypatch.setattr(report, "_waiting", bug_in_file_2)
    with pytest.raises(ZeroDivisionError):
        load.ingest([folder], DataDir.resolve(str(data_dir)), jobs=2)
    assert warehouse("select MaHoSo from raw.dossiers") == [("X-1",)]


@pytest.mark.slow
def test_kill_9_while_files_load_together_then_rerun_ends_as_if_nothing_happened(
    tmp_path, data_dir
):
    """Three month files of the same 400,000 dossiers, each a step further: killed while
    loading together, then run again, the warehouse ends as a run without the kill."""
    reference(tmp_path)
    salt = tmp_path / "salt"
    salt.write_text("cd" * 32)
    months = []
    con = duckdb.connect()
    for month, status in enumerate(("2", "4", "10"), start=7):
        path = tmp_path / "in" / f"dossiers_2025-{month:02d}.csv"
        path.parent.mkdir(exist_ok=True)
        con.execute(
            f"""copy (select 'K-' || i as MaHoSo, '1.000894.000.00.00.H12' as MaTTHC,
                       case when i % 1000 = {month} then '99999' else '19810' end as MaXa,
                       '20250701083000' as NgayTiepNhan, '01/08/2025' as NgayHenTra,
                       '{status}' as TrangThaiHoSo,
                       case when '{status}' = '10' then '20250710100000' end
                           as NgayKetThucXuLy,
                       case when '{status}' = '10' then '20250710110000' end as NgayTra,
                       (46000000000 + i)::varchar as SoGiayToChuHoSo
                from range(400000) t(i)) to '{path}' (header, delimiter ';')"""
        )
        months.append(path)
    con.close()
    clean_dir = tmp_path / "clean"

    def env(folder):
        return {**os.environ, "HAICAP_DATA_DIR": str(folder), "HAICAP_SALT_FILE": str(salt)}

    def ingest(folder, *paths):
        return subprocess.run(
            [str(HAICAP), "ingest", "--jobs", "2", *map(str, paths)],
            env=env(folder),
            capture_output=True,
            text=True,
        )

    for folder in (data_dir, clean_dir):
        assert ingest(folder, *reference(tmp_path)).returncode == 0
    assert ingest(clean_dir, *months).returncode == 0

    process = subprocess.Popen(
        [str(HAICAP), "ingest", "--jobs", "2", *map(str, months)],
        env=env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_until_read(process.pid, sum(p.stat().st_size for p in months) // 2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it was killed"

    rerun = ingest(data_dir, *months)
    assert rerun.returncode == 0, rerun.stderr
    assert _fingerprint(data_dir) == _fingerprint(clean_dir)
    con = duckdb.connect(str(data_dir / "work" / "warehouse.duckdb"), read_only=True)
    try:
        order = con.execute(
            "select list(file_name order by load_id) from meta.loads where feed = 'dossiers'"
        ).fetchone()[0]
        statuses = con.execute(
            "select TrangThaiHoSo, count(*) from raw.dossiers_current group by 1"
        ).fetchall()
    finally:
        con.close()
    assert order == [p.name for p in months]
    # the last month's version, but where the last month's was quarantined
    assert sorted(statuses) == [(4, 400), (10, 400000 - 400)]
