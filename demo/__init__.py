"""The demo world generator: `haicap generate` and the first step of `haicap demo`.

`generate` writes all seven feeds of `shared/contracts/feeds.md` for the chosen provinces
(default: all 34) into a folder, in the formats real provinces hand over, so the demo goes
through the same `haicap ingest` path as real data. Each province is generated from its own
random streams (seed, province code): a `--provinces` run writes exactly the rows of the
full run for those provinces. Modules:

- `world`: provinces, wards, agencies, sizes and profiles (urban, rural, highland);
- `calendar`: working days and Vietnam's public holidays;
- `catalogue`: the procedure catalogue and the agencies feed;
- `staffing`, `assets`: the XLSX snapshots;
- `dossiers`: dossiers, their outcomes and the sync records (vectorised, in parts);
- `writers`: the file formats.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import polars as pl

from demo.assets import assets_frame
from demo.calendar import build_calendar
from demo.catalogue import (
    PROCEDURE_COLUMNS,
    agencies_frame,
    national_pool,
    province_catalogue,
)
from demo.dossiers import Period, generate_part, parts, units_table, versions
from demo.staffing import BASELINE, staffing_frames
from demo.world import build_world, monthly_volume
from demo.world import provinces as province_names
from demo.writers import (
    CSV_COLUMNS,
    CSV_DATE,
    PORTAL_DATE,
    dossier_fields,
    envelope_records,
    supplements_rows,
    write_dossiers_csv,
    write_dossiers_envelope,
    write_ratings,
    write_xlsx,
)

__all__ = ["generate", "JSON_PROVINCES"]

# Provinces whose system exports the portal's envelope JSON; the others export CSV.
JSON_PROVINCES = ("11", "12", "46")
# Provinces are independent: two worker processes generate them side by side.
WORKERS = 2
# The files a run wrote, so that the next run into the same folder replaces them (and touches
# nothing else: real feeds may sit beside them). Dot files are not loaded by the ingest.
MANIFEST = ".haicap-demo-files"


def _snapshot_dates(start: dt.date, end: dt.date) -> list[str]:
    """First days of the months after the start, up to the end; the baseline at least."""
    dates, month = [], dt.date(start.year, start.month, 1)
    while month <= end:
        if month > start or month == dt.date.fromisoformat(BASELINE):
            dates.append(month.isoformat())
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return (
        sorted(set(dates) | {BASELINE})
        if end.isoformat() >= BASELINE
        else dates or [end.isoformat()]
    )


def national_volume(seed: int, period: Period, cal) -> int:
    """Dossiers the full country makes at the calibrated (default) volume."""
    total = 0
    for code in province_names():
        units = units_table(build_world(code, seed), cal, period, 1.0)
        total += int(units["n"].sum() + units["backlog"].sum())
    return total


def generate(
    out: Path,
    dossiers: int | None = None,
    provinces: list[str] | None = None,
    seed: int = 2025,
    start: str = "2025-07-01",
    end: str = "2025-10-31",
    report: Callable[[str, float], None] | None = None,
) -> str:
    """Write the demo feeds into `out`; returns a one-line summary."""
    report = report or (lambda label, percent: None)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    if manifest.exists():
        for name in manifest.read_text(encoding="utf-8").split():
            (out / Path(name).name).unlink(missing_ok=True)
        manifest.unlink()
    before = {p.name for p in out.iterdir()}
    all_codes = list(province_names())
    codes = sorted(provinces) if provinces else all_codes
    unknown = [c for c in codes if c not in all_codes]
    if unknown:
        raise ValueError(
            f"not province codes: {', '.join(unknown)} (the 34 codes are {', '.join(all_codes)})"
        )
    start_d, end_d = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if end_d < start_d:
        raise ValueError(f"--end {end} is before --start {start}")
    cal = build_calendar()
    period = Period(cal.offset(start), cal.offset(end))
    scale = 1.0
    if dossiers is not None:
        scale = dossiers / national_volume(seed, period, cal)
    # Biggest provinces first, so that parallel workers finish together.
    codes = sorted(codes, key=lambda c: -monthly_volume(c))
    weights = {c: monthly_volume(c) for c in codes}
    total_weight, done_weight = sum(weights.values()), 0.0
    made = files = wards = 0
    jobs = [(code, out, seed, scale, start, end) for code in codes]
    # Starting workers costs a second or two: not worth it for one or two provinces.
    workers = min(WORKERS, os.cpu_count() or 1) if len(codes) > 2 else 1
    report("generating", 0.0)
    if workers < 2:
        results = map(_province, jobs)
    else:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        results = pool.map(_province, jobs)
    try:
        for code, (made_p, files_p, wards_p) in zip(codes, results, strict=True):
            made, files, wards = made + made_p, files + files_p, wards + wards_p
            done_weight += weights[code]
            report(f"generating: province {code} done", 100 * done_weight / total_weight)
    finally:
        if workers >= 2:
            pool.shutdown(cancel_futures=True)
        written = sorted(p.name for p in out.iterdir() if p.name not in before)
        manifest.write_text("".join(name + "\n" for name in written), encoding="utf-8")
    return (
        f"{made:,} dossiers, {len(codes)} province{'s' * (len(codes) != 1)}, "
        f"{wards:,} wards, {files:,} files "
        f"({start} to {end}, seed {seed})"
    )


def _province(job: tuple) -> tuple[int, int, int]:
    """Every file of one province: (dossiers, files, wards). Runs in a worker process."""
    code, out, seed, scale, start, end = job
    cal = build_calendar()
    period = Period(cal.offset(start), cal.offset(end))
    start_d, end_d = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    world = build_world(code, seed)
    catalogue = province_catalogue(national_pool(seed), world, seed)
    catalogue.select(PROCEDURE_COLUMNS).write_csv(out / f"procedures_{code}.csv")
    agencies_frame(world).write_csv(out / f"agencies_{code}.csv")
    files = 2
    staff, gaps = staffing_frames(world, seed, _snapshot_dates(start_d, end_d))
    for day, snapshot in staff.group_by("NgayBaoCao", maintain_order=True):
        write_xlsx(
            snapshot.with_columns(pl.col("NgayBaoCao").str.to_date()),
            out / f"staffing_{code}_{day[0]}.xlsx",
            date_columns=("NgayBaoCao",),
        )
        files += 1
    write_xlsx(
        assets_frame(world, seed, end_d),
        out / f"assets_{code}_{end}.xlsx",
        date_columns=("NgayBaoCao", "BoTrongTu"),
    )
    files += 1
    units = units_table(world, cal, period, scale)
    made = 0
    for p, group in enumerate(parts(units), start=1):
        made_part, written = _write_part(
            out,
            code,
            p,
            world,
            group,
            catalogue,
            cal,
            period,
            gaps,
            seed,
            code in JSON_PROVINCES,
        )
        made += made_part
        files += written
    return made, files, len(world.wards)


def _write_part(
    out, code, p, world, group, catalogue, cal, period, gaps, seed, as_json
) -> tuple[int, int]:
    outcomes = generate_part(world, group, catalogue, cal, period, gaps, seed, p)
    records = versions(outcomes, period)
    fmt = PORTAL_DATE if as_json else CSV_DATE
    rows = dossier_fields(records, catalogue, fmt, with_agency=as_json)
    final = rows.filter(pl.col("_final"))
    files = 0
    if as_json:
        for (month,), chunk in (
            envelope_records(rows).partition_by("month", as_dict=True, maintain_order=True).items()
        ):
            stem = f"dossiers_{code}_{month}_p{p:02d}"
            files += len(
                write_dossiers_envelope(
                    chunk["j"], lambda b, stem=stem: out / f"{stem}_{b:03d}.json"
                )
            )
    else:
        for (month,), chunk in (
            rows.select(*CSV_COLUMNS, "month")
            .partition_by("month", as_dict=True, maintain_order=True)
            .items()
        ):
            write_dossiers_csv(chunk, out / f"dossiers_{code}_{month}_p{p:02d}.csv")
            files += 1
    if not as_json:
        sup = supplements_rows(final)
        if sup.height:
            sup.write_csv(out / f"supplements_{code}_p{p:02d}.csv", separator=";")
            files += 1
    if write_ratings(
        final,
        out / f"ratings_{code}_p{p:02d}.jsonl",
        as_codes=int(code) % 2 == 0,
        end_ts=period.end_ts,
    ):
        files += 1
    return outcomes.height, files
