"""The inference rules of ``ontology/rules/``: loading them, and what each one reads and writes.

A rule is a SPARQL ``CONSTRUCT``. Its *reads* are the keys of the triple patterns of its
``WHERE`` clause (wherever they occur: ``OPTIONAL``, ``MINUS``, ``FILTER NOT EXISTS``, property
paths), its *writes* the keys of its template. A key is a predicate IRI, or ``type <class>`` for
``rdf:type`` with a constant class; a variable predicate reads or writes ``*``, a variable class
``type *``. The reasoner (:mod:`hrgraph.reason`) reruns a rule only when triples with a key it
reads have been added since it last ran, and orders the rules so that a rule runs after the
rules that feed it.

A rule is *linear* when exactly one of its triple patterns reads data and the others read the
schema (``rdfs:subClassOf``, ``rdfs:domain`` …), with no negation, optional part or aggregate:
then its new consequences are exactly its consequences on the newly added triples alone (plus
the schema), which is how the reasoner evaluates it after its first run (semi-naive evaluation).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol, TypeVar

from hrgraph import iri
from hrgraph.namespace import ONTOLOGY_DIR

RULES_DIR = ONTOLOGY_DIR / "rules"
#: The analyses of the shipped rules (:func:`shipped_analyses`), written by
#: ``python -m hrgraph.reason.analyses``.
ANALYSES = RULES_DIR / "analyses.json"
RULE_BASE = iri.ID + "rule/"
GROUPS = ("owl-rl", "domain")

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
#: Predicates of the schema (TBox): a pattern on one of them does not read data.
SCHEMA_PREDICATES = frozenset(
    {
        RDFS + "subClassOf",
        RDFS + "subPropertyOf",
        RDFS + "domain",
        RDFS + "range",
        OWL + "inverseOf",
        OWL + "equivalentClass",
        OWL + "equivalentProperty",
    }
)
ANY = "*"
ANY_TYPE = "type *"
#: Algebra operators that make a rule non-monotonic in one pattern or join more than one data
#: pattern implicitly; a rule containing one is never evaluated on new triples alone.
_NOT_LINEAR = frozenset(
    {"Minus", "LeftJoin", "AggregateJoin", "Group", "Builtin_NOTEXISTS", "Builtin_EXISTS", "Slice"}
)


def type_key(cls: str) -> str:
    return "type " + cls


def triple_key(predicate: str, obj: str | None) -> str:
    """The key of a concrete triple: its predicate, or ``type <class>`` for ``rdf:type``."""
    if predicate == RDF_TYPE and obj is not None:
        return type_key(obj)
    return predicate


@dataclass(frozen=True)
class Rule:
    name: str
    group: str
    title: str
    sparql: str

    @property
    def iri(self) -> str:
        return RULE_BASE + self.name

    @cached_property
    def analysis(self) -> Analysis:
        kept = shipped_analyses().get(text_key(self.sparql))
        return kept[0] if kept is not None else analyse(self.sparql)

    @property
    def reads(self) -> frozenset[str]:
        return self.analysis.reads

    @property
    def writes(self) -> frozenset[str]:
        return self.analysis.writes

    @property
    def linear(self) -> bool:
        return self.analysis.linear

    def may_read(self, key: str, vocabulary: frozenset[str] | None = None) -> bool:
        """Whether a triple with ``key`` can match a pattern of the rule: its exact keys; for a
        rule whose data pattern the schema binds, only the predicates or classes its schema
        triples name (``vocabulary``, learned from the store); else any key of the kind a
        variable predicate or class reads."""
        reads, bound = self.reads, self.analysis.schema_bound
        if key in reads:
            return True
        if key.startswith("type "):
            if bound == "class":
                return key[5:] in (vocabulary or ())
            if bound == "predicate":
                return RDF_TYPE in (vocabulary or ())
            return ANY_TYPE in reads or ANY in reads
        if bound == "predicate":
            return key in (vocabulary or ())
        return ANY in reads

    @property
    def schema(self) -> bool:
        """Whether every triple pattern of the rule reads the schema (like ``scm-sco``)."""
        return self.analysis.schema


def load_rules(directory: Path = RULES_DIR, groups: tuple[str, ...] = GROUPS) -> list[Rule]:
    """The rules of the given groups, in file-name order."""
    rules = []
    for group in groups:
        for path in sorted((directory / group).glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            title = next(
                (ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("#+ title:")),
                path.stem,
            )
            rules.append(Rule(path.stem, group, title, text))
    return rules


def _pattern_keys(triples: Iterable[tuple[Any, Any, Any]]) -> Iterator[tuple[str, bool]]:
    """(key, is_schema) of each triple pattern; a property path gives each IRI in it."""
    from rdflib.paths import Path as RdfPath
    from rdflib.term import URIRef

    for _, p, o in triples:
        if isinstance(p, RdfPath):
            for step in _path_iris(p):
                yield step, step in SCHEMA_PREDICATES
        elif isinstance(p, URIRef):
            if str(p) == RDF_TYPE:
                yield (type_key(str(o)) if isinstance(o, URIRef) else ANY_TYPE), False
            else:
                yield str(p), str(p) in SCHEMA_PREDICATES
        else:
            yield ANY, False


def _path_iris(path: Any) -> Iterator[str]:
    from rdflib.term import URIRef

    if isinstance(path, URIRef):
        yield str(path)
        return
    for attr in ("args", "arg", "path"):
        value = getattr(path, attr, None)
        for part in value if isinstance(value, list) else [value] if value is not None else []:
            yield from _path_iris(part)


@cache
def algebra(sparql: str) -> Any:
    """rdflib's algebra of a rule text, parsed once per text (the reasoner, the rule compiler
    and the incremental checks all read it; 0.3 s for ``participation``)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(sparql).algebra


