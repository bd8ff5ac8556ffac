"""Put text that a column or page break cut off back after the text it continues (reading order, 2).

A *lead* is the text a block starts with before its first heading: the rest of a paragraph
whose beginning is in another block. It continues an *open end*: a piece that is the last of
its block, on the same page or the page before. Each pairing is scored by how well the lead
continues the open text: the next paragraph number (``4.`` after ``3.``), the next item letter
(``b)`` after ``a)``, ``a)`` after a colon) or roman item, a lower-case start after an
unfinished sentence, a word hyphenated over the break that the document uses elsewhere, a
preamble clause after a preamble; then by where the blocks sit on their pages. The best pairs
are taken first, one lead per open end (see :func:`attach_leads`).

>>> next_item("c")
'd'
"""

from __future__ import annotations

import re
from collections import defaultdict

from hrgraph.extract.compilation.articles import paragraphs
from hrgraph.extract.compilation.columns import FINAL_CLAUSE
from hrgraph.extract.compilation.pieces import Piece

ITEM = re.compile(r"(?:^|(?<=[\s(]))([a-z])[).]\s")
LEAD_PARA = re.compile(r"^(\d{1,2})\.\s")
LEAD_ITEM = re.compile(r"^([a-z])[).]\s")
LEAD_ROMAN_ITEM = re.compile(r"^([ivx]+)\)\s")
PREAMBLE_CLAUSE = re.compile(
    r"^(?:•|[A-ZÁÉÍÓÚ][a-záéíóú]+(?:ndo|dos|das)\b|Convienen|Acuerdan|Han convenido|"
    r"(?:Los|Las) (?:Estados|Altas Partes|Partes|Gobiernos|gobiernos)\b|La (?:IX )?Conferencia\b)"
)
ROMAN_ITEM = re.compile(r"(?:^|(?<=[\s(]))([ivx]+)\)\s")
FUNCTION_WORD = re.compile(
    r"\b(?:de|del|la|el|los|las|lo|un|una|unos|unas|al|en|por|para|con|sin|entre|y|e|o|u|a|que|su|sus)$"
)
PREAMBLE_END = re.compile(r"(?:lo siguiente|los siguientes artículos|las disposiciones siguientes)\s*:\s*$")
CAPITALISED_END = re.compile(r"\s[A-ZÁÉÍÓÚ][a-záéíóúñ]+$")
PREPOSITION = re.compile(r"\b(?:de|del|al|en|por|para|con|sin|entre|a)$")
SEQUENTIAL_BLOCKS, SEQUENTIAL_LENGTH = 4, 1500
TERMINAL = re.compile(r"[.;:!?”\"»)]\s*$")


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10}
    nums = [values[c] for c in text]
    return sum(-v if i + 1 < len(nums) and v < nums[i + 1] else v for i, v in enumerate(nums))


def next_item(letter: str) -> str:
    return chr(ord(letter) + 1)


def _chain_text(p: Piece) -> str:
    return " ".join(c.text for c in p.chain())


def _last_para(text: str) -> int | None:
    numbered = paragraphs(text)
    return int(numbered[-1][0]) if numbered else None


def _last_item(text: str) -> str | None:
    items = ITEM.findall(text[-1500:])
    return items[-1] if items else None


def score(lead: Piece, end: Piece) -> int:
    """How well ``lead`` continues the text that ``end`` (with its continuations) ends with."""
    text = _chain_text(end)
    root = end.host or end
    if root.kind == "preamble" and not text.strip():  # "Preámbulo" alone on its line
        return 6 if PREAMBLE_CLAUSE.match(lead.text) else -3
    if root.kind == "preamble" and PREAMBLE_END.search(text):  # "… lo siguiente:" closes it
        return -3
    numbered = _numbering_score(lead.text, text)
    if numbered is not None:
        return numbered
    return _wording_score(lead.text, text.rstrip(), root)


def _numbering_score(start: str, text: str) -> int | None:
    """A lead opening with a paragraph number, item letter or roman item: is it the next one?"""
    tail = text.rstrip()
    if para := LEAD_PARA.match(start):
        last, k = _last_para(text), int(para.group(1))
        return 6 if last == k - 1 else (-4 if last is not None else (-2 if k > 1 else 0))
    if item := LEAD_ITEM.match(start):
        last_item = _last_item(text)
        if last_item is not None and next_item(last_item) == item.group(1):
            return 6
        return 5 if tail.endswith(":") and item.group(1) == "a" else -2
    if roman := LEAD_ROMAN_ITEM.match(start):
        items = ROMAN_ITEM.findall(text[-3000:])
        if items and _roman(items[-1]) + 1 == _roman(roman.group(1)):
            return 6
        return 5 if roman.group(1) == "i" and tail.endswith(":") else -2
    return None


