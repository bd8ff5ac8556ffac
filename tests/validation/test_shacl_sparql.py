"""The SPARQL SHACL engine (:mod:`hrgraph.validate.shacl_sparql`) reports exactly what pySHACL reports.

Differential tests: the seed build and small broken graphs, one or more per constraint
component the shapes use, validated by both engines; the results must be equal as a multiset
of (focus, path, component, severity, message). Unsupported shape constructs must raise.
"""

from __future__ import annotations

from collections import Counter

import pytest

from hrgraph.store import GraphStore
from hrgraph.validate import ValidationReport, validate_graphs, validate_store
from hrgraph.validate.report import Violation
from hrgraph.validate.shacl_sparql import ShapesGraph, UnsupportedShapeError, validate
from tests.conftest import fixture_store

SH = "http://www.w3.org/ns/shacl#"
ID = "https://w3id.org/hrgraph/id/"
HRG = "https://w3id.org/hrgraph/ontology#"
PREFIXES = """
@prefix hrg: <https://w3id.org/hrgraph/ontology#> .
@prefix id: <https://w3id.org/hrgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct: <http://purl.org/dc/terms/> .
"""
# A valid State and instrument the broken resources point to.
VALID = """
id:state\\/PRY a hrg:State ; hrg:isoAlpha3 "PRY" ; hrg:isoAlpha2 "PY" ;
    rdfs:label "Paraguay"@en , "Paraguay"@es .
id:instrument\\/ICCPR a hrg:Treaty ; rdfs:label "ICCPR"@en .
id:source\\/s a hrg:SourceDocument ; hrg:sha256 "%s" ; dct:title "S" .
""" % ("0" * 64)

