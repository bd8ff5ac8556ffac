"""The body of a treaty-body document exported from a UN PDF, cut into headed, numbered blocks.

Shared by the readers of concluding observations, follow-up replies and English periodic
reports (the conventions below are those of the UN's layout, not of one document):

- a **numbered paragraph** starts with ``N.`` followed by a capital (``10. The State party
  should``). Its number is the next one expected: at the start of a line, or in the middle of
  one after a sentence end (``…(art. 2). 6. The State party``), after a footnote mark glued to
  a sentence end (``…statute.48 40. Title I``), or after a heading printed on the same line
  (``Non-discrimination 9. While noting…``). A larger number at the start of a line is a gap,
  reported as a :class:`Problem` naming the line.
- a **lettered item** ``(a) …`` (Spanish ``a) …``) starts a line, or follows ``;`` / ``.`` in the
  middle of one when it is the next letter (``(a) The Children's Status Act …; (b) The …``);
- a **section** heading is ``A. Introduction`` or ``I. Introduction`` on a line of its own;
- a **heading** is a short line that does not end a sentence, right before a paragraph number
  (or the text before the number on the paragraph's first line); two such lines are one heading;
- anything else continues the block before it (text wrapped over a page break), except that
  an item whose text starts in lower case (``(a) laws;``) followed by a line starting in upper
  case (``Cooperate with traditional leaders to abolish discriminatory customary``) is one
  item whose first words the export printed after its last: they are put back in front.

Lines the caller marked as furniture (page numbers, headers) or as notes are skipped.

>>> from hrgraph.extract.common import LineLedger, SourceText, Span
>>> src = SourceText.from_string("d", "A. Intro\\n1. One. 2. Two:\\n(a) x; (b) y\\nTheme 3. Three.")
>>> [(s.kind, s.mark, s.text) for s in segments(src, 1, lambda n: False)]
... # doctest: +NORMALIZE_WHITESPACE
[('section', 'A', 'Intro'), ('paragraph', '1', 'One.'), ('paragraph', '2', 'Two:'),
 ('item', 'a', 'x;'), ('item', 'b', 'y'), ('heading', '', 'Theme'), ('paragraph', '3', 'Three.')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from hrgraph.extract.common import LineLedger, SourceText, Span

SECTION = re.compile(r"^(?P<mark>[A-H]|[IVX]{1,5})\.\s+(?P<title>\S.{0,150})$")
ITEM_START = re.compile(r"^\(?(?P<letter>[a-z])\)\s+(?P<text>.*)$")
_BEFORE_NUMBER = re.compile(r"(?:[.;:!?)\]\"”’]|[.;:)\"”’]\d{1,3})\s+$")
_SENTENCE_END = re.compile(r"[.;:,]$")


@dataclass(frozen=True)
class Segment:
    """A piece of one line: ``section``, ``heading``, ``paragraph`` (start), ``item`` (start)
    or ``text`` (continuation); ``mark`` is the section mark, paragraph number or item letter."""

    line: int
    kind: str
    mark: str
    text: str
    end: int = 0  # the last line it takes (0: ``line``)
    reordered: bool = False  # an item whose first words the export printed after its end

    @property
    def last(self) -> int:
        return self.end or self.line


def _heading_like(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 160 and t[0].isupper() and not _SENTENCE_END.search(t)


def _number_at(text: str, number: int) -> int | None:
    """Where paragraph ``number`` starts in ``text`` (its digits), or None."""
    for m in re.finditer(rf"(?<!\d){number}\.\s+(?=[A-Z(\"“À-Ý¿¡])", text):
        before = text[: m.start()]
        if not before.strip() or _BEFORE_NUMBER.search(before) or _heading_like(before):
            return m.start()
    return None


def _item_at(text: str, letter: str) -> int | None:
    m = re.search(rf"(?<=[;.:,]\s)\(?{letter}\)\s+(?=\S)", text)
    return m.start() if m else None


class _Cutter:
    """Cuts lines into segments, keeping the next paragraph number and item letter expected."""

    def __init__(self) -> None:
        self.expected = 1
        self.letter = "a"
        self.out: list[Segment] = []

    def line(self, n: int, text: str) -> None:
        section = SECTION.match(text)
        if section and not re.match(r"^\d", text) and _heading_like(section["title"]):
            self.out.append(Segment(n, "section", section["mark"], section["title"].strip()))
            return
        item = ITEM_START.match(text)
        if item and self._open():
            self.letter = chr(ord(item["letter"]) + 1)
            self.out.append(Segment(n, "item", item["letter"], ""))
            self._rest(n, item["text"])
            return
        head = re.match(r"^(?P<n>\d{1,3})\.\s+(?=\S)", text)
        if head and int(head["n"]) > self.expected:  # a gap: the caller reports it
            self.expected = int(head["n"])
        self._rest(n, text)

    def _open(self) -> bool:
        return any(s.kind == "paragraph" for s in self.out)

    def _rest(self, n: int, text: str) -> None:
        while text:
            at_para = _number_at(text, self.expected)
            at_item = _item_at(text, self.letter) if self._open() else None
            cuts = [c for c in (at_para, at_item) if c is not None]
            if not cuts:
                self.out.append(Segment(n, "text", "", text.strip()))
                return
            cut = min(cuts)
            if text[:cut].strip():
                before = text[:cut].strip()
                kind = "heading" if cut == at_para and _heading_like(before) and self._first(n) else "text"
                self.out.append(Segment(n, kind, "", before))
            if cut == at_para:
                m = re.match(rf"{self.expected}\.\s+", text[cut:])
                assert m
                self.out.append(Segment(n, "paragraph", str(self.expected), ""))
                self.expected += 1
                self.letter = "a"
            else:
                m = re.match(rf"\(?{self.letter}\)\s+", text[cut:])
                assert m
                self.out.append(Segment(n, "item", self.letter, ""))
                self.letter = chr(ord(self.letter) + 1)
            text = text[cut + m.end() :]

    def _first(self, n: int) -> bool:
        """Nothing of line ``n`` was cut yet (a heading opens its line)."""
        return not self.out or self.out[-1].line != n


def _merge(segments: list[Segment]) -> list[Segment]:
    """Text segments into the start segment before them; standalone heading lines before a
    paragraph (one or two) into a heading; the texts of a start and its continuations joined."""
    out: list[Segment] = []
    for i, s in enumerate(segments):
        nxt = segments[i + 1] if i + 1 < len(segments) else None
        nxt2 = segments[i + 2] if i + 2 < len(segments) else None
        heading_line = s.kind == "text" and _heading_like(s.text) and (
            (nxt is not None and nxt.kind == "paragraph" and nxt.line > s.line)
            or (nxt is not None and nxt.kind == "text" and _heading_like(nxt.text)
                and nxt2 is not None and nxt2.kind == "paragraph" and nxt2.line > nxt.line)
        )  # fmt: skip
        prev_item = out[-1] if out and out[-1].kind == "item" else None
        if s.kind == "text" and prev_item and prev_item.text[:1].islower() and s.text[:1].isupper():
            # "(a) laws;" / "Cooperate with … customary": the item's words, printed out of order
            out[-1] = Segment(
                prev_item.line, "item", prev_item.mark, f"{s.text} {prev_item.text}", s.line, True
            )
        elif heading_line and out and out[-1].kind == "heading" and out[-1].line == s.line - 1:
            prev = out.pop()
            out.append(Segment(prev.line, "heading", "", f"{prev.text} {s.text}", s.line))
        elif heading_line:
            out.append(Segment(s.line, "heading", "", s.text))
        elif s.kind == "text" and out and out[-1].kind in ("paragraph", "item", "text") and not out[-1].text:
            last = out.pop()
            out.append(Segment(last.line, last.kind, last.mark, s.text, s.line if s.line != last.line else 0))
        else:
            out.append(s)
    return out


def segments(src: SourceText, start: int, skip: Callable[[int], bool]) -> list[Segment]:
    """The segments of lines ``start``.. of ``src``, skipping blank lines and ``skip(n)``."""
    cutter = _Cutter()
    for n, raw in src.numbered(start):
        text = raw.strip()
        if text and not skip(n):
            cutter.line(n, text)
    return _merge(cutter.out)


_NOTE_NUMBER = re.compile(r"(?<!\S)(\d{1,3})\s+(?=[A-Z\"“(0-9]|http)")


def page_note_lines(src: SourceText, ledger: LineLedger, cover: tuple[Span, ...] = ()) -> list[int]:
    """The footnote lines printed at the foot of each page: from the first line of a page that
    opens with the next note number and a space (``1 The Committee is aware …``; a paragraph
    number has a full stop) to the page's end (the next line ``ledger`` marks as furniture).
    Notes run 1, 2, … through the document. The cover's ``*`` note line may hold notes 1, 2 …
    too (``* Adopted by … 1 https://…``): the lines after it, to the page's end, continue them."""
    out: list[int] = []
    cover_lines = {n for s in cover for n in s.lines()}
    expected, in_zone = 1, False
    for n, raw in src.numbered():
        text = raw.strip()
        if not text:
            continue
        if n in cover_lines and text.startswith("*"):
            found = [int(k) for k in _NOTE_NUMBER.findall(text)]
            in_zone = expected in found
        elif n in ledger.used_as:
            in_zone = False
            continue
        else:
            m = re.match(r"^(?P<k>\d{1,3})\s+(?=\S)", text)
            in_zone = in_zone or bool(m and int(m["k"]) == expected)
            if not in_zone:
                continue
            out.append(n)
            found = [int(k) for k in _NOTE_NUMBER.findall(text)]
        while expected in found:
            expected += 1
    return out
