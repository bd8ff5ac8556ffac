"""General comments as RDF: the mapping, the three queries, the shapes and the SKOS scheme.

The store holds the ontology, the reference data and this stage's triples. Queries are run with
their parameters bound as ``hrgraph query`` binds them (:func:`hrgraph.query.bind`). Expected answers read by hand from
the compilation (lines 585–711).
"""

from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, QuerySolutions

from hrgraph import iri
from hrgraph.build import load_ontology
from hrgraph.extract.compilation.general_comments import Result
from hrgraph.iri import REFERENCE_GRAPH
from hrgraph.namespace import DCT, PROV, RDF, XSD, hrg
from hrgraph.query import bind, load_query
from hrgraph.rdf import general_comments
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import write_reference
from hrgraph.store import GraphStore
from hrgraph.validate import shapes_graph, validate_graph
from tests.helpers import ONTOLOGY, QUERIES

SOURCES = {"pry-compilation": iri.source("pry-compilation")}
OT = "https://w3id.org/hrgraph/id/concept/obligation-type/"


@pytest.fixture(scope="module")
def writer(gc_result: Result) -> GraphWriter:
    w = GraphWriter(iri.graph("pry-compilation"), SOURCES)
    general_comments.write(gc_result, w)
    return w


@pytest.fixture(scope="module")
def gc_store(writer: GraphWriter) -> GraphStore:
    s = GraphStore()
    load_ontology(s)
    ref = GraphWriter(REFERENCE_GRAPH, SOURCES)
    write_reference(ref)
    s.add_quads(ref.quads)
    s.add_quads(writer.quads)
    return s


def run(store: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    """The query's rows, its parameters bound as every client binds them (the VALUES row)."""
    text = bind(load_query(QUERIES / f"{name}.rq"), {k: NamedNode(v) for k, v in params.items()})
    solutions = store.query(text)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]


def test_every_comment_and_obligation_has_provenance(writer: GraphWriter, gc_result: Result) -> None:
    subjects = {
        q.subject
        for q in writer.quads
        if q.predicate == RDF.type and q.object in (hrg("GeneralComment"), hrg("Obligation"))
    }
    derived = {q.subject for q in writer.quads if q.predicate == PROV.wasDerivedFrom}
    assert len(subjects) == len(gc_result.comments) + len(gc_result.obligations)
    assert subjects <= derived


def test_general_comment_triples(writer: GraphWriter) -> None:
    gc = NamedNode(iri.general_comment("CESCR", "14"))
    triples = {(q.predicate, q.object) for q in writer.quads if q.subject == gc}
    assert (hrg("issuedBy"), NamedNode(iri.body("CESCR"))) in triples
    assert (hrg("symbol"), Literal("E/C.12/2000/4")) in triples
    assert (hrg("interprets"), NamedNode(iri.article("ICESCR", "12"))) in triples
    assert (hrg("documentYear"), Literal("2000", datatype=XSD.gYear)) in triples
    ccpr5 = NamedNode(iri.general_comment("CCPR", "5"))
    assert any(
        q.subject == ccpr5
        and q.predicate == DCT.isReplacedBy
        and q.object == NamedNode(iri.general_comment("CCPR", "29"))
        for q in writer.quads
    )


def test_obligations_of_article_12(gc_store: GraphStore) -> None:
    rows = run(gc_store, "obligations-of-article", article=iri.article("ICESCR", "12"))
    by_comment: dict[str, int] = {}
    for r in rows:
        by_comment[r["comment"]] = by_comment.get(r["comment"], 0) + 1
    # General comment 14 (right to health, art. 12): 4 + 2 + 2 + 4 + 4 + 6 + 5 = 27 bullets and
    # the lettered a)–f) and a)–e) lists = 38, read on lines 647–673; general comment 15 (arts. 11
    # and 12): 5 + 5 + 1 + 5 + 1 bullets and a)–i) on lines 671–683 = 26.
    assert by_comment == {iri.general_comment("CESCR", "14"): 38, iri.general_comment("CESCR", "15"): 26}
    protect = [r for r in rows if r["obligation"].endswith("/14/obligation/659-1")]
    assert protect[0]["types"] == "obligation to protect" and protect[0]["assignedBy"] == "heading"


def test_obligations_of_a_paragraph_reach_its_article(gc_store: GraphStore) -> None:
    rows = run(gc_store, "obligations-of-article", article=iri.article("ICESCR", "2"))
    assert {r["obligation"].rsplit("/", 3)[-3] for r in rows} >= {"13", "14", "15", "19"}


