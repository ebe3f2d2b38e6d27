"""Run every benchmark in this folder: ``python benchmarks/run.py [--quick]``.

Each ``bench_*.py`` here is a script that prints its own report; they run one
after another in fresh processes (so one's imports and caches do not flatter
the next), in name order. ``--quick`` sets ``PUBEXTRACT_BENCH_QUICK=1``, which
each benchmark reads to shrink its corpus for a smoke run. The exit status is
the number of benchmarks that failed.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[Path]:
    return sorted(HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmarks/bench_*.py.")
    parser.add_argument("--quick", action="store_true", help="small corpora, for a smoke run")
    args = parser.parse_args(argv)
    env = dict(os.environ, PUBEXTRACT_BENCH_QUICK="1" if args.quick else "0")
    failed = 0
    for script in benchmarks():
        print(f"== {script.name}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], env=env, check=False).returncode != 0
    return failed


if __name__ == "__main__":
    sys.exit(main())
