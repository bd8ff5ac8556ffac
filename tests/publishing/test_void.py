"""The VoID/DCAT description (build/void.ttl) against the store it describes."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode

from hrgraph.build import BuildReport
from hrgraph.iri import COUNTS_GRAPH, INFERRED_GRAPH
from hrgraph.namespace import DCAT, DCT, RDF, VOID, XSD, hrg
from hrgraph.publish.export import export
from hrgraph.publish.void import DATASET, DEFAULT_ENDPOINT, LICENCE, changelog_date, write_counts
from hrgraph.sources import load_sources
from hrgraph.store import GraphStore

REFERENCE = "https://w3id.org/hrgraph/graph/reference"


@pytest.fixture(scope="module")
def void(built: tuple[Path, BuildReport]) -> pyoxigraph.Store:
    s = pyoxigraph.Store()
    s.load(path=str(built[0] / "void.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return s


def text(term: object) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else str(term)


def one(void: pyoxigraph.Store, s: str, p: NamedNode) -> str:
    values = [text(q.object) for q in void.quads_for_pattern(NamedNode(s), p, None)]
    assert len(values) == 1, f"{s} {p}: {values}"
    return values[0]


def test_each_named_graph_is_a_subset_with_its_size(void: pyoxigraph.Store, store: GraphStore) -> None:
    subsets = {text(q.object) for q in void.quads_for_pattern(NamedNode(DATASET), VOID.subset, None)}
    assert subsets == set(store.graphs())
    for graph in store.graphs():
        assert int(one(void, graph, VOID.triples)) == store.graph_size(graph), graph


def test_dataset_triples_are_the_distinct_triples_of_the_union(
    void: pyoxigraph.Store, store: GraphStore
) -> None:
    out = io.BytesIO()
    store.serialize(out, "nt")  # every graph merged into one: each distinct triple once
    lines = [line for line in out.getvalue().split(b"\n") if line]
    assert int(one(void, DATASET, VOID.triples)) == len(lines)


def test_class_partition_counts_the_states(void: pyoxigraph.Store) -> None:
    """193 UN member States and 2 observer States (the Holy See, Palestine) are in the reference graph."""
    rows = void.query(
        "PREFIX void: <http://rdfs.org/ns/void#> SELECT ?n WHERE { "
        f"<{REFERENCE}> void:classPartition ?part . ?part void:class <{hrg('State').value}> ; void:entities ?n }}"
    )
    assert isinstance(rows, pyoxigraph.QuerySolutions)
    assert [int(text(r["n"])) for r in rows] == [195]


def test_property_partitions_add_up_to_each_graph(void: pyoxigraph.Store, store: GraphStore) -> None:
    for graph in store.graphs():
        parts = [q.object for q in void.quads_for_pattern(NamedNode(graph), VOID.propertyPartition, None)]
        total = sum(int(one(void, p.value, VOID.triples)) for p in parts if isinstance(p, NamedNode))
        assert total == store.graph_size(graph), graph
        assert int(one(void, graph, VOID.properties)) == len(parts)


def test_sources_with_their_checksums(void: pyoxigraph.Store) -> None:
    sources = {text(q.object) for q in void.quads_for_pattern(NamedNode(DATASET), DCT.source, None)}
    for meta in load_sources():
        assert meta.iri in sources
        digest = hashlib.sha256(meta.path.read_bytes()).hexdigest()
        assert one(void, meta.iri, hrg("sha256")) == digest
        assert one(void, meta.graph, DCT.source) == meta.iri


def test_licence_version_date_endpoint(void: pyoxigraph.Store) -> None:
    from hrgraph import __version__

    assert one(void, DATASET, DCT.license) == LICENCE
    assert one(void, DATASET, DCAT.version) == __version__
    assert one(void, DATASET, VOID.sparqlEndpoint) == DEFAULT_ENDPOINT
    issued = changelog_date(__version__)
    dates = [q.object for q in void.quads_for_pattern(NamedNode(DATASET), DCT.issued, None)]
    assert dates == (
        [Literal(issued, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))] if issued else []
    )
    assert NamedNode(DATASET) in {q.subject for q in void.quads_for_pattern(None, RDF.type, VOID.Dataset)}


def test_description_has_no_blank_nodes(void: pyoxigraph.Store) -> None:
    assert not [
        q
        for q in void
        if isinstance(q.subject, pyoxigraph.BlankNode) or isinstance(q.object, pyoxigraph.BlankNode)
    ]


def test_void_names_the_configured_base(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If ``HRGRAPH_BASE_URL`` is set, then build/void.ttl names the endpoint, the data dump and the
    download URLs under it; a value that is not an http(s) URL is a usage error."""
    from hrgraph.errors import UsageError
    from hrgraph.publish import VOID_NAME, write_publication

    monkeypatch.setenv("HRGRAPH_BASE_URL", "https://hr.example.org/graph")
    write_publication(store, tmp_path)
    described = pyoxigraph.Store()
    described.load(path=str(tmp_path / VOID_NAME), format=pyoxigraph.RdfFormat.TURTLE)
    base = "https://hr.example.org/graph/"
    assert one(described, DATASET, VOID.sparqlEndpoint) == base + "sparql"
    assert one(described, DATASET, VOID.dataDump) == base + "download/hrgraph.nq"
    downloads = {text(q.object) for q in described.quads_for_pattern(None, DCAT.downloadURL, None)}
    assert downloads == {base + "download/hrgraph.nq", base + "download/hrgraph.ttl"}
    monkeypatch.setenv("HRGRAPH_BASE_URL", "hr.example.org")
    with pytest.raises(UsageError, match="HRGRAPH_BASE_URL"):
        write_publication(store, tmp_path)


