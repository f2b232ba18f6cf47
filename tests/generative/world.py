"""Random small countries as feed files, and what metrics.md says their numbers are.

A `World` is a few real provinces, a few of their real wards (one province always has a single
unit with data), provincial departments and ward agencies, and dossiers in two batches: the
second batch brings new dossiers, corrections of first-batch dossiers (a later file, or a later
line of the same file, re-sending a MaHoSo) and supplement requests, new or handed in since.

`write_batches` writes the feed files as provincial systems hand them over (CSV, JSON Lines or
the portal's JSON envelope; portal, ISO or Vietnamese dates). `truth` computes the daily and
monthly numbers of every ward and province level straight from the rules of metrics.md: an
oracle that shares nothing with ingest or dbt.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from tests.feedkit import write, write_envelope

FIRST_DAY = dt.date(2025, 6, 25)  # a few worlds start before the reform day (1 July 2025)
HOURS = (7, 8, 9, 10, 13, 14, 15, 16)

PROCEDURES = [
    # MaTTHC, TenTTHC, MaLinhVuc, TenLinhVuc, CapThucHien, MucDo, ThoiHanGiaiQuyet, DonViThoiHan
    ("G.000001", "Đăng ký khai sinh", "HT", "Hộ tịch", "xa", 4, 1, "trong_ngay"),
    ("G.000002", "Đăng ký đất đai", "DD", "Đất đai", "xa", 3, 10, "ngay_lam_viec"),
    ("G.000003", "Chứng thực bản sao", "CT", "Chứng thực", "xa", 4, 8, "gio"),
    ("G.000004", "Cấp giấy phép xây dựng", "XD", "Xây dựng", "tinh", 3, 15, "ngay"),
]
WARD_PROCEDURES = [p[0] for p in PROCEDURES if p[4] == "xa"]
PROVINCE_PROCEDURE = "G.000004"

RECEIVED_STATUSES = (2, 4, 5, 6, 7, 8, 9, 10)
STATUSES = (10, 9, 4, 2, 5, 6, 7, 8, 3, 1)
FLOWS = (
    "received",
    "received_online",
    "finished",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "closed",
)
STOCKS = ("pending_end", "pending_overdue_end")
PROVINCE_LEVEL = "province level"


@cache
def wards_by_province() -> dict[str, list[str]]:
    from ingest.reference import wards_frame

    out: dict[str, list[str]] = defaultdict(list)
    for ward, province in wards_frame().select("ward_code", "province_code").iter_rows():
        out[province].append(ward)
    return dict(out)


# -- the world ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """A supplement request, in days after the dossier's received day."""

    asked: int  # days after received
    handed_in: int | None  # days after the request; None: still waiting on the citizen
    new_due: int | None  # NgayHenTraMoi, days after the request; None: not given


@dataclass(frozen=True)
class Dossier:
    unit: int  # index into World.units
    status: int
    received: int  # day number (FIRST_DAY + start + received)
    hour: int
    due: int  # days after received
    ended: int  # days after received, for statuses 7-10 (and 3: refused that day)
    end_field: str  # 9/10: "both", "end", "return" (10 only); 7/8: "refused", "end"
    channel: str  # "", "1", "2", "3"
    requests: tuple[Request, ...] = ()


@dataclass(frozen=True)
class Unit:
    province: str
    ward: str | None  # None: a provincial department (Cap = tinh)
    via_agency: bool  # ward dossiers name the ward's agency (DonViXuLy), not MaXa


@dataclass(frozen=True)
class World:
    start: int  # days after FIRST_DAY
    units: tuple[Unit, ...]
    quiet_wards: tuple[str, ...]  # wards in agencies, staffing and assets, with no dossiers
    first: tuple[Dossier, ...]
    # (index into first, new version, in the first batch's own file after the original)
    corrections: tuple[tuple[int, Dossier, bool], ...] = ()
    second: tuple[Dossier, ...] = ()
    # supplement requests handed in since the first batch: (index into first, request number)
    handed_in_later: tuple[tuple[int, int, int], ...] = ()
    formats: tuple[str, str] = ("csv", "csv")
    date_styles: tuple[str, str] = ("iso", "iso")
    notes: tuple[str, ...] = field(default=(), compare=False)


def code(batch: str, index: int) -> str:
    return f"G{batch}{index:04d}"


def day(world: World, number: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=world.start + number)


# -- strategies ---------------------------------------------------------------------------------


