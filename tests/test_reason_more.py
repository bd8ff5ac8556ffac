"""Continuing a reasoning (``reason_more``): which rules that are not monotonic it must check,
and that the check still runs, and catches a withdrawal, where an added triple reaches them.

Oracle of the continued runs: a full reasoning (:func:`hrgraph.reason.reason`) of a store
holding the same asserted graphs; of the analysis: the text of the rule files (which patterns
are under MINUS, NOT EXISTS, OPTIONAL or an aggregate).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from hrgraph.reason import INFERRED, incremental, load_rules, reason, reason_more
from hrgraph.reason.incremental import Conclusions, analysis, matches, parts, sensitive_reads
from hrgraph.reason.rules import RDF_TYPE, Rule
from hrgraph.store import GraphStore
from tests.conftest import fixture_store

HRG = "https://w3id.org/hrgraph/ontology#"
ID = "https://w3id.org/hrgraph/id/"
TREATY = f"{ID}instrument/TEST-TREATY"
NEW = "https://w3id.org/hrgraph/graph/test-new"
PREFIX = f"PREFIX hrg: <{HRG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def rules() -> dict[str, Rule]:
    return {r.name: r for r in load_rules()}


def test_sensitive_reads_are_the_patterns_under_negation_optional_and_aggregates() -> None:
    """If a rule reads ?s hrg:partyTo ?i outside any MINUS and ?r a hrg:Reservation inside one,
    then only the second is sensitive; a FILTER NOT EXISTS pattern (which rdflib leaves unparsed)
    is; a monotonic rule has none."""
    r = rules()
    assert sensitive_reads(r["bound-by-article"]) == {
        HRG + "substantive",
        f"type {HRG}Reservation",
        HRG + "actor",
        HRG + "reservationTo",
    }
    assert sensitive_reads(r["party-from-participation"]) == {HRG + "until"}
    # MINUS { ?rec a/rdfs:subClassOf* ?other … } and OPTIONAL { ?rec hrg:concernsArticle ?art }
    assert HRG + "concernsArticle" in sensitive_reads(r["obligation-from-recommendation"])
    assert RDF_TYPE in sensitive_reads(r["obligation-from-recommendation"])
    assert HRG + "addressedTo" not in sensitive_reads(r["obligation-from-recommendation"])
    # everything under participation's GROUP BY, e.g. the deposit date
    assert HRG + "depositDate" in sensitive_reads(r["participation"])
    assert sensitive_reads(r["prp-dom"]) == frozenset()


def test_a_limit_and_a_negated_property_set_are_sensitive() -> None:
    """If a rule's pattern is under LIMIT, or a sensitive part has a negated property set (any
    predicate but one), then it reads what it reads there, or anything."""
    limited = Rule(
        "limited",
        "test",
        "t",
        PREFIX + "CONSTRUCT { ?x hrg:b ?y } WHERE { { SELECT * { ?x hrg:a ?y } LIMIT 1 } }",
    )
    negated = Rule(
        "negated",
        "test",
        "t",
        PREFIX + "CONSTRUCT { ?x hrg:b ?y } WHERE { ?x hrg:a ?y MINUS { ?x !hrg:c ?y } }",
    )
    # analysis.monotonic (rules.py) does not count LIMIT; only its sensitive parts are asked here
    if not limited.analysis.monotonic:
        assert HRG + "a" in sensitive_reads(limited)
    assert "*" in sensitive_reads(negated)
    assert matches(f"type {HRG}State", frozenset({RDF_TYPE}))  # a path step ``a`` reads any type
    assert not matches(HRG + "partyTo", frozenset({HRG + "actor"}))


def test_the_parts_of_a_rule_are_its_monotonic_negated_and_optional_groups() -> None:
    """If a rule's MINUS groups, OPTIONAL groups and NOT EXISTS blocks hold no negation or
    aggregate, then each is a part counted on its own, but an OPTIONAL group whose variables
    only the template reads (or a triple pattern before it binds); a rule with an aggregate has
    no parts (participation)."""
    r = rules()
    minus = parts(r["bound-by-article"].sparql)
    assert minus is not None and len(minus) == 2
    assert "?art hrg:substantive false" in minus[0] and "hrg:reservationTo ?art" in minus[1]
    # MINUS { ?rec a/rdfs:subClassOf* ?other … }; OPTIONAL { ?rec hrg:concernsArticle ?art } is no
    # part: ?rec is bound by "?rec a hrg:Recommendation" before it, ?art only read by the template
    assert [len(q) > 0 for q in parts(r["obligation-from-recommendation"].sparql) or ()] == [True]
    assert parts(r["eq-sym-trans"].sparql) == ()  # OPTIONAL { ?y owl:sameAs ?z }: ?z in the template only
    assert parts(r["participation"].sparql) is None
    assert len(parts(r["party-from-participation"].sparql) or ()) == 1


@pytest.mark.parametrize(
    "where",
    [
        "?x hrg:a ?y OPTIONAL { ?x hrg:c ?w } BIND (COALESCE(?w, ?y) AS ?z)",  # ?w read by the BIND
        "OPTIONAL { ?x hrg:c ?z } ?x hrg:a ?y",  # ?x bound only after the OPTIONAL
    ],
)
def test_an_optional_group_read_outside_it_is_a_part(where: str) -> None:
    """If the variables an OPTIONAL group binds are read elsewhere in the WHERE clause, or the
    group comes before what binds the variable it shares, then it is a part."""
    rule = Rule("t", "test", "t", PREFIX + f"CONSTRUCT {{ ?x hrg:b ?z }} WHERE {{ {where} }}")
    assert not rule.analysis.monotonic
    found = parts(rule.sparql)
    assert found is not None and len(found) == 1 and "hrg:c" in found[0]


def _reasoned() -> tuple[GraphStore, Conclusions]:
    store = fixture_store("reasoning/treaty-cases.ttl")
    reason(store)
    return store, Conclusions.of(store, load_rules())


def _add(store: GraphStore, turtle: str) -> None:
    store.load_bytes((PREFIX + f"PREFIX id: <{ID}>\n" + turtle).encode(), "ttl", graph=NEW)


def _full(store: GraphStore) -> set[tuple[str, str, str]]:
    """The inferred triples of a full reasoning of ``store``'s asserted graphs."""
    fresh = GraphStore()
    fresh.add_quads([q for q in store.quads() if q.graph_name != NamedNode(INFERRED)])
    reason(fresh)
    return _inferred(fresh)


