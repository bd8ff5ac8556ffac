"""Treaty-body documents as RDF: concluding observations, follow-up replies, follow-up reports.

One ``write`` dispatching on the record type. Every document is ``id/doc/SYMBOL`` and its
paragraphs ``id/doc/SYMBOL/para/N`` (lettered items ``…/para/10a``, ``hrg:partOf`` their
paragraph), so that documents that refer to each other meet on the same IRIs: a reply's
paragraphs ``hrg:respondsTo`` ``id/doc/CCPR/C/USA/CO/4/para/5``, an assessment ``hrg:assesses``
``id/doc/CCPR/C/MEX/CO/6/para/43a``, whichever of them is loaded.

- concluding observations (``hrg:ConcludingObservations``): ``hrg:symbol``, ``dct:date`` (of
  issue), ``hrg:adoptedOn``, ``hrg:issuedBy`` the committee, ``hrg:addressedTo`` the State (from
  the document, never a constant); sections and theme headings
  (``hrg:ConcludingObservationsSection``, ``…/section/C``, ``…/theme/3``; a theme whose printed
  title is a label of ``ontology/themes.ttl`` gets ``hrg:theme``); every paragraph
  (``hrg:Paragraph``: number, ``hrg:text``, ``hrg:inSection``, ``hrg:concernsArticle`` for the
  articles it names, of the committee's treaty as ``data/reference/instruments.csv`` says);
  every recommendation (``hrg:Recommendation``, the paragraph whose number it has, and its
  items): ``hrg:addressedTo``, ``hrg:issuedBy``, ``hrg:inDocument``, ``hrg:concernsArticle``,
  ``hrg:heading``/``hrg:theme``, ``hrg:concernOf``; ``hrg:forFollowUp`` each paragraph the
  follow-up request names, ``hrg:followUpRequest``, ``hrg:followUpPeriod``,
  ``hrg:followUpDeadline`` with ``hrg:followUpDeadlineBasis``; ``hrg:nextReportDue``;
- a follow-up reply (``hrg:FollowUpReply``): ``hrg:submittedBy``, ``hrg:submittedTo``,
  ``hrg:respondsTo`` the concluding observations; each heading a ``hrg:ReportDivision``
  (``…/heading/1``: ``dct:title``, ``hrg:respondsTo``) and each paragraph ``hrg:respondsTo`` the
  CO paragraphs its heading names; its footnotes are ``hrg:Note`` (``…/Add.1/note/8``, see
  :mod:`hrgraph.rdf.notes`), each paragraph ``hrg:hasNote`` the notes its markers point to;
- a follow-up report (``hrg:FollowUpReport``): its assessment key as the concepts of the grade
  scheme (``id/concept/follow-up-grade/A``: ``skos:notation``, ``skos:prefLabel`` and
  ``skos:definition`` as printed); ``hrg:evaluates`` each State's concluding observations, with
  ``hrg:recommendedAction`` and ``hrg:nextReportDue`` as printed; each grade a
  ``hrg:FollowUpAssessment`` (``…/assessment/MEX-43a``) with ``hrg:assesses``, ``hrg:grade``,
  ``hrg:date`` (the report's), ``hrg:assessedIn``.

Every resource carries its passage (``GraphWriter.derived_from``).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from pyoxigraph import Literal, NamedNode

from hrgraph import iri
from hrgraph.extract import concluding_observations as co
from hrgraph.extract import follow_up_assessment as fa
from hrgraph.extract import follow_up_reply as fr
from hrgraph.extract.common import Span
from hrgraph.extract.treaty_body_text import Due
from hrgraph.namespace import DCT, SKOS, XSD
from hrgraph.rdf.notes import write_note
from hrgraph.rdf.recommendations import THEMES, _fold, theme_index
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import instruments
from hrgraph.store import parse_file

GRADES = iri.scheme("follow-up-grade")
Doc = co.ConcludingObservations | fr.FollowUpReply | fa.FollowUpAssessment


@cache
def treaty_of(body: str) -> str | None:
    """The treaty a committee monitors (CCPR → ICCPR), from ``data/reference/instruments.csv``."""
    found = [r.key for r in instruments().values()
             if r.kind == "Treaty" and not r.parent and body in r.monitored_by.split("|")]  # fmt: skip
    return found[0] if len(found) == 1 else None


@cache
def _themes() -> dict[str, str]:
    """Every label of the theme scheme, any language, folded → concept (exact matches only)."""
    index = dict(theme_index())
    for quad in parse_file(THEMES):
        subject, obj = quad.subject, quad.object
        labels = quad.predicate in (SKOS.prefLabel, SKOS.altLabel)
        if labels and isinstance(obj, Literal) and isinstance(subject, NamedNode):
            index.setdefault(_fold(obj.value), subject.value)
    return index


def write(doc: Doc, w: GraphWriter) -> None:
    """The records of one treaty-body document into its source's graph."""
    if isinstance(doc, co.ConcludingObservations):
        write_concluding_observations(doc, w)
    elif isinstance(doc, fr.FollowUpReply):
        write_reply(doc, w)
    else:
        write_assessment(doc, w)