def requests_strategy() -> st.SearchStrategy[tuple[Request, ...]]:
    one = st.builds(
        Request,
        asked=st.integers(0, 6),
        handed_in=st.none() | st.integers(0, 6),
        new_due=st.none() | st.integers(1, 8),
    )
    return st.lists(one, max_size=3).map(_distinct_requests)


def _distinct_requests(requests: list[Request]) -> tuple[Request, ...]:
    """Requests on distinct, increasing days (the latest request must be unambiguous)."""
    out, last = [], -1
    for request in requests:
        asked = max(request.asked, last + 1)
        out.append(Request(asked, request.handed_in, request.new_due))
        last = asked
    return tuple(out)


def dossier_strategy(n_units: int, span: int) -> st.SearchStrategy[Dossier]:
    return st.builds(
        Dossier,
        unit=st.integers(0, n_units - 1),
        status=st.sampled_from(STATUSES),
        received=st.integers(0, span),
        hour=st.sampled_from(HOURS),
        due=st.integers(0, 12),  # a deadline before intake is quarantined (ingest)
        ended=st.integers(0, 14),
        end_field=st.sampled_from(("both", "end", "return", "refused")),
        channel=st.sampled_from(("", "1", "2", "3")),
        requests=requests_strategy(),
    )


@st.composite
def worlds(draw) -> World:
    by_province = wards_by_province()
    provinces = draw(
        st.lists(st.sampled_from(sorted(by_province)), min_size=1, max_size=3, unique=True)
    )
    units: list[Unit] = []
    quiet: list[str] = []
    for i, province in enumerate(provinces):
        # the first province has a single unit with data: one ward, no provincial department
        n_wards = 1 if i == 0 else draw(st.integers(1, 3))
        wards = draw(
            st.lists(
                st.sampled_from(by_province[province]),
                min_size=n_wards + 1,
                max_size=n_wards + 1,
                unique=True,
            )
        )
        units += [Unit(province, w, draw(st.booleans())) for w in wards[:n_wards]]
        quiet.append(wards[n_wards])
        if i > 0 and draw(st.booleans()):
            units.append(Unit(province, None, True))
    span = draw(st.integers(0, 60))
    dossiers = dossier_strategy(len(units), span)
    first = draw(st.lists(dossiers, min_size=1, max_size=25))
    # sometimes a crowd: one unit with many dossiers like one drawn, so that some public
    # cells reach the threshold (10) beside small ones
    crowd = draw(st.integers(0, 3)) * 8
    if crowd:
        like = draw(dossiers)
        first += [
            Dossier(**{**like.__dict__, "received": like.received + i % 3, "due": i % 4})
            for i in range(crowd)
        ]
    corrections = draw(
        st.lists(
            st.tuples(st.integers(0, len(first) - 1), dossiers, st.booleans()),
            max_size=4,
        )
    )
    second = draw(st.lists(dossier_strategy(len(units), span + 10), max_size=8))
    if not corrections and not second:
        second = [draw(dossiers)]
    handed_in = draw(
        st.lists(
            st.tuples(st.integers(0, len(first) - 1), st.integers(0, 2), st.integers(0, 5)),
            max_size=3,
        )
    )
    return World(
        start=draw(st.integers(0, 80)),
        units=tuple(units),
        quiet_wards=tuple(quiet),
        first=tuple(first),
        corrections=tuple((i, d, same) for i, d, same in corrections),
        second=tuple(second),
        handed_in_later=tuple(handed_in),
        formats=(
            draw(st.sampled_from(("csv", "jsonl", "envelope"))),
            draw(st.sampled_from(("csv", "jsonl", "envelope"))),
        ),
        date_styles=(
            draw(st.sampled_from(("iso", "portal", "vn", "offset"))),
            draw(st.sampled_from(("iso", "portal", "vn", "offset"))),
        ),
    )


# -- the dossiers as the source system holds them ------------------------------------------------


@dataclass(frozen=True)
class Fields:
    """A dossier's dates as the feed states them (None: empty)."""

    code: str
    unit: Unit
    status: int
    channel: str
    received_at: dt.datetime | None
    due_at: dt.datetime | None
    ended_at: dt.datetime | None  # NgayKetThucXuLy
    returned_at: dt.datetime | None  # NgayTra
    refused_at: dt.datetime | None  # NgayTuChoi


def _at(d: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day, hour, minute)


