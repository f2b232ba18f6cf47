"""Writing feed files the way provincial systems hand them over, for tests.

Every writer takes a list of records (dicts keyed by contract field names, values as the
source system would write them) and a path; the format follows the path's ending.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import polars as pl
import xlsxwriter

AGENCIES = [
    {
        "MaDinhDanh": "000.00.01.H22",
        "TenDonVi": "Sở Tư pháp Thành phố Huế",
        "Cap": "tinh",
        "MaTinh": "46",
        "MaXa": "",
    },
    {
        "MaDinhDanh": "000.19.810.H22",
        "TenDonVi": "Trung tâm PVHCC Phường Kim Long",
        "Cap": "xa",
        "MaTinh": "46",
        "MaXa": "19810",
    },
]
PROCEDURES = [
    {
        "MaTTHC": "1.000894.000.00.00.H12",
        "TenTTHC": "Đăng ký khai sinh",
        "MaLinhVuc": "HT",
        "TenLinhVuc": "Hộ tịch",
        "CapThucHien": "xa",
        "MaTinh": "",
        "MucDo": "4",
        "ThoiHanGiaiQuyet": "1",
        "DonViThoiHan": "trong_ngay",
        "PhiDiaGioi": "1",
        "CoPhiLePhi": "0",
    },
    {
        "MaTTHC": "1.004227.000.00.00.H12",
        "TenTTHC": "Đăng ký đất đai lần đầu",
        "MaLinhVuc": "DD",
        "TenLinhVuc": "Đất đai",
        "CapThucHien": "xa",
        "MaTinh": "46",
        "MucDo": "3",
        "ThoiHanGiaiQuyet": "20",
        "DonViThoiHan": "ngay_lam_viec",
        "PhiDiaGioi": "0",
        "CoPhiLePhi": "1",
    },
]


def dossier(code: str, **fields) -> dict:
    """A well-formed finished birth-registration dossier of Kim Long; override any field."""
    base = {
        "MaHoSo": code,
        "MaTTHC": "1.000894.000.00.00.H12",
        "MaXa": "19810",
        "KenhThucHien": "2",
        "ChuHoSo": "Nguyễn Văn Thử",
        "SoGiayToChuHoSo": "046099000111",
        "SoDienThoai": "0905123456",
        "Email": "thu@example.vn",
        "NgayTiepNhan": "20250701083000",
        "NgayHenTra": "20250701150000",
        "TrangThaiHoSo": "10",
        "NgayKetThucXuLy": "20250701100000",
        "NgayTra": "20250701110000",
    }
    base.update(fields)
    return base


def _columns(rows: list[dict]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return columns


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _open_out(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "wb"), encoding="utf-8", newline="")
    return open(path, "w", encoding="utf-8", newline="")


def write(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    name = path.name.removesuffix(".gz")
    if name.endswith(".csv"):
        columns = _columns(rows)
        with _open_out(path) as out:
            writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_text(row.get(c)) for c in columns])
    elif name.endswith(".jsonl"):
        with _open_out(path) as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif name.endswith(".json"):
        with _open_out(path) as out:
            json.dump(rows, out, ensure_ascii=False)
    elif name.endswith(".xlsx"):
        columns = _columns(rows)
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, columns)
        for i, row in enumerate(rows, start=1):
            for j, column in enumerate(columns):
                value = row.get(column)
                if value is None or value == "":
                    continue
                if hasattr(value, "year"):
                    sheet.write_datetime(i, j, value, book.add_format({"num_format": "dd/mm/yyyy"}))
                else:
                    sheet.write(i, j, value)
        book.close()
    elif name.endswith(".parquet"):
        columns = _columns(rows)
        frame = pl.DataFrame(
            {c: [_text(r.get(c)) or None for r in rows] for c in columns},
            schema={c: pl.String for c in columns},
        )
        frame.write_parquet(path)
    else:
        raise ValueError(path)
    return path


def write_envelope(path: Path, rows: list[dict]) -> Path:
    with _open_out(path) as out:
        json.dump({"service": "DongBoHoSoMC", "data": rows}, out, ensure_ascii=False)
    return path


def reference(folder: Path) -> list[Path]:
    """Agencies and procedures of the small test world."""
    return [
        write(folder / "agencies.csv", AGENCIES),
        write(folder / "procedures.csv", PROCEDURES, delimiter=";"),
    ]
