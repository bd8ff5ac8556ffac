"""Which instruments and obligations bind a State on a date, and why.

Reads what the reasoner inferred (``hrg:Participation``, ``hrg:boundBy``, and
``hrg:obligationOf`` for State-specific obligations) and the obligations of the articles binding
the State, joined at query time (:data:`OBLIGATION_OF_STATE`), and assembles, for each
instrument and obligation, the chain of facts that explains it: the treaty action and the
passage it was read from, the date it took effect and which kind of date that is, the article,
the general comment or recommendation, and the reservations that exclude articles. The JSON
shape is DESIGN §4's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pyoxigraph import NamedNode

from hrgraph import errors, iri
from hrgraph.errors import UsageError
from hrgraph.obligations.addressed import addressed
from hrgraph.obligations.coverage import Coverage, as_of, coverage, end_of
from hrgraph.obligations.source import Row, Selects
from hrgraph.reference import instruments as reference_instruments
from hrgraph.reference import resolve_state

PREFIXES = """PREFIX hrg: <https://w3id.org/hrgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# The obligations of ?state, as ``?obligation hrg:obligationOf ?state`` would give them if the
# reasoner materialised the whole relation: the State-specific ones it does materialise
# (obligation-from-recommendation), and those of every article binding the State, joined here
# as the query-time rule ``ontology/rules/query-time/obligation-of-bound-state.rq`` says (not
# materialised: States × the obligations of each article, 441k triples at 1M). Its variables
# end in ``_ob`` so as not to meet the including query's; a query includes it at the line
# ``$OBLIGATION_OF_STATE``.
OBLIGATION_OF_STATE = """{
  { ?obligation hrg:obligationOf ?state }
  UNION {
    ?state hrg:boundBy ?article_ob .
    { ?obligation hrg:concernsArticle ?article_ob } UNION { ?obligation hrg:derivedFrom ?article_ob }
    UNION { ?paragraph_ob hrg:paragraphOf ?article_ob . ?obligation hrg:concernsArticle ?paragraph_ob }
    ?obligation a hrg:Obligation .
    # MINUS as in the rule (the same answers: each shares ?obligation only); one anti-join,
    # 3x faster than FILTER NOT EXISTS at 100k triples.
    MINUS { ?obligation hrg:derivedFrom ?rec_ob . ?rec_ob a hrg:Recommendation }
    MINUS { ?obligation hrg:addressedTo ?addressee_ob }
  }
}"""

PARTICIPATIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?instrument ?key ?label ?since ?until ?dateBasis ?precision ?action ?actionType ?law
       ?lawLabel ?passage ?doc ?start ?end
