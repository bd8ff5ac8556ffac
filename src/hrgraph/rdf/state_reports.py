"""The two kinds of State report as RDF: structure, follow-up chain, citations, treaty claims.

The report itself is the source document's resource (``hrg:StateReport``, written by
:mod:`hrgraph.sources`): ``id/doc/A/HRC/WG.6/34/KAZ/1`` for the UPR report, whose symbol is
printed in its page header; ``id/source/kaz-cerd-11-14`` for the CERD report, whose symbol is
not printed anywhere in the text (hrgraph does not invent one). This module adds:

- ``hrg:submittedTo`` the body (``UPR-WG`` or the treaty body), ``hrg:forReview`` the UPR review;
- chapters (``hrg:ReportChapter``, ``…/chapter/VII``), sections and headings
  (``hrg:ReportSection``; those naming what they answer are ``hrg:FollowUpSection``), each with
  ``hrg:number`` and ``dct:title`` as printed, ``hrg:partOf`` its parent, ``hrg:ordinal``;
- every numbered paragraph (``hrg:Paragraph``: ``id/doc/SYMBOL/para/N`` or ``…/para/N``):
  ``hrg:paragraphNumber``, ``hrg:ordinal``, ``hrg:text``@es, ``hrg:paragraphOf`` /
  ``hrg:hasParagraph``, ``hrg:inChapter``, ``hrg:inDivision``;
- ``hrg:respondsTo`` from each follow-up section and each of its paragraphs to the UPR
  recommendations (``id/upr/KAZ/2/125.11``, ``hrg:UPRRecommendation`` with ``hrg:review``) or to
  the concluding-observation paragraphs (``id/doc/CERD/C/KAZ/CO/8-10/para/22b``, sub-paragraphs
  ``hrg:partOf`` their paragraph);
- ``hrg:concernsArticle`` from each ``Artículo N`` chapter and its paragraphs to the article;
- ``hrg:cites`` national acts (``hrg:DomesticAct``: label, ``hrg:actType``, ``hrg:number``,
  ``hrg:date`` or ``hrg:year``), UN documents (``hrg:Document``, ``hrg:symbol``) and
  concluding-observation paragraphs; ``hrg:refersTo`` the report's own paragraphs and chapters
  (references that point nowhere are build problems, not triples);
- treaty claims (``hrg:TreatyClaim``) and the treaty actions they assert (``hrg:Ratification``,
  ``hrg:Accession``, ``hrg:Signature``, ``hrg:ConsentToBeBound`` for "es parte en"; a claim
  that a ratification is in progress or that the State is not a party asserts no action, since
  the report names no act: ``hrg:PendingConsent`` requires the act that started the procedure),
  with the approving law (``hrg:domesticAct``, ``hrg:domesticActDate``), the year where every
  claim agrees, and ``hrg:conflictsWith`` / ``hrg:conflictingClaims`` where they do not.

Every resource read from a source carries its passage (``GraphWriter.derived_from``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import Literal

from hrgraph import iri
from hrgraph.extract import treaty_report, upr_report
from hrgraph.extract.citations import ActCitation, Cites, TreatyClaim, conflicts, slug
from hrgraph.extract.common import Span
from hrgraph.namespace import DCT, RDFS, XSD, hrg
from hrgraph.rdf.treaty_bodies import article_node, treaty_of
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import state_name

ACTION_CLASS = {
    "ratification": "Ratification",
    "accession": "Accession",
    "signature": "Signature",
    "party": "ConsentToBeBound",
}
ACTION_SLUG = {"party": "consent"}
# Claims that the State is a party without naming the act: "es parte en", a report submitted under
# the treaty, the OPCAT's preventive mechanism. They assert its consent to be bound.
PARTY_CLAIMS = ("party", "reporting", "preventive-mechanism")
# Claims that assert no act: the State is not a party, or says a procedure is under way without
# naming the act that started it (hrg:PendingConsent requires that act; see the shapes).
NO_ACTION = ("not-party", "ratification-in-progress")


def write(result: upr_report.UPRReport | treaty_report.TreatyReport, w: GraphWriter) -> None:
    """The records of one report into its source's graph."""
    if isinstance(result, upr_report.UPRReport):
        _write_upr(result, w)
    else:
        _write_treaty(result, w)


# -- shared ---------------------------------------------------------------------------------


