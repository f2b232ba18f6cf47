"""Attack a published public file as tests/attacker.py does (every identity, every bound,
linear programming) and print what it narrows: withheld cells pinned to one value, and cells
narrowed to fewer than the public threshold's number of values.

    .venv/bin/python scripts/disclosure_attack.py DATA/published/public.duckdb [--threshold 10]
    .venv/bin/python scripts/disclosure_attack.py --random 150   # random shapes of
        tests/test_public_cells.py through the rules, then attacked: how many expose a cell

Figures go to docs/benchmarks.md ("Disclosure attack"), not into code.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.attacker import exposed, intervals, published_cells  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("public_db", type=Path, nargs="?")
    parser.add_argument("--threshold", type=int, default=10)
    parser.add_argument("--random", type=int, default=0, help="attack N random shapes instead")
    args = parser.parse_args()
    started = time.time()
    if args.random:
        return random_shapes(args.random, args.threshold, started)
    cells = published_cells(args.public_db)
    counts = cells.filter(~cells["measure"].is_in(["on_time_rate", "online_share"]))
    withheld = counts["value"].null_count()
    found = intervals(cells, args.threshold)
    pinned, narrow = exposed(found, 1), exposed(found, args.threshold)
    print(f"public file: {args.public_db}")
    print(f"count cells: {counts.height:,}, withheld: {withheld:,}")
    print(f"withheld cells pinned to one value (not 0): {len(pinned):,}")
    print(f"withheld cells narrowed to fewer than {args.threshold} values: {len(narrow):,}")
    for exposure in pinned[:10]:
        print(f"  pinned: {exposure}")
    print(f"attack took {time.time() - started:.1f} s")
    return 0


def random_shapes(examples: int, threshold: int, started: float) -> int:
    from hypothesis import HealthCheck, Phase, given, settings

    from tests.test_public_cells import countries, published, withhold

    seen = {"shapes": 0, "pinned": 0, "narrow": 0}

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(countries())
    def one(monthly):
        found = intervals(published(withhold(monthly)), threshold)
        seen["shapes"] += 1
        seen["pinned"] += bool(exposed(found, 1))
        seen["narrow"] += bool(exposed(found, threshold))

    one()
    print(f"random shapes attacked: {seen['shapes']}")
    print(f"shapes with a withheld cell pinned to one value (not 0): {seen['pinned']}")
    narrow = seen["narrow"]
    print(f"shapes with a withheld cell narrowed to fewer than {threshold} values: {narrow}")
    print(f"attack took {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
