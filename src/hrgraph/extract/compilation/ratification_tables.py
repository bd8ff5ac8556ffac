"""Both *Tabla de firmas y ratificaciones* of the Paraguay compilation (UN and OAS).

The document convention read here: each table opens with the line ``Tabla de firmas y
ratificaciones Sistema Universal … (ONU) N°`` (or ``… Interamericano … (OEA) N°``) and the
column heads ``TÍTULO``, ``FIRMA``, ``RATIFICACION``. Then one cell per line, in four columns:

- **N°** the row number as printed (``3``, ``3.1``); numbers skip (17 → 25), and a thematic
  heading carries the number of the row after it (``Área Temática: Derechos de la Mujer 6``);
- **TÍTULO** the instrument's title; a ``*`` starts a note printed in the title cell;
- **FIRMA** ``Adhesión`` (the State acceded), a place and date (``Nueva York 23/X/1989``),
  ``Adopción`` with a place and date, or a place and a year (``Bogotá, Colombia 1948``). For a
  declaration or an ILO convention the cell is where and when it was adopted, not a signature
  (declarations are not signed, ILO conventions are ratified without signature);
- **RATIFICACION** the approving law and its date (``Ley N° 5 09/IV/1992``), or the Executive's
  message sending a bill to Congress, with the bill's history (``… Girado a comisiones,
  aprobado en la Com. de RREE el 06/12/2001``): a consent still in progress.

The text came from a web page, so the cells are not in reading order. The rules that put them
back, each checked by a count (a mismatch is reported as a :class:`Problem`, never guessed):

1. *Cells follow the rows in order.* Titles, taken in printed order, receive the FIRMA/
   RATIFICACION units in printed order, wherever the cells sit relative to the titles (cells
   printed before their title, at 181 and 203-209; three rows merged, at 233-243).
2. *Units.* Signature cells and consent cells alternate in runs. A run of k signature cells
   followed by a run of k consent cells pairs column-wise (a merged line of k cells over
   another); otherwise the last signature cell of a run pairs with the first consent cell after
   it, and the other cells stand alone (a row with a signature and no law, or the reverse).
3. *Row numbers ascend down the table.* The printed numbers, sorted, go to the titles in
   printed order: a parent number printed after its sub-rows (``8`` after ``8.2``) or several
   numbers on one line (``13 … 14 …``) find their rows. A number printed inside a title
   (``niños, 17 que complementa``) is taken out of it, and the two halves joined.
4. *Page numbers* are digit-only lines equal to the next expected page number; a page break
   ends the table unless the next line is a cell, a row number or a thematic heading.
5. *Merged titles* on one line split before a capitalised instrument word (``Protocolo``,
   ``Convención``, …) that follows a lower-case word which is not an article or preposition,
   and that is not an ILO number (``Convenio N° 159``).

Two readings these rules settle that a reader should know: the Hague conventions are printed
under ``… Convenciones de La Haya 9`` and ``9.1``; the ``9`` is read, as every other number that
ends a heading, as the number of the first row after it (1980 abduction convention), and ``9.1``
as the second (1993 adoption convention). And the ILO rows print ``Adhesión`` for conventions
that the ILO registers as ratifications; the record keeps what the table prints (accession).

A thematic heading that runs on into a cell (``… Lesa Humanidad Nueva york 11/XII1948``) is cut
at the place name, from a gazetteer of the places the tables print.

>>> from hrgraph.extract.common import SourceText, LineLedger
>>> src = SourceText.from_string("t", "\\n".join([
...     "Tabla de firmas y ratificaciones Sistema Universal de Derechos Humanos (ONU) N°",
...     "TÍTULO", "FIRMA", "RATIFICACION", "2",
...     "Pacto internacional de derechos civiles y políticos", "Adhesión", "Ley N° 5 09/IV/1992"]))
>>> row = extract(src, LineLedger(src)).rows[0]
>>> row.number, row.instrument, row.consent_kind, row.consent.act.printed, str(row.consent.act_date)
('2', 'ICCPR', 'accession', 'Ley N° 5', '1992-04-09')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from hrgraph.extract.common import ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.extract.dates import (
    LONG_DATE,
    NUMERIC_DATE,
    DateError,
    find_numeric_dates,
    parse_long_date,
    parse_numeric_date,
)
from hrgraph.extract.instrument_titles import fold, identify
from hrgraph.extract.laws import DomesticActRef, find_acts

TABLES = (
    ("UN", "Tabla de firmas y ratificaciones Sistema Universal"),
    ("OAS", "Tabla de firmas y ratificaciones Sistema Interamericano"),
)
SYSTEMS = {"UN": {"UN", "HCCH", "ILO"}, "OAS": {"OAS"}}
COLUMN_HEADS = {"N°", "TÍTULO", "TITULO", "FIRMA", "RATIFICACION", "RATIFICACIÓN"}
PLACES = (
    "Nueva York", "París", "Roma", "Italia", "Palermo", "Ginebra", "Montreal", "San Francisco",
    "San José", "San Salvador", "Asunción", "Belém do Pará", "Belem do Pará", "Cartagena",
    "Guatemala", "Montevideo", "México", "Caracas", "La Habana", "Bogotá",
)  # fmt: skip
KEYWORDS = r"Convención|Convenio|Protocolo|Pacto|Declaración|Estatuto|Tratado|Segundo protocolo"
NOT_BEFORE_TITLE = {"la", "el", "los", "las", "de", "del", "a", "al", "y", "o", "en", "para",
                    "sobre", "con", "por", "que"}  # fmt: skip

HEADING = re.compile(r"^(?:Sub-)?Área Temática:\s*")
DIGITS = re.compile(r"^\d+(?:\.\d+)?$")
KEYWORD = re.compile(rf"(?<![\w(])(?:{KEYWORDS})\b(?!\s+N\s?[°º])")
ROW_NUMBER = re.compile(r"(?<![\w°º./-])\d{1,2}(?:\.\d{1,2})?(?![\w°º/]|\.\d)")
ADHESION = re.compile(r"\bAdhesión\b")
PLACE_YEAR = re.compile(r"^(?P<place>[^\d*]+?),?\s+(?P<year>\d{4})$")
PLACE_BEFORE_DATE = re.compile(
    "(?i:" + "|".join(re.escape(p) for p in PLACES) + r")[^\d]*?" + NUMERIC_DATE.pattern
)
ACCEPTANCE = re.compile(
    r"(?:depositó|deposit[oó]) el reconocimiento de la competencia de(?:l| la)\s+(?P<body>.+?)\.?$"
)
MAX_TABLE_LINE = 600


@dataclass(frozen=True)
class Token:
    """One cell of a table: ``number``, ``title``, ``first`` (FIRMA), ``consent`` (RATIFICACION),
    ``heading`` (a thematic area) or ``page``; ``line`` is where it was printed."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class FirstCell:
    """The FIRMA column: ``role`` is signature, adoption, or accession (``Adhesión``)."""

    role: str
    printed: str
    place: str | None
    date: date | None
    year: int | None
    span: Span


