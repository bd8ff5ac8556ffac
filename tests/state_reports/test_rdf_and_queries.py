"""The RDF of both reports and the three state-report queries, on expected values read by hand."""

from __future__ import annotations

from pyoxigraph import NamedNode

from hrgraph import iri
from hrgraph.store import GraphStore
from tests.helpers import catalogue_rows as run

HRG = "PREFIX hrg: <https://w3id.org/hrgraph/ontology#>\n"
UPR = iri.doc("A/HRC/WG.6/34/KAZ/1")
CERD = iri.source("kaz-cerd-11-14")


def count(store: GraphStore, where: str) -> int:
    rows = store.select(HRG + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }}")
    return int(rows[0]["n"].value)


def test_every_paragraph_is_in_the_graph(reports_store: GraphStore) -> None:
    for report, n in ((UPR, 272), (CERD, 437)):
        assert count(reports_store, f"?x a hrg:Paragraph ; hrg:paragraphOf <{report}>") == n
    assert count(reports_store, f"<{UPR}> hrg:hasParagraph ?x . ?x hrg:text ?t") == 272


def test_paragraph_iris_from_the_printed_symbol(reports_store: GraphStore) -> None:
    para = iri.doc_para("A/HRC/WG.6/34/KAZ/1", "26")
    rows = reports_store.select(
        HRG + f"SELECT ?n ?c WHERE {{ <{para}> hrg:paragraphNumber ?n ; hrg:inChapter ?c }}"
    )
    assert [(r["n"].value, r["c"].value) for r in rows] == [("26", f"{UPR}/chapter/V")]


def test_chapters_concern_cerd_articles(reports_store: GraphStore) -> None:
    rows = reports_store.select(
        HRG
        + f"""
        SELECT ?chapter ?article WHERE {{ ?chapter a hrg:ReportChapter ; hrg:partOf <{CERD}> ;
            hrg:concernsArticle ?article }} ORDER BY ?article"""
    )
    assert [(r["chapter"].value.rsplit("/", 1)[1], r["article"].value) for r in rows] == [
        (numeral, iri.article("CERD", str(n)))
        for n, numeral in enumerate(("III", "IV", "V", "VI", "VII", "VIII", "IX"), start=1)
    ]
    assert count(reports_store, f"?x hrg:paragraphOf <{CERD}> ; hrg:concernsArticle ?a") == len(
        range(68, 375)
    )


def test_paragraphs_answering_recommendation(reports_store: GraphStore) -> None:
    rows = run(reports_store, "paragraphs-answering-recommendation")  # default 125.11
    assert [r["number"] for r in rows] == ["26", "27", "28", "29", "30"]
    assert {r["heading"] for r in rows} == {"Recomendaciones 125.11 a 125.17"}
    assert rows[0]["startLine"] == "358"


def test_recommendation_listed_under_two_headings(reports_store: GraphStore) -> None:
    rows = run(reports_store, "paragraphs-answering-recommendation", recommendation="KAZ/2/125.90")
    assert [int(r["number"]) for r in rows] == list(range(142, 232))


def test_paragraphs_answering_co_paragraph(reports_store: GraphStore) -> None:
    co22 = iri.doc_para("CERD/C/KAZ/CO/8-10", "22")
    rows = run(reports_store, "paragraphs-answering-recommendation", recommendation=f"<{co22}>")
    assert [int(r["number"]) for r in rows] == [*range(104, 142), *range(355, 375)]
    co45 = iri.doc_para("CERD/C/KAZ/CO/8-10", "45")
    rows = run(reports_store, "paragraphs-answering-recommendation", recommendation=f"<{co45}>")
    assert [int(r["number"]) for r in rows] == list(range(384, 400))


def test_unanswered_recommendations(reports_store: GraphStore) -> None:
    rows = run(reports_store, "unanswered-recommendations")
    assert [r["number"] for r in rows] == ["125.25", "125.56", "125.76", "125.95"]
    assert {r["review"] for r in rows} == {iri.entity("upr", "KAZ", "2")}


