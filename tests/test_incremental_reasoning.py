"""The incremental reasoner gives the closure naive evaluation gives, and reads rules right."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, QueryTriples

from hrgraph.reason import INFERRED, reason
from hrgraph.reason.rules import ANY, ANY_TYPE, Rule, analyse, load_rules, order
from hrgraph.store import GraphStore
from tests.conftest import fixture_store

HRG = "https://w3id.org/hrgraph/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PREFIX = f"PREFIX hrg: <{HRG}> PREFIX rdfs: <{RDFS}>\n"


def naive_closure(store: GraphStore) -> set[tuple[str, str, str]]:
    """Every rule on the whole store, again and again, until the store stops growing."""
    return naive_closure_of(store, load_rules())


def naive_closure_of(store: GraphStore, rules: list[Rule]) -> set[tuple[str, str, str]]:
    """``rules`` on the whole store, again and again, until the store stops growing."""
    graph = NamedNode(INFERRED)
    while True:
        before = len(store)
        for rule in rules:
            result = store.query(rule.sparql)
            assert isinstance(result, QueryTriples)
            store.add_quads([Quad(t.subject, t.predicate, t.object, graph) for t in result])
        if len(store) == before:
            break
    return triples(store)


def triples(store: GraphStore) -> set[tuple[str, str, str]]:
    """The store's triples whatever their graph, but the rule descriptions."""
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads()
        if not str(q.subject).startswith("<https://w3id.org/hrgraph/id/rule/")
    }


def test_incremental_equals_naive_on_the_fixture() -> None:
    incremental = fixture_store("reasoning/treaty-cases.ttl")
    stats = reason(incremental)
    assert triples(incremental) == naive_closure(fixture_store("reasoning/treaty-cases.ttl"))
    assert stats["added"]["obligation-from-recommendation"] > 0
    assert "obligation-of-bound-state" not in stats["added"]  # answered at query time


@pytest.mark.slow
def test_incremental_equals_naive_on_the_seed_graph() -> None:
    """On the whole seed graph the incremental reasoner derives exactly the naive closure, and
    adds no triple that another graph already holds."""
    from hrgraph.build import BuildReport, assemble

    incremental = assemble(BuildReport(Path("unused")))
    naive = GraphStore()
    naive.add_quads(incremental.quads())
    stats = reason(incremental)
    assert triples(incremental) == naive_closure(naive)
    assert sum(stats["added"].values()) + stats["compiled"]["added"] > 10_000
    assert set(stats["compiled"]["rules"]) == {"cax-sco", "prp-dom", "prp-inv", "prp-rng", "prp-spo1"}
    asserted = {q for g in incremental.graphs() if g != INFERRED for q in triples_of(incremental, g)}
    assert not asserted & triples_of(incremental, INFERRED)


def triples_of(store: GraphStore, graph: str) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(graph)}


def test_rule_reads_and_writes() -> None:
    """If a rule matches ?s hrg:partyTo ?i and MINUS { ?r a hrg:Reservation }, it reads both."""
    rules = {r.name: r for r in load_rules()}
    bound = rules["bound-by-article"]
    assert {HRG + "partyTo", HRG + "articleOf", f"type {HRG}Reservation"} <= bound.reads
    assert bound.writes == {HRG + "boundBy"}
    assert not bound.linear
    assert rules["prp-inv"].writes == {ANY}
    assert ANY_TYPE in rules["cax-sco"].reads


def test_linear_rules_and_what_binds_their_data_pattern() -> None:
    rules = {r.name: r for r in load_rules()}
    assert rules["prp-dom"].linear and rules["prp-dom"].analysis.schema_bound == "predicate"
    assert rules["cax-sco"].linear and rules["cax-sco"].analysis.schema_bound == "class"
    assert rules["scm-sco"].schema and not rules["scm-sco"].linear
    # negation, an optional part or two data patterns make a rule non-linear
    for name in ("bound-by-article", "participation", "eq-sym-trans", "obligation-from-recommendation"):
        assert not rules[name].linear, name


def test_a_limit_makes_a_rule_not_monotonic() -> None:
    """With ``LIMIT`` a new triple can push an old solution out of the first N."""
    analysis = analyse(PREFIX + "CONSTRUCT { ?x a hrg:Thing } WHERE { ?x hrg:p ?y } LIMIT 1")
    assert not analysis.monotonic and not analysis.linear


