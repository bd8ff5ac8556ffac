"""Concluding observations of a treaty body on a State's report (genre ``concluding-observations``).

The convention read (the UN's layout of every committee's concluding observations, e.g.
CCPR/C/NAM/CO/2 and CCPR/C/USA/CO/4; English or Spanish):

- the **cover** (:mod:`hrgraph.extract.undoc.cover`): ``CCPR/C/NAM/CO/2`` / ``Distr.: General
  22 April 2016`` / ``Human Rights Committee`` / ``Concluding observations on the second report
  of Namibia*``; the symbol names the committee and the State;
- **sections** ``A. Introduction``, ``B. Positive aspects``, ``C. Principal matters of concern and
  recommendations``, ``D. …`` (or roman ``I.``–``IV.`` with lettered sub-sections), then
  **theme headings** (``Non-discrimination``), on a line of their own or on the line of the next
  paragraph's number (``Non-discrimination 9. While noting…``);
- **numbered paragraphs** with **lettered items** ``(a)`` / ``a)`` (:mod:`hrgraph.extract.tb_layout`);
- the **articles** a concern names at its end: ``(art. 2)``, ``(arts. 2, 3, 7 and 26)``;
- **recommendations**: in the newer layout a paragraph of its own after the concern
  (``10. The State party should …``); in the older layout an unnumbered paragraph after the
  concern (``The State party should: (a) …``, ``The Committee recommends that …``) that belongs
  to the concern's number. A recommendation concerns the articles its concern, heading or
  section names;
- the **follow-up request** (``In accordance with rule 71, paragraph 5, … within one year …
  information on the implementation of the recommendations made … in paragraphs 10 (…), 22 (…)
  and 24 (…) above``): the paragraphs, and the deadline — printed, or the adoption date
  (``At its 3259th meeting, held on 23 March 2016, it adopted …``) plus the printed period;
- the **next report** (``… submit its next periodic report by 31 March 2020``).

Paragraph numbers must run 1, 2, 3 …; a gap, and a missing item letter, is a :class:`Problem`
naming the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hrgraph.extract import treaty_body_text as tb
from hrgraph.extract.common import Declared, LineLedger, Problem, SourceText, Span
from hrgraph.extract.tb_layout import Segment, segments

KIND = "concluding-observations"
REQUIRED_UNITS: tuple[str, ...] = ("paragraphs", "recommendations")
REC_LEAD = re.compile(
    r"^(?:In (?:the )?light of [^,]+, |(?:A la luz|En vista) de [^,]+, )?"
    r"(?:[Tt]he State [Pp]arty (?:should|is (?:urged|encouraged|requested))"
    r"|The Committee (?:also )?(?:recommends|urges|encourages|calls upon|requests"
    r"|reiterates its recommendation)"
    r"|[Ee]l Estado parte (?:debe|debería)"
    r"|El Comité (?:también )?(?:recomienda|insta|alienta|exhorta|pide|reitera su recomendación))\b"
)
REC_WORDS = re.compile(
    r"\b(?:should|recommends|urges|encourages|calls upon|debe|debería|recomienda|insta|alienta|exhorta)\b"
)
CONCERN_WORDS = re.compile(r"concern|regrets|preocupa|lamenta|deplores|deplora", re.IGNORECASE)
CONCERN_SECTION = re.compile(r"concern|preocupación", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    ordinal: int
    mark: str  # "C" or "III"
    title: str
    articles: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Theme:
    """A theme heading under which concerns and recommendations are printed."""

    ordinal: int
    title: str  # as printed, without the articles it names
    articles: tuple[str, ...]
    section: int | None
    span: Span


@dataclass(frozen=True)
class Item:
    letter: str
    text: str
    span: Span
    reordered: bool = False  # its first words were printed after its last (put back)


@dataclass(frozen=True)
class Recommendation:
    """What the committee asks the State to do: a numbered paragraph, or (older layout) the
    unnumbered paragraph after a concern, which takes the concern's number."""

    number: int
    text: str
    items: tuple[Item, ...]
    articles: tuple[str, ...]
    concern: int | None  # the concern paragraph it answers, where numbered apart
    numbered: bool  # printed with a number of its own
    span: Span


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str  # as printed, items included
    items: tuple[Item, ...]
    kind: str  # "concern", "recommendation", "follow-up request", "next report", "other"
    articles: tuple[str, ...]  # named in its own text
    section: int | None
    theme: int | None
    span: Span


@dataclass(frozen=True)
class FollowUpRequest:
    paragraph: int
    targets: tuple[str, ...]  # "10", "12a"
    period: str | None  # "P1Y"
    deadline: dt.date | None
    basis: str | None  # "printed", "adoption+P1Y"
    span: Span


@dataclass(frozen=True)
class NextReport:
    paragraph: int
    due: tb.Due
    span: Span


