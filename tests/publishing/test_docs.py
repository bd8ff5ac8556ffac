"""The ontology documentation: a page for every term, the diagram, the ontology as RDF/XML."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph
import pytest

from hrgraph.build import BuildReport
from hrgraph.iri import HRG
from hrgraph.namespace import HRG_TERMS
from hrgraph.publish.ontodoc import load
from tests.helpers import ONTOLOGY


@pytest.fixture(scope="module")
def docs(built: tuple[Path, BuildReport]) -> Path:
    return built[0] / "docs"


def page_of(docs: Path, term: str) -> Path:
    pages = [p for p in (docs / f"class-{term}.html", docs / f"property-{term}.html") if p.is_file()]
    assert len(pages) == 1, f"hrg:{term}: pages {pages}"
    return pages[0]


def test_every_ontology_term_has_a_page(docs: Path) -> None:
    missing = [
        t
        for t in sorted(HRG_TERMS)
        if not any((docs / f"{kind}-{t}.html").is_file() for kind in ("class", "property"))
    ]
    assert missing == []


@pytest.mark.parametrize("term", ["State", "Ratification", "actor", "boundBy", "isoNumeric"])
def test_page_shows_label_definition_and_iri(docs: Path, term: str) -> None:
    onto = load()
    info = onto.terms[HRG + term]
    text = page_of(docs, term).read_text(encoding="utf-8")
    assert HRG + term in text
    for _, label in info.texts("http://www.w3.org/2000/01/rdf-schema#label"):
        assert html.escape(label) in text
    for _, definition in info.texts("http://www.w3.org/2004/02/skos/core#definition"):
        assert html.escape(definition) in text


def test_index_links_every_page(docs: Path) -> None:
    index = (docs / "index.html").read_text(encoding="utf-8")
    for term in HRG_TERMS:
        assert f'href="{page_of(docs, term).name}"' in index, term


def test_diagram_is_svg_with_the_main_classes(docs: Path) -> None:
    root = ET.parse(docs / "hrgraph.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"hrg:State", "hrg:Treaty", "hrg:Article", "hrg:MonitoringBody", "hrg:Obligation"} <= texts
    assert "hrg:monitoredBy" in texts  # an object property drawn from its domain and range
    assert '"Treaty" -> "Instrument"' in (docs / "hrgraph.dot").read_text()


def test_ontology_rdfxml_is_the_same_graph_as_turtle(docs: Path) -> None:
    rdfxml = {q.triple for q in pyoxigraph.parse(path=str(docs / "hrgraph-ontology.rdf"))}
    turtle = {q.triple for q in pyoxigraph.parse(path=str(docs / "hrgraph-ontology.ttl"))}
    modules = {q.triple for p in sorted((ONTOLOGY).glob("*.ttl")) for q in pyoxigraph.parse(path=str(p))}
    assert rdfxml == turtle == modules