def _wording_score(start: str, tail: str, root: Piece) -> int:
    """A lead opening with a word: does it continue an unfinished sentence or clause list?"""
    finished = bool(TERMINAL.search(tail))
    if start[:1].islower():
        if finished:
            return -3
        # a preamble is a list of clauses that end with a comma: weaker than a cut-off word
        s = 2 if tail.endswith(",") and root.kind == "preamble" else 4
        if PREPOSITION.search(tail) and PREPOSITION.match(start.split(" ", 1)[0]):
            s -= 2  # "… del" + "de Relaciones …": two prepositions do not follow each other
        return s + _hyphen_score(tail, start) if tail.endswith("-") else s
    if not finished and (FUNCTION_WORD.search(tail) or CAPITALISED_END.search(tail)):
        return 1  # "… Oriental del" + "Uruguay …", "… las Naciones" + "Unidas …": a name goes on
    if root.kind == "preamble" and PREAMBLE_CLAUSE.match(start):
        return 2  # a preamble clause: "Reconociendo que…", "• Considerando…", "Convienen…"
    return 0


WORD = re.compile(r"[a-záéíóúñü]+")
VOCABULARY: set[str] = set()  # every word of the source document (set by attach_leads)


def _hyphen_score(tail: str, start: str) -> int:
    """``… Nacio-`` + ``nes Unidas``: is the rejoined word one the document uses elsewhere?"""
    stem = WORD.findall(tail[:-1].lower()[-40:])
    rest = WORD.match(start.lower())
    if not stem or not rest:
        return 0
    return 3 if stem[-1] + rest.group(0) in VOCABULARY else -1


def attach_leads(pieces: list[Piece], vocabulary: set[str] | None = None) -> list[Piece]:
    """Attach every lead to the open end it continues; returns the leads left unattached.

    Page by page, each lead is matched with an open end on its own page or the page before,
    one lead per end, greedily by :func:`weight`. A lead left over may take an end held by an
    earlier lead if that lead can move to a free end of its own (column order is not always
    left-right, so a lead can take the wrong one of two equally good ends). Leads attached on
    a page become open ends for the page's remaining leads (a text running over three blocks).
    """
    VOCABULARY.clear()
    VOCABULARY.update(vocabulary or ())
    by_page: dict[int, list[Piece]] = defaultdict(list)
    for p in pieces:
        by_page[p.page].append(p)
    m = _Matcher()
    orphans: list[Piece] = []
    key = {id(p): i for i, p in enumerate(pieces)}  # stable keys: ties break by document order
    for page in sorted(by_page):
        blocks = (
            min(q.block for q in by_page[page]),
            max((q.block for q in by_page.get(page - 1, [])), default=-1),
            max(q.block for q in by_page[page]),
            _sequential(by_page[page]),
        )
        leads = [p for p in by_page[page] if p.kind == "lead"]
        threshold = 0  # first only pairs with some evidence; then any pair not ruled out
        while leads:
            ends = [p for pg in (page - 1, page) for p in by_page.get(pg, []) if _is_open_end(p)]
            m.pieces.update({key[id(e)]: e for e in ends})
            for lead in leads:
                m.pieces[key[id(lead)]] = lead
                options = [(weight(lead, e, page, blocks), key[id(e)]) for e in ends]
                m.options[key[id(lead)]] = sorted((o for o in options if o[0] > NO), key=_best_first)
            placed = m.place([key[id(lead)] for lead in leads], threshold)
            if not placed and threshold == NO:
                break
            if not placed:
                threshold = NO
            leads = [lead for lead in leads if key[id(lead)] not in placed]
        orphans.extend(leads)
    m.commit()
    return orphans


def _best_first(option: tuple[int, int]) -> tuple[int, int]:
    return -option[0], option[1]