def test_a_data_pattern_not_joined_to_the_schema_is_not_schema_bound() -> None:
    analysis = analyse(PREFIX + "CONSTRUCT { ?x a hrg:Thing } WHERE { ?c rdfs:subClassOf ?d . ?x ?p ?y }")
    assert analysis.linear and analysis.schema_bound is None


def test_property_path_steps_are_read() -> None:
    analysis = analyse(PREFIX + "CONSTRUCT { ?x hrg:b ?y } WHERE { ?x hrg:partOf/hrg:addressedTo ?y }")
    assert {HRG + "partOf", HRG + "addressedTo"} <= analysis.reads


def test_a_rule_must_be_a_construct() -> None:
    with pytest.raises(ValueError, match="CONSTRUCT"):
        analyse(PREFIX + "SELECT * WHERE { ?s ?p ?o }")


def test_order_puts_a_rule_after_the_rules_it_reads() -> None:
    rules = {r.name: r for r in load_rules(groups=("domain",))}
    names = [r.name for r in order(list(rules.values()))]
    assert names.index("participation") < names.index("party-from-participation")
    assert names.index("party-from-participation") < names.index("bound-by-article")
    query_time = load_rules(groups=("domain", "query-time"))
    names = [r.name for r in order(query_time)]
    assert names.index("bound-by-article") < names.index("obligation-of-bound-state")


def test_a_cycle_of_rules_still_reaches_the_fixpoint() -> None:
    """Two rules feeding each other (a → b → a) run until neither adds anything."""
    store = GraphStore()
    store.load_bytes(
        f"<urn:x> <{HRG}a> <urn:y> .\n<urn:y> <{HRG}a> <urn:z> .\n<urn:z> <{HRG}a> <urn:w> .\n".encode(),
        "nt",
        graph="urn:g",
    )
    first = Rule("a-to-b", "test", "a to b", PREFIX + "CONSTRUCT { ?x hrg:b ?y } WHERE { ?x hrg:a ?y }")
    second = Rule(
        "b-chain", "test", "b chain", PREFIX + "CONSTRUCT { ?x hrg:a ?z } WHERE { ?x hrg:b ?y . ?y hrg:b ?z }"
    )
    from hrgraph.reason import run_rules

    run_rules(store, [second, first])
    assert store.ask(f"ASK {{ <urn:x> <{HRG}b> <urn:w> }}")


def test_a_rule_of_an_incremental_batch_sees_what_the_batch_added_before_its_turn() -> None:
    """If a join rule adds ``x p z`` and ``x s z`` at once, with ``p owl:inverseOf q``, ``q
    rdfs:range R`` and ``s rdfs:range S``, then prp-inv and prp-rng run in one incremental batch,
    and prp-rng, after prp-inv, still sees ``z q x``: ``x a R`` is inferred. Oracle: naive
    evaluation. (Regression: prp-rng's agenda was cleared after its run, losing what prp-inv added
    in the same batch; at 1M triples one ``rdf:type`` triple was missing.)"""
    from hrgraph.reason import run_rules

    owl = "http://www.w3.org/2002/07/owl#"
    data = (
        f"<{HRG}p> <{owl}inverseOf> <{HRG}q> .\n<{HRG}q> <{RDFS}range> <urn:R> .\n"
        f"<{HRG}s> <{RDFS}range> <urn:S> .\n<urn:x> <{HRG}a> <urn:y> .\n<urn:y> <{HRG}b> <urn:z> .\n"
    )
    join = Rule(
        "join",
        "test",
        "join",
        PREFIX + "CONSTRUCT { ?x hrg:p ?z . ?x hrg:s ?z } WHERE { ?x hrg:a ?y . ?y hrg:b ?z }",
    )
    rules = [*load_rules(groups=("owl-rl",)), join]
    incremental, naive = GraphStore(), GraphStore()
    for store in (incremental, naive):
        store.load_bytes(data.encode(), "nt", graph="urn:g")
    stats = run_rules(incremental, rules)
    assert stats["rule_runs"]["prp-rng"] >= 2  # it did run incrementally after the join
    assert incremental.ask("ASK { <urn:x> a <urn:R> }")
    graph = NamedNode(INFERRED)
    while True:
        before = len(naive)
        for rule in rules:
            result = naive.query(rule.sparql)
            assert isinstance(result, QueryTriples)
            naive.add_quads([Quad(t.subject, t.predicate, t.object, graph) for t in result])
        if len(naive) == before:
            break
    assert triples(incremental) == triples(naive)


