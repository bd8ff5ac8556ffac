"""Article references as the compilation prints them inside general comments.

The Spanish forms read: ``párrafo 1 del artículo 11``, ``párrafos 1 y 4 del artículo 1``,
``(art. 2, párr. 2)``, ``artículos 11 y 12``, ``arts. 19, 32 a 36``, ``Artículo 24 - …``.
A paragraph-level reference is kept at paragraph level; article numbers stay as printed
(arabic), as :func:`hrgraph.iri.article` mints them.

>>> [str(r) for r in article_refs("ICESCR", "párrafo 1 del artículo 11 y del artículo 12")]
['ICESCR 11(1)', 'ICESCR 12']
>>> [str(r) for r in article_refs("ICESCR", "(art. 2, párr. 2) y adoptar medidas (art. 2, párr. 1)")]
['ICESCR 2(2)', 'ICESCR 2(1)']
>>> [str(r) for r in article_refs("CERD", "los párrafos 1 y 4 del artículo 1 de la Convención")]
['CERD 1(1)', 'CERD 1(4)']
>>> [str(r) for r in article_refs("CRC", "(artículos 4 y 42 y párrafo 6 del artículo 44)")]
['CRC 44(6)', 'CRC 4', 'CRC 42']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hrgraph.extract.refs import expand


@dataclass(frozen=True, order=True)
class ArticleRef:
    """Article ``number`` (paragraph ``para`` where printed) of instrument ``instrument``."""

    instrument: str
    number: str
    para: str | None = None

    def __str__(self) -> str:
        para = f"({self.para})" if self.para else ""
        return f"{self.instrument} {self.number}{para}"


_NUMS = r"\d+(?:\s*(?:,|y|a)\s*\d+)*"
_PARA_OF = re.compile(rf"[Pp][áa]rrafos?\s+(?P<paras>{_NUMS})\s+del\s+art[íi]culo\s+(?P<art>\d+)")
_ART_PARR = re.compile(r"\bart\.\s*(?P<art>\d+),\s*párr\.\s*(?P<para>\d+)")
_ARTS_ANY = re.compile(rf"\b(?:[Aa]rt[íi]culos?|[Aa]rts?\.)\s+(?P<arts>{_NUMS})")


def _numbers(text: str) -> list[str]:
    return [n for n in expand(text) if n.isdigit()]


def article_refs(instrument: str, text: str) -> list[ArticleRef]:
    """Every article (or paragraph of an article) ``text`` names, in order, without repeats."""
    found: list[ArticleRef] = []
    masked = text
    for pattern in (_PARA_OF, _ART_PARR):
        for m in pattern.finditer(masked):
            paras = _numbers(m.group("para") if "para" in m.groupdict() else m.group("paras"))
            found.extend(ArticleRef(instrument, m.group("art"), p) for p in paras)
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    for m in _ARTS_ANY.finditer(masked):
        found.extend(ArticleRef(instrument, n) for n in _numbers(m.group("arts")))
    unique: list[ArticleRef] = []
    for ref in found:
        if ref not in unique:
            unique.append(ref)
    return unique


_OWN = re.compile(
    r"(?:del\s+Pacto|de\s+la\s+Convenci[óo]n)(?!\s+(?:sobre|Americana|Interamericana|"
    r"Internacional|contra|relativa|para|de\s+Viena|Europea))"
)


def own_article_refs(instrument: str, text: str) -> list[ArticleRef]:
    """References in running text that name the comment's own treaty ("del Pacto").

    >>> text = "el artículo 20 del Pacto; el artículo 3 de la Convención sobre el Estatuto"
    >>> [str(r) for r in own_article_refs("ICCPR", text)]
    ['ICCPR 20']
    """
    refs: list[ArticleRef] = []
    for m in re.finditer(
        rf"(?:{_PARA_OF.pattern}|{_ARTS_ANY.pattern})(?P<tail>[^.;]{{0,12}}?)\s*(?={_OWN.pattern})",
        text,
    ):
        for ref in article_refs(instrument, m.group(0)):
            if ref not in refs:
                refs.append(ref)
    return refs