class _Matcher:
    """Lead→end assignment, greedy with one-step repairs that may move earlier leads."""

    def __init__(self) -> None:
        self.options: dict[int, list[tuple[int, int]]] = {}
        self.pieces: dict[int, Piece] = {}
        self.match: dict[int, int] = {}
        self.owner: dict[int, int] = {}

    def weight(self, lead: int, end: int) -> int:
        return next((w for w, e in self.options[lead] if e == end), NO)

    def place(self, leads: list[int], threshold: int) -> set[int]:
        placed: set[int] = set()
        pairs = sorted(
            ((w, li, e) for li in leads for w, e in self.options[li] if w >= threshold),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        for _, li, e in pairs:
            if li not in placed and e not in self.owner:
                self._set(li, e)
                placed.add(li)
        for li in leads:
            if li not in placed and self._repair(li, threshold):
                placed.add(li)
        for li in placed:  # an attached lead is an open end for the leads still waiting
            self.pieces[li].attached = True
        return placed

    def _repair(self, li: int, threshold: int) -> bool:
        """Give ``li`` a better end, moving that end's holder to a free end, if the total grows."""
        current = self.match.get(li)
        # a placed lead moves only for better evidence, not for a better position tie-break
        now = self.weight(li, current) + MOVE_MARGIN if current is not None else NO
        for w, e in (o for o in self.options[li] if o[0] >= threshold):
            if e == current or w <= now:
                break
            holder = self.owner.get(e)
            if holder is None:
                self._set(li, e)
                return True
            for w2, e2 in self.options.get(holder, []):
                free = e2 not in self.owner or e2 == current
                if free and e2 != li and w + w2 > self.weight(holder, e) + max(now, 0):
                    if current is not None:  # free li's end first: the holder may take it
                        del self.owner[current], self.match[li]
                    self._set(holder, e2)
                    self._set(li, e)
                    return True
        return False

    def _set(self, lead: int, end: int) -> None:
        old = self.match.get(lead)
        if old is not None:
            del self.owner[old]
        self.match[lead], self.owner[end] = end, lead
        target = self.pieces[end]
        self.pieces[lead].host = target.host or target

    def commit(self) -> None:
        for li, e in sorted(self.match.items(), key=lambda t: self.pieces[t[0]].block):
            self.pieces[e].continued_by.append(self.pieces[li])
            self.pieces[li].attached = True
        for li in self.match:
            self.pieces[li].instrument = self._root(li)

    def _root(self, li: int) -> str | None:
        seen = set()
        while li in self.match and li not in seen:
            seen.add(li)
            li = self.match[li]
        return self.pieces[li].instrument


NO = -(10**6)
MOVE_MARGIN = 50  # half a score point
MIN_SCORE = -2
LOOSE_SCORE = 4  # a lead printed among commentary blocks needs clear evidence


def _sequential(page: list[Piece]) -> bool:
    """A page printed as a few very long blocks in reading order (from about page 45 on)."""
    blocks = {p.block: 0 for p in page}
    for p in page:
        blocks[p.block] += len(p.text)
    last: dict[str | None, int] = {}
    for p in sorted(page, key=lambda q: q.block):
        if p.kind == "article" and p.heading is not None:
            if p.heading.value < last.get(p.instrument, 0):
                return False  # the numbers go back: the columns are interleaved
            last[p.instrument] = p.heading.value
    return len(blocks) <= SEQUENTIAL_BLOCKS and sum(blocks.values()) / len(blocks) > SEQUENTIAL_LENGTH


def weight(lead: Piece, end: Piece, page: int, blocks: tuple[int, int, int, bool]) -> int:
    """Score of continuing ``end`` with ``lead``, with small tie-breaks for position.

    ``blocks`` is the first block of the page, the last block of the page before and the last
    block of the page. The dump usually alternates left and right column blocks and ends a page
    with the left column, so a lead opening a page continues the previous page's right column
    (its second-last block), and a lead in second place (the top of the right column)
    continues the left column's bottom (the page's last block).
    """
    first_block, last_before, last_here, sequential = blocks
    if end is lead or end.block == lead.block or _in_chain(lead, end):
        return NO
    s = score(lead, end)
    if s < MIN_SCORE or (lead.loose and s < LOOSE_SCORE):
        return NO
    if s < LOOSE_SCORE and (end.host or end).kind == "article" and FINAL_CLAUSE.search(_chain_text(end)):
        return NO  # an instrument's last article (authentic texts, testimonium) is complete
    previous = last_before if lead.block == first_block else lead.block - 1
    if sequential and end.block == previous:
        s += 2  # on a page in reading order a lead continues the block just before it
    elif sequential and end.block > lead.block:
        s -= 3  # … and never a block after it
    if lead.block == first_block:  # (a page may also open with its right column)
        bonus = 10 * (end.page < page) + 5 * (end.block in (last_before - 1, last_here))
    elif lead.block == first_block + 1:
        bonus = 10 * (end.page == page) + 5 * (end.block == last_here)
    else:
        bonus = 10 * (end.page == page) + 3 * (lead.block == end.block + 1)
    return s * 100 + bonus - min(abs(end.block - lead.block), 9)


def _is_open_end(p: Piece) -> bool:
    if not p.last_in_block:
        return False
    if p.kind in ("article", "preamble"):
        return p.instrument is not None
    return p.kind == "lead" and p.attached


def _in_chain(lead: Piece, end: Piece) -> bool:
    return any(c is end for c in lead.chain())
