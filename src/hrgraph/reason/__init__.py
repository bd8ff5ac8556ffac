"""Reasoning: the rules of ``ontology/rules/`` run on the store to a fixpoint.

Each rule is a SPARQL ``CONSTRUCT`` over the union of the named graphs; what it constructs
goes into the ``inferred`` graph. The OWL 2 RL rules hrgraph needs (``owl-rl/``) and the
domain rules (``domain/``: party status, signature, articles binding a party, obligations)
run together until no rule adds anything. :mod:`hrgraph.reason.owlrl_check` computes the
reference OWL RL closure with owlrl, to test the fast path against.

The evaluation is incremental (:mod:`hrgraph.reason.rules` says what each rule reads and writes):

- a rule runs again only if triples it reads were added since it last ran;
- schema rules run first; then the *linear* rules (one data pattern, like ``prp-dom``) are
  compiled against the schema (:mod:`hrgraph.reason.compiled`): what they derive from every
  triple of the store is added in one pass, and again from each batch of triples another rule
  adds, through their closed templates (at 1M triples: 6 passes where the rules themselves took
  25 runs and 584k quads copied into 12 scratch stores);
- a linear rule that cannot be compiled, after its first run, is evaluated on the triples added
  since then, plus the schema, in a scratch store (semi-naive evaluation);
- the others run in dependency order, so that a domain rule sees the OWL RL closure of its input
  and usually runs once.

The rules of ``query-time/`` are not run: what they would add is a join the queries make
themselves (``hrg:obligationOf`` of every State bound by an article: 441k of 1.05M inferred
triples at 1M asserted ones), and :func:`materialise` adds it to the inferred graph for an export
that wants it (``hrgraph export --materialise``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QueryTriples, Store, Triple

from hrgraph import iri
from hrgraph.namespace import RDF, RDFS, hrg
from hrgraph.reason.compiled import TYPE, Compiled, Derived, compile_rules
from hrgraph.reason.incremental import (
    Conclusions,
    all_reads,
    compare,
    count_keys,
    made_of_parts,
    quad_keys,
    sensitive_reads,
)
from hrgraph.reason.rules import (
    RULE_BASE,
    RULES_DIR,
    SCHEMA_PREDICATES,
    Rule,
    load_rules,
    next_due,
    order,
    triple_key,
    type_key,
)
from hrgraph.store import GraphStore, with_rows

INFERRED = iri.INFERRED_GRAPH
#: A rule rerun this many times means the rules do not reach a fixpoint.
MAX_RUNS_PER_RULE = 50

#: Rules the reasoner does not run: their relation is answered at query time (a cross-product
#: such as States × obligations), and :func:`materialise` adds it on demand.
QUERY_TIME = ("query-time",)

__all__ = [
    "QUERY_TIME",
    "RULES_DIR",
    "RULE_BASE",
    "Rule",
    "load_rules",
    "materialise",
    "reason",
    "reason_more",
    "run_rules",
]


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


#: A rule that ran is rerun on the whole store, not restricted to what it was told
#: (:func:`_focused`), once it was told more than this many triples, or its restriction would
#: take more than ``FOCUS_TERMS`` terms, or more than ``FOCUS_OBJECTS`` for a variable some
#: pattern has as its object; ``VALUES`` rows go ``FOCUS_CHUNK`` to a query. Measured at 1M
#: triples (full runs 1.7 and 1.8 s): ``obligation-from-recommendation`` took 15 ms for 1,000
#: recommendations in one query and 5.3 s for 2,000 (Oxigraph then evaluates the whole pattern
#: and joins it); restricted to the ?s a recommendation is addressed to (an object: found
#: back through the paths), 0.14 s for 7 States, 1.7 s for 10, 29 s for 200;
#: ``bound-by-article`` 4.5 ms for 10 articles, 1.0 s for 100 States (74k triples).
FOCUS_LIMIT = 20_000
FOCUS_TERMS = 2_000
FOCUS_OBJECTS = 8
FOCUS_CHUNK = 500


@dataclass
class _Agenda:
    """What one rule has still to see: keys of triples added since its last run, and those
    triples (for a rule that is not linear, up to :data:`FOCUS_LIMIT` of them)."""

    rule: Rule
    ran: bool = False
    keys: set[str] = field(default_factory=set)
    triples: list[Quad] = field(default_factory=list)
    #: For a rule whose data pattern the schema binds: the IRIs of the schema triples it reads.
    vocabulary: frozenset[str] | None = None

    def reads(self, key: str) -> bool:
        return self.rule.may_read(key, self.vocabulary)

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

    def add(self, triples: Iterable[Triple]) -> dict[str, list[Quad]]:
        """Add the triples no graph of the store holds; returns the added quads by key."""
        target = self.store.store
        fresh: set[Quad] = set()
        by_key: dict[str, list[Quad]] = {}
        for t in triples:
            quad = Quad(t.subject, t.predicate, t.object, self.graph)
            if quad in fresh or quad in target:
                continue
            predicate, obj = t.predicate, t.object
            key = triple_key(predicate.value, obj.value if isinstance(obj, NamedNode) else None)
            if self.key_asserted(key, predicate, obj) and any(
                True for _ in target.quads_for_pattern(t.subject, predicate, obj, None)
            ):
                continue  # asserted in another graph
            fresh.add(quad)
            by_key.setdefault(key, []).append(quad)
        target.extend(fresh)
        return by_key

    def add_derived(self, derived: Derived) -> dict[str, list[Quad]]:
        """Add what the compiled rules derived that no graph holds; returns it by key.

        Types by resource: one look-up of a resource's types (in every graph) answers all the
        classes derived for it (at 1M triples, 278k distinct candidate types of 162k resources,
        131k of them new); the other triples one by one (:meth:`add`)."""
        target = self.store.store
        by_key = self.add(derived.others)
        graph = self.graph
        new: list[Quad] = []
        for node, classes in derived.types.values():
            known = {
                q.object.value
                for q in target.quads_for_pattern(node, TYPE, None, None)
                if isinstance(q.object, NamedNode)
            }
            for cls in classes - known:
                quad = Quad(node, TYPE, NamedNode(cls), graph)
                by_key.setdefault(type_key(cls), []).append(quad)
                new.append(quad)
        target.extend(new)
        return by_key


def _scratch(store: GraphStore, quads: Iterable[Quad]) -> Store:
    """A scratch store holding ``quads`` and the store's schema, queried as one union graph."""
    scratch = Store()
    scratch.extend(quads)
    scratch.extend(_schema(store))
    return scratch