# name: (Turtle, [(focus under id:, component)] that must be among the results)
CASES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "min-count-missing-required": (
        'id:state\\/PAR a hrg:State ; hrg:isoAlpha2 "PA" ; rdfs:label "P"@en , "P"@es .',
        [("state/PAR", "MinCountConstraintComponent")],
    ),
    "min-count-two-needed": (
        'id:state\\/BOL a hrg:State ; hrg:isoAlpha3 "BOL" ; hrg:isoAlpha2 "BO" ; rdfs:label "Bolivia"@en .',
        [("state/BOL", "MinCountConstraintComponent")],
    ),
    "max-count-two-values": (
        'id:state\\/ARG a hrg:State ; hrg:isoAlpha3 "ARG" ; hrg:isoAlpha2 "AR" , "AG" ;'
        ' rdfs:label "A"@en , "A"@es .',
        [("state/ARG", "MaxCountConstraintComponent")],
    ),
    "max-count-zero": (
        'id:act\\/m a hrg:ExecutiveMessage ; hrg:number "1" ; hrg:domesticActDate "2001-01-01"^^xsd:date ;'
        ' rdfs:label "M" .',
        [("act/m", "MaxCountConstraintComponent")],
    ),
    "datatype-wrong": (
        'id:passage\\/p a hrg:Passage ; dct:isPartOf id:source\\/s ; hrg:startLine "1" ; hrg:endLine 2 .',
        [("passage/p", "DatatypeConstraintComponent")],
    ),
    "datatype-ill-typed-date": (
        "id:action\\/a a hrg:TreatyAction ; hrg:actor id:state\\/PRY ; hrg:instrument id:instrument\\/ICCPR ;"
        ' hrg:date "2001-13-45"^^xsd:date ; prov:wasDerivedFrom id:source\\/s .',
        [("action/a", "DatatypeConstraintComponent")],
    ),
    "datatype-ill-typed-integer-and-lang": (
        'id:passage\\/q a hrg:Passage ; dct:isPartOf id:source\\/s ; hrg:startLine "one"^^xsd:integer ;'
        " hrg:endLine 2 . id:article\\/x a hrg:Article ; hrg:articleOf id:instrument\\/ICCPR ;"
        ' hrg:articleNumber "1" ; hrg:text "no language" .',
        [("passage/q", "DatatypeConstraintComponent"), ("article/x", "DatatypeConstraintComponent")],
    ),
    "class-wrong-and-subclass-right": (
        "id:action\\/b a hrg:TreatyAction ; hrg:actor id:instrument\\/ICCPR ; hrg:instrument id:instrument\\/ICCPR ;"
        " prov:wasDerivedFrom id:source\\/s .",
        [("action/b", "ClassConstraintComponent")],
    ),
    "pattern-value-and-node": (
        'id:state\\/py a hrg:State ; hrg:isoAlpha3 "py" ; hrg:isoAlpha2 "PY" ; rdfs:label "P"@en , "P"@es .',
        [("state/py", "PatternConstraintComponent")],
    ),
    "in-not-listed": (
        'id:ob\\/o hrg:typeAssignedBy "guess" ; hrg:obligationType id:concept\\/obligation-type\\/respect ;'
        ' hrg:text "t"@en ; hrg:passage id:passage\\/p .',
        [("ob/o", "InConstraintComponent"), ("ob/o", "MinCountConstraintComponent")],
    ),
    "language-in-wrong-language": (
        'id:state\\/URY a hrg:State ; hrg:isoAlpha3 "URY" ; hrg:isoAlpha2 "UY" ;'
        ' rdfs:label "Uruguay"@en , "Uruguay"@es , "Uruguay"@fr , "Uruguay" .',
        [("state/URY", "LanguageInConstraintComponent")],
    ),
    "unique-lang-duplicated": (
        'id:state\\/CHL a hrg:State ; hrg:isoAlpha3 "CHL" ; hrg:isoAlpha2 "CL" ;'
        ' rdfs:label "Chile"@en , "Chile!"@EN , "Chile"@es , "Chile!"@es .',
        [("state/CHL", "UniqueLangConstraintComponent")],
    ),
    "node-kind-literal-and-blank-pattern": (
        'id:rec\\/r a hrg:Recommendation ; hrg:addressedTo id:state\\/PRY ; hrg:theme "health" , [] ;'
        " prov:wasDerivedFrom id:source\\/s .",
        [("rec/r", "NodeKindConstraintComponent"), ("rec/r", "PatternConstraintComponent")],
    ),
    "or-no-alternative": (
        "id:rec\\/s a hrg:Recommendation ; hrg:addressedTo id:state\\/PRY ; hrg:inDocument id:doc\\/d ;"
        " prov:wasDerivedFrom id:source\\/s .",
        [("rec/s", "OrConstraintComponent")],
    ),
    "min-length-too-short": (
        'id:article\\/y a hrg:SubstantiveArticle ; hrg:text "corto"@es ; hrg:ordinal 1 ; hrg:printedNumber "1" ;'
        " prov:wasDerivedFrom id:source\\/s .",
        [("article/y", "MinLengthConstraintComponent")],
    ),
    "min-inclusive-below": (
        "id:passage\\/r a hrg:Passage ; dct:isPartOf id:source\\/s ; hrg:startLine 0 ; hrg:endLine 1 .",
        [("passage/r", "MinInclusiveConstraintComponent")],
    ),
    "subclass-instance-targeted": (
        "id:rec\\/u a hrg:UPRRecommendation ; prov:wasDerivedFrom id:source\\/s .",
        [("rec/u", "MinCountConstraintComponent")],
    ),
    "warning-severity": (
        'id:doc\\/X\\/1 a hrg:ConcludingObservations ; hrg:symbol "X/1" ; hrg:issuedBy id:body\\/b ;'
        " hrg:addressedTo id:state\\/PRY .",
        [("doc/X/1", "MinCountConstraintComponent")],
    ),
}


def as_multiset(report: ValidationReport) -> Counter[Violation]:
    return Counter(report.results)


def broken_store(turtle: str) -> GraphStore:
    store = fixture_store()
    store.load_bytes((PREFIXES + VALID + turtle).encode(), "ttl", graph="https://w3id.org/hrgraph/graph/test")
    return store


def test_seed_build_same_report(store: GraphStore) -> None:
    """If the seed build is validated by both engines, then the results are the same multiset."""
    sparql, reference = validate_store(store, "sparql"), validate_store(store, "pyshacl")
    assert as_multiset(sparql) == as_multiset(reference)
    assert sparql.conforms == reference.conforms


def test_valid_graph_conforms() -> None:
    """If only the valid resources are there, then both engines find nothing."""
    s = broken_store("")
    assert validate_store(s, "sparql").results == validate_store(s, "pyshacl").results == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_graph_same_report(name: str) -> None:
    """If a graph breaks a constraint, then the SPARQL engine reports what pySHACL reports, and
    the broken constraint is among the results."""
    turtle, expected = CASES[name]
    s = broken_store(turtle)
    sparql, reference = validate_store(s, "sparql"), validate_store(s, "pyshacl")
    assert as_multiset(sparql) == as_multiset(reference)
    assert sparql.conforms == reference.conforms
    found = {(v.focus.removeprefix(ID), v.component.removeprefix(SH)) for v in sparql.results}
    assert set(expected) <= found


