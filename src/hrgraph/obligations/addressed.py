"""What is addressed to a State without binding it as a treaty does: recommendations and orders.

Two lists, never counted as the State's legal obligations (DESIGN §3):

- ``mechanism``: what an international mechanism addressed to the State — concluding
  observations of a treaty body, UPR recommendations, the Inter-American Commission's
  recommendations, the Inter-American Court's reparation orders — with the mechanism, the
  document, its date, and its status where the sources say (a Court order's compliance, the
  grade of a follow-up assessment);
- ``other``: recommendations of national bodies (a truth commission) and of civil society.

Each counts from the date of the document that made it; one whose date the graph does not hold
is left out of a dated answer and reported with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyoxigraph import NamedNode

from hrgraph.obligations.coverage import end_of
from hrgraph.obligations.source import Row, Selects

PREFIXES = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# Everything addressed to the State, directly or through the document it is part of.
ADDRESSED = (
    PREFIXES
    + """
SELECT DISTINCT ?item ?cls WHERE {
  { ?item hrg:addressedTo ?state } UNION { ?item hrg:inDocument/hrg:addressedTo ?state }
  UNION { ?item hrg:paragraphOf/hrg:addressedTo ?state } UNION { ?item dct:isPartOf/hrg:addressedTo ?state }
  { ?item a hrg:Recommendation } UNION { ?item a hrg:ReparationOrder }
  ?item a ?cls .
  FILTER (?cls IN (hrg:Recommendation, hrg:UPRRecommendation, hrg:ReparationOrder,
                   hrg:NationalRecommendation, hrg:CivilSocietyRecommendation))
}
"""
)
# The facts of the State's items: one pattern a query, each opening with a VALUES block of the
# items ($ITEMS), a few ms each at 1M triples. As one query (the addressee pattern, then a UNION
# of these) oxigraph evaluated the UNION for the items of every State first: 9.2 s at 1M.
FACT_PATTERNS = (
    ("label", "?item rdfs:label ?value"),
    ("mechanism", "?item hrg:issuedBy ?value"),
    ("mechanism", "?item hrg:orderedIn/hrg:decidedBy ?value"),
    ("made_by", "?item hrg:madeBy ?value"),
    ("document", "?item hrg:orderedIn|hrg:inDocument|hrg:paragraphOf|hrg:review ?value"),
    ("status", "?item hrg:complianceStatus ?value"),
    ("articles", "?item hrg:concernsArticle ?value"),
    ("grade", "?assessment hrg:assesses ?item ; hrg:grade ?value"),
    ("date", "?item dct:date|hrg:date ?value"),
    ("date", "?item hrg:orderedIn|hrg:inDocument|hrg:paragraphOf|hrg:review|dct:isPartOf ?doc . "
             "?doc dct:date|hrg:date ?value"),
)  # fmt: skip
FACT = PREFIXES + "SELECT DISTINCT ?item ?value WHERE { $ITEMS %s }"


KIND = {
    "UPRRecommendation": "UPR recommendation",
    "ReparationOrder": "Court order",
    "NationalRecommendation": "national body",
    "CivilSocietyRecommendation": "civil society",
    "Recommendation": "recommendation",
}
OTHER = {"NationalRecommendation", "CivilSocietyRecommendation"}


@dataclass
class Addressed:
    """The recommendations and orders addressed to a State that count on a date."""

    mechanism: list[dict[str, Any]] = field(default_factory=list)
    other: list[dict[str, Any]] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)
    later: int = 0  # made after the date asked about


def _v(row: Row, name: str) -> str:
    term = row[name]
    return "" if term is None else term.value


def _kind(classes: set[str]) -> str:
    names = {c.rsplit("#", 1)[-1] for c in classes}
    return next((name for name in KIND if name in names), "Recommendation")


def _items(store: Selects, state: NamedNode) -> dict[str, dict[str, Any]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for row in store.select(ADDRESSED, {"state": state}):
        classes[_v(row, "item")].add(_v(row, "cls"))
    items: dict[str, dict[str, Any]] = {
        item: {"item": item, "kind": KIND[_kind(cls)], "class": _kind(cls), "label": None,
               "mechanism": None, "made_by": None, "document": None, "date": None, "status": [],
               "articles": []}
        for item, cls in classes.items()
    }  # fmt: skip
    values = "VALUES ?item { " + " ".join(f"<{item}>" for item in sorted(items)) + " }"
    rows = [
        (row, key)
        for key, pattern in (FACT_PATTERNS if items else ())
        for row in store.select((FACT % pattern).replace("$ITEMS", values))
    ]
    for row, key in rows:
        entry, value = items.get(_v(row, "item")), _v(row, "value")
        if entry is None:
            continue
        if key in ("status", "grade"):
            entry["status"].append(value.rsplit("/", 1)[-1])
        elif key == "articles":
            entry["articles"].append(value)
        elif key == "date":
            entry["date"] = min(filter(None, [entry["date"], value]))
        elif key == "label":
            entry["label"] = entry["label"] or value
        else:
            entry[key] = entry[key] or value
    return items


def addressed(store: Selects, state: NamedNode, on: date) -> Addressed:
    """What mechanisms, national bodies and civil society addressed to ``state``, on ``on``."""
    out = Addressed()
    for entry in sorted(_items(store, state).values(), key=lambda e: (e["date"] or "", e["item"])):
        entry["articles"].sort()  # not in the store's row order: the same answer from any store
        if entry["date"] is None:
            out.undated.append(
                {"item": entry["item"], "kind": entry["kind"],
                 "reason": "the graph holds no date for it or for the document that made it"}
            )  # fmt: skip
            continue
        # A document dated by its year only counts from that year's end: the latest day it allows.
        if end_of(entry["date"]) > on.isoformat():
            out.later += 1
            continue
        (out.other if entry["class"] in OTHER else out.mechanism).append(entry)
    return out