def _tell(agendas: list[_Agenda], new: dict[str, list[Quad]], store: GraphStore | None = None) -> None:
    """Put the new triples on the agenda of every rule that reads them. Given the ``store``
    (which holds them), a rule that runs on the whole store is not told a key none of whose
    new triples its patterns can match (:func:`_can_match`)."""
    for agenda in agendas:
        read = {key: quads for key, quads in new.items() if agenda.reads(key)}
        if store is not None and not agenda.rule.linear:
            read = _can_match(agenda.rule, read, store)
        for key, quads in read.items():
            agenda.keys.add(key)
            if agenda.rule.linear or len(agenda.triples) <= FOCUS_LIMIT:
                agenda.triples.extend(quads)


def run_rules(store: GraphStore, rules: list[Rule], seed: list[Quad] | None = None) -> dict[str, Any]:
    """Run ``rules`` to a fixpoint; returns per-rule counts of new triples, runs and seconds.

    The schema rules run first; then the linear rules that can be are compiled against the
    schema (:mod:`hrgraph.reason.compiled`) and what they derive from every triple of the store
    is added at once, and again from each batch of triples another rule adds. Linear rules that
    cannot be compiled, due on new triples, run together on one scratch store holding the union
    of what each has still to see (a superset is harmless: the rules are monotonic). Given
    ``seed``, the store is taken to be at the fixpoint but for those triples: every rule counts
    as run, with ``seed`` on its agenda (see :func:`reason_more`).
    """
    agendas = [_Agenda(rule, ran=seed is not None) for rule in order(rules)]
    inferred = _Inferred(store)
    added = {r.name: 0 for r in rules}
    spent = {r.name: 0.0 for r in rules}
    runs = {r.name: 0 for r in rules}
    started = time.perf_counter()
    for agenda in agendas:
        agenda.learn_schema(store)
    closure = _Closure(store, inferred, agendas, runs, added, spent)
    if seed:
        _tell(agendas, _by_key(seed), store)
    while True:
        due = next_due(agendas, lambda a: a.due and not closure.owns(a))
        if closure.stale and (due is None or not due.rule.schema):
            # The schema is complete: compile, and derive from the whole store (or the seed).
            _tell(agendas, closure.compile(seed if seed and not closure.compiled_once else None), store)
            continue
        if due is None:
            break
        if due.incremental:
            batch = [a for a in agendas if a.due and a.incremental and not closure.owns(a)]
            _run_batch(batch, _scratch(store, {q for a in batch for q in a.triples}), closure)
        else:
            _run_batch([due], None, closure)
    stats = figures(runs, added, spent, started)
    stats["compiled"] = closure.figures()
    stats["focused"] = closure.focused
    return stats


