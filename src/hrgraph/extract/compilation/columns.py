"""Which instrument an article heading belongs to, from the article numbers (reading order, 1).

The dump alternates the left and right column blocks of a page, not always strictly, and two
instruments can share a page (the end of one, the start of the next, or a protocol printed
beside its parent). **Article headings** go to the instrument whose numbering they continue:
among the instruments open on that page, the one for which the number is the next expected,
else a gap it fills, else the smallest jump forward; a jump is likelier in the instrument whose
section the heading is printed in, and unlikely once an instrument's final clause (authentic
texts, testimonium) has been read; roman and arabic numbering are not mixed. A number every
open instrument already has is not a heading (a cross-reference printed like one) and stays in
the text it interrupts. The text between headings is put back in order by :mod:`.leads`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from hrgraph.extract.compilation.pieces import Piece

RECENT_PAGES = 3
CLOSED_PENALTY = 20  # a final clause read: more articles are unlikely
OTHER_PENALTY = 10  # a jump in another instrument than the section's


@dataclass
class Numbering:
    """The article numbers one instrument has so far, and where it was last seen."""

    seen: set[int] = field(default_factory=set)
    last_page: int = -1
    title_block: int = 10**9
    final: int | None = None  # the article with the authentic-texts clause
    closed: bool = False  # its final article has been read and no number is missing
    roman: bool | None = None  # whether it numbers its articles in roman numerals

    @property
    def top(self) -> int:
        return max(self.seen, default=0)


def assign_articles(
    pieces: list[Piece], titles: dict[str, int], page_end: dict[int, int], strict: set[int]
) -> tuple[list[Piece], set[int]]:
    """Give every article heading piece its instrument.

    ``titles`` maps an instrument key to the block index of its title; ``page_end`` maps a page
    to the index of its last block (an instrument is open from the page its title is on).
    Blocks in ``strict`` (commentary sections) are kept only if they open with an article that
    is the next one of an open instrument. Returns the pieces demoted to text and the blocks
    dropped.
    """
    state: dict[str, Numbering] = defaultdict(Numbering)
    for key, block in titles.items():
        state[key].title_block = block
    demoted: list[Piece] = []
    dropped: set[int] = set()
    first_of_block: set[int] = set()
    for p in pieces:
        opening = p.block not in first_of_block
        first_of_block.add(p.block)
        if p.block in dropped:
            continue
        if p.block in strict and opening:
            if p.kind != "article" or p.heading is None:
                dropped.add(p.block)
                continue
            choice = _choose(p, state, titles, page_end)
            if choice is None or choice[0][0] > 1 or state[choice[1]].last_page < p.page - 1:
                dropped.add(p.block)
                continue
        if p.kind != "article" or p.heading is None:
            continue
        chosen = _choose(p, state, titles, page_end)
        if chosen is None:
            demoted.append(p)
            continue
        p.instrument = chosen[1]
        _note(state[chosen[1]], p)
    return demoted, dropped


FINAL_CLAUSE = re.compile(
    r"igualmente auténtic|igualmente fehacientes|en fe de lo cual|en testimonio de lo cual",
    re.IGNORECASE,
)


def _note(n: Numbering, p: Piece) -> None:
    assert p.heading is not None
    if n.roman is None:
        n.roman = p.heading.roman
    n.seen.add(p.heading.value)
    n.last_page = max(n.last_page, p.page)
    if FINAL_CLAUSE.search(p.text):
        n.final = p.heading.value
    n.closed = n.final == n.top and n.seen == set(range(1, n.top + 1))


def _choose(p: Piece, state: dict[str, Numbering], titles: dict[str, int],
            page_end: dict[int, int]) -> tuple[tuple[int, int], str] | None:  # fmt: skip
    assert p.heading is not None
    value = p.heading.value
    open_keys = [
        k
        for k, b in titles.items()
        if b <= page_end.get(p.page, b)
        and (state[k].last_page >= p.page - RECENT_PAGES or _title_page_near(b, p, page_end))
    ]
    started = [(b, k) for k, b in titles.items() if b <= p.block]
    section = max(started)[1] if started else None
    ranked = []
    for key in open_keys:
        n = state[key]
        if value in n.seen or (n.roman is not None and n.roman != p.heading.roman):
            continue
        if n.closed:  # a final clause may come before other articles (CPPCG, CDA)
            rank = (2, abs(value - n.top) + CLOSED_PENALTY)
        elif value == n.top + 1:
            rank = (0, 0)
        elif value < n.top:
            rank = (1, n.top - value)
        else:  # a jump forward is likelier in the instrument whose section the piece is in
            rank = (2, value - n.top + (0 if key == section else OTHER_PENALTY))
        ranked.append((rank, n.title_block > p.block, -n.title_block, key))
    if not ranked:
        return None
    best = min(ranked)
    return best[0], best[3]


def _title_page_near(block: int, p: Piece, page_end: dict[int, int]) -> bool:
    start = page_end.get(p.page - RECENT_PAGES - 1, -1)
    return block > start


# -- leads ---------------------------------------------------------------------------------
