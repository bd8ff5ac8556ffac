"""The treaty-body mapping: the five corpus documents in one store, checked by SPARQL, and the
whole graph (with the ontology and the reference data) against every shape."""

from __future__ import annotations

import hashlib
import io

import pyshacl
import pytest
import rdflib

from hrgraph import iri
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import write_bodies, write_instruments, write_states
from hrgraph.store import GraphStore
from tests.helpers import CORPUS, ONTOLOGY
from tests.treaty_bodies.conftest import DOCS

HRG = (
    "PREFIX hrg: <https://w3id.org/hrgraph/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)


def test_follow_up_chain_from_co_to_reply_and_grade(tb_store: GraphStore) -> None:
    """From each paragraph NAM/USA selected for follow-up to the reply paragraphs answering it."""
    rows = tb_store.select(
        HRG
        + """
        SELECT ?para (COUNT(DISTINCT ?answer) AS ?n) ?deadline WHERE {
          ?co hrg:forFollowUp ?para ; hrg:followUpDeadline ?deadline ; hrg:symbol "CCPR/C/USA/CO/4" .
          OPTIONAL { ?answer hrg:respondsTo ?para ; hrg:paragraphOf ?reply . ?reply hrg:respondsTo ?co }
        } GROUP BY ?para ?deadline ORDER BY ?para"""
    )
    got = [(r["para"].value.rsplit("/", 1)[1], int(r["n"].value), r["deadline"].value) for r in rows]
    # follow-up_USA_en.txt: Paragraph 5 → 2-16 (15), 10 → 17-21 (5), 21 → 22-27 (6), 22 → 28-41 (14)
    assert sorted(got) == [("10", 5, "2015-03-26"), ("21", 6, "2015-03-26"), ("22", 14, "2015-03-26"),
                           ("5", 15, "2015-03-26")]  # fmt: skip


def test_assessment_lands_on_the_co_paragraph_and_its_items(tb_store: GraphStore) -> None:
    rows = tb_store.select(
        HRG
        + """
        SELECT DISTINCT ?para ?notation ?date WHERE {
          ?a a hrg:FollowUpAssessment ; hrg:assesses ?para ; hrg:grade ?g ; hrg:date ?date .
          ?g skos:notation ?notation } ORDER BY ?para"""
    )
    base = iri.doc("CCPR/C/MEX/CO/6") + "/para/"
    assert [(r["para"].value.removeprefix(base), r["notation"].value, r["date"].value) for r in rows] == [
        ("19", "B", "2023-08-28"),
        ("23", "B", "2023-08-28"),
        ("43a", "C", "2023-08-28"),
        ("43b", "C", "2023-08-28"),
        ("43c", "C", "2023-08-28"),
        ("43d", "C", "2023-08-28"),
    ]
    part = tb_store.select(HRG + f"SELECT ?p WHERE {{ <{base}43a> hrg:partOf ?p }}")
    assert [r["p"].value for r in part] == [base + "43"]


def test_grade_key_as_printed(tb_store: GraphStore) -> None:
    rows = tb_store.select(
        HRG
        + f"""
        SELECT DISTINCT ?label ?def WHERE {{ <{iri.concept("follow-up-grade", "B")}> skos:prefLabel ?label ;
            skos:definition ?def }}"""
    )
    assert [(r["label"].value, r["def"].value[:40]) for r in rows] == [
        ("Reply/action partially satisfactory", "The State party has taken steps towards ")
    ]


def test_recommendations_addressed_to_the_state_of_the_document(tb_store: GraphStore) -> None:
    rows = tb_store.select(
        HRG
        + f"""
        SELECT ?state (COUNT(DISTINCT ?r) AS ?n) WHERE {{
          ?r a hrg:Recommendation ; hrg:addressedTo ?state ; hrg:inDocument <{iri.doc("CCPR/C/NAM/CO/2")}> }}
        GROUP BY ?state"""
    )
    # concluding-observations_NAM_en.txt: the 20 even paragraphs 6-44 and 45 (:179, dissemination),
    # and their items: 10 (a-d), 12 (a, b, c, e), 16 (a-d), 22 (a-c), 24 (a-f): 21 + 21
    assert [(r["state"].value, int(r["n"].value)) for r in rows] == [(iri.state("NAM"), 42)]
    art = tb_store.select(
        HRG
        + f"""SELECT DISTINCT ?a WHERE {{ <{iri.doc_para("CCPR/C/NAM/CO/2", "10")}>
        a hrg:Recommendation ; hrg:concernsArticle ?a }} ORDER BY ?a"""
    )
    assert [r["a"].value for r in art] == [iri.article("ICCPR", n) for n in ("2", "26", "3", "7")]


@pytest.mark.slow
def test_reply_footnotes_as_notes(tb_store: GraphStore) -> None:
    """follow-up_USA_en.txt: 54 footnotes, each a hrg:Note of the reply linked from a paragraph;
    :37 "8 18 U.S.C. ch. 212." is pointed to from paragraph 5 (:31 "… offense overseas.8 In")."""
    reply = iri.doc("CCPR/C/USA/CO/4/Add.1")
    rows = tb_store.select(
        HRG
        + f"""SELECT ?n ?text ?para WHERE {{ ?note a hrg:Note ; hrg:noteOf <{reply}> ; hrg:noteNumber ?n ;
              hrg:text ?text . ?para hrg:hasNote ?note }} ORDER BY ?n"""
    )
    assert [int(r["n"].value) for r in rows] == list(range(1, 55))
    note8 = rows[7]
    assert note8["text"].value == "18 U.S.C. ch. 212."
    assert note8["para"].value == iri.doc_para("CCPR/C/USA/CO/4/Add.1", "5")


def test_the_whole_graph_conforms_to_the_shapes(tb_store: GraphStore) -> None:
    w = GraphWriter(iri.graph("reference"), {})
    write_states(w)
    write_bodies(w)
    write_instruments(w)
    for key, (file, _, _) in DOCS.items():  # what the build's write_source says of each source
        node = iri.source(key)
        w.add(node, rdflib.RDF.type.toPython(), iri.term("SourceDocument"))
        w.value(node, "sha256", hashlib.sha256((CORPUS / file).read_bytes()).hexdigest())
        w.add(node, "http://purl.org/dc/terms/title", __import__("pyoxigraph").Literal(file, language="en"))
    store = GraphStore()
    store.add_quads(w.quads)
    buffer = io.BytesIO()
    tb_store.serialize(buffer, "nt")
    store.serialize(buffer, "nt")
    data = rdflib.Graph().parse(data=buffer.getvalue(), format="nt")
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        data.parse(path)
    shapes = rdflib.Graph()
    for path in sorted((ONTOLOGY / "shapes").glob("*.ttl")):
        shapes.parse(path)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="rdfs")
    assert conforms, text
