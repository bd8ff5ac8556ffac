"""Alignment to Wikidata and the States' codes (ISO 3166-1, UN M49)."""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from hrgraph import iri
from hrgraph.namespace import SKOS, WD, hrg
from hrgraph.reference import REFERENCE_DIR, read_csv, states
from hrgraph.store import GraphStore

REFERENCE = NamedNode("https://w3id.org/hrgraph/graph/reference")


def test_wikidata_rows_are_well_formed_and_unique() -> None:
    rows = [row for _, row in read_csv("wikidata.csv")]
    keys = [(r["kind"], r["key"]) for r in rows]
    assert len(keys) == len(set(keys))
    qids = [r["qid"] for r in rows]
    assert len(qids) == len(set(qids)), "two resources aligned to one Wikidata item"
    for row in rows:
        assert re.fullmatch(r"Q[1-9][0-9]*", row["qid"]), row
        assert row["source"].startswith(f"https://www.wikidata.org/wiki/{row['qid']} "), row
        if row["kind"] == "state":
            assert row["key"] in states(), row


def test_hand_checked_alignments_are_in_the_graph(store: GraphStore) -> None:
    for alpha3, qid in [("PRY", "Q733"), ("KAZ", "Q232"), ("ARG", "Q414"), ("FRA", "Q142")]:
        assert list(
            store.store.quads_for_pattern(NamedNode(iri.state(alpha3)), SKOS.exactMatch, WD[qid], REFERENCE)
        )


def test_m49_code_is_the_iso_numeric_code(store: GraphStore) -> None:
    """UN M49 country codes are the ISO 3166-1 numeric codes: Paraguay 600, Kazakhstan 398."""
    for alpha3, m49 in [("PRY", "600"), ("KAZ", "398")]:
        values = [
            q.object
            for q in store.store.quads_for_pattern(NamedNode(iri.state(alpha3)), hrg("isoNumeric"), None)
        ]
        assert values == [Literal(m49)]


def test_reference_readme_names_every_file() -> None:
    readme = (REFERENCE_DIR / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted(REFERENCE_DIR.glob("*.csv")) if f"`{p.name}`" not in readme]
    assert missing == []
