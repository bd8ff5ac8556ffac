"""Article and division headings as the compilation prints them, and article paragraphs.

An article heading is ``Artículo`` followed by its number: arabic (``Artículo 14``), roman
(``Artículo XVI``, the OAS declarations and the genocide and refugee instruments), or a word
(``Artículo primero``, ``Artículo único``), optionally ``bis``/``ter``, then a separator
(nothing, ``.`` or ``-``) and the start of the text: a capital, a paragraph number ``1.``,
an item ``a)``, a bullet, or the end of the line. ``Artículo 48 del Pacto.`` is a
cross-reference, not a heading: a lower-case word follows the number.

Divisions are ``Parte I``, ``Parte II - Title``, ``Capítulo Primero - Derechos``,
``Sección 1 - Organización``, or a bare roman numeral ``II. Title`` at the start of a line;
each is followed by a short title and then by an article heading or the end of the line.

>>> [(h.kind, h.number) for h in find_headings("Parte I Artículo 1 1. Todos los pueblos")]
[('part', '1'), ('article', '1')]
>>> [h.number for h in find_headings("Artículo XXIX. Toda persona tiene el deber")]
['29']
>>> find_headings("conforme al Artículo 48 del Pacto.")
[]
>>> find_headings("las autoridades señaladas en el Artículo 8 Serán competentes")
[]
>>> [h.label for h in find_headings("Artículo 1 bis Los Estados")]
['1 bis']
>>> [h.number for h in find_headings("Artículo primero La presente")]
['1']
>>> [(h.kind, h.number) for h in find_headings("Capítulo Segundo - Deberes")]
[('chapter', '2')]
>>> paragraphs("1. Toda persona. 2. Nadie podrá ser sometido a la pena del artículo 6. 3. Fin.")
[('1', 'Toda persona.'), ('2', 'Nadie podrá ser sometido a la pena del artículo 6.'), ('3', 'Fin.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

WORD_NUMBERS = {
    "primero": 1, "único": 1, "unico": 1, "segundo": 2, "tercero": 3, "cuarto": 4,
    "quinto": 5, "sexto": 6, "séptimo": 7, "septimo": 7, "octavo": 8, "noveno": 9,
    "décimo": 10, "decimo": 10,
}  # fmt: skip

_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_ROMAN = r"[IVXLC]+"
_UPPER = 'A-ZÁÉÍÓÚÑÜ“"«(•¿¡'
ARTICLE = re.compile(
    r"(?<!\bel )(?<!\bdel )(?<!\bal )(?<!\ben )(?<!\by )(?<!\bo )"
    rf"(?<![\wáéíóúñ])(?:Art[íi]culo|ART[ÍI]CULO)\s+(?P<num>\d{{1,3}}|{_ROMAN}|(?i:{_WORDS}))"
    r"(?:\s+(?P<suffix>bis|ter|quater))?\b"
    r"(?P<sep>\s*\.\s*-*\s*|\s*[-–—]+\s*|\s+|\s*$)"
    rf"(?=$|[{_UPPER}]|\d+\.\s|\d+\)\s|[a-z]\)\s|[a-z]\.\s)",
)
DIVISION = re.compile(
    r"(?<!\bla )(?<!\bde )(?<!\bdel )(?<!\ben )(?<!\bsu )(?<!\besta )"
    rf"(?<![\wáéíóúñ])(?P<kind>Parte|Cap[íi]tulo|Secci[óo]n)\s+(?P<num>{_ROMAN}|\d{{1,2}}|(?i:{_WORDS}))\b"
    r"(?P<sep>\s*\.\s*|\s*[-–—]+\s*|\s+|\s*$)",
)
BARE_DIVISION = re.compile(rf"^(?P<num>{_ROMAN})\.\s+(?=[A-ZÁÉÍÓÚ])")
DIVISION_KINDS = {"parte": "part", "capítulo": "chapter", "capitulo": "chapter",
                  "sección": "section", "seccion": "section"}  # fmt: skip
MAX_DIVISION_TITLE = 160


def roman_to_int(text: str) -> int:
    """``XIV`` → 14; raises ``ValueError`` on a malformed numeral.

    >>> roman_to_int("XXXVIII"), roman_to_int("IX")
    (38, 9)
    """
    if not text or any(c not in ROMAN_VALUES for c in text.upper()):
        raise ValueError(f"not a roman numeral: {text!r}")
    values = [ROMAN_VALUES[c] for c in text.upper()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if int_to_roman(total) != text.upper():
        raise ValueError(f"not a canonical roman numeral: {text!r}")
    return total


def int_to_roman(value: int) -> str:
    """14 → ``XIV``."""
    out = []
    for n, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                 (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= n:
            out.append(s)
            value -= n
    return "".join(out)


def number_value(text: str) -> int | None:
    """The integer an article or division number stands for (arabic, roman or a word)."""
    if text.isdigit():
        return int(text)
    if text.lower() in WORD_NUMBERS:
        return WORD_NUMBERS[text.lower()]
    try:
        return roman_to_int(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Heading:
    """A heading found in a line: ``kind`` is ``article``, ``part``, ``chapter`` or ``section``."""

    kind: str
    number: str  # arabic digits, the IRI segment ("14", "1bis" for "1 bis")
    label: str  # as printed ("XIV", "1 bis", "Primero")
    start: int  # offset of the heading in the line
    end: int  # offset where the heading's own text (title or article text) starts
    value: int  # for ordering

    @property
    def roman(self) -> bool:
        return self.label.isalpha() and self.label.upper() == self.label and self.kind == "article"


def _article(m: re.Match[str]) -> Heading | None:
    raw = m.group("num")
    if not raw[0].isdigit() and raw.upper() == raw and raw.lower() in WORD_NUMBERS:
        return None
    if raw.isalpha() and raw.upper() == raw:  # roman numerals must be upper case
        pass
    elif raw.isalpha() and raw.lower() not in WORD_NUMBERS:
        return None
    value = number_value(raw)
    if value is None or value == 0:
        return None
    suffix = m.group("suffix")
    label = f"{raw} {suffix}" if suffix else raw
    number = f"{value}{suffix.lower()}" if suffix else str(value)
    return Heading("article", number, label, m.start(), m.end(), value)


def _division(m: re.Match[str]) -> Heading | None:
    kind = DIVISION_KINDS[m.group("kind").lower()]
    value = number_value(m.group("num"))
    if value is None:
        return None
    return Heading(kind, str(value), m.group("num"), m.start(), m.end(), value)


def find_headings(line: str) -> list[Heading]:
    """Article and division headings in ``line``, in order (see the module docstring)."""
    found: list[Heading] = []
    for m in ARTICLE.finditer(line):
        h = _article(m)
        if h is not None:
            found.append(h)
    articles = sorted(found, key=lambda h: h.start)
    divisions = [d for d in (_division(m) for m in DIVISION.finditer(line)) if d is not None]
    bare = BARE_DIVISION.match(line)
    if bare and number_value(bare.group("num")):
        divisions.append(
            Heading(
                "part",
                str(number_value(bare.group("num"))),
                bare.group("num"),
                0,
                bare.end(),
                number_value(bare.group("num")) or 0,
            )
        )
    kept = [d for d in divisions if _division_ok(d, line, articles, divisions)]
    return sorted(articles + kept, key=lambda h: h.start)


def _division_ok(d: Heading, line: str, articles: list[Heading], divisions: list[Heading]) -> bool:
    """A division heads a short title followed by an article or division heading, or ends the line."""
    later = [h.start for h in [*articles, *divisions] if h.start >= d.end]
    stop = min(later) if later else len(line)
    title = line[d.end : stop].strip()
    if len(title) > MAX_DIVISION_TITLE:
        return False
    if not later and title and d.start > 0:
        return False
    return not re.search(r"[a-záéíóú]\.\s+[A-ZÁÉÍÓÚ]", title)


PARAGRAPH = re.compile(r"(?:(?<=^)|(?<=\s))(?P<num>\d{1,2})\.\s+(?=[A-ZÁÉÍÓÚ“\"a-z(])")


MAX_TITLE, SHORT_TITLE = 200, 80


def _title_only(prefix: str) -> bool:
    """Text before ``1.`` that is an article's printed title (``Derecho a la Vida``), or nothing."""
    prefix = prefix.strip()
    if len(prefix) <= SHORT_TITLE:  # "Firma, Ratificación o Adhesión. Entrada en Vigor"
        return True
    return len(prefix) <= MAX_TITLE and not re.search(r"[.;:]\s", prefix + " ")


def paragraphs(text: str) -> list[tuple[str, str]]:
    """Split an article's text into numbered paragraphs ``1.``, ``2.``… (consecutive only).

    A number counts as a paragraph number only if it is the next one expected, so ``artículo 6.``
    inside a sentence is not a paragraph. ``1.`` must open the text or follow the article's
    printed title; otherwise the text is one unnumbered paragraph and yields ``[]``.

    >>> [n for n, _ in paragraphs("Derecho a la Vida 1. Toda persona. 2. Nadie.")]
    ['1', '2']
    """
    cuts: list[tuple[int, int, str]] = []
    expected = 1
    for m in PARAGRAPH.finditer(text):
        after_sentence = text[: m.start()].rstrip()[-1:] in (".", ";", ":")
        if int(m.group("num")) == expected and (expected == 1 or after_sentence):
            cuts.append((m.start(), m.end(), m.group("num")))
            expected += 1
    if not cuts or not _title_only(text[: cuts[0][0]]):
        return []
    out = []
    for i, (_, body_start, num) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        out.append((num, text[body_start:stop].strip()))
    return out
