"""Reasoning inside a SPARQL 1.1 store: the rules of ``ontology/rules/`` as SPARQL Update.

``hrgraph reason --endpoint URL`` runs on a server that holds the asserted graphs (pushed with
``hrgraph push``) the same rule files the embedded reasoner (:mod:`hrgraph.reason`) runs, each
rewritten from ``CONSTRUCT { T } WHERE { P }`` to ``INSERT { GRAPH <inferred> { T } } WHERE
{ P }`` (:func:`as_insert`), so that the data never leaves the server:

1. the inferred graph is dropped (``DROP SILENT GRAPH``);
2. the rules run in the order of :func:`hrgraph.reason.rules.order`, schema rules first, then
   linear ones, then the others, as in the embedded agenda; a rule runs again only while triples
   with a key it reads (:mod:`hrgraph.reason.rules`) keep being added. What was added is seen by
   counting the inferred graph's triples per key after each run (one grouped ``COUNT``), so the
   fixpoint is reached when no rule that is due adds a triple;
3. inferred triples that another graph already asserts are deleted from the inferred graph (the
   embedded reasoner never adds them; here they are added, and seen by the rules as before since
   the rules read the union of the graphs, then removed);
4. the rule descriptions (:func:`hrgraph.reason._describe`) are inserted.

The result is the embedded build's inferred graph, triple for triple, where the server evaluates
the rules as SPARQL 1.1 says; docs/portability.md lists what Virtuoso does otherwise.

The rules read the union of the graphs as their default graph: start the Oxigraph server with
``--union-default-graph``; Virtuoso's default graph is the union already.

>>> print(as_insert("PREFIX x: <urn:x#>\\nCONSTRUCT { ?s x:q ?o } # {\\nWHERE { ?s x:p ?o }", "urn:g"))
PREFIX x: <urn:x#>
INSERT { GRAPH <urn:g> { ?s x:q ?o } } # {
WHERE { ?s x:p ?o }
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pyoxigraph import NamedNode, Quad

from hrgraph.reason import INFERRED, MAX_RUNS_PER_RULE, _describe, figures
from hrgraph.reason.rules import RDF_TYPE, SCHEMA_PREDICATES, Rule, load_rules, next_due, order
from hrgraph.remote import Client, Remote, RemoteError, remote_select, update

#: Rule descriptions per INSERT DATA request (each holds the rule's text: keep requests small).
DESCRIPTIONS_PER_REQUEST = 12


def _mask(sparql: str) -> str:
    """``sparql`` with the insides of comments, strings and IRIs blanked out (same length), so
    that keywords and braces can be found by position."""
    out, i, n = list(sparql), 0, len(sparql)

    def blank(start: int, end: int) -> None:
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        ch = sparql[i]
        if ch == "#":
            end = sparql.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif ch in "\"'":
            quote = sparql[i : i + 3] if sparql[i : i + 3] in ('"""', "'''") else ch
            j = i + len(quote)
            while j < n and sparql[j : j + len(quote)] != quote:
                j += 2 if sparql[j] == "\\" else 1
            blank(i + 1, min(j + len(quote) - 1, n))
            i = j + len(quote)
        elif ch == "<" and (m := re.match(r"<[^\s<>\"{}|^`]*>", sparql[i:])):
            blank(i + 1, i + m.end() - 1)
            i += m.end()
        else:
            i += 1
    return "".join(out)


def as_insert(sparql: str, graph: str) -> str:
    """The rule ``sparql`` (a ``CONSTRUCT { template } WHERE { … }``) as a SPARQL 1.1 Update
    inserting its template into ``graph``; prologue, comments and ``WHERE`` kept as they are."""
    mask = _mask(sparql)
    found = re.search(r"\bCONSTRUCT\s*\{", mask, re.IGNORECASE)
    if found is None:
        raise ValueError("an inference rule must be a CONSTRUCT query with a template")
    depth, at = 0, found.end() - 1
    for at in range(found.end() - 1, len(mask)):
        depth += {"{": 1, "}": -1}.get(mask[at], 0)
        if depth == 0:
            break
    if depth or not re.match(r"\s*WHERE\b", mask[at + 1 :], re.IGNORECASE):
        raise ValueError("an inference rule must be written CONSTRUCT { template } WHERE { pattern }")
    template = sparql[found.end() : at]
    return f"{sparql[: found.start()]}INSERT {{ GRAPH {NamedNode(graph)} {{{template}}} }}{sparql[at + 1 :]}"


KEY_COUNTS = f"""SELECT ?key (COUNT(*) AS ?n) WHERE {{
  GRAPH {NamedNode(INFERRED)} {{ ?s ?p ?o }}
  BIND (IF(?p = <{RDF_TYPE}> && isIRI(?o), CONCAT("type ", STR(?o)), STR(?p)) AS ?key)
}} GROUP BY ?key"""

# The named graphs (grouped and counted: Virtuoso 7.2 answers this at once at 100k triples, but
# ran out of its minute on the same query as SELECT DISTINCT ?g).
GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def asserted_in(graph: str) -> str:
    """Delete the inferred triples that ``graph`` asserts (step 3 of the docstring), one graph
    per request: Virtuoso 7.2 took more than a minute (its query time limit in the tests) over
    one ``GRAPH ?g`` join at 100k triples, and a fraction of a second per named graph."""
    return f"""DELETE {{ GRAPH {NamedNode(INFERRED)} {{ ?s ?p ?o }} }}
WHERE {{
  GRAPH {NamedNode(INFERRED)} {{ ?s ?p ?o }}
  GRAPH {NamedNode(graph)} {{ ?s ?p ?o }}
}}"""


