"""The linear rules compiled against the schema (``hrgraph.reason.compiled``) derive what the
rules themselves derive. Oracle: naive evaluation of the rule files, every rule on the whole store
until it stops growing (``naive_closure`` of tests/test_incremental_reasoning.py)."""

from __future__ import annotations

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from hrgraph.reason import run_rules
from hrgraph.reason.compiled import Compiled, compilable, compile_rules
from hrgraph.reason.rules import Rule, load_rules
from hrgraph.store import GraphStore
from tests.test_incremental_reasoning import PREFIX, RDFS, naive_closure_of, triples

EX = "urn:ex:"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = f"""
<{EX}p> <{RDFS}subPropertyOf> <{EX}q> .
<{EX}q> <{RDFS}domain> <{EX}D> .
<{EX}q> <{RDFS}range> <{EX}R> .
<{EX}D> <{RDFS}subClassOf> <{EX}E> .
<{EX}q> <{OWL}inverseOf> <{EX}qi> .
<{EX}qi> <{RDFS}domain> <{EX}R2> .
"""


def store_of(data: str) -> GraphStore:
    store = GraphStore()
    store.load_bytes((SCHEMA + data).encode(), "ttl", graph="urn:g")
    return store


def rule(name: str, body: str) -> Rule:
    return Rule(name, "test", name, PREFIX + body)


def compiled_against(rules: list[Rule], store: GraphStore) -> Compiled:
    """``rules`` compiled against the schema of ``store``, each with the vocabulary the reasoner
    learns for it."""
    from hrgraph.reason import _Agenda

    vocabulary: dict[str, frozenset[str] | None] = {}
    for r in rules:
        agenda = _Agenda(r)
        agenda.learn_schema(store)
        vocabulary[r.name] = agenda.vocabulary
    return compile_rules(rules, store.store, vocabulary)


def test_the_owl_rl_data_rules_compile_and_the_others_do_not() -> None:
    names = {r.name for r in load_rules() if compilable(r)}
    assert names == {"cax-sco", "prp-dom", "prp-inv", "prp-rng", "prp-spo1"}


@pytest.mark.parametrize(
    "body",
    [
        # the data object's value, not its kind, is read
        'CONSTRUCT { ?x a hrg:T } WHERE { ?p rdfs:domain ?c . ?x ?p ?y FILTER (STR(?y) != "") }',
        # a constant object: the key does not say which triples match
        "CONSTRUCT { ?x a hrg:T } WHERE { ?p rdfs:domain ?c . ?x ?p hrg:o }",
        # one variable for subject and object: a prototype's subject is never its object
        "CONSTRUCT { ?x a hrg:T } WHERE { ?p rdfs:domain ?c . ?x ?p ?x }",
        # the data pattern's subject joined to the schema
        "CONSTRUCT { ?x a hrg:T } WHERE { ?x rdfs:subClassOf ?c . ?x hrg:p ?y }",
    ],
)
def test_a_rule_that_reads_more_than_a_triples_key_and_kinds_is_not_compiled(body: str) -> None:
    assert not compilable(rule("r", body))


def test_a_chain_is_one_look_up_and_kinds_are_kept() -> None:
    """x p y: spo1 gives x q y, dom gives x a D, cax-sco x a E, rng y a R, inv y qi x, and dom of
    qi y a R2; from a literal object only what concerns the subject (no y a R, no inverse)."""
    store = store_of("")
    rules = load_rules(groups=("owl-rl",))
    compiled = compiled_against(rules, store)
    x, y, p, q = NamedNode(EX + "x"), NamedNode(EX + "y"), NamedNode(EX + "p"), NamedNode(EX + "q")
    a = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    got = compiled.derive([Triple(x, p, y)]).triples()
    assert got == {
        Triple(x, q, y),
        Triple(x, a, NamedNode(EX + "D")),
        Triple(x, a, NamedNode(EX + "E")),
        Triple(y, a, NamedNode(EX + "R")),
        Triple(y, NamedNode(EX + "qi"), x),
        Triple(y, a, NamedNode(EX + "R2")),
    }
    lit = Literal("v")
    assert compiled.derive([Triple(x, p, lit)]).triples() == {
        Triple(x, q, lit),
        Triple(x, a, NamedNode(EX + "D")),
        Triple(x, a, NamedNode(EX + "E")),
    }
    b = BlankNode("b1")
    assert Triple(b, a, NamedNode(EX + "E")) in compiled.derive([Triple(b, p, y)]).triples()


