"""UPR documents as RDF: national reports, compilations and stakeholders' summaries.

The records of :mod:`hrgraph.extract.upr_national_report` and
:mod:`hrgraph.extract.upr_compilation`; the hard-wrapped print of a national report is read in
full by :mod:`hrgraph.extract.upr_report` and written by :mod:`hrgraph.rdf.state_reports`
(:func:`write_national_report` picks). The State, the cycle and the symbol come from the
document's records, never from a constant.

What is written, into the source's graph, for the document ``D`` (``w.sources[doc.source]``):

- ``D hrg:symbol``, ``dct:date`` (the cover's ``Distr.`` date), ``dct:language``; a national
  report ``hrg:submittedBy`` its State, ``hrg:submittedTo`` the UPR Working Group and
  ``hrg:forReview`` its review (``id/upr/DNK/4``, a ``hrg:UPRReview`` with ``hrg:cycle`` and
  ``hrg:reviewOf``); a compilation ``hrg:forReview`` the same way;
- chapters (``hrg:ReportChapter``, ``D/chapter/II``) and every other heading (``hrg:ReportSection``;
  a heading listing recommendations is a ``hrg:FollowUpSection``), each with ``dct:title`` and
  ``rdfs:label`` as printed, ``hrg:partOf`` its parent, ``hrg:ordinal``;
- paragraphs ``id/doc/SYMBOL/para/N`` (``hrg:Paragraph``, ``hrg:paragraphNumber``,
  ``hrg:text`` tagged with the document's language, ``hrg:paragraphOf`` / ``hrg:hasParagraph``,
  ``hrg:inChapter``, ``hrg:inDivision``), lettered sub-items ``…/para/28a`` ``hrg:partOf`` their
  paragraph;
- notes ``D/note/N`` (``hrg:Note``: ``hrg:noteNumber``, ``hrg:text``, ``hrg:noteOf``), linked
  from the paragraph whose marker points to them (``hrg:hasNote``); UN documents a note cites
  (``hrg:cites``, ``hrg:Document`` with ``hrg:symbol``);
- ``hrg:respondsTo`` from a paragraph to each recommendation it answers,
  ``id/upr/STATE/CYCLE/NUMBER`` (``hrg:UPRRecommendation`` with ``hrg:number``, ``hrg:review``,
  ``hrg:addressedTo``, ``hrg:issuedBy``), derived from the note or heading that cites it.

Every resource carries its passage (``GraphWriter.derived_from``).
"""

from __future__ import annotations

from pyoxigraph import Literal

from hrgraph import iri
from hrgraph.extract.citations import slug
from hrgraph.extract.common import Span
from hrgraph.extract.undoc.notes import Note
from hrgraph.extract.upr_compilation import UPRCompilation
from hrgraph.extract.upr_national_report import ReportHeading, UPRNationalReport
from hrgraph.extract.upr_report import UPRReport
from hrgraph.namespace import DCT, XSD
from hrgraph.rdf import state_reports
from hrgraph.rdf.notes import write_note
from hrgraph.rdf.writer import GraphWriter

UPR_WG = "UPR-WG"


def write_national_report(doc: UPRNationalReport | UPRReport, w: GraphWriter) -> None:
    """A national report in either print: the hard-wrapped print's full reading (acts, treaty
    claims, unanswered recommendations) goes through :mod:`hrgraph.rdf.state_reports`."""
    if isinstance(doc, UPRReport):
        state_reports.write(doc, w)
    else:
        write(doc, w)


def write(doc: UPRNationalReport | UPRCompilation, w: GraphWriter) -> None:
    """The records of one UPR document into its source's graph."""
    node = w.sources[doc.source]
    _document(doc, w, node)
    divisions = _headings(doc, w, node, doc.headings)
    notes = {n.number: _note(doc, w, node, n) for n in _notes(doc)}
    if isinstance(doc, UPRNationalReport):
        _report_paragraphs(doc, w, node, divisions, notes)
    else:
        _compilation_paragraphs(doc, w, node, divisions, notes)


def _notes(doc: UPRNationalReport | UPRCompilation) -> list[Note]:
    return [n.note for n in doc.notes] if isinstance(doc, UPRCompilation) else list(doc.notes)


def _review(w: GraphWriter, state: str, cycle: int, span: Span) -> str:
    review = iri.entity("upr", state, str(cycle))
    w.type(review, "UPRReview")
    w.value(review, "cycle", cycle)
    w.link(review, "reviewOf", iri.state(state))
    w.label(review, f"Universal Periodic Review of {state}, cycle {cycle}", "en")
    w.derived_from(review, span)
    return review


def _document(doc: UPRNationalReport | UPRCompilation, w: GraphWriter, node: str) -> None:
    span = doc.symbol_span or (doc.cover.spans[0] if doc.cover.spans else None)
    if doc.symbol:
        w.value(node, "symbol", doc.symbol)
    if doc.date:
        w.add(node, DCT.date, Literal(doc.date.isoformat(), datatype=XSD.date))
    w.add(node, DCT.language, Literal(doc.language))
    if span is None:
        return
    w.derived_from(node, span)
    if doc.cycle:
        w.link(node, "forReview", _review(w, doc.state, doc.cycle, doc.cover.session_span or span))
    if isinstance(doc, UPRNationalReport):
        w.type(node, "StateReport")
        w.link(node, "submittedBy", iri.state(doc.state))
        w.link(node, "submittedTo", iri.body(UPR_WG))
    else:
        w.type(node, "Document")