@dataclass(frozen=True)
class ConsentCell:
    """The RATIFICACION column: the domestic act, its date, and a bill's history if printed."""

    printed: str
    act: DomesticActRef
    act_date: date | None
    act_date_printed: str | None
    history: str | None
    history_dates: tuple[date, ...]
    span: Span


@dataclass(frozen=True)
class StatusRow:
    """One row of a table: an instrument and Paraguay's acts on it, as printed."""

    table: str
    number: str | None
    title: str
    note: str | None
    instrument: str | None
    area: str | None
    first: FirstCell | None
    consent: ConsentCell | None
    title_span: Span
    span: Span

    @property
    def consent_kind(self) -> str | None:
        """``accession`` where the table says ``Adhesión``; ``ratification`` where it prints a
        domestic act without it; None where it prints no consent at all."""
        if self.first is not None and self.first.role == "accession":
            return "accession"
        return "ratification" if self.consent is not None else None

    @property
    def pending(self) -> bool:
        """The consent cell is an executive message (a bill), not an approving law."""
        return self.consent is not None and self.consent.act.kind == "mensaje"


@dataclass(frozen=True)
class Acceptance:
    """A declaration accepting a body's competence, printed as a note in a title cell."""

    instrument: str
    body_printed: str
    date: date | None
    printed: str
    span: Span


@dataclass
class Result:
    rows: list[StatusRow] = field(default_factory=list)
    acceptances: list[Acceptance] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        kinds = [r.first.role for r in self.rows if r.first]
        done = [r.consent_kind for r in self.rows if not r.pending]
        return {
            "status rows": len(self.rows),
            "signatures": kinds.count("signature"),
            "adoption cells": kinds.count("adoption"),
            "ratifications": done.count("ratification"),
            "accessions": done.count("accession"),
            "pending consents": sum(r.pending for r in self.rows),
            "domestic acts": sum(len(r.consent.act.numbers) for r in self.rows if r.consent),
            "acceptances of competence": len(self.acceptances),
        }


# ---------------------------------------------------------------------------- tokens


