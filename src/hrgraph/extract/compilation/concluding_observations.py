"""Concluding observations to Paraguay, as the compilation tabulates them.

Convention read. Each section opens with an upper-case heading ``OBSERVACIONES FINALES DEL
COMITÉ … A LOS INFORMES (PRESENTADOS POR|DE) PARAGUAY`` and is a table: one row per topic,
one column per report, the older report on the left. A row prints its topic label, then for
each column a cell header — ``Observaciones finales del Comité DESC E/C.12/1/Add.1, 28 de mayo
de 1996`` or just ``CCPR/C/79/Add.48, 3 de octubre de 1995`` — and the cell text: numbered
paragraphs (``20.``, ``23.a)``, ``c)`` continuing ``28.b)``) or unnumbered text. ``s/r`` (*sin
recomendación*) marks a cell without recommendation. Labels sit mid-line after the end of the
previous cell's text.

The text layer mixes the two columns in three ways, each handled by a rule read off the
source (and reported as a :class:`Problem` where the rule cannot decide):

1. Two cell headers printed together (``Observaciones finales … Observaciones finales …
   1996 … 2007``) are the left and the right column: the header run ends after as many years
   as it holds headers.
2. After such a double header, ``s/r`` before the text is the left cell; ``s/r`` after the
   first printed line of the text is the right cell; the text is the other column's.
3. A text whose second paragraph number follows a phrase that does not end a sentence
   (``… a que continúe 23.a) El Comité …``) is two cells merged phrase by phrase: the first
   number is the left column's, the second the right column's; their text cannot be separated
   and is not kept. Further paragraphs, and texts printed after headers without text of
   their own, are attributed where only one candidate report fits: a report that already
   has that paragraph number elsewhere in the section cannot have it twice, and a
   sub-lettered number (``28.a)``) belongs to a report that numbers that way.

The CRC section prints a header row (``Temas`` and the two reports) and then topic rows with
one text each and no cell headers; the row labels are the ones the table of contents lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

from hrgraph.extract.common import LineLedger, Problem, SourceText, Span
from hrgraph.extract.compilation import reclayout as lay
from hrgraph.extract.dates import DateError, month_number
from hrgraph.extract.symbols import find_symbols

KIND = "concluding-observations"


@dataclass(frozen=True)
class SectionSpec:
    heading: str  # a prefix of the upper-case section heading
    named_body: str  # the committee the heading names
    style: str  # "obs" (Observaciones-finales headers), "symbol" (bare symbol headers), "crc"
    numbered: bool  # the cells quote numbered paragraphs


SECTIONS = (
    SectionSpec("OBSERVACIONES FINALES DEL COMITÉ DE DERECHOS ECONÓMICOS", "CESCR", "obs", True),
    SectionSpec("OBSERVACIONES FINALES DEL COMITÉ DE DERECHOS HUMANOS", "CCPR", "obs", False),
    SectionSpec(
        "OBSERVACIONES FINALES DEL COMITÉ PARA LA ELIMINACIÓN DE TODA FORMA DE DISCRIMINACIÓN "
        "CONTRA LA MUJER",
        "CEDAW",
        "symbol",
        True,
    ),
    SectionSpec("OBSERVACIONES FINALES DEL COMITÉ DE DERECHOS DEL NIÑO", "CRC", "crc", False),
)
NO_REPORT_HEADING = "OBSERVACIONES FINALES DEL COMITÉ CONTRA TODA FORMA DE DISCRIMINACIÓN RACIAL"

ISSUERS = (("E/C.12/", "CESCR"), ("CCPR/", "CCPR"), ("CRC/", "CRC"), ("CEDAW/", "CEDAW"))
INSTRUMENTS = {"CESCR": "ICESCR", "CCPR": "ICCPR", "CRC": "CRC", "CEDAW": "CEDAW"}


@dataclass(frozen=True)
class CODocument:
    """One concluding-observations document, as its cell headers print it."""

    symbol: str  # normalised
    printed: str
    date: date
    issuer: str  # body key, from the symbol
    span: Span


@dataclass(frozen=True)
class CORecommendation:
    """One recommendation (a numbered paragraph, or an unnumbered cell) under a topic."""

    symbol: str
    topic: str  # the row label as printed
    number: str | None  # "23.a", "20", or None when the cell is unnumbered
    text: str | None  # None when the printed text is merged with another column
    articles: tuple[tuple[str, str], ...]
    section_body: str  # the committee the section heading names
    span: Span
    index: int = 1  # position among the unnumbered texts of one cell
    merged_with: str | None = None  # "SYMBOL#number" of the recommendation it is merged with
    attribution: str = "header"  # how the column was told: header, s/r, order, rule
    same_paragraph: str | None = None  # "SYMBOL#number" of another printing of this paragraph


@dataclass(frozen=True)
class EmptyCell:
    """A cell printed ``s/r`` (sin recomendación): the report made no recommendation."""

    symbol: str
    topic: str
    span: Span


@dataclass
class Result:
    documents: list[CODocument] = field(default_factory=list)
    recommendations: list[CORecommendation] = field(default_factory=list)
    empty_cells: list[EmptyCell] = field(default_factory=list)
    topics: list[tuple[str, str, Span]] = field(default_factory=list)  # (section body, label)
    no_reports: list[tuple[str, Span]] = field(default_factory=list)
    source_notes: list[tuple[str, str, Span]] = field(default_factory=list)  # (body, note)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "co-documents": len(self.documents),
            "co-topic-rows": len(self.topics),
            "co-recommendations": len(self.recommendations),
            "co-recommendations-with-text": sum(1 for r in self.recommendations if r.text),
            "co-s/r-cells": len(self.empty_cells),
            "co-article-references": sum(len(r.articles) for r in self.recommendations),
            "co-source-notes": len(self.source_notes),
        }


# ---------------------------------------------------------------------------- headers

OBS_START = re.compile(r"Observaciones finales del Comit")
SYM_START = re.compile(r"(?:CCPR|CEDAW|CRC|E/C\.12)/\S+, \d{1,2} de [a-z]+ de \d{4}")
YEAR = re.compile(r"(?<![\d/.])(?:19|20)\d\d(?![\d/])")
DATE = re.compile(r"(\d{1,2})\s+de\s+([a-z]+)\s+(?:de\s+|del\s+)?((?:19|20)\d\d)")
SR = re.compile(r"(?<!\w)s/r(?!\w)")


@dataclass(frozen=True)
class HeaderRun:
    start: int
    end: int
    count: int  # how many cell headers the run holds
    text: str


def header_runs(text: str, style: str) -> Iterator[HeaderRun]:
    """Cell-header runs in one line of text (rule 1 of the module docstring)."""
    if style == "symbol":
        for sym in SYM_START.finditer(text):
            yield HeaderRun(sym.start(), _after_punct(text, sym.end()), 1, sym.group(0))
        return
    pos = 0
    while (m := OBS_START.search(text, pos)) is not None:
        count, years, cur = 1, 0, m.end()
        while years < count:
            nxt_start = OBS_START.search(text, cur)
            nxt_year = YEAR.search(text, cur)
            if nxt_year is None:
                return
            if nxt_start is not None and nxt_start.start() < nxt_year.start():
                count, cur = count + 1, nxt_start.end()
                continue
            years, cur = years + 1, nxt_year.end()
        end = _after_punct(text, cur)
        yield HeaderRun(m.start(), end, count, text[m.start() : end])
        pos = end


def _after_punct(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in ".)":
        pos += 1
    return pos


def read_date(text: str) -> date | None:
    """The first ``D de MES [de] AAAA`` date (the CRC headers omit the last ``de``)."""
    m = DATE.search(text)
    if m is None:
        return None
    try:
        return date(int(m[3]), month_number(m[2]), int(m[1]))
    except (DateError, ValueError):
        return None


# ---------------------------------------------------------------------------- paragraphs

PARA = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<num>\d{1,2})(?:\.(?P<sub>[a-z])\)|\.(?=\s+[A-ZÁÉÍÓÚ]))"
    r"|(?<=[;:] )(?P<cont>[a-z])\))\s+"
)


@dataclass(frozen=True)
class Para:
    number: str | None
    start: int  # where its number starts
    body: int  # where its text starts
    merged_start: bool  # the phrase before it does not end a sentence


def paragraphs(text: str) -> list[Para]:
    """Numbered paragraph starts in a cell text; ``c)`` continues the last main number."""
    out: list[Para] = []
    main: str | None = None
    for m in PARA.finditer(text):
        if m["num"]:
            main = m["num"]
            number = f"{main}.{m['sub']}" if m["sub"] else main
        elif main is not None:
            number = f"{main}.{m['cont']}"
        else:
            continue
        before = text[: m.start()].rstrip()
        merged = bool(out) and not before.endswith((".", ";", ":"))
        out.append(Para(number, m.start(), m.end(), merged))
    return out


def split_paragraphs(text: str) -> list[tuple[str | None, str]]:
    """``(number, text)`` of each paragraph; an unnumbered text is one paragraph."""
    paras = paragraphs(text)
    if not paras or text[: paras[0].start].strip():
        lead = text[: paras[0].start] if paras else text
        head: list[tuple[str | None, str]] = [(None, lay.clean(lead))]
    else:
        head = []
    if not paras:
        return head
    bounds = [p.start for p in paras[1:]] + [len(text)]
    return head + [(p.number, lay.clean(text[p.body : b])) for p, b in zip(paras, bounds, strict=True)]


# ---------------------------------------------------------------------------- table reading


@dataclass
class Cell:
    """The text of one or two table cells, before its report column is settled."""

    topic: str
    years: list[int]  # candidate report columns (one when settled)
    text: str
    span: Span
    attribution: str
    merged: bool = False  # two columns merged phrase by phrase (rule 3)


@dataclass
class Table:
    spec: SectionSpec
    docs: dict[int, CODocument] = field(default_factory=dict)
    cells: list[Cell] = field(default_factory=list)
    empties: list[tuple[int, str, Span]] = field(default_factory=list)
    topics: list[tuple[str, Span]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    topic: str = ""
    pending: list[int] = field(default_factory=list)
    pending_bodies: list[tuple[str, Span]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def _years(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]


def _register_doc(table: Table, run: HeaderRun, span: Span) -> int | None:
    """The report column a single header names; records the document the first time."""
    years = _years(run.text)
    if not years:
        table.problems.append(Problem(span, f"cell header without a year: {run.text!r}"))
        return None
    year = years[-1]
    if year not in table.docs:
        symbols = find_symbols(run.text)
        when = read_date(run.text)
        if not symbols or when is None:
            table.problems.append(Problem(span, f"cannot read symbol and date in {run.text!r}"))
            return year
        norm, printed = symbols[0]
        issuer = next((b for p, b in ISSUERS if norm.startswith(p)), table.spec.named_body)
        table.docs[year] = CODocument(norm, printed, when, issuer, span)
    return year


def _new_topic(table: Table, label: str, span: Span) -> None:
    _resolve_pending(table)
    table.topic = lay.clean(label)
    table.topics.append((table.topic, span))


def _resolve_pending(table: Table) -> None:
    """Texts printed after headers that had none of their own (a row split by a page)."""
    bodies, pending = table.pending_bodies, table.pending
    if len(bodies) == len(pending):
        for (text, span), year in zip(bodies, pending, strict=True):
            table.cells.append(Cell(table.topic, [year], text, span, "order"))
    else:
        for text, span in bodies:
            table.cells.append(Cell(table.topic, list(pending), text, span, "rule"))
        if len(bodies) < len(pending):
            where = bodies[0][1] if bodies else table.topics[-1][1]
            table.problems.append(
                Problem(
                    where,
                    f"{table.topic!r}: {len(pending)} report columns, "
                    f"{len(bodies)} texts; a cell is blank (neither text nor s/r)",
                )
            )
    table.pending, table.pending_bodies = [], []


def _double_cell(table: Table, years: list[int], body: str, span: Span) -> None:
    """A text after a double header: rules 2 and 3."""
    left, right = sorted(years)[:2]
    sr = SR.search(body)
    if sr is not None:
        empty, full = (left, right) if not body[: sr.start()].strip() else (right, left)
        table.empties.append((empty, table.topic, span))
        text = lay.clean(body[: sr.start()] + " " + body[sr.end() :])
        if text:
            table.cells.append(Cell(table.topic, [full], text, span, "s/r"))
        return
    paras = paragraphs(body)
    if len(paras) >= 2 and paras[1].merged_start:
        table.cells.append(Cell(table.topic, [left, right], body, span, "merged", merged=True))
        table.problems.append(
            Problem(span, f"{table.topic!r}: the two report columns are merged phrase by phrase")
        )
        return
    table.cells.append(Cell(table.topic, [left, right], body, span, "rule"))


def _header(table: Table, run: HeaderRun, body: str, span: Span) -> None:
    if run.count >= 2:
        years = sorted(set(_years(run.text)))
        if not body.strip():
            table.pending += years
        else:
            _double_cell(table, years, body, span)
        return
    year = _register_doc(table, run, span)
    if year is None:
        return
    if not body.strip():
        table.pending.append(year)
        return
    if table.pending and not table.pending_bodies:
        _resolve_pending(table)  # text runs left column first: the pending cells were blank
    sr = SR.match(body.strip())
    if sr is not None:
        table.empties.append((year, table.topic, span))
        rest = body.strip()[sr.end() :].strip()
        if not rest:
            return
        table.problems.append(
            Problem(span, f"{table.topic!r}: a cell printed 's/r' is followed by text; kept")
        )
        body = rest
    table.cells.append(Cell(table.topic, [year], lay.clean(body), span, "header"))


def _opens_cell(text: str) -> bool:
    """A cell text opens with a paragraph number or a capital, never mid-sentence."""
    return bool(re.match(r"(?:\d{1,2}\.|[A-ZÁÉÍÓÚ])", text))


def _split_label(pre: str, at_block_start: bool) -> tuple[str, str]:
    """``(text before, label)``: a label follows the last sentence end before a header."""
    if at_block_start and len(pre) <= 150 and not paragraphs(pre):
        return "", pre
    cut = lay.last_sentence_end(pre)
    return pre[:cut], pre[cut:]


def _read_block(table: Table, text: str, span: Span, first: bool) -> bool:
    """Feed one line to the table; False when the line is not part of it."""
    runs = list(header_runs(text, table.spec.style))
    if not runs:
        if table.pending and len(table.pending_bodies) < len(table.pending) and _opens_cell(text):
            table.pending_bodies.append((lay.clean(text), span))
            return True
        return first
    cuts = [0] + [r.end for r in runs]
    for i, run in enumerate(runs):
        before, label = _split_label(text[cuts[i] : run.start], at_block_start=i == 0)
        if before.strip():
            if i == 0 and table.pending:
                table.pending_bodies.append((lay.clean(before), span))
            elif i == 0:
                table.problems.append(Problem(span, f"text before any header: {before[:60]!r}"))
            else:
                _header(table, runs[i - 1], before, span)
        elif i > 0:
            _header(table, runs[i - 1], "", span)
        if label.strip():
            _new_topic(table, label, span)
    _header(table, runs[-1], text[runs[-1].end :], span)
    return True


# ---------------------------------------------------------------------------- attribution


@dataclass
class Attributor:
    """Settles the report column of texts the layout leaves open (rule 3, second half)."""

    known: set[tuple[int, str]] = field(default_factory=set)
    sub_lettered: set[int] = field(default_factory=set)

    def learn(self, year: int, number: str | None) -> None:
        if number is not None:
            self.known.add((year, number))
            if "." in number:
                self.sub_lettered.add(year)

    def decide(self, years: list[int], number: str | None) -> int | None:
        if number is None:
            return None
        fits = [y for y in years if (y, number) not in self.known]
        if "." in number and any(y in self.sub_lettered for y in fits):
            fits = [y for y in fits if y in self.sub_lettered]
        return fits[0] if len(fits) == 1 else None


def _settled(table: Table, att: Attributor) -> None:
    for cell in table.cells:
        if cell.merged:
            paras = paragraphs(cell.text)
            for year, para in zip(sorted(cell.years), paras[:2], strict=False):
                att.learn(year, para.number)
        elif len(cell.years) == 1:
            for number, _ in split_paragraphs(cell.text):
                att.learn(cell.years[0], number)


def _recommendation(
    table: Table, cell: Cell, year: int, number: str | None, text: str | None, index: int
) -> CORecommendation | None:
    doc = table.docs.get(year)
    if doc is None:
        table.problems.append(Problem(cell.span, f"no cell header names the {year} report"))
        return None
    arts = tuple(lay.article_refs(text, INSTRUMENTS.get(doc.issuer))) if text else ()
    return CORecommendation(
        doc.symbol, cell.topic, number, text, arts, table.spec.named_body, cell.span, index,
        attribution=cell.attribution,
    )  # fmt: skip


def _merged_records(table: Table, cell: Cell, att: Attributor) -> Iterator[CORecommendation]:
    paras = paragraphs(cell.text)
    left, right = sorted(cell.years)[:2]
    firsts = [
        _recommendation(table, cell, year, p.number, None, 1)
        for year, p in zip((left, right), paras[:2], strict=False)
    ]
    if all(firsts) and len(firsts) == 2:
        a, b = firsts
        assert a and b
        yield replace(a, merged_with=f"{b.symbol}#{b.number}")
        yield replace(b, merged_with=f"{a.symbol}#{a.number}")
    tails = paras[2:]
    bounds = [p.start for p in tails[1:]] + [len(cell.text)]
    for p, end in zip(tails, bounds[: len(tails)], strict=True):
        year = att.decide([left, right], p.number)
        if year is None:
            table.problems.append(
                Problem(
                    cell.span,
                    f"{cell.topic!r}: paragraph {p.number} could be either report's; not attributed",
                )
            )
            continue
        rec = _recommendation(table, cell, year, p.number, lay.clean(cell.text[p.body : end]), 1)
        if rec:
            att.learn(year, p.number)
            yield replace(rec, attribution="rule")


def _cell_records(table: Table, cell: Cell, att: Attributor) -> Iterator[CORecommendation]:
    if cell.merged:
        yield from _merged_records(table, cell, att)
        return
    if table.spec.numbered:
        paras = split_paragraphs(cell.text)
    else:
        paras = [(None, lay.clean(cell.text))]
    year = cell.years[0]
    if len(cell.years) > 1:
        decided = att.decide(cell.years, paras[0][0])
        if decided is None:
            table.problems.append(
                Problem(
                    cell.span,
                    f"{cell.topic!r}: cannot tell which report column this text is in; not attributed",
                )
            )
            return
        year = decided
        for number, _ in paras:
            att.learn(year, number)
        blank = [table.docs[y].symbol for y in cell.years if y != year and y in table.docs]
        table.problems.append(
            Problem(
                cell.span,
                f"{cell.topic!r}: one text for {len(cell.years)} "
                f"report columns, read as {table.docs[year].symbol}'s by "
                f"paragraph {paras[0][0]}; blank: {', '.join(blank)}",
            )
        )
    index = 0
    for number, text in paras:
        index += number is None
        rec = _recommendation(table, cell, year, number, text, max(index, 1))
        if rec:
            yield rec


# ---------------------------------------------------------------------------- sections


def _section_text(first: lay.Block) -> str:
    """The first line of a section without its upper-case heading."""
    m = re.search(r"PARAGUAY\s+", first.text)
    return first.text[m.end() :] if m else first.text


def read_table(src: SourceText, ledger: LineLedger, spec: SectionSpec, start: int) -> Table:
    table = Table(spec)
    for i, block in enumerate(lay.blocks(src, start, ledger)):
        text = _section_text(block) if i == 0 else block.text
        if not _read_block(table, text, src.span(block.line), first=i == 0):
            break
        table.lines.append(block.line)
    _resolve_pending(table)
    return table


COMMITTEE_OPENING = re.compile(
    r"(?:El Comité|Preocupa (?:en general |también )?al Comité|Es causa de preocupación para el"
    r" Comité)\b"
)


def read_crc(src: SourceText, ledger: LineLedger, spec: SectionSpec, start: int, toc: str) -> Table:
    """The CRC table: a header row with both reports, then label + text rows, no cell headers."""
    table = Table(spec)
    texts: list[tuple[str, Span]] = []
    for i, block in enumerate(lay.blocks(src, start, ledger)):
        if i > 0 and not (texts[-1][0].endswith("-") or COMMITTEE_OPENING.match(block.text)):
            break  # rows go on while a line opens with the Committee or ends a hyphenated word
        texts.append((_section_text(block) if i == 0 else block.text, src.span(block.line)))
        table.lines.append(block.line)
    text, offsets = "", []
    for part, part_span in texts:
        offsets.append((len(text), part_span.start))
        text += part + " "
    span = Span(src.key, texts[0][1].start, texts[-1][1].end)
    header_end = _crc_header(table, text, span)
    left = min(table.docs) if table.docs else None
    for label, begin, end in _crc_rows(text, header_end, toc):
        lines = [n for off, n in offsets if off < end]
        first = max(n for off, n in offsets if off <= begin)
        row_span = Span(src.key, first, lines[-1])
        table.topic = label
        table.topics.append((label, row_span))
        if left is not None:
            table.cells.append(Cell(label, [left], text[begin:end], row_span, "column"))
    if len(table.docs) == 2 and table.cells:
        right = table.docs[max(table.docs)]
        table.problems.append(
            Problem(
                span,
                f"CRC table: every row prints one text and no cell "
                f"headers; read as the left column, so {right.symbol} "
                "contributes no recommendation",
            )
        )
    return table


def _crc_header(table: Table, text: str, span: Span) -> int:
    """The ``Temas`` header row: both reports' symbols and dates; returns where it ends."""
    symbols = [m for m in find_symbols(text[:400])]
    end = 0
    for norm, printed in symbols[:2]:
        at = text.find(printed, end)
        when = read_date(text[at:])
        m = DATE.search(text, at)
        if when is None or m is None:
            table.problems.append(Problem(span, f"CRC header: no date after {printed}"))
            continue
        end = m.end()
        issuer = next((b for p, b in ISSUERS if norm.startswith(p)), "CRC")
        table.docs[when.year] = CODocument(norm, printed, when, issuer, span)
        if not re.search(r"\sde\s+(?:19|20)\d\d$", m.group(0)):
            table.problems.append(Problem(span, f"{printed}: date printed {m.group(0)!r}"))
    return end


