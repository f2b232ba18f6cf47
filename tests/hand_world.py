"""A small world of feed files whose published numbers are worked out by hand.

Used by the build, publishing and viewer tests. Province 46 (Huế): ward A = 19810 Phường Kim
Long (dossiers by MaXa), ward B = 19777 Phường Vỹ Dạ (dossiers through its agency, no MaXa), and
a provincial department (province-level dossiers). Province 11: ward 03203 Xã Na Son, one dossier.
The hand-worked expectations are in the test modules next to each assertion.
"""

from __future__ import annotations

import csv
from pathlib import Path

from demo.catalogue import PROCEDURE_COLUMNS

WARD_A, WARD_B, WARD_N = "19810", "19777", "03203"

PROCEDURES = [
    # MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc, CapThucHien, MaTinh, MucDo, ThoiHan, DonVi,
    # PhiDiaGioi, CoPhiLePhi
    ("1.000001", "Đăng ký khai sinh", "HT", "Hộ tịch", "xa", "", 4, 1, "trong_ngay", 1, 0),
    (
        "1.000002",
        "Đăng ký biến động đất đai",
        "DD",
        "Đất đai",
        "xa",
        "",
        3,
        10,
        "ngay_lam_viec",
        0,
        1,
    ),
    ("2.000001", "Cấp giấy phép đầu tư", "DT", "Đầu tư", "tinh", "", 3, 15, "ngay_lam_viec", 0, 1),
    ("9.000001", "Thủ tục riêng của Đà Nẵng", "KH", "Khác", "xa", "48", 2, 5, "ngay", 0, 0),
]

AGENCIES = [
    ("000.00.01.H46", "Sở Kế hoạch và Đầu tư", "tinh", "46", ""),
    ("000.11.19.H46", "UBND Phường Vỹ Dạ", "xa", "46", WARD_B),
]

HT, DD, DT = "1.000001", "1.000002", "2.000001"