WHERE {
  ?p a hrg:Participation ; hrg:state ?state ; hrg:instrument ?instrument ;
     hrg:basis ?action ; hrg:dateBasis ?dateBasis .
  OPTIONAL { ?p hrg:since ?since }
  OPTIONAL { ?p hrg:until ?until }
  OPTIONAL { ?p hrg:datePrecision ?precision }
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

# The facts a participation's date was computed from, to say why in words.
ACT_FACTS = (
    PREFIXES
    + """
SELECT DISTINCT ?action ?deposit ?eifState ?actDate ?actionDate ?year ?delay ?delayMonths ?delayDays
       ?firstOfMonth ?article ?articleNumber ?note ?treatyEif WHERE {
  ?p a hrg:Participation ; hrg:state ?state ; hrg:basis ?action ; hrg:instrument ?i .
  OPTIONAL { ?action hrg:depositDate ?deposit }
  OPTIONAL { ?action hrg:entryIntoForceForState ?eifState }
  OPTIONAL { ?action hrg:domesticActDate ?actDate }
  OPTIONAL { ?action hrg:date ?actionDate }
  OPTIONAL { ?action hrg:year ?year }
  OPTIONAL { ?i hrg:entryIntoForceDelay ?delay }
  OPTIONAL { ?i hrg:entryIntoForceDelayMonths ?delayMonths }
  OPTIONAL { ?i hrg:entryIntoForceDelayDays ?delayDays }
  OPTIONAL { ?i hrg:entryIntoForceOnFirstOfMonth ?firstOfMonth }
  OPTIONAL { ?i hrg:entryIntoForceArticle ?article OPTIONAL { ?article hrg:articleNumber ?articleNumber } }
  OPTIONAL { ?i hrg:entryIntoForceNote ?note }
  OPTIONAL { ?i hrg:entryIntoForce ?treatyEif }
}
"""
)

# What sources state about the act: each claim, its year, where it is made and what contradicts it.
CLAIMS = (
    PREFIXES
    + """
SELECT DISTINCT ?action ?claim ?kind ?year ?para ?doc ?docDate ?conflict WHERE {
  ?p a hrg:Participation ; hrg:state ?state ; hrg:basis ?action .
  ?claim hrg:claims ?action ; hrg:claimKind ?kind ; hrg:statedIn ?para .
  ?para hrg:paragraphOf ?doc .
  OPTIONAL { ?doc dct:date ?docDate }
  OPTIONAL { ?claim hrg:year ?year }
  OPTIONAL { ?claim hrg:conflictsWith ?conflict }
}
ORDER BY ?action ?doc ?claim
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

# The obligations of a State (the query-time relation with the State's IRI written in), then
# narrow queries about them, joined in Python (one wide query with nested
# OPTIONAL/UNION took seconds on the seed graph). Obligations the reasoner derived from a
# recommendation are left out: a recommendation is listed as such (hrgraph.obligations.addressed).
OBLIGATIONS_OF = PREFIXES + "SELECT DISTINCT ?obligation WHERE { $OBLIGATION_OF_STATE }".replace(
    "$OBLIGATION_OF_STATE", OBLIGATION_OF_STATE
)
OBLIGATION_ARTICLES = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?article ?instrument ?articleLabel WHERE {
  $OBLIGATIONS
  { ?obligation hrg:concernsArticle ?article }
  UNION { ?obligation hrg:concernsArticle/hrg:paragraphOf ?article }
  ?article hrg:articleOf ?instrument .
  OPTIONAL { ?article rdfs:label ?articleLabel FILTER (lang(?articleLabel) = "en") }
}
"""
)
OBLIGATION_FACTS = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?p ?value WHERE {
  $OBLIGATIONS
  ?obligation ?p ?value .
  FILTER (?p IN (hrg:text, hrg:obligationType, hrg:derivedFrom, hrg:itemLetter, hrg:underHeading))
}
"""
)
FROM_RECOMMENDATIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation WHERE {
  ?obligation hrg:obligationOf ?state ; hrg:derivedFrom ?rec . ?rec a hrg:Recommendation .
}
"""
)
# The general comment an obligation comes from: its symbol, number and date (or year).
OBLIGATION_COMMENTS = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?comment ?symbol ?number ?body ?date WHERE {
  $OBLIGATIONS
  ?obligation hrg:derivedFrom ?comment .
  ?comment a hrg:GeneralComment .
  OPTIONAL { ?comment hrg:symbol ?symbol }
  OPTIONAL { ?comment hrg:number ?number }
  OPTIONAL { ?comment hrg:issuedBy/skos:notation ?body }
  OPTIONAL { { ?comment dct:date ?date } UNION { ?comment hrg:documentYear ?date } }
}
"""
)
OBLIGATION_SOURCE_DATES = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?sourceDate WHERE {
  $OBLIGATIONS
  ?obligation hrg:derivedFrom ?source .
  { ?source dct:date ?sourceDate } UNION { ?source hrg:documentYear ?sourceDate }
  UNION { ?source dct:isPartOf/dct:date ?sourceDate } UNION { ?source hrg:paragraphOf/dct:date ?sourceDate }
}
"""
)
OBLIGATION_PASSAGES = (
    PREFIXES
    + """
SELECT DISTINCT ?obligation ?passage ?doc ?start ?end WHERE {
  $OBLIGATIONS
  { ?obligation hrg:passage ?passage } UNION { ?obligation hrg:derivedFrom/hrg:passage ?passage }
  ?passage dct:isPartOf ?doc ; hrg:startLine ?start ; hrg:endLine ?end .
}
"""
)
DOCUMENT_DATES = (
    PREFIXES
    + """
SELECT ?doc ?date WHERE { VALUES ?doc { %s } ?doc dct:date ?date }
"""
)
STATE_LABEL = PREFIXES + 'SELECT ?label WHERE { ?state rdfs:label ?label FILTER (lang(?label) = "en") }'