def test_core_obligations_of_the_covenant(gc_store: GraphStore) -> None:
    rows = run(gc_store, "core-obligations", instrument=iri.instrument("ICESCR"))
    obligations = {r["obligation"] for r in rows}
    # Obligaciones básicas: GC 14 a)–f) (665–669), GC 15 a)–i) (683), GC 18 a)–c) (685), GC 19
    # a)–f) (707) = 24; GC 14's five obligations of comparable priority (673); GC 12's "nivel
    # mínimo esencial" bullet (633), typed core by rule = 30.
    assert len(obligations) == 30
    assert run(gc_store, "core-obligations", instrument=iri.instrument("ICCPR")) == []


def test_general_comments_interpreting_article_11(gc_store: GraphStore) -> None:
    rows = run(gc_store, "general-comments-interpreting-article", article=iri.article("ICESCR", "11"))
    assert {r["comment"].rsplit("/", 1)[-1]: r["interpreted"] for r in rows} == {
        "4": iri.article("ICESCR", "11", "1"),
        "7": iri.article("ICESCR", "11", "1"),
        "12": iri.article("ICESCR", "11"),
        "15": iri.article("ICESCR", "11"),
    }


def test_replaced_comment_is_listed_with_its_replacement(gc_store: GraphStore) -> None:
    rows = run(gc_store, "general-comments-interpreting-article", article=iri.article("ICCPR", "4"))
    assert {(r["number"], r.get("replacedBy", "")) for r in rows} == {
        ("5", iri.general_comment("CCPR", "29")),
        ("29", ""),
    }


def test_the_stage_output_conforms_to_its_shapes(writer: GraphWriter) -> None:
    """This module's shapes on this stage's triples (the build validates all graphs together)."""
    lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in writer.quads)
    data = rdflib.Graph().parse(data=lines, format="nt")
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes" / "general_comments.ttl")
    report = validate_graph(data, shapes)
    assert report.conforms, report


def test_shapes_violating_case() -> None:
    turtle = """
    @prefix hrg: <https://w3id.org/hrgraph/ontology#> .
    @prefix id: <https://w3id.org/hrgraph/id/> .
    @prefix dct: <http://purl.org/dc/terms/> .
    id:gc-bad a hrg:GeneralComment ; hrg:number "1" , "2" ; dct:title "sin idioma" .
    id:ob-bad a hrg:Obligation ; hrg:typeAssignedBy "guess" ; hrg:text "x"@es .
    """
    data = rdflib.Graph().parse(data=turtle, format="turtle")
    report = validate_graph(data, shapes_graph())
    found = {
        (str(r.focus).rsplit("/", 1)[-1], str(r.path).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        for r in report.results
    }
    assert {
        ("gc-bad", "issuedBy"),
        ("gc-bad", "number"),
        ("gc-bad", "title"),
        ("gc-bad", "wasDerivedFrom"),
        ("ob-bad", "typeAssignedBy"),
        ("ob-bad", "obligationType"),
        ("ob-bad", "derivedFrom"),
    } <= found


def test_scheme_concepts_used_are_defined_in_two_languages(writer: GraphWriter) -> None:
    g = rdflib.Graph().parse(ONTOLOGY / "obligation-types.ttl")
    used = {
        q.object.value
        for q in writer.quads
        if q.predicate == hrg("obligationType") and isinstance(q.object, NamedNode)
    }
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    for concept in used:
        node = rdflib.URIRef(concept)
        assert concept.startswith(OT)
        assert {getattr(lbl, "language", None) for lbl in g.objects(node, skos.prefLabel)} == {"en", "es"}, (
            concept
        )
        assert g.value(node, skos.definition) is not None, concept
        assert (node, skos.inScheme, rdflib.URIRef(OT.rstrip("/"))) in g, concept
    for narrow, broad in [
        ("facilitate", "fulfil"),
        ("promote", "fulfil"),
        ("provide", "fulfil"),
        ("comparable-priority", "core"),
    ]:
        assert (rdflib.URIRef(OT + narrow), skos.broader, rdflib.URIRef(OT + broad)) in g


def test_symbol_alias_does_not_merge_the_comment_with_its_document(writer: GraphWriter) -> None:
    """Regression: owl:sameAs made every query return each CESCR comment twice after reasoning."""
    gc = NamedNode(iri.general_comment("CESCR", "14"))
    alias = NamedNode(iri.doc("E/C.12/2000/4"))
    links = {q.predicate.value for q in writer.quads if q.subject == gc and q.object == alias}
    assert links == {"http://www.w3.org/2000/01/rdf-schema#seeAlso"}
