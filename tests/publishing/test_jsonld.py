"""JSON-LD: compacted with the published context, and the same graph as the other exports."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib

from hrgraph.iri import UNASSERTED_GRAPHS
from hrgraph.namespace import ONTOLOGY_DIR, PREFIXES
from hrgraph.publish.jsonld import CONTEXT_URL, context, context_document, write_jsonld
from hrgraph.store import GraphStore


@pytest.fixture(scope="module")
def asserted(store: GraphStore) -> list[str]:
    return [g for g in store.graphs() if g not in UNASSERTED_GRAPHS]


@pytest.fixture(scope="module")
def turtle(store: GraphStore, asserted: list[str]) -> bytes:
    out = io.BytesIO()
    store.serialize(out, "ttl", asserted)
    return out.getvalue()


@pytest.fixture(scope="module")
def jsonld_triples(store: GraphStore, asserted: list[str]) -> bytes:
    out = io.BytesIO()
    write_jsonld(store.sorted_quads(asserted), out, graphs=False)
    return out.getvalue()


@pytest.fixture(scope="module")
def jsonld_dataset(store: GraphStore) -> bytes:
    out = io.BytesIO()
    write_jsonld(store.sorted_quads(), out)
    return out.getvalue()


def test_published_context_file_is_current() -> None:
    assert (ONTOLOGY_DIR / "context.jsonld").read_bytes() == context_document()
    assert PREFIXES.items() <= context().items()
    assert CONTEXT_URL.endswith("context.jsonld")


def test_context_has_typed_terms_for_the_vocabulary() -> None:
    """If a property's range is a class, its term is coerced to IRIs; if ``xsd:date``, to dates
    (read from ontology/treaty_status.ttl and hrgraph.ttl: hrg:state → hrg:State, hrg:since →
    xsd:date); classes and plain-literal properties are bare terms."""
    ctx = context()
    assert ctx["state"] == {"@id": "hrg:state", "@type": "@id"}
    assert ctx["instrument"] == {"@id": "hrg:instrument", "@type": "@id"}
    assert ctx["since"] == {"@id": "hrg:since", "@type": "xsd:date"}
    assert ctx["date"] == {"@id": "hrg:date", "@type": "xsd:date"}
    assert ctx["State"] == "hrg:State" and ctx["Ratification"] == "hrg:Ratification"
    assert ctx["label"] == "rdfs:label"
    assert ctx["wasDerivedFrom"] == {"@id": "prov:wasDerivedFrom", "@type": "@id"}


def test_export_is_compacted_with_the_context(jsonld_triples: bytes) -> None:
    doc = json.loads(jsonld_triples)
    assert doc["@context"] == context()
    nodes = {n["@id"]: n for n in doc["@graph"]}
    pry = nodes["https://w3id.org/hrgraph/id/state/PRY"]
    assert pry["@type"] == "State"
    assert {"@language": "es", "@value": "Paraguay"} in pry["label"]
    assert [n["@id"] for n in doc["@graph"]] == sorted(n["@id"] for n in doc["@graph"])
    # the curated deposit date of PRY's ICCPR accession (data/reference, UNTC) and its actor
    accession = nodes["https://w3id.org/hrgraph/id/action/PRY/ICCPR/accession"]
    assert accession["@type"] == "Accession" and accession["depositDate"] == "1992-06-10"
    assert accession["actor"] == "https://w3id.org/hrgraph/id/state/PRY"


def _oxi_triples(data: bytes, fmt: pyoxigraph.RdfFormat) -> set[pyoxigraph.Triple]:
    return {q.triple for q in pyoxigraph.parse(data, format=fmt)}


def test_jsonld_round_trips_to_the_turtle_graph_with_pyoxigraph(turtle: bytes, jsonld_triples: bytes) -> None:
    from_ttl = _oxi_triples(turtle, pyoxigraph.RdfFormat.TURTLE)
    from_jsonld = _oxi_triples(jsonld_triples, pyoxigraph.RdfFormat.JSON_LD)
    assert len(from_ttl) > 10_000
    assert from_jsonld == from_ttl


def test_jsonld_round_trips_to_the_turtle_graph_with_rdflib(turtle: bytes, jsonld_triples: bytes) -> None:
    from_ttl = set(rdflib.Graph().parse(data=turtle, format="turtle"))
    from_jsonld = set(rdflib.Graph().parse(data=jsonld_triples, format="json-ld"))
    assert len(from_ttl) > 10_000
    assert from_jsonld == from_ttl


def test_dataset_jsonld_keeps_every_named_graph(store: GraphStore, jsonld_dataset: bytes) -> None:
    quads = set(pyoxigraph.parse(jsonld_dataset, format=pyoxigraph.RdfFormat.JSON_LD))
    assert quads == set(store.store)
    graphs = rdflib.Dataset().parse(data=jsonld_dataset, format="json-ld")
    names = {str(c.identifier) for c in graphs.contexts()} - {str(rdflib.graph.DATASET_DEFAULT_GRAPH_ID)}
    assert names == set(store.graphs())


def test_no_blank_nodes_anywhere(built: tuple[Path, object]) -> None:
    """hrgraph mints an IRI for everything; a blank node would make the exports unstable."""
    blank = [
        q
        for q in pyoxigraph.parse(path=str(built[0] / "hrgraph.nq"))
        if any(isinstance(t, pyoxigraph.BlankNode) for t in (q.subject, q.object, q.graph_name))
    ]
    assert blank == []
