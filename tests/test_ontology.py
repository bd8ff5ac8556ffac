"""The ontology: header, labels and definitions, OWL 2 RL profile, generated namespace."""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from hrgraph import namespace
from hrgraph.validate import ontology_graph

ONTO = rdflib.URIRef("https://w3id.org/hrgraph/ontology")
HRG = "https://w3id.org/hrgraph/ontology#"
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")


def test_header_is_complete() -> None:
    g = ontology_graph()
    for prop in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCT.license,
        DCT.title,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
    ):
        assert g.value(ONTO, prop) is not None, prop
    assert str(g.value(ONTO, OWL.versionInfo)) == __import__("hrgraph").__version__


def test_every_term_has_labels_in_two_languages_and_a_definition() -> None:
    g = ontology_graph()
    terms = {s for s in g.subjects(RDF.type, None) if str(s).startswith(HRG)}
    assert len(terms) > 60
    for term in terms:
        langs = {getattr(lbl, "language", None) for lbl in g.objects(term, RDFS.label)}
        assert {"en", "es"} <= langs, term
        assert g.value(term, SKOS.definition) is not None, term
        assert g.value(term, RDFS.isDefinedBy) == ONTO, term


def test_generated_namespace_is_current() -> None:
    """namespace.HRG_TERMS is what 'python -m hrgraph.namespace' would write."""
    assert sorted(namespace.HRG_TERMS) == namespace.defined_terms()


RL_FORBIDDEN = [
    OWL.unionOf,
    OWL.someValuesFrom,
    OWL.minCardinality,
    OWL.cardinality,
    OWL.oneOf,
    OWL.complementOf,
]


def test_ontology_stays_in_owl2_rl_for_what_it_uses() -> None:
    """No axiom forms OWL 2 RL rules out (existentials on the right, unions on the right,
    min/exact cardinality, enumerations, complements); every class axiom is between named classes."""
    g = ontology_graph()
    for prop in RL_FORBIDDEN:
        assert not list(g.subject_objects(prop)), prop
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        assert isinstance(sub, rdflib.URIRef) and isinstance(sup, rdflib.URIRef), (sub, sup)
