"""General comments and general recommendations of five treaty bodies, and their obligations.

Reads the *Compilación de Obligaciones del Estado paraguayo* (``pry-compilation``), which
summarises, committee by committee:

- CESCR: ``Observación general 14, <título> (22º período de sesiones, 2000), U.N. Doc.
  E/C.12/2000/4 (2000).`` followed by bullet (``•``) lists of State obligations under
  sub-headings; general comment 19 is headed only by its document block (``COMITÉ DE DERECHOS
  ECONÓMICOS, SOCIALES Y CULTURALES. 39º período de sesiones. Ginebra, … E/C.12/GC/19. 4 de
  febrero de 2008``). The bullets are read by :mod:`.cescr_obligations`.
- Human Rights Committee (CCPR) and CRC: ``Observación General No. 3, Artículo 2 - <título>``
  with notes ``[La Observación General Nº 5 ha sido sustituida por la Observación General Nº 29]``.
- CERD: ``Recomendación general Nº 8, relativa a …`` (``Nº I`` in roman numerals once).
- CEDAW: ``Recomendación general 24 - <título>`` (some without a title).

A heading can sit in the middle of a line, after the end of another comment's text; the title
is where the heading text matches the table of contents (lines 31–115), which prints every
title once more. What a comment interprets is read from its title (``párrafo 1 del artículo 11
del Pacto``, ``Artículo 24 - …``) and from references in its own text that name the treaty
(``… del Pacto``). In the prose summaries of CCPR, CERD, CEDAW and CRC, the enumerated duties
``a) … b) …`` printed in the comment's own heading block are read as obligations; their text
elsewhere (the columns interleave at block level) is not attributed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from hrgraph.extract.common import LineLedger, Problem, SourceText, Span
from hrgraph.extract.compilation import cescr_obligations, gc_items
from hrgraph.extract.compilation.gc_records import (
    CESCR_DOC_HEADING,
    CITATION,
    INSTRUMENT,
    KIND,
    GeneralComment,
    Heading,
    Obligation,
    Result,
)
from hrgraph.extract.compilation.gc_refs import ArticleRef, article_refs, own_article_refs
from hrgraph.extract.dates import parse_long_date
from hrgraph.extract.symbols import normalise

__all__ = [
    "COMMITTEES",
    "INSTRUMENT",
    "KIND",
    "ArticleRef",
    "Committee",
    "GeneralComment",
    "Obligation",
    "Result",
    "extract",
]


@dataclass(frozen=True)
class Committee:
    """Where a committee's comments are printed, and how their headings read."""

    key: str
    start: str  # a line marking the section's start (the section runs over whole pages)
    end: str  # the concluding-observations heading that follows it
    heading: re.Pattern[str]  # group ``num``
    toc_start: str
    toc_end: str


