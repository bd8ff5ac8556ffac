"""What a resource page shows beyond its statements, by the kind of resource.

- a State (``hrg:State``): its treaty actions by date (signature, ratification, accession,
  succession, pending consent; the act's date, deposit and entry into force for the State) with a
  timeline picture (SVG, one row per instrument), its obligations counted by instrument and the
  recommendations addressed to it counted by issuing body;
- an instrument (``hrg:Instrument``): its articles in numeric order with their text;
- a recommendation (``hrg:Recommendation``): its text, the document it is in, the passages that
  answer it (``hrg:respondsTo``) and the assessments of it (``hrg:assesses``).

Each section is read with one or two SPARQL queries on the server's read-only store, the entity
bound with :func:`hrgraph.store.with_values`. Sorting is natural: "art. 2" before "art. 10".

>>> sorted(["10", "2", "1", "11a", "11"], key=natural_key)
['1', '2', '10', '11', '11a']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode

from hrgraph.namespace import hrg
from hrgraph.obligations import OBLIGATION_OF_STATE
from hrgraph.store import GraphStore

PREFIX = "PREFIX hrg: <https://w3id.org/hrgraph/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
ACTION_TYPES = (
    "Signature",
    "Ratification",
    "Accession",
    "Succession",
    "PendingConsent",
    "AcceptanceOfCompetence",
)
COLOURS = {"Signature": "#8a9bb0", "Ratification": "#1f6feb", "Accession": "#2da44e", "Succession": "#bf8700"}


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders the digit runs of ``text`` as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.split(r"(\d+)", text) if part
    )


@dataclass
class Section:
    """A kind's section of a page: its template (``templates/kind-*.html``) and what it shows."""

    template: str
    data: dict[str, Any] = field(default_factory=dict)


def _value(term: object) -> str:
    return term.value if isinstance(term, NamedNode | Literal) else ""


def _rows(store: GraphStore, sparql: str, node: NamedNode) -> list[dict[str, str]]:
    """The rows of ``sparql`` (``?entity`` bound to ``node``), bound variables only, as text."""
    head = re.sub(r"\(.*?AS\s+\?(\w+)\)", r"?\1", sparql.split("WHERE", 1)[0])
    names = re.findall(r"\?(\w+)", head)
    rows = store.select(PREFIX + sparql, {"entity": node})
    return [{n: _value(row[n]) for n in names if row[n] is not None} for row in rows]


def sections(store: GraphStore, node: NamedNode, types: set[str]) -> list[Section]:
    """The kind sections for a resource of ``types`` (IRIs)."""
    out = []
    if hrg("State").value in types:
        out.append(state_section(store, node))
    if hrg("Instrument").value in types or hrg("Treaty").value in types:
        out.append(Section("kind-instrument.html", {"articles": instrument_articles(store, node)}))
    if hrg("Recommendation").value in types:
        out.append(recommendation_section(store, node))
    return out


TREATY_ACTIONS = """SELECT ?action ?type ?instrument ?date ?deposit ?inForce WHERE {
  ?action hrg:actor ?entity ; a ?type ; hrg:instrument ?instrument .
  FILTER (?type IN (hrg:Signature, hrg:Ratification, hrg:Accession, hrg:Succession, hrg:PendingConsent,
                    hrg:AcceptanceOfCompetence))
  OPTIONAL { ?action hrg:date ?date }
  OPTIONAL { ?action hrg:depositDate ?deposit }
  OPTIONAL { ?action hrg:entryIntoForceForState ?inForce }
}"""
# The State's obligations as hrgraph.obligations joins them (the treaty ones are not
# materialised); ?state is written in as the State's IRI (obligations_by_instrument).
OBLIGATIONS_BY_INSTRUMENT = """SELECT ?instrument (COUNT(DISTINCT ?obligation) AS ?n) WHERE {
  $OBLIGATION_OF_STATE
  { ?obligation hrg:concernsArticle ?article }
  UNION { ?obligation hrg:concernsArticle/hrg:paragraphOf ?article }
  ?article hrg:articleOf ?instrument .
} GROUP BY ?instrument""".replace("$OBLIGATION_OF_STATE", OBLIGATION_OF_STATE)
RECOMMENDATIONS_BY_BODY = """SELECT ?body (COUNT(DISTINCT ?recommendation) AS ?n) WHERE {
  ?recommendation a hrg:Recommendation ; hrg:addressedTo ?entity .
  OPTIONAL { ?recommendation hrg:issuedBy ?body }
} GROUP BY ?body"""


def treaty_actions(store: GraphStore, node: NamedNode) -> list[dict[str, str]]:
    """One row per treaty action of the State (its most specific type), sorted by date."""
    by_action: dict[str, dict[str, str]] = {}
    for row in _rows(store, TREATY_ACTIONS, node):
        kind = row["type"].rsplit("#", 1)[-1]
        current = by_action.get(row["action"])
        if current is None or ACTION_TYPES.index(kind) < ACTION_TYPES.index(current["kind"]):
            by_action[row["action"]] = {
                **row,
                "kind": kind,
                "when": row.get("deposit") or row.get("date", ""),
            }
    return sorted(by_action.values(), key=lambda r: (r["when"] or "9999", natural_key(r["instrument"])))