def _headings(
    doc: UPRNationalReport | UPRCompilation, w: GraphWriter, node: str, headings: list[ReportHeading]
) -> dict[int, str]:
    out: dict[int, str] = {}
    for h in headings:
        parent = out.get(h.parent or 0, node)
        if h.kind == "chapter" and h.number:
            out[h.ordinal] = f"{node}/chapter/{h.number}"
            cls = "ReportChapter"
        else:
            key = h.number or slug(h.title)[:60] or str(h.ordinal)
            out[h.ordinal] = f"{parent}/{'recommendations' if h.ids else 'heading'}/{key}"
            cls = "FollowUpSection" if h.ids else "ReportSection"
        if out[h.ordinal] in list(out.values())[:-1]:
            out[h.ordinal] += f"-{h.ordinal}"
        d = out[h.ordinal]
        w.type(d, cls)
        w.type(d, "ReportDivision")
        if h.number:
            w.value(d, "number", h.number)
        w.add(d, DCT.title, Literal(h.title, language=doc.language))
        w.label(d, f"{h.number}. {h.title}" if h.number else h.title, doc.language)
        w.link(d, "partOf", parent)
        w.value(d, "ordinal", h.ordinal)
        w.derived_from(d, h.span)
        for rec in h.ids:
            w.link(d, "respondsTo", _recommendation(doc, w, rec, h.span))
    return out


def _note(doc: UPRNationalReport | UPRCompilation, w: GraphWriter, node: str, note: Note) -> str:
    return write_note(w, node, note.number, note.text, doc.language, note.span)


def _recommendation(doc: UPRNationalReport | UPRCompilation, w: GraphWriter, number: str, span: Span) -> str:
    assert isinstance(doc, UPRNationalReport) and doc.answered_cycle
    cycle = doc.answered_cycle
    node = iri.upr_recommendation(doc.state, cycle, number)
    w.type(node, "UPRRecommendation")
    w.type(node, "Recommendation")
    w.value(node, "number", number)
    w.label(node, f"Recommendation {number} (UPR of {doc.state}, cycle {cycle})", "en")
    w.link(node, "addressedTo", iri.state(doc.state))
    w.link(node, "issuedBy", iri.body(UPR_WG))
    w.link(node, "review", _review(w, doc.state, cycle, span))
    w.derived_from(node, span)
    return node


def _paragraph(
    doc: UPRNationalReport | UPRCompilation, w: GraphWriter, node: str, number: int, text: str,
    span: Span, divisions: dict[int, str], where: tuple[int | None, int | None],
) -> str:  # fmt: skip
    chapter, heading = where
    p = iri.doc_para(doc.symbol, str(number)) if doc.symbol else f"{node}/para/{number}"
    w.type(p, "Paragraph")
    w.value(p, "paragraphNumber", str(number))
    w.value(p, "ordinal", number)
    w.text(p, "text", text, doc.language)
    w.link(p, "paragraphOf", node)
    w.link(node, "hasParagraph", p)
    if chapter and chapter in divisions:
        w.link(p, "inChapter", divisions[chapter])
    if heading and heading in divisions:
        w.link(p, "inDivision", divisions[heading])
    w.link(p, "partOf", divisions.get(heading or 0) or divisions.get(chapter or 0) or node)
    w.derived_from(p, span)
    return p


def _report_paragraphs(
    doc: UPRNationalReport, w: GraphWriter, node: str, divisions: dict[int, str], notes: dict[int, str]
) -> None:
    for para in doc.paragraphs:
        p = _paragraph(
            doc, w, node, para.number, para.text, para.span, divisions, (para.chapter, para.heading)
        )
        w.links(p, "hasNote", [notes[n] for n in para.notes if n in notes])
        for r in para.responds_to:
            w.link(p, "respondsTo", _recommendation(doc, w, r.recommendation, r.span))
        for cited in para.cites.documents:
            w.link(p, "cites", _cited(w, cited.symbol, cited.span))


def _compilation_paragraphs(
    doc: UPRCompilation, w: GraphWriter, node: str, divisions: dict[int, str], notes: dict[int, str]
) -> None:
    cited = {n.note.number: n for n in doc.notes}
    for para in doc.paragraphs:
        p = _paragraph(
            doc, w, node, para.number, para.text, para.span, divisions, (para.chapter, para.heading)
        )
        w.links(p, "hasNote", [notes[n] for n in para.notes if n in notes])
        for item in para.items:
            i = f"{p}{item.letter}"
            w.type(i, "Paragraph")
            w.value(i, "paragraphNumber", f"{para.number}{item.letter}")
            w.text(i, "text", item.text, doc.language)
            w.link(i, "partOf", p)
            w.link(i, "paragraphOf", node)
            w.derived_from(i, item.span)
        for n in para.notes:
            for symbol in cited[n].documents if n in cited else ():
                w.link(p, "cites", _cited(w, symbol, cited[n].note.span))


def _cited(w: GraphWriter, symbol: str, span: Span) -> str:
    node = iri.doc(symbol)
    w.type(node, "Document")
    w.value(node, "symbol", symbol)
    w.derived_from(node, span)
    return node
