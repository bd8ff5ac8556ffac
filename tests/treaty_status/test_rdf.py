"""Paraguay's treaty actions as RDF: the mapping, the three queries, and the shapes.

Queries are run as the house style binds parameters (pyoxigraph substitutions, SEP-0007) on a
store holding the ontology, the reference data, the table's triples and the curated deposit dates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Variable

from hrgraph import iri
from hrgraph.build import load_ontology
from hrgraph.extract.compilation.ratification_tables import Result
from hrgraph.iri import REFERENCE_GRAPH
from hrgraph.namespace import XSD
from hrgraph.rdf import treaty_status
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import write_reference
from hrgraph.store import GraphStore
from hrgraph.validate import shapes_graph, validate_graph
from tests.helpers import run

PRY = NamedNode(iri.state("PRY"))
SOURCES = {"pry-compilation": iri.source("pry-compilation")}


@pytest.fixture(scope="module")
def writers(result: Result) -> tuple[GraphWriter, GraphWriter]:
    table = GraphWriter(iri.graph("pry-compilation"), SOURCES)
    treaty_status.write(result, table)
    ref = GraphWriter(REFERENCE_GRAPH, SOURCES)
    write_reference(ref)
    treaty_status.write_curated(ref)
    return table, ref


@pytest.fixture(scope="module")
def store(writers: tuple[GraphWriter, GraphWriter]) -> GraphStore:
    s = GraphStore()
    load_ontology(s)
    for w in writers:
        s.add_quads(w.quads)
    return s


def value(term: object) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else str(term)


def d(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def test_iccpr_accession_and_its_law(store: GraphStore) -> None:
    """If the table prints 'Adhesión' and 'Ley N° 5 09/IV/1992' for the ICCPR, then PRY's
    accession names that law, its number and date, and the deposit date curated from UNTC."""
    q = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?state ?i ?label ?number ?lawDate ?deposit WHERE {
      ?a a hrg:Accession ; hrg:actor ?state ; hrg:instrument ?i ; hrg:domesticAct ?law ;
         hrg:depositDate ?deposit .
      ?law rdfs:label ?label ; hrg:number ?number ; hrg:domesticActDate ?lawDate }"""
    subs = {Variable("state"): PRY, Variable("i"): NamedNode(iri.instrument("ICCPR"))}
    rows = list(store.store.query(q, substitutions=subs, use_default_graph_as_union=True))  # type: ignore[arg-type]
    assert [(r["label"].value, r["number"].value, r["lawDate"].value, r["deposit"].value) for r in rows] == [
        ("Ley N° 5", "5", "1992-04-09", "1992-06-10")
    ]


def test_every_action_has_provenance(writers: tuple[GraphWriter, GraphWriter]) -> None:
    table = writers[0]
    typed = {value(q.subject) for q in table.quads if value(q.predicate).endswith("#type")}
    derived = {value(q.subject) for q in table.quads if value(q.predicate).endswith("wasDerivedFrom")}
    actions = {s for s in typed if "/action/" in s or "/law/" in s or "/adoption/" in s}
    assert actions and actions <= derived


def test_status_table_sorted_by_date(store: GraphStore) -> None:
    rows = run(store, "state-treaty-status", state=PRY)
    keys = [r["key"] for r in rows]
    assert len(keys) == 54  # 56 rows less the two declarations (adoptions, not acts of Paraguay)
    assert "UDHR" not in keys and "ADRDM" not in keys
    dates = [r["date"] for r in rows if "date" in r]
    assert dates == sorted(dates)
    iccpr = next(r for r in rows if r["key"] == "ICCPR")
    assert (iccpr["consent"], iccpr["law"], iccpr["lawDate"], iccpr["depositDate"]) == (
        "accession",
        "Ley N° 5",
        "1992-04-09",
        "1992-06-10",
    )
    c078 = next(r for r in rows if r["key"] == "ILO-C078")
    assert c078["law"] in ("Ley N° 992 | Ley N° 994", "Ley N° 994 | Ley N° 992")


def test_signed_not_ratified_per_the_table(store: GraphStore) -> None:
    """The CMW was signed (13/IX/2000); the table prints only the Executive's message, but the
    curated UNTC ratification closes it, so nothing remains signed and unratified."""
    assert run(store, "signed-not-ratified", state=PRY) == []