COMMITTEES = (
    Committee(
        "CESCR",
        "OBSERVACIONES GENERALES DEL COMITÉ DE DERECHOS ECONÓMICOS",
        "OBSERVACIONES FINALES DEL COMITÉ DE DERECHOS ECONÓMICOS",
        re.compile(r"Observación general (?P<num>\d+), "),
        "Observaciones Generales del Comité de derechos económicos",
        "Observaciones Finales del Comité de derechos económicos",
    ),
    Committee(
        "CCPR",
        "OBSERVACIONES GENERALES DEL COMITÉ DE DERECHOS HUMANOS",
        "OBSERVACIONES FINALES DEL COMITÉ DE DERECHOS HUMANOS",
        re.compile(r"Observación General No\. (?P<num>\d+), "),
        "Observaciones Generales del Comité de derechos humanos",
        "Observaciones Finales del Comité de derechos humanos",
    ),
    Committee(
        "CERD",
        "RECOMENDACIONES GENERALES DEL COMITÉ PARA LA ELIMINACIÓN DE TODA FORMA DE DISCRIMINACIÓN RACIAL",
        "OBSERVACIONES FINALES DEL COMITÉ CONTRA TODA FORMA DE DISCRIMINACIÓN RACIAL",
        re.compile(r"Recomendación general Nº (?P<num>\d+|[IVXL]+),? (?=relativa)"),
        "Recomendaciones Generales del Comité para la eliminación de toda forma de discriminación racial",
        "Observaciones Finales del Comité contra toda forma de discriminación racial",
    ),
    Committee(
        "CEDAW",
        "RECOMENDACIONES GENERALES DEL COMITÉ PARA LA ELIMINACIÓN DE TODA FORMA DE "
        "DISCRIMINACIÓN CONTRA LA MUJER",
        "OBSERVACIONES FINALES DEL COMITÉ PARA LA ELIMINACIÓN DE TODA FORMA DE "
        "DISCRIMINACIÓN CONTRA LA MUJER",
        re.compile(r"Recomendación general (?P<num>\d+)\b(?: - )?"),
        "Recomendaciones Generales del Comité para la eliminación de toda forma de "
        "discriminación contra la mujer",
        "Observaciones Finales del Comité para la eliminación de toda forma de "
        "discriminación contra la mujer",
    ),
    Committee(
        "CRC",
        "Observaciones generales del Comité de Derechos del Niño",
        "OBSERVACIONES FINALES DEL COMITÉ DE DERECHOS DEL NIÑO",
        re.compile(r"Observación General No\. (?P<num>\d+), "),
        "Observaciones Generales del Comité de derechos del niño",
        "bservaciones Finales del Comité de derechos del niño",
    ),
)

REPLACED = re.compile(
    r"\[La Observación General Nº (?P<old>\d+) ha sido sustituida por la Observación "
    r"[Gg]eneral Nº (?P<new>\d+)\]"
)
REPLACES = re.compile(r"\(La presente Observación general sustituye a la Observación general Nº (?P<old>\d+)")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
ORDINALS = {"primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4, "quinto": 5, "sexto": 6,
            "séptimo": 7, "octavo": 8, "noveno": 9, "décimo": 10}  # fmt: skip
OWN_SYMBOL = re.compile(r"^(?:E/C\.12/\d{4}/\d+|E/C\.12/GC/\d+|E/C\.12/\d{4}/\d+/Rev\.\d+)$")


def extract(src: SourceText, ledger: LineLedger) -> Result:
    """Every general comment of the five committees, and the obligations they state."""
    result = Result()
    toc = read_toc(src)
    for committee in COMMITTEES:
        first, last = section(src, committee)
        headings = find_headings(src, committee, first, last)
        mark_section_headings(src, ledger, committee, first, last)
        for heading in headings:
            result.comments.append(read_comment(src, committee, heading, toc, result.problems))
            ledger.use(src.span(heading.line), "general_comment")
        apply_replacements(src, (first, last), headings, result)
        if committee.key == "CESCR":
            end = src.find(committee.end, first) - 1
            cescr_obligations.extract(src, ledger, headings, end, result)
        else:
            gc_items.extract(src, ledger, committee.key, headings, (first, last), result)
    check_against_toc(src, toc, result)
    return result


COMMITTEE_NAME = re.compile(r"^(?:COMITÉ|Comité) [^.]{10,90}$")


def mark_section_headings(
    src: SourceText, ledger: LineLedger, committee: Committee, first: int, last: int
) -> None:
    """The section's heading line and the committee's name printed alone on a line."""
    ledger.use(src.span(src.find(committee.start, 116)), "general_comment")
    for n, line in src.numbered(first, last):
        if COMMITTEE_NAME.match(line.strip()):
            ledger.use(src.span(n), "general_comment")


def page_lines(src: SourceText) -> list[int]:
    """Lines holding only a page number (the footer of the page before)."""
    return [n for n, text in src.numbered() if text.strip().isdigit() and len(text.strip()) <= 3]


