"""Exports of the last build: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

Deterministic (quads sorted before serialising, no blank nodes minted by hrgraph) and atomic
(a temporary file renamed into place).
"""

from __future__ import annotations

import sys
from pathlib import Path

from hrgraph.errors import UsageError
from hrgraph.store import FORMATS, GraphStore, atomic_write

EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "rdfxml")


def export(store: GraphStore, fmt: str, out: Path | None, graph: str | None = None) -> None:
    """Write the store (or one named graph) in ``fmt`` to ``out`` (stdout if None)."""
    if fmt not in EXPORT_FORMATS or fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    graphs = None
    if graph is not None:
        if graph not in store.graphs():
            raise UsageError(f"no named graph {graph!r} in the build (see 'hrgraph build' summary)")
        graphs = [graph]
    if out is None:
        store.serialize(sys.stdout.buffer, fmt, graphs)
        return
    with atomic_write(out) as handle:
        store.serialize(handle, fmt, graphs)
