"""The validation fast path (ontology mixed into the owned graph, unsorted conversion) gives
the report pySHACL gives with ``ont_graph`` on a copy."""

from __future__ import annotations

import io

from pyoxigraph import NamedNode, Quad

from hrgraph.bench.generate import generate
from hrgraph.iri import ONTOLOGY_GRAPH
from hrgraph.namespace import RDF, hrg
from hrgraph.store import GraphStore
from hrgraph.validate import validate_graph, validate_store


def test_owned_graph_same_report_as_ont_graph_copy() -> None:
    """If a reservation names no State and an article no instrument, then both paths report
    the same (focus, path, component, severity) set, including the sh:class checks on subclasses."""
    out = io.BytesIO()
    generate(10_000, seed=3, out=out)
    store = GraphStore()
    store.load_bytes(out.getvalue(), "nq")
    g = NamedNode("https://w3id.org/hrgraph/graph/test-broken")
    store.add_quads([Quad(NamedNode("https://w3id.org/hrgraph/id/test/r"), RDF.type, hrg("Reservation"), g)])
    store.add_quads([Quad(NamedNode("https://w3id.org/hrgraph/id/test/a"), RDF.type, hrg("Article"), g)])
    fast = validate_store(store)
    graphs = [x for x in store.graphs() if x != ONTOLOGY_GRAPH]
    reference = validate_graph(store.to_rdflib(graphs), owned=False)
    assert not fast.conforms
    assert {(v.focus, v.path, v.component, v.severity) for v in fast.results} == {
        (v.focus, v.path, v.component, v.severity) for v in reference.results
    }
    assert len(fast.results) >= 3
