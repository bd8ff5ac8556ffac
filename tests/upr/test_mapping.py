"""The RDF of the UPR readers, loaded into a pyoxigraph Store and queried by SPARQL."""

from __future__ import annotations

import pyoxigraph
import pytest

from hrgraph import iri
from hrgraph.extract import upr_compilation, upr_national_report
from hrgraph.extract.common import Declared, LineLedger, SourceText
from hrgraph.rdf import upr_reports
from hrgraph.rdf.writer import GraphWriter
from tests.helpers import CORPUS

REPORT = "upr-national-report_DNK_A-HRC-WG.6-52-DNK-1_en.txt"
COMPILATION = "upr-compilation_DNK_A-HRC-WG.6-52-DNK-2_en.txt"
HRG = "PREFIX hrg: <https://w3id.org/hrgraph/ontology#>\n"


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    out = pyoxigraph.Store()
    for name, module, symbol in (
        (REPORT, upr_national_report, "A/HRC/WG.6/52/DNK/1"),
        (COMPILATION, upr_compilation, "A/HRC/WG.6/52/DNK/2"),
    ):
        src = SourceText.from_path(name, CORPUS / name)
        doc = module.read(src, LineLedger(src), Declared(name, "x", "DNK", "en"))
        w = GraphWriter(iri.graph(name), {name: iri.doc(symbol)})
        upr_reports.write(doc, w)
        out.bulk_extend(w.quads)
    return out


def rows(store: pyoxigraph.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(HRG + query, use_default_graph_as_union=True)
    assert isinstance(result, pyoxigraph.QuerySolutions)
    return sorted(tuple(str(t.value) for t in row) for row in result)


def test_endnote_range_expanded_to_recommendation_iris(store: pyoxigraph.Store) -> None:
    """Paragraph 23 of A/HRC/WG.6/52/DNK/1 (line 54, note 27 '60.170-60.177') → id/upr/DNK/3/60.170 … 177."""
    para = iri.doc_para("A/HRC/WG.6/52/DNK/1", "23")
    got = rows(store, f"SELECT ?r WHERE {{ <{para}> hrg:respondsTo ?r . ?r a hrg:UPRRecommendation }}")
    assert got == sorted((iri.upr_recommendation("DNK", 3, f"60.{n}"),) for n in range(170, 178))
    rec = iri.upr_recommendation("DNK", 3, "60.170")
    review = rows(store, f"SELECT ?c WHERE {{ <{rec}> hrg:review ?v . ?v hrg:cycle ?c }}")
    assert review == [("3",)]


def test_paragraphs_with_language_and_passage(store: pyoxigraph.Store) -> None:
    doc = iri.doc("A/HRC/WG.6/52/DNK/1")
    n = rows(store, f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a hrg:Paragraph ; hrg:paragraphOf <{doc}> }}")
    assert n == [("161",)]
    para = iri.doc_para("A/HRC/WG.6/52/DNK/1", "24")
    got = rows(
        store,
        f"""SELECT (LANG(?t) AS ?l) ?s WHERE {{ <{para}> hrg:text ?t ;
        hrg:passage ?x . ?x hrg:startLine ?s }}""",
    )
    assert got == [("en", "55")]


def test_notes_as_data(store: pyoxigraph.Store) -> None:
    doc = iri.doc("A/HRC/WG.6/52/DNK/1")
    got = rows(
        store,
        f"""SELECT ?t WHERE {{ ?n a hrg:Note ; hrg:noteOf <{doc}> ; hrg:noteNumber 27 ;
        hrg:text ?t . <{iri.doc_para("A/HRC/WG.6/52/DNK/1", "23")}> hrg:hasNote ?n }}""",
    )
    assert got == [("60.170-60.177.",)]


def test_compilation_sub_items_and_cited_documents(store: pyoxigraph.Store) -> None:
    """Compilation paragraph 4 (line 17) has items (a)-(c); paragraph 2's note 2 cites CAT/C/DNK/CO/8."""
    p4 = iri.doc_para("A/HRC/WG.6/52/DNK/2", "4")
    assert rows(store, f"SELECT ?i WHERE {{ ?i hrg:partOf <{p4}> }}") == [(p4 + x,) for x in "abc"]
    p2 = iri.doc_para("A/HRC/WG.6/52/DNK/2", "2")
    assert (iri.doc("CAT/C/DNK/CO/8"),) in rows(store, f"SELECT ?d WHERE {{ <{p2}> hrg:cites ?d }}")
