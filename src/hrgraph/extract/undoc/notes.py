"""Endnotes and their markers, as text exported from UN PDFs prints them.

The convention read (A/HRC/WG.6/52/DNK/1, A/HRC/WG.6/52/DNK/2):

- **Markers** lose their superscript and are glued to what precedes them: a word or closing
  punctuation (``Human Rights,1``, ``(CRPD).10``, ``ILO13``), a year (``December 20233``: the
  year 2023, marker 3; ``2023.3``) or, after a full stop or semicolon, separated by a space
  (``… Their Families. 3 The United Nations …``, ``protection; 31 (b)``). Markers are numbered
  consecutively in reading order, so marker N is looked for after marker N-1; a number that
  could be either (``25.7 million``) is a marker only when it is the next one; a marker glued
  to a dotted number (``Manual 2-22.3.4``, ``paragraph 10.12``) is looked for only when the
  next marker is due and found nowhere else first.
- **Notes** are printed as one run after a heading ``Notes`` / ``Endnotes`` / ``Notas``
  (which the export may print before the end of the body text: the notes start at the first
  line after it that opens with ``1``), several to a line: ``… (NHRI). 2 Recommendations …``.
  Note N opens with its number and a space, at a line start or after the end of the previous
  note; not after an abbreviation (``paras. 8 and 9``) and not before a lower-case word.

>>> t = LinedText.join("d", [(7, "1 A/HRC/48/10. 2 CAT/C/DNK/CO/8, paras. 3 and 4. 3 Ibid.")])
>>> [(n.number, n.text) for n in split_notes(t)[0]]
[(1, 'A/HRC/48/10.'), (2, 'CAT/C/DNK/CO/8, paras. 3 and 4.'), (3, 'Ibid.')]
>>> body = LinedText.join("d", [(2, "Denmark is party (ICCPR,1 ICESCR,2 and CRPD).3 It ratified")])
>>> [(m.number, m.offset) for m in find_markers([body], 3)[0]]
[(1, 24), (2, 33), (3, 45)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from hrgraph.extract.citations import LinedText
from hrgraph.extract.common import Problem, SourceText, Span
from hrgraph.extract.undoc.furniture import header_prefix

NOTES_HEADING = re.compile(r"^(?:Notes|Endnotes|Notas|Notas finales)$")
ABBREVIATION = re.compile(
    r"(?:\b(?:paras?|pp?|Nos?|arts?|párrs?|núms?|vol|ch|chap|sect|secs?|Add|Rev|Corr|e\.g|i\.e|cf)\.|"
    r"\b(?:Annex|annex|table|Table|page|anexo|cuadro|and|y|to|a|de|of))\s*$"
)


@dataclass(frozen=True)
class Note:
    number: int
    text: str
    span: Span


@dataclass(frozen=True)
class Marker:
    """Note ``number``'s marker, at ``offset`` in text ``block`` (an index of the texts searched)."""

    number: int
    block: int
    offset: int
    span: Span


def notes_lines(src: SourceText, lines: Sequence[int]) -> tuple[int | None, list[int]]:
    """The ``Notes`` heading's line, and the lines of the notes run (from the first line that
    opens with ``1`` after the heading to the end), out of ``lines`` (in reading order)."""
    heading = next((n for n in lines if NOTES_HEADING.match(src.line(n).strip())), None)
    if heading is None:
        return None, []
    after = [n for n in lines if n > heading]
    first = next((i for i, n in enumerate(after) if re.match(r"^1\s+\S", src.line(n).strip())), None)
    return heading, [] if first is None else after[first:]


def join_lines(src: SourceText, lines: Sequence[int], symbol: str | None) -> LinedText:
    """The lines joined by one space, with a running header glued to a line start left out."""
    pieces = []
    for n in lines:
        text = src.line(n).strip()
        text = text[header_prefix(text, symbol) :].strip()
        if text:
            pieces.append((n, text))
    return LinedText.join(src.key, pieces)