def parsed_triples(blocks: list[list[Any]]) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of a parsed ``TriplesBlock`` (an ``EXISTS`` pattern rdflib leaves as parsed):
    each block is subject, predicate, object, … flat."""
    for block in blocks:
        for i in range(0, len(block) - 2, 3):
            yield block[i], block[i + 1], block[i + 2]


def walk(node: Any) -> Iterator[Any]:
    """Every algebra node under ``node`` (rdflib's ``CompValue`` tree), ``node`` first."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from walk(value)


@dataclass(frozen=True)
class Analysis:
    reads: frozenset[str]
    writes: frozenset[str]
    linear: bool
    #: For a linear rule whose data pattern has a variable predicate (``?x ?p ?y``) or class
    #: (``?x a ?c``) that a schema pattern also binds, ``"predicate"`` or ``"class"``: only
    #: triples whose predicate (or class) occurs in the schema triples it reads can match.
    schema_bound: str | None
    #: Whether adding triples can only add conclusions: no MINUS, NOT EXISTS, OPTIONAL part or
    #: aggregate (whose results new triples can withdraw or change).
    monotonic: bool = True
    #: For each key a triple pattern reads: the classes every match of that pattern's subject
    #: has (its ``?v a C`` patterns in scope, :func:`_guards`), one set per pattern; an empty
    #: set for a pattern whose subject nothing types (or a constant, or a property path).
    guards: tuple[tuple[str, frozenset[str]], ...] = ()
    #: For each key a triple pattern reads, where a triple of that key puts its subject or
    #: object in every solution it takes part in (:func:`_foci`): ``(key, "subject" or "object",
    #: variable)``, or ``(key, "", "")`` where it cannot be told (a variable not visible in the
    #: rule's solutions, a pattern in a filter expression, inside a path). Patterns on the right
    #: of a MINUS are left out: a triple there can only withdraw solutions.
    foci: tuple[tuple[str, str, str], ...] = ()

    def focus(self, key: str) -> list[tuple[str, str]] | None:
        """Where a new triple of ``key`` can take part in a new solution: (``"subject"`` or
        ``"object"``, the variable it binds) for each pattern it can match; None if some
        pattern it can match does not bind a visible variable to it (:attr:`foci`)."""
        found = []
        for read, part, var in self.foci:
            if reads_key(read, key):
                if not part:
                    return None
                found.append((part, var))
        return found

    @property
    def schema(self) -> bool:
        """Whether every triple pattern reads the schema (:attr:`Rule.schema`)."""
        return not self.reads or all(k in SCHEMA_PREDICATES for k in self.reads)

    def guarded(self, key: str) -> list[frozenset[str]] | None:
        """The classes a triple of ``key`` must have on its subject for each pattern it can
        match, or None if some pattern it can match takes any subject."""
        found = []
        for read, classes in self.guards:
            if reads_key(read, key):
                if not classes:
                    return None
                found.append(classes)
        return found


def reads_key(read: str, key: str) -> bool:
    """Whether a pattern reading ``read`` can match a triple with ``key``: the key itself,
    ``*``, or, for an ``rdf:type`` triple, ``type *`` or ``rdf:type`` (a path step ``a``)."""
    if read in (key, ANY):
        return True
    return (key.startswith("type ") or key == RDF_TYPE) and read in (ANY_TYPE, RDF_TYPE)


def pattern_triples(node: Any) -> list[tuple[Any, Any, Any]] | None:
    """The triple patterns of an algebra node that holds some (a ``BGP``, or the ``TriplesBlock``
    of an ``EXISTS`` pattern, which rdflib leaves as parsed), else None."""
    name = getattr(node, "name", None)
    if name == "BGP":
        return list(node.triples)
    if name == "TriplesBlock":
        return list(parsed_triples(node.triples))
    return None


def _data_pattern_bound_by_schema(triples: list[tuple[Any, Any, Any]]) -> str | None:
    from rdflib.term import URIRef, Variable

    def schema(t: tuple[Any, Any, Any]) -> bool:
        return isinstance(t[1], URIRef) and str(t[1]) in SCHEMA_PREDICATES

    schema_vars = {term for t in triples if schema(t) for term in (t[0], t[2]) if isinstance(term, Variable)}
    data = [t for t in triples if not schema(t)]
    if len(data) != 1:
        return None
    _, p, o = data[0]
    if isinstance(p, Variable):
        return "predicate" if p in schema_vars else None
    if str(p) == RDF_TYPE and isinstance(o, Variable) and o in schema_vars:
        return "class"
    return None


def analyse(sparql: str) -> Analysis:
    """What a ``CONSTRUCT`` rule reads and writes, and whether it is linear (module docstring)."""
    parsed = algebra(sparql)
    if parsed.name != "ConstructQuery":
        raise ValueError("an inference rule must be a CONSTRUCT query")
    if parsed.get("template") is None:
        raise ValueError("an inference rule needs its template written apart (not CONSTRUCT WHERE)")
    nodes = list(walk(parsed.p))
    triples = [t for n in nodes if n.name == "BGP" for t in n.triples]
    patterns = list(_pattern_keys(triples))
    data_patterns = sum(1 for _, schema in patterns if not schema)
    monotonic = not any(n.name in _NOT_LINEAR for n in nodes)
    linear = data_patterns == 1 and monotonic
    return Analysis(
        reads=frozenset(key for key, _ in patterns),
        writes=frozenset(key for key, _ in _pattern_keys(parsed.template)),
        linear=linear,
        schema_bound=_data_pattern_bound_by_schema(triples) if linear else None,
        monotonic=monotonic,
        guards=tuple(sorted(set(_guards(parsed.p, {})), key=str)),
        foci=tuple(sorted(set(_foci(parsed.p, None, True)))),
    )


#: Algebra nodes whose solutions are those of their ``p``, filtered or extended.
_PASS_THROUGH = frozenset(
    {"Filter", "Extend", "Distinct", "Reduced", "Slice", "OrderBy", "ToMultiSet", "Group", "AggregateJoin"}
)
Types = dict[Any, frozenset[str]]  # variable -> classes


def _required(node: Any) -> Types:
    """The classes each variable has in every solution of ``node``: its ``?v a C`` patterns
    outside UNION branches, OPTIONAL parts and MINUS sides."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef, Variable

    if not isinstance(node, CompValue):
        return {}
    if node.name == "BGP":
        found: dict[Any, set[str]] = {}
        for s, p, o in node.triples:
            if (
                isinstance(s, Variable)
                and isinstance(p, URIRef)
                and str(p) == RDF_TYPE
                and isinstance(o, URIRef)
            ):
                found.setdefault(s, set()).add(str(o))
        return {v: frozenset(c) for v, c in found.items()}
    if node.name == "Join":
        return _merge_types(_required(node.p1), _required(node.p2))
    if node.name in ("LeftJoin", "Minus"):
        return _required(node.p1)
    if node.name == "Project":
        return {v: c for v, c in _required(node.p).items() if v in node.PV}
    if node.name in _PASS_THROUGH:
        return _required(node.p)
    return {}


def _merge_types(a: Types, b: Types) -> Types:
    return {v: a.get(v, frozenset()) | b.get(v, frozenset()) for v in a.keys() | b.keys()}


def _guards(node: Any, known: Types) -> Iterator[tuple[str, frozenset[str]]]:
    """(key, classes of its subject) of every triple pattern under ``node``, given the classes
    ``known`` of the variables of the solutions it is joined to. A sub-select sees only its
    projected variables; a pattern in a filter expression (``EXISTS``), a property path or a
    node not known here is taken to take any subject."""
    from rdflib.paths import Path as RdfPath
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(node, list | tuple):
        for value in node:
            yield from _guards(value, {})
        return
    if not isinstance(node, CompValue):
        return
    triples = pattern_triples(node)
    if triples is not None:  # an EXISTS pattern's classes are not known here
        scope = _merge_types(known, _required(node)) if node.name == "BGP" else {}
        for triple in triples:
            s, p, _ = triple
            typed = isinstance(s, Variable) and not isinstance(p, RdfPath)
            for key, _ in _pattern_keys([triple]):
                yield key, scope.get(s, frozenset()) if typed else frozenset()
        return
    for child, scope in _scopes(node, known):
        yield from _guards(child, scope)


def _scopes(node: Any, known: Types) -> Iterator[tuple[Any, Types]]:
    """Each part of algebra node ``node`` with what is known of its variables' classes: a join's
    sides what both require, an OPTIONAL or MINUS side what the left requires, a UNION branch
    what is known outside, a sub-select that of its projected variables; expressions nothing."""
    name = node.name
    if name == "Join":
        scope = _merge_types(known, _required(node))
        yield from ((node.p1, scope), (node.p2, scope))
    elif name in ("LeftJoin", "Minus"):
        scope = _merge_types(known, _required(node.p1))
        yield from ((node.p1, scope), (node.p2, scope), (node.get("expr"), {}))
    elif name == "Union":
        yield from ((node.p1, known), (node.p2, known))
    elif name == "Project":
        yield node.p, {v: c for v, c in known.items() if v in node.PV}
    elif name in _PASS_THROUGH:
        yield node.p, known
        yield from ((value, {}) for key, value in node.items() if key not in ("p", "_vars"))
    else:
        yield from ((value, {}) for key, value in node.items() if key != "_vars")


def _foci(node: Any, visible: frozenset[Any] | None, top: bool) -> Iterator[tuple[str, str, str]]:
    """:attr:`Analysis.foci` of the patterns under ``node``, given the variables ``visible`` in
    the rule's solutions (None: all of this part's; a sub-select shows only those it projects,
    a GROUP BY its keys). Under a ``LIMIT`` outside any sub-select (``top``), a restriction
    would change which solutions it keeps: nothing there can be told."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(node, list | tuple):
        for value in node:
            yield from _foci(value, visible, top)
        return
    if not isinstance(node, CompValue):
        return
    name = node.name
    if name == "BGP":
        yield from _bgp_foci(node.triples, visible)
    elif name == "TriplesBlock" or (top and name == "Slice"):
        yield from _untold(node)
    elif name == "Minus":
        yield from _foci(node.p1, visible, top)  # its right side can only withdraw solutions
    elif name in ("Project", "Group"):
        shown = frozenset(
            node.PV if name == "Project" else (e for e in node.expr or () if isinstance(e, Variable))
        )
        yield from _foci(node.p, shown if visible is None else shown & visible, top and name == "Group")
    else:
        for key, value in node.items():
            if key in ("p", "p1", "p2"):
                yield from _foci(value, visible, top)
            elif key != "_vars":  # an expression: an EXISTS pattern in it cannot be told
                yield from _untold(value)