def test_one_result_per_value_and_per_duplicated_language() -> None:
    """If two values fail and two languages repeat, then there are two results of each."""
    s = broken_store(CASES["unique-lang-duplicated"][0] + CASES["node-kind-literal-and-blank-pattern"][0])
    counts = Counter(v.component.removeprefix(SH) for v in validate_store(s, "sparql").results)
    assert counts["UniqueLangConstraintComponent"] == 2
    assert counts["NodeKindConstraintComponent"] == 2  # "health" and the blank node


def test_graph_subset_same_report() -> None:
    """If only some named graphs are validated (the engine's slower graph-list path), then the
    results are those pySHACL gives for the same graphs."""
    s = broken_store(CASES["max-count-two-values"][0])
    s.load_bytes((PREFIXES + CASES["subclass-instance-targeted"][0]).encode(), "ttl", graph="urn:other")
    graphs = ["https://w3id.org/hrgraph/graph/test"]
    sparql, reference = validate_graphs(s, graphs, "sparql"), validate_graphs(s, graphs, "pyshacl")
    assert as_multiset(sparql) == as_multiset(reference)
    assert not any("rec/u" in v.focus for v in sparql.results)


def test_value_failing_only_outside_the_focus_nodes_is_no_result() -> None:
    """If a value breaks a passage's value constraint on a resource that is no passage (the
    screen of hrg:startLine finds it, so the per-focus query runs), then nothing is reported,
    as pySHACL reports nothing; the same value on a passage is reported once."""
    outside = 'id:note\\/n hrg:startLine 0 ; hrg:endLine "x" .'
    s = broken_store(outside)
    sparql, reference = validate_store(s, "sparql"), validate_store(s, "pyshacl")  # oracle: pySHACL
    assert as_multiset(sparql) == as_multiset(reference)
    assert not [v for v in sparql.results if "note/n" in v.focus]
    s = broken_store(outside + CASES["min-inclusive-below"][0])
    sparql, reference = validate_store(s, "sparql"), validate_store(s, "pyshacl")
    assert as_multiset(sparql) == as_multiset(reference)
    assert [v.focus.removeprefix(ID) for v in sparql.results] == ["passage/r"]


def test_threads_do_not_change_the_report() -> None:
    """If every broken case is validated at once in one thread and in four, then the reports
    are equal, and equal to pySHACL's (oracle: the serial run and the reference engine)."""
    s = broken_store("\n".join(turtle for turtle, _ in CASES.values()))
    serial = validate(s.store, threads=1)
    assert len(serial.results) >= len(CASES)
    assert validate(s.store, threads=4) == serial
    assert as_multiset(serial) == as_multiset(validate_store(s, "pyshacl"))


def test_gyear_well_formedness_checked() -> None:
    """If an xsd:gYear is ill-formed, then the SPARQL engine reports it. (pySHACL does only once
    owlrl has patched rdflib's gYear parser in the same process: not compared.)"""
    s = broken_store('id:act\\/d a hrg:DomesticAct ; rdfs:label "Ley" ; hrg:year "20x1"^^xsd:gYear .')
    found = [v for v in validate_store(s, "sparql").results if v.path == HRG + "year"]
    assert [v.component for v in found] == [SH + "DatatypeConstraintComponent"]


SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:ex:> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; %s .
"""


@pytest.mark.parametrize(
    ("body", "construct"),
    [
        ("sh:targetNode ex:n", "sh:targetNode"),
        ("sh:property [ sh:path ex:p ; sh:maxLength 3 ]", "sh:maxLength"),
        ("sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ]", "sh:path"),
        ("sh:property [ sh:path ex:p ; sh:datatype <urn:ex:dt> ]", "sh:datatype"),
        ("sh:property [ sh:path ex:p ; sh:or ( [ sh:class ex:C ] ) ]", "sh:or"),
        ("sh:minCount 1", "sh:minCount"),
        ("sh:deactivated true", "sh:deactivated"),
    ],
)
def test_unsupported_construct_raises(body: str, construct: str) -> None:
    """If a shape uses a construct the engine does not implement, then validation raises an
    error naming the shape and the construct (it never passes silently)."""
    shapes = ShapesGraph.from_turtle(SHAPE % body)
    with pytest.raises(UnsupportedShapeError) as err:
        validate(GraphStore().store, shapes=shapes)
    assert "urn:ex:S" in str(err.value) and construct in str(err.value)


def test_unknown_engine_raises() -> None:
    with pytest.raises(ValueError, match="unknown validation engine"):
        validate_store(GraphStore(), "nope")  # type: ignore[arg-type]
