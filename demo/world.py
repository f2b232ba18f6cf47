"""The demo world: provinces, wards and provincial agencies, their size and profile.

Each province's world depends only on (seed, province code): `rng(seed, code, stream)`
derives one independent random stream per province and purpose, so a run limited with
`--provinces` makes exactly the rows of the full run for those provinces.

Volumes follow population (approximate 2025 figures of the merged provinces) at about
15 dossiers per 1,000 people a month, about 1.6 million a month nationally; wards take
about three quarters of a province's dossiers and provincial departments the rest. The
named units of `shared/calibration.md` are pinned (see `NAMED`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
from vietnam_provinces import Province, Ward

# Approximate population of the 34 provinces after the 2025 merger, in millions.
POPULATION = {
    "01": 8.72,
    "04": 0.57,
    "08": 1.87,
    "11": 0.65,
    "12": 0.51,
    "14": 1.33,
    "15": 1.78,
    "19": 1.80,
    "20": 0.88,
    "22": 1.43,
    "24": 3.62,
    "25": 4.02,
    "31": 4.66,
    "33": 3.57,
    "37": 4.41,
    "38": 4.32,
    "40": 3.83,
    "42": 1.62,
    "44": 1.87,
    "46": 1.43,
    "48": 3.07,
    "51": 2.16,
    "52": 3.58,
    "56": 2.24,
    "66": 3.35,
    "68": 3.87,
    "75": 4.49,
    "79": 14.0,
    "80": 3.25,
    "82": 4.37,
    "86": 4.26,
    "91": 4.95,
    "92": 4.20,
    "96": 2.61,
}
# Mostly mountainous provinces: many of their communes are highland communes.
HIGHLAND_PROVINCES = {"04", "08", "11", "12", "14", "15", "20", "52", "66", "68"}
PER_1000_A_MONTH = 15.0
PROVINCE_LEVEL_SHARE = 0.25
# Receipt weight of a Saturday against a working day (some centres open Saturday morning).
SATURDAY_WEIGHT = 0.08

STREAMS = {"world": 1, "catalogue": 2, "staffing": 3, "assets": 4, "dossiers": 5}


def rng(seed: int, code: str, stream: str, part: int = 0) -> np.random.Generator:
    """The random stream of one province and purpose (and chunk)."""
    return np.random.default_rng(np.random.SeedSequence([seed, int(code), STREAMS[stream], part]))


@dataclass(frozen=True)
class Pinned:
    """A named unit of the calibration: `received` dossiers between `window` (inclusive)."""

    received: int
    window: tuple[str, str]
    online: float | None = None
    late: float | None = None
    double_supplement: float | None = None
    supplement: float | None = None
    withdrawn: float | None = None
    backlog: int | None = None


NAMED_WARDS = {
    # Phường Kim Long, Huế: busy city ward; ~400 land dossiers inherited from Phú Xuân.
    "19810": Pinned(
        3200,
        ("2025-07-01", "2025-08-25"),
        online=0.95,
        late=0.028,
        double_supplement=0.0015,
        supplement=0.03,
        withdrawn=0.018,
        backlog=400,
    ),
    # Xã Na Son, Điện Biên: remote commune, 645 received and 156 online, nothing late.
    "03203": Pinned(
        645,
        ("2025-07-01", "2025-10-05"),
        online=156 / 645,
        late=0.0,
        double_supplement=0.0,
        supplement=0.02,
        withdrawn=0.004,
        backlog=6,
    ),
}
# Provinces whose total receipts in a window are pinned: (received, window, ward share).
NAMED_PROVINCES = {"11": (30_000, ("2025-07-01", "2025-10-05"), 0.755)}


@dataclass
class ProvinceWorld:
    """One province: its wards (with profile) and its provincial agencies."""

    code: str
    name: str
    wards: list[dict] = field(default_factory=list)
    agencies: list[dict] = field(default_factory=list)


@cache
def provinces() -> dict[str, str]:
    return {f"{int(p.code):02d}": p.name for p in Province.iter_all()}


@cache
def wards_by_province() -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for w in Ward.iter_all():
        out.setdefault(f"{int(w.province_code):02d}", []).append(
            (f"{int(w.code):05d}", w.name, w.division_type.value)
        )
    return {k: sorted(v) for k, v in out.items()}


DEPARTMENTS = (
    # (number, name, fields handled, share of the province-level dossiers)
    (1, "Sở Tư pháp", ("HCTP", "LSCC"), 0.14),
    (2, "Sở Nông nghiệp và Môi trường", ("DD", "MT", "NN"), 0.22),
    (3, "Sở Xây dựng", ("XD", "GT"), 0.16),
    (4, "Sở Công Thương", ("CTH",), 0.05),
    (5, "Sở Tài chính", ("DKKD", "DT"), 0.12),
    (6, "Sở Y tế", ("YT", "BTXH"), 0.09),
    (7, "Sở Giáo dục và Đào tạo", ("GD",), 0.05),
    (8, "Sở Nội vụ", ("NV", "LD"), 0.08),
    (9, "Sở Văn hóa, Thể thao và Du lịch", ("VH",), 0.04),
    (10, "Sở Khoa học và Công nghệ", ("KHCN",), 0.03),
    (11, "Ban Quản lý các khu công nghiệp", ("KCN",), 0.02),
)


def agency_code(province: str, number: int) -> str:
    return f"000.00.{number:02d}.H{province}"


def ward_agency_code(province: str, ward_code: str) -> str:
    return f"{ward_code}.00.00.X{province}"


def build_world(code: str, seed: int) -> ProvinceWorld:
    """Wards with profile (urban / rural / highland, volume weight, online share, lateness)
    and the provincial departments, from the province's own random stream."""
    r = rng(seed, code, "world")
    world = ProvinceWorld(code, provinces()[code])
    rows = wards_by_province()[code]
    n = len(rows)
    highland_draw = r.random(n)
    weight = r.lognormal(0.0, 0.75, n)
    online_draw = r.beta(6, 2, n)
    late_draw = r.lognormal(0.0, 0.85, n)
    supp_draw = r.lognormal(0.0, 0.4, n)
    for i, (ward, name, kind) in enumerate(rows):
        if kind == "phường":
            profile, size, online = "urban", 3.0, 0.70 + 0.27 * online_draw[i]
        elif code in HIGHLAND_PROVINCES and highland_draw[i] < 0.7:
            profile, size, online = "highland", 0.4, 0.10 + 0.30 * online_draw[i]
        else:
            profile, size, online = "rural", 1.0, 0.35 + 0.35 * online_draw[i]
        late = min(0.30, 0.022 * late_draw[i] * (1.4 if profile == "highland" else 1.0))
        world.wards.append(
            {
                "ward_code": ward,
                "ward_name": name,
                "ward_type": kind,
                "profile": profile,
                "weight": float(weight[i] * size),
                "online": float(online),
                "late": float(late),
                "supplement": float(0.05 * supp_draw[i]),
                "double_supplement": 0.004,
                "withdrawn": 0.008,
                "agency": ward_agency_code(code, ward),
            }
        )
    for number, name, fields, share in DEPARTMENTS:
        world.agencies.append(
            {
                "code": agency_code(code, number),
                "name": f"{name} {world.name}",
                "fields": fields,
                "share": share,
                "online": 0.6,
                "late": 0.04,
                "supplement": 0.08,
                "double_supplement": 0.004,
                "withdrawn": 0.01,
            }
        )
    return world


def monthly_volume(code: str) -> float:
    """Dossiers a month in the province (wards and provincial agencies together)."""
    return POPULATION[code] * 1000 * PER_1000_A_MONTH