def _year(w: GraphWriter, node: str, year: int) -> None:
    w.add(node, hrg("year"), Literal(f"{year:04d}", datatype=XSD.gYear))


def _division(
    w: GraphWriter, node: str, cls: str, number: str | None, title: str | None,
    parent: str, ordinal: int, span: Span,
) -> None:  # fmt: skip
    w.type(node, cls)
    if cls != "ReportDivision":
        w.type(node, "ReportDivision")
    if number:
        w.value(node, "number", number)
    if title:
        w.add(node, DCT.title, Literal(title, language="es"))
    mark = number if number and number.endswith(")") else number and f"{number}."
    label = " ".join(x for x in (mark, title) if x)
    w.label(node, label, "es")
    w.link(node, "partOf", parent)
    w.value(node, "ordinal", ordinal)
    w.derived_from(node, span)


def _paragraph(
    w: GraphWriter, report: str, node: str, number: int, text: str, span: Span,
    chapter: str | None, division: str | None,
) -> None:  # fmt: skip
    w.type(node, "Paragraph")
    w.value(node, "paragraphNumber", str(number))
    w.value(node, "ordinal", number)
    w.text(node, "text", text, "es")
    w.label(node, f"párr. {number}", "es")
    w.link(node, "paragraphOf", report)
    w.link(report, "hasParagraph", node)
    if chapter:
        w.link(node, "inChapter", chapter)
    w.link(node, "partOf", division or chapter or report)
    if division:
        w.link(node, "inDivision", division)
    w.derived_from(node, span)


def _act(w: GraphWriter, act: ActCitation, state: str) -> str:
    kind, ident = act.key
    node = iri.domestic_act(state, kind, ident)
    w.type(node, "DomesticAct")
    w.label(node, act.printed, "es")
    w.value(node, "actType", act.kind)
    if act.number:
        w.value(node, "number", act.number)
    if act.issuer:
        w.value(node, "issuerName", act.issuer)
    if act.date:
        w.value(node, "date", act.date)
    elif act.year:
        _year(w, node, act.year)
    w.derived_from(node, act.span)
    return node


def _document(w: GraphWriter, symbol: str, span: Span, label: str | None = None) -> str:
    node = iri.doc(symbol)
    w.type(node, "ConcludingObservations" if "/CO/" in symbol else "Document")
    w.value(node, "symbol", symbol)
    if label:
        w.label(node, label, "es")
    w.derived_from(node, span)
    return node


def _co_paragraph(w: GraphWriter, symbol: str, number: str, span: Span) -> str:
    """A paragraph (or lettered sub-paragraph) of concluding observations, text not in the seeds."""
    doc = _document(w, symbol, span)
    node = iri.doc_para(symbol, number)
    w.type(node, "Paragraph")
    w.value(node, "paragraphNumber", number)
    w.label(node, f"{symbol}, párr. {number}", "es")
    w.link(node, "paragraphOf", doc)
    w.link(doc, "hasParagraph", node)
    head, _, letter = number.partition(" ")
    if letter:
        parent = iri.doc_para(symbol, head)
        w.type(parent, "Paragraph")
        w.value(parent, "paragraphNumber", head)
        w.link(parent, "paragraphOf", doc)
        w.link(doc, "hasParagraph", parent)
        w.link(node, "partOf", parent)
        w.derived_from(parent, span)
    w.derived_from(node, span)
    return node


def _cites(w: GraphWriter, node: str, cites: Cites, targets: dict[tuple[str, str], str], state: str) -> None:
    """``hrg:cites`` and ``hrg:refersTo`` from a paragraph; unresolved references are skipped
    here (the extractor reported them as problems)."""
    for act in cites.acts:
        w.link(node, "cites", _act(w, act, state))
    for doc in cites.documents:
        label = doc.printed if doc.symbol.startswith("A/RES/") else None
        w.link(node, "cites", _document(w, doc.symbol, doc.span, label))
    for cited in cites.co_paragraphs:
        for number in cited.numbers:
            w.link(node, "cites", _co_paragraph(w, cited.symbol, number, cited.span))
    for ref in cites.internal:
        for number in ref.numbers:
            target = targets.get((ref.target, number))
            if target:
                w.link(node, "refersTo", target)


# -- treaty claims --------------------------------------------------------------------------