def _run_batch(batch: list[_Agenda], scratch: Store | None, closure: _Closure) -> None:
    """Run the rules of ``batch`` (on ``scratch``, or on the store), add what they construct and
    what the compiled rules derive from it, and put it on the agendas."""
    before_turn: dict[str, list[Quad]] = {}  # what the batch added so far: not in its scratch
    store, runs = closure.store, closure.runs
    for current in batch:
        rule = current.rule
        if runs[rule.name] >= MAX_RUNS_PER_RULE:
            raise RuntimeError(f"rule {rule.name} ran {MAX_RUNS_PER_RULE} times without a fixpoint")
        rule_started = time.perf_counter()
        focused = _focused(current) if scratch is None else None
        if focused is not None:
            results: list[QueryTriples] = [_construct(store.store, q) for q in focused]
            closure.focused[rule.name] = closure.focused.get(rule.name, 0) + 1
        elif scratch is None:
            results = [_construct(store.store, rule.sparql)]
        else:
            results = [_construct(scratch, rule.sparql)]
        current.ran, current.keys, current.triples = True, set(), []
        if scratch is not None:
            _tell([current], before_turn)
        new = closure.inferred.add(chain.from_iterable(results))
        runs[rule.name] += 1
        closure.added[rule.name] += sum(len(v) for v in new.values())
        closure.spent[rule.name] += time.perf_counter() - rule_started
        if SCHEMA_PREDICATES & new.keys():
            for other in closure.agendas:
                other.learn_schema(store)
            closure.schema_changed()
        else:
            _merge(new, closure.derive(new))
        for key, quads in new.items():
            before_turn.setdefault(key, []).extend(quads)
        _tell(closure.agendas, new, store)


def _construct(store: Store, sparql: str) -> QueryTriples:
    result = store.query(sparql, use_default_graph_as_union=True)
    assert isinstance(result, QueryTriples)
    return result