def rule_reads(name: str) -> Rule:
    return next(r for r in load_rules() if r.name == name)


def test_what_a_rule_reads_of_typed_subjects_only() -> None:
    # oracle: the rule texts. obligation-from-recommendation reads `OPTIONAL { ?rec
    # hrg:concernsArticle ?art }` joined to `?rec a hrg:Recommendation`; participation reads
    # hrg:instrument of `?a a hrg:ConsentToBeBound` and of `?d0 a hrg:Denunciation`
    obligation = rule_reads("obligation-from-recommendation").analysis
    assert obligation.guarded(HRG + "concernsArticle") == [frozenset({HRG + "Recommendation"})]
    assert obligation.guarded(f"type {HRG}Obligation") is None  # its MINUS path reads rdf:type
    participation = rule_reads("participation").analysis
    assert sorted(map(sorted, participation.guarded(HRG + "instrument") or [])) == [
        [HRG + "ConsentToBeBound"],
        [HRG + "Denunciation"],
    ]


@pytest.mark.parametrize(
    "where",
    [
        "{ ?x a hrg:A } UNION { ?x hrg:p ?y }",  # the class is in the other branch
        "?z a hrg:A . { SELECT ?y WHERE { ?x hrg:p ?y } }",  # a sub-select's ?x is its own
        "?x a hrg:A . OPTIONAL { ?w hrg:p ?x }",  # the pattern's subject is ?w
        "?x a hrg:A . ?x hrg:q/hrg:p ?y",  # a path's second step: its subject is no variable here
        "?x ?any ?y",
    ],
)
def test_a_pattern_outside_the_scope_of_a_class_takes_any_subject(where: str) -> None:
    # oracle: SPARQL's scoping; a triple of hrg:p on any subject can match these patterns
    analysis = analyse(PREFIX + f"CONSTRUCT {{ ?y hrg:p ?x }} WHERE {{ {where} }}")
    assert analysis.guarded(HRG + "p") is None


#: Reads ``hrg:tag`` of ``A``s and writes it of ``B``s (none of which is an ``A``).
TAG = Rule(
    "tag",
    "test",
    "tag",
    PREFIX + "CONSTRUCT { ?b a hrg:B ; hrg:tag ?t } WHERE { ?a a hrg:A ; hrg:tag ?t . "
    'BIND (IRI(CONCAT(STR(?a), "/b")) AS ?b) }',
)


def test_a_rule_that_can_match_what_it_made_runs_again_and_one_that_cannot_does_not() -> None:
    """``ancestor`` reads ``hrg:ancestor`` of persons and makes it of persons: it must run again
    until the chain is closed (oracle: the naive closure). ``tag`` reads ``hrg:tag`` of ``A``s and
    writes it of ``B``s, none of which is an ``A``: once is enough."""
    from hrgraph.reason import run_rules

    data = (
        "".join(
            f"<urn:{a}> a <{HRG}Person> ; <{HRG}parent> <urn:{b}> .\n"
            for a, b in [("x", "y"), ("y", "z"), ("z", "w")]
        )
        + f"<urn:a> a <{HRG}A> ; <{HRG}tag> <urn:t> .\n"
    )
    ancestor = Rule(
        "ancestor",
        "test",
        "ancestor",
        PREFIX + "CONSTRUCT { ?x hrg:ancestor ?z } WHERE { ?x a hrg:Person . "
        "{ ?x hrg:parent ?z } UNION { ?x hrg:ancestor ?y . ?y hrg:parent ?z } }",
    )
    tag = TAG
    incremental, naive = GraphStore(), GraphStore()
    for store in (incremental, naive):
        store.load_bytes(data.encode(), "ttl", graph="urn:g")
    stats = run_rules(incremental, [ancestor, tag])
    assert triples(incremental) == naive_closure_of(naive, [ancestor, tag])
    assert incremental.ask(f"ASK {{ <urn:x> <{HRG}ancestor> <urn:w> }}")
    assert stats["rule_runs"]["ancestor"] >= 3 and stats["rule_runs"]["tag"] == 1


