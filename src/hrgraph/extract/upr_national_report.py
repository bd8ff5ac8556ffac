"""A State's national report to the Universal Periodic Review (``A/HRC/WG.6/N/XXX/1``).

The convention read, in its two prints:

- **One physical line per paragraph** (the English export, A/HRC/WG.6/52/DNK/1): the cover
  block (:mod:`hrgraph.extract.undoc.cover`), chapters ``I. Introduction``, thematic headings
  (``Gender equality``), paragraphs ``N.`` numbered consecutively (run together mid-line at
  times), endnotes after ``Notes`` (:mod:`hrgraph.extract.undoc.layout`). The recommendations
  a paragraph answers are cited in the endnotes its markers point to, as numbers of the
  Working Group report of the previous review: ``… in the Danish legislation.17`` with note
  ``17 60.21, 60.26, …`` (ranges ``60.170-60.177``), or inline (``the response to
  recommendation 60.170``).
- **Hard-wrapped lines with indented headings** (the Spanish print, A/HRC/WG.6/34/KAZ/1; read
  by :mod:`hrgraph.extract.upr_report`): sections headed ``Recomendaciones 125.11 a 125.17``
  answer every recommendation they list.

The review answered is the one before the report's own: the symbol gives the Working Group
session (``A/HRC/WG.6/52/DNK/1`` → 52), the session its cycle (4), so the report answers
cycle 3 and ``60.21`` is ``id/upr/DNK/3/60.21``. What the report says about its own citations
is checked, not obeyed: a note that describes them with another numbering (``referred to in
this report as [120.xx]``) or another cycle (``stem from the second cycle``) while the notes
cite other numbers is a problem, and the links follow the numbers as printed.

>>> REQUIRED_UNITS
('paragraphs',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract import upr_report
from hrgraph.extract.citations import Cites, find_documents, read_cites
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.undoc.cover import Cover, state_from_symbol, upr_cycle, upr_session
from hrgraph.extract.undoc.layout import Layout, read_layout
from hrgraph.extract.undoc.notes import Note
from hrgraph.extract.undoc.recommendations import declared_format, find_recommendations, note_recommendations

REQUIRED_UNITS: tuple[str, ...] = ("paragraphs",)
WRAPPED_WIDTH = 130  # a text whose lines never exceed this is a hard-wrapped print


@dataclass(frozen=True)
class Response:
    """A recommendation a paragraph answers, and where the report says so."""

    recommendation: str  # "60.21", as the Working Group report numbers it
    via: str  # "note 17", "heading", "text"
    span: Span


@dataclass(frozen=True)
class ReportHeading:
    """A chapter (``I.``), section (``A.``), numbered sub-heading, thematic heading, or a
    ``Recomendaciones 125.11 a 125.17`` heading (kind ``recommendations``, with its ids)."""

    kind: str
    number: str | None
    title: str
    span: Span
    ordinal: int
    parent: int | None
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportParagraph:
    number: int
    text: str
    span: Span
    heading: int | None
    chapter: int | None
    notes: tuple[int, ...]
    responds_to: tuple[Response, ...]
    cites: Cites


@dataclass
class UPRNationalReport:
    """Everything read from one national report."""

    source: str
    symbol: str | None
    symbol_span: Span | None
    state: str
    language: str
    date: date | None
    session: int | None
    cycle: int | None  # the cycle of the review the report is for
    answered_cycle: int | None  # the cycle whose recommendations it answers
    cycle_span: Span | None
    body: str | None
    title: str | None
    cover: Cover
    headings: list[ReportHeading] = field(default_factory=list)
    paragraphs: list[ReportParagraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    kind: str = "upr-national-report"

    def answered(self) -> list[str]:
        """Every recommendation some paragraph or heading answers, once, in printed order."""
        ids = [r.recommendation for p in self.paragraphs for r in p.responds_to]
        ids += [i for h in self.headings for i in h.ids]
        return list(dict.fromkeys(ids))

    def counts(self) -> dict[str, int]:
        return {
            "chapters": sum(h.kind == "chapter" for h in self.headings),
            "headings": sum(h.kind != "chapter" for h in self.headings),
            "paragraphs": len(self.paragraphs),
            "notes": len(self.notes),
            "recommendations answered": len(self.answered()),
            "paragraph→recommendation links": sum(len(p.responds_to) for p in self.paragraphs),
            "documents cited": sum(len(p.cites.documents) for p in self.paragraphs),
            "treaty claims": sum(len(p.cites.claims) for p in self.paragraphs),
        }


def check_declared(src: SourceText, declared: Declared, symbol: str | None, span: Span | None) -> str:
    """The State, from the symbol where it names one; a symbol contradicting what the source
    list declares is an error naming the line."""
    line = span.start if span else None
    if declared.symbol and symbol and declared.symbol != symbol:
        raise ExtractionError(
            src.key, line, f"expected the symbol {declared.symbol} (declared), found {symbol}"
        )
    state = state_from_symbol(symbol)
    if state and declared.state and state != declared.state:
        raise ExtractionError(
            src.key,
            line,
            f"expected a document of {declared.state} (declared), the symbol {symbol} is {state}'s",
        )
    if not (state or declared.state):
        raise ExtractionError(src.key, line, "no State: the symbol names none and none is declared")
    return state or declared.state


def is_wrapped(src: SourceText) -> bool:
    """Whether the text is hard-wrapped (every line short), as the Spanish print exports."""
    lengths = [len(t) for t in src.lines if t.strip()]
    return bool(lengths) and max(lengths) <= WRAPPED_WIDTH


def read_print(
    src: SourceText, ledger: LineLedger, declared: Declared
) -> UPRNationalReport | upr_report.UPRReport:
    """The records the build maps: for the hard-wrapped print, the full reading of
    :mod:`hrgraph.extract.upr_report` (acts, treaty claims, sections and the recommendations no
    heading lists, as :mod:`hrgraph.rdf.state_reports` writes them); else :func:`read`."""
    if not is_wrapped(src):
        return read(src, ledger, declared)
    report = upr_report.extract(src, ledger)
    report.state = check_declared(src, declared, report.symbol, report.symbol_span)
    return report


def check(report: UPRNationalReport | upr_report.UPRReport) -> dict[str, list[str]]:
    """What ``build`` reports beside the counts: the recommendations the report leaves unanswered
    (the hard-wrapped print, whose headings list them all)."""
    return upr_report.check(report) if isinstance(report, upr_report.UPRReport) else {}


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> UPRNationalReport:
    """Read a national report (either print) into records with spans."""
    if is_wrapped(src):
        return _from_wrapped(src, ledger, declared)
    layout = read_layout(src, ledger)
    cover = layout.cover
    symbol = cover.symbol or declared.symbol or None
    state = check_declared(src, declared, cover.symbol, cover.symbol_span)
    session = cover.session or (upr_session(symbol) if symbol else None)
    cycle = upr_cycle(session) if session else None
    report = UPRNationalReport(
        src.key, symbol, cover.symbol_span, state, cover.original_language or declared.language,
        cover.date, session, cycle, cycle - 1 if cycle and cycle > 1 else None,
        cover.session_span or cover.symbol_span, cover.body, cover.title, cover,
        notes=layout.notes, problems=list(layout.problems),
    )  # fmt: skip
    _structure(report, layout)
    _check_note_format(report)
    if not report.paragraphs:
        raise ExtractionError(src.key, None, "no numbered paragraphs found")
    return report


def _structure(report: UPRNationalReport, layout: Layout) -> None:
    for h in layout.body.headings:
        report.headings.append(ReportHeading(h.kind, h.number, h.title, h.span, h.ordinal, h.parent))
    for p in layout.body.paragraphs:
        notes = layout.notes_of("paragraph", p.number)
        responses: list[Response] = []
        for number in notes:
            note = layout.note(number)
            if note:
                for c in note_recommendations(note.text):
                    responses += [Response(i, f"note {number}", note.span) for i in c.ids]
        text = layout.clean_text(p)
        for c in find_recommendations(p.lined.search):
            responses += [Response(i, "text", p.lined.span(c.start, c.end)) for i in c.ids]
        unique = tuple({r.recommendation: r for r in reversed(responses)}.values())[::-1]
        if report.language == "es":  # acts and treaty claims are read in Spanish only
            cites, problems = read_cites(p.lined, p.number, None)
            report.problems += problems
        else:
            cites = Cites(documents=tuple(find_documents(p.lined)))
        report.paragraphs.append(
            ReportParagraph(p.number, text, p.span, p.heading, p.chapter, notes, unique, cites)
        )


def _check_note_format(report: UPRNationalReport) -> None:
    """A note describing the citations otherwise than the notes print them is a problem."""
    cited = {r.recommendation.partition(".")[0] for p in report.paragraphs for r in p.responds_to}
    for note in report.notes:
        if not re.search(r"[Rr]ecommendation|[Rr]ecomendaci", note.text):
            continue
        prefixes, cycle = declared_format(note.text)
        if prefixes and cited and not cited & set(prefixes):
            report.problems.append(Problem(note.span, (
                f"note {note.number} says the recommendations are cited as "
                f"{', '.join(f'[{p}.xx]' for p in prefixes)}, but the notes cite "
                f"{', '.join(sorted(f'{c}.x' for c in cited))}: the numbers are read as "
                "printed")))  # fmt: skip
        if cycle and report.answered_cycle and cycle != report.answered_cycle:
            report.problems.append(Problem(note.span, (
                f"note {note.number} says the recommendations are of cycle {cycle}, but the report "
                f"(session {report.session}) answers cycle {report.answered_cycle}: links go to "
                f"cycle {report.answered_cycle}")))  # fmt: skip


# -- the hard-wrapped print ---------------------------------------------------------------


def _from_wrapped(src: SourceText, ledger: LineLedger, declared: Declared) -> UPRNationalReport:
    old = upr_report.extract(src, ledger)
    symbol = old.symbol or declared.symbol or None
    state = check_declared(src, declared, old.symbol, old.symbol_span)
    if old.symbol and not find_symbols(old.symbol):
        raise ExtractionError(src.key, None, f"not a UN symbol: {old.symbol}")
    session = upr_session(symbol) if symbol else None
    cycle = upr_cycle(session) if session else None
    answered = cycle - 1 if cycle and cycle > 1 else old.answered_cycle
    report = UPRNationalReport(
        src.key, symbol, old.symbol_span, state, declared.language or "es", None, session,
        cycle or (answered + 1 if answered else None), answered, old.cycle_span or old.symbol_span,
        None, None, Cover(), problems=list(old.problems),
    )  # fmt: skip
    if old.answered_cycle and answered and old.answered_cycle != answered:
        report.problems.append(Problem(old.cycle_span or src.span(1), (
            f"the text names review cycle {old.answered_cycle}, the symbol's session {session} "
            f"makes it cycle {answered}")))  # fmt: skip
    _wrapped_structure(report, old)
    return report


def _wrapped_structure(report: UPRNationalReport, old: upr_report.UPRReport) -> None:
    items: list[tuple[Span, str, object]] = [(c.span, "chapter", c) for c in old.chapters]
    items += [(h.span, "heading", h) for h in old.headings]
    items += [(s.span, "recommendations", s) for s in old.sections]
    chapter_of: dict[str, int] = {}
    heading_of: dict[int, int] = {}
    section_of: dict[int, ReportHeading] = {}
    for span, kind, item in sorted(items, key=lambda x: x[0].start):
        ordinal = len(report.headings) + 1
        if isinstance(item, upr_report.Chapter):
            h = ReportHeading("chapter", item.numeral, item.title, span, ordinal, None)
            chapter_of[item.numeral] = ordinal
        elif isinstance(item, upr_report.Heading):
            h = ReportHeading("heading", None, item.title, span, ordinal, chapter_of.get(item.chapter))
            heading_of[item.ordinal] = ordinal
        else:
            assert isinstance(item, upr_report.RecommendationHeading)
            parent = heading_of.get(item.heading or 0) or chapter_of.get(item.chapter)
            h = ReportHeading(kind, None, item.printed, span, ordinal, parent, item.ids)
            section_of[item.ordinal] = h
        report.headings.append(h)
    for p in old.paragraphs:
        section = section_of.get(p.section or 0)
        inner = section.ordinal if section else heading_of.get(p.heading or 0) or chapter_of.get(p.chapter)
        responses = tuple(Response(i, "heading", section.span) for i in p.responds_to) if section else ()
        report.paragraphs.append(
            ReportParagraph(
                p.number, p.text, p.span, inner, chapter_of.get(p.chapter), (), responses, p.cites
            )
        )