def _inferred(store: GraphStore) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads(INFERRED)}


def test_a_rule_whose_sensitive_parts_nothing_added_reaches_is_not_checked() -> None:
    """If a graph adds an article to a treaty (hrg:articleOf: read by bound-by-article outside
    its MINUS parts), then bound-by-article is not evaluated again, and the continued reasoning
    equals a full one: the parties are bound by the new article."""
    store, conclusions = _reasoned()
    _add(store, f'<{TREATY}/article/9> hrg:articleOf <{TREATY}> ; hrg:articleNumber "9" .')
    stats = reason_more(store, [NEW], conclusions=conclusions)
    assert stats is not None
    assert "bound-by-article" not in stats["checked"]
    assert (f"<{ID}state/KGZ>", f"<{HRG}boundBy>", f"<{TREATY}/article/9>") in _inferred(store)
    assert _inferred(store) == _full(store)
    # kept for the next build: those known, which are those of the final store; bound-by-article
    # concluded more without being evaluated, so its conclusions are not known
    assert "bound-by-article" not in conclusions.rules and "eq-sym-trans" in conclusions.rules
    now = Conclusions.of(store, load_rules()).rules
    assert conclusions.rules == {k: v for k, v in now.items() if k in conclusions.rules}
    # a next build in which its MINUS part changes cannot tell whether it withdrew what it added
    # (here it does: article 9 made procedural), so it is not exact
    store.load_bytes(f"<{TREATY}/article/9> <{HRG}substantive> false .".encode(), "ttl", graph=NEW + "-2")
    assert reason_more(store, [NEW + "-2"], conclusions=conclusions) is None


def test_a_rule_whose_reads_grow_only_by_inference_keeps_no_conclusions() -> None:
    """If a graph makes a new State a party only through an inferred triple (its own property,
    declared a sub-property of hrg:partyTo), then bound-by-article, whose sensitive parts nothing
    reaches, is not checked, but it concludes more (the new party is bound): its kept conclusions
    are dropped, and every conclusion kept equals the rule's conclusions on the final store."""
    store, conclusions = _reasoned()
    _add(
        store,
        f"<urn:test:joined> rdfs:subPropertyOf hrg:partyTo .\n"
        f"<{ID}state/ZZZ> a hrg:State ; <urn:test:joined> <{TREATY}> .",
    )
    stats = reason_more(store, [NEW], conclusions=conclusions)
    assert stats is not None and "bound-by-article" not in stats["checked"]
    assert (f"<{ID}state/ZZZ>", f"<{HRG}boundBy>", f"<{TREATY}/article/1>") in _inferred(store)
    assert _inferred(store) == _full(store)
    assert "bound-by-article" not in conclusions.rules
    now = Conclusions.of(store, load_rules()).rules
    assert all(kept == now[name] for name, kept in conclusions.rules.items())


