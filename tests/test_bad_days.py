"""Bad days, small: the scenarios of scripts/bad_days.py on a world they generate (two demo
provinces, July loaded and built, August kept back). The script runs the same checks with
real `haicap build`s between them; here a build is published again from a kept dbt output
(warehouse.publish, as `haicap build` calls it), which costs a second instead of a build.

Each check returns what a person would notice (exit codes, quarantined rows, the published
files and their build ids); the tests assert on those.

A dbt test that fails during `haicap build` is tested in tests/test_build.py
(test_failed_test_publishes_nothing: exit 1, the failing test named, files byte-identical).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb
import pytest

from scripts import bad_days
from warehouse.publish import FACT_ROWS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_days")
    world = bad_days.make_world(root, dossiers=300_000, build=False)
    template = bad_days.build_template(world.data)
    bad_days.publish_template(world.data, template, "first-build")
    world.template = template
    return world


def _stamps(path: Path) -> dict[str, set[str]]:
    """`_build_id` values of every table and view a reader reads in a published file, by name
    (the dossier fact's rows are read through its view, which adds the stamp)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = con.execute(
            """select table_schema || '.' || table_name from information_schema.tables
               where table_name <> ? order by all""",
            [FACT_ROWS],
        ).fetchall()
        return {
            t: {r[0] for r in con.execute(f"select distinct _build_id from {t}").fetchall()}
            for (t,) in tables
        }
    finally:
        con.close()


def test_every_published_table_carries_the_build_id(world):
    published = world.data / "published"
    leaders = _stamps(published / "warehouse.duckdb")
    public = _stamps(published / "public.duckdb")
    assert "marts.fct_dossiers" in leaders and "pub.pub_province_monthly" in public
    for table, ids in {**leaders, **public}.items():
        assert ids <= {"first-build"}, table  # empty tables (no open alerts) have none
    assert leaders["marts.fct_dossiers"] == public["pub.build_info"] == {"first-build"}


def test_readers_never_see_two_builds_while_builds_are_published(world):
    """20 reader threads of one process (as Streamlit's sessions share the query layer),
    each snapshot reading every table of both files on one held connection, plus the query
    functions the pages call, while four builds are published."""

    def publish(round_: int) -> str:
        build_id = f"build-{round_}-{uuid.uuid4().hex[:6]}"
        bad_days.publish_template(world.data, world.template, build_id)
        return build_id

    seen = bad_days.check_readers(world.data, readers=20, rounds=4, publish=publish)
    assert seen.stats.errors == []
    assert seen.stats.mixed == []  # no snapshot held two builds' tables
    assert seen.stats.snapshots > 0 and len(seen.stats.builds_seen) >= 2
    assert seen.after == seen.published[-1] and len(set(seen.published)) == 4


def test_a_feed_cut_mid_line(world, tmp_path):
    """The partial last line of a CSV is quarantined and the rest loads; a JSON file cut in
    half and a truncated .gz are refused whole; the published files do not change."""
    cut = bad_days.check_truncated(world, tmp_path / "cut", rebuild=False)
    assert (cut.csv.exit, cut.csv.status) == (0, "loaded")
    assert cut.csv.accepted == cut.whole_rows and cut.csv.quarantined == 1
    # the file's last line: after the header and the whole rows
    assert cut.quarantine == [("malformed_line", cut.whole_rows + 2)]
    for refused in (cut.json, cut.gz):
        assert (refused.exit, refused.status) == (2, "refused") and not refused.accepted
    assert cut.published_identical


def _disk(kind: str, world) -> bad_days.FullDisk:
    result = bad_days.check_disk(kind, world)
    if isinstance(result, bad_days.Skipped):
        pytest.skip(result.reason)
    return result


def test_a_build_on_a_full_disk_publishes_nothing_and_says_so(world):
    full = _disk("build", world)
    assert full.exit == 1 and full.says_disk_full, full.last_line
    assert full.published_identical and full.leftovers == []


def test_an_ingest_on_a_full_disk_leaves_the_warehouse_as_it_was(world):
    full = _disk("ingest", world)
    assert full.exit == 1 and full.warehouse_unchanged
    assert full.exit_with_room == 0  # the same file loads once there is room


def test_an_ingest_on_a_full_disk_says_the_disk_is_full(world):
    full = _disk("ingest", world)
    assert full.says_disk_full, full.last_line
