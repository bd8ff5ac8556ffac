"""Footnotes and endnotes of any UN document as RDF, one shape for every genre.

A note is ``DOC/note/N`` (``id/doc/CCPR/C/USA/CO/4/Add.1/note/8``): ``hrg:Note`` with
``hrg:noteNumber`` and ``hrg:text`` as printed (in the document's language), ``hrg:noteOf`` the
document, and its passage; the paragraph whose marker points to it ``hrg:hasNote`` it (the
caller links it).

>>> from hrgraph import iri
>>> from hrgraph.extract.common import Span
>>> w = GraphWriter(iri.graph("d"), {"d": iri.source("d")})
>>> write_note(w, iri.doc("A/1"), 3, "Ibid.", "en", Span("d", 7, 7))
'https://w3id.org/hrgraph/id/doc/A/1/note/3'
"""

from __future__ import annotations

from hrgraph.extract.common import Span
from hrgraph.rdf.writer import GraphWriter


def write_note(w: GraphWriter, doc: str, number: int, text: str, language: str, span: Span) -> str:
    """Note ``number`` of document ``doc``; its IRI."""
    node = f"{doc}/note/{number}"
    w.type(node, "Note")
    w.value(node, "noteNumber", number)
    w.text(node, "text", text, language)
    w.link(node, "noteOf", doc)
    w.derived_from(node, span)
    return node
