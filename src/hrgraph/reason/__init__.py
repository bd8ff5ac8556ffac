"""Reasoning: the rules of ``ontology/rules/`` run on the store to a fixpoint.

Each rule is a SPARQL ``CONSTRUCT`` over the union of the named graphs; what it constructs
goes into the ``inferred`` graph. The OWL 2 RL rules hrgraph needs (``owl-rl/``) and the
domain rules (``domain/``: party status, signature, articles binding a party, obligations)
run together until no rule adds anything. :mod:`hrgraph.reason.owlrl_check` computes the
reference OWL RL closure with owlrl, to test the fast path against.

The evaluation is incremental (:mod:`hrgraph.reason.rules` says what each rule reads and writes):

- a rule runs again only if triples it reads were added since it last ran;
- a *linear* rule (one data pattern, like ``prp-dom``), after its first run, is evaluated on
  the triples added since then, plus the schema, in a scratch store (semi-naive evaluation);
- schema rules run first, then linear ones, then the others in dependency order, so that a
  domain rule sees the OWL RL closure of its input and usually runs once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QueryTriples, Store

from hrgraph import iri
from hrgraph.namespace import RDF, RDFS, hrg
from hrgraph.reason.rules import (
    ANY,
    ANY_TYPE,
    RDF_TYPE,
    RULE_BASE,
    RULES_DIR,
    SCHEMA_PREDICATES,
    Rule,
    load_rules,
    order,
    triple_key,
)
from hrgraph.store import GraphStore

INFERRED = iri.INFERRED_GRAPH
#: A rule rerun this many times means the rules do not reach a fixpoint.
MAX_RUNS_PER_RULE = 50

__all__ = ["RULES_DIR", "RULE_BASE", "Rule", "load_rules", "reason", "run_rules"]


def _describe(rules: list[Rule]) -> list[Quad]:
    g = NamedNode(INFERRED)
    quads = []
    for rule in rules:
        node = NamedNode(rule.iri)
        quads += [
            Quad(node, RDF.type, hrg("InferenceRule"), g),
            Quad(node, RDFS.label, Literal(rule.title, language="en"), g),
            Quad(node, RDFS.comment, Literal(rule.sparql), g),
        ]
    return quads


@dataclass
class _Agenda:
    """What one rule has still to see: keys of triples added since its last run (and, for a
    linear rule, those triples)."""

    rule: Rule
    ran: bool = False
    keys: set[str] = field(default_factory=set)
    #: For a linear rule: the position in the :class:`_Log` of the first triples added since its
    #: last run (what it has still to see is the log from there, restricted to the keys it reads).
    since: int = 0
    #: For a rule whose data pattern the schema binds: the IRIs of the schema triples it reads.
    vocabulary: frozenset[str] | None = None

    def reads(self, key: str) -> bool:
        reads, bound = self.rule.reads, self.rule.analysis.schema_bound
        if key in reads:
            return True
        if key.startswith("type "):
            if bound == "class":
                return key[5:] in (self.vocabulary or ())
            if bound == "predicate":
                return RDF_TYPE in (self.vocabulary or ())
            return ANY_TYPE in reads or ANY in reads
        if bound == "predicate":
            return key in (self.vocabulary or ())
        return ANY in reads

    def learn_schema(self, store: GraphStore) -> None:
        if self.rule.analysis.schema_bound is None:
            return
        vocabulary: set[str] = set()
        for predicate in self.rule.reads & SCHEMA_PREDICATES:
            for q in store.store.quads_for_pattern(None, NamedNode(predicate), None, None):
                vocabulary.update(t.value for t in (q.subject, q.object) if isinstance(t, NamedNode))
        self.vocabulary = frozenset(vocabulary)

    @property
    def due(self) -> bool:
        return not self.ran or bool(self.keys)

    @property
    def incremental(self) -> bool:
        return self.rule.linear and self.ran and not (self.keys & SCHEMA_PREDICATES)


def _next(agendas: list[_Agenda]) -> _Agenda | None:
    """The next rule to run: schema rules first, then linear rules, then the others."""
    for kind in (lambda r: r.schema, lambda r: r.linear, lambda r: True):
        for agenda in agendas:
            if agenda.due and kind(agenda.rule):
                return agenda
    return None


def _schema(store: GraphStore) -> Iterable[Quad]:
    for predicate in SCHEMA_PREDICATES:
        yield from store.store.quads_for_pattern(None, NamedNode(predicate), None, None)


class _Inferred:
    """The inferred graph being filled: adds what is new, says whether a key is ever asserted."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.graph = NamedNode(INFERRED)
        self.asserted: list[NamedNode | DefaultGraph] = [
            NamedNode(g) for g in store.graphs() if g != INFERRED
        ]
        self.asserted.append(DefaultGraph())
        self._keys_asserted: dict[str, bool] = {}
        self._predicate_keys: dict[NamedNode, str] = {}

    def key_asserted(self, key: str, predicate: NamedNode, obj: object) -> bool:
        """Whether any asserted graph has a triple with ``key`` (one look-up per graph, cached)."""
        known = self._keys_asserted.get(key)
        if known is None:
            o = obj if key.startswith("type ") else None
            known = any(
                any(True for _ in self.store.store.quads_for_pattern(None, predicate, o, g))  # type: ignore[arg-type]
                for g in self.asserted
            )
            self._keys_asserted[key] = known
        return known

    def _key(self, predicate: NamedNode, obj: object) -> str:
        if predicate == RDF.type:
            return triple_key(RDF_TYPE, obj.value if isinstance(obj, NamedNode) else None)
        key = self._predicate_keys.get(predicate)
        if key is None:
            key = self._predicate_keys[predicate] = predicate.value
        return key

    def add(self, triples: QueryTriples) -> dict[str, list[Quad]]:
        """Add the triples no graph of the store holds; returns the added quads by key.

        The results are deduplicated as a set first (a rule's UNION branches often give the same
        triple twice), and a key's triples are looked up in the asserted graphs only if some
        asserted graph has that key at all (:meth:`key_asserted`).
        """
        target = self.store.store
        graph, contains, lookup = self.graph, target.__contains__, target.quads_for_pattern
        by_key: dict[str, list[Quad]] = {}
        for t in set(triples):
            quad = Quad(t.subject, t.predicate, t.object, graph)
            if contains(quad):
                continue
            predicate, obj = t.predicate, t.object
            key = self._key(predicate, obj)
            if self.key_asserted(key, predicate, obj) and any(
                True for _ in lookup(t.subject, predicate, obj, None)
            ):
                continue  # asserted in another graph
            by_key.setdefault(key, []).append(quad)
        for quads in by_key.values():
            target.extend(quads)
        return by_key