def among(query: str, obligations: str) -> str:
    """``query`` with its ``$OBLIGATIONS`` line replaced by ``obligations``, a ``VALUES
    ?obligation { … }`` block of the State's obligations (:func:`_values`). Joined to the
    query-time relation or bound by a trailing ``VALUES`` instead, oxigraph evaluated the query
    for the obligations of every State first: 4–20 s a query at 100k triples."""
    return query.replace("$OBLIGATIONS", obligations)


def _values(store: Selects, state: NamedNode) -> str:
    """The obligations of ``state`` as a VALUES block: the query-time relation, the State's IRI
    written in (bound by a trailing VALUES, the State was joined last)."""
    rows = store.select(OBLIGATIONS_OF.replace("?state", str(state)))
    return "VALUES ?obligation { " + " ".join(f"<{_v(r, 'obligation')}>" for r in rows) + " }"


# The graph holds no data to answer (exit 3): no treaty-status source for the State.
NoDataError = errors.NoDataError


def _v(row: Row, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _passage(row: Row) -> dict[str, Any] | None:
    if row["passage"] is None:
        return None
    return {
        "passage": _v(row, "passage"),
        "document": _v(row, "doc"),
        "lines": [int(_v(row, "start") or 0), int(_v(row, "end") or 0)],
    }


def _key(value: str | None) -> str:
    return (value or "").rsplit("/", 1)[-1]


def _doc(value: str | None) -> str:
    """A document IRI as its symbol or source key: ``A/HRC/WG.6/34/KAZ/1``, ``kaz-cerd-11-14``."""
    for base in (iri.ID + "doc/", iri.ID + "source/"):
        if value and value.startswith(base):
            return value[len(base) :]
    return value or ""


def _lines(sources: list[dict[str, Any]], most: int = 3) -> str:
    """Where the facts were read: ``pry-compilation lines 189-189, …`` (the first ``most``)."""
    return ", ".join(f"{_doc(p['document'])} lines {p['lines'][0]}-{p['lines'][1]}" for p in sources[:most])


@dataclass
class Answer:
    state: str
    on: date
    state_label: str = ""
    instrument_filter: str | None = None
    article_filter: str | None = None
    instruments: list[dict[str, Any]] = field(default_factory=list)
    obligations: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    other_recommendations: list[dict[str, Any]] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    coverage: Coverage | None = None
    as_of: str | None = None
    sources_dates: dict[str, str] = field(default_factory=dict)

    @property
    def warning(self) -> str | None:
        """Said when the date asked about is later than the sources the answer rests on."""
        if self.as_of and self.on.isoformat() > self.as_of:
            return (
                f"the sources behind this answer end on {self.as_of}; on {self.on.isoformat()} "
                "the State may have joined, left or reserved what they cannot show"
            )
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "date": self.on.isoformat(),
            "as_of": self.as_of,
            "warning": self.warning,
            "coverage": self.coverage.to_json() if self.coverage else None,
            "filter": {"instrument": self.instrument_filter, "article": self.article_filter},
            "instruments": self.instruments,
            "obligations": self.obligations,
            "recommendations": self.recommendations,
            "other_recommendations": self.other_recommendations,
            "undated": self.undated,
            "notes": self.notes,
        }

    def resources(self) -> list[str]:
        """Every IRI the explanation names (for ``--format ttl``)."""
        out = {self.state}
        for item in self.instruments:
            out.update([item["instrument"], item["participation"], *item["basis"]])
            out.update(p["passage"] for p in item["sources"])
            out.update(c["claim"] for c in item["claims"])
        for ob in self.obligations:
            out.update(filter(None, [ob["obligation"], ob["article"], *ob["derived_from"]]))
            out.update(p["passage"] for p in ob["sources"])
        out.update(r["item"] for r in self.recommendations + self.other_recommendations)
        return sorted(out)


