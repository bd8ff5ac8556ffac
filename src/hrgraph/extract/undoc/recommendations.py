"""UPR recommendation numbers as reports cite them, in English and Spanish.

A UPR recommendation is numbered by the paragraph of the Working Group report that lists it
and its place in that paragraph: ``60.21`` (the 21st recommendation of paragraph 60). The
reports cite them:

- after a keyword: ``recommendation 60.170``, ``Recommendations 118.1, 118.2``,
  ``Recomendaciones 125.11 a 125.17``, ``Recomendación 125.96``, ``recommendations 125.1 to
  125.5 and 125.9``;
- as the whole of a note, or at its end: ``17 60.21, 60.26, …``, ``27 60.170-60.177``,
  ``… table 4 of the Response, 60.136, 60.140.``

Ranges (``a``, ``to``, ``-``, ``–``) run over the last component and are expanded by
:func:`hrgraph.extract.refs.expand`; a stray full stop in a list (``60.74., 60.75``) is read
through.

>>> [c.ids for c in find_recommendations("the response to recommendation 60.170.")]
[('60.170',)]
>>> find_recommendations("Recomendaciones 125.11 a 125.13 y 125.96")[0].ids
('125.11', '125.12', '125.13', '125.96')
>>> note_recommendations("60.170-60.177.")[0].ids[-1], note_recommendations("see annex.")
('60.177', [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hrgraph.extract.refs import RefError, expand

ID = r"\d{1,3}\.\d{1,3}(?!\.?\d)"
_SEP = r"\s*(?:,|;|\.,|and|y|e|a|to|al|-|–)\s*"
ID_LIST = rf"{ID}(?:{_SEP}{ID})*"
KEYWORD = re.compile(
    rf"\b(?:[Rr]ecommendations?|[Rr]ecomendaci(?:ón|ones))\s+(?:No\.\s*|núm\.\s*)?(?P<ids>{ID_LIST})"
)
WHOLE_NOTE = re.compile(rf"^(?P<ids>{ID_LIST})\.?$")
NOTE_END = re.compile(rf"(?:^|,\s|;\s|:\s)(?P<ids>{ID_LIST})\.?$")
_RANGE = re.compile(rf"(?P<a>{ID})\s*(?:-|–|to)\s*(?P<b>{ID})")
# How a report may describe its own citations: "[120.xx]", "the second cycle", "segundo ciclo".
DECLARED_PREFIX = re.compile(r"\[(?P<prefix>\d{1,3})\.x+\]")
DECLARED_CYCLE = re.compile(
    r"\b(?P<ordinal>first|second|third|fourth|fifth|primer|segundo|tercer|cuarto|quinto)\s+"
    r"(?:cycle|ciclo)\b",
    re.IGNORECASE,
)
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4, "quinto": 5,
}  # fmt: skip


@dataclass(frozen=True)
class RecommendationCitation:
    """Recommendation numbers cited at characters ``start``..``end`` of a text."""

    ids: tuple[str, ...]
    printed: str
    start: int
    end: int


def expand_ids(printed: str) -> tuple[str, ...]:
    """Every recommendation number of a printed list, ranges expanded, in printed order.

    >>> expand_ids("60.41, 60.42 and 60.170-60.172")
    ('60.41', '60.42', '60.170', '60.171', '60.172')
    """
    text = _RANGE.sub(lambda m: f"{m['a']} a {m['b']}", printed.replace(".,", ","))
    text = re.sub(r"\b(?:and|to)\b", lambda m: "y" if m[0] == "and" else "a", text)
    try:
        return tuple(i for i in expand(text) if "." in i)
    except RefError:
        return tuple(re.findall(ID, printed))


def find_recommendations(text: str) -> list[RecommendationCitation]:
    """Recommendation numbers cited after a keyword (running text or a note)."""
    return [
        RecommendationCitation(expand_ids(m["ids"]), m[0], m.start(), m.end()) for m in KEYWORD.finditer(text)
    ]


def note_recommendations(text: str) -> list[RecommendationCitation]:
    """The recommendations a note cites: after a keyword, as the whole note or at its end."""
    found = find_recommendations(text)
    m = WHOLE_NOTE.match(text.strip()) or NOTE_END.search(text.strip())
    if m and not any(c.start <= m.start("ids") < c.end for c in found):
        offset = text.find(text.strip())
        found.append(
            RecommendationCitation(
                expand_ids(m["ids"]), m["ids"], offset + m.start("ids"), offset + m.end("ids")
            )
        )
    return sorted(found, key=lambda c: c.start)


def declared_format(text: str) -> tuple[tuple[str, ...], int | None]:
    """What a note says about the report's own citations: the prefixes it says they carry
    (``[120.xx]`` → ``120``) and the cycle it says they come from."""
    prefixes = tuple(m["prefix"] for m in DECLARED_PREFIX.finditer(text))
    cycle = DECLARED_CYCLE.search(text)
    return prefixes, ORDINALS[cycle["ordinal"].lower()] if cycle else None