def _action_node(claim: TreatyClaim, kinds: set[tuple[str, str]], state: str) -> str | None:
    """The treaty action a claim asserts; "es parte en" asserts the ratification or accession
    the reports name for the same instrument, where they name one."""
    if claim.kind in NO_ACTION:
        return None
    kind = "party" if claim.kind in PARTY_CLAIMS else claim.kind
    if kind == "party":
        named = [k for k in ("ratification", "accession") if (claim.instrument, k) in kinds]
        kind = named[0] if named else kind
    return iri.treaty_action(state, claim.instrument, ACTION_SLUG.get(kind, kind))


def _claim_node(source: str, claim: TreatyClaim) -> str:
    return iri.entity("claim", source, str(claim.paragraph), claim.instrument, claim.kind)


def _write_action(w: GraphWriter, node: str, cls: str, claims: list[TreatyClaim], state: str) -> None:
    first = claims[0]
    w.type(node, cls)
    w.link(node, "actor", iri.state(state))
    w.link(node, "instrument", iri.instrument(first.instrument))
    w.label(node, f"{cls} of {first.instrument} by {state} (as the State report states)", "en")
    if len({c.effective_year for c in claims if c.effective_year is not None}) > 1:
        w.value(node, "conflictingClaims", True)
    else:  # the year printed for the act itself (a law's date is hrg:domesticActDate)
        years = {c.year for c in claims if c.year is not None}
        if len(years) == 1:
            _year(w, node, years.pop())
    for c in claims:
        if c.act:
            law = _act(w, c.act, state)
            w.type(law, "ApprovalLaw")
            w.link(node, "domesticAct", law)
            if c.act.date:
                w.value(law, "domesticActDate", c.act.date)
                w.value(node, "domesticActDate", c.act.date)
        w.derived_from(node, c.span)


def _write_claims(
    w: GraphWriter, source: str, paragraphs: dict[int, str], claims: list[TreatyClaim], state: str
) -> None:
    kinds = {(c.instrument, c.kind) for c in claims}
    by_action: dict[str, list[TreatyClaim]] = defaultdict(list)
    classes: dict[str, str] = {}
    for c in claims:
        node = _claim_node(source, c)
        w.type(node, "TreatyClaim")
        w.value(node, "claimKind", c.kind)
        w.link(node, "actor", iri.state(state))
        w.link(node, "instrument", iri.instrument(c.instrument))
        w.link(node, "statedIn", paragraphs[c.paragraph])
        w.text(node, "printedAs", c.printed, "es")
        if c.year is not None:
            _year(w, node, c.year)
        w.derived_from(node, c.span)
        action = _action_node(c, kinds, state)
        if action:
            w.link(node, "claims", action)
            by_action[action].append(c)
            kind = action.rsplit("/", 1)[1]
            classes[action] = next(ACTION_CLASS[k] for k in ACTION_CLASS if ACTION_SLUG.get(k, k) == kind)
    for action, group in by_action.items():
        _write_action(w, action, classes[action], group, state)
    for a, b in conflicts(claims):
        w.link(_claim_node(source, a), "conflictsWith", _claim_node(source, b))
        w.link(_claim_node(source, b), "conflictsWith", _claim_node(source, a))


def _all_claims(cites: Iterable[Cites]) -> list[TreatyClaim]:
    return [c for x in cites for c in x.claims]


# -- UPR national report ------------------------------------------------------------------


def _write_upr(r: upr_report.UPRReport, w: GraphWriter) -> None:
    report = w.sources[r.source]
    w.link(report, "submittedTo", iri.body("UPR-WG"))
    answered = r.answered_cycle
    if answered and r.cycle_span:
        for cycle, span in ((answered, r.cycle_span), (answered + 1, r.cycle_span)):
            review = iri.entity("upr", r.state, str(cycle))
            w.type(review, "UPRReview")
            w.value(review, "cycle", cycle)
            w.link(review, "reviewOf", iri.state(r.state))
            w.label(review, f"Examen Periódico Universal de {state_name(r.state, 'es')}, ciclo {cycle}", "es")
            w.derived_from(review, span)
        w.link(report, "forReview", iri.entity("upr", r.state, str(answered + 1)))
    if r.symbol and r.symbol_span:
        w.value(report, "symbol", r.symbol)
        w.derived_from(report, r.symbol_span)
    chapters = {}
    for c in r.chapters:
        chapters[c.numeral] = f"{report}/chapter/{c.numeral}"
        _division(w, chapters[c.numeral], "ReportChapter", c.numeral, c.title, report,
                  c.number, c.span)  # fmt: skip
    headings = {}
    for h in r.headings:
        headings[h.ordinal] = f"{chapters[h.chapter]}/heading/{slug(h.title)}"
        _division(w, headings[h.ordinal], "ReportSection", None, h.title, chapters[h.chapter],
                  h.ordinal, h.span)  # fmt: skip
    sections = {}
    for s in r.sections:
        parent = headings[s.heading] if s.heading else chapters[s.chapter]
        sections[s.ordinal] = f"{parent}/recommendations/{slug(s.printed)}"
        _division(w, sections[s.ordinal], "FollowUpSection", None, s.printed, parent,
                  s.ordinal, s.span)  # fmt: skip
        w.link(sections[s.ordinal], "inChapter", chapters[s.chapter])
        for rec in s.ids:
            w.link(sections[s.ordinal], "respondsTo", _recommendation(w, rec, r, s.span))
    _upr_paragraphs(r, w, report, chapters, headings, sections)
    _unanswered(r, w)


