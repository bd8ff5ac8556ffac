"""Linear rules compiled against the schema: their whole closure in one pass over the triples.

A linear rule (:mod:`hrgraph.reason.rules`: one data triple pattern joined to schema patterns,
like ``prp-dom``, ``cax-sco``) concludes from one data triple what the schema says of that
triple's *key* (its predicate, or its class for ``rdf:type``), with the triple's subject and
object put in. So, while the schema stays as it is, each such rule is a table from key to
templates, and chains of them (``prp-spo1`` then ``prp-dom`` then ``cax-sco`` …) are tables too.
This module builds those tables from the rules themselves, with no rule written twice:

1. **Prototypes.** For every key a compiled rule may read (its constant keys, and the names its
   schema triples hold, as :meth:`Rule.may_read` says), one triple of that key for each kind of
   subject (IRI, blank node) and object (IRI, blank node, literal), made of placeholder terms.
2. **Templates.** Each rule runs once, as SPARQL, on a scratch store holding the schema and the
   prototypes. What it constructs from a prototype names that prototype's placeholders: put the
   triple's own subject and object back in their places and it is what the rule constructs from
   any triple of that key and kinds.
3. **Closure.** A template's triple has a key and kinds in turn; its templates are followed
   until nothing new comes, so one look-up per data triple gives everything the compiled rules
   derive from it, however long the chain (:meth:`Compiled.derive`).

The reasoner (:func:`hrgraph.reason.run_rules`) then derives, once, from every triple of the
store whose key has templates, and afterwards from each batch of triples the other rules add —
instead of running the linear rules again and again, each time on a scratch store of what was
added since (at 1M triples: 25 runs of the 5 rules, 584k quads copied into 12 scratch stores).

A rule is compiled only where this is exact (:func:`compilable`): linear; its data pattern's
subject a variable and its object a variable or a class; those two variables in no schema pattern
and, in filters and ``BIND``\\s, only under ``isIRI``/``isURI``/``isBlank``/``isLiteral`` (the kind
the prototypes stand for), and not one variable for both; every constructed term a placeholder,
a schema term or a constant; and a rule whose data predicate is bound by the schema must not
have ``rdf:type`` among the schema's names (it would read the triples of every class). Other
rules run as SPARQL, as before. The tables are built again whenever a schema triple is added
(:data:`SCHEMA_PREDICATES`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QuerySolutions, QueryTriples, Store, Triple

from hrgraph.reason.rules import (
    ANY,
    ANY_TYPE,
    RDF_TYPE,
    SCHEMA_PREDICATES,
    Analysis,
    Rule,
    algebra,
    shipped_analyses,
    text_key,
    walk,
)

#: The kinds of term a placeholder stands for.
IRI, BLANK, LITERAL = "iri", "blank", "literal"
SUBJECT_KINDS = (IRI, BLANK)
OBJECT_KINDS = (IRI, BLANK, LITERAL)
#: Expressions that may take the data pattern's subject or object: they only ask its kind.
KIND_TESTS = frozenset({"Builtin_isIRI", "Builtin_isURI", "Builtin_isBLANK", "Builtin_isLITERAL"})
PLACEHOLDER = "urn:hrgraph:prototype:"
TYPE = NamedNode(RDF_TYPE)

#: In a template, the data triple's subject and object.
SUBJ, OBJ = "s", "o"
Term = NamedNode | BlankNode | Literal
Role = str | Term  # SUBJ, OBJ, or a constant term
Key = tuple[str, str, str]  # (key, subject kind, object kind); a class key's object kind is IRI
Template = tuple[Role, NamedNode, Role]


def kind(term: object) -> str | None:
    if isinstance(term, NamedNode):
        return IRI
    if isinstance(term, BlankNode):
        return BLANK
    if isinstance(term, Literal):
        return LITERAL
    return None  # a quoted triple: no compiled rule reads it


def compilable(rule: Rule) -> bool:
    """Whether ``rule`` can be compiled exactly (the module docstring's conditions that the
    rule's text decides; the rest are checked on what it constructs)."""
    kept = shipped_analyses().get(text_key(rule.sparql))
    if kept is not None:
        return kept[1]
    return compilable_text(rule.sparql, rule.analysis)


def compilable_text(sparql: str, analysis: Analysis) -> bool:
    """:func:`compilable` of a rule text and its analysis, parsed now."""
    from rdflib.term import URIRef, Variable

    if not analysis.linear or analysis.schema:
        return False
    nodes = list(walk(algebra(sparql).p))
    triples = [t for n in nodes if n.name == "BGP" for t in n.triples]
    schema = [t for t in triples if isinstance(t[1], URIRef) and str(t[1]) in SCHEMA_PREDICATES]
    data = [t for t in triples if t not in schema]
    if len(data) != 1:
        return False
    s, p, o = data[0]
    if not isinstance(s, Variable):
        return False
    instance = {s}
    if isinstance(p, URIRef) and str(p) == RDF_TYPE:
        if isinstance(o, Variable):
            if analysis.schema_bound != "class":
                return False
        elif not isinstance(o, URIRef):
            return False
    elif isinstance(o, Variable) and o != s:
        instance.add(o)
    else:
        return False  # a constant object, or ?x ?p ?x (a prototype's subject is not its object)
    schema_vars = {term for t in schema for term in t if isinstance(term, Variable)}
    if instance & schema_vars:
        return False
    expressions = [n["expr"] for n in nodes if n.name in ("Filter", "Extend")]
    return all(_only_kind_tests(e, instance) for e in expressions)


def _only_kind_tests(expr: Any, instance: set[Any]) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if isinstance(expr, Variable):
        return expr not in instance
    if isinstance(expr, CompValue):
        if expr.name in KIND_TESTS and isinstance(expr.get("arg"), Variable):
            return True
        return all(_only_kind_tests(v, instance) for k, v in expr.items() if k != "_vars")
    if isinstance(expr, list | tuple):
        return all(_only_kind_tests(v, instance) for v in expr)
    return True


@dataclass
class Compiled:
    """The compiled rules and their closed templates by key and kinds."""

    rules: list[Rule]
    templates: dict[Key, list[tuple[Role, NamedNode, Role]]] = field(default_factory=dict)
    #: What the compiled rules construct from the schema's own triples (read as data).
    from_schema: set[Triple] = field(default_factory=set)

    @property
    def names(self) -> set[str]:
        return {r.name for r in self.rules}

    def keys(self) -> Iterator[tuple[NamedNode, NamedNode | None]]:
        """(predicate, class or None) of every key with templates, each once."""
        seen: set[str] = set()
        for key, _, _ in self.templates:
            if key in seen:
                continue
            seen.add(key)
            if key.startswith("type "):
                yield TYPE, NamedNode(key[5:])
            else:
                yield NamedNode(key), None

    @cached_property
    def table(self) -> dict[Key, tuple[frozenset[str], frozenset[str], list[Template]]]:
        """The templates by key and kinds, split for :meth:`derive`: the classes they give the
        triple's subject, those they give its object, and the rest."""
        out = {}
        for at, templates in self.templates.items():
            subject: set[str] = set()
            obj: set[str] = set()
            rest: list[Template] = []
            for a, p, b in templates:
                if p == TYPE and isinstance(b, NamedNode) and a in (SUBJ, OBJ):
                    (subject if a == SUBJ else obj).add(b.value)
                else:
                    rest.append((a, p, b))
            out[at] = (frozenset(subject), frozenset(obj), rest)
        return out

    def derive(self, triples: Iterable[Triple | Quad], into: Derived | None = None) -> Derived:
        """What the compiled rules derive from ``triples`` (or quads), to their fixpoint: the
        classes of each resource, the other triples as a set (``into``, if given, is filled)."""
        derived = into if into is not None else Derived()
        add_types, others = derived.add_types, derived.others
        table = self.table
        for t in triples:
            sub, pred, obj = t.subject, t.predicate, t.object
            sk, ok = kind(sub), kind(obj)
            if sk is None or ok is None:
                continue
            key = "type " + obj.value if pred == TYPE and isinstance(obj, NamedNode) else pred.value
            entry = table.get((key, sk, ok))
            if entry is None:
                continue
            of_subject, of_object, rest = entry
            if of_subject:
                add_types(sub, of_subject)  # type: ignore[arg-type]
            if of_object:
                add_types(obj, of_object)  # type: ignore[arg-type]
            for a, p, b in rest:
                others.add(
                    Triple(
                        sub if a == SUBJ else obj if a == OBJ else a,  # type: ignore[arg-type]
                        p,
                        sub if b == SUBJ else obj if b == OBJ else b,  # type: ignore[arg-type]
                    )
                )
        return derived

    def derive_from_store(self, store: Store) -> Derived:
        """What the compiled rules derive from every triple of ``store`` (any graph).

        A predicate whose templates only type the triple's subject or object, each with classes
        that do not depend on the other term's kind (``prp-dom``, ``prp-rng``), is read for its
        distinct subjects and distinct objects (:func:`_distinct`), grouped by the classes they
        give, not triple by triple: a quad's terms are new Python objects at each access, and a
        predicate's objects are often few (States, articles, instruments). At 1M triples, 124
        of the 184 keys with templates, in 62 queries (245k distinct terms); the pass took
        2.47–3.02 s against 2.95–3.78 s triple by triple (three runs each)."""
        derived = Derived(others=set(self.from_schema))
        self.derive(self.from_schema, derived)
        # (role, its classes by the term's kind) -> the predicates that give them
        typing: dict[tuple[str, tuple[tuple[str, frozenset[str]], ...]], list[NamedNode]] = {}
        for predicate, cls in self.keys():
            by_role = None if cls is not None else self._by_role(predicate.value)
            if by_role is None:
                self.derive(store.quads_for_pattern(None, predicate, cls, None), derived)
                continue
            for role, by_kind in zip((SUBJ, OBJ), by_role, strict=True):
                if any(by_kind.values()):
                    typing.setdefault((role, tuple(sorted(by_kind.items()))), []).append(predicate)
        for (role, by_kind_items), predicates in typing.items():
            by_kind = dict(by_kind_items)
            for term in _distinct(store, predicates, role):
                classes = by_kind.get(kind(term))  # type: ignore[arg-type]
                if classes:
                    derived.add_types(term, classes)  # type: ignore[arg-type]
        return derived

    def _by_role(self, key: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]] | None:
        """For a predicate whose templates only type its subject or object, each by its own kind
        alone: the classes of the subject by its kind, and those of the object by its; else None."""
        none: tuple[frozenset[str], frozenset[str], list[Template]] = (frozenset(), frozenset(), [])
        entries = {
            (sk, ok): self.table.get((key, sk, ok), none) for sk in SUBJECT_KINDS for ok in OBJECT_KINDS
        }
        if any(rest for _, _, rest in entries.values()):
            return None
        subject = {sk: {entries[sk, ok][0] for ok in OBJECT_KINDS} for sk in SUBJECT_KINDS}
        obj = {ok: {entries[sk, ok][1] for sk in SUBJECT_KINDS} for ok in OBJECT_KINDS}
        if any(len(found) != 1 for found in [*subject.values(), *obj.values()]):
            return None
        return {sk: found.pop() for sk, found in subject.items()}, {
            ok: found.pop() for ok, found in obj.items()
        }