# -- shared ---------------------------------------------------------------------------------


def _date(w: GraphWriter, node: str, prop: str, value: date) -> None:
    w.add(
        node,
        DCT.date if prop == "dct:date" else iri.term(prop),
        Literal(value.isoformat(), datatype=XSD.date),
    )


def _due(w: GraphWriter, node: str, due: Due) -> None:
    if due.date:
        _date(w, node, "nextReportDue", due.date)
    else:
        w.add(node, iri.term("nextReportDue"), Literal(f"{due.year:04d}", datatype=XSD.gYear))


def _document(w: GraphWriter, symbol: str, cls: str, body: str, span: Span) -> str:
    node = iri.doc(symbol)
    w.type(node, cls)
    w.value(node, "symbol", symbol)
    w.link(node, "issuedBy", iri.body(body))
    w.derived_from(node, span)
    return node


def co_document(w: GraphWriter, symbol: str, body: str, state: str, span: Span) -> str:
    """Concluding observations as another document names them (their text not read here)."""
    node = _document(w, symbol, "ConcludingObservations", body, span)
    w.link(node, "addressedTo", iri.state(state))
    return node


def doc_paragraph(w: GraphWriter, symbol: str, number: str, span: Span) -> str:
    """``id/doc/SYMBOL/para/N`` (``N`` may be ``43a``: then ``hrg:partOf`` paragraph 43)."""
    doc = iri.doc(symbol)
    node = iri.doc_para(symbol, number)
    head = number.rstrip("abcdefghijklmnopqrstuvwxyz")
    letter = number[len(head) :]
    w.type(node, "Paragraph")
    w.value(node, "paragraphNumber", f"{head} {letter}" if letter else head)
    w.label(node, f"{symbol}, para. {head}{f' ({letter})' if letter else ''}", "en")
    w.link(node, "paragraphOf", doc)
    w.link(doc, "hasParagraph", node)
    if letter:
        w.link(node, "partOf", doc_paragraph(w, symbol, head, span))
    w.derived_from(node, span)
    return node


def article_node(w: GraphWriter, treaty: str, number: str, span: Span) -> str:
    """Article ``number`` of ``treaty`` as a document names it: typed, numbered, linked to its
    instrument (the IRI the instruments stage mints), read from ``span``."""
    node = iri.article(treaty, number)
    w.type(node, "Article")
    w.value(node, "articleNumber", number)
    w.link(node, "articleOf", iri.instrument(treaty))
    w.derived_from(node, span)
    return node


# -- concluding observations ----------------------------------------------------------------


def write_concluding_observations(d: co.ConcludingObservations, w: GraphWriter) -> None:
    cover = d.span or d.paragraphs[0].span
    doc = co_document(w, d.symbol, d.body, d.state, cover)
    w.label(doc, f"Concluding observations {d.symbol}", "en")
    w.label(doc, f"Observaciones finales {d.symbol}", "es")
    if d.date:
        _date(w, doc, "dct:date", d.date)
    if d.adopted:
        _date(w, doc, "adoptedOn", d.adopted)
    treaty = treaty_of(d.body)
    divisions = _divisions(d, w)
    for p in d.paragraphs:
        node = doc_paragraph(w, d.symbol, str(p.number), p.span)
        w.text(node, "text", p.text, d.language)
        division = divisions.get(("theme", p.theme)) or divisions.get(("section", p.section))
        if division:
            w.link(node, "inSection", division)
        for number in p.articles if treaty else ():
            w.link(node, "concernsArticle", article_node(w, treaty or "", number, p.span))
        for item in p.items:
            sub = doc_paragraph(w, d.symbol, f"{p.number}{item.letter}", item.span)
            w.text(sub, "text", item.text, d.language)
    for rec in d.recommendations:
        _recommendation(d, w, rec, treaty)
    _follow_up(d, w, doc)
    if d.next_report:
        _due(w, doc, d.next_report.due)