def _unanswered(r: upr_report.UPRReport, w: GraphWriter) -> None:
    """The recommendations no heading lists: the headings number the review's recommendations
    125.1 … 125.96, so each gap is a recommendation the report does not answer. Each is derived
    from the headings that list its nearest printed neighbours."""
    spans: dict[int, Span] = {}
    for s in r.sections:
        for rec in s.ids:
            spans.setdefault(int(rec.rpartition(".")[2]), s.span)
    for rec in r.unanswered():
        n = int(rec.rpartition(".")[2])
        below = [k for k in spans if k < n]
        above = [k for k in spans if k > n]
        node = _recommendation(w, rec, r, spans[max(below)] if below else spans[min(above)])
        if below and above:
            w.derived_from(node, spans[min(above)])
        w.add(node, RDFS.comment, Literal(
            "Not listed under any heading of the report; known from the numbering of the "
            "recommendations its headings list.", language="en"))  # fmt: skip


def _recommendation(w: GraphWriter, number: str, r: upr_report.UPRReport, span: Span) -> str:
    cycle = r.answered_cycle or 0
    node = iri.upr_recommendation(r.state, cycle, number)
    w.type(node, "UPRRecommendation")
    w.type(node, "Recommendation")
    w.value(node, "number", number)
    w.label(node, f"Recomendación {number} (EPU de {state_name(r.state, 'es')}, ciclo {cycle})", "es")
    w.link(node, "addressedTo", iri.state(r.state))
    w.link(node, "issuedBy", iri.body("UPR-WG"))
    if cycle:
        w.link(node, "review", iri.entity("upr", r.state, str(cycle)))
    w.derived_from(node, span)
    return node


def _upr_paragraphs(
    r: upr_report.UPRReport, w: GraphWriter, report: str, chapters: dict[str, str],
    headings: dict[int, str], sections: dict[int, str],
) -> None:  # fmt: skip
    symbol = r.symbol or ""
    nodes = {
        p.number: iri.doc_para(symbol, str(p.number)) if symbol else f"{report}/para/{p.number}"
        for p in r.paragraphs
    }
    targets = {("paragraph", str(n)): node for n, node in nodes.items()}
    targets |= {("chapter", k): v for k, v in chapters.items()}
    section_ids = {s.ordinal: s for s in r.sections}
    for p in r.paragraphs:
        chapter = chapters.get(p.chapter)
        division = sections.get(p.section or 0) or headings.get(p.heading or 0)
        _paragraph(w, report, nodes[p.number], p.number, p.text, p.span, chapter, division)
        for rec in p.responds_to:
            w.link(nodes[p.number], "respondsTo",
                   _recommendation(w, rec, r, section_ids[p.section or 0].span))  # fmt: skip
        _cites(w, nodes[p.number], p.cites, targets, r.state)
    _write_claims(w, r.source, nodes, _all_claims(p.cites for p in r.paragraphs), r.state)


# -- treaty-body periodic report ------------------------------------------------------------


