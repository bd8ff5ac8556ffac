"""What continuing a reasoning must check, and what it may skip (issue #22, adding a document).

:func:`hrgraph.reason.reason_more` continues the reasoning of a store from the triples of new
graphs. For a monotonic rule that is exact; a rule with ``MINUS``, ``NOT EXISTS``, ``OPTIONAL``
or an aggregate may *withdraw* a conclusion when triples are added, and then the old inferred
graph holds a triple the full reasoning would not give. Such a rule is checked: its conclusions
on the old store (*before*) must all be among its conclusions on the new one (*after*).

Two things make the check cheap without making it unsound:

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
- **The conclusions before are kept by the build that made the store** (:class:`Conclusions`):
  128-bit BLAKE2b digests of each watched rule's conclusions (N-Triples lines) on its final
  store, so that the next build evaluates each checked rule once (after), not twice. A rule not
  checked keeps its conclusions only if nothing added reaches any of its patterns (then they are
  the same); one whose other patterns were reached may have concluded more, and a kept subset
  would hide a later withdrawal of what it added, so it keeps none and the next build that
  needs them computes them.

A digest collision could hide a withdrawn conclusion only if a withdrawn triple's digest equals
that of a conclusion after: with n conclusions the chance is about n / 2^128 per withdrawn triple.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, QuerySolutions, QueryTriples, RdfFormat

from hrgraph.reason.rules import ANY, ANY_TYPE, RDF_TYPE, Rule, _pattern_keys, triple_key
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


@cache
def _reads(sparql: str) -> tuple[frozenset[str], frozenset[str]]:
    """The sensitive reads and all reads of a rule, from one parse (0.1 s for participation)."""
    from rdflib.plugins.sparql import prepareQuery

    algebra = prepareQuery(sparql).algebra
    return frozenset(_sensitive_keys(algebra.p, False)), frozenset(_sensitive_keys(algebra.p, True))


def _sensitive_keys(node: Any, sensitive: bool) -> Iterator[str]:
    from rdflib.paths import NegatedPath
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, list | tuple):
        for value in node:
            yield from _sensitive_keys(value, sensitive)
        return
    if not isinstance(node, CompValue):
        return
    if node.name in ("BGP", "TriplesBlock"):  # a TriplesBlock: an EXISTS pattern rdflib left as parsed
        triples = node.triples if node.name == "BGP" else list(_parsed_triples(node.triples))
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


def _parsed_triples(blocks: list[list[Any]]) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of a parsed ``TriplesBlock``: each block is subject, predicate, object, … flat."""
    for block in blocks:
        for i in range(0, len(block) - 2, 3):
            yield block[i], block[i + 1], block[i + 2]


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
    if key in reads or ANY in reads:
        return True
    if key.startswith("type ") or key == RDF_TYPE:
        return ANY_TYPE in reads or RDF_TYPE in reads
    return False


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


@dataclass
class Conclusions:
    """The conclusions of the rules that are not monotonic, by rule name, as digests, on one
    store; ``seconds`` is how long computing them took."""

    rules: dict[str, frozenset[bytes]] = field(default_factory=dict)
    seconds: float = 0.0

    @classmethod
    def of(cls, store: GraphStore, rules: Iterable[Rule]) -> Conclusions:
        import time

        started = time.perf_counter()
        found = {r.name: digests(store, r) for r in rules if not r.analysis.monotonic}
        return cls(found, time.perf_counter() - started)

    def write(self, path: Path, header: dict[str, Any]) -> None:
        """One JSON line (``header``, and each rule's count, in order), then the sorted digests."""
        from hrgraph.store import atomic_write

        names = sorted(self.rules)
        head = {**header, "rules": {n: len(self.rules[n]) for n in names}}
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
        return head, cls(rules)
