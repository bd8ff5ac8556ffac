"""Page furniture of a UN document: what the print repeats on every page, not its text.

The convention read (text exported from UN PDFs): between two pages the export prints, on
lines of their own and in either order, the **page number** (``2``), the **job number**
(``GE.16-06640(E)``, ``GE.26-00776 (E) 060226 060226``, or with the page number
``GE.19-17926 5``), and the **document symbol** as a running header (``A/HRC/WG.6/52/DNK/1``);
the first page may add a **barcode** (``*1442673*``), ``Please recycle`` and a lone ``*``
(the mark of the title's note). A bare number is a page number only next to a header or job
number line (within three lines), so numbers in tables or lists are never taken for one.

A long document opens with a **table of contents** after its cover: ``Contents`` (``Índice``),
``Paragraphs Page`` (``Párrafos Página``), then one line per heading with dot leaders and the
paragraphs and page it starts on (``I. Introduction ........ 1–4 3``);
:func:`contents_lines` finds it, so that its entries are never read as headings.

The symbol header also appears glued to the start of a text line (``A/HRC/WG.6/52/DNK/1
Faroese Council of Ethics, …``): :func:`header_prefix` gives its length so a reader can read
the rest of the line.

>>> src = SourceText.from_string("d", "text\\n2\\n\\nA/HRC/WG.6/52/DNK/1\\nmore\\nGE.19-17926 5")
>>> ledger = LineLedger(src)
>>> sorted(mark_furniture(src, ledger, Cover(symbol="A/HRC/WG.6/52/DNK/1")))
[2, 4, 6]
>>> ledger.used_as[2], ledger.used_as[4]
('page number', 'page header')
"""

from __future__ import annotations

import re

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.symbols import find_symbols
from hrgraph.extract.undoc.cover import CONTENTS, Cover

JOB_NUMBER = re.compile(
    r"^(?:\d{1,3}\s+)?GE\.\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6}\s+\d{6})?(?:\s+\d{1,3})?$"
)
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
BARCODE = re.compile(r"^\*\d{6,}\*$")
RECYCLE = re.compile(r"^(?:\W\s*)?(?:Please recycle|Sírvase reciclar|Recicle, por favor)\s*\W?$", re.I)
LONE_STAR = re.compile(r"^\*$")
CONTENTS_COLUMNS = re.compile(r"^(?:Paragraphs|Párrafos)?\s*(?:Page|Página)s?$", re.IGNORECASE)
LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|\s\d{1,4}\s*[-–]\s*\d{1,4}\s+\d{1,3}$")


def _is_header(text: str, symbol: str | None) -> bool:
    symbols = find_symbols(text)
    if not symbols or symbols[0][1] != text:
        return False
    return symbol is None or symbols[0][0] == symbol


def header_prefix(text: str, symbol: str | None) -> int:
    """The length of a running-header symbol glued to the start of ``text`` (0 if none).

    >>> header_prefix("A/HRC/WG.6/52/DNK/1 Faroese Council", "A/HRC/WG.6/52/DNK/1")
    20
    """
    if not symbol or not text.startswith(symbol + " "):
        return 0
    return len(symbol) + 1


def contents_lines(src: SourceText, lines: list[int]) -> list[int]:
    """The lines of a table of contents: its ``Contents`` heading, the column heads and every
    entry line with a dot leader (or ending ``1–4 3``), up to the first line without one.

    >>> src = SourceText.from_string("d", "Contents\\nParagraphs Page\\nI. Intro ..... 1–2 3\\nI. Intro")
    >>> contents_lines(src, [1, 2, 3, 4])
    [1, 2, 3]
    """
    start = next((i for i, n in enumerate(lines) if CONTENTS.match(src.line(n).strip())), None)
    if start is None:
        return []
    out = [lines[start]]
    for n in lines[start + 1 :]:
        text = src.line(n).strip()
        if not (CONTENTS_COLUMNS.match(text) or LEADER.search(text)):
            break
        out.append(n)
    return out


def mark_furniture(src: SourceText, ledger: LineLedger, cover: Cover) -> set[int]:
    """Mark every furniture line of ``src`` in ``ledger``; the lines marked.

    The running header is the cover's symbol; a document without a cover takes the first
    line that is a symbol and nothing else as its header (its other symbol-only lines are
    headers too only if they print the same symbol).
    """
    symbol = cover.symbol
    marked: dict[int, str] = {}
    lines = [(n, raw.strip()) for n, raw in src.numbered() if raw.strip()]
    for n, text in lines:
        if n in cover.lines():
            continue
        if JOB_NUMBER.match(text):
            marked[n] = "page footer"
        elif _is_header(text, symbol):
            symbol = symbol or find_symbols(text)[0][0]
            marked[n] = "page header"
        elif BARCODE.match(text) or RECYCLE.match(text) or LONE_STAR.match(text):
            marked[n] = "page footer"
    anchors = set(marked) | {n for n, text in lines if header_prefix(text, symbol)}
    for i, (n, text) in enumerate(lines):
        if PAGE_NUMBER.match(text) and n not in marked:
            near = {k for k, _ in lines[max(0, i - 3) : i + 4] if k != n}
            if near & anchors or (i == len(lines) - 1 and anchors):  # the last page's number
                marked[n] = "page number"
    for n, kind in marked.items():
        ledger.furniture(n, kind)
    return set(marked)
