"""A periodic report to a treaty body (CERD), as the UN prints it in Spanish.

The convention read (Kazakhstan's combined 11th–14th reports to CERD; NOTES.md section 001):

- One **paragraph** per physical line, ``N.<tab>text``, numbered consecutively; a word-processor
  artefact ``[bookmark: _Hlk…]`` may precede the number and is dropped. Lines without a number
  or indentation are list items that lost their bullets: they belong to the paragraph before.
  Lines ``<tab>a)<tab>text`` are lettered items of the paragraph before.
- **Headings** are tab-indented: ``<tab>VII.<tab>Artículo 5`` opens a **chapter** (chapters
  ``Artículo N`` report on that article of the Convention), ``<tab>A.<tab>…`` a **section**.
  A roman numeral is a chapter only when it is the next chapter's numeral: the section lettered
  ``I.`` after ``H.`` is a section. Two tabs mark a **follow-up heading** (``Información de
  seguimiento relativa a los párrafos N y M de las observaciones finales``, singular ``al
  párrafo N``, with sub-letters ``22 a), b) y c)``), a **sub-letter marker** ``a)`` on a line of
  its own, or an unlettered sub-heading. A heading whose line ends in a space continues on the
  next, unindented line; an unindented line right after a heading that does not end in a space
  is an unlettered section heading (``Prohibición de la segregación``).
- Every paragraph under a follow-up heading answers the concluding-observation paragraphs it
  names (of the observations the report follows up, whose symbol the report prints); under a
  marker ``b)`` of a heading naming ``22 a), b) y c)`` it answers ``22 b`` (and the heading's
  unlettered paragraphs). U+2011 hyphens in symbols are normalised.

The report does not print its own symbol; the observations it follows up name the State and the
committee (``CERD/C/KAZ/CO/8-10`` → KAZ, CERD): both come from that symbol, never a constant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract.citations import (
    Cites,
    LinedText,
    conflicts,
    read_cites,
    roman_to_int,
)
from hrgraph.extract.common import ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.dates import parse_long_date
from hrgraph.extract.refs import expand
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.treaty_body_text import body_from_symbol
from hrgraph.extract.undoc.cover import state_from_symbol

PARAGRAPH = re.compile(r"^(?P<artefact>\[bookmark: _Hlk\d+\])?(?P<number>\d{1,3})\.\t(?P<text>.*)$")
LEVEL1 = re.compile(r"^ ?\t(?P<mark>[IVXL]+|[A-Z])\.\t(?P<title>.*)$")
LEVEL2 = re.compile(r"^\t\t(?P<text>\S.*)$")
ITEM = re.compile(r"^\t(?P<letter>[a-z])\)\t(?P<text>.*)$")
MARKER = re.compile(r"^(?P<letter>[a-z])\)\s*$")
FOLLOW_UP = re.compile(
    r"^Información de seguimiento relativa (?:a los párrafos|al párrafo) (?P<refs>.+?) "
    r"de las observaciones\s+finales(?:\s*\((?P<symbol>[^)]+)\))?\s*$"
)
ARTICLE = re.compile(r"^Artículo (?P<n>\d+)$")
CO_DATE = re.compile(r"^,\s*de (?P<date>\d{1,2} de \w+ de \d{4})")


def numeral(n: int) -> str:
    """13 → ``XIII``.

    >>> numeral(8), numeral(13)
    ('VIII', 'XIII')
    """
    out = ""
    for value, sign in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sign, n - value
    return out


@dataclass(frozen=True)
class Chapter:
    numeral: str
    number: int
    title: str
    article: str | None  # "Artículo 5" → "5": the article of the Convention it reports on
    span: Span


@dataclass(frozen=True)
class Section:
    """A lettered section (``A.``) or an unlettered section heading of a chapter."""

    ordinal: int
    letter: str | None
    title: str
    chapter: str
    span: Span


@dataclass(frozen=True)
class FollowUp:
    """``Información de seguimiento relativa a …``: the CO paragraphs the text below answers."""

    ordinal: int
    printed: str
    symbol: str
    paragraphs: tuple[str, ...]
    chapter: str
    section: int | None
    span: Span


@dataclass(frozen=True)
class SubHeading:
    """A sub-letter marker ``a)`` or an unlettered sub-heading under a follow-up heading."""

    ordinal: int
    letter: str | None
    title: str | None
    follow_up: int | None
    span: Span


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    span: Span
    chapter: str
    section: int | None
    follow_up: int | None
    marker: int | None  # ordinal of the sub-letter marker it sits under
    subheading: int | None
    responds_to: tuple[str, ...]
    cites: Cites
    artefact: str | None


@dataclass
class TreatyReport:
    """Everything read from one periodic report to a treaty body."""

    source: str
    body: str  # the treaty body reported to (its key: CERD, CCPR, …)
    co_symbol: str | None = None
    co_symbol_span: Span | None = None
    co_date: date | None = None
    chapters: list[Chapter] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    subheadings: list[SubHeading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    state: str = ""  # ISO alpha-3 of the reporting State: the followed-up observations' State

    def chapter(self, numeral: str) -> Chapter | None:
        return next((c for c in self.chapters if c.numeral == numeral), None)

    def counts(self) -> dict[str, int]:
        cites = [p.cites for p in self.paragraphs]
        return {
            "chapters": len(self.chapters),
            "chapters on an article": sum(1 for c in self.chapters if c.article),
            "sections": len(self.sections),
            "follow-up headings": len(self.follow_ups),
            "sub-headings and markers": len(self.subheadings),
            "paragraphs": len(self.paragraphs),
            "paragraph→CO paragraph links": sum(len(p.responds_to) for p in self.paragraphs),
            "CO paragraphs followed up": len({x for f in self.follow_ups for x in f.paragraphs}),
            "acts cited": sum(len(c.acts) for c in cites),
            "documents cited": sum(len(c.documents) for c in cites),
            "cross-references": sum(len(c.internal) for c in cites),
            "treaty claims": sum(len(c.claims) for c in cites),
        }


def _co_symbol(src: SourceText, report: TreatyReport) -> None:
    """The concluding observations the report follows up: the first ``…/CO/…`` symbol printed,
    and their date where it is printed right after it (``CERD/C/KAZ/CO/8-10, de 4 de julio de
    2022``)."""
    for n, raw in src.numbered():
        text = raw.replace("\u00a0", " ")
        for norm, printed in find_symbols(text):
            if "/CO/" in norm:
                report.co_symbol, report.co_symbol_span = norm, src.span(n)
                after = text[text.find(printed) + len(printed) :]
                dated = CO_DATE.match(after)
                if dated:
                    report.co_date = parse_long_date(dated["date"])
                return


class _Reader:
    """Reads the report line by line, keeping the current chapter, section and follow-up."""

    def __init__(self, src: SourceText, ledger: LineLedger, report: TreatyReport) -> None:
        self.src, self.ledger, self.report = src, ledger, report
        self.chapter: Chapter | None = None
        self.section: Section | None = None
        self.follow_up: FollowUp | None = None
        self.marker: SubHeading | None = None
        self.subheading: SubHeading | None = None
        self.open: list[tuple[int, str]] | None = None  # lines of a heading that continues
        self.open_kind = ""
        self.after_heading = False
        self.para_lines: list[tuple[int, str]] = []
        self.para_items: set[int] = set()
        self.para_head: re.Match[str] | None = None

    # -- dispatch -------------------------------------------------------------------------

    def line(self, n: int, raw: str) -> None:
        if not raw.strip():
            return
        if self.open is not None and not raw.startswith("\t") and not PARAGRAPH.match(raw):
            self.open.append((n, raw))
            self._use(n, "heading continuation")
            if not raw.endswith(" "):
                self._close_heading()
            return
        self._close_heading()
        if para := PARAGRAPH.match(raw):
            self._flush()
            self.para_head, self.para_lines, self.para_items = para, [(n, raw)], set()
            self.after_heading = False
        elif m := LEVEL1.match(raw):
            self._flush()
            self._heading(n, raw, "level1", m)
        elif m := LEVEL2.match(raw):
            self._flush()
            self._heading(n, raw, "level2", m)
        elif self.after_heading:
            self._unlettered_section(n, raw)
        elif self.para_lines:
            self.para_lines.append((n, raw))
            self.para_items.add(n)
        else:
            raise ExtractionError(self.src.key, n, f"unexpected line {raw[:60]!r}")

    def _use(self, n: int, kind: str) -> None:
        self.ledger.use(self.src.span(n), kind)

    # -- headings -------------------------------------------------------------------------

    def _heading(self, n: int, raw: str, kind: str, m: re.Match[str]) -> None:
        self.open, self.open_kind = [(n, raw)], kind
        if not raw.endswith(" "):
            self._close_heading()

    def _close_heading(self) -> None:
        if self.open is None:
            return
        lines, kind = self.open, self.open_kind
        self.open = None
        t = LinedText.join(self.src.key, lines)
        span = Span(self.src.key, lines[0][0], lines[-1][0])
        self._use(lines[0][0], "heading")
        text = t.text.replace("\u00a0", " ")
        if kind == "level1":
            m = LEVEL1.match(lines[0][1])
            assert m
            self._level1(m["mark"], re.sub(r"^\S+\s+", "", text, count=1).strip(), span)
        else:
            self._level2(text.strip(), span)
        self.after_heading = True

    def _level1(self, mark: str, title: str, span: Span) -> None:
        expected_chapter = numeral(len(self.report.chapters) + 1)
        expected_letter = chr(ord("A") + sum(
            1 for s in self.report.sections
            if self.chapter and s.chapter == self.chapter.numeral and s.letter
        ))  # fmt: skip
        if mark == expected_chapter and not (mark == expected_letter and self.chapter):
            article = ARTICLE.match(title)
            self.chapter = Chapter(mark, roman_to_int(mark), title,
                                   article["n"] if article else None, span)  # fmt: skip
            self.report.chapters.append(self.chapter)
            self.section = None
        elif mark == expected_letter:
            self._add_section(mark, title, span)
        else:
            self.report.problems.append(Problem(span, f"heading {mark}. out of sequence "
                                                      f"(expected {expected_chapter} or "
                                                      f"{expected_letter})"))  # fmt: skip
            self._add_section(mark, title, span)
        self.follow_up = self.marker = self.subheading = None

    def _add_section(self, letter: str | None, title: str, span: Span) -> None:
        if self.chapter is None:
            raise ExtractionError(self.src.key, span.start, "section before any chapter")
        self.section = Section(len(self.report.sections) + 1, letter, title,
                               self.chapter.numeral, span)  # fmt: skip
        self.report.sections.append(self.section)

    def _unlettered_section(self, n: int, raw: str) -> None:
        self._use(n, "heading")
        self._add_section(None, raw.strip(), self.src.span(n))
        self.follow_up = self.marker = self.subheading = None

    def _level2(self, text: str, span: Span) -> None:
        if m := FOLLOW_UP.match(text):
            self._follow_up(text, m, span)
        elif m := MARKER.match(text):
            self.marker = self._sub(m["letter"], None, span)
            self.subheading = None
        else:
            self.subheading = self._sub(None, text, span)

    def _sub(self, letter: str | None, title: str | None, span: Span) -> SubHeading:
        sub = SubHeading(len(self.report.subheadings) + 1, letter, title,
                         self.follow_up.ordinal if self.follow_up else None, span)  # fmt: skip
        self.report.subheadings.append(sub)
        return sub

    def _follow_up(self, text: str, m: re.Match[str], span: Span) -> None:
        symbol = m["symbol"] or self.report.co_symbol
        if symbol is None or self.chapter is None:
            raise ExtractionError(self.src.key, span.start, "follow-up heading with no CO symbol")
        found = find_symbols(symbol)
        refs = tuple(expand(m["refs"]))
        if not refs:
            raise ExtractionError(self.src.key, span.start, f"no paragraph numbers in {text!r}")
        self.follow_up = FollowUp(
            len(self.report.follow_ups) + 1,
            text,
            found[0][0] if found else symbol,
            refs,
            self.chapter.numeral,
            self.section.ordinal if self.section else None,
            span,
        )
        self.report.follow_ups.append(self.follow_up)
        self.marker = self.subheading = None

    # -- paragraphs -----------------------------------------------------------------------

    def _responds_to(self) -> tuple[str, ...]:
        if self.follow_up is None:
            return ()
        refs = self.follow_up.paragraphs
        letter = self.marker.letter if self.marker else None
        lettered = [r for r in refs if " " in r]
        if letter and any(r.endswith(f" {letter}") for r in lettered):
            return tuple(r for r in refs if " " not in r or r.endswith(f" {letter}"))
        return refs

    def _flush(self) -> None:
        head, lines = self.para_head, self.para_lines
        if head is None:
            return
        self.para_head, self.para_lines = None, []
        self.after_heading = False
        number = int(head["number"])
        self.ledger.numbering("paragraph").require(number, lines[0][0])
        first = (lines[0][0], f"{number}.\t{head['text']}")
        pieces = [first] + [(n, ITEM.sub(r"\g<letter>) \g<text>", raw)) for n, raw in lines[1:]]
        t = LinedText.join(self.src.key, pieces, frozenset(self.para_items))
        for n, _ in lines:
            self._use(n, "paragraph" if n == lines[0][0] else "list item")
        cites, problems = read_cites(t, number, self.report.co_symbol)
        self.report.problems += problems
        self.report.paragraphs.append(Paragraph(
            number, re.sub(r"^\d+\.\s+", "", t.text), Span(self.src.key, lines[0][0], lines[-1][0]),
            self.chapter.numeral if self.chapter else "",
            self.section.ordinal if self.section else None,
            self.follow_up.ordinal if self.follow_up else None,
            self.marker.ordinal if self.marker else None,
            self.subheading.ordinal if self.subheading else None,
            self._responds_to(), cites, head["artefact"],
        ))  # fmt: skip

    def item(self, n: int, raw: str) -> bool:
        """A lettered item ``<tab>a)<tab>…`` of the paragraph before."""
        if ITEM.match(raw) and self.para_lines:
            self.para_lines.append((n, raw))
            self.para_items.add(n)
            return True
        return False


def _check(report: TreatyReport) -> None:
    """Cross-references that point nowhere or contradict the chapter they name; conflicts."""
    numbers = {str(p.number) for p in report.paragraphs}
    for p in report.paragraphs:
        for ref in p.cites.internal:
            for message in _ref_problems(report, ref.target, ref.numbers, ref.article, numbers):
                report.problems.append(Problem(ref.span, f"{ref.printed!r} (paragraph {p.number}): "
                                                         f"{message}"))  # fmt: skip
    claims = [c for p in report.paragraphs for c in p.cites.claims]
    for a, b in conflicts(claims):
        report.problems.append(Problem(b.span, f"the report contradicts itself on the {b.kind} of "
                                               f"{b.instrument}: {a.effective_year} ({a.span}) "
                                               f"and {b.effective_year}; both kept"))  # fmt: skip


def _ref_problems(
    report: TreatyReport, target: str, refs: tuple[str, ...], article: str | None, numbers: set[str]
) -> list[str]:
    if target == "annex":
        return [f"annex {x} is not part of the source text" for x in refs]
    if target == "paragraph":
        return [f"no paragraph {x} in the report" for x in refs if x not in numbers]
    out = []
    for x in refs:
        chapter = report.chapter(x)
        if chapter is None:
            out.append(f"no chapter {x} in the report")
        elif article and chapter.article != article:
            out.append(f"chapter {x} reports on article {chapter.article}, not article {article}")
    return out


def extract(src: SourceText, ledger: LineLedger, body: str | None = None) -> TreatyReport:
    """Read a periodic report to a treaty body (``body``, else the one whose concluding
    observations the report follows up): structure, follow-up chain, citations."""
    report = TreatyReport(src.key, body or "")
    _co_symbol(src, report)
    report.body = body or body_from_symbol(report.co_symbol) or ""
    report.state = state_from_symbol(report.co_symbol) or ""
    if not report.body:
        raise ExtractionError(src.key, None, "no treaty body: the report prints no concluding-"
                                             "observations symbol (e.g. CERD/C/KAZ/CO/8-10)")  # fmt: skip
    reader = _Reader(src, ledger, report)
    for n, raw in src.numbered():
        if not reader.item(n, raw):
            reader.line(n, raw)
    reader._close_heading()
    reader._flush()
    if not report.paragraphs:
        raise ExtractionError(src.key, None, "no numbered paragraphs found")
    _check(report)
    return report
