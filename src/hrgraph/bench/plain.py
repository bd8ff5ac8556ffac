"""The plain design stack, for the side-by-side figures: rdflib, owlrl, pySHACL.

The same stages as the fast path, on an rdflib ``Dataset``: parse and serialise with rdflib;
reason with owlrl's OWL 2 RL closure followed by hrgraph's domain rules run as rdflib SPARQL
``CONSTRUCT`` queries to a fixpoint; validate with pySHACL on an rdflib graph (the same call
:mod:`hrgraph.validate` makes); answer the catalogue and ``obligations`` with rdflib SPARQL.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import rdflib
from pyoxigraph import Literal, NamedNode

from hrgraph.bench.memory import mark_input
from hrgraph.iri import INFERRED_GRAPH, ONTOLOGY_GRAPH
from hrgraph.reason import load_rules

STATE = "PRY"
REPEAT = 3


def dataset(path: Path) -> rdflib.Dataset:
    ds = rdflib.Dataset(default_union=True)
    ds.parse(path, format="nquads")
    return ds


def union(ds: rdflib.Dataset, skip: tuple[str, ...] = ()) -> rdflib.Graph:
    """One rdflib graph holding the triples of every named graph but ``skip``."""
    g = rdflib.Graph()
    for ctx in ds.graphs():
        if str(ctx.identifier) not in skip:
            for triple in ctx:
                g.add(triple)
    return g


def to_rdflib(term: NamedNode | Literal) -> rdflib.term.Identifier:
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


class Value:
    """An rdflib term seen the way :mod:`hrgraph.obligations` reads pyoxigraph terms."""

    def __init__(self, term: rdflib.term.Identifier) -> None:
        self.value = str(term)


class Row:
    def __init__(self, row: Any) -> None:
        self.row = row

    def __getitem__(self, name: str) -> Value | None:
        term = self.row[name]
        return None if term is None else Value(term)


class RdflibStore:
    """Just enough of ``GraphStore`` for :func:`hrgraph.obligations.obligations`."""

    def __init__(self, ds: rdflib.Dataset) -> None:
        self.ds = ds

    def select(self, sparql: str, bindings: Mapping[str, NamedNode | Literal] | None = None) -> list[Row]:
        init = {k: to_rdflib(v) for k, v in (bindings or {}).items()}
        return [Row(r) for r in self.ds.query(sparql, initBindings=init)]


def reason(g: rdflib.Graph, failed: dict[str, str]) -> int:
    """owlrl's OWL 2 RL closure, then the domain rules to a fixpoint; returns triples added.

    A rule rdflib cannot evaluate is recorded in ``failed`` (rule name → error) and skipped.
    """
    import owlrl

    before = len(g)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    rules = load_rules(groups=("domain",))
    while True:
        size = len(g)
        for rule in rules:
            if rule.name in failed:
                continue
            try:
                triples = list(g.query(rule.sparql))
            except Exception as err:  # rdflib's own errors (e.g. MIN over unbound values)
                failed[rule.name] = f"{type(err).__name__}: {err}"
                continue
            for triple in triples:
                g.add(triple)  # type: ignore[arg-type]
        if len(g) == size:
            return len(g) - before


def timed(fn: Any) -> float:
    mark_input()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def queries(ds: rdflib.Dataset) -> dict[str, Any]:
    from hrgraph.query import catalogue

    out: dict[str, Any] = {}
    mark_input()
    for q in catalogue():  # the defaults are the file's own VALUES block
        times, rows = [], 0
        for _ in range(REPEAT):
            started = time.perf_counter()
            rows = len(list(ds.query(q.sparql)))
            times.append(time.perf_counter() - started)
        out[q.name] = {"median": statistics.median(times), "rows": rows}
    return out


def run(stage: str, data: Path, reasoned: Path) -> dict[str, Any]:
    if stage == "load":
        return {"seconds": timed(lambda: dataset(data))}
    if stage == "reason":
        g = union(dataset(data))
        holder: dict[str, int] = {}
        failed: dict[str, str] = {}
        seconds = timed(lambda: holder.update(added=reason(g, failed)))
        return {"seconds": seconds, "inferred": holder["added"], "rules_rdflib_failed": failed}
    ds = dataset(reasoned)
    if stage == "validate":
        from hrgraph.validate import validate_graph

        g = union(ds, skip=(ONTOLOGY_GRAPH,))
        box: dict[str, Any] = {}
        seconds = timed(lambda: box.update(report=validate_graph(g)))
        return {"seconds": seconds, "conforms": box["report"].conforms, "results": len(box["report"].results)}
    if stage == "export-nq":
        return {"seconds": timed(lambda: _write(ds, "nquads"))}
    if stage == "export-ttl":
        asserted = union(ds, skip=(ONTOLOGY_GRAPH, INFERRED_GRAPH))
        return {"seconds": timed(lambda: _write(asserted, "turtle"))}
    if stage == "queries":
        per = queries(ds)
        return {"seconds": sum(v["median"] for v in per.values()), "queries": per}
    if stage == "obligations":
        from hrgraph.obligations import obligations

        store = RdflibStore(ds)
        times = [timed(lambda: obligations(store, STATE)) for _ in range(REPEAT)]  # type: ignore[arg-type]
        return {"seconds": statistics.median(times)}
    raise ValueError(f"unknown stage {stage!r}")


def _write(graph: rdflib.Graph, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        graph.serialize(destination=str(Path(tmp) / "out"), format=fmt)
