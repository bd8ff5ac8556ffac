"""Numbered paragraphs, lettered sub-items and headings, as text exported from UN PDFs prints them.

The convention read (one physical line per printed paragraph, as in A/HRC/WG.6/52/DNK/1 and
CCPR/C/NAM/CO/2):

- A **paragraph** opens with its number, ``N.``, and paragraphs are numbered consecutively
  through the document. The number is usually at the start of a line, but the export runs
  paragraphs together: ``… (art. 2). 6. The State party should …`` or, with an endnote marker
  glued to the full stop, ``…during the reporting period.4 3. Denmark made …``. Consecutive
  numbering is the key: mid-line, only the next number N+1, after the end of a sentence, opens
  a paragraph.
- **Headings** are lines that do not end a sentence, printed after a paragraph that does:
  ``I. Introduction`` (a **chapter**, roman), ``A. Introduction`` (a **section**, one letter),
  ``1. Equality and non-discrimination`` (a numbered **sub-heading**: its number is not the next
  paragraph number, or the next paragraph repeats it) and unnumbered thematic headings
  (``Gender equality``). A thematic heading may share its line with the next paragraph's number:
  ``Non-discrimination 9. While noting …``.
- A line that neither opens a paragraph nor is a heading continues the text before it (a
  paragraph carried over a page break: ``screening of all legislative proposals …``).
- **Lettered sub-items** ``(a)``, ``(b)`` … sit inside a paragraph, on lines of their own or
  mid-line (``including: (a) amending …; (b) ensuring …``); an item letter is taken only at the
  start of the text or after ``:``, ``;``, a full stop, ``and``/``or``/``y``/``o`` or a glued
  note number, so ``section 110 (e) of the Penal Code`` is not an item, nor are the letters of a
  reference (``paragraphs 25 (a) and (b) of the concluding observations``).

**Accounting** is part of the contract: a number that breaks the sequence (a gap, a repeat, a
number going backwards) is a :class:`Problem` naming its line, never a silent truncation; a
gap is read on (the paragraph after it is kept under its own number), a repeat or backward
number stays in the text of the paragraph before it. Every line handed to :func:`read_body`
ends up in a paragraph or a heading.

>>> src = SourceText.from_string("d", "I. Introduction\\n1. First. 2. Second.\\nRights 3. Third:"
...     " (a) one; (b) two.\\n5. Fifth.")
>>> body = read_body(src, range(1, 5))
>>> [(p.number, p.text) for p in body.paragraphs]
[(1, 'First.'), (2, 'Second.'), (3, 'Third: (a) one; (b) two.'), (5, 'Fifth.')]
>>> [(h.kind, h.number, h.title) for h in body.headings]
[('chapter', 'I', 'Introduction'), ('heading', None, 'Rights')]
>>> [i.letter for i in body.paragraphs[2].items], [str(x) for x in body.problems]
(['a', 'b'], ['d:4: paragraph 4 is missing: paragraph 5 follows paragraph 3'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hrgraph.extract.citations import LinedText
from hrgraph.extract.common import Problem, SourceText, Span
from hrgraph.extract.undoc.furniture import header_prefix

NUMBER = re.compile(r"(?<![\w.,/\-])(?P<n>\d{1,3})\.\s+(?=\S)")
CHAPTER = re.compile(r"^(?P<n>[IVXLC]+)\.\s+(?P<title>\S.*)$")
SECTION = re.compile(r"^(?P<n>[A-Z])\.\s+(?P<title>\S.*)$")
SUBHEADING = re.compile(r"^(?P<n>\d{1,2})\.\s+(?P<title>\S.*)$")
# A sentence ends: a full stop (or ! ?) with closing quotes or brackets, then maybe a glued note
# number: "… period.4", "… (CRPD).10", "… above.", "(art. 2)."
CLOSED = re.compile(r"[.!?…][\"”’»)\]]*(?:\d{1,3}(?:,\s?\d{1,3})*)?\*?$")
ENDS_SENTENCE = re.compile(r"[.!?…][\"”’»)\]]*\d{0,3}\s*$")
ITEM = re.compile(
    r"(?:^|(?<=[:;.]\s)|(?<=[:;]\d)|(?<=\d\s)|(?<=\band\s)|(?<=\bor\s)|(?<=\sy\s)|(?<=\so\s)|(?<=\n))"
    r"\((?P<l>[a-z])\)\s"
)
# "paragraphs 25 (a) and (b)", "article 7 (c)": letters of a reference, not items
REFERENCE_LETTER = re.compile(
    r"\b(?:[Pp]aragraphs?|paras?\.|[Ss]ubparagraphs?|[Aa]rticles?|arts?\.|párrafos?|párrs?\.|artículos?)"
    r"\s+\d+(?:\s*\([a-z]\)\s*(?:,|and|or|y|o)?)*\s*$"
)
MAX_GAP = 20  # a jump of more than this many numbers is not a paragraph number


@dataclass(frozen=True)
class Heading:
    """A chapter (``I.``), section (``A.``), numbered sub-heading (``1.``) or thematic heading."""

    kind: str  # "chapter", "section", "subheading", "heading"
    number: str | None
    title: str
    span: Span
    ordinal: int
    parent: int | None  # ordinal of the enclosing numbered heading


@dataclass(frozen=True)
class SubItem:
    letter: str
    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    number: int
    text: str  # without its number; wrapped lines joined by one space
    span: Span
    lined: LinedText  # the text with each character's line (for markers and citations)
    heading: int | None  # ordinal of the innermost heading it sits under
    chapter: int | None  # ordinal of its chapter heading
    items: tuple[SubItem, ...] = ()


@dataclass
class Body:
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> dict[int, str]:
        """Each line read, and what as (``paragraph`` or the heading kind)."""
        out: dict[int, str] = {}
        for h in self.headings:
            out.update(dict.fromkeys(h.span.lines(), h.kind if h.kind != "heading" else "heading"))
        for p in self.paragraphs:
            for n in p.lined.line_numbers:
                out.setdefault(n, "paragraph")
        return out


def heading_like(text: str) -> bool:
    """A short line that starts with a capital and does not end or contain a sentence."""
    t = text.strip()
    body = re.sub(r"^(?:[IVXLC]+|[A-Z]|\d{1,2})\.\s+", "", t)
    if not body or len(t) > 150 or not (body[0].isupper() or body[0] in '“"‘'):
        return False
    if t.endswith((",", ";", ":", "-")) or CLOSED.search(t):
        return False
    return not re.search(r"[.!?]\s+[A-Z]", body)


def sub_items(t: LinedText) -> tuple[SubItem, ...]:
    """The lettered items ``(a)``, ``(b)`` … of a paragraph, in order of their letters.

    An item runs to the next item; the letters must start at ``a`` and each letter is taken
    once; a letter out of its printed order (the export's) is kept in alphabetical order.
    """
    found: dict[str, int] = {}
    for m in ITEM.finditer(t.text):
        letter = m["l"]
        if REFERENCE_LETTER.search(t.text[max(0, m.start() - 60) : m.start()]):
            continue
        expected = chr(ord("a") + len(found))
        if letter not in found and (letter == expected or (found and letter > "a")):
            found[letter] = m.start()
    if "a" not in found:
        return ()
    starts = sorted(found.items(), key=lambda kv: kv[1])
    out = []
    for i, (letter, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(t.text)
        text = t.text[start:end].strip()
        out.append(SubItem(letter, re.sub(r"^\([a-z]\)\s*", "", text), t.span(start, end)))
    return tuple(sorted(out, key=lambda item: item.letter))


@dataclass
class _Open:
    """The block being read: a paragraph (number) or a heading (kind)."""

    kind: str
    number: str | None
    pieces: list[tuple[int, str]]


class _BodyReader:
    def __init__(self, src: SourceText, symbol: str | None) -> None:
        self.src, self.symbol = src, symbol
        self.body = Body()
        self.expected = 1
        self.open: _Open | None = None
        self.blocks: list[_Open] = []
        self.lines: list[tuple[int, str]] = []

    # -- the sequence -------------------------------------------------------------------

    def _closed(self) -> bool:
        """Whether the text before ends a sentence (a heading may follow)."""
        if self.open is None or self.open.kind != "paragraph":
            return True
        return bool(CLOSED.search(self.open.pieces[-1][1].rstrip()))

    def _start(self, kind: str, number: str | None, n: int, text: str) -> None:
        self.open = _Open(kind, number, [(n, text)])
        self.blocks.append(self.open)

    def _continue(self, n: int, text: str) -> None:
        if self.open is None:
            self._start("heading", None, n, text)
            self.body.problems.append(Problem(self.src.span(n), "text before the first heading or paragraph"))
        else:
            self.open.pieces.append((n, text))

    def _later_starts_with(self, index: int, number: int) -> bool:
        """Whether one of the next six lines opens with ``number.`` (a sub-heading's test)."""
        return any(t.startswith(f"{number}. ") for _, t in self.lines[index + 1 : index + 7])

    def _line_start(self, index: int, n: int, text: str, m: re.Match[str]) -> bool:
        """A number at the start of a line: paragraph, sub-heading or out of sequence."""
        number = int(m["n"])
        heading = heading_like(text)
        if number == self.expected and not (heading and self._later_starts_with(index, number)):
            return True
        if heading and self._closed():
            return False  # a numbered sub-heading
        if self.expected < number <= self.expected + MAX_GAP and self._closed():
            missing = range(self.expected, number)
            what = (
                f"paragraph {missing[0]} is"
                if len(missing) == 1
                else (f"paragraphs {missing[0]}-{missing[-1]} are")
            )
            self.body.problems.append(
                Problem(self.src.span(n), f"{what} missing: paragraph {number} follows paragraph "
                                          f"{self.expected - 1}")
            )  # fmt: skip
            self.expected = number
            return True
        if number < self.expected and ENDS_SENTENCE.search(text) and not heading:
            self.body.problems.append(
                Problem(self.src.span(n), f"paragraph number {number} out of sequence (expected "
                                          f"{self.expected}): kept in the text of paragraph "
                                          f"{self.expected - 1}")
            )  # fmt: skip
        return False

    def _heading_line(self, n: int, text: str) -> bool:
        """Open a heading for the whole line ``text`` if it is one."""
        if not heading_like(text) or not self._closed():
            return False
        for kind, pattern in (("chapter", CHAPTER), ("section", SECTION), ("subheading", SUBHEADING)):
            m = pattern.match(text)
            if m:
                if kind == "chapter" and len(m["n"]) == 1 and self._section_letter(m["n"]):
                    kind = "section"  # "I." after "H.": a section letter
                self._start(kind, m["n"], n, m["title"])
                return True
        self._start("heading", None, n, text)
        return True

    def _section_letter(self, letter: str) -> bool:
        last = next((b.number for b in reversed(self.blocks) if b.kind == "section"), None)
        return last is not None and ord(letter) == ord(last) + 1

    def line(self, index: int, n: int, text: str) -> None:
        """Cut line ``n`` at the paragraph numbers it holds, then read each piece."""
        cuts: list[re.Match[str]] = []
        for m in NUMBER.finditer(text):
            if m.start() == 0:
                if not self._line_start(index, n, text, m):
                    continue
            elif int(m["n"]) != self.expected or not self._mid_line_ok(text, m.start(), cuts):
                continue
            cuts.append(m)
            self.expected = int(m["n"]) + 1
        if not cuts:
            if not self._heading_line(n, text):
                self._continue(n, text)
            return
        self._before(n, text[: cuts[0].start()], True)
        for i, m in enumerate(cuts):
            end = cuts[i + 1].start() if i + 1 < len(cuts) else len(text)
            self._start("paragraph", m["n"], n, text[m.start() : end].strip())

    def _mid_line_ok(self, text: str, start: int, cuts: list[re.Match[str]]) -> bool:
        before = text[cuts[-1].start() if cuts else 0 : start]
        if ENDS_SENTENCE.search(before):
            return True
        return not cuts and heading_like(before) and self._closed()  # "Non-discrimination 9."

    def _before(self, n: int, before: str, at_line_start: bool) -> None:
        """The text of line ``n`` before a paragraph start: a heading or a continuation."""
        if not before.strip():
            return
        if at_line_start and heading_like(before) and self._closed():
            self._heading_line(n, before.strip())
        else:
            self._continue(n, before.strip())

    # -- records ------------------------------------------------------------------------

    def finish(self) -> Body:
        chapter: int | None = None
        numbered: int | None = None
        current: int | None = None
        for block in self.blocks:
            span = Span(self.src.key, block.pieces[0][0], block.pieces[-1][0])
            t = LinedText.join(self.src.key, block.pieces)
            if block.kind == "paragraph":
                assert block.number
                text = re.sub(r"^\d{1,3}\.\s+", "", t.text)
                self.body.paragraphs.append(
                    Paragraph(int(block.number), text, span, t, current, chapter, sub_items(t))
                )
                continue
            ordinal = len(self.body.headings) + 1
            parent = chapter if block.kind in ("section", "subheading", "heading") else None
            if block.kind in ("subheading", "heading"):
                parent = numbered or chapter
            if block.kind == "heading" and numbered is None:
                parent = chapter
            self.body.headings.append(Heading(block.kind, block.number, t.text, span, ordinal, parent))
            if block.kind == "chapter":
                chapter, numbered = ordinal, None
            elif block.kind in ("section", "subheading"):
                numbered = ordinal
            current = ordinal
        return self.body


def read_body(src: SourceText, lines: Iterable[int], symbol: str | None = None) -> Body:
    """Paragraphs and headings from lines ``lines`` of ``src`` (in reading order; furniture,
    cover and notes left out by the caller); a running header glued to the start of a line
    (``symbol``) is left out of its text."""
    reader = _BodyReader(src, symbol)
    for n in lines:
        raw = src.line(n).strip()
        raw = raw[header_prefix(raw, symbol) :].strip()
        if raw:
            reader.lines.append((n, raw))
    for index, (n, text) in enumerate(reader.lines):
        reader.line(index, n, text)
    return reader.finish()
