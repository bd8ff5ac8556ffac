"""Reasoning: the rules of ``ontology/rules/`` run on the store to a fixpoint.

Each rule is a SPARQL ``CONSTRUCT`` over the union of the named graphs; what it constructs
goes into the ``inferred`` graph. The OWL 2 RL rules hrgraph needs (``owl-rl/``) and the
domain rules (``domain/``: party status, signature, articles binding a party, obligations)
run together until an iteration adds nothing. :func:`owlrl_closure` computes the reference
OWL RL closure with owlrl, to test the fast path against.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, QueryTriples

from hrgraph import iri
from hrgraph.namespace import ONTOLOGY_DIR, RDF, RDFS, hrg
from hrgraph.store import GraphStore

RULES_DIR = ONTOLOGY_DIR / "rules"
RULE_BASE = iri.ID + "rule/"
INFERRED = iri.graph("inferred")
MAX_ITERATIONS = 50


@dataclass(frozen=True)
class Rule:
    name: str
    group: str
    title: str
    sparql: str

    @property
    def iri(self) -> str:
        return RULE_BASE + self.name


def load_rules(directory: Path = RULES_DIR, groups: tuple[str, ...] = ("owl-rl", "domain")) -> list[Rule]:
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


def run_rules(store: GraphStore, rules: list[Rule]) -> dict[str, Any]:
    """Run ``rules`` to a fixpoint; returns per-rule counts of new triples and iterations."""
    graph = NamedNode(INFERRED)
    added: dict[str, int] = {r.name: 0 for r in rules}
    spent: dict[str, float] = {r.name: 0.0 for r in rules}
    started = time.perf_counter()
    iteration = 0
    while iteration < MAX_ITERATIONS:
        iteration += 1
        new_total = 0
        for rule in rules:
            rule_started = time.perf_counter()
            result = store.query(rule.sparql)
            assert isinstance(result, QueryTriples)
            before = len(store)
            store.add_quads(Quad(t.subject, t.predicate, t.object, graph) for t in result)
            fresh = len(store) - before
            added[rule.name] += fresh
            spent[rule.name] += time.perf_counter() - rule_started
            new_total += fresh
        if new_total == 0:
            break
    if new_total:
        raise RuntimeError(f"rules did not reach a fixpoint in {MAX_ITERATIONS} iterations")
    return {
        "iterations": iteration,
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


def owlrl_closure(store: GraphStore, graphs: list[str] | None = None) -> set[tuple[str, str, str]]:
    """The OWL 2 RL closure computed by owlrl over ``graphs`` (default: all but inferred)."""
    import owlrl

    from hrgraph.validate import to_rdflib

    chosen = graphs if graphs is not None else [g for g in store.graphs() if g != INFERRED]
    g = to_rdflib(store, chosen)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return {(str(s), str(p), str(o)) for s, p, o in g}


def covered(triples: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The triples the OWL-RL rule files cover: hrg properties and rdf:type to hrg classes,
    between hrgraph's own resources."""
    type_iri = str(RDF.type)
    out = set()
    for s, p, o in triples:
        if not s.startswith(iri.BASE):
            continue
        if p == type_iri and o.startswith(iri.HRG):
            out.add((s, p, o))
        elif p.startswith(iri.HRG) and o.startswith(iri.BASE):
            out.add((s, p, o))
    return out


def _value(term: object) -> object:
    """A term's lexical value (IRI string, literal text) as owlrl's ``str()`` gives it."""
    return getattr(term, "value", term)


def compare_with_owlrl(store: GraphStore) -> dict[str, Any]:
    """Run the OWL-RL rule files and owlrl on the same asserted graphs; figures and differences.

    ``store`` must hold the asserted graphs and the ontology but no inferred graph.
    """
    asserted = [g for g in store.graphs() if g != INFERRED]
    started = time.perf_counter()
    reference = owlrl_closure(store, asserted)
    owlrl_seconds = time.perf_counter() - started
    stats = reason(store, groups=("owl-rl",))
    ours = {(str(_value(q.subject)), q.predicate.value, str(_value(q.object))) for q in store.quads()}
    ref_cov, our_cov = covered(reference), covered(ours)
    return {
        "owlrl_seconds": round(owlrl_seconds, 3),
        "owlrl_triples": len(reference),
        "rules_seconds": stats["seconds"],
        "rules_inferred_triples": stats["triples"],
        "covered_triples": len(ref_cov),
        "missing_from_rules": sorted(ref_cov - our_cov),
        "extra_in_rules": sorted(our_cov - ref_cov),
    }


def main() -> None:
    """``python -m hrgraph.reason``: the OWL-RL rules against owlrl on the seed graph, as figures."""
    from hrgraph.build import BuildReport, assemble

    store = assemble(BuildReport(Path("build")))
    figures = compare_with_owlrl(store)
    for key, value in figures.items():
        shown = len(value) if isinstance(value, list) else value
        print(f"{key:>24}: {shown}")


if __name__ == "__main__":
    main()