def _crc_rows(text: str, start: int, toc: str) -> list[tuple[str, int, int]]:
    """Rows: a table-of-contents label at a sentence start, then its text."""
    marks: list[tuple[int, int, str]] = []
    for m in COMMITTEE_OPENING.finditer(text, start):
        pre = text[start : m.start()]
        cut = start + lay.last_sentence_end(pre)
        candidate = text[cut : m.start()].strip()
        label = lay.toc_label(candidate, toc) if candidate else None
        if label and label == candidate:
            marks.append((cut, m.start(), label))
    rows = []
    for i, (_, body_start, label) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text.rstrip())
        rows.append((label, body_start, end))
    return rows


def _records(table: Table, result: Result) -> None:
    att = Attributor()
    _settled(table, att)
    for cell in table.cells:
        result.recommendations.extend(_cell_records(table, cell, att))
    for year, topic, span in table.empties:
        doc = table.docs.get(year)
        if doc is not None:
            result.empty_cells.append(EmptyCell(doc.symbol, topic, span))
    for doc in table.docs.values():
        if all(d.symbol != doc.symbol for d in result.documents):
            result.documents.append(doc)
        if doc.issuer != table.spec.named_body:
            result.problems.append(
                Problem(
                    doc.span,
                    (
                        f"the section heading names {table.spec.named_body}, but it quotes "
                        f"{doc.symbol} of {doc.issuer}: recorded as {doc.issuer}'s"
                    ),
                )
            )
    result.topics += [(table.spec.named_body, label, span) for label, span in table.topics]
    result.problems += table.problems


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """Every concluding-observations table of the compilation."""
    result = Result()
    toc = lay.toc_text(src)
    for spec in SECTIONS:
        start = src.find(spec.heading, lay.body_start(src))
        if spec.style == "crc":
            table = read_crc(src, ledger, spec, start, toc)
        else:
            table = read_table(src, ledger, spec, start)
        for line in table.lines:
            ledger.use(src.span(line), KIND)
        _source_note(src, ledger, table, result)
        _records(table, result)
    match_reprints(result)
    line = src.find(NO_REPORT_HEADING, lay.body_start(src))
    ledger.use(src.span(line), KIND)
    result.no_reports.append(("CERD", src.span(line)))
    _check_toc(result, toc)
    return result