# MaHoSo, MaTTHC, MaXa, DonViXuLy, KenhThucHien, TrangThaiHoSo, NgayTiepNhan, NgayHenTra,
# NgayKetThucXuLy, NgayTra, NgayTuChoi, HoSoCoThanhPhanSoHoa, DuocThanhToanTrucTuyen
DOSSIERS = [
    (
        "A01",
        HT,
        WARD_A,
        "",
        2,
        10,
        "2025-07-01 09:00",
        "2025-07-01 17:00",
        "2025-07-01 16:00",
        "",
        "",
        1,
        0,
    ),
    (
        "A02",
        HT,
        WARD_A,
        "",
        1,
        9,
        "2025-07-01 10:00",
        "2025-07-03 17:00",
        "2025-07-02 11:00",
        "",
        "",
        0,
        0,
    ),
    (
        "A03",
        DD,
        WARD_A,
        "",
        "",
        10,
        "2025-07-01 10:30",
        "2025-07-02 17:00",
        "",
        "2025-07-04 09:00",
        "",
        0,
        1,
    ),
    ("A04", HT, WARD_A, "", 2, 4, "2025-07-02 08:00", "2025-07-03 17:00", "", "", "", 0, 0),
    ("A05", DD, WARD_A, "", 1, 5, "2025-07-02 09:00", "2025-07-04 17:00", "", "", "", 0, 0),
    (
        "A06",
        DD,
        WARD_A,
        "",
        1,
        10,
        "2025-07-01 14:00",
        "2025-07-10 17:00",
        "2025-07-08 10:00",
        "2025-07-08 15:00",
        "",
        1,
        2,
    ),
    (
        "A07",
        HT,
        WARD_A,
        "",
        1,
        7,
        "2025-07-01 15:00",
        "2025-07-05 17:00",
        "",
        "",
        "2025-07-03 10:00",
        0,
        0,
    ),
    ("A08", HT, WARD_A, "", 1, 3, "", "", "", "", "2025-07-01 10:00", 0, 0),
    ("A09", HT, WARD_A, "", 2, 1, "", "", "", "", "", 0, 0),
    ("A10", HT, WARD_A, "", 1, 4, "2025-07-03 08:00", "2025-07-04 17:00", "", "", "", 0, 0),
    ("A11", DD, WARD_A, "", 1, 4, "2025-06-27 08:00", "2025-07-01 17:00", "", "", "", 0, 0),
    ("A12", DD, WARD_A, "", 1, 4, "2025-07-01 08:00", "2025-07-02 17:00", "", "", "", 0, 0),
    (
        "A13",
        HT,
        WARD_A,
        "",
        1,
        9,
        "2025-08-29 08:00",
        "2025-09-03 17:00",
        "2025-09-02 10:00",
        "",
        "",
        0,
        0,
    ),
    (
        "A14",
        HT,
        WARD_A,
        "",
        1,
        10,
        "2025-07-07 16:00",
        "2025-07-08 17:00",
        "2025-07-08 10:00",
        "2025-07-08 11:00",
        "",
        0,
        0,
    ),
    (
        "B01",
        HT,
        "",
        "000.11.19.H46",
        1,
        10,
        "2025-07-01 09:00",
        "2025-07-03 17:00",
        "2025-07-03 09:00",
        "2025-07-03 10:00",
        "",
        0,
        0,
    ),
    (
        "B02",
        HT,
        "",
        "000.11.19.H46",
        1,
        4,
        "2025-07-02 09:00",
        "2025-07-02 17:00",
        "",
        "",
        "",
        0,
        0,
    ),
    (
        "T01",
        DT,
        "",
        "000.00.01.H46",
        2,
        9,
        "2025-07-01 09:00",
        "2025-07-15 17:00",
        "2025-07-10 09:00",
        "",
        "",
        1,
        1,
    ),
    (
        "T02",
        DT,
        "",
        "000.00.01.H46",
        1,
        4,
        "2025-07-02 09:00",
        "2025-07-20 17:00",
        "",
        "",
        "",
        0,
        0,
    ),
    (
        "N01",
        HT,
        WARD_N,
        "",
        2,
        10,
        "2025-07-01 08:00",
        "2025-07-01 17:00",
        "2025-07-01 10:00",
        "2025-07-01 11:00",
        "",
        0,
        0,
    ),
]

# The later file: A10 moved on (finished on its due day).
DOSSIER_UPDATES = [
    (
        "A10",
        HT,
        WARD_A,
        "",
        1,
        10,
        "2025-07-03 08:00",
        "2025-07-04 17:00",
        "2025-07-04 10:00",
        "2025-07-04 11:00",
        "",
        0,
        0,
    ),
]

# MaHoSo, HoSoBoSungId, NgayBoSung, NgayTiepNhanBoSung, NgayHenTraTruoc, NgayHenTraMoi
SUPPLEMENTS = [
    ("A05", "1", "2025-07-03 10:00", "", "2025-07-04 17:00", ""),
    ("A06", "1", "2025-07-02 10:00", "2025-07-03 10:00", "2025-07-10 17:00", "2025-07-11 17:00"),
    ("A06", "2", "2025-07-04 10:00", "2025-07-07 10:00", "2025-07-11 17:00", "2025-07-14 17:00"),
    ("A12", "1", "2025-07-01 10:00", "2025-07-03 10:00", "2025-07-02 17:00", "2025-07-04 17:00"),
]

RATINGS = [("A01", "2025-07-01 17:00", "5"), ("A02", "2025-07-02 12:00", "KHL")]

SUPPLEMENT_HEADER = [
    "MaHoSo",
    "HoSoBoSungId",
    "NgayBoSung",
    "NgayTiepNhanBoSung",
    "NgayHenTraTruoc",
    "NgayHenTraMoi",
]
STAFFING_HEADER = [
    "NgayBaoCao",
    "MaXa",
    "PhongBan",
    "ViTriViecLam",
    "ChuyenMon",
    "DinhBien",
    "HienCo",
    "DungChuyenMon",
]
ASSET_HEADER = [
    "NgayBaoCao",
    "MaTaiSan",
    "MaXa",
    "DonViCu",
    "LoaiTaiSan",
    "DienTichSan",
    "TinhTrang",
    "HienTrang",
    "SoNguoiLamViec",
    "KhoangCachKm",
    "BoTrongTu",
]
DOSSIER_HEADER = [
    "MaHoSo",
    "MaTTHC",
    "MaXa",
    "DonViXuLy",
    "KenhThucHien",
    "TrangThaiHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "NgayTuChoi",
    "HoSoCoThanhPhanSoHoa",
    "DuocThanhToanTrucTuyen",
]