def test_a_withdrawal_through_an_asserted_triple_is_caught() -> None:
    """If a graph says article 1 is procedural (hrg:substantive false, under bound-by-article's
    MINUS), then the check runs and finds Andorra's hrg:boundBy article 1 withdrawn: not exact."""
    store, conclusions = _reasoned()
    bound = (f"<{ID}state/AND>", f"<{HRG}boundBy>", f"<{TREATY}/article/1>")
    assert bound in _inferred(store)
    _add(store, f"<{TREATY}/article/1> hrg:substantive false .")
    assert bound not in _full(store)
    assert reason_more(store, [NEW], conclusions=conclusions) is None


def test_a_withdrawal_through_an_inferred_triple_is_caught() -> None:
    """If a graph adds Andorra's denunciation of the treaty, no added triple has hrg:until (read
    under party-from-participation's NOT EXISTS), but participation infers one: the check still
    runs on party-from-participation and finds Andorra's hrg:partyTo withdrawn."""
    store, conclusions = _reasoned()
    party = (f"<{ID}state/AND>", f"<{HRG}partyTo>", f"<{TREATY}>")
    assert party in _inferred(store)
    _add(
        store,
        f"<{ID}action/AND/TEST-TREATY/denunciation> a hrg:Denunciation ; hrg:actor id:state\\/AND ;"
        f' hrg:instrument <{TREATY}> ; hrg:date "2015-06-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
    )
    added_keys = {str(q.predicate) for q in store.quads(NEW)}
    assert f"<{HRG}until>" not in added_keys
    assert party not in _full(store)
    assert reason_more(store, [NEW], conclusions=conclusions) is None


def test_a_rule_whose_parts_keep_their_solutions_is_not_checked() -> None:
    """If a graph adds Kyrgyzstan's signature of another treaty (hrg:actor, read in
    bound-by-article's reservation MINUS, but no reservation), then that MINUS part has the same
    solutions, bound-by-article is not evaluated again, and the result equals a full reasoning."""
    store, conclusions = _reasoned()
    _add(
        store,
        f"<{ID}action/KGZ/TEST-OTHER/signature> a hrg:Signature ; hrg:actor <{ID}state/KGZ> ;"
        f' hrg:instrument <{ID}instrument/TEST-OTHER> ; hrg:date "2003-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
    )
    stats = reason_more(store, [NEW], conclusions=conclusions)
    assert stats is not None and "bound-by-article" not in stats["checked"]
    assert (f"<{ID}state/KGZ>", f"<{HRG}signatoryOf>", f"<{ID}instrument/TEST-OTHER>") in _inferred(store)
    assert _inferred(store) == _full(store)


def test_a_changed_part_is_checked_and_a_withdrawal_caught() -> None:
    """If a graph adds Kyrgyzstan's reservation to article 1, then the reservation part of
    bound-by-article has a solution more, the rule is compared, and Kyrgyzstan's hrg:boundBy
    article 1 is found withdrawn."""
    store, conclusions = _reasoned()
    bound = (f"<{ID}state/KGZ>", f"<{HRG}boundBy>", f"<{TREATY}/article/1>")
    assert bound in _inferred(store)
    _add(
        store,
        f"<{ID}reservation/KGZ/TEST-TREATY/1> a hrg:Reservation ; hrg:actor <{ID}state/KGZ> ;"
        f" hrg:instrument <{TREATY}> ; hrg:reservationTo <{TREATY}/article/1> .",
    )
    assert bound not in _full(store)
    assert reason_more(store, [NEW], conclusions=conclusions) is None


