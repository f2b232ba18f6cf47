"""Dossiers (hồ sơ TTHC) of one province, vectorised with numpy: no loop per dossier.

For every unit (ward or provincial department) the generator fixes how many dossiers it
receives in the period and spreads them over the receipt days by systematic sampling
(counts in any window are within one of the expected figure: that is what lets the named
units of calibration.md hold). Each dossier then gets a procedure, a deadline computed from
the statutory duration on Vietnam's working-day calendar, a channel, maybe supplement
requests (which move the deadline by the time the citizen took), and an outcome: early or
on time, late, withdrawn, stopped, or still open at the end of the period.

Dossiers still open on the period's first day and received before it (the backlog the
abolished districts handed over) are generated too. `versions` turns the outcomes into the
records a portal sync would deliver: the dossier as it stood at the end of its receipt
month, and again in the month it was finished or closed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from demo.calendar import FIRST, WorkCalendar
from demo.catalogue import BUILD_FIELDS, LAND_FIELDS, TAIL_WEIGHT
from demo.world import (
    NAMED_PROVINCES,
    NAMED_WARDS,
    PROVINCE_LEVEL_SHARE,
    SATURDAY_WEIGHT,
    ProvinceWorld,
    monthly_volume,
    rng,
)

DAY = 86_400
EPOCH0 = int(FIRST.astype("datetime64[D]").astype(np.int64))  # FIRST in days since 1970
WORKDAYS_A_MONTH = 21.7
BACKLOG_SHARE = 0.10  # open pre-period dossiers per unit, as a share of a month's receipts
DENIED_SHARE = 0.012  # refused at intake (status 3): not received
DRAFT_SHARE = 0.004  # submitted online, never accepted (status 1): not received
PART_ROWS = 1_000_000


@dataclass(frozen=True)
class Period:
    start: int  # calendar offsets (days since calendar.FIRST), inclusive
    end: int

    @property
    def end_ts(self) -> int:
        return _ts(self.end, DAY - 1)


def _ts(day_offset, seconds):
    return (EPOCH0 + day_offset) * DAY + seconds


def day_weights(cal: WorkCalendar, a: int, b: int) -> np.ndarray:
    days = np.arange(a, b + 1)
    return np.where(cal.working[days], 1.0, np.where(cal.saturday[days], SATURDAY_WEIGHT, 0.0))


def units_table(
    world: ProvinceWorld, cal: WorkCalendar, period: Period, scale: float
) -> pl.DataFrame:
    """One row per handling unit: receipts in the period and its behaviour parameters."""
    w_period = day_weights(cal, period.start, period.end).sum()

    def in_window(received: int, window: tuple[str, str]) -> float:
        a, b = cal.offset(window[0]), cal.offset(window[1])
        return received * w_period / day_weights(cal, a, b).sum()

    months = w_period / WORKDAYS_A_MONTH
    total = monthly_volume(world.code) * months
    ward_share = 1 - PROVINCE_LEVEL_SHARE
    if world.code in NAMED_PROVINCES:
        received, window, ward_share = NAMED_PROVINCES[world.code]
        total = in_window(received, window)
    ward_total = total * ward_share
    rows = []
    pinned = {
        w["ward_code"]: NAMED_WARDS[w["ward_code"]]
        for w in world.wards
        if w["ward_code"] in NAMED_WARDS
    }
    pinned_total = sum(in_window(p.received, p.window) for p in pinned.values())
    free_weight = sum(w["weight"] for w in world.wards if w["ward_code"] not in pinned)
    for w in world.wards:
        p = pinned.get(w["ward_code"])
        if p:
            n = in_window(p.received, p.window)
            backlog = p.backlog
        else:
            n = (ward_total - pinned_total) * w["weight"] / free_weight
            backlog = None
        row = {
            "unit": w["agency"],
            "ward": w["ward_code"],
            "level": "xa",
            "prefix": f"{world.code}.{w['ward_code']}",
            "n": int(round(n * scale)),
            "online": w["online"],
            "late": w["late"],
            "supplement": w["supplement"],
            "double_supplement": w["double_supplement"],
            "withdrawn": w["withdrawn"],
            "fields": None,
        }
        if p:
            for key in ("online", "late", "supplement", "double_supplement", "withdrawn"):
                if getattr(p, key) is not None:
                    row[key] = getattr(p, key)
        monthly = n / months
        row["backlog"] = int(
            round((backlog if backlog is not None else BACKLOG_SHARE * monthly) * scale)
        )
        rows.append(row)
    for a in world.agencies:
        n = total * (1 - ward_share) * a["share"]
        rows.append(
            {
                "unit": a["code"],
                "ward": None,
                "level": "tinh",
                "prefix": f"{world.code}.S{a['code'].split('.')[2]}",
                "n": int(round(n * scale)),
                "online": a["online"],
                "late": a["late"],
                "supplement": a["supplement"],
                "double_supplement": a["double_supplement"],
                "withdrawn": a["withdrawn"],
                "fields": list(a["fields"]),
                "backlog": int(round(BACKLOG_SHARE * n / months * scale)),
            }
        )
    return pl.DataFrame(rows, infer_schema_length=None)


def parts(units: pl.DataFrame) -> list[pl.DataFrame]:
    """Units grouped so that one group makes at most about PART_ROWS dossiers."""
    size = (units["n"] + units["backlog"]).to_numpy()
    group = np.cumsum(size) // PART_ROWS
    group = group - group[0]
    return [units.filter(pl.Series(group == g)) for g in np.unique(group)]


def _sample_procedures(
    r, catalogue: pl.DataFrame, unit_rows: pl.DataFrame, counts, backlog: bool = False
) -> np.ndarray:
    """Catalogue row index per dossier, unit by unit (a loop over units, not dossiers)."""
    level = catalogue["CapThucHien"].to_numpy()
    field = catalogue["MaLinhVuc"].to_numpy()
    core_w = catalogue["_weight"].to_numpy()
    out = np.empty(int(np.sum(counts)), dtype=np.int64)
    pos = 0
    cache: dict = {}
    for i, (lvl, fields) in enumerate(zip(unit_rows["level"], unit_rows["fields"], strict=True)):
        k = int(counts[i])
        if k == 0:
            continue
        key = (lvl, tuple(fields) if fields is not None else None, backlog)
        if key not in cache:
            ok = level == lvl
            if fields is not None:
                ok &= np.isin(field, fields)
            idx = np.flatnonzero(ok)
            w = core_w[idx].astype(float)
            tail = w == 0
            if w.sum() == 0:
                w = np.ones(len(idx))
            elif tail.any():
                w = np.where(
                    tail, TAIL_WEIGHT * w.sum() / max(tail.sum(), 1) / (1 - TAIL_WEIGHT), w
                )
            if backlog:
                # The backlog: mostly land, then construction, then the rest.
                is_land = np.isin(field[idx], LAND_FIELDS)
                is_build = np.isin(field[idx], BUILD_FIELDS)
                w = np.where(
                    is_land,
                    w / max(w[is_land].sum(), 1e-9) * 0.7,
                    np.where(
                        is_build,
                        w / max(w[is_build].sum(), 1e-9) * 0.15,
                        w / max(w[~is_land & ~is_build].sum(), 1e-9) * 0.15,
                    ),
                )
            cache[key] = (idx, np.cumsum(w) / w.sum())
        idx, cdf = cache[key]
        out[pos : pos + k] = idx[np.minimum(np.searchsorted(cdf, r.random(k)), len(idx) - 1)]
        pos += k
    return out


def generate_part(
    world: ProvinceWorld,
    units: pl.DataFrame,
    catalogue: pl.DataFrame,
    cal: WorkCalendar,
    period: Period,
    gaps: dict,
    seed: int,
    part: int,
) -> pl.DataFrame:
    """Every dossier of these units with its final outcome (as of the period's end)."""
    r = rng(seed, world.code, "dossiers", part)
    n_u = units["n"].to_numpy()
    b_u = units["backlog"].to_numpy()
    # Extra rows that are not "received": denied at intake, drafts never accepted.
    x_u = np.round(n_u * (DENIED_SHARE + DRAFT_SHARE)).astype(np.int64)
    counts = n_u + b_u + x_u
    total = int(counts.sum())
    unit_of = np.repeat(np.arange(units.height), counts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    seq = np.arange(total) - starts[unit_of]
    kind = np.where(seq < n_u[unit_of], 0, np.where(seq < (n_u + b_u)[unit_of], 1, 2))
    # 0 period receipt, 1 backlog, 2 denied/draft

    # Receipt days: systematic sampling over the period's day weights, per unit.
    w = day_weights(cal, period.start, period.end)
    cdf = np.cumsum(w) / w.sum()
    offset = r.random(units.height)
    q = (seq + offset[unit_of]) / np.maximum(n_u[unit_of], 1)
    day = period.start + np.minimum(np.searchsorted(cdf, q), len(cdf) - 1)
    # Backlog: received in the three months before the period on working days.
    back_days = np.flatnonzero(cal.working[period.start - 92 : period.start]) + period.start - 92
    day = np.where(kind == 1, back_days[r.integers(0, len(back_days), total)], day)
    day = np.where(
        kind == 2, period.start + r.integers(0, period.end - period.start + 1, total), day
    )
    day = np.where(kind == 2, cal.roll_forward(day), day)
    secs = (7 * 3600 + 30 * 60 + r.integers(0, 9 * 3600 + 30 * 60, total)).astype(np.int64)
    received = _ts(day, secs)

    # Channel: the share of online dossiers is exact within any run of receipts.
    share = units["online"].to_numpy()[unit_of]
    phase = r.random(units.height)[unit_of]
    online = (np.floor((seq + 1) * share + phase) - np.floor(seq * share + phase)) > 0
    channel = np.where(online, 2, np.where(r.random(total) < 0.1, 3, 1))

    # Procedure and deadline.
    is_back = kind == 1
    proc = np.empty(total, dtype=np.int64)
    normal_counts = n_u + x_u
    proc_normal = _sample_procedures(r, catalogue, units, normal_counts)
    proc_back = _sample_procedures(r, catalogue, units, b_u, backlog=True)
    # Rows are grouped by unit with [period, backlog, extra]; place samples unit by unit.
    normal_mask = ~is_back
    proc[np.flatnonzero(normal_mask)] = proc_normal
    proc[np.flatnonzero(is_back)] = proc_back
    dur = catalogue["ThoiHanGiaiQuyet"].to_numpy()[proc]
    unit_kind = catalogue["DonViThoiHan"].to_numpy()[proc]
    field = catalogue["MaLinhVuc"].to_numpy()[proc]
    same_day = unit_kind == "trong_ngay"
    after_cutoff = secs >= 15 * 3600
    due_day = np.select(
        [same_day, unit_kind == "ngay_lam_viec", unit_kind == "ngay"],
        [
            cal.add_working_days(day, after_cutoff.astype(np.int64)),
            cal.add_working_days(day, dur),
            cal.roll_forward(day + dur),
        ],
        cal.add_working_days(day, np.ceil(dur / 8).astype(np.int64)),
    )
    due_secs = np.full(total, 17 * 3600, dtype=np.int64)

    # Behaviour multipliers: land and construction are slower and more often incomplete.
    land = np.isin(field, LAND_FIELDS)
    build = np.isin(field, BUILD_FIELDS)
    ward_codes = units["ward"].to_list()
    gap_land = np.array([gaps.get(c, (False, False))[0] for c in ward_codes])[unit_of]
    gap_build = np.array([gaps.get(c, (False, False))[1] for c in ward_codes])[unit_of]
    field_late = np.where(land | build, 2.2, np.where(same_day, 0.6, 1.0))
    field_late = field_late * np.where((land & gap_land) | (build & gap_build), 1.8, 1.0)
    field_supp = np.where(land | build, 3.0, np.where(same_day, 0.15, 1.0))

    u = r.random((6, total))
    p_withdraw = units["withdrawn"].to_numpy()[unit_of]
    closed = (u[0] < p_withdraw) & (kind != 2)
    closed_status = np.where(r.random(total) < 0.7, 7, 8)
    p_supp = np.minimum(units["supplement"].to_numpy()[unit_of] * field_supp, 0.6)
    supp = (u[1] < p_supp) & ~closed & (kind != 2) & ~same_day
    p_double = units["double_supplement"].to_numpy()[unit_of]
    double = supp & (u[2] < p_double / np.maximum(p_supp, 1e-9))
    p_late = units["late"].to_numpy()[unit_of] * field_late
    late = (u[3] < p_late) & ~closed & (kind != 2)
    # The backlog was handed over late in the day: more of it runs late.
    late |= is_back & (u[3] < 0.35) & ~closed

    k_recv = cal.next_index[day]
    k_due = cal.next_index[due_day]
    span = np.maximum(k_due - k_recv, 0)

    # Supplement requests: asked within the first half of the duration; the citizen takes
    # a few working days (some never come back).
    req1_k = k_recv + 1 + np.floor(u[4] * np.maximum(span // 2, 1)).astype(np.int64)
    wait1 = r.geometric(0.22, total)
    never = r.random(total) < 0.08
    sup1_k = req1_k + wait1
    req2_k = sup1_k + 1 + r.integers(0, 3, total)
    wait2 = r.geometric(0.25, total)
    sup2_k = req2_k + wait2
    never2 = double & never
    never1 = supp & ~double & never
    moved = np.where(supp, wait1, 0) + np.where(double & ~never2, wait2, 0)
    k_due_new = k_due + moved
    last_resume = np.where(double, sup2_k, np.where(supp, sup1_k, k_recv))

    # End of processing.
    delay_mean = np.where(land | build, 9.0, 3.5)
    delay = 1 + r.geometric(1 / delay_mean)
    ontime_k = last_resume + np.floor(
        u[5] ** 1.6 * (np.maximum(k_due_new - last_resume, 0) + 1)
    ).astype(np.int64)
    ontime_k = np.minimum(ontime_k, np.maximum(k_due_new, last_resume))
    end_k = np.where(late, np.maximum(k_due_new, last_resume) + delay, ontime_k)
    n_wd = len(cal.workdays) - 1
    end_day = cal.workdays[np.clip(end_k, 0, n_wd)]
    # A backlog dossier cannot have ended before the period.
    end_day = np.where(
        is_back & (end_day < period.start),
        cal.roll_forward(np.full(total, period.start) + r.integers(0, 20, total)),
        end_day,
    )
    end_secs = np.where(
        end_day == day,
        secs + (r.random(total) * np.maximum(17 * 3600 + 1800 - secs, 60)).astype(np.int64),
        7 * 3600 + 30 * 60 + r.integers(0, 9 * 3600 + 30 * 60, total),
    )
    end_ts = _ts(end_day, end_secs)
    never_back = never1 | never2
    finished = ~closed & (kind != 2) & ~never_back & (end_ts <= period.end_ts)

    # Closure (withdrawn / stopped) a few working days after receipt.
    close_day = cal.workdays[
        np.clip(k_recv + r.integers(1, np.maximum(span, 1) + 3, total), 0, n_wd)
    ]
    close_day = np.where(
        is_back & (close_day < period.start),
        cal.roll_forward(np.full(total, period.start) + r.integers(0, 30, total)),
        close_day,
    )
    close_ts = _ts(close_day, 8 * 3600 + r.integers(0, 8 * 3600, total))
    closed_now = closed & (close_ts <= period.end_ts)

    # Returned to the citizen a few days after the end (most results are collected).
    returned_ts = end_ts + (r.integers(0, 4, total) * DAY + r.integers(0, 4 * 3600, total))
    returned = finished & (r.random(total) < 0.9) & (returned_ts <= period.end_ts)

    def wd(k):
        return _ts(cal.workdays[np.clip(k, 0, n_wd)], 9 * 3600 + (k % 7) * 1800)

    status = np.where(
        kind == 2, np.where(r.random(total) < DENIED_SHARE / (DENIED_SHARE + DRAFT_SHARE), 3, 1), 4
    )
    extra_denied = (kind == 2) & (status == 3)
    frame = pl.DataFrame(
        {
            "unit": units["unit"].gather(unit_of),
            "MaXa": units["ward"].cast(pl.String).gather(unit_of),
            "level": units["level"].gather(unit_of),
            "seq": seq,
            "kind": kind.astype(np.int8),
            "proc": proc,
            "KenhThucHien": channel.astype(np.int8),
            "received": received,
            "due": _ts(due_day, due_secs),
            "base_status": status.astype(np.int8),
            "closed": closed_now,
            "closed_status": closed_status.astype(np.int8),
            "close_ts": np.where(closed_now, close_ts, -1),
            "denied_ts": np.where(extra_denied, received + 3600, -1),
            "finished": finished,
            "end_ts": np.where(finished, end_ts, -1),
            "returned_ts": np.where(returned, returned_ts, -1),
            "supp": supp,
            "double": double,
            "req1": np.where(supp, wd(req1_k), -1),
            "sup1": np.where(supp & ~never1, wd(sup1_k), -1),
            "due1": np.where(
                supp, _ts(cal.workdays[np.clip(k_due + wait1, 0, n_wd)], 17 * 3600), -1
            ),
            "req2": np.where(double, wd(req2_k), -1),
            "sup2": np.where(double & ~never2, wd(sup2_k), -1),
            "due2": np.where(double, _ts(cal.workdays[np.clip(k_due_new, 0, n_wd)], 17 * 3600), -1),
            "digitised": (r.random(total) < np.where(online, 0.7, 0.3)).astype(np.int8),
            "paid": np.where(
                online & (catalogue["CoPhiLePhi"].to_numpy()[proc] == 1),
                np.where(r.random(total) < 0.6, 1, 2),
                0,
            ).astype(np.int8),
            "subject": r.choice([1, 2, 3, 4], size=total, p=[0.9, 0.07, 0.01, 0.02]).astype(
                np.int8
            ),
            "rate_u": r.random(total),
            "rate_v": r.random(total),
        }
    )
    frame = frame.with_columns(
        MaHoSo=pl.format(
            "{}.{}.{}",
            units["prefix"].gather(unit_of),
            pl.from_epoch("received", time_unit="s").dt.strftime("%y%m%d"),
            pl.col("seq").cast(pl.String).str.zfill(6),
        )
    )
    # Request times must not pass the period's end: later requests have not happened.
    for col in ("req1", "sup1", "req2", "sup2"):
        frame = frame.with_columns(
            pl.when(pl.col(col) <= period.end_ts).then(pl.col(col)).otherwise(-1).alias(col)
        )
    frame = frame.with_columns(
        due1=pl.when(pl.col("req1") >= 0).then(pl.col("due1")).otherwise(-1),
        due2=pl.when(pl.col("req2") >= 0).then(pl.col("due2")).otherwise(-1),
    )
    return frame


# -- from outcomes to the records a sync delivers ------------------------------------------

_EVENTS = ("end_ts", "close_ts", "returned_ts", "req1", "sup1", "req2", "sup2")


def _month_end_ts(ts: np.ndarray) -> np.ndarray:
    month = ts.astype("datetime64[s]").astype("datetime64[M]")
    return ((month + 1).astype("datetime64[D]").astype(np.int64)) * DAY - 1


def _month_label(ts: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(ts.astype("datetime64[s]").astype("datetime64[M]"))


def _at(col: str, t: pl.Expr) -> pl.Expr:
    """The timestamp in `col` if it had happened by t, else null."""
    return pl.when((pl.col(col) >= 0) & (pl.col(col) <= t)).then(pl.col(col))


def state_at(frame: pl.DataFrame, t: pl.Expr) -> pl.DataFrame:
    """Each dossier as the source system shows it at time t (epoch seconds)."""
    waiting = (_at("req1", t).is_not_null() & _at("sup1", t).is_null()) | (
        _at("req2", t).is_not_null() & _at("sup2", t).is_null()
    )
    done = _at("end_ts", t).is_not_null()
    gone = pl.col("closed") & _at("close_ts", t).is_not_null()
    status = (
        pl.when(pl.col("kind") == 2)
        .then(pl.col("base_status"))
        .when(done & _at("returned_ts", t).is_not_null())
        .then(10)
        .when(done)
        .then(9)
        .when(gone)
        .then(pl.col("closed_status"))
        .when(waiting)
        .then(5)
        .when(t - pl.col("received") < DAY)
        .then(2)
        .otherwise(4)
        .cast(pl.Int8)
    )
    return frame.with_columns(TrangThaiHoSo=status).with_columns(
        NgayKetThucXuLy=pl.when(pl.col("TrangThaiHoSo").is_in([9, 10])).then(pl.col("end_ts")),
        NgayTra=pl.when(pl.col("TrangThaiHoSo") == 10).then(pl.col("returned_ts")),
        NgayTuChoi=pl.when(pl.col("TrangThaiHoSo").is_in([7, 8]))
        .then(pl.col("close_ts"))
        .when(pl.col("TrangThaiHoSo") == 3)
        .then(pl.col("denied_ts")),
        s1_req=_at("req1", t),
        s1_sup=_at("sup1", t),
        s1_due=pl.when(_at("sup1", t).is_not_null()).then(pl.col("due1")),
        s2_req=_at("req2", t),
        s2_sup=_at("sup2", t),
        s2_due=pl.when(_at("sup2", t).is_not_null()).then(pl.col("due2")),
    )


def versions(frame: pl.DataFrame, period: Period) -> pl.DataFrame:
    """The sync records: each dossier at the end of its receipt month (the backlog: at the
    end of the day before the period), and again, as it finally stands, in the month of its
    last change when it changed after that."""
    received = frame["received"].to_numpy()
    first_t = np.where(
        frame["kind"].to_numpy() == 1,
        _ts(period.start, 0) - 1,
        np.minimum(_month_end_ts(received), period.end_ts),
    )
    events = np.column_stack([frame[c].to_numpy() for c in _EVENTS])
    events = np.where(events <= period.end_ts, events, -1)
    last = events.max(axis=1)
    changed = last > first_t
    first = state_at(frame.with_columns(_t=pl.Series(first_t)), pl.col("_t")).with_columns(
        month=pl.Series(_month_label(first_t)),
        _version=pl.lit(0, pl.Int8),
        _final=pl.Series(~changed),
    )
    later = frame.filter(pl.Series(changed))
    final = state_at(later, pl.lit(period.end_ts)).with_columns(
        month=pl.Series(_month_label(last[changed])),
        _version=pl.lit(1, pl.Int8),
        _final=pl.lit(True),
    )
    return pl.concat([first.drop("_t"), final], how="vertical")
