"""Shared pieces of every extractor: source text, spans, and the line ledger.

Every extractor reads a :class:`SourceText` (the lines of one source document, 1-based as
``sed -n Np`` counts them) and returns records that carry a :class:`Span`, so that every
triple built from a record can be traced to the passage it says.

The :class:`LineLedger` accounts for every non-empty line of a source: an extractor marks the
lines it used (``use``) or recognised as page furniture (``furniture``); whatever is left is
reported by ``hrgraph build`` as unread, with its line number.

:class:`Numbering` is the accounting rule every reader applies to what its document numbers
(paragraphs, recommendations): the numbers run 1, 2, 3, … with no gap and no reordering. A
number ahead of the one expected means a unit was lost (a deleted or damaged line) and is an
error naming the line, never a silent merge of everything after it into one paragraph.

>>> src = SourceText.from_string("demo", "a\\n\\nb\\n")
>>> src.line(3)
'b'
>>> ledger = LineLedger(src)
>>> ledger.use(Span("demo", 1, 1), "test")
>>> [n for n, _ in ledger.unaccounted()]
[3]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hrgraph.errors import HrgraphError


class ExtractionError(HrgraphError, ValueError):
    """A source document does not have the layout an extractor reads; names file and line."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


@dataclass(frozen=True, order=True)
class Span:
    """Lines ``start``..``end`` (1-based, inclusive) of the source document ``source``."""

    source: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 1 or self.end < self.start:
            raise ValueError(f"bad span {self.source}:{self.start}-{self.end}")

    def lines(self) -> range:
        return range(self.start, self.end + 1)

    def __str__(self) -> str:
        if self.start == self.end:
            return f"{self.source}:{self.start}"
        return f"{self.source}:{self.start}-{self.end}"


# C0 controls but tab and newline, and DEL: XML 1.0 cannot carry most of them (an RDF/XML export
# with a NUL is unreadable), and none belongs in the text of a document.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def refuse_control_characters(where: str, text: str) -> None:
    """Raise :class:`ExtractionError` naming the line and column of the first control character
    (U+0000–U+001F but tab and newline, and U+007F) in ``text``, and how many there are.

    >>> refuse_control_characters("demo.txt", "ok\\tfine\\nbad\\x00here")
    Traceback (most recent call last):
    ...
    hrgraph.extract.common.ExtractionError: demo.txt:2: control character U+0000 at column 4 ...
    """
    first = CONTROL.search(text)
    if first is None:
        return
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    count = len(CONTROL.findall(text))
    code = f"U+{ord(first.group()):04X}"
    raise ExtractionError(
        where, line, f"control character {code} at column {column} ({count} in the file); "
        "remove it and update the checksum",
    )  # fmt: skip


@dataclass(frozen=True)
class SourceText:
    """The text of one source document, addressed by 1-based physical line."""

    key: str
    lines: tuple[str, ...]

    @classmethod
    def from_string(cls, key: str, text: str) -> SourceText:
        return cls(key, tuple(text.split("\n")))

    @classmethod
    def from_path(cls, key: str, path: Path) -> SourceText:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise ExtractionError(str(path), None, f"not UTF-8 (byte {err.start}): {err.reason}") from err
        if not text.strip():
            raise ExtractionError(str(path), None, "the file is empty")
        text = text.replace("\r\n", "\n")  # a line end written the DOS way is still a line end
        refuse_control_characters(str(path), text)
        return cls.from_string(key, text)

    def line(self, number: int) -> str:
        """Line ``number`` (1-based)."""
        if not 1 <= number <= len(self.lines):
            raise IndexError(f"{self.key} has no line {number}")
        return self.lines[number - 1]

    def numbered(self, start: int = 1, end: int | None = None) -> Iterator[tuple[int, str]]:
        """``(number, text)`` for lines ``start``..``end`` inclusive."""
        stop = len(self.lines) if end is None else min(end, len(self.lines))
        for n in range(start, stop + 1):
            yield n, self.lines[n - 1]

    def find(self, needle: str, start: int = 1) -> int:
        """The first line at or after ``start`` that contains ``needle``; raises if none."""
        for n, text in self.numbered(start):
            if needle in text:
                return n
        raise ExtractionError(self.key, start, f"expected a line containing {needle!r}")

    def match(self, pattern: re.Pattern[str], start: int = 1, what: str = "") -> int:
        """The first line at or after ``start`` that ``pattern`` matches; raises naming ``what``
        (or the pattern) if none does: a truncated or re-laid document fails here, located."""
        for n, text in self.numbered(start):
            if pattern.match(text):
                return n
        raise ExtractionError(
            self.key, start, f"expected {what or repr(pattern.pattern)} at or after this line"
        )

    def span(self, start: int, end: int | None = None) -> Span:
        return Span(self.key, start, start if end is None else end)

    def text(self, span: Span) -> str:
        return "\n".join(self.lines[span.start - 1 : span.end])


