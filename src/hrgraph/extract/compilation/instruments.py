"""Instruments and their articles, in order and whole, from the Paraguay compilation (seed 002).

The compilation prints the full text of each instrument: its title, an adoption line
(``Adoptada y proclamada por la Asamblea General en su Resolución 217 A (III), de 10 de
diciembre de 1948.``), a preamble, parts/chapters/sections and articles. The dump of the
two-column PDF interleaves the column blocks of a page, drops page numbers on lines of their
own, and prints some text before its own title or inside the next instrument; see
:mod:`.layout` (pages), :mod:`.pieces` (headings within a block), :mod:`.columns` and
:mod:`.leads` (reading order from article numbers and continuations), :mod:`.records` (the
records) and :mod:`.catalogue` (the printed titles). Commentary sections
(general comments, concluding observations, Inter-American reports) are not read here, except
for article blocks inside them that continue an instrument's numbering.
"""

from __future__ import annotations

import re
from collections import defaultdict

from hrgraph.extract.common import ExtractionError, LineLedger, Problem, SourceText, require_consecutive
from hrgraph.extract.compilation import catalogue, columns, layout, leads
from hrgraph.extract.compilation.catalogue import InstrumentSpec
from hrgraph.extract.compilation.pieces import BULLETS, COMMENTARY, Piece, join_stray_numbers, split
from hrgraph.extract.compilation.records import (
    Article,
    Division,
    Instrument,
    Paragraph,
    Result,
    build_records,
)
from hrgraph.extract.compilation.titles import toc_titles

__all__ = ["Article", "Division", "Instrument", "Paragraph", "Result", "check", "extract"]

ZONE_END = re.compile(r"^Recomendaciones de la Comisión de Verdad")
LEDGER_KIND = "instrument text"


def zone(src: SourceText) -> tuple[int, int, int]:
    """First line, last line and first page number of the instruments' part of the book."""
    start = src.match(catalogue.spec("UDHR").pattern, 1, "the title of the Universal Declaration")
    end = src.match(ZONE_END, start, "the heading of the truth commission's recommendations") - 1
    before = next(
        (int(t) for _, t in reversed(list(src.numbered(1, start))) if layout.PAGE_NUMBER.match(t)), None
    )
    if before is None:
        raise ExtractionError(src.key, start, "expected a page number before the instruments' part")
    return start, end, before + 1


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """Every instrument printed in the compilation, with its articles in numerical order."""
    start, end, first_page = zone(src)
    blocks = layout.blocks(src, ledger, start, end, first_page)
    pieces, titles, strict = _pieces(blocks)
    page_end = {b.page: i for i, b in enumerate(blocks)}
    _loosen(pieces, blocks, titles, strict)
    demoted, dropped = columns.assign_articles(pieces, titles, page_end, strict)
    pieces = _demote([p for p in pieces if p.block not in dropped], demoted)
    pieces = join_stray_numbers(pieces)
    _assign_divisions(pieces)
    result = Result()
    vocabulary = {w for line in src.lines for w in leads.WORD.findall(line.lower())}
    for o in leads.attach_leads(pieces, vocabulary):
        if o.loose:  # commentary text, left for the commentary readers
            continue
        result.problems.append(
            Problem(src.span(o.line), f"text not attached to any article: {o.text[:60]!r}")
        )
    for p in pieces:
        if p.kind == "stray" and BULLETS.match(p.text):
            ledger.furniture(p.line, "decoration")
        elif p.kind == "stray":
            ledger.furniture(p.line, "detached paragraph number")
            result.problems.append(
                Problem(src.span(p.line), f"paragraph number {p.text!r} printed apart from its text")
            )
    build_records(src, pieces, result, toc_titles(src, ledger))
    _named_only(src, result)
    for p in pieces:
        if p.instrument or p.attached:
            for n in (*p.lines_before, p.line):
                ledger.use(src.span(n), LEDGER_KIND)
    _require_whole(src, result)
    return result


def _require_whole(src: SourceText, result: Result) -> None:
    """Every printed instrument has articles 1, 2, … its last with none missing: a lost article
    heading is an error naming the line after the gap, not an article silently merged into the one
    before it (the rule every reader applies, :func:`~hrgraph.extract.common.require_consecutive`)."""
    for inst in result.instruments:
        if inst.printed:
            arts = [(a.value, a.span.start) for a in result.articles_of(inst.key) if a.number == str(a.value)]
            require_consecutive(src.key, f"{inst.key} article", arts)