@dataclass
class Derived:
    """What compiled rules derived: the classes of each resource (by its value: the resource and
    the classes' IRIs), and the other triples."""

    types: dict[str, tuple[NamedNode | BlankNode, set[str]]] = field(default_factory=dict)
    others: set[Triple] = field(default_factory=set)

    def add_types(self, node: NamedNode | BlankNode, classes: frozenset[str]) -> None:
        """``node`` is of ``classes`` (IRIs)."""
        at = self.types.get(node.value)
        if at is None:
            self.types[node.value] = (node, set(classes))
        elif at[0] == node:
            at[1].update(classes)
        else:  # an IRI and a blank node of one label: the blank node's types as triples
            self.others.update(Triple(node, TYPE, NamedNode(c)) for c in classes)

    def triples(self) -> set[Triple]:
        """All of it as triples."""
        typed = {Triple(node, TYPE, NamedNode(c)) for node, classes in self.types.values() for c in classes}
        return typed | self.others


def compile_rules(rules: list[Rule], store: Store, vocabulary: dict[str, frozenset[str] | None]) -> Compiled:
    """Compile those of ``rules`` that can be (:func:`compilable`) against the schema of
    ``store``; ``vocabulary``: each rule's schema names (:meth:`Rule.may_read`). A rule whose
    constructed triples do not fit (module docstring) is left out of the result."""
    candidates = [r for r in rules if compilable(r) and _enumerable(r, vocabulary.get(r.name))]
    keys: set[str] = set()
    for rule in candidates:
        keys |= _read_keys(rule, vocabulary.get(rule.name))
    keys -= SCHEMA_PREDICATES  # schema triples as data: what they give is ``from_schema``
    scratch = Store()
    scratch.extend(
        q for p in SCHEMA_PREDICATES for q in store.quads_for_pattern(None, NamedNode(p), None, None)
    )
    schema_only = {r.name: _constructed(scratch, r) for r in candidates}
    prototypes: dict[str, tuple[Key, Term, Term | None]] = {}  # placeholder value -> prototype
    quads = []
    for key in sorted(keys):
        if key.startswith("type "):
            combos = [(sk, IRI) for sk in SUBJECT_KINDS]
        else:
            combos = [(sk, ok) for sk in SUBJECT_KINDS for ok in OBJECT_KINDS]
        for sk, ok in combos:
            n = len(prototypes)
            sub = _placeholder(n, SUBJ, sk)
            obj = NamedNode(key[5:]) if key.startswith("type ") else _placeholder(n, OBJ, ok)
            pred = TYPE if key.startswith("type ") else NamedNode(key)
            prototypes[sub.value] = ((key, sk, ok), sub, None if key.startswith("type ") else obj)
            if not key.startswith("type "):
                prototypes[obj.value] = prototypes[sub.value]
            quads.append(Triple(sub, pred, obj))  # type: ignore[arg-type]
    scratch.extend(Quad(t.subject, t.predicate, t.object) for t in quads)
    direct: dict[Key, set[tuple[Role, NamedNode, Role]]] = {}
    compiled: list[Rule] = []
    for rule in candidates:
        found: dict[Key, set[tuple[Role, NamedNode, Role]]] = {}
        fits = True
        for t in _constructed(scratch, rule) - schema_only[rule.name]:
            template = _template(t, prototypes)
            if template is None:
                fits = False
                break
            at, triple = template
            found.setdefault(at, set()).add(triple)
        if not fits:
            continue
        compiled.append(rule)
        for at, triples in found.items():
            direct.setdefault(at, set()).update(triples)
    from_schema = set().union(*(schema_only[r.name] for r in compiled)) if compiled else set()
    return Compiled(compiled, _close(direct), from_schema)


