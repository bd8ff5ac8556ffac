"""Pages and blocks of the compilation's text dump, with page furniture set aside.

The dump (a web page's text of a two-column PDF) prints each text block of a page as one line
(separated by blank lines) and ends each page with its number on a line of its own, so a page
number is the footer of the page before it. Numbers increase by one; table row numbers are also
digit-only lines, so a line counts as a page number only if it is the number expected next.
A signature/ratification table fills the pages from its heading to the next page number.

>>> from hrgraph.extract.common import SourceText, LineLedger
>>> src = SourceText.from_string("t", "Texto uno\\n\\n7\\n\\nTexto dos\\n\\n8\\n")
>>> [(b.line, b.page) for b in blocks(src, LineLedger(src), 1, 7, first_page=7)]
[(1, 0), (5, 1)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hrgraph.extract.common import LineLedger, SourceText

PAGE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")
TABLE_HEADING = re.compile(r"^Sistema (?:Universal|Interamericano) de Derechos Humanos \((?:ONU|OEA)\)$")


@dataclass(frozen=True)
class Block:
    """One text block (one physical line) on page ``page`` (0-based within the zone)."""

    line: int
    page: int
    text: str


def blocks(src: SourceText, ledger: LineLedger, start: int, end: int, first_page: int) -> list[Block]:
    """The blocks of lines ``start``..``end``; page numbers and table pages go to the ledger.

    ``first_page`` is the first page number expected in the range. Table pages are left for the
    table reader (not marked here) and yield no blocks.
    """
    out: list[Block] = []
    expected, page, in_table = first_page, 0, False
    for n, text in src.numbered(start, end):
        if not text.strip():
            continue
        m = PAGE_NUMBER.match(text)
        if m and int(m.group(1)) in (expected, expected + 1):
            ledger.furniture(n, "page number")
            expected, page, in_table = int(m.group(1)) + 1, page + 1, False
            continue
        if TABLE_HEADING.match(text.strip()):
            in_table = True
        if not in_table:
            out.append(Block(n, page, text.strip()))
    return out