def _new_instrument(row: Row, entry: dict[str, Any]) -> dict[str, Any]:
    action = _v(row, "action")
    return entry | {
        "participation": f"{action}/participation" if action else None,
        "basis": [],
        "acts": [],
        "claims": [],
        "sources": [],
        "excluded_articles": [],
    }


def _add_row(item: dict[str, Any], row: Row) -> None:
    action = _v(row, "action")
    if action and action not in item["basis"]:
        item["basis"].append(action)
        kind = (_v(row, "actionType") or "").rsplit("#", 1)[-1] or "ConsentToBeBound"
        item["acts"].append({"action": action, "kind": kind, "law": _v(row, "lawLabel")})
    elif action and (law := _v(row, "lawLabel")):  # an act approved by two laws: the first by label
        act = next(a for a in item["acts"] if a["action"] == action)
        act["law"] = min(filter(None, [act["law"], law]))
    passage = _passage(row)
    if passage and passage not in item["sources"]:
        item["sources"].append(passage)


def _instrument_items(store: Selects, state: NamedNode, on: date, answer: Answer) -> None:
    by_instrument: dict[str, dict[str, Any]] = {}
    best: dict[str, str] = {}  # instrument → the action whose date counts (the earliest)
    for row in store.select(PARTICIPATIONS, {"state": state}):
        since, until, inst = _v(row, "since"), _v(row, "until"), str(_v(row, "instrument"))
        entry = {
            "instrument": inst,
            "key": _v(row, "key"),
            "label": _v(row, "label"),
            "since": since,
            "until": until,
            "date_basis": _v(row, "dateBasis"),
            "precision": _v(row, "precision"),
        }
        if since is None:
            if not any(u["basis"] == [_v(row, "action")] for u in answer.undated):
                why = "no date of the act, its deposit or a dated source"
                answer.undated.append(entry | {"basis": [_v(row, "action")], "reason": why})
            continue
        if date.fromisoformat(since) > on or (until and date.fromisoformat(until) <= on):
            continue
        item = by_instrument.setdefault(inst, _new_instrument(row, entry))
        _add_row(item, row)
        if since <= item["since"]:
            item |= {k: entry[k] for k in ("since", "date_basis", "precision")}
            best[inst] = str(_v(row, "action"))
    for row in store.select(RESERVATIONS, {"state": state}):
        inst = str(_v(row, "instrument"))
        if inst in by_instrument:
            by_instrument[inst]["excluded_articles"].append(_v(row, "article"))
    _add_claims(store, state, by_instrument)
    facts = _act_facts(store, state)
    for inst, item in by_instrument.items():
        # Sorted here, not by the store: the same answer from any store's row order.
        item["sources"].sort(key=lambda p: (p["document"], p["lines"]))
        item["why"] = _why_instrument(item, facts.get(best.get(inst, ""), {}), answer)
    wanted = answer.instrument_filter
    kept = [i for i in by_instrument.values() if not wanted or i["key"] == wanted]
    answer.instruments = sorted(kept, key=lambda i: (i["since"], i["instrument"]))


