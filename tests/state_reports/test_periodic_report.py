"""The ``state-report`` reader for any periodic report: the English print with a UN cover
(tests/data/state_reports/periodic-report_en.txt, synthetic: see tests/data/README.md) and the
real tab-numbered Spanish print (Kazakhstan's CERD report), which keeps its own reader.

Oracles: the fixture's lines (``sed -n Np``), quoted beside each assertion; for the KAZ report,
``treaty_report.extract`` itself (the print must read exactly as before).
"""

from __future__ import annotations

import hashlib
import io

import pyshacl
import pytest
import rdflib
from pyoxigraph import Literal

from hrgraph import iri
from hrgraph.build import KINDS
from hrgraph.extract import state_report, treaty_report
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, SourceText
from hrgraph.namespace import DCT
from hrgraph.rdf import periodic_reports
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import write_bodies, write_instruments, write_states
from hrgraph.store import GraphStore
from tests.helpers import CORPUS, DATA, ONTOLOGY, SOURCES

FIXTURE = DATA / "state_reports" / "periodic-report_en.txt"
KEY = "usa-report"
DOC = iri.doc("CCPR/C/USA/4")
CO = "CCPR/C/USA/CO/3"


def _read(path=FIXTURE, key: str = KEY, state: str = "USA", language: str = "en"):  # type: ignore[no-untyped-def]
    src = SourceText.from_path(key, path)
    ledger = LineLedger(src)
    return state_report.read_print(src, ledger, Declared(key, "state-report", state, language)), ledger


@pytest.fixture(scope="module")
def report() -> state_report.PeriodicReport:
    doc, _ = _read()
    assert isinstance(doc, state_report.PeriodicReport)
    return doc


@pytest.fixture(scope="module")
def store(report: state_report.PeriodicReport) -> GraphStore:
    w = GraphWriter(iri.graph(KEY), {KEY: DOC})
    periodic_reports.write(report, w)
    s = GraphStore()
    s.add_quads(w.quads)
    return s


def test_the_build_reads_state_reports_through_read_print() -> None:
    (stage,) = KINDS["state-report"]
    assert stage.read is state_report.read_print and stage.write is periodic_reports.write


def test_cover(report: state_report.PeriodicReport) -> None:
    # :4 "CCPR/C/USA/4", :5 "Distr.: General 22 May 2012", :6 "Original: English",
    # :8 "Human Rights Committee", :11 "United States of America*", :12 "[30 December 2011]"
    assert (report.symbol, report.state, report.body, report.language) == (
        "CCPR/C/USA/4",
        "USA",
        "CCPR",
        "en",
    )
    assert (report.date.isoformat() if report.date else None) == "2012-05-22"
    assert (report.received.isoformat() if report.received else None) == "2011-12-30"
    assert report.title and report.title.startswith("Consideration of reports submitted by States parties")
    # :30 "… concluding observations of the Committee (CCPR/C/USA/CO/3) …": the first CO printed
    assert report.co_symbol == CO


def test_every_line_is_accounted_for() -> None:
    _, ledger = _read()
    assert ledger.unaccounted() == []
    used = ledger.used_as
    # :18-23 the table of contents; :24 "2" page number, :26 "CCPR/C/USA/4" running header
    assert {used[n] for n in range(18, 24)} == {"contents"}
    assert (used[24], used[26], used[40], used[52]) == (
        "page number",
        "page header",
        "page number",
        "page number",
    )


def test_headings_and_paragraphs(report: state_report.PeriodicReport) -> None:
    # :27 "I. Introduction", :31 "II. Information on …", :32 "Article 2",
    # :34 "Paragraph 25 of the concluding observations", :45 "Article 6"
    assert [(h.kind, h.number, h.title, h.article) for h in report.headings] == [
        ("chapter", "I", "Introduction", None),
        ("chapter", "II", "Information on the implementation of the Covenant", None),
        ("heading", None, "Article 2", "2"),
        ("heading", None, "Paragraph 25 of the concluding observations", "2"),
        ("heading", None, "Article 6", "6"),
    ]
    assert [p.number for p in report.paragraphs] == list(range(1, 15))
    # run together: :28 holds 1 and 2, :33 holds 5 and 6, :47 holds 11 and 12
    assert [p.span.start for p in report.paragraphs if p.number in (1, 2, 5, 6, 11, 12)] == [
        28,
        28,
        33,
        33,
        47,
        47,
    ]
    para7 = report.paragraphs[6]  # :35-36, its items (a) and (b) on :36 (not "25 (a) and (b)" on :35)
    assert (para7.span.start, para7.span.end) == (35, 36)
    assert [i.letter for i in para7.items] == ["a", "b"]
    assert para7.items[1].text == "Provided training to state and local officials."
    assert [p.article for p in report.paragraphs if p.number in (4, 5, 10)] == [None, "2", "6"]


