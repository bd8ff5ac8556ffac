"""Article titles, as the compilation's table of contents prints them.

Some instruments print a title after the article number: ``Artículo 1 - Finalidad`` (UNTOC,
Rome Statute, refugees, trafficking, San Salvador), ``Artículo 4. Derecho a la Vida`` (ACHR),
``Artículo 34. -- Naturalización``. In the body the title runs straight into the text
(``Finalidad El propósito de la presente Convención …``) with nothing to mark where it ends;
the table of contents (lines 31-115) lists the same titles between article headings, which
tells where it ends. A title is split off an article only when the text starts with it.

>>> titles = {"1": {"Finalidad"}, "4": {"Derecho a la Vida"}}
>>> split_title("1", "Finalidad El propósito de la presente Convención", titles)
('Finalidad', 'El propósito de la presente Convención')
>>> split_title("4", "Derecho a la Vida 1. Toda persona tiene derecho", titles)
('Derecho a la Vida', '1. Toda persona tiene derecho')
>>> split_title("4", "Los Estados Partes", titles)
(None, 'Los Estados Partes')
"""

from __future__ import annotations

import re
from collections import defaultdict

from hrgraph.extract.common import LineLedger, SourceText

TOC_START = re.compile(r"^ÍNDICE\b")
TOC_END = re.compile(r"^Introducción$")
ENTRY = re.compile(
    r"Art[íi]culo (?P<num>\d{1,3}|[IVXL]+)\s*(?:\.\s*-*\s*|-+\s*)(?P<title>[A-ZÁÉÍÓÚ“].+?)"
    r"(?=\s+(?:Art[íi]culo|Cap[íi]tulo|Parte|Secci[óo]n|Preámbulo)\b|\s+[IVX]+\.\s|$)"
)
BODY_START = re.compile(r"^(?:[A-ZÁÉÍÓÚ“\"(•¿]|\d{1,2}\.\s|[a-z][).]\s)")
TOC_KIND = "table of contents"


def toc_titles(src: SourceText, ledger: LineLedger | None = None) -> dict[str, set[str]]:
    """Article label (as printed: ``"1"``, ``"XIV"``) → the titles the table of contents gives it."""
    start = next((n for n, t in src.numbered() if TOC_START.match(t)), None)
    if start is None:
        return {}
    end = next((n for n, t in src.numbered(start) if TOC_END.match(t.strip())), start)
    out: dict[str, set[str]] = defaultdict(set)
    for n, text in src.numbered(start, end):
        for m in ENTRY.finditer(text):
            out[m.group("num")].add(m.group("title").strip(" -."))
            if ledger is not None:
                ledger.use(src.span(n), TOC_KIND)
    return dict(out)


def split_title(label: str, text: str, titles: dict[str, set[str]]) -> tuple[str | None, str]:
    """``(title, rest)`` if ``text`` starts with a title listed for ``label``, else ``(None, text)``.

    A listed title can run on into the next entry of a merged table of contents (``… Naciones
    Unidas Protocolo sobre el estatuto de refugiados 129``), so its word prefixes are tried too,
    longest first, down to two words (or the single word of a one-word title).
    """
    best: str | None = None
    for title in titles.get(label, ()):
        words = title.split()
        for n in range(len(words), 0, -1):
            if n == 1 and len(words) > 1:
                break
            prefix = " ".join(words[:n])
            rest = text[len(prefix) :].lstrip()
            if text.startswith(prefix + " ") and BODY_START.match(rest):
                if best is None or len(prefix) > len(best):
                    best = prefix
                break
    if best is None:
        return None, text
    return best, text[len(best) :].lstrip()
