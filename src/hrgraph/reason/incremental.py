"""What continuing a reasoning must check, and what it may skip (issue #22, adding a document).

:func:`hrgraph.reason.reason_more` continues the reasoning of a store from the triples of new
graphs. For a monotonic rule that is exact; a rule with ``MINUS``, ``NOT EXISTS``, ``OPTIONAL``
or an aggregate may *withdraw* a conclusion when triples are added, and then the old inferred
graph holds a triple the full reasoning would not give. Such a rule is checked: its conclusions
on the old store (*before*) must all be among its conclusions on the new one (*after*).

Three things make the check cheap without making it unsound:

- **Where a rule is not monotonic** (:func:`sensitive_reads`). A rule's solutions only grow
  when triples are added, except through its *sensitive* parts: the right side of a ``MINUS``,
  the pattern of ``[NOT] EXISTS``, the optional side of an ``OPTIONAL`` (and its filter), and
  whatever lies under an aggregate or a ``LIMIT``/``OFFSET``. Everything else (joins, unions,
  filters on values, ``BIND``, projection, ``DISTINCT``, the left side of ``MINUS`` and
  ``OPTIONAL``) maps more input solutions to more output solutions, and a ``CONSTRUCT`` maps
  more solutions to more triples. So if no added triple — asserted in a new graph, or inferred
  while continuing — has a key (:func:`hrgraph.reason.rules.triple_key`) that a pattern of a
  sensitive part can match, every sensitive part has the same solutions as before, and the
  rule's conclusions can only have grown: it need not be checked (:func:`touched`).
- **Parts counted on their own** (:func:`parts`). When each sensitive part is itself monotonic
  (a ``MINUS`` or ``OPTIONAL`` group, a ``NOT EXISTS`` triple block, with no negation or
  aggregate inside), a part's solutions can only grow, so they are the same iff their number
  is: the previous build keeps each part's number of solutions, and a rule whose parts all have
  as many as before is not checked either (bound-by-article when a State report names actors
  but no reservation). An ``OPTIONAL`` group only the template reads is no part.
- **The conclusions before are kept by the build that made the store** (:class:`Conclusions`):
  128-bit BLAKE2b digests of each watched rule's conclusions (N-Triples lines) on its final
  store, so that the next build evaluates each checked rule once (after), not twice. A rule not
  checked keeps its conclusions only if nothing added reaches any of its patterns (then they are
  the same); one whose other patterns were reached may have concluded more, and a kept subset
  would hide a later withdrawal of what it added, so it keeps none: the next build computes them
  if it needs them before it starts, and, for a rule made of parts, if a part changed it cannot
  tell and the caller reasons in full.

A digest collision could hide a withdrawn conclusion only if a withdrawn triple's digest equals
that of a conclusion after: with n conclusions the chance is about n / 2^128 per withdrawn triple.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, QuerySolutions, QueryTriples, RdfFormat

from hrgraph.reason.rules import (
    ANY,
    ANY_TYPE,
    RDF_TYPE,
    Rule,
    _pattern_keys,
    algebra,
    pattern_triples,
    reads_key,
    text_key,
    triple_key,
    walk,
)
from hrgraph.store import GraphStore

DIGEST_SIZE = 16

#: Algebra nodes (rdflib's names) under which added triples can take solutions away: every
#: part of them is sensitive.
_SENSITIVE_ALL = frozenset({"AggregateJoin", "Group", "Slice"})
#: Nodes whose second part (``p2``; and ``expr`` for OPTIONAL's filter) is sensitive.
_SENSITIVE_RIGHT = frozenset({"Minus", "LeftJoin"})
_EXISTS = frozenset({"Builtin_EXISTS", "Builtin_NOTEXISTS"})


def sensitive_reads(rule: Rule) -> frozenset[str]:
    """The keys read by the triple patterns of ``rule``'s sensitive parts (module docstring);
    empty for a monotonic rule. A negated property set (``!p``) in a sensitive part reads ``*``."""
    if rule.analysis.monotonic:
        return frozenset()
    # A rule not monotonic by the analysis but with no sensitive pattern found here is read as
    # reading anything there (checked whenever something is added), never as monotonic.
    return _reads(rule.sparql)[0] or frozenset({ANY})


def all_reads(rule: Rule) -> frozenset[str]:
    """The keys every triple pattern of ``rule`` reads, those of ``[NOT] EXISTS`` included
    (:attr:`hrgraph.reason.rules.Rule.reads` misses those: rdflib leaves them as parsed)."""
    return _reads(rule.sparql)[1]


#: What :func:`_reads` and :func:`parts` found for a rule text, by the SHA-256 of the text, as
#: a previous build kept it (:func:`analysis`): reading it saves parsing the rules (0.4 s).
_KEPT: dict[str, dict[str, Any]] = {}


def analysis(rules: Iterable[Rule]) -> dict[str, dict[str, Any]]:
    """The reads and parts of ``rules`` (rules that are not monotonic: this is not checked, to
    spare parsing them), by the SHA-256 of their text."""
    table = {}
    for rule in rules:
        sensitive, every = _reads(rule.sparql)
        found = parts(rule.sparql)
        table[text_key(rule.sparql)] = {
            "sensitive": sorted(sensitive),
            "all": sorted(every),
            "parts": None if found is None else list(found),
        }
    return table


@cache
def _reads(sparql: str) -> tuple[frozenset[str], frozenset[str]]:
    """The sensitive reads and all reads of a rule."""
    kept = _KEPT.get(text_key(sparql))
    if kept is not None:
        return frozenset(kept["sensitive"]), frozenset(kept["all"])
    parsed = algebra(sparql)
    return frozenset(_sensitive_keys(parsed.p, False)), frozenset(_sensitive_keys(parsed.p, True))


def _sensitive_keys(node: Any, sensitive: bool) -> Iterator[str]:
    from rdflib.paths import NegatedPath
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, list | tuple):
        for value in node:
            yield from _sensitive_keys(value, sensitive)
        return
    if not isinstance(node, CompValue):
        return
    triples = pattern_triples(node)
    if triples is not None:
        if sensitive:
            yield from (key for key, _ in _pattern_keys(triples))
            if any(_negated(t[1], NegatedPath) for t in triples):
                yield ANY
        return
    if node.name in _SENSITIVE_ALL or node.name in _EXISTS:
        sensitive = True
    for name, value in node.items():
        inner = sensitive or (node.name in _SENSITIVE_RIGHT and name in ("p2", "expr"))
        yield from _sensitive_keys(value, inner)


def _negated(path: Any, negated: type) -> bool:
    if isinstance(path, negated):
        return True
    for attr in ("args", "arg", "path"):
        value = getattr(path, attr, None)
        for part in value if isinstance(value, list) else [value] if value is not None else []:
            if _negated(part, negated):
                return True
    return False


def matches(key: str, reads: frozenset[str]) -> bool:
    """Whether a triple with ``key`` can match a pattern that reads one of ``reads``: the key
    itself, ``*``, ``type *`` (any ``rdf:type`` triple) or ``rdf:type`` (a path step ``a``)."""
    return any(reads_key(read, key) for read in reads)


def touched(reads: frozenset[str], added: Iterable[str]) -> bool:
    """Whether any of the keys ``added`` can match a pattern reading ``reads``."""
    return any(matches(key, reads) for key in added)


def quad_keys(quads: Iterable[Any]) -> set[str]:
    return {
        triple_key(q.predicate.value, q.object.value if isinstance(q.object, NamedNode) else None)
        for q in quads
    }


def count_keys(store: GraphStore, graph: str, keys: Iterable[str]) -> dict[str, int]:
    """How many triples of ``graph`` have each of ``keys`` (``*`` and ``type *`` count all
    triples and all ``rdf:type`` triples); counted by the engine."""
    counts = {}
    g = NamedNode(graph)
    for key in sorted(set(keys)):
        if key == ANY:
            pattern = "?s ?p ?o"
        elif key in (ANY_TYPE, RDF_TYPE):
            pattern = f"?s <{RDF_TYPE}> ?o"
        elif key.startswith("type "):
            pattern = f"?s <{RDF_TYPE}> {NamedNode(key[5:])}"
        else:
            pattern = f"?s {NamedNode(key)} ?o"
        rows = store.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ {pattern} }} }}")
        assert isinstance(rows, QuerySolutions)
        counts[key] = int(next(iter(rows))["n"].value)
    return counts


def digests(store: GraphStore, rule: Rule) -> frozenset[bytes]:
    """The digests of ``rule``'s conclusions on the union of the store's graphs."""
    result = store.store.query(rule.sparql, use_default_graph_as_union=True)
    assert isinstance(result, QueryTriples)
    lines = result.serialize(format=RdfFormat.N_TRIPLES) or b""
    return frozenset(hashlib.blake2b(line, digest_size=DIGEST_SIZE).digest() for line in lines.splitlines())


# The sensitive parts as queries of their own ----------------------------------------------------
# A MINUS or OPTIONAL group, or a NOT EXISTS pattern, with no negation, optional part or aggregate
# inside, is monotonic: its solutions only grow when triples are added, so they are unchanged iff
# their number is (the distinct solutions of ``SELECT DISTINCT *``, counted by the engine). MINUS
# and OPTIONAL evaluate their group on its own; NOT EXISTS substitutes the row's bindings into its
# pattern, which for a plain triple block selects among the block's own solutions. So if every
# part of a rule has as many solutions as before, the rule's conclusions can only have grown.
# An OPTIONAL group of plain triples whose variables are either bound by a triple pattern at the
# top of the WHERE clause before it, or used nowhere else in it (only in the template), is no part:
# a new optional match only binds variables that nothing but the template reads, which then
# gives more triples, never fewer (obligation-from-recommendation's ``hrg:concernsArticle``).

_KEYWORD = re.compile(r"\b(MINUS|OPTIONAL|EXISTS)\s*\{", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$]([A-Za-z0-9_]+)")
_TOKENS = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*')


def _strip_comments(text: str) -> str:
    """``text`` without comments (a ``#`` in an IRI or a string is kept)."""
    return _TOKENS.sub(lambda m: "" if m.group().startswith("#") else m.group(), text)


def _group(text: str, start: int) -> int:
    """The index just past the group whose ``{`` is at ``start`` (braces in IRIs and strings
    do not count)."""
    depth, i = 0, start
    while i < len(text):
        token = _TOKENS.match(text, i)
        if token:
            i = token.end()
            continue
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
        if depth == 0:
            return i
    raise ValueError("unbalanced braces")


def _top_level(body: str) -> str:
    """The WHERE body at depth 0: without nested groups and parenthesised expressions."""
    out, depth, i = [], 0, 0
    while i < len(body):
        token = _TOKENS.match(body, i)
        if token:
            if depth == 0:
                out.append(token.group())
            i = token.end()
            continue
        ch = body[i]
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        elif depth == 0:
            out.append(ch)
        i += 1
    return "".join(out)


@cache
def parts(sparql: str) -> tuple[str, ...] | None:
    """The count queries of a rule's sensitive parts (comment above), or None when the rule is
    not made of such parts (an aggregate, a LIMIT, a nested negation, a NOT EXISTS over more
    than triples): then only its whole conclusions can be compared."""
    from rdflib.plugins.sparql import prepareQuery

    kept = _KEPT.get(text_key(sparql))
    if kept is not None:
        return None if kept["parts"] is None else tuple(kept["parts"])
    names = _algebra_names(sparql)
    if names is None:
        return None
    text = _strip_comments(sparql)
    where = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
    construct = re.search(r"\bCONSTRUCT\b", text, re.IGNORECASE)
    if where is None or construct is None:
        return None
    prologue = text[: construct.start()]
    body_start = where.end() - 1
    body = text[body_start : _group(text, body_start)]
    found = [(m.group(1).upper(), m.end() - 1) for m in _KEYWORD.finditer(body)]
    expected = {
        "MINUS": names.count("Minus"),
        "OPTIONAL": names.count("LeftJoin"),
        "EXISTS": sum(names.count(n) for n in _EXISTS),
    }
    if {k: sum(1 for f, _ in found if f == k) for k in expected} != expected:
        return None  # the text and the algebra do not agree on the parts: not read right here
    queries = []
    for keyword, start in found:
        group = _part(body, keyword, start)
        if group is None:
            return None
        if group:
            queries.append(f"{prologue}SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT * WHERE {group} }}")
    for query in queries:
        prepareQuery(query)  # a part that does not parse on its own: a ParseException here
    return tuple(queries)


def _algebra_names(sparql: str) -> list[str] | None:
    """The names of the algebra nodes of a rule; None if it has a sensitive node that is not a
    part (an aggregate, a LIMIT, an EXISTS over more than a block of triples)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    nodes = [n for n in walk(algebra(sparql).p) if isinstance(n, CompValue)]
    for node in nodes:
        if node.name in _SENSITIVE_ALL:
            return None
        if node.name in _EXISTS:
            graph = node["graph"]
            blocks = graph["part"] if isinstance(graph, CompValue) and "part" in graph else [None]
            if any(not isinstance(b, CompValue) or b.name != "TriplesBlock" for b in blocks):
                return None
    return [n.name for n in nodes]


def _part(body: str, keyword: str, start: int) -> str | None:
    """The group at ``start`` of the WHERE ``body`` as a part; "" if it is no part (an OPTIONAL
    only the template reads), None if it cannot be one."""
    end = _group(body, start)
    group = body[start:end]
    if _KEYWORD.search(group[1:]):
        return None  # nested: not monotonic in itself
    if keyword == "OPTIONAL":
        if re.search(r"\b(FILTER|BIND|VALUES|SERVICE|GRAPH)\b|[{}]", group[1:-1], re.IGNORECASE):
            return None
        top = set(_VARIABLE.findall(_top_level(body[1:start])))  # bound before the group
        outside = set(_VARIABLE.findall(body[:start] + body[end:]))
        if all(v in top or v not in outside for v in _VARIABLE.findall(group)):
            return ""
    elif keyword == "EXISTS" and re.search(r"[{}]", group[1:-1]):
        return None
    return group


def count_parts(store: GraphStore, rule: Rule) -> list[int] | None:
    """How many solutions each sensitive part of ``rule`` has on the store (None: see :func:`parts`)."""
    queries = parts(rule.sparql)
    if queries is None:
        return None
    counts = []
    for query in queries:
        rows = store.store.query(query, use_default_graph_as_union=True)
        assert isinstance(rows, QuerySolutions)
        counts.append(int(next(iter(rows))["n"].value))
    return counts


def _keep_analysis(table: Any) -> None:
    """Take up a kept :func:`analysis` table if it has the shape :func:`analysis` gives."""
    if not isinstance(table, dict):
        return
    for key, entry in table.items():
        if (
            isinstance(entry, dict)
            and isinstance(entry.get("sensitive"), list)
            and isinstance(entry.get("all"), list)
            and (entry.get("parts") is None or isinstance(entry.get("parts"), list))
        ):
            _KEPT[str(key)] = entry


def made_of_parts(rule: Rule, counts: dict[str, list[int]]) -> bool:
    """Whether ``rule`` is made of parts and ``counts`` holds their numbers of solutions."""
    return rule.name in counts and parts(rule.sparql) is not None


def compare(
    store: GraphStore, watched: list[Rule], added: set[str], before: Conclusions
) -> Conclusions | None:
    """After continuing: what each rule of ``watched`` concludes on the store, as far as known,
    with ``checked`` (the rules whose conclusions were compared); None if one was withdrawn, or
    may have been and cannot be told (module docstring).

    A rule whose sensitive parts nothing ``added`` (keys) can reach, or whose parts have as
    many solutions as ``before``, can only have concluded more: not evaluated. Its conclusions
    stay known if nothing it reads was added; its parts' counts stay known. Any other rule has
    its conclusions compared with ``before``'s, and if those are not known, it cannot be told."""
    after = Conclusions()
    for rule in watched:
        name = rule.name
        counts = before.parts.get(name)
        if touched(sensitive_reads(rule), added):
            counts = count_parts(store, rule)
            if counts is None or counts != before.parts.get(name):
                if name not in before.rules:
                    return None  # not kept (it concluded more, unevaluated, in an earlier build)
                after.checked.append(name)
                after.rules[name] = digests(store, rule)
                if before.rules[name] - after.rules[name]:
                    return None
        if counts is not None:
            after.parts[name] = counts
        if name not in after.rules and name in before.rules and not touched(all_reads(rule), added):
            after.rules[name] = before.rules[name]  # nothing it reads was added: the same
    return after


@dataclass
class Conclusions:
    """What the rules that are not monotonic conclude on one store: by rule name, the digests
    of their conclusions (``rules``) and the numbers of solutions of their parts (``parts``, for
    the rules made of parts: :func:`parts`); ``seconds`` is how long computing them took."""

    rules: dict[str, frozenset[bytes]] = field(default_factory=dict)
    parts: dict[str, list[int]] = field(default_factory=dict)
    seconds: float = 0.0
    checked: list[str] = field(default_factory=list)  # by :func:`compare`: the rules compared

    @classmethod
    def of(cls, store: GraphStore, rules: Iterable[Rule]) -> Conclusions:
        import time

        started = time.perf_counter()
        watched = [r for r in rules if not r.analysis.monotonic]
        found = {r.name: digests(store, r) for r in watched}
        counted = {r.name: c for r in watched if (c := count_parts(store, r)) is not None}
        return cls(found, counted, time.perf_counter() - started)

    def write(self, path: Path, header: dict[str, Any]) -> None:
        """One JSON line (``header``, and each rule's count, in order), then the sorted digests.
        A header's ``analysis`` (:func:`analysis`) is taken up again by :meth:`read`."""
        from hrgraph.store import atomic_write

        names = sorted(self.rules)
        head = {**header, "rules": {n: len(self.rules[n]) for n in names}, "parts": self.parts}
        with atomic_write(path) as out:
            out.write(json.dumps(head, sort_keys=True).encode() + b"\n")
            for name in names:
                out.write(b"".join(sorted(self.rules[name])))

    @classmethod
    def read(cls, path: Path) -> tuple[dict[str, Any], Conclusions]:
        """The header and the conclusions of a file :meth:`write` wrote; ValueError if it is not one."""
        data = path.read_bytes()
        end = data.find(b"\n")
        head = json.loads(data[:end])
        if not isinstance(head, dict) or not isinstance(head.get("rules"), dict):
            raise ValueError(f"{path}: no header")
        _keep_analysis(head.get("analysis"))
        counted = head.get("parts")
        if not isinstance(counted, dict) or not all(
            isinstance(v, list) and all(isinstance(n, int) for n in v) for v in counted.values()
        ):
            raise ValueError(f"{path}: no part counts")
        offset, rules = end + 1, {}
        for name, count in head["rules"].items():
            size = int(count) * DIGEST_SIZE
            chunk = data[offset : offset + size]
            if len(chunk) != size:
                raise ValueError(f"{path}: truncated")
            rules[name] = frozenset(chunk[i : i + DIGEST_SIZE] for i in range(0, size, DIGEST_SIZE))
            offset += size
        if offset != len(data):
            raise ValueError(f"{path}: trailing bytes")
        return head, cls(rules, {str(k): list(v) for k, v in counted.items()})
