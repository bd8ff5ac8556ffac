"""Rebuild the reading order of the compilation's two-column pages from article numbers.

The dump alternates the left and right column blocks of a page, not always strictly, and two
instruments can share a page (the end of one, the start of the next, or a protocol printed
beside its parent). Two rules undo this:

* **Article headings** go to the instrument whose numbering they continue: among the
  instruments open on that page, the one for which the number is the next expected, else a gap
  it fills, else the smallest jump forward. A number every open instrument already has is not a
  heading (a cross-reference printed like one) and stays in the text it interrupts.
* **Leads** (a block that starts in the middle of a text) continue an *open end*: a piece that
  is the last of its block, on the same page or the page before. Each pairing is scored by how
  well the lead continues the open text: the next paragraph number (``4.`` after ``3.``), the
  next item letter (``b)`` after ``a)``, ``a)`` after a colon), a lower-case start after an
  unfinished sentence; the best pairs are taken first, one lead per open end.

>>> next_item("c")
'd'
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from hrgraph.extract.compilation.pieces import Piece

PARA_NUM = re.compile(r"(?:^|(?<=[.;:]\s))(\d{1,2})\.\s+(?=[A-ZÁÉÍÓÚ“a-z(])")
ITEM = re.compile(r"(?:^|(?<=[\s(]))([a-z])\)\s")
LEAD_PARA = re.compile(r"^(\d{1,2})\.\s")
LEAD_ITEM = re.compile(r"^([a-z])[).]\s")
LEAD_ROMAN_ITEM = re.compile(r"^([ivx]+)\)\s")
TERMINAL = re.compile(r"[.;:!?”\"»)]\s*$")
RECENT_PAGES = 3
CLOSED_PENALTY = 20  # a final clause read: more articles are unlikely
OTHER_PENALTY = 10  # a jump in another instrument than the section's


def next_item(letter: str) -> str:
    return chr(ord(letter) + 1)


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


def _chain_text(p: Piece) -> str:
    return " ".join(c.text for c in p.chain())


def _last_para(text: str) -> int | None:
    nums = [int(m.group(1)) for m in PARA_NUM.finditer(text)]
    expected, last = 1, None
    for n in nums:
        if n == expected:
            last, expected = n, n + 1
    return last


def _last_item(text: str) -> str | None:
    items = ITEM.findall(text[-1500:])
    return items[-1] if items else None


def score(lead: Piece, end: Piece) -> int:
    """How well ``lead`` continues the text that ``end`` (with its continuations) ends with."""
    text = _chain_text(end)
    tail = text.rstrip()
    finished = bool(TERMINAL.search(tail))
    start = lead.text
    s = 0
    para = LEAD_PARA.match(start)
    item = LEAD_ITEM.match(start)
    if para:
        last = _last_para(text)
        k = int(para.group(1))
        s += 6 if last == k - 1 else (-4 if last is not None else (-2 if k > 1 else 0))
    elif item:
        letter = item.group(1)
        last_item = _last_item(text)
        if last_item is not None and next_item(last_item) == letter:
            s += 6
        elif tail.endswith(":") and letter == "a":
            s += 5
        else:
            s -= 2
    elif LEAD_ROMAN_ITEM.match(start):
        s += 2 if not finished or tail.endswith(":") else 0
    elif start[:1].islower():
        s += 4 if not finished else -3
        if tail.endswith("-"):
            s += 3
    else:
        s += 1 if not finished else 0
    return s


def attach_leads(pieces: list[Piece]) -> list[Piece]:
    """Attach every lead to the open end it continues; returns the leads left unattached.

    Page by page, the leads of the page are matched with the open ends of that page and the
    page before, one lead per end, maximising the summed :func:`weight` (greedy, then improved
    by moving or swapping pairs while the total grows).
    """
    by_page: dict[int, list[Piece]] = defaultdict(list)
    for p in pieces:
        by_page[p.page].append(p)
    taken: set[int] = set()
    orphans: list[Piece] = []
    for page in sorted(by_page):
        leads = [p for p in by_page[page] if p.kind == "lead"]
        ends = [
            p
            for pg in (page - 1, page)
            for p in by_page.get(pg, [])
            if _is_open_end(p) and id(p) not in taken
        ]
        first = min(q.block for q in by_page[page])
        w = [[weight(lead, end, page, first) for end in ends] for lead in leads]
        match = _match(w)
        for li, ei in match.items():
            end, lead = ends[ei], leads[li]
            end.continued_by.append(lead)
            lead.attached, lead.instrument = True, end.instrument
            taken.add(id(end))
        orphans.extend(lead for li, lead in enumerate(leads) if li not in match)
    return orphans


NO = -(10**6)
MIN_SCORE = -2


def weight(lead: Piece, end: Piece, page: int, first_block: int) -> int:
    """Score of continuing ``end`` with ``lead``, with small tie-breaks for position."""
    if end is lead or end.block == lead.block or _in_chain(lead, end):
        return NO
    s = score(lead, end)
    if s < MIN_SCORE:
        return NO
    if lead.block == end.block + 1:
        s += 1
    prefer = (end.page < page) if lead.block == first_block else (end.page == page)
    return s * 100 + 10 * prefer - min(abs(end.block - lead.block), 9)


def _match(w: list[list[int]]) -> dict[int, int]:
    """A one-to-one lead→end assignment with a high total weight (greedy plus local moves)."""
    pairs = sorted(((w[i][j], i, j) for i in range(len(w)) for j in range(len(w[i]))
                    if w[i][j] > NO), reverse=True)  # fmt: skip
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    improved = True
    while improved:
        improved = False
        for i, j in list(match.items()):
            for k, m in list(match.items()):
                if i < k and w[i][m] > NO and w[k][j] > NO and w[i][m] + w[k][j] > w[i][j] + w[k][m]:
                    match[i], match[k] = m, j
                    improved = True
                    break
            if improved:
                break
    return match


def _is_open_end(p: Piece) -> bool:
    if not p.last_in_block:
        return False
    if p.kind in ("article", "preamble"):
        return p.instrument is not None
    return p.kind == "lead" and p.attached


def _in_chain(lead: Piece, end: Piece) -> bool:
    return any(c is end for c in lead.chain())