@dataclass
class ConcludingObservations:
    source: str
    symbol: str
    state: str
    date: dt.date | None
    language: str
    body: str
    session: int | None = None
    adopted: dt.date | None = None
    sections: list[Section] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    follow_up: FollowUpRequest | None = None
    next_report: NextReport | None = None
    problems: list[Problem] = field(default_factory=list)
    span: Span | None = None  # the cover

    def paragraph(self, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.number == number), None)

    def counts(self) -> dict[str, int]:
        return {
            "sections": len(self.sections),
            "themes": len(self.themes),
            "paragraphs": len(self.paragraphs),
            "items": sum(len(p.items) for p in self.paragraphs),
            "recommendations": len(self.recommendations),
            "unnumbered recommendations": sum(1 for r in self.recommendations if not r.numbered),
            "paragraphs for follow-up": len(self.follow_up.targets) if self.follow_up else 0,
        }


@dataclass
class _Block:
    """A paragraph being assembled: its own lines, items, and an unnumbered recommendation."""

    number: int
    lines: list[tuple[int, str]]
    items: list[tuple[Segment, list[tuple[int, str]]]] = field(default_factory=list)
    rec: _Block | None = None

    def target(self) -> _Block:
        return self.rec or self

    def add_text(self, n: int, text: str) -> None:
        target = self.target()
        if target.items:
            target.items[-1][1].append((n, text))
        else:
            target.lines.append((n, text))

    def first(self) -> int:
        return self.lines[0][0]

    def last(self) -> int:
        ends = [n for n, _ in self.lines] + [n for s, ls in self.items for n in (s.last, *(k for k, _ in ls))]
        return max(ends + ([self.rec.last()] if self.rec else []))

    def text(self) -> str:
        parts = [t for _, t in self.lines]
        for seg, more in self.items:
            parts.append(" ".join([f"({seg.mark}) {seg.text}".strip()] + [t for _, t in more]))
        return " ".join(p for p in parts if p)


class _Reader:
    def __init__(self, src: SourceText, doc: ConcludingObservations) -> None:
        self.src, self.doc = src, doc
        self.section: Section | None = None
        self.theme: Theme | None = None
        self.blocks: list[tuple[_Block, int | None, int | None]] = []  # block, section, theme
        self.open: _Block | None = None

    def segment(self, s: Segment) -> None:
        if s.kind == "section":
            self._close()
            self._section(s)
        elif s.kind == "heading":
            self._close()
            self._theme(s)
        elif s.kind == "paragraph":
            self._close()
            self.open = _Block(int(s.mark), [(s.line, s.text)])
            if s.last != s.line:
                self.open.lines.append((s.last, ""))
        elif self.open is None:
            self.doc.problems.append(
                Problem(self.src.span(s.line), f"text before any paragraph: {s.text[:60]!r}")
            )
        elif s.kind == "item":
            self.open.target().items.append((s, []))
        elif REC_LEAD.match(s.text) and self.open.rec is None and _is_concern(self.open.text()):
            self.open.rec = _Block(self.open.number, [(s.line, s.text)])
        else:
            self.open.add_text(s.line, s.text)

    def _section(self, s: Segment) -> None:
        title, articles = _strip_articles(s.text)
        self.section = Section(
            len(self.doc.sections) + 1, s.mark, title, articles, self.src.span(s.line, s.last)
        )
        self.doc.sections.append(self.section)
        self.theme = None

    def _theme(self, s: Segment) -> None:
        title, articles = _strip_articles(s.text)
        section = self.section.ordinal if self.section else None
        self.theme = Theme(len(self.doc.themes) + 1, title, articles, section, self.src.span(s.line, s.last))
        self.doc.themes.append(self.theme)

    def _close(self) -> None:
        if self.open is not None:
            self.blocks.append((self.open, self.section.ordinal if self.section else None,
                                self.theme.ordinal if self.theme else None))  # fmt: skip
        self.open = None


def _strip_articles(text: str) -> tuple[str, tuple[str, ...]]:
    """``Non-discrimination (arts. 2 and 26)`` → the title and the articles it names."""
    articles = tb.articles(text)
    title = tb.ARTICLES.sub("", text).strip() if articles else text.strip()
    return title, articles


def _first_sentence(text: str) -> str:
    """Up to the first full stop or colon that ends a word of two lower-case letters or more
    (not ``No. 35``, ``arts. 2``)."""
    return re.split(r"(?<=[a-zé)]{2}[.:])\s", text, maxsplit=1)[0]


def _is_concern(text: str) -> bool:
    first = _first_sentence(text)
    return bool(CONCERN_WORDS.search(first))


def _kind(text: str) -> str:
    first = _first_sentence(text)
    if REC_LEAD.match(text) or (REC_WORDS.search(first) and not CONCERN_WORDS.search(first)):
        return "recommendation"
    return "concern" if CONCERN_WORDS.search(first) else "other"


def _items(src: SourceText, block: _Block, number: int, problems: list[Problem]) -> tuple[Item, ...]:
    out = []
    expected = "a"
    for seg, more in block.items:
        end = max([seg.last, *(n for n, _ in more)])
        text = " ".join([seg.text] + [t for _, t in more]).strip()
        if seg.mark != expected:
            what = "missing" if seg.mark > expected else "out of order"
            after = f"follows ({chr(ord(expected) - 1)})" if expected > "a" else "opens the list"
            message = f"paragraph {number}: item ({seg.mark}) {after}; item ({expected}) {what}"
            problems.append(Problem(src.span(seg.line), message))
        expected = chr(ord(seg.mark) + 1)
        out.append(Item(seg.mark, text, Span(src.key, seg.line, end), seg.reordered))
    return tuple(out)