def test_a_changed_part_that_withdraws_nothing_is_exact() -> None:
    """If Bhutan (no longer a party: it denounced the treaty) reserves article 1, then the
    reservation part changes, the rule is compared, nothing was withdrawn, and the result
    equals a full reasoning."""
    store, conclusions = _reasoned()
    _add(
        store,
        f"<{ID}reservation/BTN/TEST-TREATY/1> a hrg:Reservation ; hrg:actor id:state\\/BTN ;"
        f" hrg:instrument <{TREATY}> ; hrg:reservationTo <{TREATY}/article/1> .",
    )
    stats = reason_more(store, [NEW], conclusions=conclusions)
    assert stats is not None and "bound-by-article" in stats["checked"]
    assert _inferred(store) == _full(store)


def test_without_kept_conclusions_they_are_computed_on_the_store_before() -> None:
    """If no conclusions are given, reason_more computes them on the store without the new graph:
    the same answers (exact, and the same withdrawal caught)."""
    store, _ = _reasoned()
    _add(store, f"<{TREATY}/article/9> hrg:articleOf <{TREATY}> .")
    assert reason_more(store, [NEW]) is not None and _inferred(store) == _full(store)
    store, _ = _reasoned()
    _add(store, f"<{TREATY}/article/1> hrg:substantive false .")
    assert reason_more(store, [NEW]) is None


def test_kept_conclusions_read_back_and_refuse_a_damaged_file(tmp_path: Path) -> None:
    """If conclusions are written and read back, they are the same; a truncated file is refused."""
    _, conclusions = _reasoned()
    path = tmp_path / "conclusions"
    conclusions.write(path, {"fingerprint": "x"})
    head, back = Conclusions.read(path)
    assert head["fingerprint"] == "x" and back.rules == conclusions.rules
    assert sum(len(v) for v in back.rules.values()) > 0
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(ValueError, match="truncated"):
        Conclusions.read(path)


def test_the_analysis_of_the_rules_is_kept_by_their_text(tmp_path: Path) -> None:
    """If a build keeps the reads and parts of its rules, then the next one takes them up under
    the SHA-256 of each rule's text, the same as parsing gives (oracle: the parse)."""
    watched = [r for r in load_rules() if not r.analysis.monotonic]
    _, conclusions = _reasoned()
    table = analysis(watched)
    path = tmp_path / "conclusions"
    conclusions.write(path, {"analysis": table})
    incremental._KEPT.clear()
    Conclusions.read(path)
    for rule in watched:
        kept = incremental._KEPT[hashlib.sha256(rule.sparql.encode()).hexdigest()]
        assert frozenset(kept["sensitive"]) == sensitive_reads(rule)
        found = parts(rule.sparql)
        assert kept["parts"] == (None if found is None else list(found))


def test_a_rule_that_ran_is_evaluated_again_only_for_what_it_was_told() -> None:
    """If a graph makes a new State a party (through a sub-property of hrg:partyTo) and adds a
    recommendation addressed to it, then bound-by-article and obligation-from-recommendation run
    restricted to the terms those triples bind (stats "focused"), and the result is a full
    reasoning's; with the restriction disabled the result is the same (oracle: :func:`_full`)."""
    import hrgraph.reason as reasoner

    added = (
        f"<urn:test:joined> rdfs:subPropertyOf hrg:partyTo .\n"
        f"<{ID}state/ZZZ> a hrg:State ; <urn:test:joined> <{TREATY}> .\n"
        f"<urn:test:rec> a hrg:Recommendation ; hrg:addressedTo <{ID}state/ZZZ> ;"
        f" hrg:concernsArticle <{TREATY}/article/1> ."
    )
    store, conclusions = _reasoned()
    _add(store, added)
    stats = reason_more(store, [NEW], conclusions=conclusions)
    assert stats is not None
    assert {"bound-by-article", "obligation-from-recommendation"} <= stats["focused"].keys()
    assert (f"<{ID}state/ZZZ>", f"<{HRG}boundBy>", f"<{TREATY}/article/1>") in _inferred(store)
    assert ("<urn:test:rec/obligation>", f"<{HRG}obligationOf>", f"<{ID}state/ZZZ>") in _inferred(store)
    assert _inferred(store) == _full(store)
    store, conclusions = _reasoned()
    _add(store, added)
    limit, reasoner.FOCUS_LIMIT = reasoner.FOCUS_LIMIT, -1
    try:
        unfocused = reason_more(store, [NEW], conclusions=conclusions)
    finally:
        reasoner.FOCUS_LIMIT = limit
    assert unfocused is not None and not unfocused["focused"]
    assert _inferred(store) == _full(store)
