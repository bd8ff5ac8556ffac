"""The reasoning rules, each on a small fixture, and the fast path against owlrl."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from hrgraph.obligations import OBLIGATION_OF_STATE, obligations
from hrgraph.reason import reason
from hrgraph.reason.owlrl_check import compare_with_owlrl, covered, owlrl_closure
from hrgraph.store import GraphStore
from tests.conftest import fixture_store

ID = "https://w3id.org/hrgraph/id/"
HRG = "https://w3id.org/hrgraph/ontology#"
AND, BTN = f"{ID}state/AND", f"{ID}state/BTN"
TREATY, OP, DECL, OTHER = (f"{ID}instrument/TEST-{k}" for k in ("TREATY", "OP", "DECL", "OTHER"))


@pytest.fixture(scope="module")
def cases() -> GraphStore:
    s = fixture_store("reasoning/treaty-cases.ttl")
    reason(s)
    return s


def ask(s: GraphStore, subject: str, prop: str, obj: str) -> bool:
    return s.ask(f"ASK {{ <{subject}> <{HRG}{prop}> <{obj}> }}")


def obligation_of(s: GraphStore, obligation: str, state: str) -> bool:
    """Whether ``obligation`` binds ``state``: materialised, or joined at query time."""
    return s.ask(
        f"PREFIX hrg: <{HRG}> ASK {{ {OBLIGATION_OF_STATE} }}",
        {"obligation": NamedNode(obligation), "state": NamedNode(state)},
    )


def since(s: GraphStore, action: str) -> tuple[str, str]:
    rows = s.select(
        f"SELECT ?since ?basis WHERE {{ <{action}/participation> "
        f"<{HRG}since> ?since ; <{HRG}dateBasis> ?basis }}"
    )
    assert len(rows) == 1
    return rows[0]["since"].value, rows[0]["basis"].value


def test_party_from_ratification_dated_by_deposit_plus_delay(cases: GraphStore) -> None:
    """If AND deposited its ratification on 2005-03-10 and the treaty binds 30 days after deposit,
    then AND is party from 2005-04-09, and the participation says the date came from deposit+delay."""
    assert ask(cases, AND, "partyTo", TREATY)
    assert since(cases, f"{ID}action/AND/TEST-TREATY/ratification") == (
        "2005-04-09",
        "deposit-date+delay",
    )


def test_bound_by_article_unless_reserved(cases: GraphStore) -> None:
    """If AND is party and reserved article 2, then AND is bound by article 1 and not by article 2."""
    assert ask(cases, AND, "boundBy", f"{TREATY}/article/1")
    assert not ask(cases, AND, "boundBy", f"{TREATY}/article/2")


def test_procedural_article_binds_no_one(cases: GraphStore) -> None:
    """If article 3 is marked procedural (hrg:substantive false), no party is bound by it."""
    assert not ask(cases, AND, "boundBy", f"{TREATY}/article/3")


def test_obligation_of_bound_state_only(cases: GraphStore) -> None:
    """An obligation on article 1 binds AND; one on reserved article 2 and one on procedural
    article 3 do not. The relation is answered at query time: none of it is materialised."""
    assert obligation_of(cases, f"{ID}test/ob1", AND)
    assert not obligation_of(cases, f"{ID}test/ob2", AND)
    assert not obligation_of(cases, f"{ID}test/ob3", AND)
    assert not ask(cases, f"{ID}test/ob1", "obligationOf", AND)


def test_signature_alone_gives_signatory_not_party(cases: GraphStore) -> None:
    assert ask(cases, AND, "signatoryOf", OTHER)
    assert not ask(cases, AND, "partyTo", OTHER)


def test_declaration_binds_no_one(cases: GraphStore) -> None:
    """If AND 'acceded' to a declaration, it is still not party to it: soft law binds no one."""
    assert not ask(cases, AND, "partyTo", DECL)
    assert not ask(cases, AND, "boundBy", f"{DECL}/article/1")


def test_protocol_binds_only_its_parties(cases: GraphStore) -> None:
    """If BTN acceded to the protocol without the parent treaty, it is party to the protocol only;
    AND (party to the parent) is not party to the protocol."""
    assert ask(cases, BTN, "partyTo", OP)
    assert not ask(cases, AND, "partyTo", OP)
    assert since(cases, f"{ID}action/BTN/TEST-OP/accession") == ("1999-06-01", "domestic-act-date")


def test_denunciation_ends_participation(cases: GraphStore) -> None:
    """If BTN ratified in 1998 (before the treaty's entry into force in 2000) and denounced with
    effect 2010-01-01, it was party from 2000-01-01 to 2010-01-01 and is no longer party."""
    assert not ask(cases, BTN, "partyTo", TREATY)
    rows = cases.select(
        f"SELECT ?since ?until WHERE {{ <{ID}action/BTN/TEST-TREATY/ratification/participation> "
        f"<{HRG}since> ?since ; <{HRG}until> ?until }}"
    )
    assert [(r["since"].value, r["until"].value) for r in rows] == [("2000-01-01", "2010-01-01")]

    def keys(day: date) -> list[str]:
        return [i["instrument"] for i in obligations(cases, "BTN", day).instruments]

    assert TREATY in keys(date(2005, 1, 1))
    assert TREATY not in keys(date(2010, 1, 1))


def test_recommendation_adds_state_specific_obligation(cases: GraphStore) -> None:
    """The State-specific obligation is materialised (one State each)."""
    assert ask(cases, f"{ID}test/rec1/obligation", "obligationOf", AND)
    assert obligation_of(cases, f"{ID}test/rec1/obligation", AND)
    assert ask(cases, f"{ID}test/rec1/obligation", "derivedFrom", f"{ID}test/rec1")


def test_obligations_differ_by_date(cases: GraphStore) -> None:
    """On the day before AND's treaty took effect nothing binds it; on that day the treaty does."""
    before = obligations(cases, "AND", date(2005, 4, 8))
    after = obligations(cases, "Andorra", date(2005, 4, 9))
    assert before.instruments == [] and before.obligations == []
    assert [i["instrument"] for i in after.instruments] == [TREATY]
    assert after.instruments[0]["excluded_articles"] == [f"{TREATY}/article/2"]
    # The recommendation is listed apart, never as a treaty obligation; it has no date, so a
    # dated answer sets it aside with the reason.
    assert {o["obligation"] for o in after.obligations} == {f"{ID}test/ob1"}
    assert all(o["why"] for o in after.obligations)
    assert [u["item"] for u in after.undated if "item" in u] == [f"{ID}test/rec1"]


def test_date_before_any_treaty_is_empty_not_error(cases: GraphStore) -> None:
    answer = obligations(cases, "AND", date(1900, 1, 1))
    assert answer.instruments == [] and answer.obligations == []


def test_owl_rl_rules_match_owlrl_on_fixture() -> None:
    """The OWL-RL rule files give the same closure as owlrl on the terms they cover."""
    fast = fixture_store("reasoning/treaty-cases.ttl")
    reference = covered(owlrl_closure(fast))
    reason(fast, groups=("owl-rl",))
    ours = covered(
        {
            (
                str(getattr(q.subject, "value", q.subject)),
                q.predicate.value,
                str(getattr(q.object, "value", q.object)),
            )
            for q in fast.quads()
        }
    )
    assert ours == reference


@pytest.mark.slow
def test_owl_rl_rules_match_owlrl_on_seed_graph() -> None:
    """On the whole seed graph, the OWL-RL rule files infer exactly what owlrl infers on the
    terms they cover (hrg types and hrg properties between hrgraph resources)."""
    from hrgraph.build import BuildReport, assemble

    figures = compare_with_owlrl(assemble(BuildReport(Path("unused"))))
    assert figures["covered_triples"] > 1000
    assert figures["missing_from_rules"] == []
    assert figures["extra_in_rules"] == []


def test_recommendation_obligation_binds_only_its_addressee(cases: GraphStore) -> None:
    """If a recommendation to AND concerns article 1, the obligation derived from it binds AND
    only, not every State bound by article 1 (regression: it bound all of them)."""
    rows = cases.select(
        f"PREFIX hrg: <{HRG}> SELECT ?state WHERE {{ {OBLIGATION_OF_STATE} }}",
        {"obligation": NamedNode(f"{ID}test/rec1/obligation")},
    )
    assert [r["state"].value for r in rows] == [AND]
    assert obligation_of(cases, f"{ID}test/ob1", f"{ID}state/KGZ")  # the treaty obligation does


# Entry-into-force delays at the ends of months, as the participation rule adds them (in integers,
# docs/portability.md): instrument key → (months, days, on the first of the next month).
DELAYS = {
    "M1": (1, None, False), "M3": (3, None, False), "M12": (12, None, False), "D30": (None, 30, False),
    "D0": (None, 0, False), "M1D15": (1, 15, False), "M3F": (3, None, True),
}  # fmt: skip
DEPOSITS = ("2000-01-31", "2001-01-31", "2000-02-29", "2001-11-30", "1999-12-31", "2000-03-31", "2004-12-15")
# Acts with no date, stated in a report dated by a month only: the month's last day.
STATED_MONTHS = ("2004-02", "2003-02", "2003-12", "2003-04")


def plus_delay(deposit: date, months: int | None, days: int | None, first_of_month: bool) -> date:
    """The oracle: XPath's date + months (the day kept, or the month's last day) then + days."""
    from calendar import monthrange
    from datetime import timedelta

    year, month = divmod(deposit.month - 1 + (months or 0), 12)
    year, month = deposit.year + year, month + 1
    out = date(year, month, min(deposit.day, monthrange(year, month)[1])) + timedelta(days=days or 0)
    if first_of_month:
        out = date(out.year + out.month // 12, out.month % 12 + 1, 1)
    return out


def delay_cases() -> tuple[GraphStore, dict[str, tuple[str, str]]]:
    """The ontology and a graph of FICTIONAL treaties (TEST-DELAY-*) ratified by Andorra on each
    of ``DEPOSITS``; the date and basis each participation should have, by the act's IRI."""
    from calendar import monthrange

    from hrgraph.build import load_ontology

    xsd = "http://www.w3.org/2001/XMLSchema#"
    lines, expected = [], {}
    for key, (months, days, first) in DELAYS.items():
        treaty = f"<{ID}instrument/TEST-DELAY-{key}>"
        lines.append(f"{treaty} a <{HRG}Treaty> .")
        if months is not None:
            lines.append(f'{treaty} <{HRG}entryIntoForceDelayMonths> "{months}"^^<{xsd}integer> .')
        if days is not None:
            lines.append(f'{treaty} <{HRG}entryIntoForceDelayDays> "{days}"^^<{xsd}integer> .')
        if first:
            lines.append(f'{treaty} <{HRG}entryIntoForceOnFirstOfMonth> "true"^^<{xsd}boolean> .')
        for n, deposit in enumerate(DEPOSITS):
            act = f"{ID}test/delay/{key}/{n}"
            lines += [f"<{act}> a <{HRG}Ratification> ; <{HRG}actor> <{AND}> ; <{HRG}instrument> {treaty} ;",
                      f'  <{HRG}depositDate> "{deposit}"^^<{xsd}date> .']  # fmt: skip
            ruled = plus_delay(date.fromisoformat(deposit), months, days, first)
            expected[act] = (ruled.isoformat(), "deposit-date+delay")
    for n, month in enumerate(STATED_MONTHS):
        act, doc = f"{ID}test/stated/{n}", f"{ID}test/stated/{n}/report"
        lines += [f"<{act}> a <{HRG}Ratification> ; <{HRG}actor> <{AND}> ; <{HRG}instrument> <{ID}instrument/TEST-DELAY-M3> ;",
                  f"  <{HRG}passage> <{act}/passage> . <{act}/passage> <http://purl.org/dc/terms/isPartOf> <{doc}> .",
                  f'<{doc}> <http://purl.org/dc/terms/date> "{month}"^^<{xsd}gYearMonth> .']  # fmt: skip
        year, mon = map(int, month.split("-"))
        expected[act] = (date(year, mon, monthrange(year, mon)[1]).isoformat(), "stated-in-report")
    store = GraphStore()
    load_ontology(store)
    store.load_bytes("\n".join(lines).encode(), "ttl", graph="https://w3id.org/hrgraph/graph/test-delays")
    return store, expected


def participation_dates(s: GraphStore, acts: list[str]) -> dict[str, tuple[str, str]]:
    return {act: since(s, act) for act in acts}


def test_delays_at_month_ends_added_as_xpath_adds_them() -> None:
    """If treaties bind one, three or twelve months, 30 or 0 days, a month and 15 days, or on the
    first of the month after three months after the deposit, and acts were deposited at months'
    ends (31 January of a leap year and not, 29 February, 30 November, 31 December, 31 March),
    then each participation starts on the date XPath's date + duration gives (the oracle:
    Python's calendar, ``plus_delay``); an act dated only by a report of a month (gYearMonth)
    starts on that month's last day."""
    s, expected = delay_cases()
    reason(s)
    assert participation_dates(s, list(expected)) == expected