def _enumerable(rule: Rule, vocabulary: frozenset[str] | None) -> bool:
    """Whether the keys ``rule`` may read can be listed: no wildcard beyond what the schema binds,
    and not every class (a schema-bound predicate that may be ``rdf:type``)."""
    bound = rule.analysis.schema_bound
    wild = {ANY, ANY_TYPE} & rule.reads
    if bound is None:
        return not wild
    if bound == "predicate" and RDF_TYPE in (vocabulary or ()):
        return False
    return vocabulary is not None


def _read_keys(rule: Rule, vocabulary: frozenset[str] | None) -> set[str]:
    keys = {k for k in rule.reads if k not in SCHEMA_PREDICATES and k not in (ANY, ANY_TYPE)}
    bound = rule.analysis.schema_bound
    for name in vocabulary or ():
        key = "type " + name if bound == "class" else name
        if rule.may_read(key, vocabulary):
            keys.add(key)
    return keys


def _placeholder(n: int, role: str, of: str) -> Term:
    value = f"{PLACEHOLDER}{n}/{role}"
    if of == IRI:
        return NamedNode(value)
    if of == BLANK:
        return BlankNode(f"prototype{n}{role}")
    return Literal(value)


def _constructed(store: Store, rule: Rule) -> set[Triple]:
    result = store.query(rule.sparql, use_default_graph_as_union=True)
    assert isinstance(result, QueryTriples)
    return set(result)


