"""Asset registers: every ward's premises, above all the former units' headquarters.

After the merger each ward manages its own main office plus the offices of the communes (and
sometimes the district) it absorbed: some still in use, some partly used, some vacant or
degraded, often kilometres away from the main office. A few main offices are cramped (many
people on little floor space) while a vacant building stands in a neighbouring ward.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from demo.world import ProvinceWorld, rng

_USE = ("dang_su_dung", "su_dung_mot_phan", "bo_trong", "cho_xu_ly", "da_chuyen_doi")
_USE_P = (0.28, 0.27, 0.25, 0.12, 0.08)
_REUSE = ("tru_so", "giao_duc", "y_te", "van_hoa_the_thao", "quy_dat", "ban_dau_gia", "khac")


def assets_frame(world: ProvinceWorld, seed: int, report_date: dt.date) -> pl.DataFrame:
    r = rng(seed, world.code, "assets")
    rows = []
    for ward in world.wards:
        code, far = ward["ward_code"], 3.0 if ward["profile"] == "highland" else 1.0
        people = int(r.integers(25, 70))
        cramped = r.random() < 0.06
        floor = people * (r.uniform(4, 8) if cramped else r.uniform(12, 30))
        rows.append(
            (
                f"TS.{code}.01",
                code,
                f"UBND {ward['ward_name']} (trụ sở chính)",
                "tru_so",
                round(floor * r.uniform(1.5, 3), 1),
                round(floor, 1),
                "tot" if r.random() < 0.8 else "xuong_cap",
                "dang_su_dung",
                people,
                0.0,
                None,
                None,
            )
        )
        former = 1 + r.poisson(1.3)
        district = r.random() < (0.25 if ward["profile"] == "urban" else 0.12)
        items = [("xa", j + 1) for j in range(former)] + ([("huyen", 1)] if district else [])
        items += [("nha_van_hoa", j + 1) for j in range(r.integers(0, 3))]
        items += [("co_so_y_te", 1)] * int(r.random() < 0.5)
        for n, (kind, j) in enumerate(items, start=2):
            use = _USE[r.choice(5, p=_USE_P)]
            if kind == "huyen":
                owner, loai = "UBND huyện cũ (trước 1/7/2025)", "tru_so"
            elif kind == "xa":
                owner, loai = f"UBND xã cũ số {j} sáp nhập vào {ward['ward_name']}", "tru_so"
            else:
                owner, loai = f"Đơn vị cũ số {j}", kind
            vacant = use in ("bo_trong", "cho_xu_ly")
            state = r.choice(
                ["tot", "xuong_cap", "hu_hong"],
                p=[0.35, 0.45, 0.2] if vacant else [0.6, 0.33, 0.07],
            )
            land = round(r.uniform(300, 3000), 1)
            rows.append(
                (
                    f"TS.{code}.{n:02d}",
                    code,
                    owner,
                    loai,
                    land,
                    round(land * r.uniform(0.2, 0.6), 1),
                    str(state),
                    use,
                    int(r.integers(2, 20)) if use in ("dang_su_dung", "su_dung_mot_phan") else 0,
                    round(far * r.uniform(1.5, 14), 1),
                    dt.date(2025, 7, 1) + dt.timedelta(days=int(r.integers(0, 60)))
                    if vacant
                    else None,
                    _REUSE[r.integers(len(_REUSE))] if vacant or use == "da_chuyen_doi" else None,
                )
            )
    frame = pl.DataFrame(
        rows,
        orient="row",
        schema={
            "MaTaiSan": pl.String,
            "MaXa": pl.String,
            "DonViCu": pl.String,
            "LoaiTaiSan": pl.String,
            "DienTichDat": pl.Float64,
            "DienTichSan": pl.Float64,
            "TinhTrang": pl.String,
            "HienTrang": pl.String,
            "SoNguoiLamViec": pl.Int64,
            "KhoangCachKm": pl.Float64,
            "BoTrongTu": pl.Date,
            "PhuongAn": pl.String,
        },
    )
    frame = frame.with_columns(
        BoTrongTu=pl.when(pl.col("BoTrongTu") <= report_date).then(pl.col("BoTrongTu"))
    )
    return frame.select(pl.lit(report_date).alias("NgayBaoCao"), pl.all())
