"""The catalogue queries written for the planner (evaluated from their parameters outwards, see
the comments in each file) answer what their descriptions define.

Each oracle is the description computed in Python over the store's quads (index look-ups, no
SPARQL), or hand-written data whose answer is known; the queries run as every client runs them
(:func:`tests.helpers.catalogue_rows`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pyoxigraph import Literal, NamedNode

from hrgraph.store import GraphStore
from tests.helpers import catalogue_rows

ID = "https://w3id.org/hrgraph/id/"
HRG = "https://w3id.org/hrgraph/ontology#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SUBCLASS = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
IS_PART_OF = NamedNode("http://purl.org/dc/terms/isPartOf")


def hrg(name: str) -> NamedNode:
    return NamedNode(HRG + name)


class Quads:
    """Look-ups over the union of a store's graphs, as the catalogue sees it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store.store

    def objects(self, s: NamedNode, p: NamedNode) -> set[NamedNode | Literal]:
        found = (q.object for q in self.store.quads_for_pattern(s, p, None, None))
        return {o for o in found if isinstance(o, NamedNode | Literal)}

    def subjects(self, p: NamedNode, o: NamedNode) -> set[NamedNode]:
        found = (q.subject for q in self.store.quads_for_pattern(None, p, o, None))
        return {s for s in found if isinstance(s, NamedNode)}

    def typed(self, s: NamedNode | Literal, cls: NamedNode) -> bool:
        return (
            isinstance(s, NamedNode)
            and next(self.store.quads_for_pattern(s, RDF_TYPE, cls, None), None) is not None
        )

    def has(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> bool:
        return next(self.store.quads_for_pattern(s, p, o, None), None) is not None


def nodes(terms: set[NamedNode | Literal]) -> Iterator[NamedNode]:
    return (t for t in terms if isinstance(t, NamedNode))


def participations_on(q: Quads, state: NamedNode, on: date) -> Iterator[tuple[NamedNode, Literal, NamedNode]]:
    """(instrument, since, participation) of ``state``'s participations begun on or before
    ``on`` and not ended by then."""
    for part in q.subjects(hrg("state"), state):
        if not q.typed(part, hrg("Participation")):
            continue
        if any(date.fromisoformat(u.value) <= on for u in q.objects(part, hrg("until"))):
            continue
        for since in q.objects(part, hrg("since")):
            if isinstance(since, Literal) and date.fromisoformat(since.value) <= on:
                for instrument in nodes(q.objects(part, hrg("instrument"))):
                    yield instrument, since, part


def treaty_obligations(q: Quads, state: NamedNode, article: NamedNode) -> Iterator[NamedNode]:
    """The obligations concerning ``article`` or one of its paragraphs, typed hrg:Obligation,
    neither derived from a recommendation nor addressed to anyone, that concern or derive from
    an article ``state`` is hrg:boundBy."""
    concerning = set(q.subjects(hrg("concernsArticle"), article))
    for paragraph in q.subjects(hrg("paragraphOf"), article):
        concerning |= q.subjects(hrg("concernsArticle"), paragraph)
    for obligation in concerning:
        if not q.typed(obligation, hrg("Obligation")) or q.objects(obligation, hrg("addressedTo")):
            continue
        sources = q.objects(obligation, hrg("derivedFrom"))
        if any(q.typed(src, hrg("Recommendation")) for src in sources):
            continue
        concerned = q.objects(obligation, hrg("concernsArticle"))
        linked = concerned | sources
        for node in nodes(concerned):
            linked |= q.objects(node, hrg("paragraphOf"))
        if any(q.has(state, hrg("boundBy"), b) for b in nodes(linked)):
            yield obligation


def obligations_on_date_by_definition(store: GraphStore, state: str, on: date) -> set[tuple[str, ...]]:
    """The query's description, step by step (:func:`participations_on`, the articles of their
    instruments, :func:`treaty_obligations`)."""
    q, s = Quads(store), NamedNode(ID + "state/" + state)
    out: set[tuple[str, ...]] = set()
    for instrument, since, part in participations_on(q, s, on):
        for article in q.subjects(hrg("articleOf"), instrument):
            for obligation in treaty_obligations(q, s, article):
                for action in q.objects(part, hrg("basis")):
                    for basis in q.objects(part, hrg("dateBasis")):
                        row = (obligation, article, instrument, since, action, basis)
                        out.add(tuple(t.value for t in row))
    return out


@pytest.mark.parametrize(
    ("state", "on"), [("PRY", "2009-01-01"), ("PRY", "1990-06-01"), ("KAZ", "2020-01-01")]
)
def test_obligations_on_date_as_defined(store: GraphStore, state: str, on: str) -> None:
    """If obligations-on-date is asked for a State and a date, then its rows (obligation,
    article, instrument, since, action, date basis) are those of its definition, computed in
    Python from the build's quads (oracle), and there are some."""
    expected = obligations_on_date_by_definition(store, state, date.fromisoformat(on))
    got = {
        (r["obligation"], r["article"], r["instrument"], r["since"], r["action"], r["dateBasis"])
        for r in catalogue_rows(store, "obligations-on-date", state=state, date=on)
    }
    assert expected, f"{state} {on}: the definition gives no obligation on the seed build"
    assert got == expected


SOURCE_DOCUMENTS = """
@prefix hrg: <https://w3id.org/hrgraph/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix x: <urn:test:> .
x:a a hrg:SourceDocument ; dct:identifier "a" ; hrg:sha256 "aa" .
x:b a hrg:SourceDocument ; dct:identifier "b" .
x:a1 a hrg:Passage ; dct:isPartOf x:a .
x:a2 a hrg:Passage ; dct:isPartOf x:a .
x:a3 a hrg:Paragraph ; dct:isPartOf x:a .
"""


def test_source_documents_counts_each_documents_passages() -> None:
    """If a document has two passages (one stated in two graphs) and a part that is not a
    passage, and another document has none, then source-documents counts 2 and 0 (hand-written
    data is the oracle)."""
    store = GraphStore()
    store.load_bytes(SOURCE_DOCUMENTS.encode(), "ttl", graph="urn:test:g1")
    store.load_bytes(
        b"<urn:test:a1> a <https://w3id.org/hrgraph/ontology#Passage> .", "ttl", graph="urn:test:g2"
    )
    answer = {r["key"]: r for r in catalogue_rows(store, "source-documents")}
    assert {k: r["passages"] for k, r in answer.items()} == {"a": "2", "b": "0"}
    assert (answer["a"]["sha256"], answer["b"]["sha256"]) == ("aa", "")


def test_source_documents_passages_as_counted_in_python(store: GraphStore) -> None:
    """If source-documents runs on the build, then each document's passages are the distinct
    hrg:Passage resources dct:isPartOf it, counted from the quads (oracle)."""
    q = Quads(store)
    answer = catalogue_rows(store, "source-documents")
    assert answer
    for row in answer:
        parts = q.subjects(IS_PART_OF, NamedNode(row["document"]))
        assert int(row["passages"]) == sum(q.typed(p, hrg("Passage")) for p in parts), row["key"]


def most_specific_kinds(store: GraphStore, state: str, theme: str) -> set[tuple[str, str]]:
    """(recommendation, kind) with kind the recommendation's class under hrg:Recommendation
    (rdfs:subClassOf*) that none of its other classes is a subclass of."""
    q = Quads(store)

    def under_recommendation(cls: NamedNode, seen: frozenset[NamedNode] = frozenset()) -> bool:
        if cls == hrg("Recommendation"):
            return True
        return any(
            under_recommendation(c, seen | {cls}) for c in nodes(q.objects(cls, SUBCLASS)) if c not in seen
        )

    out = set()
    for rec in q.subjects(hrg("theme"), NamedNode(ID + "concept/theme/" + theme)):
        if not q.has(rec, hrg("addressedTo"), NamedNode(ID + "state/" + state)):
            continue
        types = set(nodes(q.objects(rec, RDF_TYPE)))
        for kind in types:
            narrower = {t for t in types if t != kind and q.has(t, SUBCLASS, kind)}
            if under_recommendation(kind) and not narrower:
                out.add((rec.value, kind.value))
    return out


def test_recommendations_on_theme_kind_is_the_most_specific(store: GraphStore) -> None:
    """If recommendations-on-theme runs with its defaults (PRY, indigenous peoples), then each
    recommendation comes with its most specific recommendation class only, as computed from the
    quads (oracle)."""
    expected = most_specific_kinds(store, "PRY", "indigenous-peoples")
    got = {(r["recommendation"], r["kind"]) for r in catalogue_rows(store, "recommendations-on-theme")}
    assert expected and got == expected