def _role(term: Term, prototypes: dict[str, tuple[Key, Term, Term | None]]) -> tuple[Key | None, Role] | None:
    """(the prototype ``term`` is a placeholder of, and its role), (None, term) for a constant
    (an IRI or literal the rule or the schema names), or None for a term that is neither: a
    blank node of the template (fresh in each solution), a term made from a placeholder."""
    found = prototypes.get(term.value)
    if found is not None:
        at, sub, obj = found
        if term == sub:
            return at, SUBJ
        if term == obj:
            return at, OBJ
        return None
    if isinstance(term, BlankNode) or PLACEHOLDER in term.value:
        return None
    return None, term


def _template(
    t: Triple, prototypes: dict[str, tuple[Key, Term, Term | None]]
) -> tuple[Key, tuple[Role, NamedNode, Role]] | None:
    """The template a triple constructed from one prototype stands for, or None where the
    construction does not fit (no placeholder, two prototypes, a derived term)."""
    if not isinstance(t.predicate, NamedNode) or PLACEHOLDER in t.predicate.value:
        return None
    roles = [_role(t.subject, prototypes), _role(t.object, prototypes)]  # type: ignore[arg-type]
    if any(r is None for r in roles):
        return None
    (sat, srole), (oat, orole) = roles  # type: ignore[misc]
    at = {a for a in (sat, oat) if a is not None}
    if len(at) != 1:
        return None
    if t.predicate.value == RDF_TYPE and orole in (SUBJ, OBJ):
        return None  # a class taken from the data: its key is not known before
    return at.pop(), (srole, t.predicate, orole)


