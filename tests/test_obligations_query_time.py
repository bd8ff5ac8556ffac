"""The State × obligation relation answered at query time gives what materialising it gave.

Since issue #22 the reasoner materialises ``hrg:obligationOf`` only for State-specific
obligations (obligation-from-recommendation); that an article's obligation binds every State
bound by the article (``ontology/rules/query-time/obligation-of-bound-state.rq``) is joined by
the queries (:data:`hrgraph.obligations.OBLIGATION_OF_STATE`). The oracle of the pinned figures
is the last build that materialised the whole relation (commit 1a1e0d5, seed sources): its
``hrgraph.nq`` held 454 ``hrg:obligationOf`` triples (``grep -c``), 228 of Kazakhstan and 226 of
Paraguay, 264 of them (132 a State) from obligation-of-bound-state; its ``hrgraph obligations``
answers and catalogue rows were recorded then and are pinned below.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode

from hrgraph.build import BuildReport
from hrgraph.obligations import OBLIGATION_OF_STATE, obligations
from hrgraph.reason import INFERRED, materialise, reason
from hrgraph.store import GraphStore
from tests.conftest import fixture_store

ID = "https://w3id.org/hrgraph/id/"
HRG = "https://w3id.org/hrgraph/ontology#"
PAIRS = f"PREFIX hrg: <{HRG}> SELECT DISTINCT ?obligation ?state WHERE {{ {OBLIGATION_OF_STATE} }}"


def pairs(store: GraphStore) -> set[tuple[str, str]]:
    return {(r["obligation"].value, r["state"].value) for r in store.select(PAIRS)}


def materialised(store: GraphStore) -> set[tuple[str, str]]:
    rows = store.select(f"SELECT ?o ?s WHERE {{ ?o <{HRG}obligationOf> ?s }}")
    return {(r["o"].value, r["s"].value) for r in rows}


def copy(store: GraphStore) -> GraphStore:
    other = GraphStore()
    other.add_quads(store.quads())
    return other


def test_the_relation_has_the_pairs_the_materialised_one_had(store: GraphStore) -> None:
    """Oracle: the last fully materialised build (module docstring): 228 KAZ, 226 PRY."""
    by_state: dict[str, int] = {}
    for _, state in pairs(store):
        by_state[state] = by_state.get(state, 0) + 1
    assert by_state == {f"{ID}state/KAZ": 228, f"{ID}state/PRY": 226}


def test_only_state_specific_obligations_are_materialised(store: GraphStore) -> None:
    """What stays materialised is 454 - 264 = 190 triples, each obligation derived from a
    recommendation and binding one State."""
    held = materialised(store)
    assert len(held) == 190
    assert len({o for o, _ in held}) == len(held)
    assert all(o.endswith("/obligation") for o, _ in held)


def test_materialise_adds_exactly_the_query_time_pairs(store: GraphStore) -> None:
    """If the query-time rule runs as a CONSTRUCT into the inferred graph, then the
    materialised relation equals what the queries join (oracle: the fragment, and 454)."""
    full = copy(store)
    stats = materialise(full)
    assert stats["added"]["obligation-of-bound-state"] == 264
    assert materialised(full) == pairs(store)
    assert len(materialised(full)) == 454


def test_reason_then_materialise_equals_reasoning_with_the_query_time_rules() -> None:
    """On the rule fixture, reasoning and then materialising gives the closure that running
    every rule group together gives (oracle: the reasoner with the query-time group, the old
    behaviour), rule descriptions aside."""
    split = fixture_store("reasoning/treaty-cases.ttl")
    reason(split)
    materialise(split)
    together = fixture_store("reasoning/treaty-cases.ttl")
    reason(together, groups=("owl-rl", "domain", "query-time"))

    def facts(s: GraphStore) -> set[str]:
        return {str(q) for q in s.quads(INFERRED) if not str(q.subject).startswith(f"<{ID}rule/")}

    assert facts(split) == facts(together)
    assert any(f"<{HRG}obligationOf>" in f and "test/ob1>" in f for f in facts(split))


@pytest.mark.parametrize(
    ("state", "on", "instruments", "obligations_", "recommendations"),
    [
        ("PRY", "2000-01-01", 38, 68, 30),
        ("PRY", "2009-01-01", 52, 132, 127),
        ("KAZ", "2015-06-30", 5, 6, 0),
        ("KAZ", "2026-12-03", 18, 132, 0),
    ],
)
def test_obligations_answers_as_before(
    store: GraphStore, state: str, on: str, instruments: int, obligations_: int, recommendations: int
) -> None:
    """Oracle: ``hrgraph obligations STATE --date D --format json`` on the last fully
    materialised build (module docstring), counted with json.load."""
    answer = obligations(store, state, date.fromisoformat(on))
    assert (len(answer.instruments), len(answer.obligations), len(answer.recommendations)) == (
        instruments,
        obligations_,
        recommendations,
    )
    assert all(o["why"] and o["article"] for o in answer.obligations)


def test_obligations_of_one_article_as_before(store: GraphStore) -> None:
    """Oracle: the same recorded answers: ICESCR art. 12 gives 64 obligations to PRY and KAZ."""
    for state in ("PRY", "KAZ"):
        answer = obligations(store, state, date(2026, 12, 3), article="ICESCR/12")
        assert len(answer.obligations) == 64


def test_state_page_counts_obligations_by_instrument_as_before(store: GraphStore) -> None:
    """Oracle: the State page's counts on the last fully materialised build."""
    from hrgraph.serve import kinds

    rows = kinds.obligations_by_instrument(store, NamedNode(f"{ID}state/PRY"))
    assert {r["instrument"].rsplit("/", 1)[-1]: int(r["n"]) for r in rows} == {
        "CEDAW": 6,
        "CRC": 5,
        "ICCPR": 9,
        "ICESCR": 126,
    }


def test_obligations_on_date_query_as_before(store: GraphStore) -> None:
    """Oracle: obligations-on-date with its defaults (PRY, 2009-01-01) gave 163 rows."""
    from hrgraph.query import find_query

    query = find_query("obligations-on-date")
    assert query is not None
    assert len(store.select(query.sparql)) == 163


def test_export_materialise_writes_the_whole_relation(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """If ``hrgraph export --materialise`` is asked, then the export holds the 454 triples the
    materialised build held; without it, the 190 State-specific ones (oracle: grep -c)."""
    from hrgraph.cli import main

    counts = {}
    for flag in ([], ["--materialise"]):
        out = tmp_path / f"export{len(flag)}.nq"
        result = CliRunner().invoke(
            main, ["export", "--format", "nq", "-o", str(out), "--out", str(built[0]), *flag]
        )
        assert result.exit_code == 0, result.output
        counts[bool(flag)] = sum(f" <{HRG}obligationOf> " in line for line in out.read_text().splitlines())
    assert counts == {False: 190, True: 454}
