"""OHCHR's compilation of UN information for a UPR review (``A/HRC/WG.6/N/XXX/2``), and the
summary of stakeholders' submissions (``…/3``), which shares its layout.

The convention read (A/HRC/WG.6/52/DNK/2): the cover block, chapters ``I. Background``,
sections ``A. Implementation of international human rights obligations …``, numbered
sub-headings that restart under each section (``1. Equality and non-discrimination``: not
paragraphs), thematic headings sharing a line with the next paragraph (``Institutional
infrastructure and policy measures 4. In 2025, …``), paragraphs ``N.`` numbered consecutively
(mid-line at times: ``…during the reporting period.4 3. Denmark made …``), and endnotes after
``Notes`` citing the sources (``2 CAT/C/DNK/CO/8, para. 4.``), their markers glued to the text.

Treaty actions the compilation reports in English (``welcomed the ratification by Denmark of
…``) are not read as claims: :mod:`hrgraph.extract.treaty_statements` reads Spanish only.

>>> REQUIRED_UNITS
('paragraphs',)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hrgraph.extract.common import Declared, ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.undoc.cover import Cover, upr_cycle, upr_session
from hrgraph.extract.undoc.layout import read_layout
from hrgraph.extract.undoc.notes import Note
from hrgraph.extract.undoc.paragraphs import SubItem
from hrgraph.extract.upr_national_report import ReportHeading, check_declared

REQUIRED_UNITS: tuple[str, ...] = ("paragraphs",)


@dataclass(frozen=True)
class CompilationParagraph:
    number: int
    text: str
    span: Span
    heading: int | None
    chapter: int | None
    items: tuple[SubItem, ...]
    notes: tuple[int, ...]


@dataclass(frozen=True)
class SourceNote:
    """An endnote with the UN documents it cites (normalised symbols)."""

    note: Note
    documents: tuple[str, ...]


@dataclass
class UPRCompilation:
    """Everything read from one compilation or stakeholders' summary."""

    source: str
    kind: str
    symbol: str | None
    symbol_span: Span | None
    state: str
    language: str
    date: date | None
    session: int | None
    cycle: int | None
    body: str | None
    title: str | None
    cover: Cover
    headings: list[ReportHeading] = field(default_factory=list)
    paragraphs: list[CompilationParagraph] = field(default_factory=list)
    notes: list[SourceNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "chapters": sum(h.kind == "chapter" for h in self.headings),
            "headings": sum(h.kind != "chapter" for h in self.headings),
            "paragraphs": len(self.paragraphs),
            "sub-items": sum(len(p.items) for p in self.paragraphs),
            "notes": len(self.notes),
            "documents cited in notes": len({d for n in self.notes for d in n.documents}),
        }


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> UPRCompilation:
    """Read a compilation (or stakeholders' summary) into records with spans."""
    layout = read_layout(src, ledger)
    cover = layout.cover
    symbol = cover.symbol or declared.symbol or None
    state = check_declared(src, declared, cover.symbol, cover.symbol_span)
    session = cover.session or (upr_session(symbol) if symbol else None)
    doc = UPRCompilation(
        src.key, cover.kind or declared.kind, symbol, cover.symbol_span, state,
        cover.original_language or declared.language, cover.date, session,
        upr_cycle(session) if session else None, cover.body, cover.title, cover,
        problems=list(layout.problems),
    )  # fmt: skip
    for h in layout.body.headings:
        doc.headings.append(ReportHeading(h.kind, h.number, h.title, h.span, h.ordinal, h.parent))
    for p in layout.body.paragraphs:
        doc.paragraphs.append(
            CompilationParagraph(p.number, layout.clean_text(p), p.span, p.heading, p.chapter, p.items,
                                 layout.notes_of("paragraph", p.number))
        )  # fmt: skip
    doc.notes = [
        SourceNote(n, tuple(dict.fromkeys(s for s, _ in find_symbols(n.text)))) for n in layout.notes
    ]
    if not doc.paragraphs:
        raise ExtractionError(src.key, None, "no numbered paragraphs found")
    return doc