def test_the_patterns_of_an_exists_take_any_subject() -> None:
    # oracle: SPARQL: the EXISTS pattern `?w hrg:p ?x . ?w hrg:q ?x` (one parsed block of six
    # terms) matches a triple of hrg:p on any ?w, whatever ?x's class
    analysis = analyse(
        PREFIX + "CONSTRUCT { ?x hrg:r ?x } WHERE { ?x a hrg:A . FILTER EXISTS { ?w hrg:p ?x ; hrg:q ?x } }"
    )
    assert (HRG + "p", frozenset()) in analysis.guards and (HRG + "q", frozenset()) in analysis.guards


def test_the_shipped_rule_analyses_are_those_of_the_rules_as_they_are() -> None:
    # oracle: every shipped rule parsed now (analyse, compilable_text). After editing a rule or
    # the analysis code, write the file again: python -m hrgraph.reason.analyses
    import json

    from hrgraph.reason.analyses import analyses_json, shipped_rules
    from hrgraph.reason.compiled import compilable_text
    from hrgraph.reason.rules import ANALYSES, shipped_analyses, text_key

    rules = shipped_rules()
    stale = "ontology/rules/analyses.json is stale: run python -m hrgraph.reason.analyses"
    assert json.loads(ANALYSES.read_text(encoding="utf-8")) == analyses_json(rules), stale
    kept = shipped_analyses()
    for rule in rules:
        parsed = analyse(rule.sparql)
        assert kept[text_key(rule.sparql)] == (parsed, compilable_text(rule.sparql, parsed)), rule.name


def test_analyses_written_by_other_code_are_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # oracle: shipped_analyses' contract: a file whose code digest is not this code's is ignored
    import json

    import hrgraph.reason.rules as rules_module

    other = tmp_path / "analyses.json"
    kept = json.loads(rules_module.ANALYSES.read_text(encoding="utf-8"))
    other.write_text(json.dumps(kept | {"code": "other"}), encoding="utf-8")
    monkeypatch.setattr(rules_module, "ANALYSES", other)
    rules_module.shipped_analyses.cache_clear()
    try:
        assert rules_module.shipped_analyses() == {}
    finally:
        monkeypatch.undo()
        rules_module.shipped_analyses.cache_clear()
    assert rules_module.shipped_analyses()  # the shipped file, read again


def test_new_triples_a_rule_cannot_match_do_not_run_it_again() -> None:
    """Continuing from a fixpoint (``run_rules`` with a seed, as ``reason_more`` does): ``tag``
    reads ``hrg:tag`` of ``A``s only, so a new ``hrg:tag`` of a resource that is no ``A`` does not
    run it; one of an ``A`` does, and what it gives is the naive closure's."""
    from hrgraph.reason import run_rules

    tag = TAG
    store = GraphStore()
    store.load_bytes(
        f"<urn:a> a <{HRG}A> ; <{HRG}tag> <urn:t> .\n<urn:d> a <{HRG}A> .".encode(), "ttl", graph="urn:g"
    )
    run_rules(store, [tag])
    untyped = Quad(NamedNode("urn:c"), NamedNode(HRG + "tag"), NamedNode("urn:t2"), NamedNode("urn:g2"))
    store.add_quads([untyped])
    assert run_rules(store, [tag], [untyped])["rule_runs"]["tag"] == 0
    typed = Quad(NamedNode("urn:d"), NamedNode(HRG + "tag"), NamedNode("urn:t3"), NamedNode("urn:g2"))
    store.add_quads([typed])
    assert run_rules(store, [tag], [typed])["rule_runs"]["tag"] == 1
    naive = GraphStore()
    naive.add_quads([q for q in store.quads() if q.graph_name != NamedNode(INFERRED)])
    assert triples(store) == naive_closure_of(naive, [tag])