def _close(
    direct: dict[Key, set[tuple[Role, NamedNode, Role]]],
) -> dict[Key, list[tuple[Role, NamedNode, Role]]]:
    """Each key's templates followed through the templates of what they construct."""
    closed: dict[Key, list[tuple[Role, NamedNode, Role]]] = {}
    for start in direct:
        _, sk, ok = start
        kinds = {SUBJ: sk, OBJ: ok}
        seen: set[tuple[Role, NamedNode, Role]] = set()
        todo = list(direct[start])
        while todo:
            a, p, b = todo.pop()
            ak = kinds[a] if isinstance(a, str) else kind(a)
            bk = kinds[b] if isinstance(b, str) else kind(b)
            if (a, p, b) in seen or ak in (LITERAL, None) or bk is None:
                continue  # known, or not a triple (a literal subject)
            seen.add((a, p, b))
            key = "type " + b.value if p.value == RDF_TYPE and isinstance(b, NamedNode) else p.value
            for a2, p2, b2 in direct.get((key, ak, bk), ()):
                put = {SUBJ: a, OBJ: b}
                todo.append((put.get(a2, a2), p2, put.get(b2, b2)))  # type: ignore[arg-type]
        closed[start] = sorted(seen, key=str)
    return closed


def _distinct(store: Store, predicates: list[NamedNode], role: str) -> Iterator[Term]:
    """The distinct subjects (``role`` :data:`SUBJ`) or objects of the triples of ``predicates``
    in any graph of ``store``, from the engine; not of a triple whose other term is a quoted
    triple (no template reads it)."""
    term, other = ("?s", "?o") if role == SUBJ else ("?o", "?s")
    values = " ".join(map(str, predicates))
    query = (
        f"SELECT DISTINCT {term} WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER (!isTRIPLE({other})) }}"
    )
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, QuerySolutions)
    for row in result:
        yield row[0]