def _add_claims(store: Selects, state: NamedNode, items: dict[str, dict[str, Any]]) -> None:
    """What reports state about each act, both sides of a contradiction included."""
    by_action = {a: item for item in items.values() for a in item["basis"]}
    for row in store.select(CLAIMS, {"state": state}):
        item = by_action.get(str(_v(row, "action")))
        if item is None:
            continue
        claim: dict[str, Any] = {
            "claim": _v(row, "claim"),
            "kind": _v(row, "kind"),
            "year": _v(row, "year"),
            "stated_in": _v(row, "para"),
            "document": _v(row, "doc"),
            "document_date": _v(row, "docDate"),
            "conflicts_with": [],
        }
        known = next((c for c in item["claims"] if c["claim"] == claim["claim"]), None)
        if known is None:
            item["claims"].append(claim)
            known = claim
        conflict = _v(row, "conflict")
        if conflict and conflict not in known["conflicts_with"]:
            known["conflicts_with"].append(conflict)


def _act_facts(store: Selects, state: NamedNode) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in store.select(ACT_FACTS, {"state": state}):
        facts = out.setdefault(str(_v(row, "action")), {})
        for name in ("deposit", "eifState", "actDate", "actionDate", "year", "delay", "delayMonths",
                     "delayDays", "firstOfMonth", "articleNumber", "note", "treatyEif"):  # fmt: skip
            value = _v(row, name)
            if value is not None:
                facts.setdefault(name, value)
    return out


NUMBERS = {1: "one", 2: "two", 3: "three", 6: "six", 12: "twelve"}
DURATION = re.compile(r"P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<D>\d+)D)?(?:T.*)?$")


def rule_words(delay: str | None, first_of_month: bool) -> str:
    """The entry-into-force rule (an xsd:duration as the store writes it) in words.

    >>> rule_words("P3M", False), rule_words("P30D", False), rule_words("P3M", True)
    ('three months later', '30 days later', 'on the first day of the month after three months')
    >>> rule_words("PT0S", False), rule_words("P1Y", False), rule_words(None, False)
    ('on the day of the deposit', 'twelve months later', '')
    """
    match = DURATION.match(delay or "")
    if not delay or match is None:
        return ""
    months = int(match["Y"] or 0) * 12 + int(match["M"] or 0)
    number, unit = (months, "month") if months else (int(match["D"] or 0), "day")
    if number == 0:
        return "on the day of the deposit"
    span = f"{NUMBERS.get(number, str(number))} {unit}{'s' if number > 1 else ''}"
    return f"on the first day of the month after {span}" if first_of_month else f"{span} later"


def _rule_phrase(facts: dict[str, str]) -> str:
    # The delay's integers where the graph has them (a store that keeps no xsd:duration, as
    # Virtuoso, still has these; it writes true as 1: docs/portability.md), else its lexical form.
    parts = "".join(f"{facts[k]}{u}" for k, u in (("delayMonths", "M"), ("delayDays", "D")) if k in facts)
    first_of_month = facts.get("firstOfMonth") in ("true", "1")  # xsd:boolean's two lexical forms
    words = rule_words(f"P{parts}" if parts else facts.get("delay"), first_of_month)
    article = f" (art. {facts['articleNumber']})" if facts.get("articleNumber") else ""
    return f", in force {words}{article}" if words else ""


def _why_basis(item: dict[str, Any], facts: dict[str, str]) -> str:
    kind = (item["acts"][0]["kind"] if item["acts"] else "consent").lower()
    basis = item["date_basis"] or ""
    law = next((a["law"] for a in item["acts"] if a["law"]), None)
    if basis.startswith("entry-into-force-for-state"):
        return f"in force for the State on {facts.get('eifState')} (the depositary's record)"
    if basis.startswith("deposit-date"):
        approved = f" (approved by {law})" if law else ""
        rule = _rule_phrase(facts) if "+delay" in basis else ""
        return f"{kind}{approved} deposited {facts.get('deposit')}{rule}"
    if basis.startswith("domestic-act-date"):
        return (f"{kind} approved by {law or 'a domestic act'} ({facts.get('actDate')}); the graph holds "
                "no deposit date, so the approval's date is used (the deposit may be later)")  # fmt: skip
    if basis.startswith("action-date"):
        return f"{kind} of {facts.get('actionDate')}" + (_rule_phrase(facts) if "+delay" in basis else "")
    if basis.startswith("year-only"):
        rule = _rule_phrase(facts) if "+delay" in basis else ""
        return (f"{kind} in {facts.get('year')}, a year only: counted from the end of that year{rule}, "
                "the latest day the evidence allows")  # fmt: skip
    dated = sorted((c["document_date"] or "", _doc(c["document"])) for c in item["claims"])
    said = f"stated in {dated[0][1]} ({dated[0][0]})" if dated else "stated in a source"
    return (
        f"{said} without a date of the act: counted from that source's date, "
        "the latest day the evidence allows"
    )