def _divisions(d: co.ConcludingObservations, w: GraphWriter) -> dict[tuple[str, int | None], str]:
    out: dict[tuple[str, int | None], str] = {}
    for s in d.sections:
        out["section", s.ordinal] = iri.doc_item(d.symbol, "section", s.mark)
        w.type(out["section", s.ordinal], "ConcludingObservationsSection")
        w.label(out["section", s.ordinal], f"{s.mark}. {s.title}", d.language)
        w.link(out["section", s.ordinal], "partOf", iri.doc(d.symbol))
        w.value(out["section", s.ordinal], "ordinal", s.ordinal)
        w.derived_from(out["section", s.ordinal], s.span)
    for t in d.themes:
        node = out["theme", t.ordinal] = iri.doc_item(d.symbol, "theme", str(t.ordinal))
        w.type(node, "ConcludingObservationsSection")
        w.label(node, t.title, d.language)
        w.link(node, "partOf", out.get(("section", t.section)) or iri.doc(d.symbol))
        w.value(node, "ordinal", t.ordinal)
        concept = _themes().get(_fold(t.title))
        if concept:
            w.link(node, "theme", concept)
        w.derived_from(node, t.span)
    return out


def _recommendation(
    d: co.ConcludingObservations, w: GraphWriter, rec: co.Recommendation, treaty: str | None
) -> None:
    theme = next(
        (t for t in d.themes if t.ordinal == (d.paragraph(rec.number) or d.paragraphs[0]).theme), None
    )
    nodes = [(iri.doc_para(d.symbol, str(rec.number)), rec.text, rec.span)]
    nodes += [(iri.doc_para(d.symbol, f"{rec.number}{i.letter}"), i.text, i.span) for i in rec.items]
    for node, text, span in nodes:
        w.type(node, "Recommendation")
        w.link(node, "addressedTo", iri.state(d.state))
        w.link(node, "issuedBy", iri.body(d.body))
        w.link(node, "inDocument", iri.doc(d.symbol))
        if node != nodes[0][0]:
            w.text(node, "text", text, d.language)
        for number in rec.articles if treaty else ():
            w.link(node, "concernsArticle", article_node(w, treaty or "", number, rec.span))
        if theme:
            w.text(node, "heading", theme.title, d.language)
            concept = _themes().get(_fold(theme.title))
            if concept:
                w.link(node, "theme", concept)
        if rec.concern is not None:
            w.link(node, "concernOf", iri.doc_para(d.symbol, str(rec.concern)))
        w.derived_from(node, span)


def _follow_up(d: co.ConcludingObservations, w: GraphWriter, doc: str) -> None:
    f = d.follow_up
    if f is None:
        return
    w.link(doc, "followUpRequest", iri.doc_para(d.symbol, str(f.paragraph)))
    for target in f.targets:
        w.link(doc, "forFollowUp", doc_paragraph(w, d.symbol, target, f.span))
    if f.period:
        w.add(doc, iri.term("followUpPeriod"), Literal(f.period, datatype=XSD.duration))
    if f.deadline and f.basis:
        _date(w, doc, "followUpDeadline", f.deadline)
        w.value(doc, "followUpDeadlineBasis", f.basis)
    w.derived_from(doc, f.span)


# -- follow-up reply -------------------------------------------------------------------------