@dataclass
class _Due:
    rule: Rule
    ran: bool = False
    seen: dict[str, int] = field(default_factory=dict)
    #: For a rule whose data pattern the schema binds: the IRIs its schema triples name.
    vocabulary: frozenset[str] | None = None

    def due(self, counts: dict[str, int]) -> bool:
        if not self.ran:
            return True
        return any(
            n > self.seen.get(k, 0) and self.rule.may_read(k, self.vocabulary) for k, n in counts.items()
        )


class RemoteReasoner:
    """Runs rules on one server: updates at ``remote.endpoint``, counts at ``remote.reads_from``."""

    def __init__(self, remote: Remote) -> None:
        self.remote = remote
        self.client = Client(remote)

    def update(self, sparql: str) -> None:
        update(self.client, sparql)

    def select(self, sparql: str) -> list[dict[str, Any]]:
        r = self.remote
        return remote_select(
            r.reads_from, sparql, user=r.user, password=r.password, auth=r.auth, timeout=r.timeout
        )

    def key_counts(self) -> dict[str, int]:
        """Triples of the inferred graph per key (predicate, or ``type <class>``)."""
        return {str(row["key"].value): int(row["n"].value) for row in self.select(KEY_COUNTS) if "key" in row}

    def vocabulary(self, rule: Rule) -> frozenset[str] | None:
        """The IRIs the schema triples ``rule`` reads name, in any graph (None: not schema-bound)."""
        if rule.analysis.schema_bound is None:
            return None
        names: set[str] = set()
        for predicate in sorted(rule.reads & SCHEMA_PREDICATES):
            rows = self.select(f"SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicate}> ?o }}")
            names.update(str(t.value) for row in rows for t in row.values() if isinstance(t, NamedNode))
        return frozenset(names)

    def size(self) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {NamedNode(INFERRED)} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"].value) if rows else 0

    def insert_quads(self, quads: Iterable[Quad]) -> None:
        lines = [f"{q.subject} {q.predicate} {q.object} ." for q in quads]
        for start in range(0, len(lines), DESCRIPTIONS_PER_REQUEST):
            body = "\n".join(lines[start : start + DESCRIPTIONS_PER_REQUEST])
            self.update(f"INSERT DATA {{ GRAPH {NamedNode(INFERRED)} {{\n{body}\n}} }}")


def run_rules_remote(reasoner: RemoteReasoner, rules: list[Rule]) -> dict[str, Any]:
    """Run ``rules`` on the server to a fixpoint; per-rule runs, triples added and seconds."""
    agendas = [_Due(rule) for rule in order(rules)]
    inserts = {r.name: as_insert(r.sparql, INFERRED) for r in rules}
    added = {r.name: 0 for r in rules}
    spent = {r.name: 0.0 for r in rules}
    runs = {r.name: 0 for r in rules}
    started = time.perf_counter()
    counts = reasoner.key_counts()
    for agenda in agendas:
        agenda.vocabulary = reasoner.vocabulary(agenda.rule)
    while (due := next_due(agendas, partial(_Due.due, counts=counts))) is not None:
        rule = due.rule
        if runs[rule.name] >= MAX_RUNS_PER_RULE:
            raise RuntimeError(f"rule {rule.name} ran {MAX_RUNS_PER_RULE} times without a fixpoint")
        rule_started = time.perf_counter()
        due.ran, due.seen = True, dict(counts)
        try:
            reasoner.update(inserts[rule.name])
        except RemoteError as err:
            raise RemoteError(
                f"rule {rule.name}: the server refused it (see docs/portability.md; --group runs "
                f"a subset of the rules): {err}"
            ) from None
        after = reasoner.key_counts()
        if any(after.get(k, 0) > counts.get(k, 0) for k in SCHEMA_PREDICATES):
            for agenda in agendas:  # the schema grew: what schema-bound rules read may have too
                agenda.vocabulary = reasoner.vocabulary(agenda.rule)
        runs[rule.name] += 1
        added[rule.name] += sum(after.values()) - sum(counts.values())
        spent[rule.name] += time.perf_counter() - rule_started
        counts = after
    return figures(runs, added, spent, started)


def reason_remote(remote: Remote, groups: tuple[str, ...] = ("owl-rl", "domain")) -> dict[str, Any]:
    """Clear the server's inferred graph, run the rules there, drop what other graphs assert,
    describe the rules; returns the figures (as :func:`hrgraph.reason.reason`)."""
    reasoner = RemoteReasoner(remote)
    started = time.perf_counter()
    reasoner.update(f"DROP SILENT GRAPH {NamedNode(INFERRED)}")
    rules = load_rules(groups=groups)
    stats = run_rules_remote(reasoner, rules)
    before = reasoner.size()
    for row in reasoner.select(GRAPHS):
        if isinstance(row.get("g"), NamedNode) and row["g"].value != INFERRED:
            reasoner.update(asserted_in(row["g"].value))
    stats["asserted_elsewhere"] = before - reasoner.size()
    reasoner.insert_quads(_describe(rules))
    stats["triples"] = reasoner.size()
    stats["total_seconds"] = round(time.perf_counter() - started, 3)
    return stats