def _bgp_foci(
    triples: Iterable[tuple[Any, Any, Any]], visible: frozenset[Any] | None
) -> Iterator[tuple[str, str, str]]:
    """:func:`_foci` of a basic graph pattern's triples: a triple of a pattern's key binds the
    pattern's subject (else its object) variable; a path's first step binds its subject, its
    last step its object, an inverse step the other way round; other paths nothing."""
    from rdflib.paths import InvPath, SequencePath
    from rdflib.term import URIRef, Variable

    def told(key: str, part: str, term: Any) -> tuple[str, str, str]:
        seen = isinstance(term, Variable) and (visible is None or term in visible)
        return (key, part, str(term)) if seen else (key, "", "")

    for s, p, o in triples:
        if isinstance(p, URIRef):
            key = next(_pattern_keys([(s, p, o)]))[0]
            by_subject = told(key, "subject", s)
            yield by_subject if by_subject[1] or key.startswith("type ") else told(key, "object", o)
        elif isinstance(p, Variable):
            yield told(ANY, "subject", s)
        elif isinstance(p, InvPath) and isinstance(p.arg, URIRef):
            by_object = told(str(p.arg), "subject", o)
            yield by_object if by_object[1] else told(str(p.arg), "object", s)
        elif isinstance(p, SequencePath) and all(isinstance(a, URIRef) for a in p.args):
            steps = [str(a) for a in p.args]
            yield told(steps[0], "subject", s)
            yield from ((step, "", "") for step in steps[1:-1])
            yield told(steps[-1], "object", o)
        else:
            yield from ((key, "", "") for key, _ in _pattern_keys([(s, p, o)]))