def _why_instrument(item: dict[str, Any], facts: dict[str, str], answer: Answer) -> str:
    state = _key(answer.state)
    text = f"{item['key'] or _key(item['instrument'])} binds {state} since {item['since']}: "
    text += _why_basis(item, facts)
    if "+treaty-entry-into-force" in (item["date_basis"] or ""):
        text += f"; the treaty itself entered into force on {facts.get('treatyEif')}"
    basis = item["date_basis"] or ""
    if facts.get("note") and "+delay" not in basis and basis.startswith(("deposit", "action", "year")):
        text += f" (entry-into-force rule: {facts['note']})"
    years = sorted({c["year"] for c in item["claims"] if c["year"]})
    if len(years) > 1:
        text += f"; the sources disagree on the year ({' vs '.join(years)}): both claims are listed"
    where = _lines(item["sources"])
    if where:
        text += f"; read at {where}"
    if item["excluded_articles"]:
        text += f"; reservations exclude {len(item['excluded_articles'])} article(s)"
    return text


def _new_item(ob: str) -> dict[str, Any]:
    return {"obligation": ob, "label": None, "types": [], "article": None, "article_label": None,
            "instrument": None, "derived_from": [], "general_comment": None, "item": None,
            "heading": None, "sources": [], "other_articles": []}  # fmt: skip


FACT_KEYS = {"#obligationType": "types", "#derivedFrom": "derived_from"}
SCALAR_KEYS = {"#text": "label", "#itemLetter": "item", "#underHeading": "heading"}


def _add_facts(store: Selects, values: str, items: dict[str, dict[str, Any]]) -> None:
    for row in store.select(among(OBLIGATION_FACTS, values)):
        ob, prop, value = str(_v(row, "obligation")), str(_v(row, "p")), str(_v(row, "value"))
        entry = items.setdefault(ob, _new_item(ob))
        suffix = "#" + prop.rsplit("#", 1)[-1]
        if suffix in SCALAR_KEYS:
            entry[SCALAR_KEYS[suffix]] = entry[SCALAR_KEYS[suffix]] or value
        elif value not in entry[FACT_KEYS[suffix]]:
            entry[FACT_KEYS[suffix]].append(value)


def _add_articles(
    store: Selects, values: str, items: dict[str, dict[str, Any]], applicable: set[str]
) -> set[str]:
    """Attach the articles of binding instruments; returns obligations that concern others."""
    inapplicable = set()
    for row in sorted(store.select(among(OBLIGATION_ARTICLES, values)), key=lambda r: str(_v(r, "article"))):
        ob, article, inst = str(_v(row, "obligation")), _v(row, "article"), _v(row, "instrument")
        entry = items.setdefault(ob, _new_item(ob))
        if inst not in applicable:
            inapplicable.add(ob)
        elif entry["article"] is None:
            entry["article"], entry["instrument"] = article, inst
            entry["article_label"] = _v(row, "articleLabel")
        elif article != entry["article"]:
            entry["other_articles"].append(article)
    return inapplicable


