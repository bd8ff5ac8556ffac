"""Reference lists and ranges as the sources print them.

``125.11 a 125.17`` (a range over the last component), ``125.10, 125.26 y 125.33``
(a list closed by ``y``), ``párrs. 16, 22, 28 y 42``, ``arts. 75 y 90``, ``párrafos 7 y 8``,
``párrafo 22 d)`` (a sub-letter kept as ``22 d``), mixtures of both.

>>> expand("125.11 a 125.17")
['125.11', '125.12', '125.13', '125.14', '125.15', '125.16', '125.17']
>>> expand("125.10, 125.26, 125.28, 125.29 y 125.33")
['125.10', '125.26', '125.28', '125.29', '125.33']
>>> expand("16, 22, 28 y 42")
['16', '22', '28', '42']
>>> expand("22 d) y 23")
['22 d', '23']
>>> expand("20 a 22")
['20', '21', '22']

A sub-letter printed without its number takes the number of the item before it:

>>> expand("21 y 22 a), b) y c)")
['21', '22 a', '22 b', '22 c']
"""

from __future__ import annotations

import re

_ITEM = r"\d+(?:\.\d+)*(?:\s?[a-z]\))?"
ITEM = re.compile(r"(?P<num>\d+(?:\.\d+)*)(?:\s?(?P<letter>[a-z])\))?")
RANGE = re.compile(rf"(?P<first>{_ITEM})\s+(?:a|al|-|–)\s+(?P<last>{_ITEM})")
LIST = re.compile(rf"{_ITEM}(?:\s*(?:,|y|e|a|al|–|-)\s*{_ITEM})*")


_BARE_LETTERS = re.compile(
    r"(?P<num>\d+(?:\.\d+)*)\s?(?P<first>[a-z]\))(?P<rest>(?:\s*(?:,|y|e)\s*[a-z]\))+)"
)
_LETTER = re.compile(r"([a-z])\)")


def _carry_letters(text: str) -> str:
    """``22 a), b) y c)`` → ``22 a), 22 b) y 22 c)``: bare sub-letters take the number before."""

    def spell_out(m: re.Match[str]) -> str:
        rest = _LETTER.sub(lambda letter: f"{m['num']} {letter[1]})", m["rest"])
        return f"{m['num']} {m['first']}{rest}"

    return _BARE_LETTERS.sub(spell_out, text)


class RefError(ValueError):
    """A reference range that runs backwards or mixes levels."""


def _item(match: re.Match[str]) -> str:
    return match["num"] + (f" {match['letter']}" if match["letter"] else "")


def _range(first: str, last: str) -> list[str]:
    head_a, _, tail_a = first.rpartition(".")
    head_b, _, tail_b = last.rpartition(".")
    if head_a != head_b or not tail_a.isdigit() or not tail_b.isdigit():
        raise RefError(f"cannot expand the range {first!r} a {last!r}")
    lo, hi = int(tail_a), int(tail_b)
    if hi < lo:
        raise RefError(f"the range {first!r} a {last!r} runs backwards")
    prefix = f"{head_a}." if head_a else ""
    return [f"{prefix}{n}" for n in range(lo, hi + 1)]


def expand(text: str) -> list[str]:
    """Every reference in a printed list or range, in printed order, without repeats."""
    text = _carry_letters(text)
    out: list[str] = []
    pos = 0
    for rng in RANGE.finditer(text):
        out += [_item(m) for m in ITEM.finditer(text[pos : rng.start()])]
        first, last = ITEM.fullmatch(rng["first"]), ITEM.fullmatch(rng["last"])
        assert first and last
        if first["letter"] or last["letter"]:
            out += [_item(first), _item(last)]
        else:
            out += _range(first["num"], last["num"])
        pos = rng.end()
    out += [_item(m) for m in ITEM.finditer(text[pos:])]
    return list(dict.fromkeys(out))
