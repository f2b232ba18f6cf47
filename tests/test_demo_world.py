"""The demo world (issue #3): calibration.md reproduced through the real path.

Every figure here is computed from the generated files after `haicap ingest` loaded them
(SQL over `raw.*_current`, the definitions of metrics.md), never from the generator's
internals. Named units are generated at the default (calibrated) volume; the other checks
use smaller worlds.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from demo_metrics import cohort, pending_inherited  # noqa: E402

pytestmark = pytest.mark.slow

HAICAP = str(Path(sys.executable).parent / "haicap")


def run(*args: str, data: Path | None = None) -> str:
    env = dict(os.environ)
    if data is not None:
        env["HAICAP_DATA_DIR"] = str(data)
    done = subprocess.run([HAICAP, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def world(tmp: Path, *options: str) -> duckdb.DuckDBPyConnection:
    feeds, data = tmp / "feeds", tmp / "data"
    run("generate", "--out", str(feeds), *options)
    run("ingest", str(feeds), data=data)
    return duckdb.connect(str(data / "work" / "warehouse.duckdb"), read_only=True)


@pytest.fixture(scope="module")
def hue_dien_bien(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """Huế (46) and Điện Biên (11) at the default volume, default seed."""
    con = world(tmp_path_factory.mktemp("hue_dien_bien"), "--provinces", "46,11")
    yield con
    con.close()


@pytest.fixture(scope="module")
def ha_tinh_da_nang(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """Hà Tĩnh (42) and Đà Nẵng (48): staffing and catalogue do not depend on volume."""
    con = world(
        tmp_path_factory.mktemp("ha_tinh_da_nang"), "--provinces", "42,48", "--dossiers", "100000"
    )
    yield con
    con.close()


# -- named units (must) -----------------------------------------------------------------------

KIM_LONG = ("MaXa = '19810'", "2025-07-01", "2025-08-25", "2025-08-25")


def test_kim_long_received_about_3100(hue_dien_bien):
    assert 3100 <= cohort(hue_dien_bien, *KIM_LONG)["received"] <= 3300


def test_kim_long_online_share_95(hue_dien_bien):
    assert cohort(hue_dien_bien, *KIM_LONG)["online_share"] == pytest.approx(0.95, abs=0.015)


def test_kim_long_in_time_share_92(hue_dien_bien):
    assert cohort(hue_dien_bien, *KIM_LONG)["in_time_share"] == pytest.approx(0.92, abs=0.015)


def test_kim_long_overdue_share_2_3(hue_dien_bien):
    assert cohort(hue_dien_bien, *KIM_LONG)["overdue_share"] == pytest.approx(0.023, abs=0.007)


def test_kim_long_inherited_about_400_mostly_land(hue_dien_bien):
    pending, land = pending_inherited(hue_dien_bien, "19810", "2025-07-01")
    assert 350 <= pending <= 450
    assert land > pending / 2


NA_SON = ("MaXa = '03203'", "2025-07-01", "2025-10-05", "2025-10-05")


def test_na_son_645_received_156_online(hue_dien_bien):
    figures = cohort(hue_dien_bien, *NA_SON)
    assert figures["received"] == pytest.approx(645, rel=0.03)
    assert figures["received_online"] == pytest.approx(156, rel=0.03)


def test_na_son_no_late_dossier(hue_dien_bien):
    figures = cohort(hue_dien_bien, *NA_SON)
    assert figures["late"] == 0
    assert figures["pending_overdue"] == 0


def test_dien_bien_30000_received_22000_by_wards(hue_dien_bien):
    province = cohort(
        hue_dien_bien,
        "coalesce(MaXa in (select ward_code from ref.wards where province_code = '11'), "
        "agency_level = 'tinh' and agency_province = '11')",
        "2025-07-01",
        "2025-10-05",
        "2025-10-05",
    )
    wards = cohort(
        hue_dien_bien,
        "MaXa in (select ward_code from ref.wards where province_code = '11')",
        "2025-07-01",
        "2025-10-05",
        "2025-10-05",
    )
    assert province["received"] == pytest.approx(30_000, rel=0.05)
    assert wards["received"] > 22_000
    assert wards["received"] < province["received"]


def test_da_nang_catalogue(ha_tinh_da_nang):
    in_use, non_territorial, full_online = ha_tinh_da_nang.execute(
        """select count(*), count(*) filter (where PhiDiaGioi = 1),
                  count(*) filter (where PhiDiaGioi = 1 and MucDo = 4)
           from raw.procedures_current where MaTinh = '48'"""
    ).fetchall()[0]
    assert (in_use, non_territorial, full_online) == (2267, 1160, 849)


def test_ha_tinh_staffing_on_1_august(ha_tinh_da_nang):
    wards = ha_tinh_da_nang.execute(
        """select MaXa, sum(HienCo) post, sum(DinhBien) quota,
                  sum(HienCo) filter (where ChuyenMon = 'cntt') it,
                  sum(HienCo) filter (where ChuyenMon = 'dia_chinh') land
           from raw.staffing_current s join ref.wards w on w.ward_code = s.MaXa
           where w.province_code = '42' and NgayBaoCao = date '2025-08-01'
           group by MaXa"""
    ).fetchall()
    post = sum(w[1] for w in wards)
    quota = sum(w[2] for w in wards)
    diffs = [w[1] - w[2] for w in wards]
    assert len(wards) == 69
    assert (post, post - quota) == (2697, 243)
    assert (sum(d == 0 for d in diffs), sum(d > 0 for d in diffs), sum(d < 0 for d in diffs)) == (
        7,
        41,
        21,
    )
    assert min(diffs) >= -8
    assert sum(w[3] == 0 for w in wards) == 48
    assert sum(w[4] == 0 for w in wards) == 19


def test_country_reference(hue_dien_bien):
    assert hue_dien_bien.execute("select count(*) from ref.provinces").fetchall()[0][0] == 34
    assert hue_dien_bien.execute("select count(*) from ref.wards").fetchall()[0][0] == 3321


# -- the quarantine -----------------------------------------------------------------------------


def test_deliberate_bad_rows_land_in_quarantine(hue_dien_bien):
    rules = dict(
        hue_dien_bien.execute(
            "select rule, count(*) from raw.quarantine where feed = 'dossiers' group by rule"
        ).fetchall()
    )
    for rule in (
        "bad_date",
        "due_before_received",
        "unknown_ward",
        "finished_without_end",
        "unknown_procedure",
    ):
        assert rules.get(rule, 0) > 0, rule
    dossier_rows = hue_dien_bien.execute("select count(*) from raw.dossiers").fetchall()[0][0]
    assert 0.0004 < sum(rules.values()) / dossier_rows < 0.003
    other = hue_dien_bien.execute(
        "select count(*) from raw.quarantine where feed <> 'dossiers'"
    ).fetchall()[0][0]
    assert other == 0


def test_status_updates_arrive_as_later_records(hue_dien_bien):
    versions, dossiers = hue_dien_bien.execute(
        "select count(*), count(distinct MaHoSo) from raw.dossiers"
    ).fetchall()[0]
    assert versions > dossiers
    moved = hue_dien_bien.execute(
        """select count(*) from (select MaHoSo, min(TrangThaiHoSo) a, max(TrangThaiHoSo) b
           from raw.dossiers group by 1 having count(*) > 1) where a in (2, 4, 5) and b = 10
        """
    ).fetchall()[0][0]
    assert moved > 1000


# -- determinism --------------------------------------------------------------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name[0] != "."}


def test_same_seed_same_bytes_and_subset_equals_full(tmp_path):
    small = ("--dossiers", "400000", "--end", "2025-08-31")
    run("generate", "--out", str(tmp_path / "a"), "--provinces", "12,20", *small)
    run("generate", "--out", str(tmp_path / "b"), "--provinces", "12,20", *small)
    run("generate", "--out", str(tmp_path / "c"), "--provinces", "12", *small)
    a, b, c = (_files(tmp_path / x) for x in "abc")
    assert a == b
    assert any(name.endswith(".xlsx") for name in a)
    assert c == {name: data for name, data in a.items() if "_12" in name}
    run("generate", "--out", str(tmp_path / "d"), "--provinces", "12", "--seed", "7", *small)
    assert _files(tmp_path / "d") != c


# -- shapes (should) ----------------------------------------------------------------------------


def test_volume_is_skewed_and_provinces_take_a_quarter(hue_dien_bien):
    per_ward = [
        r[0]
        for r in hue_dien_bien.execute(
            """select count(*) from raw.dossiers_current where MaXa is not null
           and NgayTiepNhan >= '2025-07-01' and TrangThaiHoSo not in (1, 3)
           group by MaXa order by 1"""
        ).fetchall()
    ]
    assert per_ward[-1] / 4 > 1000 and per_ward[0] / 4 < 150
    province_level = hue_dien_bien.execute(
        """select avg((MaXa is null)::int) from raw.dossiers_current
           where NgayTiepNhan >= '2025-07-01' and TrangThaiHoSo not in (1, 3)"""
    ).fetchall()[0][0]
    assert 0.18 < province_level < 0.32


def test_online_share_city_wards_vs_highland_communes(hue_dien_bien):
    shares = dict(
        hue_dien_bien.execute(
            """select w.province_code || w.ward_type, median(online) from (
               select MaXa, avg((KenhThucHien = 2)::int) online from raw.dossiers_current
               where MaXa is not null and TrangThaiHoSo not in (1, 3) group by MaXa) d
           join ref.wards w on w.ward_code = d.MaXa group by 1"""
        ).fetchall()
    )
    assert shares["46phường"] > 0.85
    assert shares["11xã"] < 0.40


def test_most_finished_on_time_land_later_and_a_tail_of_late_wards(hue_dien_bien):
    rows = hue_dien_bien.execute(
        """with d as (select d.*, p.MaLinhVuc f from raw.dossiers_current d
                      join (select distinct MaTTHC, MaLinhVuc from raw.procedures_current) p
                      using (MaTTHC) where TrangThaiHoSo in (9, 10)),
           s as (select MaHoSo, count(*) n, max(NgayHenTraMoi) due_new
                 from raw.supplements_current group by 1),
           l as (select d.*, (coalesce(s.n, 0) > 1 or NgayKetThucXuLy::date >
                      coalesce(s.due_new, NgayHenTra)::date) late
                 from d left join s using (MaHoSo))
           select avg(late::int), avg(late::int) filter (where f = 'DD'),
                  avg(late::int) filter (where f in ('HT', 'CT')),
                  avg((f in ('HT', 'CT'))::int)
           from l"""
    ).fetchall()[0]
    late, land_late, same_day_late, same_day_share = rows
    assert 0.03 < late < 0.10
    assert land_late > 2 * same_day_late
    assert same_day_share > 0.4
    late_wards = hue_dien_bien.execute(
        """select count(*) from (select MaXa, avg((NgayKetThucXuLy::date > NgayHenTra::date)
           ::int) r from raw.dossiers_current where TrangThaiHoSo in (9, 10) and MaXa is not null
           group by 1) where r >= 0.10"""
    ).fetchall()[0][0]
    assert late_wards >= 1


def test_supplements_a_minority_more_for_land(hue_dien_bien):
    overall, land = hue_dien_bien.execute(
        """select avg(has::int), avg(has::int) filter (where f = 'DD') from (
             select d.MaHoSo, p.MaLinhVuc f, s.MaHoSo is not null has
             from raw.dossiers_current d
             join (select distinct MaTTHC, MaLinhVuc from raw.procedures_current) p
                 using (MaTTHC)
             left join (select distinct MaHoSo from raw.supplements_current) s using (MaHoSo)
             where d.TrangThaiHoSo not in (1, 3))"""
    ).fetchall()[0]
    assert 0.005 < overall < 0.15
    assert land > 2 * overall


def test_staffing_gaps_in_it_land_construction(ha_tinh_da_nang):
    empty = dict(
        ha_tinh_da_nang.execute(
            """select ChuyenMon, avg((post = 0)::int) from (
             select MaXa, ChuyenMon, sum(HienCo) post from raw.staffing_current
             where NgayBaoCao = date '2025-08-01' group by all) group by 1"""
        ).fetchall()
    )
    assert min(empty["cntt"], empty["dia_chinh"], empty["xay_dung"]) > max(
        empty["tong_hop"], empty["tu_phap"], empty["tai_chinh"]
    )


def test_assets_former_headquarters(ha_tinh_da_nang):
    uses, far, wards_with_former = ha_tinh_da_nang.execute(
        """select count(distinct HienTrang), count(*) filter (where KhoangCachKm > 5),
                  count(distinct MaXa) filter (where DonViCu like '%cũ%' and LoaiTaiSan = 'tru_so'
                                               and KhoangCachKm > 0)
           from raw.assets_current"""
    ).fetchall()[0]
    assert uses == 5
    assert far > 50
    assert wards_with_former == 69 + 94


def test_land_is_later_where_no_one_is_in_post_for_land(hue_dien_bien):
    with_staff, without = hue_dien_bien.execute(
        """with gap as (
               select MaXa, sum(HienCo) = 0 as no_land from raw.staffing_current
               where NgayBaoCao = date '2025-08-01' and ChuyenMon = 'dia_chinh' group by 1),
           land as (
               select d.MaXa, (d.NgayKetThucXuLy::date > d.NgayHenTra::date)::int late
               from raw.dossiers_current d
               join (select distinct MaTTHC from raw.procedures_current
                     where MaLinhVuc = 'DD') p using (MaTTHC)
               where d.TrangThaiHoSo in (9, 10) and d.NgayTiepNhan >= '2025-07-01')
           select avg(late) filter (where not no_land), avg(late) filter (where no_land)
           from land join gap using (MaXa)"""
    ).fetchall()[0]
    assert without > 1.3 * with_staff


def test_backlog_carried_over_from_the_districts(hue_dien_bien):
    wards_with_backlog, wards = hue_dien_bien.execute(
        """select count(distinct MaXa) filter (where NgayTiepNhan < '2025-07-01'),
                  count(distinct MaXa)
           from raw.dossiers_current where MaXa is not null and TrangThaiHoSo not in (1, 3)"""
    ).fetchall()[0]
    assert wards_with_backlog > 0.9 * wards
