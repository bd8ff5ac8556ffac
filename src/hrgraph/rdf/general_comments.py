"""General comments and their obligations → triples (DESIGN §3: GeneralComment, Obligation).

A general comment ``id/gc/CESCR/14`` is ``hrg:issuedBy`` its body, carries its number and title
as printed, its citation (session, years, symbol or the document it was published in; the
document IRI of its own symbol is linked as an alias with ``rdfs:seeAlso``, not ``owl:sameAs``,
which the OWL RL reasoner would use to copy every statement onto the alias),
``dct:isReplacedBy`` where the compilation says so, and ``hrg:interprets`` the articles (or
article paragraphs) its title and text name. Each obligation ``id/gc/CESCR/14/obligation/651-1``
(the first obligation starting on line 651) has its text, ``hrg:derivedFrom`` its general
comment, ``hrg:concernsArticle``, ``hrg:obligationType`` concepts of
``ontology/obligation-types.ttl`` and ``hrg:typeAssignedBy`` "heading" or "rule". Every resource
keeps its passage (``GraphWriter.derived_from``).
"""

from __future__ import annotations

from pyoxigraph import Literal

from hrgraph import iri
from hrgraph.extract.common import Span
from hrgraph.extract.compilation.general_comments import (
    INSTRUMENT,
    ArticleRef,
    GeneralComment,
    Obligation,
    Result,
)
from hrgraph.namespace import DCT, RDFS, XSD, hrg
from hrgraph.rdf.writer import GraphWriter

SCHEME = "obligation-type"
LABEL_CHARS = 120


def gc_iri(body: str, number: str) -> str:
    return iri.general_comment(body, number)


def obligation_iri(ob: Obligation) -> str:
    return iri.entity("gc", ob.body, ob.gc, "obligation", ob.key)


def article_iri(ref: ArticleRef) -> str:
    return iri.article(ref.instrument, ref.number, ref.para)


def write(result: Result, w: GraphWriter) -> None:
    for gc in result.comments:
        write_comment(gc, w)
    for ob in result.obligations:
        write_obligation(ob, w)


def write_article(ref: ArticleRef, w: GraphWriter, span: Span) -> str:
    """The article (or paragraph of an article) a reference names, linked to its instrument.

    The same IRIs the instruments stage mints (``iri.article(key, number)``); the link says what
    the reference says ("artículo 12 del Pacto"), so it holds before that stage has run.
    """
    article = iri.article(ref.instrument, ref.number)
    w.type(article, "Article")
    w.link(article, "articleOf", iri.instrument(ref.instrument))
    w.value(article, "articleNumber", ref.number)
    w.derived_from(article, span)
    if ref.para is None:
        return article
    node = article_iri(ref)
    w.type(node, "Paragraph")
    w.link(node, "paragraphOf", article)
    w.value(node, "paragraphNumber", ref.para)
    w.derived_from(node, span)
    return node


def write_comment(gc: GeneralComment, w: GraphWriter) -> None:
    s = gc_iri(gc.body, gc.number)
    w.type(s, "GeneralComment")
    w.link(s, "issuedBy", iri.body(gc.body))
    w.value(s, "number", gc.printed_number)
    w.label(s, gc.label, "es")
    if gc.title:
        w.add(s, DCT.title, Literal(gc.title, language="es"))
    write_citation(gc, s, w)
    if gc.replaced_by:
        w.add(s, DCT.isReplacedBy, gc_iri(gc.body, gc.replaced_by))
        if gc.replaced_span:
            w.derived_from(s, gc.replaced_span)
    for ref in gc.interprets:
        w.link(s, "interprets", write_article(ref, w, gc.span))
    w.derived_from(s, gc.span)


def write_citation(gc: GeneralComment, s: str, w: GraphWriter) -> None:
    if gc.symbol:
        w.value(s, "symbol", gc.symbol)
        w.add(s, RDFS.seeAlso, iri.doc(gc.symbol))  # the alias by symbol, not owl:sameAs
    if gc.published_in:
        doc = iri.doc(gc.published_in)
        w.type(doc, "Document")
        w.value(doc, "symbol", gc.published_in)
        w.link(s, "publishedIn", doc)
        w.derived_from(doc, gc.span)
    if gc.session:
        w.value(s, "session", gc.session)
    if gc.session_number is not None:
        w.value(s, "sessionNumber", gc.session_number)
    if gc.year is not None:
        w.add(s, hrg("documentYear"), Literal(str(gc.year), datatype=XSD.gYear))
    if gc.session_year is not None:
        w.add(s, hrg("sessionYear"), Literal(str(gc.session_year), datatype=XSD.gYear))
    if gc.date is not None:
        w.value(s, "date", gc.date)
    if gc.citation:
        w.value(s, "citation", gc.citation)


def write_obligation(ob: Obligation, w: GraphWriter) -> None:
    o = obligation_iri(ob)
    w.type(o, "Obligation")
    w.text(o, "text", ob.text, "es")
    w.label(o, label(ob), "es")
    w.link(o, "derivedFrom", gc_iri(ob.body, ob.gc))
    for ref in ob.articles:
        w.link(o, "concernsArticle", write_article(ref, w, ob.span))
    for key in ob.types:
        w.link(o, "obligationType", iri.concept(SCHEME, key))
    w.value(o, "typeAssignedBy", ob.assigned_by)
    if ob.heading:
        w.value(o, "underHeading", ob.heading)
    if ob.marker != "•":
        w.value(o, "itemLetter", ob.marker)
    w.derived_from(o, ob.span)
    for span in ob.continued:
        w.derived_from(o, span)


def label(ob: Obligation) -> str:
    """``CESCR 14 • Respetar el derecho a la salud, …`` (the text, cut at a word)."""
    text = ob.text if len(ob.text) <= LABEL_CHARS else ob.text[:LABEL_CHARS].rsplit(" ", 1)[0] + " …"
    return f"{ob.body} {ob.gc} {ob.marker} {text}"


__all__ = ["INSTRUMENT", "write"]