def test_a_new_graph_restating_known_triples_seeds_only_what_is_new() -> None:
    # oracle: the union of the graphs before and after: a triple another graph holds is not new
    from hrgraph.reason import _new_to_the_union

    store = GraphStore()
    store.load_bytes(f"<urn:x> <{HRG}a> <urn:y> .".encode(), "nt", graph="urn:old")
    store.load_bytes(
        f"<urn:x> <{HRG}a> <urn:y> .\n<urn:z> <{HRG}a> <urn:w> .".encode(), "nt", graph="urn:new"
    )
    added = list(store.quads("urn:new"))
    assert [str(q.subject) for q in _new_to_the_union(store, added, ["urn:new"])] == ["<urn:z>"]


def test_foci_say_which_variable_a_new_triple_binds() -> None:
    """If a rule reads a key in a pattern, a path, a sub-select, a MINUS or a filter, then a new
    triple of it binds the pattern's subject variable (or object, for an inverse step or a
    path's last step), nothing under a MINUS (it can only withdraw), and nothing that can be
    told where the variable is not projected, or the pattern is in a filter expression or under
    a LIMIT of the whole rule (oracle: the rule texts below)."""
    from hrgraph.reason.rules import analyse

    text = (
        "CONSTRUCT { ?x hrg:out ?y } WHERE { ?x hrg:a ?y ; hrg:b/hrg:c/hrg:d ?z . ?y ^hrg:e ?w "
        "MINUS { ?x hrg:f ?y } FILTER EXISTS { ?y hrg:g ?v } "
        "{ SELECT ?x (MIN(?u) AS ?m) WHERE { ?u hrg:h ?x . ?u hrg:i ?t } GROUP BY ?x } }"
    )
    rule = analyse(PREFIX + text)
    assert rule.focus(HRG + "a") == [("subject", "x")]
    assert rule.focus(HRG + "b") == [("subject", "x")] and rule.focus(HRG + "d") == [("object", "z")]
    assert rule.focus(HRG + "c") is None  # a path's middle step binds neither end
    assert rule.focus(HRG + "e") == [("subject", "w")]  # ?y ^e ?w: a triple (w e y)
    assert rule.focus(HRG + "f") == []
    assert rule.focus(HRG + "g") is None
    assert rule.focus(HRG + "h") == [("object", "x")]  # ?u is not projected, ?x is
    assert rule.focus(HRG + "i") is None
    limited = analyse(PREFIX + "CONSTRUCT { ?x hrg:out ?y } WHERE { ?x hrg:a ?y } LIMIT 5")
    assert limited.focus(HRG + "a") is None


def test_values_open_the_where_group() -> None:
    """If a rule is restricted to some terms, then the VALUES row opens its WHERE group (not its
    template, not a sub-select, not a comment, not after a variable named ?where) and the rule
    still parses, the VALUES joined to its pattern (oracle: rdflib's parser); a CONSTRUCT WHERE,
    whose group is its template, is refused as a rule."""
    from pyoxigraph import Literal, NamedNode
    from rdflib.plugins.sparql import prepareQuery

    from hrgraph.reason.rules import analyse
    from hrgraph.store import QueryError, where_brace, with_rows

    text = PREFIX + (
        '# WHERE { in a comment\nCONSTRUCT { ?where hrg:out "WHERE {" } WHERE { '
        "{ SELECT ?where WHERE { ?where hrg:a ?y } } }"
    )
    restricted = with_rows(text, "where", [NamedNode("urn:a"), Literal("b", language="en")])
    assert restricted.index('VALUES ?where { <urn:a> "b"@en }') > restricted.index('"WHERE {" } WHERE {')
    assert restricted.index("VALUES") < restricted.index("SELECT")
    algebra = str(prepareQuery(restricted).algebra)
    assert "Join" in algebra and "values" in algebra.lower()
    short = PREFIX + "CONSTRUCT WHERE { ?x hrg:a ?y }"
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        where_brace(short)
    with pytest.raises(ValueError, match="CONSTRUCT WHERE"):
        analyse(short)
    no_keyword = PREFIX + "CONSTRUCT { ?x hrg:b ?y } { ?x hrg:a ?y }"
    assert no_keyword[where_brace(no_keyword) :] == " ?x hrg:a ?y }"