def _pieces(blocks: list[layout.Block]) -> tuple[list[Piece], dict[str, int], set[int]]:
    """Split every block; returns the pieces, each title's block, and commentary blocks."""
    pieces: list[Piece] = []
    titles: dict[str, int] = {}
    strict: set[int] = set()
    section: InstrumentSpec | None = None
    title_page = -1
    for i, b in enumerate(blocks):
        titled = catalogue.match_title(b.text)
        if titled:
            section, title_page = titled[0], b.page
            titles.setdefault(section.key, i)
        elif COMMENTARY.match(b.text):
            strict.add(i)
            if title_page != b.page:  # not a block of the commentary printed beside the title
                section = None
        if section is None:
            strict.add(i)
        for p in split(b, i, section):
            if p.kind in ("title", "adoption", "preamble", "closing") or (
                p.kind == "division" and p.heading is None
            ):
                p.instrument = p.instrument or (section.key if section else None)
            pieces.append(p)
    return pieces, titles, strict


def _loosen(pieces: list[Piece], blocks: list[layout.Block], titles: dict[str, int],
            strict: set[int]) -> None:  # fmt: skip
    """Commentary blocks printed on the page of a later instrument title may be its text.

    A lead among them (e.g. 761, the end of ICCPR art. 2 printed before the Covenant's title)
    is kept as a *loose* lead that attaches only on clear evidence; the others stay dropped.
    """
    title_pages = {blocks[b].page: b for b in titles.values()}
    for p in pieces:
        title = title_pages.get(p.page)
        if p.block in strict and title is not None and p.block < title and p.kind == "lead":
            strict.discard(p.block)
            p.loose = True


def _demote(pieces: list[Piece], demoted: list[Piece]) -> list[Piece]:
    """Fold a heading no instrument can take back into the text of the piece before it."""
    gone = {id(p) for p in demoted}
    out: list[Piece] = []
    for p in pieces:
        if id(p) in gone:
            assert p.heading is not None
            restored = f"Artículo {p.heading.label} {p.text}".strip()
            if out and out[-1].block == p.block:
                out[-1].text = f"{out[-1].text} {restored}"
                out[-1].last_in_block = p.last_in_block
                continue
            p.kind, p.heading, p.text = "lead", None, restored
        out.append(p)
    return out


def _assign_divisions(pieces: list[Piece]) -> None:
    """A division heads the next article in its block, else the article opening a block nearby.

    A division printed alone on a line belongs to the column it is in, and the column's next
    block is two blocks later in the interleaved dump; one or three blocks later are tried next.
    """
    by_block: dict[int, list[Piece]] = defaultdict(list)
    for p in pieces:
        by_block[p.block].append(p)
    for p in pieces:
        if p.kind != "division":
            continue
        group = by_block[p.block]
        after = [q for q in group[group.index(p) + 1 :] if q.kind == "article"]
        candidates = after[:1] or [
            by_block[p.block + k][0]
            for k in (2, 1, 3, 4)
            if by_block.get(p.block + k) and by_block[p.block + k][0].kind == "article"
        ]
        if candidates:
            p.first = candidates[0]
            p.instrument = p.instrument or candidates[0].instrument
            if p.heading is not None:
                p.instrument = candidates[0].instrument


def _named_only(src: SourceText, result: Result) -> None:
    """Instruments a table names whose text the compilation does not print."""
    for named in catalogue.NAMED_ONLY:
        pattern = re.compile(named.title)
        line = next((n for n, t in src.numbered() if pattern.search(t)), None)
        if line is None:
            result.problems.append(Problem(src.span(1), f"{named.key}: table row not found"))
            continue
        title = pattern.search(src.line(line))
        assert title is not None
        result.instruments.append(Instrument(
            key=named.key, kind=named.kind, system=named.system, parent="",
            title=src.line(line).strip(), printed=False, span=src.span(line),
        ))  # fmt: skip


# -- check ---------------------------------------------------------------------------------

SHORT, LONG = 25, 20000


def check(result: Result) -> dict[str, dict[str, object]]:
    """Per instrument: articles read, missing numbers, and texts suspiciously short or long."""
    report: dict[str, dict[str, object]] = {}
    for inst in result.instruments:
        if not inst.printed:
            report[inst.key] = {"articles": 0, "printed": False}
            continue
        arts = result.articles_of(inst.key)
        values = sorted(a.value for a in arts)
        missing = sorted(set(range(1, max(values, default=0) + 1)) - set(values))
        report[inst.key] = {
            "articles": len(arts),
            "last": values[-1] if values else None,
            "missing": missing,
            "short": [a.label for a in arts if len(a.text) < SHORT],
            "long": [a.label for a in arts if len(a.text) > LONG],
        }
    return report
