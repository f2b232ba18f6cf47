"""What has been loaded, when, what was quarantined and why, how fresh the published data is."""

from __future__ import annotations

import datetime as dt

import duckdb

from warehouse.paths import DataDir


def _age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _published(data: DataDir) -> dict:
    """The published build: its id, when it was built and up to which day its data runs
    (from `marts.build_info`, which every build stamps), its age and size."""
    path = data.published
    if not path.exists():
        return {"exists": False, "path": str(path)}
    info = {
        "exists": True,
        "path": str(path),
        "size_bytes": path.stat().st_size,
        "public_exists": data.public.exists(),
    }
    built = dt.datetime.fromtimestamp(path.stat().st_mtime)
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            row = con.execute(
                "select build_id, built_at, as_of_day from marts.build_info"
            ).fetchone()
        finally:
            con.close()
        if row:
            info.update(build_id=row[0], as_of_day=row[2])
            built = row[1]
    except duckdb.Error as error:
        info["error"] = f"cannot read the build stamp: {str(error).splitlines()[0]}"
    info.update(
        built_at=built.strftime("%Y-%m-%d %H:%M:%S"),
        age=_age((dt.datetime.now() - built).total_seconds()),
    )
    return info


def status(data: DataDir) -> dict:
    report: dict = {
        "data_dir": str(data.root),
        "loads": {"files": 0},
        "feeds": {},
        "quarantine": [],
        "problems": [],
        "published": _published(data),
    }
    if not data.working.exists():
        return report
    try:
        con = duckdb.connect(str(data.working), read_only=True)
    except duckdb.IOException as error:
        report["error"] = f"the working warehouse is busy (an ingest is running?): {error}"
        return report
    try:
        ready = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'meta' and table_name = 'loads'"
        ).fetchone()[0]
        if not ready:
            return report
        files, last_at, read, accepted, quarantined = con.execute(
            """select count(*), max(finished_at), coalesce(sum(rows_read), 0),
                      coalesce(sum(rows_accepted), 0), coalesce(sum(rows_quarantined), 0)
               from meta.loads"""
        ).fetchone()
        report["loads"] = {
            "files": files,
            "last_at": last_at,
            "read": read,
            "accepted": accepted,
            "quarantined": quarantined,
        }
        report["recent"] = [
            dict(
                zip(
                    ("file", "feed", "finished_at", "read", "accepted", "quarantined"),
                    r,
                    strict=True,
                )
            )
            for r in con.execute(
                """select file_name, feed, finished_at, rows_read, rows_accepted,
                          rows_quarantined from meta.loads order by load_id desc limit 20"""
            ).fetchall()
        ]
        from ingest.feeds import FEEDS

        for name, feed in FEEDS.items():
            rows, last = con.execute(
                f"""select (select count(*) from raw.{name}_current),
                           (select max(finished_at) from meta.loads where feed = ?)""",
                [name],
            ).fetchone()
            info = {"rows": rows, "last_loaded": last}
            if feed.waits_for_dossier:
                info["waiting"] = con.execute(
                    f"""select count(*) from raw.{name}_current r where not exists
                        (select 1 from raw.dossiers d where d.MaHoSo = r.MaHoSo)"""
                ).fetchone()[0]
            report["feeds"][name] = info
        report["quarantine"] = [
            dict(zip(("feed", "rule", "field", "rows"), r, strict=True))
            for r in con.execute(
                """select feed, rule, field, count(*) n from raw.quarantine
                   group by all order by n desc limit 20"""
            ).fetchall()
        ]
        report["problems"] = [
            dict(zip(("at", "file", "status", "reason"), r, strict=True))
            for r in con.execute(
                """select attempted_at, file_path, status, reason from meta.attempts
                   where status in ('refused', 'failed') order by attempted_at desc limit 10"""
            ).fetchall()
        ]
        report["latest_dossier_day"] = con.execute(
            """select greatest(max(NgayTiepNhan), max(NgayKetThucXuLy), max(NgayTra),
                               max(NgayTuChoi))::date from raw.dossiers"""
        ).fetchone()[0]
    finally:
        con.close()
    return report
