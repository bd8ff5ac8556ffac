"""Exports of the last build: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

Deterministic (quads sorted before serialising, no blank nodes minted by hrgraph) and atomic
(a temporary file renamed into place).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from hrgraph.errors import UsageError
from hrgraph.publish.jsonld import write_jsonld
from hrgraph.publish.void import COUNTS_GRAPH, write_counts
from hrgraph.store import FORMATS, GraphStore, atomic_write

EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "rdfxml")


def export(
    store: GraphStore, fmt: str, out: Path | None, graph: str | None = None, materialise: bool = False
) -> None:
    """Write the store (or one named graph) in ``fmt`` to ``out`` (stdout if None).

    ``materialise``: first add to the inferred graph what the reasoner leaves to query time
    (``ontology/rules/query-time/``: ``hrg:obligationOf`` of every State bound by an article), for
    a store that should hold the whole relation without running hrgraph's queries.
    """
    if fmt not in EXPORT_FORMATS or fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    if materialise:
        from hrgraph.reason import materialise as add_query_time_relations

        add_query_time_relations(store)
        if COUNTS_GRAPH in store.graphs():  # the build's counts, of the inferred graph too
            write_counts(store)
    graphs = None
    if graph is not None:
        if graph not in store.graphs():
            raise UsageError(f"no named graph {graph!r} in the build (see 'hrgraph build' summary)")
        graphs = [graph]
    if out is None:
        _write(store, sys.stdout.buffer, fmt, graphs)
        return
    with atomic_write(out) as handle:
        _write(store, handle, fmt, graphs)


def _write(store: GraphStore, out: IO[bytes], fmt: str, graphs: list[str] | None) -> None:
    """JSON-LD compacted with the published context (:mod:`hrgraph.publish.jsonld`); the rest by the store."""
    if fmt == "jsonld":
        write_jsonld(store.sorted_quads(graphs), out)
    else:
        store.serialize(out, fmt, graphs)
