"""``python -m hrgraph.bench.incremental``: adding one State report to a built graph of N triples.

What ``hrgraph add FILE`` then ``hrgraph build`` does on an existing build, step by step, on the
synthetic graph of the benchmark (issue #22, item 2, at scale): load the previous build's
N-Quads (the reasoned synthetic graph, cached by the harness; read as the build reads them,
:func:`hrgraph.build_cache.loading_previous`) and, beside that load, extract the one new
document (Kazakhstan's CERD report, a shipped source), add its named graph, continue the
reasoning from the new triples (:func:`hrgraph.reason.reason_more`, given the conclusions the
previous build kept; in full where that is not exact), write N-Quads and Turtle and validate
(beside the Turtle, as the build does).
Each step is timed; the process's peak memory is printed. The previous build's conclusions are
computed first, as a full build computes them after its reasoning
(``previous_conclusions_s``: part of the previous build, not of this one, and not in
``total_s``; ``extract_s`` is part of the first step's time).

``--check`` also reasons the same asserted graphs in full and compares the two inferred graphs
(the oracle of "identical to a full rebuild"; it is not part of the timed work).

    python -m hrgraph.bench.incremental --triples 1000000 [--check] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode

from hrgraph.bench import harness
from hrgraph.build import BuildReport, extract_all, write_graphs
from hrgraph.build_cache import load_previous, loading_previous
from hrgraph.iri import INFERRED_GRAPH
from hrgraph.reason import load_rules, reason, reason_more
from hrgraph.reason.incremental import Conclusions
from hrgraph.sources import SOURCES_DIR, load_sources
from hrgraph.store import GraphStore
from hrgraph.validate import validate_store

DOCUMENT = "kaz-cerd-11-14"  # a shipped State report: the synthetic graph does not hold it


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m hrgraph.bench.incremental", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--document", default=DOCUMENT, help="key of the shipped source to add")
    p.add_argument("--check", action="store_true", help="compare with a full reasoning (not timed)")
    p.add_argument("--json", type=Path, help="write the figures here too")
    return p.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    opts = harness.Options(scales=(args.triples,), seed=args.seed, plain=False, seed_build=False)
    _, reasoned, meta = harness.prepare(args.triples, opts)
    source = next((m for m in load_sources(SOURCES_DIR) if m.key == args.document), None)
    if source is None:
        raise SystemExit(f"no shipped source {args.document!r}")
    steps: dict[str, float] = {}

    def step(name: str, started: float) -> None:
        steps[name] = round(time.perf_counter() - started, 3)

    previous = GraphStore()
    load_previous(previous, reasoned)
    conclusions = Conclusions.of(previous, load_rules())
    del previous
    started = time.perf_counter()
    store = GraphStore()
    with loading_previous(store, reasoned):  # as the build does: the extraction beside the load
        report = BuildReport(Path("."))
        writer = extract_all([source], report)[source.key]
        extract_s = round(time.perf_counter() - started, 3)  # a part of the next step's time
    step("load previous build, extract the document beside it", started)
    started = time.perf_counter()
    store.add_quads(writer.quads)
    step("add its graph", started)
    started = time.perf_counter()
    stats = reason_more(store, [source.graph], conclusions=conclusions)
    mode = "incremental"
    if stats is None:
        mode = "full (a rule with negation or aggregates withdrew a conclusion)"
        stats = reason(store)
    step("reason", started)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        # as the build does it: the validation beside the Turtle, in the export's child
        _, validation = write_graphs(store, Path(tmp), lambda: validate_store(store).summary())
        step("validate, export N-Quads and Turtle", started)
    assert validation is not None
    figures: dict[str, Any] = {
        "triples": meta["triples"],
        "document": source.key,
        "document_quads": len(writer.quads),
        "reasoning": mode,
        "inferred_added": sum(stats.get("added", {}).values()) + stats.get("compiled", {}).get("added", 0),
        "rules_checked": stats.get("checked", "all (full reasoning)"),
        "check_s": stats.get("check_seconds"),
        "previous_conclusions_s": round(conclusions.seconds, 3),
        "conforms": validation["conforms"],
        "steps_s": steps,
        "extract_s": extract_s,
        "total_s": round(sum(steps.values()), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.check:
        incremental = set(store.quads(INFERRED_GRAPH))
        store.store.remove_graph(NamedNode(INFERRED_GRAPH))
        reason(store)
        full = set(store.quads(INFERRED_GRAPH))
        figures["same_as_full_reasoning"] = incremental == full
        figures["differences"] = len(incremental ^ full)
    return figures


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    figures = run(args)
    for name, value in figures.items():
        if name == "steps_s":
            for step, seconds in value.items():
                print(f"  {step}: {seconds} s")
        else:
            print(f"{name}: {value}")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
