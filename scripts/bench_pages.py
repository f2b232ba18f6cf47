"""Benchmark of the dashboard (issue #5): each page's render time on a published warehouse.

Every page is rendered in-process with Streamlit's AppTest (the same script run a browser
triggers, without the network), at its default view (the latest month, the whole country;
the ward page on the busiest ward). Two series per page:

- cold: the query layer's result cache emptied before each render (the first viewer after a
  new build, or a view nobody opened yet);
- warm: the cache kept (every later viewer of the same view).

It also times the overdue-dossier list query alone (cold) for the busiest ward.

    .venv/bin/python scripts/bench_pages.py --data-dir /path/to/data --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pages._registry import LEADERS, urls  # noqa: E402  (from this checkout, after the path)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def clear_caches() -> None:
    from warehouse import queries as q

    for value in vars(q).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


def busiest_ward() -> str:
    from warehouse import queries as q

    frame = q._frame(
        """select ward_code from marts.rpt_ward_daily group by ward_code
           order by sum(received) desc limit 1"""
    )
    return frame["ward_code"][0]


def page_times(
    page: str, runs: int, ward: str, field: str | None = None
) -> tuple[list[float], list[float]]:
    import datetime as dt

    from streamlit.testing.v1 import AppTest

    from haicap.accounts import Account

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    # A national leader who has signed in (the form's own cost is an argon2 check, once a
    # session; without an account every page would time the sign-in form).
    at.session_state["account"] = Account("bench.viewer", "leader", None, password_hash="")
    at.session_state["last_seen"] = dt.datetime.now()
    if field:  # as a permalink sets it; AppTest's page switch drops the URL: overview only
        at.query_params["field"] = field
    at.run()  # the first run goes through app.py's st.navigation
    if page != "overview":
        at.switch_page(next(p.script for p in LEADERS if p.url == page))
        at.run()
    if page == "ward":
        at.selectbox(key="ward").set_value(ward)
        at.run()
    if at.exception:
        raise SystemExit(f"{page}: {[e.value for e in at.exception]}")
    cold, warm = [], []
    for series, clear in ((cold, True), (warm, False)):
        for _ in range(runs):
            at.session_state["last_seen"] = dt.datetime.now()
            if clear:
                clear_caches()
            started = time.perf_counter()
            at.run()
            series.append(time.perf_counter() - started)
            if at.exception:  # a failing render is not a fast render
                raise SystemExit(f"{page}: {[e.value for e in at.exception]}")
            if [title.value for title in at.title] in ([], ["Hai Cấp"]):  # the sign-in form's
                raise SystemExit(f"{page}: the sign-in form, not the page (signed out?)")
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pages", default=",".join(urls(LEADERS)))
    parser.add_argument(
        "--field", help="a procedure field (TenLinhVuc) to filter by, e.g. 'Hộ tịch'"
    )
    args = parser.parse_args()
    os.environ["HAICAP_DATA_DIR"] = str(Path(args.data_dir).resolve())
    os.environ["HAICAP_WARM"] = "0"  # cold means cold: no background warm-up

    from warehouse import queries as q

    scope = q.Scope()
    dossiers = q._frame("select count(*) n from marts.fct_dossiers")["n"][0]
    ward = busiest_ward()
    print(
        f"published: {q._PUBLISHED.path_now()} ({dossiers:,} dossiers); busiest ward {ward}"
        + (f"; field {args.field}" if args.field else "")
    )
    print(f"{'page':<12} {'cold median':>12} {'cold p95':>10} {'warm median':>12} {'warm p95':>10}")
    for page in args.pages.split(","):
        cold, warm = page_times(page, args.runs, ward, args.field)
        print(
            f"{page:<12} {statistics.median(cold) * 1000:>10.0f} ms {p95(cold) * 1000:>7.0f} ms "
            f"{statistics.median(warm) * 1000:>10.0f} ms {p95(warm) * 1000:>7.0f} ms",
            flush=True,
        )
    overdue = []
    for _ in range(args.runs):
        clear_caches()
        q.build_info(scope)  # the as-of day, cached in real use
        started = time.perf_counter()
        rows = q.overdue_dossiers(scope, ward).height
        overdue.append(time.perf_counter() - started)
    print(
        f"overdue list query for ward {ward} ({rows} rows), cold: median "
        f"{statistics.median(overdue) * 1000:.0f} ms, p95 {p95(overdue) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
