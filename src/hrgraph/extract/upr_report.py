"""A national report to the Universal Periodic Review, as the UN prints it in Spanish.

The convention read (A/HRC/WG.6/34/KAZ/1; NOTES.md section 000):

- Text lines are hard-wrapped at about 90 characters and each is followed by a blank line, so a
  blank line means nothing; a **paragraph** starts with ``N.`` and paragraphs are numbered
  consecutively (a line opening with the next number is a paragraph start, any other line
  continues what came before, bullet lines ``•`` included); a line opening with a number ahead
  of the next one means paragraphs were lost and is an error (:class:`~hrgraph.extract.common.Numbering`).
- **Headings** are indented by one to three spaces and do not end with a full stop: a roman
  numeral (``III. Marco general …``) opens a **chapter**, ``Recomendaciones 125.11 a 125.17`` or
  ``Recomendación 125.96`` heads a **section** answering recommendations, anything else is a
  **thematic heading** (``Derecho a la vida``). A heading continues on the following unindented
  lines (``Recomendaciones 125.49 a … 125.71`` / ``a 125.73 y 125.75``). A single leading space
  also marks the first line of a page, which is not a heading: it starts with the next
  paragraph number or continues a sentence.
- The **page header and footer** (the document symbol, and a job number with a page number,
  ``GE.19-17926 5``) appear on lines of their own, in the middle of a sentence; the symbol line
  is the report's symbol as printed.
- The recommendation numbers are those of the working-group report of the review the report
  answers (``Segundo Examen Periódico Universal``): every paragraph of a section answers every
  recommendation its heading lists (ranges ``a`` and lists ``, … y`` expanded by
  :func:`hrgraph.extract.refs.expand`); a number listed under two headings answers both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hrgraph.extract.citations import Cites, LinedText, conflicts, read_cites, roman_to_int
from hrgraph.extract.common import ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.refs import expand
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.undoc.cover import state_from_symbol

PARAGRAPH = re.compile(r"^\s{0,3}(?P<number>\d{1,3})\.\s+\S")
CHAPTER = re.compile(r"^(?P<numeral>[IVXL]+)\.\s+(?P<title>.+)$")
RECOMMENDATIONS = re.compile(r"^Recomendaci(?:ones|ón)\s+(?P<ids>\d.*)$")
JOB_NUMBER = re.compile(r"^GE\.\d{2}-\d{5}\s+\d+$")
CYCLE = re.compile(r"(?P<ordinal>Primer|Segundo|Tercer|Cuarto)\s+Examen\s+Periódico\s+Universal")
ORDINALS = {"Primer": 1, "Segundo": 2, "Tercer": 3, "Cuarto": 4}


@dataclass(frozen=True)
class Chapter:
    numeral: str
    number: int
    title: str
    span: Span


@dataclass(frozen=True)
class Heading:
    """A thematic heading inside a chapter (``Derechos de la infancia``)."""

    ordinal: int
    title: str
    chapter: str
    span: Span


@dataclass(frozen=True)
class RecommendationHeading:
    """``Recomendaciones 125.18 a 125.21, 125.32 y 125.51``: the section answering them."""

    ordinal: int
    printed: str
    ids: tuple[str, ...]
    chapter: str
    heading: int | None  # ordinal of the thematic heading it sits under
    span: Span


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str
    span: Span
    chapter: str
    heading: int | None
    section: int | None  # ordinal of its RecommendationHeading
    responds_to: tuple[str, ...]
    cites: Cites


@dataclass
class UPRReport:
    """Everything read from one UPR national report."""

    source: str
    symbol: str | None = None
    symbol_span: Span | None = None
    answered_cycle: int | None = None
    cycle_span: Span | None = None
    chapters: list[Chapter] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    sections: list[RecommendationHeading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    state: str = ""  # ISO alpha-3 of the reporting State: the symbol's (A/HRC/WG.6/34/KAZ/1 → KAZ)

    def answered(self) -> list[str]:
        """Every recommendation id some heading lists, each once, in printed order."""
        return list(dict.fromkeys(i for s in self.sections for i in s.ids))

    def unanswered(self) -> list[str]:
        """Ids in the numbering (``125.1`` … the highest printed) that no heading lists."""
        ids = self.answered()
        if not ids:
            return []
        prefix = ids[0].rpartition(".")[0]
        top = max(int(i.rpartition(".")[2]) for i in ids if i.startswith(prefix + "."))
        seen = set(ids)
        return [f"{prefix}.{n}" for n in range(1, top + 1) if f"{prefix}.{n}" not in seen]

    def counts(self) -> dict[str, int]:
        cites = [p.cites for p in self.paragraphs]
        return {
            "chapters": len(self.chapters),
            "thematic headings": len(self.headings),
            "recommendation headings": len(self.sections),
            "paragraphs": len(self.paragraphs),
            "recommendations answered": len(self.answered()),
            "recommendations unanswered": len(self.unanswered()),
            "paragraph→recommendation links": sum(len(p.responds_to) for p in self.paragraphs),
            "acts cited": sum(len(c.acts) for c in cites),
            "documents cited": sum(len(c.documents) for c in cites),
            "cross-references": sum(len(c.internal) for c in cites),
            "treaty claims": sum(len(c.claims) for c in cites),
        }


@dataclass
class _Block:
    kind: str  # "paragraph", "chapter", "heading", "recommendations"
    lines: list[tuple[int, str]]
    number: int = 0


def _is_heading(raw: str) -> bool:
    stripped = raw.strip()
    indented = raw[:1] == " " and not raw[:4].isspace()
    return bool(indented and stripped and stripped[0].isupper() and not stripped.endswith("."))


def _furniture(src: SourceText, ledger: LineLedger, report: UPRReport, n: int, text: str) -> bool:
    stripped = text.strip()
    if JOB_NUMBER.match(stripped):
        ledger.furniture(n, "page footer")
        return True
    symbols = find_symbols(stripped)
    if symbols and symbols[0][1] == stripped:
        ledger.furniture(n, "page header")
        if report.symbol is None:
            report.symbol, report.symbol_span = symbols[0][0], src.span(n)
        return True
    return False


def _blocks(src: SourceText, ledger: LineLedger, report: UPRReport) -> list[_Block]:
    """The text cut into paragraphs and headings, each with its physical lines."""
    blocks: list[_Block] = []
    numbering = ledger.numbering("paragraph")
    for n, raw in src.numbered():
        if not raw.strip() or _furniture(src, ledger, report, n, raw):
            continue
        para = PARAGRAPH.match(raw)
        if para and numbering.accept(int(para["number"]), n):
            blocks.append(_Block("paragraph", [(n, raw)], int(para["number"])))
        elif _is_heading(raw):
            text = raw.strip()
            kind = "chapter" if CHAPTER.match(text) else "heading"
            kind = "recommendations" if RECOMMENDATIONS.match(text) else kind
            blocks.append(_Block(kind, [(n, raw)]))
        elif blocks:
            blocks[-1].lines.append((n, raw))
        else:
            raise ExtractionError(src.key, n, "text before the first heading or paragraph")
    return blocks


class _Reader:
    """Walks the blocks in order, keeping the current chapter, heading and section."""

    def __init__(self, src: SourceText, ledger: LineLedger, report: UPRReport) -> None:
        self.src, self.ledger, self.report = src, ledger, report
        self.chapter = ""
        self.heading: int | None = None
        self.section: RecommendationHeading | None = None

    def read(self, block: _Block) -> None:
        t = LinedText.join(self.src.key, block.lines)
        span = Span(self.src.key, block.lines[0][0], block.lines[-1][0])
        for n, _ in block.lines:
            self.ledger.use(self.src.span(n), block.kind)
        getattr(self, f"_{block.kind}")(block, t, span)

    def _chapter(self, block: _Block, t: LinedText, span: Span) -> None:
        m = CHAPTER.match(t.text)
        assert m
        self.report.chapters.append(
            Chapter(m["numeral"], roman_to_int(m["numeral"]), m["title"].strip(), span)
        )
        self.chapter, self.heading, self.section = m["numeral"], None, None

    def _heading(self, block: _Block, t: LinedText, span: Span) -> None:
        ordinal = len(self.report.headings) + 1
        self.report.headings.append(Heading(ordinal, t.text, self.chapter, span))
        self.heading, self.section = ordinal, None

    def _recommendations(self, block: _Block, t: LinedText, span: Span) -> None:
        m = RECOMMENDATIONS.match(t.text)
        assert m
        ids = tuple(expand(m["ids"]))
        if not ids:
            raise ExtractionError(self.src.key, span.start, f"no recommendation ids in {t.text!r}")
        self.section = RecommendationHeading(
            len(self.report.sections) + 1, t.text, ids, self.chapter, self.heading, span
        )
        self.report.sections.append(self.section)

    def _paragraph(self, block: _Block, t: LinedText, span: Span) -> None:
        items = frozenset(n for n, raw in block.lines if raw.lstrip().startswith("•"))
        t = LinedText.join(self.src.key, block.lines, items)
        text = re.sub(r"^\d+\.\s+", "", t.text)
        cites, problems = read_cites(t, block.number, None)
        cycle = CYCLE.search(t.search)
        if cycle and self.report.answered_cycle is None:
            self.report.answered_cycle = ORDINALS[cycle["ordinal"]]
            self.report.cycle_span = t.span(cycle.start(), cycle.end())
        self.report.problems += problems
        section = self.section
        self.report.paragraphs.append(
            Paragraph(block.number, text, span, self.chapter, self.heading,
                      section.ordinal if section else None,
                      section.ids if section else (), cites)
        )  # fmt: skip


def _check(report: UPRReport) -> None:
    """Cross-references that point nowhere, and claims that contradict each other."""
    targets = {
        "paragraph": {str(p.number) for p in report.paragraphs},
        "chapter": {c.numeral for c in report.chapters},
    }
    for p in report.paragraphs:
        for ref in p.cites.internal:
            missing = [x for x in ref.numbers if x not in targets.get(ref.target, set())]
            if missing:
                report.problems.append(
                    Problem(ref.span, f"{ref.printed!r} (paragraph {p.number}): no {ref.target} "
                                      f"{', '.join(missing)} in the report")
                )  # fmt: skip
    claims = [c for p in report.paragraphs for c in p.cites.claims]
    for a, b in conflicts(claims):
        report.problems.append(
            Problem(b.span, f"the report contradicts itself: {b.kind} of {b.instrument} in "
                            f"{b.effective_year} (paragraph {b.paragraph}) but in "
                            f"{a.effective_year} (paragraph {a.paragraph}, {a.span}); both kept")
        )  # fmt: skip


def extract(src: SourceText, ledger: LineLedger) -> UPRReport:
    """Read a UPR national report: chapters, headings, sections, paragraphs and citations."""
    report = UPRReport(src.key)
    reader = _Reader(src, ledger, report)
    for block in _blocks(src, ledger, report):
        reader.read(block)
    if not report.paragraphs:
        raise ExtractionError(src.key, None, "no numbered paragraphs found")
    report.state = state_from_symbol(report.symbol) or ""
    _check(report)
    return report


def check(report: UPRReport) -> dict[str, list[str]]:
    """What ``build`` reports beside the counts: the recommendations no heading lists."""
    return {"unanswered recommendations": report.unanswered()}
