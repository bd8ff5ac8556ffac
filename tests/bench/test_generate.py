"""The synthetic benchmark graph: deterministic, sized as asked, shaped like hrgraph's, valid."""

from __future__ import annotations

import io

import pytest

from hrgraph.bench.generate import Report, generate
from hrgraph.iri import ONTOLOGY_GRAPH
from hrgraph.store import GraphStore
from hrgraph.validate import validate_graph

TRIPLES = 20_000  # big enough for every kind of resource (10k held no concluding observations once CAT and CAT-OP joined the reference table)


@pytest.fixture(scope="module")
def generated() -> tuple[bytes, Report]:
    out = io.BytesIO()
    report = generate(TRIPLES, seed=7, out=out)
    return out.getvalue(), report


@pytest.fixture(scope="module")
def store(generated: tuple[bytes, Report]) -> GraphStore:
    s = GraphStore()
    s.load_bytes(generated[0], "nq")
    return s


def test_same_seed_same_bytes(generated: tuple[bytes, Report]) -> None:
    """If the generator runs twice with one seed, then it writes the same bytes."""
    again = io.BytesIO()
    generate(TRIPLES, seed=7, out=again)
    assert again.getvalue() == generated[0]


def test_other_seed_other_graph(generated: tuple[bytes, Report]) -> None:
    assert generate(TRIPLES, seed=8, out=io.BytesIO()).sha256 != generated[1].sha256


def test_size_as_asked(generated: tuple[bytes, Report], store: GraphStore) -> None:
    """The count the generator reports is the store's (no duplicate triples) and near the size asked."""
    assert len(store) == generated[1].triples
    assert abs(generated[1].triples - TRIPLES) <= 500


@pytest.mark.parametrize(
    "cls",
    [
        "State", "Article", "GeneralComment", "Obligation", "Signature", "Ratification", "Accession",
        "Reservation", "UPRReview", "UPRRecommendation", "ConcludingObservations", "StateReport",
        "Paragraph", "ApprovalLaw", "Passage", "SourceDocument",
    ],
)  # fmt: skip
def test_has_class(store: GraphStore, cls: str) -> None:
    q = f"ASK {{ GRAPH ?g {{ ?x a <https://w3id.org/hrgraph/ontology#{cls}> }} }}"
    assert store.ask(q)


def test_follow_up_chain(store: GraphStore) -> None:
    """State-report paragraphs answer recommendations addressed to their State."""
    q = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
    ASK { ?p hrg:respondsTo ?r . ?p hrg:paragraphOf ?report . ?report hrg:submittedBy ?s .
          ?r a hrg:UPRRecommendation ; hrg:addressedTo ?s }"""
    assert store.ask(q)


def test_conforms_to_shapes(store: GraphStore) -> None:
    """The asserted synthetic graph passes every shape of ontology/shapes/."""
    graphs = [g for g in store.graphs() if g != ONTOLOGY_GRAPH]
    report = validate_graph(store.to_rdflib(graphs))
    assert report.conforms, report.summary(5)
