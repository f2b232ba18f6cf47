"""What has been loaded, when, what was quarantined and why, how fresh the published data is,
and what the last build did: a build whose public layer failed published the leaders' file
only, and its stamp (`marts.build_info`) names the failed checks and their provinces; a build
that failed altogether published nothing, and its note (warehouse.build.last_build_file) says
why. Times are local (Asia/Ho_Chi_Minh), as the build and load stamps are."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import duckdb

from warehouse.connection import LOCAL_TZ
from warehouse.paths import DataDir


def _local_now() -> dt.datetime:
    return dt.datetime.now(ZoneInfo(LOCAL_TZ)).replace(tzinfo=None)


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
    built = dt.datetime.fromtimestamp(path.stat().st_mtime, ZoneInfo(LOCAL_TZ)).replace(tzinfo=None)
    try:
        stamp = _stamp(path, "marts")
        if stamp:
            info.update(build_id=stamp["build_id"], as_of_day=stamp["as_of_day"])
            built = stamp["built_at"]
            # stamps of builds before the public layer was isolated lack these columns
            info["public_published"] = stamp.get("public_published", True)
            info["public_failures"] = json.loads(stamp.get("public_failures") or "[]")
    except duckdb.Error as error:
        info["error"] = f"cannot read the build stamp: {str(error).splitlines()[0]}"
    info.update(
        built_at=built.strftime("%Y-%m-%d %H:%M:%S"),
        time_zone=LOCAL_TZ,
        age=_age((_local_now() - built).total_seconds()),
    )
    info["public"] = _public(data)
    return info


def _stamp(path, schema: str) -> dict | None:
    """The build stamp (`<schema>.build_info`) of a published file, as a dict."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        cursor = con.execute(f"select * from {schema}.build_info")
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None
    finally:
        con.close()


def _public(data: DataDir) -> dict:
    """The journalists' file: which build it holds (an older one than the leaders' file after a
    build whose public layer failed)."""
    if not data.public.exists():
        return {"exists": False, "path": str(data.public)}
    info: dict = {"exists": True, "path": str(data.public)}
    try:
        stamp = _stamp(data.public, "pub")
    except duckdb.Error as error:
        info["error"] = f"cannot read the build stamp: {str(error).splitlines()[0]}"
        return info
    if stamp:
        info.update(
            build_id=stamp["build_id"],
            built_at=stamp["built_at"].strftime("%Y-%m-%d %H:%M:%S"),
            as_of_day=stamp["as_of_day"],
        )
    return info


def _last_build(data: DataDir) -> dict | None:
    """What the last build did (warehouse.build's note), if it left one."""
    from warehouse.build import last_build_file

    try:
        return json.loads(last_build_file(data).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def status(data: DataDir) -> dict:
    report: dict = {
        "data_dir": str(data.root),
        "loads": {"files": 0},
        "feeds": {},
        "quarantine": [],
        "problems": [],
        "published": _published(data),
        "last_build": _last_build(data),
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
        # Load logs written before December 2026 have no `dropped_columns` (until the next
        # ingest adds it): those loads kept their unknown columns.
        dropped = (
            "dropped_columns"
            if con.execute(
                "select count(*) from information_schema.columns where table_schema = 'meta' "
                "and table_name = 'loads' and column_name = 'dropped_columns'"
            ).fetchone()[0]
            else "null::varchar[]"
        )
        report["recent"] = [
            dict(
                zip(
                    (
                        "file",
                        "feed",
                        "finished_at",
                        "read",
                        "accepted",
                        "quarantined",
                        "dropped_columns",
                    ),
                    r,
                    strict=True,
                )
            )
            for r in con.execute(
                f"""select file_name, feed, finished_at, rows_read, rows_accepted,
                           rows_quarantined, coalesce({dropped}, []::varchar[])
                    from meta.loads order by load_id desc limit 20"""
            ).fetchall()
        ]
        # The names (never the values) of the unknown columns dropped, per feed, over every
        # load: what an operator reads to decide whether to allow-list one.
        report["dropped_columns"] = {
            feed: names
            for feed, names in con.execute(
                f"""select feed, list_sort(list_distinct(flatten(list({dropped}))))
                    from meta.loads where {dropped} is not null and len({dropped}) > 0
                    group by feed order by feed"""
            ).fetchall()
        }
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
