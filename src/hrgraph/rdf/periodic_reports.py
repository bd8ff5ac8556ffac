"""A periodic report to a treaty body as RDF (the ``state-report`` kind, either print).

The tab-numbered Spanish print (:class:`hrgraph.extract.treaty_report.TreatyReport`) is
written by :mod:`hrgraph.rdf.state_reports`; a report printed with a UN cover
(:class:`hrgraph.extract.state_report.PeriodicReport`) here, into its source's graph:

- the report ``id/doc/SYMBOL`` (``id/doc/CCPR/C/USA/4``): ``hrg:StateReport``, ``hrg:symbol``,
  ``dct:date`` (the cover's), ``dct:language``, ``hrg:submittedBy`` the State,
  ``hrg:submittedTo`` the committee, ``hrg:respondsTo`` the concluding observations it follows
  up (``hrg:ConcludingObservations`` ``hrg:addressedTo`` the State);
- chapters ``…/chapter/II`` (``hrg:ReportChapter``) and headings ``…/heading/N``
  (``hrg:ReportSection``; one naming concluding-observation paragraphs is a
  ``hrg:FollowUpSection`` that ``hrg:respondsTo`` them; ``Article 6`` ``hrg:concernsArticle``
  article 6 of the committee's treaty), ``dct:title`` and ``rdfs:label`` as printed,
  ``hrg:partOf``, ``hrg:ordinal``;
- paragraphs ``id/doc/SYMBOL/para/N`` (``hrg:Paragraph``: number, ordinal, ``hrg:text`` in the
  report's language, ``hrg:paragraphOf``, ``hrg:inChapter``, ``hrg:inDivision``,
  ``hrg:concernsArticle``), lettered items ``…/para/7a`` ``hrg:partOf`` theirs;
  ``hrg:respondsTo`` each concluding-observation paragraph ``id/doc/CO-SYMBOL/para/N``
  (``…/para/25a`` ``hrg:partOf`` ``…/para/25``) the paragraph, its heading or its notes name;
  ``hrg:cites`` the UN documents it prints;
- notes ``id/doc/SYMBOL/note/N`` (``hrg:Note``: ``hrg:noteNumber``, ``hrg:text``,
  ``hrg:noteOf``), ``hrg:hasNote`` from the paragraph whose marker points to each.

Every resource carries its passage (``GraphWriter.derived_from``).
"""

from __future__ import annotations

from pyoxigraph import Literal

from hrgraph import iri
from hrgraph.extract import state_report as sr
from hrgraph.extract import treaty_report
from hrgraph.extract.common import Span
from hrgraph.extract.treaty_body_text import body_from_symbol
from hrgraph.extract.undoc.cover import kind_from_symbol, state_from_symbol
from hrgraph.namespace import DCT, XSD
from hrgraph.rdf import state_reports
from hrgraph.rdf.notes import write_note
from hrgraph.rdf.treaty_bodies import article_node, co_document, doc_paragraph, treaty_of
from hrgraph.rdf.writer import GraphWriter


def write(doc: sr.PeriodicReport | treaty_report.TreatyReport, w: GraphWriter) -> None:
    """The records of one periodic report into its source's graph, whichever print."""
    if isinstance(doc, treaty_report.TreatyReport):
        state_reports.write(doc, w)
    else:
        write_report(doc, w)


def write_report(r: sr.PeriodicReport, w: GraphWriter) -> None:
    cover = r.symbol_span or r.paragraphs[0].span
    doc = iri.doc(r.symbol)
    w.type(doc, "StateReport")
    w.value(doc, "symbol", r.symbol)
    w.link(doc, "submittedBy", iri.state(r.state))
    w.link(doc, "submittedTo", iri.body(r.body))
    w.label(doc, f"Periodic report {r.symbol}", "en")
    if r.date:
        w.add(doc, DCT.date, Literal(r.date.isoformat(), datatype=XSD.date))
    w.add(doc, DCT.language, Literal(r.language))
    w.derived_from(doc, cover)
    if r.co_symbol:
        w.link(doc, "respondsTo", co_document(w, r.co_symbol, r.body, r.state, cover))
    treaty = treaty_of(r.body)
    divisions = _headings(r, w, doc, treaty)
    notes = {n.number: write_note(w, doc, n.number, n.text, r.language, n.span) for n in r.notes}
    for p in r.paragraphs:
        node = doc_paragraph(w, r.symbol, str(p.number), p.span)
        w.text(node, "text", p.text, r.language)
        w.value(node, "ordinal", p.number)
        if p.chapter in divisions:
            w.link(node, "inChapter", divisions[p.chapter])
        division = divisions.get(p.heading or 0) or divisions.get(p.chapter or 0)
        if division:
            w.link(node, "inDivision", division)
        w.link(node, "partOf", division or doc)
        if p.article and treaty:
            w.link(node, "concernsArticle", iri.article(treaty, p.article))
        for item in p.items:
            sub = doc_paragraph(w, r.symbol, f"{p.number}{item.letter}", item.span)
            w.text(sub, "text", item.text, r.language)
        w.links(node, "hasNote", [notes[n] for n in p.notes if n in notes])
        for resp in p.responds_to:
            w.link(node, "respondsTo", _answered(w, r, resp))
        for cited in p.documents:
            w.link(node, "cites", _cited(w, cited.symbol, cited.span))


def _headings(r: sr.PeriodicReport, w: GraphWriter, doc: str, treaty: str | None) -> dict[int, str]:
    out: dict[int, str] = {}
    for h in r.headings:
        parent = out.get(h.parent or 0, doc)
        if h.kind == "chapter" and h.number:
            node, cls = f"{doc}/chapter/{h.number}", "ReportChapter"
        else:
            node = iri.doc_item(r.symbol, "heading", str(h.ordinal))
            cls = "FollowUpSection" if h.responds_to else "ReportSection"
        out[h.ordinal] = node
        w.type(node, cls)
        w.type(node, "ReportDivision")
        if h.number:
            w.value(node, "number", h.number)
        w.add(node, DCT.title, Literal(h.title, language=r.language))
        w.label(node, f"{h.number}. {h.title}" if h.number else h.title, r.language)
        w.link(node, "partOf", parent)
        w.value(node, "ordinal", h.ordinal)
        w.derived_from(node, h.span)
        if h.article and treaty and sr.ARTICLE_HEADING.match(h.title):  # the "Article 6" heading
            w.link(node, "concernsArticle", article_node(w, treaty, h.article, h.span))
        for resp in h.responds_to:
            w.link(node, "respondsTo", _answered(w, r, resp))
    return out


def _answered(w: GraphWriter, r: sr.PeriodicReport, resp: sr.Response) -> str:
    """The concluding-observation paragraph answered, with its document."""
    co_document(w, resp.symbol, r.body, r.state, resp.span)
    return doc_paragraph(w, resp.symbol, resp.paragraph, resp.span)


def _cited(w: GraphWriter, symbol: str, span: Span) -> str:
    """A UN document a paragraph cites; concluding observations with their committee and State."""
    body, state = body_from_symbol(symbol), state_from_symbol(symbol)
    if kind_from_symbol(symbol) == "concluding-observations" and body and state:
        return co_document(w, symbol, body, state, span)
    node = iri.doc(symbol)
    w.type(node, "Document")
    w.value(node, "symbol", symbol)
    w.derived_from(node, span)
    return node