def _add_comments(store: Selects, values: str, items: dict[str, dict[str, Any]]) -> None:
    for row in store.select(among(OBLIGATION_COMMENTS, values)):
        entry = items.get(str(_v(row, "obligation")))
        if entry is not None and entry["general_comment"] is None:
            entry["general_comment"] = {
                "comment": _v(row, "comment"),
                "body": _v(row, "body"),
                "number": _v(row, "number"),
                "symbol": _v(row, "symbol"),
                "date": _v(row, "date"),
                "item": entry["item"],
            }


def _matches(entry: dict[str, Any], answer: Answer) -> bool:
    """The --instrument and --article filters (keys: ``ICESCR``, ``ICESCR/12``)."""
    if answer.instrument_filter and _key(entry["instrument"]) != answer.instrument_filter:
        return False
    if answer.article_filter:
        wanted = iri.article(*answer.article_filter.split("/", 1))
        if wanted != entry["article"] and wanted in entry["other_articles"]:  # show the one asked about
            entry["other_articles"] = [entry["article"], *(a for a in entry["other_articles"] if a != wanted)]
            entry["article"], entry["article_label"] = wanted, None
        return bool(wanted == entry["article"])
    return True


def _concerns(rec: dict[str, Any], answer: Answer) -> bool:
    """A recommendation under the --instrument and --article filters: one that concerns them."""
    if answer.article_filter:
        return iri.article(*answer.article_filter.split("/", 1)) in rec["articles"]
    if answer.instrument_filter:
        return any(a.startswith(iri.instrument(answer.instrument_filter) + "/") for a in rec["articles"])
    return True


def _obligation_items(store: Selects, state: NamedNode, on: date, answer: Answer) -> None:
    bind = {"state": state}
    values = _values(store, state)
    items: dict[str, dict[str, Any]] = {}
    _add_facts(store, values, items)
    _add_articles(store, values, items, {i["instrument"] for i in answer.instruments})
    _add_comments(store, values, items)
    excluded = {str(_v(row, "obligation")) for row in store.select(FROM_RECOMMENDATIONS, bind)}
    future = {  # stated in a document dated after the date asked about (a year: from its end)
        str(_v(row, "obligation"))
        for row in store.select(among(OBLIGATION_SOURCE_DATES, values))
        if end_of(str(_v(row, "sourceDate"))) > on.isoformat()
    }
    for row in store.select(among(OBLIGATION_PASSAGES, values)):
        passage = _passage(row)
        entry = items.get(str(_v(row, "obligation")))
        if entry is not None and passage and passage not in entry["sources"]:
            entry["sources"].append(passage)
    kept = [
        e for ob, e in items.items()
        if ob not in future and ob not in excluded and e["instrument"] is not None and _matches(e, answer)
    ]  # fmt: skip
    for entry in kept:
        entry["sources"].sort(key=lambda p: (p["document"], p["lines"]))
        entry["types"].sort()
        entry["derived_from"].sort()
        entry["why"] = _why_obligation(entry, answer)
    answer.obligations = sorted(
        kept, key=lambda o: (o["instrument"] or "", o["article"] or "", o["obligation"])
    )


def _why_obligation(item: dict[str, Any], answer: Answer) -> str:
    inst = next((i for i in answer.instruments if i["instrument"] == item["instrument"]), None)
    article = item["article_label"] or f"{_key(item['instrument'])} art. {_key(item['article'])}"
    parts = [f"{_key(answer.state)} is bound by {article}" + (f" since {inst['since']}" if inst else "")]
    gc = item["general_comment"]
    if gc:
        where = ", ".join(filter(None, [gc["symbol"], f"item {gc['item']}" if gc["item"] else None]))
        name = " ".join(filter(None, ["general comment", gc["body"], gc["number"]]))
        parts.append(f"{name}{f' ({where})' if where else ''} says the article requires it")
    if item["sources"]:
        parts.append("read at " + _lines(item["sources"]))
    return "; ".join(parts)


