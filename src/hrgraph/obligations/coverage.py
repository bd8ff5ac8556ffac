"""What the graph covers: the States it holds treaty-status sources for, and how recent they are.

A State is *covered* when the graph holds at least one treaty action or treaty-status claim of it
(a ratification table, a curated deposit, a report's "es parte en …", a ``treaty-status`` CSV).
For a State no source covers, "bound by nothing" would be a guess: :func:`coverage` says so, and
the CLI exits 3. *As of* is the latest date of the source documents an answer rests on: an
answer about a later date can miss what happened since.

>>> end_of("2009"), end_of("2016-04"), end_of("2005-10-31")
('2009-12-31', '2016-04-30', '2005-10-31')
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from hrgraph.store import GraphStore

COVERED = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?state ?code ?label WHERE {
  # The States first, once each: joined to every treaty action, the rest took 2.5 s at 100k
  # triples (25 ms so).
  { SELECT DISTINCT ?state WHERE {
      { ?act hrg:actor ?state . ?act a hrg:TreatyAction }
      UNION { ?claim hrg:actor ?state . ?claim a hrg:TreatyClaim }
  } }
  ?state a hrg:State .
  OPTIONAL { ?state hrg:isoAlpha3 ?code }
  OPTIONAL { ?state rdfs:label ?label FILTER (lang(?label) = "en") }
}
ORDER BY ?code ?state
"""

# The source documents behind a State's treaty status, with their dates (a year, a month or a day).
STATUS_SOURCES = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?date WHERE {
  { ?act a hrg:TreatyAction ; hrg:actor ?state } UNION { ?act a hrg:TreatyClaim ; hrg:actor ?state }
  ?act hrg:passage/dct:isPartOf ?doc .
  OPTIONAL { ?doc dct:date ?date }
}
"""


def end_of(value: str) -> str:
    """The last day a date as precise as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` allows."""
    parts = value[:10].split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return f"{value[:7]}-{calendar.monthrange(year, month)[1]:02d}"
    return value[:10]


@dataclass
class Coverage:
    """Whether the graph holds treaty status for ``state``, and which States it does cover."""

    state: str
    covered: bool
    covered_states: list[dict[str, str]] = field(default_factory=list)
    sources: list[dict[str, str | None]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "state_covered": self.covered,
            "covered_states": self.covered_states,
            "treaty_status_sources": self.sources,
        }

    def message(self, label: str) -> str:
        names = ", ".join(f"{s['label'] or s['code']} ({s['code']})" for s in self.covered_states)
        return (
            f"the graph holds no treaty-status source for {label}: it cannot say which treaties "
            f"bind it. It covers {names or 'no State'}. Add a depositary status list with "
            "'hrgraph add FILE --kind treaty-status' and rebuild."
        )


def coverage(store: GraphStore, state: NamedNode) -> Coverage:
    states = [
        {
            "state": row["state"].value,
            "code": row["code"].value if row["code"] else row["state"].value.rsplit("/", 1)[-1],
            "label": row["label"].value if row["label"] else "",
        }
        for row in store.select(COVERED)
    ]
    sources = sorted(
        (
            {"document": row["doc"].value, "date": row["date"].value if row["date"] else None}
            for row in store.select(STATUS_SOURCES, {"state": state})
        ),
        key=lambda s: (s["date"] or "", s["document"] or ""),
    )
    covered = any(s["state"] == state.value for s in states)
    return Coverage(state.value, covered, states, sources)


def as_of(dates: list[str]) -> str | None:
    """The latest day the given source dates allow (``None`` when there are none)."""
    return max((end_of(d) for d in dates if d), default=None)
