"""Write triples into one named graph, with typed literals and passage provenance.

Every mapping module (``hrgraph.rdf.*``) takes records and a :class:`GraphWriter`;
the writer holds the quads until the build loads them into the store in one bulk step.

>>> from hrgraph import iri
>>> w = GraphWriter(iri.graph("demo"), {"demo": iri.source("demo")})
>>> pry = iri.state("PRY")
>>> w.type(pry, "State")
>>> w.label(pry, "Paraguay", "es")
>>> w.value(pry, "date", date(1992, 4, 9))
>>> w.derived_from(pry, Span("demo", 3, 4))
>>> len(w.quads)
9
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Quad

from hrgraph import iri
from hrgraph.extract.common import Span
from hrgraph.namespace import DCT, PROV, RDF, RDFS, SKOS, XSD, hrg

Object = NamedNode | Literal
Value = str | int | bool | date | Decimal | float


def node(value: str | NamedNode) -> NamedNode:
    """A NamedNode from an IRI string (or itself)."""
    return value if isinstance(value, NamedNode) else NamedNode(value)


def typed(value: Value) -> Literal:
    """A typed literal: str → xsd:string, int → xsd:integer, date → xsd:date, …"""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, Decimal | float):
        return Literal(str(value), datatype=XSD.decimal)
    return Literal(value)


class GraphWriter:
    """Collects the quads of one named graph."""

    def __init__(self, graph: str, sources: Mapping[str, str]) -> None:
        self.graph = NamedNode(graph)
        self.sources = sources
        self.quads: list[Quad] = []
        self._passages: set[str] = set()

    def add(self, s: str | NamedNode, p: str | NamedNode, o: Object | str) -> None:
        """Add one triple; a plain-string object is taken as an IRI."""
        obj = NamedNode(o) if isinstance(o, str) else o
        self.quads.append(Quad(node(s), node(p), obj, self.graph))

    def type(self, s: str | NamedNode, cls: str | NamedNode) -> None:
        """``s a hrg:cls`` (a bare name) or ``s a cls`` (an IRI)."""
        self.add(s, RDF.type, hrg(cls) if isinstance(cls, str) and ":" not in cls else node(cls))

    def label(self, s: str | NamedNode, text: str, lang: str) -> None:
        self.add(s, RDFS.label, Literal(text, language=lang))

    def text(self, s: str | NamedNode, p: str | NamedNode, text: str, lang: str = "es") -> None:
        """A language-tagged literal (``hrg:text`` and the like)."""
        self.add(s, hrg(p) if isinstance(p, str) and ":" not in p else p, Literal(text, language=lang))

    def value(self, s: str | NamedNode, p: str | NamedNode, value: Value) -> None:
        """A typed literal value for ``hrg:p`` (a bare name) or property IRI ``p``."""
        self.add(s, hrg(p) if isinstance(p, str) and ":" not in p else p, typed(value))

    def link(self, s: str | NamedNode, p: str, o: str | NamedNode) -> None:
        """``s hrg:p o`` between two resources."""
        self.add(s, hrg(p), node(o))

    def links(self, s: str | NamedNode, p: str, objects: Iterable[str | NamedNode]) -> None:
        for o in objects:
            self.link(s, p, o)

    def derived_from(self, s: str | NamedNode, span: Span) -> None:
        """Provenance: ``prov:wasDerivedFrom`` the source, ``hrg:passage`` the lines read."""
        doc = self.sources[span.source]
        self.add(s, PROV.wasDerivedFrom, doc)
        passage = iri.passage(span.source, span.start, span.end)
        self.add(s, hrg("passage"), passage)
        if passage not in self._passages:
            self._passages.add(passage)
            self.type(passage, "Passage")
            self.add(passage, DCT.isPartOf, doc)
            self.value(passage, "startLine", span.start)
            self.value(passage, "endLine", span.end)

    def concept(self, s: str, scheme: str, pref_es: str, pref_en: str | None = None) -> None:
        """A SKOS concept in ``scheme`` with its Spanish (printed) and English labels."""
        self.add(s, RDF.type, SKOS.Concept)
        self.add(s, SKOS.inScheme, scheme)
        self.add(s, SKOS.prefLabel, Literal(pref_es, language="es"))
        if pref_en:
            self.add(s, SKOS.prefLabel, Literal(pref_en, language="en"))
