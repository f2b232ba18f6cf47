"""Staffing snapshots: per ward, department and job position, the quota and who is in post.

The 1 August 2025 snapshot is the baseline; later monthly snapshots move a little towards
the quota (recruitment fills gaps, surplus staff are transferred). Hà Tĩnh's baseline is
pinned to the published figures (calibration.md): built constructively, ward by ward, so
they hold exactly. IT, land and construction posts are the ones most often empty, and the
dossier generator reads those gaps (lateness is worse where land or construction posts are
unfilled).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from demo.world import ProvinceWorld, rng

BASELINE = "2025-08-01"

# (department, position, speciality, base quota); KT becomes KTHTDT in urban wards.
POSITIONS = [
    ("VP", "Chánh Văn phòng", "tong_hop", 1),
    ("VP", "Chuyên viên tổng hợp", "tong_hop", 3),
    ("VP", "Kế toán", "tai_chinh", 2),
    ("VP", "Chuyên viên tư pháp - hộ tịch", "tu_phap", 2),
    ("VP", "Chuyên viên công nghệ thông tin, chuyển đổi số", "cntt", 1),
    ("KT", "Trưởng phòng Kinh tế", "tong_hop", 1),
    ("KT", "Chuyên viên địa chính", "dia_chinh", 2),
    ("KT", "Chuyên viên xây dựng, đô thị", "xay_dung", 1),
    ("KT", "Chuyên viên giao thông", "giao_thong", 1),
    ("KT", "Chuyên viên nông nghiệp, môi trường", "nong_nghiep", 2),
    ("KT", "Chuyên viên tài chính - kế hoạch", "tai_chinh", 2),
    ("VHXH", "Trưởng phòng Văn hóa - Xã hội", "tong_hop", 1),
    ("VHXH", "Chuyên viên văn hóa - xã hội", "van_hoa_xa_hoi", 3),
    ("VHXH", "Chuyên viên lao động, người có công và xã hội", "van_hoa_xa_hoi", 2),
    ("VHXH", "Chuyên viên giáo dục, y tế", "van_hoa_xa_hoi", 1),
    ("TTPVHCC", "Giám đốc Trung tâm", "tong_hop", 1),
    ("TTPVHCC", "Chuyên viên một cửa", "tong_hop", 3),
]
_SPEC = np.array([p[2] for p in POSITIONS])
_BASE = np.array([p[3] for p in POSITIONS])
# Positions that absorb extra quota and surplus or missing people.
_FLEX = np.array(
    [
        i
        for i, p in enumerate(POSITIONS)
        if p[3] >= 2 and p[2] not in ("cntt", "dia_chinh", "xay_dung")
    ]
)
_IT = np.flatnonzero(_SPEC == "cntt")
_LAND = np.flatnonzero(_SPEC == "dia_chinh")
_BUILD = np.flatnonzero(_SPEC == "xay_dung")


@dataclass(frozen=True)
class PinnedStaffing:
    wards: int
    quota: int
    in_post: int
    at_quota: int
    over: int
    under: int
    max_under: int
    no_it: int
    no_land: int


PINNED = {"42": PinnedStaffing(69, 2454, 2697, 7, 41, 21, 8, 48, 19)}


def _ward_targets(r: np.random.Generator, n: int, pin: PinnedStaffing | None):
    """Per ward: total quota, in-post minus quota, and which have no IT / land / building."""
    if pin:
        assert n == pin.wards, f"expected {pin.wards} wards, found {n}"
        extra = r.multinomial(pin.quota - n * _BASE.sum(), np.full(n, 1 / n))
        under = -r.integers(1, pin.max_under + 1, pin.under)
        over = 1 + r.multinomial(
            pin.in_post - pin.quota - under.sum() - pin.over, np.full(pin.over, 1 / pin.over)
        )
        diff = r.permutation(np.concatenate([np.zeros(pin.at_quota, int), over, under]))
        no_it = np.isin(np.arange(n), r.permutation(n)[: pin.no_it])
        no_land = np.isin(np.arange(n), r.permutation(n)[: pin.no_land])
        no_build = r.random(n) < 0.2
        return extra, diff, no_it, no_land, no_build
    extra = r.poisson(6, n)
    kind = r.choice(3, size=n, p=[0.12, 0.55, 0.33])
    size = r.geometric(0.25, n)
    diff = np.where(kind == 0, 0, np.where(kind == 1, size, -np.minimum(size, 10)))
    return extra, diff, r.random(n) < 0.6, r.random(n) < 0.25, r.random(n) < 0.2


def staffing_frames(
    world: ProvinceWorld, seed: int, snapshot_dates: list[str]
) -> tuple[pl.DataFrame, dict[str, tuple[bool, bool]]]:
    """All snapshots of the province, and per ward (no land staff, no construction staff)
    on the baseline date."""
    r = rng(seed, world.code, "staffing")
    n = len(world.wards)
    extra, diff, no_it, no_land, no_build = _ward_targets(r, n, PINNED.get(world.code))
    frames, gaps = [], {}
    for i, ward in enumerate(world.wards):
        quota = _BASE.copy()
        np.add.at(quota, r.choice(_FLEX, size=int(extra[i])), 1)
        post = quota.copy()
        for flag, idx in ((no_it[i], _IT), (no_land[i], _LAND), (no_build[i], _BUILD)):
            if flag:
                post[idx] = 0
        need = int(diff[i] - (post.sum() - quota.sum()))
        if need > 0:
            np.add.at(post, r.choice(_FLEX, size=need), 1)
        while need < 0:
            have = _FLEX[post[_FLEX] > 0]
            post[r.choice(have)] -= 1
            need += 1
        trained = r.binomial(post, 0.85)
        gaps[ward["ward_code"]] = (bool(post[_LAND].sum() == 0), bool(post[_BUILD].sum() == 0))
        kt = "KTHTDT" if ward["profile"] == "urban" else "KT"
        for step, day in enumerate(snapshot_dates):
            if step:
                # A month later: some gaps filled, some surplus moved elsewhere.
                fill = (post < quota) & (r.random(len(post)) < 0.12)
                leave = (post > quota) & (r.random(len(post)) < 0.08)
                post = post + fill - leave
                trained = np.minimum(trained + fill, post)
            frames.append(
                pl.DataFrame(
                    {
                        "NgayBaoCao": [day] * len(POSITIONS),
                        "MaXa": [ward["ward_code"]] * len(POSITIONS),
                        "PhongBan": [kt if p[0] == "KT" else p[0] for p in POSITIONS],
                        "ViTriViecLam": [p[1] for p in POSITIONS],
                        "ChuyenMon": list(_SPEC),
                        "DinhBien": quota.tolist(),
                        "HienCo": post.tolist(),
                        "DungChuyenMon": trained.tolist(),
                    }
                )
            )
    return pl.concat(frames), gaps
