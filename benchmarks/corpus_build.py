"""The build of the shipped seeds plus the seven corpus documents, timed (issue #19's target:
under 15 s on the project's 2-core machine). A benchmark, not a test: it prints figures.

    .venv/bin/python benchmarks/corpus_build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from hrgraph.build import build
from hrgraph.sources import add

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        for path in sorted(CORPUS.glob("*.txt")):
            add(path, sources)
        seconds, stages = [], {}
        for i in range(runs):
            started = time.perf_counter()
            report = build(Path(tmp) / f"build-{i}", sources=[sources])
            seconds.append(time.perf_counter() - started)
            stages = report.seconds
        print(f"sources: {len(report.sources)} (3 shipped + {len(report.sources) - 3} corpus documents)")
        each = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"build: median {statistics.median(seconds):.2f} s of {runs} ({each})")
        print("last run by stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()))
        print(f"target ≤ 15 s: {'met' if statistics.median(seconds) <= 15 else 'MISSED'}")


if __name__ == "__main__":
    main()