def _focused(agenda: _Agenda) -> list[str] | None:
    """The rule of ``agenda``, which ran and was then told some triples, restricted to them:
    one query per variable a told triple binds (:meth:`~hrgraph.reason.rules.Analysis.focus`),
    with ``VALUES`` of the terms it takes. None where the whole store must be read again: the
    rule has not run, was told more than :data:`FOCUS_LIMIT` triples, the restriction would
    take too many terms (:data:`FOCUS_TERMS`, :data:`FOCUS_OBJECTS`), or a triple it was told
    binds no visible variable, or binds a blank node (which ``VALUES`` cannot hold).

    Exact: the rule's solutions on the store before were all used when it ran; a new solution
    uses a told triple in some pattern it can match, and so binds that pattern's variable to
    the triple's subject or object. A triple only a ``MINUS`` reads adds no solution (the
    conclusions it may withdraw are :func:`reason_more`'s to check). At 1M triples, after one
    State report was added, ``bound-by-article`` took 7 ms restricted to one State instead of
    1.8 s, ``obligation-from-recommendation`` 0.2 s instead of 1.7 s."""
    rule = agenda.rule
    if not agenda.ran or rule.linear or len(agenda.triples) > FOCUS_LIMIT:
        return None
    terms: dict[str, set[NamedNode | Literal]] = {}
    objects = {var for _, part, var in rule.analysis.foci if part == "object"}
    for quad in agenda.triples:
        obj = quad.object
        foci = rule.analysis.focus(
            triple_key(quad.predicate.value, obj.value if isinstance(obj, NamedNode) else None)
        )
        if foci is None:
            return None
        for part, var in foci:
            term = quad.subject if part == "subject" else obj
            if not isinstance(term, NamedNode | Literal):
                return None
            terms.setdefault(var, set()).add(term)
    if sum(map(len, terms.values())) > FOCUS_TERMS or any(
        len(found) > FOCUS_OBJECTS for var, found in terms.items() if var in objects
    ):
        return None
    queries = []
    for var, found in sorted(terms.items()):
        rows = sorted(found, key=str)
        for at in range(0, len(rows), FOCUS_CHUNK):
            queries.append(with_rows(rule.sparql, var, rows[at : at + FOCUS_CHUNK]))
    return queries


def _can_match(rule: Rule, new: dict[str, list[Quad]], store: GraphStore) -> dict[str, list[Quad]]:
    """What of ``new`` (triples just added to ``store``) a pattern of ``rule`` can match: a
    triple whose subject lacks a class that every match of the pattern's subject has
    (:meth:`Analysis.guarded`) cannot. So ``obligation-from-recommendation`` does not run again
    for the ``hrg:concernsArticle`` of the obligations it made, which it reads of
    recommendations only (at 1M triples a second run of 1.2 s that added nothing), and
    ``bound-by-article`` is not told the ``hrg:actor`` of a State report's treaty claims (it
    reads that of reservations)."""
    kept: dict[str, list[Quad]] = {}
    for key, quads in new.items():
        guards = rule.analysis.guarded(key)
        if guards is None or _some_typed(store, quads, guards):
            kept[key] = quads
    return kept


def _some_typed(store: GraphStore, quads: list[Quad], guards: list[frozenset[str]]) -> bool:
    """Whether the subject of one of ``quads`` has every class of one of ``guards`` (in any
    graph); the first such subject ends the search, each subject is looked up once."""
    lookup = store.store.quads_for_pattern
    seen: set[Any] = set()
    for quad in quads:
        subject = quad.subject
        if subject in seen:
            continue
        seen.add(subject)
        for classes in guards:
            if all(any(True for _ in lookup(subject, TYPE, NamedNode(c), None)) for c in classes):
                return True
    return False


def _by_key(quads: Iterable[Quad]) -> dict[str, list[Quad]]:
    by_key: dict[str, list[Quad]] = {}
    for q in quads:
        key = triple_key(q.predicate.value, q.object.value if isinstance(q.object, NamedNode) else None)
        by_key.setdefault(key, []).append(q)
    return by_key


def _merge(into: dict[str, list[Quad]], more: dict[str, list[Quad]]) -> None:
    for key, quads in more.items():
        into.setdefault(key, []).extend(quads)


