"""The oracle of the OWL-RL rule files: owlrl's closure of the same graphs, compared.

The reasoner does not import this module; tests and ``python -m hrgraph.reason.owlrl_check``
do. Only the triples the rule files cover are compared (:func:`covered`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import owlrl

from hrgraph import iri
from hrgraph.build import BuildReport, assemble
from hrgraph.namespace import RDF
from hrgraph.reason import INFERRED, reason
from hrgraph.store import GraphStore


def owlrl_closure(store: GraphStore, graphs: list[str] | None = None) -> set[tuple[str, str, str]]:
    """The OWL 2 RL closure computed by owlrl over ``graphs`` (default: all but inferred)."""
    chosen = graphs if graphs is not None else [g for g in store.graphs() if g != INFERRED]
    g = store.to_rdflib(chosen)
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
    """``python -m hrgraph.reason.owlrl_check``: the OWL-RL rules against owlrl on the seeds, as figures."""
    store = assemble(BuildReport(Path("build")))
    figures = compare_with_owlrl(store)
    for key, value in figures.items():
        shown = len(value) if isinstance(value, list) else value
        print(f"{key:>24}: {shown}")


if __name__ == "__main__":
    main()