def _write(path: Path, header: list[str], rows: list[tuple]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def staffing_rows() -> list[tuple]:
    # ward A: land post empty, IT filled; ward B: IT empty
    day = "2025-08-01"
    return [
        (day, WARD_A, "KT", "Địa chính", "dia_chinh", 2, 0, 0),
        (day, WARD_A, "VP", "Công nghệ thông tin", "cntt", 1, 1, 1),
        (day, WARD_A, "TTPVHCC", "Một cửa", "tong_hop", 3, 4, 3),
        (day, WARD_B, "VP", "Công nghệ thông tin", "cntt", 1, 0, 0),
        (day, WARD_B, "KT", "Địa chính", "dia_chinh", 1, 1, 1),
        (day, WARD_B, "TTPVHCC", "Một cửa", "tong_hop", 2, 2, 1),
    ]


def asset_rows() -> list[tuple]:
    day = "2025-08-01"
    return [
        # NgayBaoCao, MaTaiSan, MaXa, DonViCu, LoaiTaiSan, DienTichSan, TinhTrang, HienTrang,
        # SoNguoiLamViec, KhoangCachKm, BoTrongTu
        (day, "TS1", WARD_A, "UBND phường cũ", "tru_so", 40, "tot", "dang_su_dung", 5, 0, ""),
        (day, "TS2", WARD_B, "UBND xã cũ", "tru_so", 300, "tot", "dang_su_dung", 3, 0, ""),
        (
            day,
            "TS3",
            WARD_B,
            "Quận Phú Xuân cũ",
            "tru_so",
            500,
            "xuong_cap",
            "bo_trong",
            0,
            12.5,
            "2024-12-01",
        ),
    ]


def write_world(folder: Path) -> dict[str, Path]:
    """Write the first batch of feed files (and the update file) into folder."""
    first = folder / "first"
    files = {
        "procedures": _write(
            first / "procedures.csv",
            PROCEDURE_COLUMNS,
            PROCEDURES,
        ),
        "agencies": _write(
            first / "agencies.csv", ["MaDinhDanh", "TenDonVi", "Cap", "MaTinh", "MaXa"], AGENCIES
        ),
        "dossiers": _write(first / "dossiers_2025-07.csv", DOSSIER_HEADER, DOSSIERS),
        "supplements": _write(
            first / "supplements.csv",
            SUPPLEMENT_HEADER,
            SUPPLEMENTS,
        ),
        "ratings": _write(first / "ratings.csv", ["MaHoSo", "ThoiGianDanhGia", "DanhGia"], RATINGS),
        "staffing": _write(
            first / "staffing.csv",
            STAFFING_HEADER,
            staffing_rows(),
        ),
        "assets": _write(
            first / "assets.csv",
            ASSET_HEADER,
            asset_rows(),
        ),
    }
    files["update"] = _write(
        folder / "later" / "dossiers_2025-07-update.csv", DOSSIER_HEADER, DOSSIER_UPDATES
    )
    return files


def write_bad_dossier(folder: Path) -> Path:
    """A dossier of province 46 under a procedure only Đà Nẵng (48) publishes: the build's
    procedure test fails on it."""
    return _write(
        folder / "dossiers_bad.csv",
        DOSSIER_HEADER,
        [
            (
                "X01",
                "9.000001",
                WARD_A,
                "",
                1,
                4,
                "2025-07-02 08:00",
                "2025-07-09 17:00",
                "",
                "",
                "",
                0,
                0,
            )
        ],
    )