def _recommendation_items(store: Selects, state: NamedNode, answer: Answer) -> None:
    found = addressed(store, state, answer.on)
    answer.recommendations = [r for r in found.mechanism if _concerns(r, answer)]
    answer.other_recommendations = [r for r in found.other if _concerns(r, answer)]
    answer.undated.extend(found.undated)
    if found.undated:
        answer.notes.append(
            f"{len(found.undated)} recommendation(s) or order(s) addressed to {_key(answer.state)} are "
            "left out: the graph holds no date for them or for the document that made them "
            "(listed under 'undated')"
        )
    if found.later:
        answer.notes.append(f"{found.later} recommendation(s) or order(s) were made after {answer.on}")


def _as_of(store: Selects, answer: Answer) -> str | None:
    docs = {p["document"] for i in answer.instruments for p in i["sources"]}
    docs |= {p["document"] for o in answer.obligations for p in o["sources"]}
    docs |= {s["document"] for s in (answer.coverage.sources if answer.coverage else [])}
    docs |= {r["document"] for r in answer.recommendations + answer.other_recommendations if r["document"]}
    named = [d for d in docs if d and d.startswith("http")]
    if not named:
        return None
    rows = store.select(DOCUMENT_DATES % " ".join(f"<{d}>" for d in sorted(named)))
    dates = [str(_v(r, "date")) for r in rows]
    dates += [r["date"] for r in answer.recommendations + answer.other_recommendations if r["date"]]
    return as_of(dates)


def _notes(answer: Answer) -> None:
    for item in answer.undated:
        if "instrument" in item:
            answer.notes.append(
                f"{item['key'] or _key(item['instrument'])}: a consent to be bound with {item['reason']}; "
                "not counted on any date"
            )
    for item in answer.instruments:
        if item["precision"] in ("year", "report"):
            answer.notes.append(f"{item['key']}: {item['why'].split(': ', 1)[1].split(';')[0]}")


def obligations(
    store: Selects,
    state: str,
    on: date | None = None,
    instrument: str | None = None,
    article: str | None = None,
) -> Answer:
    """The instruments, obligations and recommendations of ``state`` (code or name) on ``on``.

    ``instrument`` (a key, ``ICESCR``) and ``article`` (``ICESCR/12``) narrow the obligations.
    Raises :class:`NoDataError` when the graph holds no treaty-status source for the State.
    """
    code = resolve_state(state)
    node = NamedNode(iri.state(code))
    for key in filter(None, [instrument, article.split("/", 1)[0] if article else None]):
        if key not in reference_instruments():
            raise UsageError(f"unknown instrument {key!r}: expected a key of instruments.csv, e.g. ICESCR")
    answer = Answer(state=node.value, on=on or date.today())
    answer.instrument_filter = instrument or (article.split("/", 1)[0] if article else None)
    answer.article_filter = article
    labels = store.select(STATE_LABEL, {"state": node})
    answer.state_label = str(_v(labels[0], "label")) if labels else code
    answer.coverage = coverage(store, node)
    if not answer.coverage.covered:
        raise NoDataError(answer.coverage.message(f"{answer.state_label} ({code})"))
    _instrument_items(store, node, answer.on, answer)
    _obligation_items(store, node, answer.on, answer)
    _recommendation_items(store, node, answer)
    _notes(answer)
    answer.as_of = _as_of(store, answer)
    return answer


def explanation_triples(store: Selects, answer: Answer) -> bytes:
    """The explanation as Turtle: every triple about the resources the answer names."""
    import io

    from pyoxigraph import RdfFormat, Triple, serialize

    values = " ".join(f"<{r}>" for r in answer.resources())
    query = f"SELECT DISTINCT ?x ?p ?o WHERE {{ VALUES ?x {{ {values} }} ?x ?p ?o }}"
    triples = sorted((Triple(row["x"], row["p"], row["o"]) for row in store.select(query)), key=str)
    out = io.BytesIO()
    from hrgraph.namespace import PREFIXES as NS

    serialize(triples, out, RdfFormat.TURTLE, prefixes=dict(NS))
    return out.getvalue()