class _Closure:
    """The compiled linear rules of one run of the reasoner (:mod:`hrgraph.reason.compiled`)."""

    def __init__(
        self,
        store: GraphStore,
        inferred: _Inferred,
        agendas: list[_Agenda],
        runs: dict[str, int],
        added: dict[str, int],
        spent: dict[str, float],
    ) -> None:
        self.store, self.inferred, self.agendas = store, inferred, agendas
        self.runs, self.added, self.spent = runs, added, spent
        self.compiled: Compiled | None = None
        self.stale = True
        self.compiled_once = False
        self.passes = 0
        self.derived = 0
        self.seconds = 0.0
        self.focused: dict[str, int] = {}  # runs of a rule restricted to what it was told

    def owns(self, agenda: _Agenda) -> bool:
        return self.compiled is not None and agenda.rule.name in self.compiled.names

    def schema_changed(self) -> None:
        """A schema triple was added: compile again, and derive again from the whole store."""
        self.stale = True

    def compile(self, seed: list[Quad] | None) -> dict[str, list[Quad]]:
        """Compile against the schema as it is, derive from ``seed`` (None: from every triple of
        the store) and add what is new; returns it by key."""
        started = time.perf_counter()
        vocabulary = {a.rule.name: a.vocabulary for a in self.agendas}
        owned = {a.rule.name for a in self.agendas if self.owns(a)}
        self.compiled = compile_rules([a.rule for a in self.agendas], self.store.store, vocabulary)
        self.stale, self.compiled_once = False, True
        if seed is not None and SCHEMA_PREDICATES & _by_key(seed).keys():
            seed = None  # a new schema: what the old one gave from the other triples may grow
        for agenda in self.agendas:
            if self.owns(agenda):
                agenda.ran, agenda.keys, agenda.triples = True, set(), []
            elif agenda.rule.name in owned:
                agenda.ran = False  # no longer compiled: it runs as SPARQL on the whole store
        derived = (
            self.compiled.derive_from_store(self.store.store) if seed is None else self.compiled.derive(seed)
        )
        new = self.inferred.add_derived(derived)
        self._count(new, started)
        return new

    def derive(self, new: dict[str, list[Quad]]) -> dict[str, list[Quad]]:
        """What the compiled rules derive from ``new`` (quads just added) that is new."""
        if self.compiled is None or not new:
            return {}
        started = time.perf_counter()
        more = self.inferred.add_derived(self.compiled.derive(q for qs in new.values() for q in qs))
        self._count(more, started)
        return more

    def _count(self, new: dict[str, list[Quad]], started: float) -> None:
        assert self.compiled is not None
        self.passes += 1
        self.derived += sum(len(v) for v in new.values())
        self.seconds += time.perf_counter() - started
        for rule in self.compiled.rules:
            self.runs[rule.name] += 1

    def figures(self) -> dict[str, Any]:
        return {
            "rules": sorted(self.compiled.names) if self.compiled else [],
            "passes": self.passes,
            "added": self.derived,
            "seconds": round(self.seconds, 3),
        }


def figures(
    runs: dict[str, int], added: dict[str, int], spent: dict[str, float], started: float
) -> dict[str, Any]:
    """What a run of the rules reports: runs in all and per rule, triples added, seconds."""
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