def test_laws_cited_with_dates(reports_store: GraphStore) -> None:
    rows = run(reports_store, "laws-cited")  # default: the CERD report
    assert len(rows) == 23  # 16 numbered acts and 7 named acts with a date or year
    first = rows[0]
    assert (first["printed"], first["year"]) == ("Ley de Idiomas, de 1997", "1997")
    assert set(first["paragraphs"].split(", ")) == {"37", "353"}  # GROUP_CONCAT has no order
    law = next(r for r in rows if r["number"] == "322-I")
    assert (law["date"], law["paragraphs"]) == ("1998-08-26", "1")
    upr = run(reports_store, "laws-cited", report=f"<{UPR}>")
    assert [r["number"] for r in upr if r["number"]] == ["288-V", "17"]


def test_crpd_conflict_kept_with_both_claims(reports_store: GraphStore) -> None:
    action = iri.treaty_action("KAZ", "CRPD", "ratification")
    rows = reports_store.select(
        HRG
        + f"""
        SELECT ?claim ?year ?other WHERE {{ ?claim hrg:claims <{action}> ; hrg:statedIn ?p .
          ?p hrg:paragraphOf <{UPR}> . OPTIONAL {{ ?claim hrg:year ?year }}
          OPTIONAL {{ ?claim hrg:conflictsWith ?other }} }}"""
    )
    years = {(r["claim"].value.split("/")[-3], r["year"].value if r["year"] else None) for r in rows}
    # Para. 22 (a report submitted under the CRPD) claims the same act, with no year.
    assert years == {("15", "2015"), ("22", None), ("142", None), ("153", "2016")}
    assert reports_store.ask(HRG + f"ASK {{ <{action}> hrg:conflictingClaims true ; hrg:domesticAct ?law }}")
    assert not reports_store.ask(
        HRG + f"ASK {{ GRAPH <{iri.graph('kaz-upr3-national-report')}> {{ <{action}> hrg:year ?y }} }}"
    )


def test_treaty_actions_of_kazakhstan(reports_store: GraphStore) -> None:
    rows = reports_store.select(
        HRG
        + """
        SELECT DISTINCT ?action ?cls WHERE { ?action hrg:actor <https://w3id.org/hrgraph/id/state/KAZ> ;
            a ?cls . FILTER(?cls != hrg:TreatyClaim) }"""
    )
    got = {(r["action"].value.split("/action/KAZ/")[1], r["cls"].value.split("#")[1]) for r in rows}
    assert ("CERD/ratification", "Ratification") in got
    assert ("CEDAW-OP/signature", "Signature") in got
    assert ("CSR51/consent", "ConsentToBeBound") in got
    assert not any(k.startswith("CMW/") or k.startswith("ICESCR-OP/") for k, _ in got)
    law = NamedNode(iri.domestic_act("KAZ", "ley", "322-I"))
    assert reports_store.ask(HRG + f"ASK {{ ?a hrg:domesticAct {law} ; hrg:domesticActDate ?d }}")


def test_everything_read_has_provenance(reports_store: GraphStore) -> None:
    missing = reports_store.select(
        HRG
        + """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?x WHERE { ?x a ?c . FILTER(?c IN (hrg:Paragraph, hrg:ReportDivision,
          hrg:TreatyClaim, hrg:DomesticAct, hrg:UPRRecommendation, hrg:TreatyAction))
          FILTER NOT EXISTS { ?x hrg:passage ?p } }"""
    )
    assert missing == []


def test_co_paragraphs_followed_up(reports_store: GraphStore) -> None:
    rows = run(reports_store, "co-paragraphs-followed-up")
    assert len(rows) == 50  # 27 headings: 21 name two paragraphs, one names four, five name one
    assert [(r["coNumber"], r["first"], r["last"], r["paragraphs"]) for r in rows[:2]] == [
        ("27", "48", "55", "8"),
        ("28", "48", "55", "8"),
    ]
    assert [(r["first"], r["last"]) for r in rows if r["coNumber"] == "22 b"] == [
        ("111", "117"),
        ("355", "374"),
    ]
    assert [r["coNumber"] for r in rows if r["first"] == "318"] == ["9", "10"]
