"""Attack a published public file as tests/attacker.py does (every identity, every bound,
linear programming) and print what it narrows: withheld cells pinned to one value, and cells
narrowed to fewer than the public threshold's number of values.

    .venv/bin/python scripts/disclosure_attack.py DATA/published/public.duckdb [--threshold 10]

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
    parser.add_argument("public_db", type=Path)
    parser.add_argument("--threshold", type=int, default=10)
    args = parser.parse_args()
    started = time.time()
    cells = published_cells(args.public_db)
    counts = cells.filter(~cells["measure"].is_in(["on_time_rate", "online_share"]))
    withheld = counts["value"].null_count()
    found = intervals(cells)
    pinned, narrow = exposed(found, 1), exposed(found, args.threshold)
    print(f"public file: {args.public_db}")
    print(f"count cells: {counts.height:,}, withheld: {withheld:,}")
    print(f"withheld cells pinned to one value (not 0): {len(pinned):,}")
    print(f"withheld cells narrowed to fewer than {args.threshold} values: {len(narrow):,}")
    for exposure in pinned[:10]:
        print(f"  pinned: {exposure}")
    print(f"attack took {time.time() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