def timeline(actions: list[dict[str, str]], width: int = 760, row: int = 18) -> dict[str, Any]:
    """The SVG geometry of the timeline: one row per instrument, one dot per dated action."""
    dated = [a for a in actions if re.match(r"^\d{4}-\d{2}-\d{2}$", a["when"])]
    if not dated:
        return {}
    years = [int(a["when"][:4]) for a in dated]
    first, last = min(years), max(years) + 1
    instruments = sorted({a["instrument"] for a in dated}, key=natural_key)
    left, span = 150, width - 160

    def x(when: str) -> float:
        year = int(when[:4]) + (int(when[5:7]) - 1) / 12
        return round(left + span * (year - first) / max(last - first, 1), 1)

    dots = [
        {
            "x": x(a["when"]),
            "y": 20 + row * instruments.index(a["instrument"]),
            "colour": COLOURS.get(a["kind"], "#6e7781"),
            "title": f"{a['kind']} {a['when']}",
        }
        for a in dated
    ]
    step = max(1, (last - first) // 8)
    ticks = [{"x": x(f"{y}-01-01"), "year": y} for y in range(first, last + 1, step)]
    rows = [{"y": 20 + row * i, "instrument": inst} for i, inst in enumerate(instruments)]
    return {"width": width, "height": 40 + row * len(instruments), "dots": dots, "ticks": ticks, "rows": rows}


def obligations_by_instrument(store: GraphStore, node: NamedNode) -> list[dict[str, str]]:
    """The State's obligations counted by instrument. The State's IRI is written into the query:
    bound by a trailing VALUES, it was joined last (5 s at 100k triples instead of 0.1 s)."""
    return _rows(store, OBLIGATIONS_BY_INSTRUMENT.replace("?state", str(node)), node)


def state_section(store: GraphStore, node: NamedNode) -> Section:
    actions = treaty_actions(store, node)
    obligations = sorted(obligations_by_instrument(store, node), key=lambda r: natural_key(r["instrument"]))
    recommendations = sorted(_rows(store, RECOMMENDATIONS_BY_BODY, node), key=lambda r: -int(r["n"]))
    data = {"actions": actions, "timeline": timeline(actions), "obligations": obligations}
    data["recommendations"] = recommendations
    return Section("kind-state.html", data)


INSTRUMENT_ARTICLES = """SELECT ?article ?number ?text WHERE {
  ?article hrg:articleOf ?entity ; hrg:articleNumber ?number .
  OPTIONAL { ?article hrg:text ?text }
}"""


def instrument_articles(store: GraphStore, node: NamedNode) -> list[dict[str, str]]:
    """The instrument's articles in numeric order, each with one text (as printed, Spanish first)."""
    rows = store.select(PREFIX + INSTRUMENT_ARTICLES, {"entity": node})
    articles: dict[str, dict[str, str]] = {}
    for row in rows:
        article, text = row["article"], row["text"]
        entry = articles.setdefault(
            _value(article), {"article": _value(article), "number": _value(row["number"])}
        )
        language = text.language if isinstance(text, Literal) else None
        if isinstance(text, Literal) and (
            "text" not in entry or (language == "es" and entry["language"] != "es")
        ):
            entry["text"], entry["language"] = text.value, language or ""
    return sorted(articles.values(), key=lambda a: natural_key(a["number"]))


RECOMMENDATION_ANSWERS = """SELECT ?answer ?text WHERE {
  ?answer hrg:respondsTo ?entity . OPTIONAL { ?answer hrg:text ?text }
}"""
RECOMMENDATION_ASSESSMENTS = """SELECT ?assessment ?grade ?date WHERE {
  ?assessment hrg:assesses ?entity .
  OPTIONAL { ?assessment hrg:grade ?grade }
  OPTIONAL { ?assessment hrg:date ?date }
}"""


def recommendation_section(store: GraphStore, node: NamedNode) -> Section:
    texts = [q.object for q in store.store.quads_for_pattern(node, hrg("text"), None)]
    documents = sorted(
        {
            q.object.value
            for p in (hrg("inDocument"), NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"))
            for q in store.store.quads_for_pattern(node, p, None)
            if isinstance(q.object, NamedNode) and "/doc/" in q.object.value
        }
    )
    answers = sorted(_rows(store, RECOMMENDATION_ANSWERS, node), key=lambda r: natural_key(r["answer"]))
    assessments = sorted(_rows(store, RECOMMENDATION_ASSESSMENTS, node), key=lambda r: r.get("date", ""))
    data = {
        "texts": sorted({t.value for t in texts if isinstance(t, Literal)}),
        "documents": documents,
        "answers": answers,
        "assessments": assessments,
    }
    return Section("kind-recommendation.html", data)
