"""The procedure catalogue (TTHC) and the handling agencies.

A national pool of about 2,400 procedures is drawn once from the seed: the common procedures
by name (the ones that make most of the dossiers: birth registration, certified copies,
land registration, building permits, ...), then a long tail per field. Each province
publishes its own subset with its own flags (non-territorial PhiDiaGioi, full-online MucDo);
Đà Nẵng's figures are pinned to the published ones (2,267 in use, 1,160 non-territorial,
849 of those full online).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from demo.world import ProvinceWorld, rng

FIELDS = {
    "HT": "Hộ tịch",
    "CT": "Chứng thực",
    "DD": "Đất đai",
    "XD": "Xây dựng",
    "BTXH": "Bảo trợ xã hội",
    "HCTP": "Hành chính tư pháp",
    "HKD": "Hộ kinh doanh",
    "NCC": "Người có công",
    "NN": "Nông nghiệp",
    "VH": "Văn hóa",
    "GD": "Giáo dục và Đào tạo",
    "LSCC": "Luật sư, công chứng",
    "MT": "Môi trường",
    "GT": "Đường bộ",
    "CTH": "Công Thương",
    "DKKD": "Thành lập và hoạt động doanh nghiệp",
    "DT": "Đầu tư",
    "YT": "Y tế",
    "NV": "Thi đua - Khen thưởng",
    "LD": "Việc làm",
    "KHCN": "Khoa học và Công nghệ",
    "KCN": "Khu công nghiệp",
}
# Fields a land or construction gap in a ward's staff makes late more often.
LAND_FIELDS = ("DD",)
BUILD_FIELDS = ("XD",)

# (name, field, level, duration, unit, MucDo, fee, weight within its level or agency)
CORE = [
    ("Đăng ký khai sinh", "HT", "xa", 0, "trong_ngay", 4, 0, 9.0),
    ("Đăng ký khai tử", "HT", "xa", 0, "trong_ngay", 4, 0, 2.0),
    ("Đăng ký kết hôn", "HT", "xa", 0, "trong_ngay", 3, 0, 3.0),
    ("Cấp bản sao trích lục hộ tịch", "HT", "xa", 0, "trong_ngay", 4, 1, 5.0),
    ("Cấp Giấy xác nhận tình trạng hôn nhân", "HT", "xa", 3, "ngay_lam_viec", 4, 1, 6.0),
    ("Đăng ký lại khai sinh", "HT", "xa", 5, "ngay_lam_viec", 3, 1, 1.0),
    ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", "CT", "xa", 0, "trong_ngay", 3, 1, 20.0),
    ("Chứng thực chữ ký trong các giấy tờ, văn bản", "CT", "xa", 0, "trong_ngay", 3, 1, 6.0),
    (
        "Chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất và nhà ở",
        "CT",
        "xa",
        2,
        "ngay_lam_viec",
        2,
        1,
        3.0,
    ),
    (
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        "DD",
        "xa",
        20,
        "ngay_lam_viec",
        3,
        1,
        2.0,
    ),
    (
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "DD",
        "xa",
        10,
        "ngay_lam_viec",
        3,
        1,
        3.0,
    ),
    ("Chuyển mục đích sử dụng đất", "DD", "xa", 15, "ngay_lam_viec", 3, 1, 1.0),
    ("Hòa giải tranh chấp đất đai", "DD", "xa", 30, "ngay", 2, 0, 0.5),
    ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "XD", "xa", 15, "ngay_lam_viec", 3, 1, 2.5),
    (
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng",
        "BTXH",
        "xa",
        10,
        "ngay_lam_viec",
        3,
        0,
        3.0,
    ),
    (
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "BTXH",
        "xa",
        3,
        "ngay_lam_viec",
        3,
        0,
        1.0,
    ),
    ("Đăng ký thành lập hộ kinh doanh", "HKD", "xa", 3, "ngay_lam_viec", 4, 1, 4.0),
    ("Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "HKD", "xa", 3, "ngay_lam_viec", 4, 1, 1.5),
    (
        "Giải quyết trợ cấp một lần đối với người có công",
        "NCC",
        "xa",
        12,
        "ngay_lam_viec",
        3,
        0,
        1.0,
    ),
    (
        "Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình",
        "NN",
        "xa",
        7,
        "ngay_lam_viec",
        3,
        0,
        1.0,
    ),
    (
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "HCTP",
        "tinh",
        10,
        "ngay_lam_viec",
        4,
        1,
        10.0,
    ),
    ("Đăng ký hành nghề công chứng", "LSCC", "tinh", 5, "ngay_lam_viec", 3, 1, 0.5),
    ("Đăng ký biến động đất đai đối với tổ chức", "DD", "tinh", 10, "ngay_lam_viec", 3, 1, 6.0),
    (
        "Cấp Giấy chứng nhận quyền sử dụng đất cho tổ chức",
        "DD",
        "tinh",
        20,
        "ngay_lam_viec",
        3,
        1,
        3.0,
    ),
    ("Cấp giấy phép môi trường", "MT", "tinh", 30, "ngay", 3, 1, 1.0),
    (
        "Cấp giấy chứng nhận kiểm dịch động vật vận chuyển ra khỏi tỉnh",
        "NN",
        "tinh",
        8,
        "gio",
        4,
        1,
        2.0,
    ),
    ("Cấp giấy phép xây dựng công trình", "XD", "tinh", 20, "ngay_lam_viec", 3, 1, 4.0),
    ("Cấp đổi giấy phép lái xe", "GT", "tinh", 5, "ngay_lam_viec", 4, 1, 8.0),
    (
        "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        "CTH",
        "tinh",
        20,
        "ngay_lam_viec",
        3,
        1,
        2.0,
    ),
    ("Đăng ký thành lập doanh nghiệp", "DKKD", "tinh", 3, "ngay_lam_viec", 4, 0, 6.0),
    (
        "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        "DKKD",
        "tinh",
        3,
        "ngay_lam_viec",
        4,
        0,
        5.0,
    ),
    ("Chấp thuận chủ trương đầu tư", "DT", "tinh", 35, "ngay", 2, 0, 0.5),
    ("Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "YT", "tinh", 30, "ngay", 3, 1, 2.0),
    (
        "Tiếp nhận đối tượng bảo trợ xã hội vào cơ sở trợ giúp xã hội",
        "BTXH",
        "tinh",
        7,
        "ngay_lam_viec",
        3,
        0,
        1.0,
    ),
    ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "GD", "tinh", 0, "trong_ngay", 4, 1, 3.0),
    (
        "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "NV",
        "tinh",
        20,
        "ngay_lam_viec",
        2,
        0,
        1.0,
    ),
    (
        "Cấp giấy phép lao động cho người lao động nước ngoài",
        "LD",
        "tinh",
        5,
        "ngay_lam_viec",
        4,
        1,
        2.0,
    ),
    ("Cấp giấy phép kinh doanh dịch vụ karaoke", "VH", "tinh", 5, "ngay_lam_viec", 4, 1, 1.0),
    (
        "Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
        "KHCN",
        "tinh",
        15,
        "ngay_lam_viec",
        3,
        1,
        0.5,
    ),
    ("Cấp giấy phép lao động trong khu công nghiệp", "KCN", "tinh", 5, "ngay_lam_viec", 4, 1, 1.0),
]

_VERBS = (
    "Cấp",
    "Cấp lại",
    "Cấp đổi",
    "Điều chỉnh",
    "Gia hạn",
    "Thu hồi",
    "Xác nhận",
    "Đăng ký",
    "Thẩm định",
    "Công nhận",
    "Thông báo",
    "Chấp thuận",
)
_OBJECTS = (
    "giấy phép hoạt động",
    "giấy chứng nhận đủ điều kiện",
    "chứng chỉ hành nghề",
    "hồ sơ đề nghị",
    "quyết định công nhận",
    "văn bản chấp thuận",
    "giấy xác nhận",
    "đăng ký hoạt động",
)
# Fields at each level of the long tail, with their share of it.
_TAIL_XA = {
    "HT": 3,
    "CT": 1,
    "DD": 3,
    "XD": 2,
    "BTXH": 3,
    "HKD": 1,
    "NCC": 2,
    "NN": 3,
    "VH": 2,
    "GD": 2,
}
_TAIL_TINH = {
    "HCTP": 4,
    "LSCC": 5,
    "DD": 5,
    "MT": 5,
    "NN": 9,
    "XD": 6,
    "GT": 7,
    "CTH": 9,
    "DKKD": 4,
    "DT": 5,
    "YT": 10,
    "BTXH": 3,
    "GD": 6,
    "NV": 5,
    "LD": 4,
    "VH": 6,
    "KHCN": 4,
    "KCN": 3,
}
POOL_SIZE = 2400
XA_TAIL = 330
TAIL_WEIGHT = 0.03  # share of a unit's dossiers that go to long-tail procedures
# Đà Nẵng's published catalogue (calibration.md): in use, non-territorial, of those MucDo 4.
PINNED_CATALOGUE = {"48": (2267, 1160, 849)}


def national_pool(seed: int) -> pl.DataFrame:
    """All procedures any province may publish, with their national defaults."""
    r = rng(seed, "0", "catalogue")
    rows = []
    for i, (name, fld, level, dur, unit, mucdo, fee, weight) in enumerate(CORE):
        rows.append(
            (f"1.{i + 1:06d}.000.00.00.H00", name, fld, level, dur, unit, mucdo, fee, weight, True)
        )
    for level, mix, count in (
        ("xa", _TAIL_XA, XA_TAIL),
        ("tinh", _TAIL_TINH, POOL_SIZE - len(CORE) - XA_TAIL),
    ):
        fields = list(mix)
        p = np.array([mix[f] for f in fields], dtype=float)
        chosen = r.choice(len(fields), size=count, p=p / p.sum())
        units = r.choice(4, size=count, p=[0.72, 0.18, 0.04, 0.06])
        for j in range(count):
            fld = fields[chosen[j]]
            unit = ("ngay_lam_viec", "ngay", "gio", "trong_ngay")[units[j]]
            dur = {
                0: int(r.choice([3, 5, 7, 10, 15, 20, 30])),
                1: int(r.choice([15, 30, 45])),
                2: int(r.choice([4, 8, 24])),
                3: 0,
            }[units[j]]
            name = (
                f"{_VERBS[r.integers(len(_VERBS))]} {_OBJECTS[r.integers(len(_OBJECTS))]}"
                f" trong lĩnh vực {FIELDS[fld].lower()} ({level} {j + 1})"
            )
            mucdo = int(r.choice([4, 3, 2], p=[0.45, 0.35, 0.20]))
            rows.append(
                (
                    f"2.{len(rows) + 1:06d}.000.00.00.H00",
                    name,
                    fld,
                    level,
                    dur,
                    unit,
                    mucdo,
                    int(r.random() < 0.5),
                    0.0,
                    False,
                )
            )
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "MaTTHC": pl.String,
            "TenTTHC": pl.String,
            "MaLinhVuc": pl.String,
            "CapThucHien": pl.String,
            "ThoiHanGiaiQuyet": pl.Int64,
            "DonViThoiHan": pl.String,
            "MucDo": pl.Int64,
            "CoPhiLePhi": pl.Int64,
            "_weight": pl.Float64,
            "_core": pl.Boolean,
        },
    ).with_columns(TenLinhVuc=pl.col("MaLinhVuc").replace_strict(FIELDS))


def province_catalogue(pool: pl.DataFrame, world: ProvinceWorld, seed: int) -> pl.DataFrame:
    """The province's published catalogue (every core procedure, a share of the tail), with
    its own non-territorial and full-online flags."""
    r = rng(seed, world.code, "catalogue")
    n_pool = pool.height
    core = pool["_core"].to_numpy()
    if world.code in PINNED_CATALOGUE:
        size, n_pdg, n_md4 = PINNED_CATALOGUE[world.code]
    else:
        size = int(r.integers(1900, 2301))
        n_pdg = round(size * r.uniform(0.44, 0.54))
        n_md4 = round(n_pdg * r.uniform(0.66, 0.78))
    tail = np.flatnonzero(~core)
    keep = np.sort(np.concatenate([np.flatnonzero(core), r.permutation(tail)[: size - core.sum()]]))
    cat = pool[keep]
    mucdo = cat["MucDo"].to_numpy().copy()
    pdg = np.zeros(size, dtype=np.int64)
    pdg[r.permutation(size)[:n_pdg]] = 1
    # Among non-territorial entries, exactly n_md4 are full online; prefer national MucDo 4.
    idx = np.flatnonzero(pdg == 1)
    order = idx[np.lexsort((r.random(len(idx)), mucdo[idx] != 4))]
    top, rest = order[:n_md4], order[n_md4:]
    mucdo[top] = 4
    mucdo[rest] = np.where(mucdo[rest] == 4, 3, mucdo[rest])
    assert n_pool >= size
    return cat.with_columns(
        MucDo=pl.Series(mucdo),
        PhiDiaGioi=pl.Series(pdg),
        MaTinh=pl.lit(world.code),
    )


PROCEDURE_COLUMNS = [
    "MaTTHC",
    "TenTTHC",
    "MaLinhVuc",
    "TenLinhVuc",
    "CapThucHien",
    "MaTinh",
    "MucDo",
    "ThoiHanGiaiQuyet",
    "DonViThoiHan",
    "PhiDiaGioi",
    "CoPhiLePhi",
]


def agencies_frame(world: ProvinceWorld) -> pl.DataFrame:
    """Provincial departments (Cap tinh) and one service centre per ward (Cap xa)."""
    rows = [(a["code"], a["name"], "tinh", world.code, None) for a in world.agencies]
    rows += [
        (
            w["agency"],
            f"Trung tâm Phục vụ hành chính công {w['ward_name']}",
            "xa",
            world.code,
            w["ward_code"],
        )
        for w in world.wards
    ]
    return pl.DataFrame(
        rows,
        orient="row",
        schema={
            "MaDinhDanh": pl.String,
            "TenDonVi": pl.String,
            "Cap": pl.String,
            "MaTinh": pl.String,
            "MaXa": pl.String,
        },
    )