def write_reply(d: fr.FollowUpReply, w: GraphWriter) -> None:
    cover = d.span or d.paragraphs[0].span
    doc = iri.doc(d.symbol)
    w.type(doc, "FollowUpReply")
    w.type(doc, "StateReport")
    w.value(doc, "symbol", d.symbol)
    w.link(doc, "submittedBy", iri.state(d.state))
    w.link(doc, "submittedTo", iri.body(d.body))
    w.label(doc, f"Follow-up information {d.symbol}", "en")
    if d.date:
        _date(w, doc, "dct:date", d.date)
    w.derived_from(doc, cover)
    w.link(doc, "respondsTo", co_document(w, d.co_symbol, d.body, d.state, cover))
    headings = {}
    for h in d.headings:
        node = headings[h.ordinal] = iri.doc_item(d.symbol, "heading", str(h.ordinal))
        w.type(node, "ReportDivision")  # a top-level heading: not a section of a chapter
        w.add(node, DCT.title, Literal(h.printed, language=d.language))
        w.label(node, h.printed, d.language)
        w.link(node, "partOf", doc)
        w.value(node, "ordinal", h.ordinal)
        for number in h.answers:
            w.link(node, "respondsTo", doc_paragraph(w, d.co_symbol, number, h.span))
        w.derived_from(node, h.span)
    notes = {n.number: write_note(w, doc, n.number, n.text, d.language, n.span) for n in d.notes}
    for p in d.paragraphs:
        node = doc_paragraph(w, d.symbol, str(p.number), p.span)
        w.text(node, "text", p.text, d.language)
        w.value(node, "ordinal", p.number)
        w.links(node, "hasNote", [notes[n] for n in p.notes if n in notes])
        if p.heading:
            w.link(node, "partOf", headings[p.heading])
            w.link(node, "inDivision", headings[p.heading])
        for number in p.responds_to:
            w.link(node, "respondsTo", iri.doc_para(d.co_symbol, number))


# -- follow-up report and assessments --------------------------------------------------------


def write_assessment(d: fa.FollowUpAssessment, w: GraphWriter) -> None:
    cover = d.span or Span(d.source, 1, 1)
    doc = _document(w, d.symbol, "FollowUpReport", d.body, cover)
    w.label(doc, f"Report on follow-up {d.symbol}", "en")
    if d.date:
        _date(w, doc, "dct:date", d.date)
    for number, text, span in d.paragraphs:
        node = doc_paragraph(w, d.symbol, str(number), span)
        w.text(node, "text", text, d.language)
    for k in d.key:
        node = _grade(w, k.grade, k.span)
        w.add(node, SKOS.prefLabel, Literal(k.label or k.meaning, language=d.language))
        w.add(node, SKOS.definition, Literal(k.meaning, language=d.language))
    for b in d.blocks:
        if b.co_symbol and b.span:
            co_doc = co_document(w, b.co_symbol, d.body, b.state, b.span)
            w.link(doc, "evaluates", co_doc)
            if b.co_date:
                _date(w, co_doc, "dct:date", b.co_date)
            if b.recommended_action:
                w.text(co_doc, "recommendedAction", b.recommended_action, d.language)
            if b.next_report:
                _due(w, co_doc, b.next_report)
    for a in d.assessments:
        _assessment(d, w, doc, a)


def _grade(w: GraphWriter, grade: str, span: Span) -> str:
    """The grade's concept, as printed (``B``; a sub-grade ``B1`` is narrower than ``B``)."""
    node = iri.concept("follow-up-grade", grade)
    w.add(node, SKOS.inScheme, GRADES)
    w.add(node, SKOS.notation, Literal(grade))
    w.type(node, SKOS.Concept.value)
    if len(grade) > 1:
        w.add(node, SKOS.broader, iri.concept("follow-up-grade", grade[0]))
    w.derived_from(node, span)
    return node


def _assessment(d: fa.FollowUpAssessment, w: GraphWriter, doc: str, a: fa.Assessment) -> None:
    state = next((b.state for b in d.blocks if b.co_symbol == a.co_symbol), d.state)
    node = iri.doc_item(d.symbol, "assessment", f"{state}-{a.paragraph}")
    w.type(node, "FollowUpAssessment")
    w.link(node, "assesses", doc_paragraph(w, a.co_symbol, a.paragraph, a.unit))
    w.link(node, "grade", _grade(w, a.grade, a.span))
    w.link(node, "assessedIn", doc)
    if d.date:
        w.value(node, "date", d.date)
    w.label(node, f"{a.co_symbol}, para. {a.paragraph}: [{a.grade}] ({d.symbol})", "en")
    w.derived_from(node, a.span)
    w.derived_from(node, a.unit)
