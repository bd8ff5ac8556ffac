"""Adding one corpus document to the built seed graph: a full build against an incremental one
(issue #22, item 2). A benchmark, not a test: it prints figures.

    .venv/bin/python benchmarks/incremental_build.py [--runs 3] [--document NAME]
"""

from __future__ import annotations

import argparse
import shutil
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
    parser.add_argument("--document", default="concluding-observations_NAM_en.txt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sources = root / "sources"
        add(CORPUS / args.document, sources)
        seed = root / "seed"
        build(seed)  # the seed graph, built once
        full, incremental = [], []
        for i in range(args.runs):
            started = time.perf_counter()
            build(root / f"full-{i}", sources=[sources], full=True)
            full.append(time.perf_counter() - started)
            out = root / f"incremental-{i}"
            shutil.copytree(seed, out)
            started = time.perf_counter()
            report = build(out, sources=[sources])
            incremental.append(time.perf_counter() - started)
        print(f"document: {args.document} added to the seed build ({len(report.sources)} sources in all)")
        for name, seconds in (("full", full), ("incremental", incremental)):
            each = ", ".join(f"{s:.2f}" for s in seconds)
            print(f"{name} build: median {statistics.median(seconds):.2f} s of {args.runs} ({each})")
        print(
            "last incremental run by stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in report.seconds.items())
        )
        print(f"incremental: {report.plan.mode}; reasoning {report.plan.reasoning}")


if __name__ == "__main__":
    main()