def test_signed_not_ratified_without_curated_data(writers: tuple[GraphWriter, GraphWriter]) -> None:
    s = GraphStore()
    load_ontology(s)
    s.add_quads(writers[0].quads)
    rows = run(s, "signed-not-ratified", state=PRY)
    assert [(r["instrument"].rsplit("/", 1)[1], r["signed"], r["domesticAct"]) for r in rows] == [
        ("CMW", "2000-09-13", "Mensaje del Poder Ejecutivo Nº 845")
    ]


def test_ratified_in_period(store: GraphStore) -> None:
    rows = run(store, "ratified-in-period", state=PRY, **{"from": d("2001-01-01"), "to": d("2001-12-31")})
    got = {(r["instrument"].rsplit("/", 1)[1], r["date"], r["dateBasis"]) for r in rows}
    assert got == {
        ("ILO-C182", "2001-01-10", "domestic act"),
        ("CEDAW-OP", "2001-05-14", "deposit"),
        ("ROME-STATUTE", "2001-05-14", "deposit"),
        ("GENOCIDE", "2001-10-03", "deposit"),
    }


def _shape_results(turtle: str) -> set[tuple[str, str]]:
    data = rdflib.Graph().parse(data=turtle, format="turtle")
    report = validate_graph(data, shapes_graph())
    return {(v.focus.rsplit("/", 1)[-1], v.component.rsplit("#", 1)[-1]) for v in report.results}


PREFIXES = """@prefix hrg: <https://w3id.org/hrgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix id: <https://w3id.org/hrgraph/id/> .
"""


def test_shapes_conforming_case() -> None:
    turtle = (
        PREFIXES
        + """
    id:law-ok a hrg:ApprovalLaw ; rdfs:label "Ley N° 5"@es ; hrg:number "5" ;
        hrg:domesticActDate "1992-04-09"^^xsd:date ; prov:wasDerivedFrom id:src .
    id:msg-ok a hrg:ExecutiveMessage ; rdfs:label "Mensaje N° 845"@es ; hrg:number "845" .
    """
    )
    assert _shape_results(turtle) == set()


def test_shapes_violating_case() -> None:
    turtle = (
        PREFIXES
        + """
    id:law-bad a hrg:ApprovalLaw ; hrg:number "5" , "6" .
    id:msg-bad a hrg:ExecutiveMessage ; hrg:number "845" ; hrg:domesticActDate "2001-10-29"^^xsd:date .
    id:adoption-bad a hrg:Adoption ; hrg:actor id:state .
    """
    )
    got = _shape_results(turtle)
    assert {
        ("law-bad", "MinCountConstraintComponent"),
        ("law-bad", "MaxCountConstraintComponent"),
        ("msg-bad", "MaxCountConstraintComponent"),
        ("adoption-bad", "MinCountConstraintComponent"),
        ("adoption-bad", "MaxCountConstraintComponent"),
    } <= got


def test_curated_dates_are_dates_with_a_source() -> None:
    ref = GraphWriter(REFERENCE_GRAPH, SOURCES)
    treaty_status.write_curated(ref)
    deposits: dict[str, Any] = {
        value(q.subject): value(q.object) for q in ref.quads if value(q.predicate).endswith("depositDate")
    }
    assert deposits[iri.treaty_action("PRY", "CAT", "ratification")] == date(1990, 3, 12).isoformat()
    sources = {value(q.subject) for q in ref.quads if value(q.predicate).endswith("/source")}
    assert set(deposits) <= sources


def test_curated_rows_meet_the_actions_read_from_the_table(writers: tuple[GraphWriter, GraphWriter]) -> None:
    """If a curated deposit date names an action, then the table printed that action with the same
    kind (ratification or accession), so the two sources meet on one node; the only exception is
    the CMW, whose consent the table prints as a bill in progress (UNTC records the ratification)."""
    table, ref = writers
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    read = {value(q.subject) for q in table.quads if value(q.predicate) == rdf_type}
    curated = {value(q.subject) for q in ref.quads if value(q.predicate).endswith("depositDate")}
    assert curated - read == {iri.treaty_action("PRY", "CMW", "ratification")}
