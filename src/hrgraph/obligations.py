"""Which instruments and obligations bind a State on a date, and why.

Reads what the reasoner inferred (``hrg:Participation``, ``hrg:boundBy``,
``hrg:obligationOf``) and assembles, for each instrument and obligation, the chain of facts
that explains it: the treaty action and the passage it was read from, the date it took effect
and which kind of date that is, the article, the general comment or recommendation, and the
reservations that exclude articles. The JSON shape is DESIGN §4's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyoxigraph import NamedNode, QuerySolution

from hrgraph import iri
from hrgraph.reference import resolve_state
from hrgraph.store import GraphStore

PREFIXES = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

PARTICIPATIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?instrument ?key ?label ?since ?until ?dateBasis ?action ?actionType ?law ?lawLabel
       ?passage ?doc ?start ?end
WHERE {
  ?p a hrg:Participation ; hrg:state ?state ; hrg:instrument ?instrument ;
     hrg:basis ?action ; hrg:dateBasis ?dateBasis .
  OPTIONAL { ?p hrg:since ?since }
  OPTIONAL { ?p hrg:until ?until }
  OPTIONAL { ?instrument skos:notation ?key }
  OPTIONAL { ?instrument rdfs:label ?label FILTER (lang(?label) = "en") }
  OPTIONAL { ?action a ?actionType FILTER (?actionType IN (hrg:Ratification, hrg:Accession, hrg:Succession)) }
  OPTIONAL { ?action hrg:domesticAct ?law OPTIONAL { ?law rdfs:label ?lawLabel } }
  OPTIONAL { ?action hrg:passage ?passage .
             ?passage dct:isPartOf ?doc ; hrg:startLine ?start ; hrg:endLine ?end }
}
ORDER BY ?since ?instrument ?action
"""
)

RESERVATIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?instrument ?article ?reservation WHERE {
  ?reservation a hrg:Reservation ; hrg:actor ?state ; hrg:reservationTo ?article .
  ?article hrg:articleOf ?instrument .
}
"""
)

# The obligations of a State, in four narrow queries joined in Python (one wide query with
# nested OPTIONAL/UNION took seconds on the seed graph).
OBLIGATION_ARTICLES = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?article ?instrument WHERE {
  ?obligation hrg:obligationOf ?state .
  { ?obligation hrg:concernsArticle ?article }
  UNION { ?obligation hrg:concernsArticle/hrg:paragraphOf ?article }
  ?article hrg:articleOf ?instrument .
}
"""
)
OBLIGATION_FACTS = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?p ?value WHERE {
  ?obligation hrg:obligationOf ?state ; ?p ?value .
  FILTER (?p IN (hrg:text, hrg:obligationType, hrg:derivedFrom))
}
"""
)
OBLIGATION_SOURCE_DATES = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?sourceDate WHERE {
  ?obligation hrg:obligationOf ?state ; hrg:derivedFrom ?source .
  { ?source dct:date ?sourceDate } UNION { ?source dct:isPartOf/dct:date ?sourceDate }
  UNION { ?source hrg:paragraphOf/dct:date ?sourceDate }
}
"""
)
OBLIGATION_PASSAGES = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?passage ?doc ?start ?end WHERE {
  ?obligation hrg:obligationOf ?state .
  { ?obligation hrg:passage ?passage } UNION { ?obligation hrg:derivedFrom/hrg:passage ?passage }
  ?passage dct:isPartOf ?doc ; hrg:startLine ?start ; hrg:endLine ?end .
}
"""
)


def _v(row: QuerySolution, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _passage(row: QuerySolution) -> dict[str, Any] | None:
    if row["passage"] is None:
        return None
    return {
        "passage": _v(row, "passage"),
        "document": _v(row, "doc"),
        "lines": [int(_v(row, "start") or 0), int(_v(row, "end") or 0)],
    }


@dataclass
class Answer:
    state: str
    on: date
    instruments: list[dict[str, Any]] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "date": self.on.isoformat(),
            "instruments": self.instruments,
            "obligations": self.obligations,
            "undated": self.undated,
        }

    def resources(self) -> list[str]:
        """Every IRI the explanation names (for ``--format ttl``)."""
        out = {self.state}
        for item in self.instruments:
            out.update([item["instrument"], item["participation"], *item["basis"]])
            out.update(p["passage"] for p in item["sources"])
        for ob in self.obligations:
            out.update(filter(None, [ob["obligation"], ob["article"], *ob["derived_from"]]))
            out.update(p["passage"] for p in ob["sources"])
        return sorted(out)


def _instrument_items(store: GraphStore, state: NamedNode, on: date, answer: Answer) -> None:
    by_instrument: dict[str, dict[str, Any]] = {}
    for row in store.select(PARTICIPATIONS, {"state": state}):
        since, until = _v(row, "since"), _v(row, "until")
        inst = _v(row, "instrument")
        assert inst is not None
        entry = {
            "instrument": inst,
            "key": _v(row, "key"),
            "label": _v(row, "label"),
            "since": since,
            "until": until,
            "date_basis": _v(row, "dateBasis"),
        }
        if since is None:
            answer.undated.append(entry | {"basis": [_v(row, "action")]})
            continue
        if date.fromisoformat(since) > on or (until and date.fromisoformat(until) <= on):
            continue
        action = _v(row, "action")
        item = by_instrument.setdefault(
            inst,
            entry
            | {
                "participation": f"{action}/participation" if action else None,
                "basis": [],
                "acts": [],
                "sources": [],
                "excluded_articles": [],
            },
        )
        if action and action not in item["basis"]:
            item["basis"].append(action)
            kind = (_v(row, "actionType") or "").rsplit("#", 1)[-1] or "ConsentToBeBound"
            item["acts"].append({"action": action, "kind": kind, "law": _v(row, "lawLabel")})
        passage = _passage(row)
        if passage and passage not in item["sources"]:
            item["sources"].append(passage)
        if since < item["since"]:
            item["since"], item["date_basis"] = since, _v(row, "dateBasis")
    for row in store.select(RESERVATIONS, {"state": state}):
        inst = _v(row, "instrument")
        if inst in by_instrument:
            by_instrument[inst]["excluded_articles"].append(_v(row, "article"))
    for item in by_instrument.values():
        item["why"] = _why_instrument(item)
    answer.instruments = sorted(by_instrument.values(), key=lambda i: (i["since"], i["instrument"]))


def _why_instrument(item: dict[str, Any]) -> str:
    acts = "; ".join(
        f"{a['kind'].lower()} ({a['law']})" if a["law"] else a["kind"].lower() for a in item["acts"]
    )
    where = ", ".join(f"{p['document']} lines {p['lines'][0]}-{p['lines'][1]}" for p in item["sources"])
    text = f"party since {item['since']} (date from: {item['date_basis']}) by {acts}"
    if where:
        text += f"; read at {where}"
    if item["excluded_articles"]:
        text += f"; reservations exclude {len(item['excluded_articles'])} article(s)"
    return text


def _new_item(ob: str) -> dict[str, Any]:
    return {"obligation": ob, "label": None, "types": [], "article": None, "instrument": None,
            "derived_from": [], "sources": [], "other_articles": []}  # fmt: skip


def _add_facts(store: GraphStore, bind: dict[str, NamedNode], items: dict[str, dict[str, Any]]) -> None:
    for row in store.select(OBLIGATION_FACTS, bind):
        ob, prop, value = str(_v(row, "obligation")), str(_v(row, "p")), str(_v(row, "value"))
        entry = items.setdefault(ob, _new_item(ob))
        if prop.endswith("#text"):
            entry["label"] = entry["label"] or value
            continue
        key = "types" if prop.endswith("#obligationType") else "derived_from"
        if value not in entry[key]:
            entry[key].append(value)


def _add_articles(
    store: GraphStore, bind: dict[str, NamedNode], items: dict[str, dict[str, Any]], applicable: set[str]
) -> set[str]:
    """Attach the articles of binding instruments; returns obligations that concern others."""
    inapplicable = set()
    for row in store.select(OBLIGATION_ARTICLES, bind):
        ob, article, inst = str(_v(row, "obligation")), _v(row, "article"), _v(row, "instrument")
        entry = items.setdefault(ob, _new_item(ob))
        if inst not in applicable:
            inapplicable.add(ob)
        elif entry["article"] is None:
            entry["article"], entry["instrument"] = article, inst
        elif article != entry["article"]:
            entry["other_articles"].append(article)
    return inapplicable


def _obligation_items(store: GraphStore, state: NamedNode, on: date, answer: Answer) -> None:
    bind = {"state": state}
    items: dict[str, dict[str, Any]] = {}
    _add_facts(store, bind, items)
    inapplicable = _add_articles(store, bind, items, {i["instrument"] for i in answer.instruments})
    future = {  # stated in a document dated after the date asked about
        str(_v(row, "obligation"))
        for row in store.select(OBLIGATION_SOURCE_DATES, bind)
        if str(_v(row, "sourceDate"))[:10] > on.isoformat()
    }
    for row in store.select(OBLIGATION_PASSAGES, bind):
        passage = _passage(row)
        entry = items.get(str(_v(row, "obligation")))
        if entry is not None and passage and passage not in entry["sources"]:
            entry["sources"].append(passage)
    kept = [
        e for ob, e in items.items()
        if ob not in future and (e["instrument"] is not None or ob not in inapplicable)
    ]  # fmt: skip
    for entry in kept:
        entry["sources"].sort(key=lambda p: (p["document"], p["lines"]))
        entry["why"] = _why_obligation(entry, answer)
    answer.obligations = sorted(
        kept, key=lambda o: (o["instrument"] or "", o["article"] or "", o["obligation"])
    )


def _why_obligation(item: dict[str, Any], answer: Answer) -> str:
    parts = []
    if item["article"]:
        inst = next((i for i in answer.instruments if i["instrument"] == item["instrument"]), None)
        since = f" (party since {inst['since']})" if inst else ""
        parts.append(f"{answer.state.rsplit('/', 1)[-1]} is bound by {item['article']}{since}")
    if item["derived_from"]:
        parts.append("stated in " + ", ".join(item["derived_from"]))
    if item["sources"]:
        parts.append(
            "read at "
            + ", ".join(f"{p['document']} lines {p['lines'][0]}-{p['lines'][1]}" for p in item["sources"])
        )
    return "; ".join(parts)


def obligations(store: GraphStore, state: str, on: date | None = None) -> Answer:
    """The instruments and obligations binding ``state`` (code or name) on ``on`` (today)."""
    code = resolve_state(state)
    node = NamedNode(iri.state(code))
    answer = Answer(state=node.value, on=on or date.today())
    _instrument_items(store, node, answer.on, answer)
    _obligation_items(store, node, answer.on, answer)
    return answer


def explanation_triples(store: GraphStore, answer: Answer) -> bytes:
    """The explanation as Turtle: every triple about the resources the answer names."""
    import io

    from pyoxigraph import RdfFormat, serialize

    values = " ".join(f"<{r}>" for r in answer.resources())
    query = f"CONSTRUCT {{ ?x ?p ?o }} WHERE {{ VALUES ?x {{ {values} }} ?x ?p ?o }}"
    triples = sorted(store.query(query), key=str)  # type: ignore[arg-type]
    out = io.BytesIO()
    from hrgraph.namespace import PREFIXES as NS

    serialize(triples, out, RdfFormat.TURTLE, prefixes=dict(NS))
    return out.getvalue()
