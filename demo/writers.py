"""Writing the feeds in the shapes of `shared/contracts/feeds.md`.

Dossiers go out as the provinces' systems export them: some provinces as the portal's
envelope JSON (`{"service": "DongBoHoSoMC", "data": [...]}`, portal dates yyyyMMddHHmmss,
supplement requests nested in DanhSachHoSoBoSung, batches of 100,000 records), the others
as `;`-separated CSV with Vietnamese dates (dd/MM/yyyy HH:mm) and a separate supplements
CSV. Procedures and agencies are CSV, staffing and assets XLSX, ratings JSON Lines. All
output is byte-for-byte deterministic (fixed XLSX metadata, no wall-clock values).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import xlsxwriter

JSON_BATCH = 100_000
# Minute precision, as Vietnamese Excel exports write it (and ingest parses it sooner than
# with seconds: fewer formats tried before the one that matches).
CSV_DATE = "%d/%m/%Y %H:%M"
PORTAL_DATE = "%Y%m%d%H%M%S"
DOSSIER_DATES = (
    "NgayNopHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "NgayTra",
    "NgayTuChoi",
)
CSV_COLUMNS = (
    "MaHoSo",
    "MaTTHC",
    "MaLinhVuc",
    "DonViXuLy",
    "MaXa",
    "KenhThucHien",
    "LoaiDoiTuong",
    *DOSSIER_DATES[:3],
    "TrangThaiHoSo",
    *DOSSIER_DATES[3:],
    "HoSoCoThanhPhanSoHoa",
    "DuocThanhToanTrucTuyen",
)


def _date(col: str, fmt: str) -> pl.Expr:
    return pl.from_epoch(pl.col(col), time_unit="s").dt.strftime(fmt)


def dossier_fields(
    records: pl.DataFrame, catalogue: pl.DataFrame, fmt: str, with_agency: bool
) -> pl.DataFrame:
    """Contract columns (dates as text in `fmt`), plus the internal ones writers need."""
    codes = catalogue.select(
        pl.int_range(pl.len()).alias("proc"), "MaTTHC", "MaLinhVuc", "TenTTHC", "TenLinhVuc"
    )
    out = records.join(codes, on="proc", how="left").with_columns(
        DonViXuLy=pl.when((pl.col("level") == "tinh") | pl.lit(with_agency)).then(pl.col("unit")),
        NgayNopHoSo=pl.col("received")
        - pl.when(pl.col("KenhThucHien") == 2)
        .then((pl.col("rate_v") * 2 * 86_400).cast(pl.Int64))
        .otherwise(300),
        NgayTiepNhan=pl.when(~pl.col("TrangThaiHoSo").is_in([1, 3])).then(pl.col("received")),
        NgayHenTra=pl.when(~pl.col("TrangThaiHoSo").is_in([1, 3])).then(pl.col("due")),
        LoaiDoiTuong=pl.col("subject"),
        HoSoCoThanhPhanSoHoa=pl.col("digitised"),
        DuocThanhToanTrucTuyen=pl.col("paid"),
        # About one first version in a thousand gets a broken copy (kind 0 to 4, see
        # `_with_bad_rows`), as real exports contain them: the quarantine has work to show.
        bad=pl.when(
            (pl.col("_version") == 0)
            & (pl.col("kind") == 0)
            & (pl.col("rate_u") >= 0.5)
            & (pl.col("rate_u") < 0.501)
        ).then(((pl.col("rate_u") - 0.5) * 5000).cast(pl.Int8).clip(0, 4)),
    )
    out = out.with_columns(
        [_date(c, fmt) for c in DOSSIER_DATES]
        + [
            _date(c, fmt).alias(c + "_s")
            for c in ("due", "s1_req", "s1_sup", "s1_due", "s2_req", "s2_sup", "s2_due")
        ]
    )
    return _with_bad_rows(out, fmt)


def _with_bad_rows(out: pl.DataFrame, fmt: str) -> pl.DataFrame:
    """`out` plus a broken copy (a new MaHoSo) of each row marked `bad`, by kind: 0 an
    impossible date, 1 a deadline before acceptance, 2 an unknown ward, 3 finished without
    an end date, 4 an unknown procedure. Each breaks one rule, so each lands in quarantine."""
    bad = out.filter(pl.col("bad").is_not_null())
    if bad.height == 0:
        return out
    impossible = "31/02/2025 08:00" if fmt == CSV_DATE else "20250231080000"
    earlier = pl.from_epoch(pl.col("received") - 3 * 86_400, time_unit="s").dt.strftime(fmt)
    k = pl.col("bad")
    bad = bad.with_columns(
        MaHoSo=pl.col("MaHoSo") + "b",
        NgayTiepNhan=pl.when(k == 0).then(pl.lit(impossible)).otherwise(pl.col("NgayTiepNhan")),
        NgayHenTra=pl.when(k == 1).then(earlier).otherwise(pl.col("NgayHenTra")),
        MaXa=pl.when(k == 2).then(pl.lit("99999")).otherwise(pl.col("MaXa")),
        DonViXuLy=pl.when(k == 2).then(None).otherwise(pl.col("DonViXuLy")),
        TrangThaiHoSo=pl.when(k == 3).then(pl.lit(10, pl.Int8)).otherwise(pl.col("TrangThaiHoSo")),
        NgayKetThucXuLy=pl.when(k == 3).then(None).otherwise(pl.col("NgayKetThucXuLy")),
        NgayTra=pl.when(k == 3).then(None).otherwise(pl.col("NgayTra")),
        MaTTHC=pl.when(k == 4).then(pl.lit("1.999999.000.00.00.H00")).otherwise(pl.col("MaTTHC")),
        s1_req_s=pl.lit(None, pl.String),
        s2_req_s=pl.lit(None, pl.String),
    )
    bad = bad.with_columns(_final=pl.lit(False))
    return pl.concat([out.with_columns(bad=pl.lit(None, pl.Int8)), bad], how="vertical")


def write_dossiers_csv(frame: pl.DataFrame, path: Path) -> int:
    frame.select(CSV_COLUMNS).write_csv(path, separator=";")
    return frame.height


# Supplement request n: its columns, and the deadline in force before it.
_REQUESTS = ((1, "due_s"), (2, "s1_due_s"))


def _request(n: int, before: str) -> dict[str, pl.Expr]:
    """The supplements-feed fields of request n (1 or 2) of each dossier record."""
    return {
        "HoSoBoSungId": pl.lit(str(n)),
        "NgayBoSung": pl.col(f"s{n}_req_s"),
        "NgayTiepNhanBoSung": pl.col(f"s{n}_sup_s"),
        "NgayHenTraTruoc": pl.col(before),
        "NgayHenTraMoi": pl.col(f"s{n}_due_s"),
        "TrangThaiBoSung": pl.when(pl.col(f"s{n}_sup_s").is_null())
        .then(pl.lit("CHO_BO_SUNG"))
        .otherwise(pl.lit("DA_BO_SUNG")),
    }


def supplements_rows(final: pl.DataFrame) -> pl.DataFrame:
    """The supplements feed from dossiers as they finally stand (CSV provinces)."""
    parts = [
        final.filter(pl.col(f"s{n}_req_s").is_not_null()).select("MaHoSo", **_request(n, before))
        for n, before in _REQUESTS
    ]
    return pl.concat(parts).sort("MaHoSo", "HoSoBoSungId")


def _nested(n: int, before: str) -> pl.Expr:
    return pl.when(pl.col(f"s{n}_req_s").is_not_null()).then(pl.struct(**_request(n, before)))


def envelope_records(frame: pl.DataFrame) -> pl.DataFrame:
    """One JSON text per dossier record (`j`), as the portal's DongBoHoSoMC data items."""
    return frame.with_columns(
        DanhSachHoSoBoSung=pl.concat_list(
            [_nested(n, before) for n, before in _REQUESTS]
        ).list.drop_nulls(),
        DanhSachGiayToKetQua=pl.when(
            (pl.col("TrangThaiHoSo") == 10) & (pl.col("KenhThucHien") == 2)
        ).then(
            pl.concat_list(
                [
                    pl.struct(
                        TenGiayTo=pl.lit("Kết quả giải quyết TTHC"),
                        MaGiayTo=pl.col("MaHoSo") + "-KQ",
                    )
                ]
            )
        ),
        ChuHoSo=pl.lit("Công dân Demo"),
        SoGiayToChuHoSo=pl.lit("DEMO") + pl.col("seq").cast(pl.String).str.zfill(8),
        SoDienThoai=pl.lit("0900000000"),
    ).select(
        pl.struct(
            "MaHoSo",
            "MaTTHC",
            "TenTTHC",
            "MaLinhVuc",
            "TenLinhVuc",
            "DonViXuLy",
            "MaXa",
            "KenhThucHien",
            "LoaiDoiTuong",
            "ChuHoSo",
            "SoGiayToChuHoSo",
            "SoDienThoai",
            *DOSSIER_DATES[:3],
            "TrangThaiHoSo",
            *DOSSIER_DATES[3:],
            "HoSoCoThanhPhanSoHoa",
            "DuocThanhToanTrucTuyen",
            "DanhSachGiayToKetQua",
            "DanhSachHoSoBoSung",
        )
        .struct.json_encode()
        .alias("j"),
        "month",
    )