def _untold(node: Any) -> Iterator[tuple[str, str, str]]:
    """Every key a pattern under ``node`` reads, as one a triple of cannot be told."""
    for n in walk(node):
        yield from ((key, "", "") for key, _ in _pattern_keys(pattern_triples(n) or ()))


class _HasRule(Protocol):
    rule: Rule


Due = TypeVar("Due", bound=_HasRule)


def next_due(agendas: Sequence[Due], due: Callable[[Due], bool]) -> Due | None:
    """The next agenda to run among those ``due``: schema rules first, then linear rules, then
    the others (the embedded and the remote reasoner alike)."""
    for kind in (lambda r: r.schema, lambda r: r.linear, lambda r: True):
        for agenda in agendas:
            if due(agenda) and kind(agenda.rule):
                return agenda
    return None


def order(rules: list[Rule]) -> list[Rule]:
    """``rules`` with every rule after the rules whose writes it reads (by exact keys; a
    wildcard is no dependency here), keeping the given order where nothing decides it; a cycle
    is broken at its first rule in the given order."""
    remaining = list(rules)
    placed: list[Rule] = []
    while remaining:
        ready = next(
            (
                r
                for r in remaining
                if not any(o is not r and (o.writes - {ANY, ANY_TYPE}) & r.reads for o in remaining)
            ),
            remaining[0],
        )
        placed.append(ready)
        remaining.remove(ready)
    return placed