def fields(world: World, dossier_code: str, d: Dossier) -> Fields:
    unit = world.units[d.unit]
    received = day(world, d.received)
    received_at = _at(received, d.hour)
    due_at = _at(received + dt.timedelta(days=d.due), 17)
    ended = received + dt.timedelta(days=d.ended)
    ended_at = returned_at = refused_at = None
    status = d.status
    if status in (9, 10):
        kind = d.end_field if d.end_field != "refused" else "both"
        if status == 9 or kind in ("both", "end"):
            ended_at = _at(ended, 11)
        if status == 10 and kind in ("both", "return"):
            returned_at = _at(ended + dt.timedelta(days=1 if kind == "both" else 0), 14)
    elif status in (7, 8):
        if d.end_field == "end":
            ended_at = _at(ended, 11)
        else:
            refused_at = _at(ended, 15)
    if status in (1, 3):
        received_at = due_at = None
        if status == 3:
            refused_at = _at(received, d.hour)
    return Fields(
        dossier_code,
        unit,
        status,
        d.channel,
        received_at,
        due_at,
        ended_at,
        returned_at,
        refused_at,
    )


def versions(world: World) -> list[list[tuple[Fields, tuple[Request, ...]]]]:
    """The dossier lines of each batch's file, in file order (corrections included)."""
    first = [(fields(world, code("A", i), d), d.requests) for i, d in enumerate(world.first)]
    second = [(fields(world, code("B", i), d), d.requests) for i, d in enumerate(world.second)]
    for target, new, same_file in world.corrections:
        # a correction keeps the dossier's code (and its supplement requests, a separate feed)
        line = (fields(world, code("A", target), new), ())
        (first if same_file else second).append(line)
    return [first, second]


def latest(world: World) -> dict[str, Fields]:
    out: dict[str, Fields] = {}
    for batch in versions(world):
        for f, _ in batch:
            out[f.code] = f
    return out


@dataclass(frozen=True)
class Supplement:
    dossier_code: str
    request_id: str
    asked_at: dt.datetime
    handed_in_at: dt.datetime | None
    new_due_at: dt.datetime | None


def supplements(world: World) -> list[list[Supplement]]:
    """Each batch's supplement lines. A request's days count from the received day of the
    dossier version that carried it (the first version for first-batch dossiers)."""
    batches: list[list[Supplement]] = [[], []]
    for batch_number, (batch, dossiers) in enumerate((("A", world.first), ("B", world.second))):
        for i, d in enumerate(dossiers):
            received = day(world, d.received)
            for n, r in enumerate(d.requests, start=1):
                asked = received + dt.timedelta(days=r.asked)
                batches[batch_number].append(
                    Supplement(
                        code(batch, i),
                        str(n),
                        _at(asked, 9 + n),
                        None
                        if r.handed_in is None
                        else _at(asked + dt.timedelta(days=r.handed_in), 16),
                        None
                        if r.new_due is None
                        else _at(asked + dt.timedelta(days=r.new_due), 17),
                    )
                )
    known = {(s.dossier_code, s.request_id): s for s in batches[0]}
    for target, number, after in world.handed_in_later:
        old = known.get((code("A", target), str(number + 1)))
        if old is None or old.handed_in_at is not None:
            continue
        handed = _at(old.asked_at.date() + dt.timedelta(days=after), 16)
        batches[1].append(
            Supplement(old.dossier_code, old.request_id, old.asked_at, handed, old.new_due_at)
        )
    return batches


def latest_supplements(world: World) -> dict[str, list[Supplement]]:
    by_key: dict[tuple[str, str], Supplement] = {}
    for batch in supplements(world):
        for s in batch:
            by_key[(s.dossier_code, s.request_id)] = s
    out: dict[str, list[Supplement]] = defaultdict(list)
    for s in by_key.values():
        out[s.dossier_code].append(s)
    return dict(out)


# -- writing the feed files ---------------------------------------------------------------------