class _Log:
    """The triples added to the inferred graph, in the order they were added, by key: what a
    linear rule has still to see is the log from the position of its last run (each triple is in
    it once, so the scratch store of a batch needs no deduplication)."""

    def __init__(self) -> None:
        self.chunks: list[tuple[str, list[Quad]]] = []

    def __len__(self) -> int:
        return len(self.chunks)

    def append(self, new: dict[str, list[Quad]]) -> None:
        self.chunks.extend(new.items())

    def since(self, position: int, reads: Callable[[str], bool]) -> Iterator[Quad]:
        for key, quads in self.chunks[position:]:
            if reads(key):
                yield from quads


def _scratch(store: GraphStore, quads: Iterable[Quad]) -> Store:
    """A scratch store holding ``quads`` and the store's schema, queried as one union graph."""
    scratch = Store()
    scratch.extend(quads)
    scratch.extend(_schema(store))
    return scratch


def _tell(agendas: list[_Agenda], new: dict[str, list[Quad]]) -> None:
    """Put the keys of the new triples on the agenda of every rule that reads them."""
    for agenda in agendas:
        agenda.keys.update(key for key in new if agenda.reads(key))


def _reads_any(batch: list[_Agenda]) -> Callable[[str], bool]:
    readers = [a.reads for a in batch]
    return lambda key: any(reads(key) for reads in readers)


def run_rules(store: GraphStore, rules: list[Rule]) -> dict[str, Any]:
    """Run ``rules`` to a fixpoint; returns per-rule counts of new triples, runs and seconds.

    Linear rules due on new triples run together on one scratch store holding the union of
    what each has still to see (a superset is harmless: the rules are monotonic).
    """
    agendas = [_Agenda(rule) for rule in order(rules)]
    inferred = _Inferred(store)
    added = {r.name: 0 for r in rules}
    spent = {r.name: 0.0 for r in rules}
    runs = {r.name: 0 for r in rules}
    started = time.perf_counter()
    for agenda in agendas:
        agenda.learn_schema(store)
    log = _Log()
    while (due := _next(agendas)) is not None:
        if due.incremental:
            batch = [a for a in agendas if a.due and a.incremental]
            start, built = min(a.since for a in batch), len(log)
            scratch: Store | None = _scratch(store, log.since(start, _reads_any(batch)))
        else:
            batch, scratch, built = [due], None, len(log)
        for current in batch:
            rule = current.rule
            if runs[rule.name] >= MAX_RUNS_PER_RULE:
                raise RuntimeError(f"rule {rule.name} ran {MAX_RUNS_PER_RULE} times without a fixpoint")
            rule_started = time.perf_counter()
            result = (
                store.query(rule.sparql)
                if scratch is None
                else scratch.query(rule.sparql, use_default_graph_as_union=True)
            )
            assert isinstance(result, QueryTriples)
            current.ran = True
            if scratch is None:  # it saw the whole store, as it is now
                current.keys, current.since = set(), len(log)
            else:  # it saw the scratch store: not what its batch added before its turn
                current.since = built
                current.keys = {k for k, _ in log.chunks[built:] if current.reads(k)}
            new = inferred.add(result)
            log.append(new)
            if SCHEMA_PREDICATES & new.keys():
                for other in agendas:
                    other.learn_schema(store)
            _tell(agendas, new)
            runs[rule.name] += 1
            added[rule.name] += sum(len(v) for v in new.values())
            spent[rule.name] += time.perf_counter() - rule_started
    return {
        "runs": sum(runs.values()),
        "rule_runs": runs,
        "added": added,
        "rule_seconds": {k: round(v, 3) for k, v in spent.items()},
        "seconds": round(time.perf_counter() - started, 3),
    }


def reason(store: GraphStore, groups: tuple[str, ...] = ("owl-rl", "domain")) -> dict[str, Any]:
    """Clear the inferred graph, run the rules, describe them; returns the figures."""
    graph = NamedNode(INFERRED)
    if INFERRED in store.graphs():
        store.store.remove_graph(graph)
    rules = load_rules(groups=groups)
    stats = run_rules(store, rules)
    store.add_quads(_describe(rules))
    stats["triples"] = store.graph_size(INFERRED)
    return stats
