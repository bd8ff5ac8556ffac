"""The ``treaty-status`` kind: a CSV of treaty actions, one act a row, each with its source.

The way a researcher brings the treaty status of any State: a depositary's status list (UN
Treaty Collection, OAS, ILO NORMLEX) copied into these columns, header first, UTF-8 —

========== ==================================================================================
state      ISO 3166-1 code or name of the State (empty: the State the source list declares)
instrument a key of ``data/reference/instruments.csv`` (``ICCPR``, ``CRC-OP-AC``, ``ILO-C169``)
action     ``signature``, ``ratification``, ``accession``, ``succession`` or ``denunciation``
date       ``YYYY-MM-DD``, or ``YYYY`` where only the year is known (kept as a year: it binds
           from the latest day it allows, never from a guessed day)
date_kind  which date it is: ``deposit`` (of the instrument with the depositary),
           ``entry-into-force`` (for that State), ``action`` (the act itself, as the list
           gives it) or ``domestic-act`` (the law that approved it)
source     where the row comes from (a URL or a citation); required
note       free text, kept as an editorial note (may be empty)
========== ==================================================================================

For example::

    state,instrument,action,date,date_kind,source,note
    CHL,ICCPR,ratification,1972-02-10,deposit,https://treaties.un.org/…mtdsg_no=IV-4,UNTC

Every row is checked, with its line: a bad row makes the whole document fail with the first
problem and the number of others, so a list is never loaded half-read. Two rows that give one act
two different dates of the same kind are both kept (the answer shows both) and reported.

>>> from types import SimpleNamespace
>>> from hrgraph.extract.common import LineLedger, SourceText
>>> src = SourceText.from_string("chl", HEADER + "\\nCHL,ICCPR,ratification,1972-02-10,deposit,UNTC,")
>>> doc = read(src, LineLedger(src), SimpleNamespace(key="chl", state="CHL"))
>>> [(r.state, r.instrument, r.action, str(r.date), r.date_kind) for r in doc.rows]
[('CHL', 'ICCPR', 'ratification', '1972-02-10', 'deposit')]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from hrgraph.extract.common import ExtractionError, LineLedger, Problem, SourceText, Span
from hrgraph.reference import UnknownStateError, instruments, resolve_state

COLUMNS = ("state", "instrument", "action", "date", "date_kind", "source", "note")
HEADER = ",".join(COLUMNS)
ACTIONS = ("signature", "ratification", "accession", "succession", "denunciation")
DATE_KINDS = ("deposit", "entry-into-force", "action", "domestic-act")
YEAR = re.compile(r"^\d{4}$")


class DeclaredLike(Protocol):
    """What this reader needs of what a source list declares (``extract.common.Declared``)."""

    @property
    def key(self) -> str: ...
    @property
    def state(self) -> str: ...


@dataclass(frozen=True)
class StatusRow:
    """One act of a State on an instrument, with the date as precise as the row gives it."""

    state: str
    instrument: str
    action: str
    date: date | None
    year: int | None
    date_kind: str
    source: str
    note: str
    span: Span


@dataclass
class TreatyStatusList:
    """The rows of one ``treaty-status`` document."""

    key: str
    rows: list[StatusRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"status rows": len(self.rows), "states": len({r.state for r in self.rows})}


def _date(value: str) -> tuple[date | None, int | None]:
    if YEAR.match(value):
        return None, int(value)
    try:
        return date.fromisoformat(value), None
    except ValueError:
        raise ValueError(f"date {value!r}: expected YYYY-MM-DD or a year YYYY") from None


def _state(value: str, declared: DeclaredLike) -> str:
    if not value:
        if not declared.state:
            raise ValueError("state is empty and the source list declares no State")
        return declared.state
    try:
        return resolve_state(value)
    except UnknownStateError:
        raise ValueError(f"state {value!r}: expected an ISO 3166-1 code or a State's name") from None


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{name} {value!r}: expected one of {', '.join(allowed)}")
    return value


def _row(cells: dict[str, str], declared: DeclaredLike, span: Span) -> StatusRow:
    if cells["instrument"] not in instruments():
        raise ValueError(
            f"instrument {cells['instrument']!r}: expected a key of data/reference/instruments.csv"
        )
    if not cells["source"]:
        raise ValueError("source is empty: every row says where it comes from")
    day, year = _date(cells["date"])
    kind = _choice("date_kind", cells["date_kind"], DATE_KINDS)
    if year is not None and kind == "entry-into-force":
        raise ValueError("an entry into force needs a full date YYYY-MM-DD, not a year")
    return StatusRow(
        _state(cells["state"], declared),
        cells["instrument"],
        _choice("action", cells["action"], ACTIONS),
        day,
        year,
        kind,
        cells["source"],
        cells["note"],
        span,
    )


def _header(src: SourceText, first: list[str]) -> None:
    if tuple(c.strip() for c in first) != COLUMNS:
        raise ExtractionError(src.key, 1, f"expected the header {HEADER!r}, got {','.join(first)!r}")


def _conflicts(rows: list[StatusRow]) -> list[Problem]:
    seen: dict[tuple[str, str, str, str], StatusRow] = {}
    out = []
    for row in rows:
        key = (row.state, row.instrument, row.action, row.date_kind)
        other = seen.setdefault(key, row)
        if other is not row and (other.date, other.year) != (row.date, row.year):
            act = f"{row.state} {row.action} of {row.instrument}"
            message = f"a second {row.date_kind} date for {act} (line {other.span.start}): both are kept"
            out.append(Problem(row.span, message))
    return out


def read(src: SourceText, ledger: LineLedger, declared: DeclaredLike) -> TreatyStatusList:
    """Every row of a treaty-status CSV, checked; raises on the first bad row (naming its line)."""
    reader = csv.reader(src.lines)
    out = TreatyStatusList(src.key)
    errors: list[tuple[int, str]] = []
    first = next(reader, None)
    if first is None:
        raise ExtractionError(src.key, 1, "empty: expected the header " + HEADER)
    _header(src, first)
    ledger.use(src.span(1), "header")
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            errors.append((line, f"expected {len(COLUMNS)} columns ({HEADER}), got {len(cells)}"))
            continue
        span = src.span(line, reader.line_num)
        try:
            out.rows.append(_row(dict(zip(COLUMNS, (c.strip() for c in cells), strict=True)), declared, span))
        except ValueError as err:
            errors.append((line, str(err)))
            continue
        ledger.use(span, "status row")
    if errors:
        more = f" ({len(errors) - 1} more bad rows)" if len(errors) > 1 else ""
        raise ExtractionError(src.key, errors[0][0], errors[0][1] + more)
    if not out.rows:
        raise ExtractionError(src.key, None, "no rows after the header")
    out.problems = _conflicts(out.rows)
    return out