def reason_more(
    store: GraphStore,
    new_graphs: list[str],
    groups: tuple[str, ...] = ("owl-rl", "domain"),
    conclusions: Conclusions | None = None,
) -> dict[str, Any] | None:
    """Continue the reasoning of a store whose inferred graph was complete before the graphs
    ``new_graphs`` were added to it; returns the figures, or None when that is not exact.

    Semi-naive from the triples of ``new_graphs``: each rule sees them on its agenda (linear
    rules only them, the others the whole store). Rules with negation or aggregates are not
    monotonic: each one whose sensitive parts an added triple (asserted in a new graph, or
    inferred now) can match has its conclusions on the store before compared with those on the
    final store (:mod:`hrgraph.reason.incremental`), and if any was withdrawn (a new ``MINUS``
    match, a smaller ``MIN``) the result is not the full build's: the caller then reasons in
    full (:func:`reason`). The others cannot have lost a conclusion and are not evaluated again.

    ``conclusions`` are such rules' conclusions on the store before (the previous build keeps
    them); those of the rules it lacks are computed here, on the store without ``new_graphs``.
    On success ``conclusions`` (if given) is given those known on the final store, for the next
    build: of the rules checked, and of those nothing added can reach (not of a rule skipped
    whose conclusions may have grown: a subset would hide a later withdrawal). The rule
    descriptions are in the store for both (as :func:`reason` leaves it) and taken out while
    the rules run, as :func:`reason` adds them only after the fixpoint.
    """
    rules = load_rules(groups=groups)
    watched = [r for r in rules if not r.analysis.monotonic]
    added = [q for g in new_graphs for q in store.store.quads_for_pattern(None, None, None, NamedNode(g))]
    checking = time.perf_counter()
    before = dict(conclusions.rules) if conclusions is not None else {}
    before_parts = dict(conclusions.parts) if conclusions is not None else {}
    # Digests are needed before the new graphs are in for the rules not made of parts whose
    # parts' counts are known (those need them only if a part changed: see below).
    unknown = [r for r in watched if r.name not in before and not made_of_parts(r, before_parts)]
    if unknown:
        # On the union without the new graphs (taken out for the time of these queries; a
        # default graph given as a list of the other graphs was 10-30x slower).
        for g in new_graphs:
            store.store.remove_graph(NamedNode(g))
        found = Conclusions.of(store, unknown)
        before.update(found.rules)
        before_parts.update(found.parts)
        store.store.extend(added)
    graph = NamedNode(INFERRED)
    described = _describe(rules)
    for quad in described:
        store.store.remove(quad)
    for q in added:  # asserted now: no longer inferred
        store.store.remove(Quad(q.subject, q.predicate, q.object, graph))
    keys = quad_keys(added)
    # Inferred triples are only added from here on: a key whose count grows had some added.
    # Every key the watched rules read is counted: the sensitive ones decide what is checked,
    # the others whether a rule's kept conclusions are still exact.
    counted = {k for r in watched for k in sensitive_reads(r) | all_reads(r)} - keys
    inferred_before = count_keys(store, INFERRED, counted)
    checked_s = time.perf_counter() - checking
    stats = run_rules(store, rules, _new_to_the_union(store, added, new_graphs))
    checking = time.perf_counter()
    inferred_after = count_keys(store, INFERRED, counted)
    keys |= {k for k in counted if inferred_after[k] > inferred_before[k]}
    store.add_quads(described)
    compared = compare(store, watched, keys, Conclusions(before, before_parts))
    if compared is None:
        return None
    if conclusions is not None:
        conclusions.rules, conclusions.parts = compared.rules, compared.parts
    checked = compared.checked
    stats["triples"] = store.graph_size(INFERRED)
    stats["checked"] = checked  # the rules that were not monotonic whose conclusions were compared
    stats["check_seconds"] = round(checked_s + time.perf_counter() - checking, 3)
    return stats


def _new_to_the_union(store: GraphStore, added: list[Quad], new_graphs: list[str]) -> list[Quad]:
    """The quads of ``added`` (of the graphs ``new_graphs``) whose triple no other graph holds:
    the rules read the union of the graphs, which the others did not change (a State report
    restates the articles of the instruments it cites, which the reference graph holds)."""
    new = {NamedNode(g) for g in new_graphs}
    lookup = store.store.quads_for_pattern
    return [
        q
        for q in added
        if all(other.graph_name in new for other in lookup(q.subject, q.predicate, q.object, None))
    ]


def materialise(store: GraphStore, groups: tuple[str, ...] = QUERY_TIME) -> dict[str, Any]:
    """Add what the query-time rules construct to the inferred graph of a reasoned store.

    Their output (``?o hrg:obligationOf ?s``) has no consequence under the other rules (its
    domain and range are already the types of ?o and ?s, no rule reads it), so running them to a
    fixpoint on their own gives what reasoning with them would have given; returns the figures
    of :func:`run_rules`.
    """
    return run_rules(store, load_rules(groups=groups))