@dataclass
class LineLedger:
    """Which lines of a source were read, and as what."""

    source: SourceText
    used_as: dict[int, str] = field(default_factory=dict)
    numberings: dict[str, Numbering] = field(default_factory=dict)

    def use(self, span: Span, kind: str) -> None:
        """Mark the lines of ``span`` as read into records of ``kind``."""
        if span.source != self.source.key:
            raise ValueError(f"span {span} is not in {self.source.key}")
        for n in span.lines():
            self.used_as.setdefault(n, kind)

    def furniture(self, line: int, kind: str = "furniture") -> None:
        """Mark a line as page furniture (page number, running header, site clutter)."""
        self.used_as.setdefault(line, kind)

    def unaccounted(self) -> list[tuple[int, str]]:
        """Non-empty lines that no extractor used or recognised, in order."""
        return [(n, text) for n, text in self.source.numbered() if text.strip() and n not in self.used_as]

    def counts(self) -> Counter[str]:
        return Counter(self.used_as.values())

    def numbering(self, what: str = "paragraph", first: int = 1, window: int = 20) -> Numbering:
        """The :class:`Numbering` of the units ``what`` in this source (one per ``what``)."""
        if what not in self.numberings:
            self.numberings[what] = Numbering(self.source.key, what, first, window)
        return self.numberings[what]


class NumberingError(ExtractionError):
    """The units of a source are not numbered consecutively: one was lost, or they are reordered."""


@dataclass
class Numbering:
    """Consecutive numbering of the units ``what`` of a source: 1, 2, 3, … no gap, no reordering.

    ``accept(number, line)`` says whether a number printed at the start of ``line`` opens the
    next unit: it does when it is the number expected; a number behind it (``1.`` in a list
    inside paragraph 40) is running text; a number ahead of it by at most ``window`` means the
    units in between were lost and raises :class:`NumberingError` naming the line.

    >>> n = Numbering("demo", "paragraph")
    >>> n.accept(1, 3), n.accept(1, 5), n.accept(2, 7)
    (True, False, True)
    >>> n.accept(4, 9)
    Traceback (most recent call last):
    ...
    hrgraph.extract.common.NumberingError: demo:9: paragraph 4 follows paragraph 2 (line 7): ...missing ...
    """

    source: str
    what: str = "paragraph"
    first: int = 1
    window: int = 20
    expected: int = 0
    last_line: int | None = None

    def __post_init__(self) -> None:
        self.expected = self.expected or self.first

    def accept(self, number: int, line: int) -> bool:
        if number == self.expected:
            self.expected, self.last_line = number + 1, line
            return True
        if self.expected < number <= self.expected + self.window:
            self._gap(number, line)
        return False

    def require(self, number: int, line: int) -> None:
        """For readers where every numbered start is a unit: anything but the next number is an error."""
        if not self.accept(number, line):
            if number < self.expected:
                raise NumberingError(
                    self.source, line, f"{self.what} {number} out of sequence: expected {self.what} "
                    f"{self.expected}" + (f" after line {self.last_line}" if self.last_line else "")
                )  # fmt: skip
            self._gap(number, line)

    def _gap(self, number: int, line: int) -> None:
        missing = f"{self.expected}" if number == self.expected + 1 else f"{self.expected}–{number - 1}"
        after = (
            f"follows {self.what} {self.expected - 1} (line {self.last_line})"
            if self.last_line is not None
            else f"is the first {self.what}"
        )
        raise NumberingError(
            self.source, line,
            f"{self.what} {number} {after}: {self.what} {missing} is missing (a lost or damaged line?)",
        )  # fmt: skip

        return Counter(self.used_as.values())


@dataclass(frozen=True)
class Declared:
    """What a source list declares about a document; a reader checks it against the cover page.

    ``state`` is an ISO 3166-1 alpha-3 code, ``language`` an ISO 639-1 code, ``symbol`` the UN
    symbol (empty when the document has none), ``date`` ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """

    key: str
    kind: str
    state: str
    language: str
    symbol: str = ""
    date: str = ""


@dataclass(frozen=True)
class Problem:
    """Something an extractor saw but could not read: reported by ``build`` with its line."""

    span: Span
    message: str

    def __str__(self) -> str:
        return f"{self.span}: {self.message}"


def require_consecutive(source: str, what: str, items: Iterable[tuple[int, int]], first: int = 1) -> None:
    """Raise :class:`NumberingError` unless the numbers of ``items`` (``(number, line)``, in any
    order: a two-column layout reads them out of order) are ``first``, ``first + 1``, … with no
    gap and none twice; the error names the line of the number after the gap.

    >>> require_consecutive("demo", "article", [(2, 9), (1, 4), (3, 12)])
    >>> require_consecutive("demo", "article", [(1, 4), (3, 12)])
    Traceback (most recent call last):
    ...
    hrgraph.extract.common.NumberingError: demo:12: article 3 follows article 1 (line 4): ... 2 is missing ...
    """
    numbering = Numbering(source, what, first, window=10**9)
    seen: dict[int, int] = {}
    for number, line in sorted(items):
        if number in seen:
            raise NumberingError(source, line, f"{what} {number} twice (also line {seen[number]})")
        seen[number] = line
        numbering.require(number, line)