def test_footnotes_and_their_markers(report: state_report.PeriodicReport) -> None:
    # :37 "1 HRI/CORE/USA/2011, paras. 1-4.", :39 "3 See … 4 Office of …", :51 "6 CCPR/C/USA/CO/3/Add.1, …"
    assert [(n.number, n.span.start) for n in report.notes] == [
        (1, 37),
        (2, 38),
        (3, 39),
        (4, 39),
        (5, 50),
        (6, 51),
    ]
    assert report.notes[3].text == "Office of Management and Budget, Statistical Policy Directive No. 15."
    # markers: "(HRI/CORE/USA/2011).1" in 2, "paras. 12, 13, 14 and 16).2" in 4, "jurisdiction.3" in 6,
    # "ethnicity;4" in 7, "document.5" in 9, "death penalty.6" in 11
    assert {p.number: p.notes for p in report.paragraphs if p.notes} == {
        2: (1,),
        4: (2,),
        6: (3,),
        7: (4,),
        9: (5,),
        11: (6,),
    }
    assert report.paragraphs[1].text.endswith("(HRI/CORE/USA/2011).")  # the marker is not text


def test_references_to_concluding_observations(report: state_report.PeriodicReport) -> None:
    got = {
        p.number: [(r.paragraph, r.via) for r in p.responds_to] for p in report.paragraphs if p.responds_to
    }
    assert got == {
        4: [
            ("12", "text"),
            ("13", "text"),
            ("14", "text"),
            ("16", "text"),
        ],  # :30 "(CCPR/C/USA/CO/3, paras. 12, 13, 14 and 16)"
        5: [("10", "text")],  # :33 "In paragraph 10 of its concluding observations (CCPR/C/USA/CO/3)"
        7: [
            ("25", "heading"),
            ("25a", "text"),
            ("25b", "text"),
        ],  # :34 heading, :35 "paragraphs 25 (a) and (b)"
        8: [("25", "heading")],  # :43 "paragraph 7 of the present report": the report's own, not linked
        9: [("25", "heading"), ("37", "text")],  # :44 "(CCPR/C/USA/CO/3, para. 37)"
        10: [("14", "text")],  # :46 "paragraph 14 of the concluding observations": the CO followed up
        13: [
            ("20", "text"),
            ("21", "text"),
            ("22", "text"),
        ],  # :48 "paragraphs 20 to 22 of the Committee's …"
    }
    # note 6 (:51) cites the follow-up reply CCPR/C/USA/CO/3/Add.1, not the observations: 11 answers nothing
    assert all({r.symbol for r in p.responds_to} == {CO} for p in report.paragraphs if p.responds_to)
    assert report.problems == []


def test_a_reference_without_a_symbol_is_a_problem_when_the_report_prints_none() -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace("CCPR/C/USA/CO/3", "A/HRC/1/1")
    src = SourceText.from_string(KEY, text)
    doc = state_report.read(src, LineLedger(src), Declared(KEY, "state-report", "USA", "en"))
    assert doc.co_symbol is None
    assert [str(p) for p in doc.problems] == [
        "usa-report:34: 'Paragraph 25 of the concluding observations': no concluding observations named "
        "and none printed in the report; not linked",
        "usa-report:35: 'paragraphs 25 (a) and (b) of the concluding observations': no concluding "
        "observations named and none printed in the report; not linked",
        "usa-report:46: 'paragraph 14 of the concluding observations': no concluding observations named "
        "and none printed in the report; not linked",
        'usa-report:48: "paragraphs 20 to 22 of the Committee\'s concluding observations": no concluding '
        "observations named and none printed in the report; not linked",
    ]


def test_spanish_references() -> None:
    """The Spanish forms, as the KAZ report prints them (its lines 10 and 12) and singular."""
    refs = state_report.co_references(
        "(párrs. 16, 22, 28 y 42 de las observaciones finales, CERD/C/KAZ/CO/8-10) y "
        "(CERD/C/KAZ/CO/8-10, párr. 54); véase el párrafo 12 de las observaciones finales anteriores.",
        "CERD/C/KAZ/CO/8-10",
    )
    assert [(r.symbol, r.paragraphs) for r in refs] == [
        ("CERD/C/KAZ/CO/8-10", ("16", "22", "28", "42")),
        ("CERD/C/KAZ/CO/8-10", ("54",)),
        ("CERD/C/KAZ/CO/8-10", ("12",)),
    ]


