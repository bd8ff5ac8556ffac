"""Layout helpers shared by the compilation's recommendation sections.

The recommendation sections of the compilation (concluding observations, the IACHR material,
the Truth and Justice Commission and the NGO proposals) are printed as runs of long lines,
one per page column, separated by blank lines, with the page number alone on a line between
pages. Row and theme labels sit inside those lines, between the end of one text and the
start of the next; the table of contents (``ÍNDICE``, before ``Introducción``) lists the same
labels, merged without separators. These helpers read that layout:

- :func:`blocks` — the non-empty lines from a start line, page numbers set aside;
- :func:`toc_text` — the table of contents as one string;
- :func:`toc_label` — the longest run of words at the start of a text that the table of
  contents prints as (part of) an entry, i.e. a row label;
- :func:`article_refs` — article numbers named in a recommendation, with the instrument.

>>> toc_label("Impunidad La Comisión reitera", "por tema: Impunidad Administración de justicia")
'Impunidad'
>>> toc_label("Derechos económicos, sociales y culturales De acuerdo",
...           "Derechos económicos, sociales y culturales Derecho a la libertad")
'Derechos económicos, sociales y culturales'
>>> article_refs("condiciones en el trabajo (Artículos 3, 25 y 26 del Pacto).", "ICCPR")
[('ICCPR', '3'), ('ICCPR', '25'), ('ICCPR', '26')]
>>> article_refs("(Artículos 3, 8, y 24 del Pacto)", "ICCPR")
[('ICCPR', '3'), ('ICCPR', '8'), ('ICCPR', '24')]
>>> article_refs("la aplicación del artículo 61 de la Constitución.", "ICCPR")
[]
>>> article_refs("los artículos XXV y XXVI de la Declaración Americana", None)
[('ADRDM', '25'), ('ADRDM', '26')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.compilation.articles import roman_to_int
from hrgraph.extract.refs import RefError, expand

PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
MAX_LABEL_WORDS = 16


@dataclass(frozen=True)
class Block:
    """One non-empty physical line of the source."""

    line: int
    text: str


def blocks(src: SourceText, start: int, ledger: LineLedger | None = None) -> Iterator[Block]:
    """Non-empty lines from ``start`` on; page-number lines are marked as furniture and skipped."""
    for n, text in src.numbered(start):
        if not text.strip():
            continue
        if PAGE_NUMBER.match(text):
            if ledger is not None:
                ledger.furniture(n, "page-number")
            continue
        yield Block(n, text.strip())


def body_start(src: SourceText) -> int:
    """The first line after the table of contents (the ``Introducción`` heading)."""
    start = src.find("ÍNDICE")
    for n, text in src.numbered(start):
        if text.strip() == "Introducción":
            return n
    return start


def toc_text(src: SourceText) -> str:
    """The table of contents (from ``ÍNDICE`` to the ``Introducción`` heading), one string."""
    start = src.find("ÍNDICE")
    parts = []
    for n, text in src.numbered(start):
        if n > start and text.strip() == "Introducción":
            break
        if text.strip() and not PAGE_NUMBER.match(text):
            parts.append(text.strip())
    return " ".join(parts)


def _in_toc(words: list[str], toc_folded: str) -> bool:
    phrase = re.escape(" ".join(words).casefold())
    return re.search(rf"(?<!\w){phrase}(?!\w)", toc_folded) is not None


def toc_label(text: str, toc: str, min_words: int = 1) -> str | None:
    """The longest leading run of words of ``text`` that the table of contents prints."""
    words = text.split()[:MAX_LABEL_WORDS]
    folded = toc.casefold()
    best: str | None = None
    for n in range(min_words, len(words) + 1):
        if _in_toc(words[:n], folded):
            best = " ".join(words[:n])
    return best


# "artículo 10 del Pacto", "(Artículos 3, 8, y 24 del Pacto)", "arts. 2, 3, 6 y 12",
# "artículos XXV y XXVI de la Declaración Americana"
_NUM = r"(?:\d{1,3}|[IVXL]{1,6})"
ARTICLE_LIST = re.compile(
    rf"(?<!\w)(?:[Aa]rt[íi]culos?|arts?\.)\s+(?P<nums>{_NUM}(?:\s*(?:,\s*y|,|y|e|al|a)\s*{_NUM})*)"
    r"(?P<tail>\s+(?:del?|de la)\s+(?:actual\s+)?(?P<what>Pacto|Convención Americana|"
    r"Convención|Declaración Americana|Constitución|Código|Ley|Estatuto|Protocolo)\b)?"
)
_NAMED = {"Convención Americana": "ACHR", "Declaración Americana": "ADRDM"}
_DEFAULT = {"Pacto", "Convención"}


def _numbers(text: str) -> list[str]:
    romans = re.findall(r"\b[IVXL]+\b", text)
    if romans:
        return [str(roman_to_int(r)) for r in romans]
    return expand(text)


def article_refs(text: str, default: str | None) -> list[tuple[str, str]]:
    """``(instrument key, article number)`` for each article the text names.

    ``del Pacto`` / ``de la Convención`` and bare lists refer to ``default`` (the instrument of
    the body whose recommendation it is); the American Convention and Declaration are named;
    articles of the Constitution, codes, laws or other statutes are not instrument articles.
    """
    out: list[tuple[str, str]] = []
    for m in ARTICLE_LIST.finditer(text):
        what = m["what"]
        key = _NAMED.get(what) if what in _NAMED else default if what in _DEFAULT or not what else None
        if key is None:
            continue
        for num in _numbers(m["nums"]):
            if (key, num) not in out:
                out.append((key, num))
    return out


# a sentence ends at . ; : ! ? ) » ” before a space, not after an abbreviation like "DD.HH."
SENTENCE_END = re.compile(r"(?<![A-Z]{2}\.[A-Z]{2}\.)(?<=[.;:!?)»”])\s+|\bs/r\s+")


def toc_title_before(text: str, end: int, toc: str, max_words: int = 10) -> str | None:
    """The longest run of words ending at ``end`` that the table of contents prints.

    >>> toc_title_before("cumplimiento CASO VARGAS ARECO VS. PARAGUAY", 43, "Caso Vargas Areco Vs. Paraguay")
    'CASO VARGAS ARECO VS. PARAGUAY'
    """
    words = text[:end].split()[-max_words:]
    folded = toc.casefold()
    best: str | None = None
    for n in range(1, len(words) + 1):
        if _in_toc(words[-n:], folded):
            best = " ".join(words[-n:])
    return best


def last_sentence_end(text: str) -> int:
    """Index just after the last sentence end (or ``s/r``) in ``text``; 0 if none."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    return ends[-1] if ends else 0


def clean(text: str) -> str:
    """Collapse spaces; join a word hyphenated across lines (``discrimina- ción``)."""
    text = re.sub(r"(\w)- \n?\s*(?=[a-záéíóúñ])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def expand_refs(text: str) -> list[str]:
    """Paragraph references (``157, 158 y 168``, ``318 a 320``); a backwards range as printed."""
    try:
        return expand(text)
    except RefError:
        return re.findall(r"\d+", text)