def test_counts_in_the_store_are_void_ttls(void: pyoxigraph.Store, store: GraphStore) -> None:
    """If the build keeps its counts in graph/void, then they are void.ttl's sizes of every graph
    and its instances per class of the dataset, with the same partition IRIs (oracle: void.ttl,
    itself checked above against the store's own counts)."""
    held = {(q.subject, q.predicate, q.object) for q in store.quads(COUNTS_GRAPH)}
    described = {(q.subject, q.predicate, q.object) for q in void}
    sizes = {t for t in held if t[1] in (VOID.subset, VOID.triples)}
    classes = {t for t in held if t not in sizes}
    assert sizes and classes and sizes <= described and classes <= described
    partitions = {t for t in described if t[0] == NamedNode(DATASET) and t[1] == VOID.classPartition}
    assert {t for t in classes if t[1] == VOID.classPartition} == partitions
    assert (NamedNode(COUNTS_GRAPH), VOID.triples, Literal(str(len(held)), datatype=XSD.integer)) in held


def test_counts_are_replaced_not_added() -> None:
    """If the counts are made again after a graph changed, then they are that graph's new size
    and the counts graph counts itself (oracle: the store's own sizes)."""
    store = GraphStore()
    one_triple = pyoxigraph.Quad(NamedNode("urn:s"), RDF.type, hrg("State"), NamedNode(REFERENCE))
    store.add_quads([one_triple])
    write_counts(store)
    store.add_quads([pyoxigraph.Quad(NamedNode("urn:t"), RDF.type, hrg("State"), NamedNode(REFERENCE))])
    size = write_counts(store)
    held = {(text(q.subject), q.predicate, text(q.object)) for q in store.quads(COUNTS_GRAPH)}
    assert size == store.graph_size(COUNTS_GRAPH) == len(held)
    assert (REFERENCE, VOID.triples, "2") in held and (COUNTS_GRAPH, VOID.triples, str(size)) in held
    assert [o for s, p, o in held if p == VOID.entities] == ["2"]


def test_materialised_export_counts_what_it_adds(store: GraphStore, tmp_path: Path) -> None:
    """If the export adds the query-time relations to the inferred graph, then its counts say
    the inferred graph's new size (oracle: the exported file, counted here)."""
    copy = GraphStore()
    copy.add_quads(store.quads())
    export(copy, "nq", tmp_path / "m.nq", materialise=True)
    back = pyoxigraph.Store()
    back.load(path=str(tmp_path / "m.nq"), format=pyoxigraph.RdfFormat.N_QUADS)
    inferred = NamedNode(INFERRED_GRAPH)
    size = sum(1 for _ in back.quads_for_pattern(None, None, None, inferred))
    assert size > store.graph_size(INFERRED_GRAPH)
    said = [
        text(q.object) for q in back.quads_for_pattern(inferred, VOID.triples, None, NamedNode(COUNTS_GRAPH))
    ]
    assert said == [str(size)]