def section(src: SourceText, committee: Committee) -> tuple[int, int]:
    """First and last line of the whole pages over which a committee's comments are printed."""
    start = src.find(committee.start, 116)
    end = src.find(committee.end, start)
    pages = page_lines(src)
    before = [p for p in pages if p < start]
    after = [p for p in pages if p > end]
    return (before[-1] + 1 if before else start), (after[0] if after else end)


def find_headings(src: SourceText, committee: Committee, first: int, last: int) -> list[Heading]:
    found: list[Heading] = []
    for n, line in src.numbered(first, last):
        matches = [(m.start(), m.end(), m.group("num")) for m in committee.heading.finditer(line)]
        if committee.key == "CESCR":
            matches += [(m.start(), m.start(), m.group("num")) for m in CESCR_DOC_HEADING.finditer(line)]
        matches.sort()
        for i, (begin, end, printed) in enumerate(matches):
            stop = matches[i + 1][0] if i + 1 < len(matches) else len(line)
            number = str(ROMAN[printed]) if printed in ROMAN else printed
            found.append(Heading(committee.key, number, printed, n, line[end:stop].strip(), begin))
    return found


LINE_BREAK = "¶"  # marks the table of contents' line ends: no title runs over one


def read_toc(src: SourceText) -> str:
    """The table of contents as one string (the two columns merged, as printed)."""
    start = src.find("ÍNDICE")
    end = src.find("Introducción", start + 1)
    lines = (text.strip() for _, text in src.numbered(start, end - 1) if text.strip())
    return f" {LINE_BREAK} ".join(lines)


def toc_titles(toc: str, committee: Committee) -> dict[str, str]:
    """Number → title as the table of contents prints it."""
    begin = toc.find(committee.toc_start)
    end = toc.find(committee.toc_end, begin)
    if begin < 0 or end < 0:
        return {}
    part = toc[begin:end]
    titles: dict[str, str] = {}
    prefix = committee.heading.pattern.split("(?P<num>")[0]
    pattern = re.compile(rf"{prefix}(?P<num>\d+|[IVXL]+)[, -]*(?P<title>[^¶]*?)(?=\s*{prefix}\S|\s*¶|$)")
    for m in pattern.finditer(part):
        number = str(ROMAN[m.group("num")]) if m.group("num") in ROMAN else m.group("num")
        titles[number] = m.group("title").strip()
    return titles


def _norm(text: str) -> str:
    return re.sub(r"[\s,\-–:.()]+", " ", text).strip().casefold()


def match_title(text: str, toc_title: str) -> str | None:
    """The prefix of ``text`` that is ``toc_title`` as printed (tolerating typos and dashes)."""
    if not toc_title:
        return None
    target = _norm(toc_title)
    best: tuple[float, int] = (0.0, 0)
    for m in re.finditer(r"(?=\s)|$", text):
        end = m.start()
        if end > len(toc_title) * 1.3 + 10:
            break
        ratio = difflib.SequenceMatcher(None, _norm(text[:end]), target).ratio()
        if ratio > best[0]:
            best = (ratio, end)
    return text[: best[1]].strip(" ,.") if best[0] >= 0.9 else None