def _cell_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the FIRMA and RATIFICACION cells in one line, in order."""
    spans: list[tuple[int, int, str]] = []
    for cited in find_acts(text):
        spans.append((cited.start, cited.end, "consent"))
    for i, (start, _end, _kind) in enumerate(spans):  # a bill's history runs to the next cell
        if text[start:].startswith("Mensaje"):
            stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            spans[i] = (start, stop, "consent")
    taken = list(spans)

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _ in taken)

    for m in ADHESION.finditer(text):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), "first"))
    for m in NUMERIC_DATE.finditer(text):
        if free(m.start(), m.end()):
            spans.append((m.start(), m.end(), "first"))  # start moved back to the place below
    spans.sort()
    return _extend_places(text, spans)


def _extend_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A date cell starts where the previous cell ended: its place is printed before the date."""
    out: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if kind == "first" and text[start].isdigit():
            boundary = out[-1][1] if out else 0
            if KEYWORD.search(text[boundary:start]):
                place = PLACE_BEFORE_DATE.search(text, boundary)
                boundary = place.start() if place and place.start() < start else start
            lead = text[boundary:start]
            start = boundary + len(lead) - len(lead.lstrip())
        out.append((start, end, kind))
    return out


def _numbers_and_titles(text: str, line: int) -> list[Token]:
    """Row numbers and titles in text that holds no cell."""
    tokens: list[Token] = []
    pos = 0
    star = text.find("*")  # a note printed in the title cell: its numbers are not row numbers
    for m in ROW_NUMBER.finditer(text, 0, star if star >= 0 else len(text)):
        if re.search(r"(?:N\s?[°º]|núm\.)\s*$", text[: m.start()]):
            continue
        tokens += _titles(text[pos : m.start()], line)
        tokens.append(Token("number", m[0], line))
        pos = m.end()
    tokens += _titles(text[pos:], line)
    return tokens


def _titles(text: str, line: int) -> list[Token]:
    """Split merged titles before a capitalised instrument word (rule 5)."""
    text = text.strip()
    if not text:
        return []
    cuts = [0]
    for m in KEYWORD.finditer(text):
        before = text[: m.start()].split()
        if before and before[-1][-1:].isalpha() and before[-1].islower():
            if before[-1] not in NOT_BEFORE_TITLE:
                cuts.append(m.start())
    cuts.append(len(text))
    return [Token("title", text[a:b].strip(), line) for a, b in pairwise(cuts)]


def _heading(text: str, line: int) -> tuple[list[Token], str]:
    """A thematic heading and what follows it on the same line."""
    rest = HEADING.sub("", text)
    ends = [len(rest)]
    for pattern in (KEYWORD, ROW_NUMBER, PLACE_BEFORE_DATE):
        m = pattern.search(rest)
        if m:
            ends.append(m.start())
    end = min(ends)
    return [Token("heading", rest[:end].strip(), line)], rest[end:]


def tokenize_line(line: int, text: str) -> list[Token]:
    """The cells printed on one line, in printed order."""
    stripped = text.strip()
    if DIGITS.match(stripped):
        return [Token("number", stripped, line)]
    tokens: list[Token] = []
    if HEADING.match(stripped):
        tokens, stripped = _heading(stripped, line)
    if PLACE_YEAR.match(stripped) and not KEYWORD.match(stripped):
        return [*tokens, Token("first", stripped, line)]
    pos = 0
    for start, end, kind in _cell_spans(stripped):
        tokens += _numbers_and_titles(stripped[pos:start], line)
        tokens.append(Token(kind, stripped[start:end].strip(), line))
        pos = end
    tokens += _numbers_and_titles(stripped[pos:], line)
    return _join_split_titles(tokens)


def _join_split_titles(tokens: list[Token]) -> list[Token]:
    """A title piece that starts in lower case continues the title before it (rule 3)."""
    out: list[Token] = []
    for tok in tokens:
        prev = next((t for t in reversed(out) if t.kind == "title"), None)
        if tok.kind == "title" and tok.text[:1].islower() and prev is not None:
            out[out.index(prev)] = Token("title", f"{prev.text} {tok.text}", prev.line)
        else:
            out.append(tok)
    return out


# ----------------------------------------------------------------------------- table scan


def _last_page_before(src: SourceText, line: int) -> int | None:
    for n in range(line - 1, 0, -1):
        if DIGITS.match(src.line(n).strip()) and "." not in src.line(n):
            return int(src.line(n).strip())
    return None


def _next_text(src: SourceText, line: int) -> tuple[int, str] | None:
    for n, text in src.numbered(line + 1):
        if text.strip():
            return n, text
    return None


