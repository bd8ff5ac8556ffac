"""Recommendations as RDF: the mapping, the three queries, and the shapes.

The store holds the ontology (with the theme scheme), the reference data and the triples of the
three recommendation stages; queries bind their parameters as RDF terms (pyoxigraph
substitutions), as the house style says.
"""

from __future__ import annotations

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, QuerySolutions

from hrgraph import iri
from hrgraph.build import load_ontology
from hrgraph.extract.compilation import concluding_observations as co
from hrgraph.extract.compilation import inter_american as ia
from hrgraph.extract.compilation import national_recommendations as nr
from hrgraph.iri import REFERENCE_GRAPH
from hrgraph.rdf import recommendations
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import write_reference
from hrgraph.store import GraphStore
from hrgraph.validate import shapes_graph, validate_graph
from tests.helpers import run

SOURCES = {"pry-compilation": iri.source("pry-compilation")}
PRY = NamedNode(iri.state("PRY"))
THEME = "https://w3id.org/hrgraph/id/concept/theme/"
HRG = "https://w3id.org/hrgraph/ontology#"


@pytest.fixture(scope="module")
def writer(co_result: co.Result, ia_result: ia.Result, nr_result: nr.Result) -> GraphWriter:
    w = GraphWriter(iri.graph("pry-compilation"), SOURCES)
    for result in (co_result, ia_result, nr_result):
        recommendations.write(result, w)
    return w


@pytest.fixture(scope="module")
def store(writer: GraphWriter) -> GraphStore:
    s = GraphStore()
    load_ontology(s)
    ref = GraphWriter(REFERENCE_GRAPH, SOURCES)
    write_reference(ref)
    recommendations.write_curated(ref)
    s.add_quads(ref.quads)
    s.add_quads(writer.quads)
    return s


def select(store: GraphStore, sparql: str) -> list[tuple[str, ...]]:
    solutions = store.store.query(
        "PREFIX hrg: <https://w3id.org/hrgraph/ontology#>\n"
        "PREFIX dct: <http://purl.org/dc/terms/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + sparql,
        use_default_graph_as_union=True,
    )
    assert isinstance(solutions, QuerySolutions)
    return [tuple(t.value for t in row if t is not None) for row in solutions]


def test_concluding_observations_documents(store: GraphStore) -> None:
    rows = select(
        store,
        """SELECT ?symbol ?date ?body WHERE {
        ?doc a hrg:ConcludingObservations ; hrg:symbol ?symbol ; dct:date ?date ;
             hrg:issuedBy ?body ; hrg:addressedTo <https://w3id.org/hrgraph/id/state/PRY> }
        ORDER BY ?date""",
    )
    assert rows == [
        ("CRC/C/15/Add.27", "1994-10-24", iri.body("CRC")),
        ("CCPR/C/79/Add.48", "1995-10-03", iri.body("CCPR")),
        ("E/C.12/1/Add.1", "1996-05-28", iri.body("CESCR")),
        ("CRC/C/15/Add.166", "2001-11-06", iri.body("CRC")),
        ("CCPR/C/PRY/CO/2", "2005-10-31", iri.body("CCPR")),
        ("E/C.12/PRY/CO/3", "2007-11-22", iri.body("CESCR")),
    ]


def test_numbered_recommendation_is_a_paragraph_of_its_document(store: GraphStore) -> None:
    node = iri.doc_para("E/C.12/PRY/CO/3", "23a")
    rows = select(
        store,
        f"""SELECT ?doc ?theme ?number WHERE {{
        <{node}> a hrg:Recommendation , hrg:Paragraph ; hrg:inDocument ?doc ;
                 hrg:theme ?theme ; hrg:paragraphNumber ?number }}""",
    )
    assert rows == [(iri.doc("E/C.12/PRY/CO/3"), THEME + "wealth-distribution", "23.a")]


def test_merged_recommendations_point_at_each_other(store: GraphStore) -> None:
    rows = select(
        store,
        """SELECT ?a ?b WHERE { ?a hrg:textMergedWith ?b
        FILTER NOT EXISTS { ?a hrg:text ?t } }""",
    )
    assert len(rows) == 8
    pair = (iri.doc_para("E/C.12/1/Add.1", "25"), iri.doc_para("E/C.12/PRY/CO/3", "23f"))
    assert pair in rows and pair[::-1] in rows