SAME_TEXT = 0.9  # SequenceMatcher ratio above which two printings are one paragraph


def _comparable(text: str) -> list[str]:
    """The words of a text without bracketed article references, footnote digits and case."""
    text = re.sub(r"\((?:Art[íi]culos?|arts?\.)[^)]*\)", " ", text)
    text = re.sub(r"(?<=[a-záéíóúñ])\d+\b", "", text)
    return re.findall(r"\w+", text.casefold())


def match_reprints(result: Result) -> None:
    """Unnumbered printings of a paragraph that another section prints with its number.

    The compilation quotes some paragraphs of one document twice: unnumbered in the
    committee's own table, numbered in another table (the one headed as CEDAW's). Two
    printings of the same document whose texts agree (``SAME_TEXT``, once bracketed article
    references and footnote digits are set aside) are the same paragraph.
    """
    numbered = [r for r in result.recommendations if r.number and r.text]
    out = []
    for rec in result.recommendations:
        if rec.number is None and rec.text:
            best = max(
                ((SequenceMatcher(None, _comparable(rec.text), _comparable(n.text or ""),
                                  autojunk=False).ratio(), n)
                 for n in numbered if n.symbol == rec.symbol),
                default=None, key=lambda pair: pair[0],
            )  # fmt: skip
            if best is not None and best[0] >= SAME_TEXT:
                rec = replace(rec, same_paragraph=f"{best[1].symbol}#{best[1].number}")
        out.append(rec)
    result.recommendations = out


SOURCE_NOTE = re.compile(r"\bPágs?\.\s*\d")


def _source_note(src: SourceText, ledger: LineLedger, table: Table, result: Result) -> None:
    """A citation printed right after a table (``… Informe sobre el Pacto … Págs. 26-33``)."""
    after = next(lay.blocks(src, table.lines[-1] + 1, ledger), None)
    if after is not None and SOURCE_NOTE.search(after.text) and len(after.text) < 300:
        span = src.span(after.line)
        ledger.use(span, KIND + ":source-note")
        result.source_notes.append((table.spec.named_body, after.text, span))


def _check_toc(result: Result, toc: str) -> None:
    """Row labels the table of contents does not print (it is the compiler's own list)."""
    for body, label, span in result.topics:
        if lay.toc_label(label, toc) != label:
            result.problems.append(
                Problem(span, f"{body} row label {label!r} differs from the table of contents")
            )