def _continues(src: SourceText, line: int) -> bool:
    """After a page break, the table goes on if the next line is a cell, number or heading."""
    nxt = _next_text(src, line)
    if nxt is None or len(nxt[1]) > MAX_TABLE_LINE:
        return False
    first = tokenize_line(*nxt)
    return bool(first) and first[0].kind in ("number", "first", "consent", "heading")


def scan_table(src: SourceText, start: int, ledger: LineLedger) -> list[Token]:
    """Every token of the table whose title line is ``start``; marks the lines it reads."""
    ledger.use(src.span(start), "treaty-status:table-head")
    last_page = _last_page_before(src, start)
    expected = None if last_page is None else last_page + 1
    tokens: list[Token] = []
    for n, text in src.numbered(start + 1):
        stripped = text.strip()
        if not stripped:
            continue
        if stripped in COLUMN_HEADS:
            ledger.use(src.span(n), "treaty-status:table-head")
            continue
        if expected is not None and stripped == str(expected):
            ledger.furniture(n, "page-number")
            expected += 1
            if not _continues(src, n):
                break
            continue
        if len(stripped) > MAX_TABLE_LINE:
            break
        tokens += tokenize_line(n, stripped)
        ledger.use(src.span(n), "treaty-status")
    return tokens


# ----------------------------------------------------------------------------- assembly


def _number_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def units(cells: list[Token]) -> list[tuple[Token | None, Token | None]]:
    """(FIRMA, RATIFICACION) pairs from the cells in printed order (rule 2).

    >>> t = lambda k: Token(k, k, 1)
    >>> [(a and a.kind, b and b.kind) for a, b in units([t("first"), t("first"), t("consent")])]
    [('first', None), ('first', 'consent')]
    >>> len(units([t("first")] * 3 + [t("consent")] * 3))
    3
    >>> [(a and a.kind, b and b.kind) for a, b in units([t("consent"), t("first"), t("consent")])]
    [(None, 'consent'), ('first', 'consent')]
    """
    runs: list[list[Token]] = []
    for cell in cells:
        if runs and runs[-1][0].kind == cell.kind:
            runs[-1].append(cell)
        else:
            runs.append([cell])
    out: list[tuple[Token | None, Token | None]] = []
    i = 0
    while i < len(runs):
        run = runs[i]
        if run[0].kind == "consent":
            out += [(None, c) for c in run]
            i += 1
            continue
        after = runs[i + 1] if i + 1 < len(runs) else []
        if len(after) == len(run):
            out += list(zip(run, after, strict=True))
        else:
            out += [(f, None) for f in run[:-1]]
            out.append((run[-1], after[0] if after else None))
            out += [(None, c) for c in after[1:]]
        i += 2 if after else 1
    return out


def _span_of(src: SourceText, *tokens: Token | None) -> Span:
    lines = [t.line for t in tokens if t is not None]
    return src.span(min(lines), max(lines))


def _parse_date(printed: str, line: int, src: SourceText, problems: list[Problem]) -> date | None:
    try:
        return parse_numeric_date(printed)
    except DateError as err:
        problems.append(Problem(src.span(line), f"unreadable date: {err}"))
        return None


def first_cell(tok: Token, adopted_not_signed: bool, src: SourceText, problems: list[Problem]) -> FirstCell:
    """Read a FIRMA cell; ``adopted_not_signed`` for declarations and ILO conventions."""
    span = src.span(tok.line)
    if ADHESION.fullmatch(tok.text):
        return FirstCell("accession", tok.text, None, None, None, span)
    text = tok.text
    role = "adoption" if adopted_not_signed else "signature"
    if text.startswith("Adopción"):
        role, text = "adoption", text.removeprefix("Adopción").strip()
    year_only = PLACE_YEAR.match(text)
    dated = NUMERIC_DATE.search(text)
    if dated:
        place = text[: dated.start()].strip(" ,") or None
        value = _parse_date(dated[0], tok.line, src, problems)
        return FirstCell(role, tok.text, place, value, value.year if value else None, span)
    if year_only:
        return FirstCell(role, tok.text, year_only["place"].strip(" ,"), None,
                         int(year_only["year"]), span)  # fmt: skip
    problems.append(Problem(span, f"FIRMA cell without a date: {tok.text!r}"))
    return FirstCell(role, tok.text, None, None, None, span)