def _date_text(value: dt.datetime | None, style: str) -> str:
    if value is None:
        return ""
    if style == "portal":
        return value.strftime("%Y%m%d%H%M%S")
    if style == "vn":
        return value.strftime("%d/%m/%Y %H:%M")
    if style == "offset":
        # the same instant written in another zone (UTC-5: the day before, mostly)
        return (value - dt.timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M:%S-05:00")
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def _agency_code(unit: Unit) -> str:
    if unit.ward is None:
        return f"000.00.{int(unit.province):02d}.G{unit.province}"
    return f"000.{unit.ward}.00.G{unit.province}"


def agencies(world: World) -> list[dict]:
    rows, seen = [], set()
    for unit in world.units:
        code_ = _agency_code(unit)
        if code_ in seen:
            continue
        seen.add(code_)
        rows.append(
            {
                "MaDinhDanh": code_,
                "TenDonVi": "Sở Xây dựng" if unit.ward is None else f"UBND xã {unit.ward}",
                "Cap": "tinh" if unit.ward is None else "xa",
                "MaTinh": unit.province,
                "MaXa": unit.ward or "",
            }
        )
    for ward in world.quiet_wards:
        province = next(p for p, ws in wards_by_province().items() if ward in ws)
        rows.append(
            {
                "MaDinhDanh": _agency_code(Unit(province, ward, True)),
                "TenDonVi": f"UBND xã {ward}",
                "Cap": "xa",
                "MaTinh": province,
                "MaXa": ward,
            }
        )
    return rows


def _dossier_row(f: Fields, style: str) -> dict:
    unit = f.unit
    by_agency = unit.ward is None or unit.via_agency
    procedure = PROVINCE_PROCEDURE if unit.ward is None else WARD_PROCEDURES[int(f.code[-1]) % 3]
    return {
        "MaHoSo": f.code,
        "MaTTHC": procedure,
        "MaXa": "" if by_agency else unit.ward,
        "DonViXuLy": _agency_code(unit) if by_agency else "",
        "KenhThucHien": f.channel,
        "ChuHoSo": "Nguyễn Văn Thử",
        "SoGiayToChuHoSo": "046099000111",
        "TrangThaiHoSo": str(f.status),
        "NgayTiepNhan": _date_text(f.received_at, style),
        "NgayHenTra": _date_text(f.due_at, style),
        "NgayKetThucXuLy": _date_text(f.ended_at, style),
        "NgayTra": _date_text(f.returned_at, style),
        "NgayTuChoi": _date_text(f.refused_at, style),
    }


def _write_rows(path: Path, rows: list[dict], form: str) -> Path:
    if form == "envelope":
        return write_envelope(path.with_suffix(".json"), rows)
    return write(path.with_suffix("." + form), rows)


def write_batches(world: World, folder: Path) -> tuple[Path, Path]:
    """Write the two batches of feed files into folder/first and folder/second."""
    first, second = folder / "first", folder / "second"
    write(
        first / "procedures.csv",
        [
            {
                "MaTTHC": p[0],
                "TenTTHC": p[1],
                "MaLinhVuc": p[2],
                "TenLinhVuc": p[3],
                "CapThucHien": p[4],
                "MaTinh": "",
                "MucDo": p[5],
                "ThoiHanGiaiQuyet": p[6],
                "DonViThoiHan": p[7],
            }
            for p in PROCEDURES
        ],
    )
    write(first / "agencies.csv", agencies(world))
    for n, (batch, folder_) in enumerate(zip(versions(world), (first, second), strict=True)):
        style, form = world.date_styles[n], world.formats[n]
        if batch:
            rows = [_dossier_row(f, style) for f, _ in batch]
            _write_rows(folder_ / f"dossiers_{n + 1}", rows, form)
    for n, (batch, folder_) in enumerate(zip(supplements(world), (first, second), strict=True)):
        if batch:
            rows = [
                {
                    "MaHoSo": s.dossier_code,
                    "HoSoBoSungId": s.request_id,
                    "NgayBoSung": _date_text(s.asked_at, "iso"),
                    "NgayTiepNhanBoSung": _date_text(s.handed_in_at, "iso"),
                    "NgayHenTraMoi": _date_text(s.new_due_at, "iso"),
                    "TrangThaiBoSung": "1" if s.handed_in_at else "0",
                }
                for s in batch
            ]
            write(folder_ / f"supplements_{n + 1}.csv", rows)
    _write_side_feeds(world, first)
    return first, second


def _write_side_feeds(world: World, folder: Path) -> None:
    """Ratings of the first finished dossiers, staffing and premises of every ward."""
    finished = [f for f, _ in versions(world)[0] if f.status in (9, 10)][:3]
    if finished:
        write(
            folder / "ratings.csv",
            [
                {
                    "MaHoSo": f.code,
                    "ThoiGianDanhGia": _date_text(f.ended_at or f.returned_at, "iso"),
                    "DanhGia": str(1 + i % 5),
                }
                for i, f in enumerate(finished)
            ],
        )
    wards = sorted({u.ward for u in world.units if u.ward} | set(world.quiet_wards))
    report_day = day(world, 0).isoformat()
    write(
        folder / "staffing.csv",
        [
            {
                "NgayBaoCao": report_day,
                "MaXa": w,
                "PhongBan": "TTPVHCC",
                "ViTriViecLam": "Một cửa",
                "ChuyenMon": "tong_hop",
                "DinhBien": 2,
                "HienCo": i % 3,
                "DungChuyenMon": 0,
            }
            for i, w in enumerate(wards)
        ],
    )
    write(
        folder / "assets.csv",
        [
            {
                "NgayBaoCao": report_day,
                "MaTaiSan": f"TS{w}",
                "MaXa": w,
                "LoaiTaiSan": "tru_so",
                "TinhTrang": "tot",
                "HienTrang": "dang_su_dung" if i % 2 else "bo_trong",
            }
            for i, w in enumerate(wards)
        ],
    )


# -- the oracle: metrics.md, read plainly ----------------------------------------------------------


@dataclass
class Truth:
    as_of: dt.date | None
    # (unit key, day) -> column -> value; unit key is a ward code or (province, PROVINCE_LEVEL)
    daily: dict[tuple, dict[str, int]]
    monthly: dict[tuple, dict[str, int]]
    province_monthly: dict[tuple, dict[str, int]]
    unit_province: dict


def truth(world: World) -> Truth:
    dossiers = latest(world)
    requests = latest_supplements(world)
    dates = [
        value.date()
        for f in dossiers.values()
        for value in (f.received_at, f.ended_at, f.returned_at, f.refused_at)
        if value is not None
    ]
    as_of = max(dates) if dates else None
    daily: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FLOWS + STOCKS, 0))
    unit_province: dict = {}
    first_day: dict = {}
    for f in dossiers.values():
        if f.status in (1, 3) or f.received_at is None:
            continue
        unit = f.unit.ward or (f.unit.province, PROVINCE_LEVEL)
        unit_province[unit] = f.unit.province
        received = f.received_at.date()
        first_day[unit] = min(first_day.get(unit, received), received)
        asked = sorted(requests.get(f.code, []), key=lambda s: s.asked_at)
        with_new_due = [s for s in asked if s.new_due_at is not None]
        due = (with_new_due[-1].new_due_at if with_new_due else f.due_at).date()
        end = closed = None
        row = daily[(unit, received)]
        row["received"] += 1
        row["received_online"] += f.channel == "2"
        if f.status in (9, 10):
            end = (f.ended_at or f.returned_at).date()
            out = daily[(unit, end)]
            out["finished"] += 1
            if len(asked) > 1 or end > due:
                out["finished_late"] += 1
            elif end < due:
                out["finished_early"] += 1
            else:
                out["finished_on_time"] += 1
        if f.status in (7, 8):
            closed = (f.refused_at or f.ended_at).date()
            daily[(unit, closed)]["closed"] += 1
        stop = end or closed  # the day it stops being pending, if it does
        d = received
        while d <= as_of and (stop is None or d < stop):
            asked_by = [s for s in asked if s.asked_at.date() <= d]
            waiting = any(s.handed_in_at is None or s.handed_in_at.date() > d for s in asked_by)
            overdue = len(asked_by) > 1 or (due < d and not waiting)
            daily[(unit, d)]["pending_end"] += 1
            daily[(unit, d)]["pending_overdue_end"] += overdue
            d += dt.timedelta(days=1)
    # every day from the unit's first received day to the as-of day, quiet days included
    for unit, first in first_day.items():
        d = first
        while d <= as_of:
            daily[(unit, d)]  # noqa: B018 (creates the quiet day's zero row)
            d += dt.timedelta(days=1)
    monthly: dict[tuple, dict[str, int]] = {}
    for (unit, d), row in sorted(daily.items(), key=lambda item: item[0][1]):
        month_row = monthly.setdefault((unit, d.replace(day=1)), dict.fromkeys(FLOWS + STOCKS, 0))
        for column in FLOWS:
            month_row[column] += row[column]
        for column in STOCKS:
            month_row[column] = row[column]  # the last day's, days being in order
    province_monthly: dict[tuple, dict[str, int]] = {}
    for (unit, month), row in monthly.items():
        total = province_monthly.setdefault(
            (unit_province[unit], month), dict.fromkeys(FLOWS + STOCKS, 0)
        )
        for column in FLOWS + STOCKS:
            total[column] += row[column]
    return Truth(as_of, daily, monthly, province_monthly, unit_province)


def describe(world: World) -> str:
    """The world in a few lines, for a failing test's message."""
    lines = [f"start {day(world, 0)}, units {world.units}"]
    for batch in versions(world):
        for f, _ in batch:
            lines.append(json.dumps(_dossier_row(f, "iso"), ensure_ascii=False))
    for batch in supplements(world):
        lines += [str(s) for s in batch]
    return "\n".join(lines)