def _write_treaty(r: treaty_report.TreatyReport, w: GraphWriter) -> None:
    report = w.sources[r.source]
    w.link(report, "submittedTo", iri.body(r.body))
    if r.co_symbol and r.co_symbol_span:
        co = _document(w, r.co_symbol, r.co_symbol_span)
        w.link(co, "issuedBy", iri.body(r.body))
        w.link(co, "addressedTo", iri.state(r.state))
        if r.co_date:  # "CERD/C/KAZ/CO/8-10, de 4 de julio de 2022", printed with the symbol
            w.add(co, DCT.date, Literal(r.co_date.isoformat(), datatype=XSD.date))
    chapters: dict[str, str] = {}
    for c in r.chapters:
        chapters[c.numeral] = f"{report}/chapter/{c.numeral}"
        _division(w, chapters[c.numeral], "ReportChapter", c.numeral, c.title, report,
                  c.number, c.span)  # fmt: skip
        if c.article and treaty_of(r.body):
            w.link(chapters[c.numeral], "concernsArticle", _article(w, treaty_of(r.body) or "", c))
    divisions = _treaty_divisions(r, w, report, chapters)
    _treaty_paragraphs(r, w, report, chapters, divisions)


def _article(w: GraphWriter, treaty: str, chapter: treaty_report.Chapter) -> str:
    assert chapter.article
    return article_node(w, treaty, chapter.article, chapter.span)


def _treaty_divisions(
    r: treaty_report.TreatyReport, w: GraphWriter, report: str, chapters: dict[str, str]
) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for s in r.sections:
        name = s.letter or slug(s.title)
        out["section", s.ordinal] = f"{chapters[s.chapter]}/section/{name}"
        _division(w, out["section", s.ordinal], "ReportSection", s.letter, s.title,
                  chapters[s.chapter], s.ordinal, s.span)  # fmt: skip
        w.link(out["section", s.ordinal], "inChapter", chapters[s.chapter])
    for f in r.follow_ups:
        parent = out["section", f.section] if f.section else chapters[f.chapter]
        refs = "-".join(x.replace(" ", "") for x in f.paragraphs)  # "21-22a-22b-22c"
        out["follow-up", f.ordinal] = f"{parent}/follow-up/{refs}"
        _division(w, out["follow-up", f.ordinal], "FollowUpSection", None, f.printed, parent,
                  f.ordinal, f.span)  # fmt: skip
        w.link(out["follow-up", f.ordinal], "inChapter", chapters[f.chapter])
        for number in f.paragraphs:
            w.link(out["follow-up", f.ordinal], "respondsTo",
                   _co_paragraph(w, f.symbol, number, f.span))  # fmt: skip
    for h in r.subheadings:
        parent = out["follow-up", h.follow_up] if h.follow_up else report
        name = h.letter or slug(h.title or "")
        out["sub", h.ordinal] = f"{parent}/{'item' if h.letter else 'subheading'}/{name}"
        _division(w, out["sub", h.ordinal], "ReportSection", h.letter and f"{h.letter})",
                  h.title, parent, h.ordinal, h.span)  # fmt: skip
    return out


def _treaty_paragraphs(
    r: treaty_report.TreatyReport, w: GraphWriter, report: str, chapters: dict[str, str],
    divisions: dict[tuple[str, int], str],
) -> None:  # fmt: skip
    nodes = {p.number: f"{report}/para/{p.number}" for p in r.paragraphs}
    targets = {("paragraph", str(n)): node for n, node in nodes.items()}
    targets |= {("chapter", k): v for k, v in chapters.items()}
    follow_ups = {f.ordinal: f for f in r.follow_ups}
    articles = {c.numeral: c for c in r.chapters}
    for p in r.paragraphs:
        division = next(
            (divisions[k] for k in (("sub", p.subheading or 0), ("sub", p.marker or 0),
                                    ("follow-up", p.follow_up or 0), ("section", p.section or 0))
             if k in divisions),
            None,
        )  # fmt: skip
        _paragraph(w, report, nodes[p.number], p.number, p.text, p.span,
                   chapters.get(p.chapter), division)  # fmt: skip
        chapter = articles.get(p.chapter)
        if chapter and chapter.article and treaty_of(r.body):
            w.link(nodes[p.number], "concernsArticle", iri.article(treaty_of(r.body) or "", chapter.article))
        if p.follow_up:
            f = follow_ups[p.follow_up]
            for number in p.responds_to:
                w.link(nodes[p.number], "respondsTo", _co_paragraph(w, f.symbol, number, f.span))
        _cites(w, nodes[p.number], p.cites, targets, r.state)
    _write_claims(w, r.source, nodes, _all_claims(p.cites for p in r.paragraphs), r.state)