def consent_cell(tok: Token, src: SourceText, problems: list[Problem]) -> ConsentCell | None:
    """Read a RATIFICACION cell: the act, its date, a bill's history with its dates."""
    span = src.span(tok.line)
    cited = find_acts(tok.text)
    if not cited:
        problems.append(Problem(span, f"no domestic act in {tok.text!r}"))
        return None
    act = cited[0]
    if act.date is None and act.date_printed:
        problems.append(Problem(span, f"unreadable date {act.date_printed!r}"))
    if act.act.ambiguous:
        problems.append(Problem(span, f"{act.act.printed!r} names two laws; both kept"))
    history = tok.text[act.end :].strip() or None
    dates: tuple[date, ...] = ()
    if history:
        try:
            dates = tuple(d for d, _ in find_numeric_dates(history))
        except DateError as err:
            problems.append(Problem(span, f"unreadable date in the bill's history: {err}"))
    return ConsentCell(tok.text, act.act, act.date, act.date_printed, history, dates, span)


def _split_note(title: str) -> tuple[str, str | None]:
    head, star, note = title.partition("*")
    return (head.strip(), note.strip()) if star else (title, None)


def _acceptance(row: StatusRow, src: SourceText) -> Acceptance | None:
    """``*el 26 de marzo de 1993 el Paraguay depositó el reconocimiento de la competencia de la
    Corte …``: a declaration accepting a body's jurisdiction, with its date."""
    if not row.note or not row.instrument:
        return None
    m = ACCEPTANCE.search(row.note)
    if not m:
        return None
    when = LONG_DATE.search(row.note[: m.start()])
    value = parse_long_date(when[0]) if when else None
    return Acceptance(row.instrument, m["body"].strip(), value, row.note, row.title_span)


def _adopted_not_signed(title: str, key: str | None) -> bool:
    return fold(title).startswith("declaracion") or (key or "").startswith("ILO-")


def assemble(table: str, tokens: list[Token], src: SourceText, result: Result) -> None:
    """Rows from one table's tokens (rules 1-3); count mismatches become problems."""
    if not tokens:
        raise ExtractionError(src.key, None, f"the {table} ratification table: expected rows, found none")
    titles = [t for t in tokens if t.kind == "title"]
    numbers = sorted((t for t in tokens if t.kind == "number"), key=lambda t: _number_key(t.text))
    pairs = units([t for t in tokens if t.kind in ("first", "consent")])
    where = _span_of(src, *tokens)
    for what, found in (("row numbers", len(numbers)), ("FIRMA/RATIFICACION units", len(pairs))):
        if found != len(titles):
            message = f"{table} table: {len(titles)} titles but {found} {what}"
            result.problems.append(Problem(where, message + "; rows without one left incomplete"))
    area: str | None = None
    headings = {id(t): t.text for t in tokens if t.kind == "heading"}
    for tok in tokens:
        if id(tok) in headings:
            area = headings[id(tok)]
        if tok.kind != "title":
            continue
        k = titles.index(tok)
        number = numbers[k] if k < len(numbers) else None
        first, consent = pairs[k] if k < len(pairs) else (None, None)
        result.rows.append(_row(table, tok, number, first, consent, area, src, result.problems))


def _row(
    table: str,
    title_tok: Token,
    number: Token | None,
    first: Token | None,
    consent: Token | None,
    area: str | None,
    src: SourceText,
    problems: list[Problem],
) -> StatusRow:
    title, note = _split_note(title_tok.text)
    key = identify(title, SYSTEMS[table])
    if key is None:
        problems.append(Problem(src.span(title_tok.line), f"no instrument key for {title!r}"))
    return StatusRow(
        table=table,
        number=number.text if number else None,
        title=title,
        note=note,
        instrument=key,
        area=area or None,
        first=first_cell(first, _adopted_not_signed(title, key), src, problems) if first else None,
        consent=consent_cell(consent, src, problems) if consent else None,
        title_span=src.span(title_tok.line),
        span=_span_of(src, title_tok, number, first, consent),
    )


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """Both tables of the compilation; a table that is not found is a problem, not a crash."""
    result = Result()
    for table, head in TABLES:
        start = next((n for n, text in src.numbered() if text.startswith(head)), None)
        if start is None:
            result.problems.append(Problem(src.span(1), f"no line starts with {head!r}"))
            continue
        assemble(table, scan_table(src, start, ledger), src, result)
    result.acceptances = [a for r in result.rows if (a := _acceptance(r, src)) is not None]
    return result


def check(result: Result) -> dict[str, int]:
    """Completeness figures for the build summary: rows per table and rows missing a part."""
    return {
        "UN rows": sum(r.table == "UN" for r in result.rows),
        "OAS rows": sum(r.table == "OAS" for r in result.rows),
        "rows without a number": sum(r.number is None for r in result.rows),
        "rows without an instrument key": sum(r.instrument is None for r in result.rows),
        "rows without any cell": sum(r.first is None and r.consent is None for r in result.rows),
    }