# The shipped rules' analyses -------------------------------------------------------------
# Analysing the rules with rdflib's SPARQL parser took 0.49–0.65 s in a fresh process (the
# parser's import included), reading them from ``analyses.json`` 0.17 s: the analyses of the
# shipped rules are kept beside them, by the SHA-256 of each text, for code that analyses as
# this does.


def text_key(sparql: str) -> str:
    return hashlib.sha256(sparql.encode()).hexdigest()


def code_digest() -> str:
    """What the analyses depend on besides the rule texts: this module, the rule compiler's
    conditions (:func:`hrgraph.reason.compiled.compilable`) and rdflib's version."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(version("rdflib").encode())
    for name in ("rules.py", "compiled.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


@cache
def shipped_analyses() -> dict[str, tuple[Analysis, bool]]:
    """(analysis, compilable) of each shipped rule by the SHA-256 of its text, if ``analyses.json``
    was written by this code; else nothing (every rule is then parsed: the same results)."""
    try:
        kept = json.loads(ANALYSES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if kept.get("code") != code_digest():
        return {}
    return {key: (_analysis_of(entry), bool(entry["compilable"])) for key, entry in kept["rules"].items()}


def _analysis_of(entry: dict[str, Any]) -> Analysis:
    return Analysis(
        reads=frozenset(entry["reads"]),
        writes=frozenset(entry["writes"]),
        linear=entry["linear"],
        schema_bound=entry["schema_bound"],
        monotonic=entry["monotonic"],
        guards=tuple((key, frozenset(classes)) for key, classes in entry["guards"]),
        foci=tuple((key, part, var) for key, part, var in entry["foci"]),
    )