def read_comment(
    src: SourceText, committee: Committee, heading: Heading, toc: str, problems: list[Problem]
) -> GeneralComment:
    span = src.span(heading.line)
    if committee.key == "CESCR":
        return read_cescr(src, heading, problems)
    toc_title = toc_titles(toc, committee).get(heading.number, "")
    title = match_title(heading.text, toc_title)
    if title is None and toc_title:
        problems.append(Problem(span, f"{committee.key} {heading.printed}: title not found as in the TOC"))
    fields: dict[str, object] = {}
    if title and (cite := CITATION.search(title)):
        fields = citation_fields(cite)
        title = title[: cite.start()]
    instrument = INSTRUMENT[committee.key]
    body_text = heading.text[len(title or "") :]
    refs = article_refs(instrument, title or "") + own_article_refs(instrument, body_text)
    if committee.key == "CRC":  # "Funciones del párrafo 1 del artículo 29" follows the title
        refs += article_refs(instrument, " ".join(body_text.split()[:8]))
    return GeneralComment(
        committee.key, heading.number, heading.printed, title or None, span,
        interprets=tuple(dict.fromkeys(refs)), **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def citation_fields(cite: re.Match[str]) -> dict[str, object]:
    """Session, years and document of a printed citation ``(… período de sesiones, 1999), U.N. Doc. …``."""
    session = cite.group("session").strip(" (")
    digits = re.match(r"\d+", session)
    number = int(digits.group(0)) if digits else ORDINALS.get(session.casefold())
    doc = cite.group("doc")
    symbol = normalise(doc.split(",")[0].split(" at ")[0])
    own = bool(OWN_SYMBOL.match(symbol))
    year = int(cite.group("year"))
    syear = int(cite.group("syear")) if cite.group("syear") else None
    return {
        "session": session,
        "session_number": number,
        "year": year,
        "session_year": syear if syear != year else None,
        "symbol": symbol if own else None,
        "published_in": None if own else symbol,
        "citation": cite.group(0).strip(" ,"),
    }


def read_cescr(src: SourceText, heading: Heading, problems: list[Problem]) -> GeneralComment:
    span = src.span(heading.line)
    line = src.line(heading.line)
    doc = CESCR_DOC_HEADING.match(line, heading.start)
    if doc:
        return GeneralComment(
            "CESCR", heading.number, heading.printed, None, span,
            session=f"{doc.group('session')}º", session_number=int(doc.group("session")),
            symbol=doc.group("symbol"), year=None, date=parse_long_date(doc.group("date")),
            citation=doc.group(0),
        )  # fmt: skip
    cite = CITATION.search(heading.text)
    if cite is None:
        problems.append(Problem(span, f"CESCR {heading.number}: no citation after the title"))
        return GeneralComment("CESCR", heading.number, heading.printed, heading.text, span)
    title = heading.text[: cite.start()].strip()
    refs = article_refs("ICESCR", title)
    return GeneralComment(
        "CESCR", heading.number, heading.printed, title, span,
        interprets=tuple(refs), **citation_fields(cite),  # type: ignore[arg-type]
    )  # fmt: skip


def apply_replacements(
    src: SourceText, lines: tuple[int, int], headings: list[Heading], result: Result
) -> None:
    """``dct:isReplacedBy`` from the notes printed after the titles.

    ``[La Observación General Nº 5 ha sido sustituida por la Observación General Nº 29]`` names
    both numbers (wherever the columns put it); ``(La presente Observación general sustituye a
    la … Nº 3 …)`` stands in the replacing comment's own heading block.
    """
    from dataclasses import replace

    notes: list[tuple[str, str, Span]] = []
    for n, line in src.numbered(*lines):
        notes += [(m.group("old"), m.group("new"), src.span(n)) for m in REPLACED.finditer(line)]
    for h in headings:
        span = src.span(h.line)
        notes += [(m.group("old"), h.number, span) for m in REPLACES.finditer(h.text)]
    index = {(gc.body, gc.number): i for i, gc in enumerate(result.comments)}
    body = headings[0].body if headings else ""
    for old, new, span in notes:
        i = index.get((body, old))
        if i is None:
            result.problems.append(Problem(span, f"{body} {old}: replaced, but not printed"))
            continue
        result.comments[i] = replace(result.comments[i], replaced_by=new, replaced_span=span)


def check_against_toc(src: SourceText, toc: str, result: Result) -> None:
    """Report comments the table of contents lists but the text does not print, and back."""
    span = src.span(src.find("ÍNDICE"))
    for committee in COMMITTEES:
        listed = set(toc_titles(toc, committee))
        printed = {gc.number for gc in result.comments if gc.body == committee.key}
        for number in sorted(listed - printed, key=int):
            result.problems.append(Problem(span, f"{committee.key} {number} is in the TOC, not in the text"))
        for number in sorted(printed - listed, key=int):
            result.problems.append(Problem(span, f"{committee.key} {number} is printed but not in the TOC"))