def write_dossiers_envelope(records: pl.Series, path_for_batch) -> list[Path]:
    """Portal envelope JSON in batches; returns the files written."""
    written = []
    for batch, start in enumerate(range(0, len(records), JSON_BATCH), start=1):
        path = path_for_batch(batch)
        body = ",\n".join(records.slice(start, JSON_BATCH).to_list())
        path.write_text(
            '{"service": "DongBoHoSoMC", "data": [\n' + body + "\n]}\n", encoding="utf-8"
        )
        written.append(path)
    return written


def write_ratings(final: pl.DataFrame, path: Path, as_codes: bool, end_ts: int) -> int:
    """Citizen ratings of some returned dossiers, JSON Lines."""
    score = (
        pl.when(pl.col("rate_v") < 0.68)
        .then(5)
        .when(pl.col("rate_v") < 0.88)
        .then(4)
        .when(pl.col("rate_v") < 0.95)
        .then(3)
        .when(pl.col("rate_v") < 0.985)
        .then(2)
        .otherwise(1)
    )
    rated = (
        final.filter((pl.col("TrangThaiHoSo") == 10) & (pl.col("rate_u") < 0.05))
        .select(
            "MaHoSo",
            t=pl.col("returned_ts") + (pl.col("rate_u") * 60 * 86_400).cast(pl.Int64),
            DanhGia=score,
        )
        .filter(pl.col("t") <= end_ts)
    )
    if as_codes:
        rated = rated.with_columns(
            DanhGia=pl.col("DanhGia").replace_strict(
                {5: "RHL", 4: "HL", 3: "BT", 2: "KHL", 1: "RKHL"}, return_dtype=pl.String
            )
        )
    rated = rated.select(
        "MaHoSo",
        ThoiGianDanhGia=pl.from_epoch("t", time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S"),
        DanhGia=pl.col("DanhGia"),
    )
    if rated.height:
        rated.write_ndjson(path)
    return rated.height


_CREATED = dt.datetime(2025, 7, 1)


def write_xlsx(frame: pl.DataFrame, path: Path, date_columns: tuple[str, ...] = ()) -> None:
    """First sheet, header row; date columns as real Excel dates; fixed metadata."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    workbook.set_properties({"created": _CREATED, "author": "Hai Cap demo"})
    sheet = workbook.add_worksheet("data")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, frame.columns)
    # Dates as Excel serial numbers (days since 1899-12-30) with a date format.
    frame = frame.with_columns(
        (pl.col(c) - pl.lit(dt.date(1899, 12, 30))).dt.total_days() for c in date_columns
    )
    dates = {frame.columns.index(c) for c in date_columns}
    for i, row in enumerate(frame.iter_rows(), start=1):
        for j, value in enumerate(row):
            if value is None:
                continue
            if j in dates:
                sheet.write_number(i, j, value, date_format)
            else:
                sheet.write(i, j, value)
    workbook.close()
