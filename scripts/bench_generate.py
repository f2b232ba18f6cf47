"""Benchmark of the demo world generator (issue #3): prints figures, asserts nothing.

    .venv/bin/python scripts/bench_generate.py                 # default world, then ingest it
    .venv/bin/python scripts/bench_generate.py --dossiers 10000000 --no-ingest
    .venv/bin/python scripts/bench_generate.py --dossiers 100000000 --provinces 79 --no-ingest

Each run is a fresh `haicap` process in a temporary folder; peak memory is the child's
maximum resident set size. Record the figures in docs/benchmarks.md ("Demo generator").
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HAICAP = str(Path(sys.executable).parent / "haicap")


def timed(args: list[str], env: dict) -> tuple[float, str]:
    started = time.time()
    done = subprocess.run([HAICAP, *args], capture_output=True, text=True, env=env)
    if done.returncode:
        sys.exit(done.stderr)
    return time.time() - started, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int)
    parser.add_argument("--provinces")
    parser.add_argument("--no-ingest", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="haicap-bench-"))
    env = dict(os.environ, HAICAP_DATA_DIR=str(root / "data"))
    world = []
    if options.dossiers:
        world += ["--dossiers", str(options.dossiers)]
    if options.provinces:
        world += ["--provinces", options.provinces]
    print(f"cores: {os.cpu_count()}, world: {' '.join(world) or 'default'}")
    seconds, summary = timed(["generate", "--out", str(root / "feeds"), *world], env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = sum(p.stat().st_size for p in (root / "feeds").iterdir()) / 1e9
    print(f"generate: {seconds:.1f} s, peak memory {peak:,.0f} MB, {size:.2f} GB of files")
    print(f"  {summary}")
    if not options.no_ingest:
        seconds, summary = timed(["ingest", str(root / "feeds")], env)
        print(f"ingest:   {seconds:.1f} s")
        print(f"  {summary}")
    if options.keep:
        print(f"kept {root}")
    else:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