def test_closure_with_compiled_rules_equals_naive_evaluation() -> None:
    data = f'<{EX}x> <{EX}p> <{EX}y> .\n<{EX}x> <{EX}p> "lit" .\n<{EX}w> <{EX}p> <{EX}z> .\n'
    join = rule("join", "CONSTRUCT { ?y hrg:p ?x } WHERE { ?x <urn:ex:q> ?y . ?y a <urn:ex:R> }")
    rules = [*load_rules(groups=("owl-rl",)), join]
    store = store_of(data)
    stats = run_rules(store, rules)
    assert set(stats["compiled"]["rules"]) == {"cax-sco", "prp-dom", "prp-inv", "prp-rng", "prp-spo1"}
    assert triples(store) == naive_closure_of(store_of(data), rules)


def test_the_distinct_terms_of_a_typing_predicate_give_what_its_triples_give() -> None:
    """``r`` and ``s`` only type their subject and object (domain, range): the first pass reads
    their distinct subjects and objects from the engine, ``p`` (a sub-property) triple by triple.
    Oracle: the same templates applied to every triple of the store, and naive evaluation; with
    a blank node subject, a literal object (no range type), a triple in two graphs."""
    schema = f"<{EX}r> <{RDFS}domain> <{EX}D> ; <{RDFS}range> <{EX}R> .\n<{EX}s> <{RDFS}domain> <{EX}D> .\n"
    data = schema + (
        f'<{EX}x> <{EX}r> <{EX}y> .\n<{EX}x> <{EX}r> "lit" .\n_:b1 <{EX}r> <{EX}y> .\n'
        f"<{EX}w> <{EX}s> _:c .\n<{EX}v> <{EX}p> <{EX}y> .\n"
    )
    rules = load_rules(groups=("owl-rl",))
    store = store_of(data)
    store.load_bytes(f"<{EX}x> <{EX}r> <{EX}y> .".encode(), "nt", graph="urn:g2")
    compiled = compiled_against(rules, store)
    assert compiled._by_role(EX + "r") is not None and compiled._by_role(EX + "p") is None
    every = compiled.derive(store.store.quads_for_pattern(None, None, None, None))
    assert compiled.derive_from_store(store.store).triples() == every.triples()
    naive = GraphStore()
    naive.add_quads(list(store.store))  # the same blank nodes
    run_rules(store, rules)
    assert triples(store) == naive_closure_of(naive, rules)


def test_a_schema_triple_added_by_a_rule_compiles_again() -> None:
    """A domain rule adding ``C rdfs:subClassOf E`` after the first compilation: what the new
    schema gives from the triples already closed is derived too (x a C ⇒ x a E, x a F)."""
    data = f"<{EX}x> a <{EX}C> .\n<{EX}C> <{EX}marked> true .\n<{EX}E> <{RDFS}subClassOf> <{EX}F> .\n"
    marker = rule("marker", f"CONSTRUCT {{ ?c rdfs:subClassOf <{EX}E> }} WHERE {{ ?c <{EX}marked> true }}")
    rules = [*load_rules(groups=("owl-rl",)), marker]
    store = store_of(data)
    run_rules(store, rules)
    assert store.ask(f"ASK {{ <{EX}x> a <{EX}F> }}")
    assert triples(store) == naive_closure_of(store_of(data), rules)


def test_a_template_with_a_fresh_blank_node_is_run_as_sparql() -> None:
    """A linear rule constructing a blank node cannot be a template (a new node per solution)."""
    fresh = rule(
        "fresh", "CONSTRUCT { ?x hrg:note [ a hrg:Note ] } WHERE { ?x a ?c . ?c rdfs:subClassOf ?d }"
    )
    assert compilable(fresh)
    store = store_of(f"<{EX}x> a <{EX}D> .\n")
    stats = run_rules(store, [*load_rules(groups=("owl-rl",)), fresh])
    assert "fresh" not in stats["compiled"]["rules"]
    assert stats["rule_runs"]["fresh"] >= 1
    assert store.ask("ASK { ?x <https://w3id.org/hrgraph/ontology#note> ?n . ?n a ?t }")
