"""A State's follow-up reply to concluding observations (genre ``follow-up-reply``).

The convention read (CCPR/C/USA/CO/4/Add.1 and the other committees' follow-up addenda):

- the **cover**: the addendum's symbol (``CCPR/C/USA/CO/4/Add.1``), ``Addendum``,
  ``Information received from the United States of America on follow-up to the concluding
  observations*``, ``[Date received: 11 October 2017]``. The concluding observations answered
  are the symbol without ``/Add.N``, unless the text prints another ``…/CO/…`` symbol first;
- **headings naming the CO paragraphs answered**: ``Paragraph 5``, ``Paragraphs 7 and 8``,
  ``Paragraph 22 (a)``, ``Párrafo 5``, ``Information on paragraph 12 …``; every numbered paragraph
  under one answers those paragraphs (``hrg:respondsTo``);
- numbered paragraphs, run together or carried over page breaks (:mod:`hrgraph.extract.tb_layout`);
- **footnotes printed at the foot of each page**, mixed into the text: from the first line of a
  page that opens with the next note number and a space (``1 The Committee is aware …``; a
  paragraph number has a full stop) to the page's end; several notes to a line
  (``8 18 U.S.C. ch. 212. 9 See Fourth Periodic Report …``), numbered through the document
  (split by :func:`hrgraph.extract.undoc.notes.split_notes`); their **markers** are glued to the
  paragraph text (``punishment2 are``, ``overseas.7``) and found in reading order
  (:func:`hrgraph.extract.undoc.notes.find_markers`): each paragraph keeps the numbers of the
  notes its markers point to, its text without the markers' digits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hrgraph.extract import treaty_body_text as tb
from hrgraph.extract.citations import LinedText
from hrgraph.extract.common import Declared, LineLedger, Problem, SourceText, Span
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.tb_layout import page_note_lines, segments
from hrgraph.extract.undoc.notes import Note, find_markers, split_notes, strip_markers

KIND = "follow-up-reply"
REQUIRED_UNITS: tuple[str, ...] = ("paragraphs", "paragraphs answering a CO paragraph")
ANSWERS = re.compile(
    r"^(?:(?:Information|Reply|Response|Follow-up information|Información|Respuesta)\b.*?\b)?"
    r"(?:Paragraphs?|párrafos?|Párrafos?|paragraphs?)\s+(?P<refs>\d+.*)$"
)


@dataclass(frozen=True)
class Heading:
    ordinal: int
    printed: str
    answers: tuple[str, ...]  # CO paragraph numbers, sub-items "22a"
    span: Span


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str  # without its note markers
    heading: int | None
    responds_to: tuple[str, ...]
    span: Span
    notes: tuple[int, ...] = ()  # the notes its markers point to


@dataclass
class FollowUpReply:
    source: str
    symbol: str
    state: str
    date: dt.date | None
    language: str
    body: str
    co_symbol: str
    received: dt.date | None = None
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    span: Span | None = None

    def counts(self) -> dict[str, int]:
        return {
            "headings": len(self.headings),
            "paragraphs": len(self.paragraphs),
            "paragraphs answering a CO paragraph": sum(1 for p in self.paragraphs if p.responds_to),
            "CO paragraphs answered": len({x for h in self.headings for x in h.answers}),
            "notes": len(self.notes),
        }


def _answers(text: str) -> tuple[str, ...]:
    m = ANSWERS.match(text)
    return tb.follow_up_targets(text) if m else ()


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> FollowUpReply:
    """Read a follow-up reply: the CO paragraphs each heading names, its paragraphs, its notes."""
    cover, meta = tb.open_document(src, ledger, declared)
    printed_co = next((s for n, raw in src.numbered(cover.end_line + 1) for s, _ in find_symbols(raw)
                       if "/CO/" in s and s != meta.symbol), None)  # fmt: skip
    doc = FollowUpReply(src.key, meta.symbol, meta.state, meta.date, meta.language, meta.body,
                        printed_co or tb.without_addendum(meta.symbol), cover.received)  # fmt: skip
    if cover.spans:
        doc.span = Span(src.key, cover.spans[0].start, cover.spans[-1].end)
    notes = page_note_lines(src, ledger, cover.spans)
    if notes:
        doc.notes, problems = split_notes(LinedText.join(src.key, [(n, src.line(n).strip()) for n in notes]))
        doc.problems += problems
        for n in notes:
            ledger.use(src.span(n), "note")
    _body(src, ledger, doc)
    return doc


def _body(src: SourceText, ledger: LineLedger, doc: FollowUpReply) -> None:
    heading: Heading | None = None
    lines: list[tuple[int, str]] = []
    number = 0
    texts: list[LinedText] = []

    def flush() -> None:
        if not lines:
            return
        span = Span(src.key, lines[0][0], lines[-1][0])
        ledger.use(span, "paragraph")
        answers = heading.answers if heading else ()
        texts.append(LinedText.join(src.key, [(n, t) for n, t in lines if t]))
        doc.paragraphs.append(Paragraph(number, texts[-1].text, heading.ordinal if heading else None,
                                        answers, span))  # fmt: skip
        lines.clear()

    start = max([s.end for s in (doc.span,) if s] + [0]) + 1
    for s in segments(src, start, lambda n: n in ledger.used_as):
        if s.kind in ("heading", "section") and (answers := _answers(s.text)):
            flush()
            heading = Heading(len(doc.headings) + 1, s.text, answers, Span(src.key, s.line, s.last))
            doc.headings.append(heading)
            ledger.use(heading.span, "heading")
        elif s.kind == "paragraph":
            flush()
            number = int(s.mark)
            if number != (doc.paragraphs[-1].number + 1 if doc.paragraphs else 1):
                doc.problems.append(Problem(src.span(s.line), f"paragraph {number} out of sequence"))
            lines.append((s.line, s.text))
            if s.last != s.line:
                lines.append((s.last, ""))
        elif lines:
            text = f"({s.mark}) {s.text}" if s.kind == "item" else s.text
            lines.append((s.line, text))
            if s.last != s.line:
                lines.append((s.last, ""))
        else:
            doc.problems.append(Problem(src.span(s.line), f"text outside any paragraph: {s.text[:60]!r}"))
            ledger.use(Span(src.key, s.line, s.last), "unread heading")
    flush()
    _markers(doc, texts)


def _markers(doc: FollowUpReply, texts: list[LinedText]) -> None:
    """The notes each paragraph's markers point to; its text without them."""
    if not doc.notes:
        return
    markers, problems = find_markers(texts, max(n.number for n in doc.notes))
    doc.problems += problems
    for i, p in enumerate(doc.paragraphs):
        numbers = tuple(m.number for m in markers if m.block == i)
        text = strip_markers(texts[i].text, markers, i)
        doc.paragraphs[i] = Paragraph(p.number, text, p.heading, p.responds_to, p.span, numbers)
