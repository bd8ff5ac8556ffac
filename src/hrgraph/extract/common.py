"""Shared pieces of every extractor: source text, spans, and the line ledger.

Every extractor reads a :class:`SourceText` (the lines of one source document, 1-based as
``sed -n Np`` counts them) and returns records that carry a :class:`Span`, so that every
triple built from a record can be traced to the passage it says.

The :class:`LineLedger` accounts for every non-empty line of a source: an extractor marks the
lines it used (``use``) or recognised as page furniture (``furniture``); whatever is left is
reported by ``hrgraph build`` as unread, with its line number.

>>> src = SourceText.from_string("demo", "a\\n\\nb\\n")
>>> src.line(3)
'b'
>>> ledger = LineLedger(src)
>>> ledger.use(Span("demo", 1, 1), "test")
>>> [n for n, _ in ledger.unaccounted()]
[3]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


class ExtractionError(ValueError):
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

    def span(self, start: int, end: int | None = None) -> Span:
        return Span(self.key, start, start if end is None else end)

    def text(self, span: Span) -> str:
        return "\n".join(self.lines[span.start - 1 : span.end])


@dataclass
class LineLedger:
    """Which lines of a source were read, and as what."""

    source: SourceText
    used_as: dict[int, str] = field(default_factory=dict)

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
