"""One benchmark stage, run inside its own process (``python -m hrgraph.bench stage …``).

Each stage has two implementations: ``fast`` (hrgraph's own modules: pyoxigraph store, rule
reasoner, :mod:`hrgraph.validate`, the store's serialiser, :mod:`hrgraph.obligations`) and
``plain`` (the plain design stack: rdflib parse and serialise, owlrl's OWL 2 RL closure and the
domain rules in rdflib SPARQL, pySHACL on an rdflib graph, rdflib SPARQL). A stage first sets up
its input (untimed: loading the graph it works on), then times only its own work; the harness
reads the process's peak memory (``ru_maxrss``), which includes that input.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode

from hrgraph.bench import plain
from hrgraph.bench.memory import children_mb, figures, hwm_mb, mark_input
from hrgraph.iri import UNASSERTED_GRAPHS
from hrgraph.query import catalogue
from hrgraph.reason import load_rules, reason
from hrgraph.store import GraphStore, atomic_write

STATE = "PRY"
REPEAT = 5  # repetitions of each catalogue query / obligations call inside one process

Result = dict[str, Any]


def timed(fn: Callable[[], object]) -> float:
    mark_input()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def rules_with(overrides: Path | None) -> list[Any]:
    """The project's rules, with same-named files of ``overrides/GROUP/`` in their place."""
    rules = load_rules()
    if overrides is None:
        return rules
    out = []
    for rule in rules:
        path = overrides / rule.group / f"{rule.name}.rq"
        out.append(
            rule
            if not path.is_file()
            else rule.__class__(rule.name, rule.group, rule.title, path.read_text())
        )
    return out


def reason_store(store: GraphStore, overrides: Path | None) -> dict[str, Any]:
    if overrides is None:
        return reason(store)
    import hrgraph.reason as r

    original = r.load_rules
    r.load_rules = lambda directory=r.RULES_DIR, groups=("owl-rl", "domain"): rules_with(overrides)
    try:
        return reason(store)
    finally:
        r.load_rules = original


def fast_store(path: Path) -> GraphStore:
    store = GraphStore()
    store.load_file(path, "nq")
    return store


def export(store: GraphStore, fmt: str) -> None:
    """One of ``build.write_outputs``'s files alone: N-Quads of every graph, or Turtle of the
    asserted graphs (the build writes both from one dump: :func:`export_both`)."""
    graphs = None
    if fmt == "ttl":
        graphs = [g for g in store.graphs() if g not in UNASSERTED_GRAPHS]
    with tempfile.TemporaryDirectory() as tmp, atomic_write(Path(tmp) / f"out.{fmt}") as out:
        store.serialize(out, fmt, graphs)


def export_both(store: GraphStore, validate: bool = False, fork: bool | None = None) -> None:
    """``hrgraph.nq`` and ``hrgraph.ttl`` as the build writes them (``build.write_graphs``);
    with ``validate``, the store validated as the build does it, beside the Turtle."""
    from hrgraph.build import write_graphs
    from hrgraph.validate import validate_store

    with tempfile.TemporaryDirectory() as tmp:
        write_graphs(store, Path(tmp), (lambda: validate_store(store).summary()) if validate else None, fork)


def query_medians(run: Callable[[str, Mapping[str, NamedNode | Literal]], int]) -> dict[str, Any]:
    """Median seconds (and rows) of each catalogue query with its default parameters (the file's
    own VALUES block, as pasted)."""
    out: dict[str, Any] = {}
    mark_input()
    for q in catalogue():
        times, rows = [], 0
        for _ in range(REPEAT):
            started = time.perf_counter()
            rows = run(q.sparql, {})
            times.append(time.perf_counter() - started)
        out[q.name] = {"median": statistics.median(times), "rows": rows}
    return out


def fast(stage: str, data: Path, reasoned: Path, overrides: Path | None) -> Result:
    from hrgraph.obligations import obligations
    from hrgraph.validate import validate_store

    if stage == "load":
        store = GraphStore()
        seconds = timed(lambda: store.load_file(data, "nq"))
        return {"seconds": seconds, "quads": len(store)}
    if stage == "reason":
        store = fast_store(data)
        mark_input()
        started = time.perf_counter()
        stats = reason_store(store, overrides)
        return {
            "seconds": time.perf_counter() - started,
            "inferred": stats["triples"],
            "rule_runs": stats["runs"],
            "rule_seconds": stats["rule_seconds"],
            "rule_added": stats["added"],
        }
    if stage == "pipeline":
        return fast_pipeline(data, overrides)
    store = fast_store(reasoned)
    if stage == "validate":
        holder: dict[str, Any] = {}
        seconds = timed(lambda: holder.update(report=validate_store(store)))
        return {
            "seconds": seconds,
            "conforms": holder["report"].conforms,
            "results": len(holder["report"].results),
        }
    if stage in ("export-ttl", "export-nq"):
        return {"seconds": timed(lambda: export(store, stage.split("-")[1]))}
    if stage == "queries":

        def run(sparql: str, params: Mapping[str, NamedNode | Literal]) -> int:
            result = store.query(sparql, params)
            return 1 if isinstance(result, bool) else len(list(result))

        per = query_medians(run)
        return {"seconds": sum(v["median"] for v in per.values()), "queries": per}
    if stage == "obligations":
        times = []
        mark_input()
        for _ in range(REPEAT):
            started = time.perf_counter()
            answer = obligations(store, STATE)
            times.append(time.perf_counter() - started)
        return {
            "seconds": statistics.median(times),
            "instruments": len(answer.instruments),
            "obligations": len(answer.obligations),
        }
    raise ValueError(f"unknown stage {stage!r}")


def fast_pipeline(data: Path, overrides: Path | None) -> Result:
    """Load, reason, validate, export N-Quads and Turtle: the build after extraction, as
    ``hrgraph.build`` does it (the validation beside the Turtle, in the export's child, where
    the store is large enough: one part; else before the export)."""
    from hrgraph.validate import validate_store

    parts: dict[str, float] = {}
    parts_mb: dict[str, float] = {}  # the process's peak after each part
    started = time.perf_counter()
    store = GraphStore()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("load", lambda: store.load_file(data, "nq")),
        ("reason", lambda: reason_store(store, overrides)),
    ]
    for name, step in steps:
        parts[name] = timed(step)
        parts_mb[name] = hwm_mb()
    if store.forks():
        parts["validate and export"] = timed(lambda: export_both(store, validate=True, fork=True))
    else:
        parts["validate"] = timed(lambda: validate_store(store))
        parts["export"] = timed(lambda: export_both(store, fork=False))
    parts_mb["export"] = hwm_mb()
    parts_mb["export child"] = children_mb()  # the Turtle and the validation, beside the N-Quads
    return {"seconds": time.perf_counter() - started, "parts": parts, "parts_peak_mb": parts_mb}


def run_stage(stack: str, stage: str, data: Path, reasoned: Path, overrides: Path | None) -> Result:
    """The stage's figures, with its memory as the child saw it (:mod:`hrgraph.bench.memory`)."""
    result = fast(stage, data, reasoned, overrides) if stack == "fast" else plain.run(stage, data, reasoned)
    return result | {"memory": figures()}