def test_cedaw_headed_section_is_attributed_to_ccpr(store: GraphStore) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?by ?named WHERE {
        ?r hrg:attributedInSourceTo ?named ; hrg:issuedBy ?by }""",
    )
    assert rows == [(iri.body("CCPR"), iri.body("CEDAW"))]


def test_query_recommendations_on_theme_across_bodies(store: GraphStore) -> None:
    rows = run(store, "recommendations-on-theme", state=PRY,
               theme=NamedNode(THEME + "indigenous-peoples"))  # fmt: skip
    by = {r.get("by") for r in rows}
    assert by == {
        iri.body("CESCR"), iri.body("CCPR"), iri.body("IACHR"), iri.entity("org", "PRY", "pojoaju"),
    }  # fmt: skip
    headings = {r["heading"] for r in rows if r["by"] != iri.entity("org", "PRY", "pojoaju")}
    assert headings == {"Pueblos indígenas", "Derechos de los pueblos indígenas"}
    # CESCR 21 (1996), 23.b 28.b 28.c 28.d 29 34 (2007); CCPR 2005; IACHR; POJOAJU 11
    assert len(rows) == 7 + 1 + 1 + 11


def test_query_recommendations_concerning_an_article(store: GraphStore) -> None:
    rows = run(store, "recommendations-concerning-article",
               article=NamedNode(iri.article("ICCPR", "10")))  # fmt: skip
    assert {r["recommendation"] for r in rows} == {
        iri.doc_item("CCPR/C/PRY/CO/2", "rec", "detention-1"),
        iri.doc_para("CCPR/C/79/Add.48", "26"),
        iri.doc_para("CCPR/C/PRY/CO/2", "16"),
    }
    crc = run(store, "recommendations-concerning-article",
              article=NamedNode(iri.article("CRC", "21")))  # fmt: skip
    assert [r["heading"] for r in crc] == [
        "Traslados, retención ilícita y tráfico de niños/as en el extranjero"
    ]


def test_query_court_orders_pending(store: GraphStore) -> None:
    rows = run(store, "court-orders-pending", state=PRY)
    per_case: dict[str, list[str]] = {}
    for r in rows:
        per_case.setdefault(r["caseLabel"], []).append(r["statusOf"])
    # Instituto: 8 of 9 orders pending; Vargas Areco: 4 pending + 4 partial of 9; the three
    # others print no status per order, and the section lists their judgments as pending
    assert {k: len(v) for k, v in per_case.items()} == {
        "Instituto de Reeducación del Menor Vs. Paraguay": 8,
        "Caso Comunidad Indígena Yakye Axa Vs. Paraguay": 8,
        "Caso Comunidad Indígena Sawhoyamaxa Vs. Paraguay": 8,
        "Caso Goiburú y otros Vs. Paraguay": 11,
        "Caso Vargas Areco Vs. Paraguay": 8,
    }
    assert set(per_case["Caso Goiburú y otros Vs. Paraguay"]) == {"judgment"}
    assert set(per_case["Caso Vargas Areco Vs. Paraguay"]) == {"order"}


def test_petition_case_articles_found_violated(store: GraphStore) -> None:
    rows = select(
        store,
        """SELECT ?a WHERE { ?c a hrg:PetitionCase ; hrg:violationFound ?a }
                            ORDER BY ?a""",
    )
    assert rows == [(iri.article("ACHR", "7"),), (iri.article("ACHR", "8"),),
                    (iri.article("ADRDM", "25"),), (iri.article("ADRDM", "26"),)]  # fmt: skip


def test_truth_commission_recommendations_by_category(store: GraphStore) -> None:
    rows = select(
        store,
        """SELECT ?cat (COUNT(?r) AS ?n) WHERE {
        ?r a hrg:TruthCommissionRecommendation ; hrg:reparationCategory ?cat } GROUP BY ?cat
        ORDER BY ?cat""",
    )
    base = "https://w3id.org/hrgraph/id/concept/reparation/"
    assert rows == [(base + "compensation", "8"), (base + "non-repetition", "88"),
                    (base + "rehabilitation", "4"), (base + "restitution", "15"),
                    (base + "satisfaction", "63")]  # fmt: skip


def test_every_resource_has_provenance(writer: GraphWriter) -> None:
    typed = {str(q.subject) for q in writer.quads if q.predicate.value.endswith("#type")}
    typed = {s for s in typed if "/lines/" not in s}
    derived = {str(q.subject) for q in writer.quads
               if q.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"}  # fmt: skip
    assert typed and typed <= derived


def test_every_printed_label_has_a_theme(
    co_result: co.Result, ia_result: ia.Result, nr_result: nr.Result
) -> None:
    labels = {t for _, t, _ in co_result.topics} | {r.topic for r in ia_result.report}
    labels |= {p.theme for p in nr_result.proposals}
    assert all(recommendations.theme(label).startswith(THEME) for label in labels)
    with pytest.raises(recommendations.UnknownThemeError):
        recommendations.theme("Tema que no existe")


def test_the_area_graph_conforms_to_the_shapes(writer: GraphWriter) -> None:
    """Every resource of the area conforms (passages are the source stage's to complete)."""
    ref = GraphWriter(REFERENCE_GRAPH, SOURCES)
    write_reference(ref)
    graph = rdflib.Graph()
    for q in [*writer.quads, *ref.quads]:
        graph.add((_term(q.subject), _term(q.predicate), _term(q.object)))
    report = validate_graph(graph, shapes_graph())
    bad = [v for v in report.results if v.severity.endswith("Violation") and "/lines/" not in v.focus]
    assert bad == []


def _term(t: object) -> rdflib.term.Node:
    if isinstance(t, NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, Literal):
        dt = rdflib.URIRef(t.datatype.value) if t.language is None else None
        return rdflib.Literal(t.value, lang=t.language, datatype=dt)
    raise TypeError(t)


PREFIXES = """@prefix hrg: <https://w3id.org/hrgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/hrgraph/id/test/> .
"""


def violations(turtle: str) -> set[tuple[str, str]]:
    data = rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle")
    report = validate_graph(data, shapes_graph())
    return {(v.focus.rsplit("/", 1)[-1], v.component.rsplit("#", 1)[-1]) for v in report.results}


def test_shapes_conforming_case() -> None:
    assert (
        violations("""
    id:rec-ok a hrg:Recommendation ; hrg:addressedTo id:state ; hrg:text "Recomienda …"@es ;
        prov:wasDerivedFrom id:src .
    id:order-ok a hrg:ReparationOrder ; hrg:orderedIn id:case ; hrg:text "El Estado debe …"@es ;
        hrg:derivedFrom id:case ; hrg:addressedTo id:state ;
        hrg:complianceStatus <https://w3id.org/hrgraph/id/concept/compliance-status/pending> .
    id:case a hrg:CourtCase ; rdfs:label "Caso X Vs. Paraguay"@es ; hrg:respondent id:state ;
        hrg:decidedBy id:court .
    id:mc-ok a hrg:PrecautionaryMeasure ; hrg:date "2004-10-12"^^xsd:date ;
        hrg:beneficiaries "la comunidad"@es ; hrg:issuedBy id:iachr .
    """)
        == set()
    )


def test_shapes_violating_case() -> None:
    got = violations("""
    id:rec-bad a hrg:Recommendation ; hrg:text "sin idioma" .
    id:rec-merged-bad a hrg:Recommendation ; hrg:inDocument id:doc ; hrg:addressedTo id:state ;
        prov:wasDerivedFrom id:src .
    id:order-bad a hrg:ReparationOrder ; hrg:derivedFrom id:case ; hrg:text "x"@es ;
        hrg:complianceStatus id:unknown-status ; hrg:addressedTo id:state .
    id:mc-bad a hrg:PrecautionaryMeasure ; hrg:date "12/X/2004" ; hrg:issuedBy id:iachr .
    """)
    assert got == {
        ("rec-bad", "MinCountConstraintComponent"),  # no addressee, no provenance
        ("rec-bad", "DatatypeConstraintComponent"),  # text without language
        ("order-bad", "MinCountConstraintComponent"),  # not ordered in a case
        ("order-bad", "InConstraintComponent"),  # status outside the scheme
        ("mc-bad", "DatatypeConstraintComponent"),  # date not an xsd:date
        ("mc-bad", "MinCountConstraintComponent"),  # no beneficiaries
        ("rec-merged-bad", "OrConstraintComponent"),  # read from a document, but no text
    }


def test_reprints_are_linked_to_the_numbered_paragraph(store: GraphStore) -> None:
    rows = select(
        store,
        f"""SELECT ?b WHERE {{
        <{iri.doc_item("CCPR/C/PRY/CO/2", "rec", "trafficking-1")}> hrg:sameParagraphAs ?b }}""",
    )
    assert rows == [(iri.doc_para("CCPR/C/PRY/CO/2", "13"),)]


def test_curated_judgment_dates_meet_the_cases_read(store: GraphStore) -> None:
    """src/hrgraph/resources/reference/iacthr_judgments_PRY.csv: the compilation prints no judgment dates."""
    rows = select(
        store,
        """SELECT DISTINCT ?label ?date ?number WHERE {
        ?c a hrg:CourtCase ; rdfs:label ?label ; hrg:date ?date ; hrg:number ?number ;
           dct:source ?source } ORDER BY ?date""",
    )
    assert [(r[1], r[2]) for r in rows] == [
        ("2004-09-02", "Serie C No. 112"), ("2005-06-17", "Serie C No. 125"),
        ("2006-03-29", "Serie C No. 146"), ("2006-09-22", "Serie C No. 153"),
        ("2006-09-26", "Serie C No. 155"),
    ]  # fmt: skip
    assert rows[0][0] == "Instituto de Reeducación del Menor Vs. Paraguay"