def test_rdf(store: GraphStore) -> None:
    rows = store.select(f"""PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
        SELECT ?n ?co WHERE {{ ?p hrg:paragraphOf <{DOC}> ; hrg:paragraphNumber ?n ; hrg:respondsTo ?co }}""")
    got = {(r["n"].value, r["co"].value.rsplit("/para/", 1)[1]) for r in rows}
    assert ("7", "25a") in got and ("10", "14") in got and ("13", "21") in got and len(got) == 15
    assert store.ask(f"""PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
        ASK {{ <{iri.doc_para(CO, "25a")}> hrg:partOf <{iri.doc_para(CO, "25")}> .
              <{DOC}> hrg:respondsTo <{iri.doc(CO)}> ; hrg:submittedBy <{iri.state("USA")}> ;
                      hrg:submittedTo <{iri.body("CCPR")}> .
              <{iri.doc_para("CCPR/C/USA/4", "10")}> hrg:concernsArticle <{iri.article("ICCPR", "6")}> .
              <{iri.doc_para("CCPR/C/USA/4", "7")}> hrg:hasNote <{DOC}/note/4> .
              <{DOC}/note/4> hrg:noteNumber 4 ; hrg:noteOf <{DOC}> .
              ?h a hrg:FollowUpSection ; hrg:respondsTo <{iri.doc_para(CO, "25")}> }}""")


@pytest.mark.slow
def test_the_graph_conforms_to_the_shapes(store: GraphStore) -> None:
    w = GraphWriter(iri.graph("reference"), {})
    write_states(w)
    write_bodies(w)
    write_instruments(w)
    w.type(DOC, "SourceDocument")  # what the build's write_source says of the source
    w.value(DOC, "sha256", hashlib.sha256(FIXTURE.read_bytes()).hexdigest())
    w.add(DOC, DCT.title, Literal("Fourth periodic reports of States parties", language="en"))
    ref = GraphStore()
    ref.add_quads(w.quads)
    buffer = io.BytesIO()
    store.serialize(buffer, "nt")
    ref.serialize(buffer, "nt")
    data = rdflib.Graph().parse(data=buffer.getvalue(), format="nt")
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        data.parse(path)
    shapes = rdflib.Graph()
    for path in sorted((ONTOLOGY / "shapes").glob("*.ttl")):
        shapes.parse(path)
    # warnings allowed: the observations answered (CCPR/C/USA/CO/3) are not loaded, so their date is unknown
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="rdfs", allow_warnings=True)
    assert conforms, text


def test_the_kaz_print_reads_as_before() -> None:
    """Kazakhstan's tab-numbered CERD report goes through ``treaty_report.extract`` unchanged;
    its State and committee are those of the observations it follows up (CERD/C/KAZ/CO/8-10)."""
    path = SOURCES / "kaz-cerd-11-14.txt"
    doc, ledger = _read(path, "kaz", "KAZ", "es")
    src = SourceText.from_path("kaz", path)
    direct = treaty_report.extract(src, LineLedger(src))
    assert isinstance(doc, treaty_report.TreatyReport)
    assert (doc.state, doc.body, doc.co_symbol) == ("KAZ", "CERD", "CERD/C/KAZ/CO/8-10")
    assert doc.counts() == direct.counts() and doc.counts()["paragraphs"] == 437
    assert doc.paragraphs == direct.paragraphs
    assert ledger.unaccounted() == []


def test_a_contradicted_state_is_an_error_naming_the_line() -> None:
    with pytest.raises(ExtractionError, match=r"kaz:3: expected a report of DNK \(declared\), it follows up "
                                              r"CERD/C/KAZ/CO/8-10"):  # fmt: skip
        _read(SOURCES / "kaz-cerd-11-14.txt", "kaz", "DNK", "es")
    with pytest.raises(ExtractionError, match=r"usa-report:4: the cover is about USA; the source list declares "
                                              r"the State NAM"):  # fmt: skip
        _read(state="NAM")


def test_concluding_observations_are_not_a_periodic_report() -> None:
    with pytest.raises(ExtractionError, match=r"nam:4: expected a periodic report's symbol .*found "
                                              r"CCPR/C/NAM/CO/2 \(concluding-observations\)"):  # fmt: skip
        _read(CORPUS / "concluding-observations_NAM_en.txt", "nam", "NAM")