def _follow_up(doc: ConcludingObservations, p: Paragraph) -> FollowUpRequest | None:
    targets = tb.follow_up_targets(p.text)
    period = tb.period(p.text)
    printed = tb.printed_deadline(p.text)
    if (
        not targets
        or not (period or printed)
        or not re.search(r"implement|aplicación|seguimiento|follow", p.text)
    ):
        return None
    deadline: dt.date | None = None
    basis: str | None = None
    if printed:
        deadline, basis = printed[0], "printed"
    elif period and doc.adopted:
        deadline, basis = tb.add_period(doc.adopted, period), f"adoption+{period}"
    else:
        message = (
            f"paragraph {p.number} sets the period {period} for follow-up but no adoption date is printed"
        )
        doc.problems.append(Problem(p.span, message + ": no deadline"))
    return FollowUpRequest(p.number, targets, period, deadline, basis, p.span)


def _paragraphs(src: SourceText, ledger: LineLedger, doc: ConcludingObservations, reader: _Reader) -> None:
    concern_section = next((s.ordinal for s in doc.sections if CONCERN_SECTION.search(s.title)), None)
    last_concern: dict[int | None, Paragraph] = {}  # per theme, a concern without its own recommendation
    for block, section, theme in reader.blocks:
        expected = len(doc.paragraphs) + 1 if not doc.paragraphs else doc.paragraphs[-1].number + 1
        if block.number != expected:
            message = f"paragraph {block.number} where {expected} was expected: paragraphs missing"
            doc.problems.append(Problem(src.span(block.first()), message))
        own = _Block(block.number, block.lines, block.items)
        span = Span(src.key, block.first(), block.last())
        ledger.use(span, "paragraph")
        text = block.text() if block.rec is None else f"{own.text()} {block.rec.text()}"
        p = Paragraph(block.number, text, _items(src, own, block.number, doc.problems), _kind(own.text()),
                      tb.articles(own.text()), section, theme, span)  # fmt: skip
        doc.paragraphs.append(p)
        if doc.adopted is None:
            doc.adopted = tb.adoption_date(p.text)
        request = _follow_up(doc, p)
        due = tb.next_report_due(p.text) if request is None else None
        if request:
            doc.follow_up, p = request, _with_kind(doc, p, "follow-up request")
        elif due and (p.kind != "concern"):
            doc.next_report, p = NextReport(p.number, due, p.span), _with_kind(doc, p, "next report")
        in_recs = concern_section is not None and section is not None and section >= concern_section
        if p.kind == "concern":
            last_concern[theme] = p
        if block.rec is not None:
            last_concern.pop(theme, None)
            rec_span = Span(src.key, block.rec.first(), block.rec.last())
            items = _items(src, block.rec, block.number, doc.problems)
            articles = _articles(doc, p, None)
            doc.recommendations.append(
                Recommendation(p.number, block.rec.text(), items, articles, None, False, rec_span)
            )
            doc.paragraphs[-1] = Paragraph(p.number, p.text, p.items + items, p.kind, p.articles,
                                           p.section, p.theme, p.span)  # fmt: skip
        elif p.kind == "recommendation" and in_recs:
            concern = last_concern.pop(theme, None) if theme is not None else None
            doc.recommendations.append(Recommendation(
                p.number, p.text, p.items, _articles(doc, p, concern), concern.number if concern else None,
                True, p.span))  # fmt: skip


def _with_kind(doc: ConcludingObservations, p: Paragraph, kind: str) -> Paragraph:
    q = Paragraph(p.number, p.text, p.items, kind, p.articles, p.section, p.theme, p.span)
    doc.paragraphs[-1] = q
    return q


def _articles(doc: ConcludingObservations, p: Paragraph, concern: Paragraph | None) -> tuple[str, ...]:
    """The articles a recommendation concerns: its own, its concern's, its heading's, its section's."""
    found = list(p.articles) + list(concern.articles if concern else ())
    found += [a for t in doc.themes if t.ordinal == p.theme for a in t.articles]
    found += [a for s in doc.sections if s.ordinal == p.section for a in s.articles]
    return tuple(dict.fromkeys(found))


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> ConcludingObservations:
    """Read concluding observations: sections, themes, paragraphs, recommendations, follow-up."""
    cover, meta = tb.open_document(src, ledger, declared)
    doc = ConcludingObservations(src.key, meta.symbol, meta.state, meta.date, meta.language, meta.body,
                                 cover.session)  # fmt: skip
    if cover.spans:
        doc.span = Span(src.key, cover.spans[0].start, cover.spans[-1].end)
    reader = _Reader(src, doc)
    for s in segments(src, cover.end_line + 1, lambda n: n in ledger.used_as):
        reader.segment(s)
        if s.kind in ("section", "heading"):
            ledger.use(Span(src.key, s.line, s.last), s.kind)
    reader._close()
    _paragraphs(src, ledger, doc, reader)
    return doc