def _note_start(text: str, number: int, pos: int) -> int | None:
    """Where note ``number`` opens in ``text`` at or after ``pos``."""
    for m in re.finditer(rf"(?<!\S){number}\s+(?=\S)", text[pos:]):
        start = pos + m.start()
        before = text[:start].rstrip()
        after = text[pos + m.end() :]
        if (after[:1].islower() and not after.startswith(("http", "www"))) or after[:1] == "(":
            continue
        if start > 0 and ABBREVIATION.search(before):
            continue
        return start
    return None


def split_notes(t: LinedText) -> tuple[list[Note], list[Problem]]:
    """The notes of a notes run, numbered 1, 2, …; a number not found is a problem."""
    starts: list[tuple[int, int]] = []
    problems: list[Problem] = []
    number, pos = 1, 0
    while True:
        start = _note_start(t.search, number, pos)
        if start is None:
            skipped = _note_start(t.search, number + 1, pos)
            if skipped is None or not starts:
                break
            problems.append(Problem(t.span(skipped, skipped + 1), f"note {number} is missing"))
            number, start = number + 1, skipped
        starts.append((number, start))
        pos = start + len(str(number)) + 1
        number += 1
    notes = []
    for i, (k, start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(t.text)
        text = t.text[start + len(str(k)) : end].strip()
        notes.append(Note(k, text, t.span(start, end)))
    return notes, problems


def _marker_patterns(number: int) -> re.Pattern[str]:
    d = str(number)
    return re.compile(
        rf"(?:(?<=[^\W\d_])|(?<=[,;:)\]\"”’%])|(?<=(?<!\d)(?:19|20)\d\d)|(?<=(?<!\d)(?:19|20)\d\d\.)"
        rf"|(?<=[^\d\s]\.)|(?<=[.;:)”\"]\s))(?P<m>{d})(?!\d)(?=[\s.,;:)\]]|$)"
    )


def _glued_to_number(number: int) -> re.Pattern[str]:
    """A marker glued to a dotted number (``Manual 2-22.3.4``, ``paragraph 10.12``, ``Directive
    3115.095``): looked for only where the marker is due and no other candidate comes first."""
    return re.compile(rf"(?:(?<=\d\.)|(?<=\d\.\d\d))(?P<m>{number})(?!\d)(?=\s)")


def _find(
    texts: Sequence[LinedText], number: int, block: int, pos: int, glued: bool = False
) -> tuple[int, int] | None:
    pattern = _glued_to_number(number) if glued else _marker_patterns(number)
    for b in range(block, len(texts)):
        m = pattern.search(texts[b].search, pos if b == block else 0)
        if m:
            return b, m.start("m")
    return None


def find_markers(texts: Sequence[LinedText], count: int) -> tuple[list[Marker], list[Problem]]:
    """Markers 1 … ``count`` in ``texts`` (paragraph and heading texts in reading order).

    Marker N is the first candidate after marker N-1 that comes before the first candidate of
    N+1; a marker not found is a problem (its note is then cited by no text)."""
    markers: list[Marker] = []
    problems: list[Problem] = []
    block, pos = 0, 0
    for number in range(1, count + 1):
        here = _find(texts, number, block, pos)
        following = _find(texts, number + 1, block, pos) if number < count else None
        if here is None or (following is not None and following < here):
            glued = _find(texts, number, block, pos, glued=True)
            here = glued if glued and (following is None or glued < following) else here
        if here is None or (following is not None and following < here):
            where = texts[block].span(pos, pos + 1) if texts else None
            if where:
                problems.append(Problem(where, f"the marker of note {number} is not found after this line"))
            continue
        b, offset = here
        markers.append(Marker(number, b, offset, texts[b].span(offset, offset + len(str(number)))))
        block, pos = b, offset + len(str(number))
    return markers, problems


def strip_markers(text: str, markers: Sequence[Marker], block: int) -> str:
    """``text`` (block ``block``) without its markers' digits."""
    out = text
    for m in sorted((m for m in markers if m.block == block), key=lambda m: -m.offset):
        out = out[: m.offset] + out[m.offset + len(str(m.number)) :]
    return out
