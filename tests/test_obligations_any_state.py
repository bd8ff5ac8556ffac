"""Which obligations bind a State on a date, right for every State and honest about what it does
not know (issue 20). Oracles, each read by hand:

- Paraguay's compilation (``data/sources/pry-compilation.txt``) dates nothing of what it
  recommends before 1950: the concluding observations it reprints are of 1994–2008, the general
  comments of 1990–2008 (their symbols and years as printed), the Court's judgments of 2004–2006;
- Kazakhstan's two reports: the CERD report (2025, ``kaz-cerd-11-14.txt`` line 434, para. 326)
  lists the ICCPR, ICESCR, CRC, CEDAW, CERD and CRPD as ratified without dates; the UPR report
  (2019) gives CEDAW the year 1998 (para. 123) and CRPD both 2015 (para. 15) and 2016 (para. 153),
  lists the reports submitted under CAT, CRC, CED, ICCPR and CRPD (para. 22, lines 286–296) and
  the preventive mechanism of the OPCAT (para. 26, lines 358–361);
  the CERD report names Law 322-I of 26 August 1998 for CERD and Law 288-V of 20 February 2015
  for CRPD;
- the CMW's own art. 87(2) as the graph holds it (first day of the month following three months
  after the deposit) and Paraguay's deposit of 2008-09-23 (UNTC, ``treaty_actions_PRY.csv``).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from hrgraph.build import BuildReport
from hrgraph.cli import main
from hrgraph.obligations import NoDataError, obligations
from hrgraph.reference import instruments
from hrgraph.store import GraphStore

ID = "https://w3id.org/hrgraph/id/"
HRG = "https://w3id.org/hrgraph/ontology#"


def by_key(store: GraphStore, state: str, on: date) -> dict[str, dict[str, object]]:
    return {str(i["key"]): i for i in obligations(store, state, on).instruments}


def test_nothing_binds_or_is_recommended_to_paraguay_in_1950(store: GraphStore) -> None:
    """If no document that made an obligation or a recommendation is dated before 1950, then on
    1950-01-01 Paraguay has none: undated recommendations are set aside with the reason, and
    national and civil-society recommendations never count as obligations."""
    answer = obligations(store, "PRY", date(1950, 1, 1))
    assert answer.obligations == []
    assert answer.recommendations == [] and answer.other_recommendations == []
    assert answer.undated and all(u["reason"] for u in answer.undated)
    assert any("left out" in n for n in answer.notes)


def test_national_and_civil_society_recommendations_are_not_obligations(store: GraphStore) -> None:
    """If a recommendation comes from a truth commission or civil society, then no rule makes it an
    obligation of the State (regression: 178 + 69 of them were counted on any date)."""
    rows = store.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?o <{HRG}derivedFrom> ?rec ; <{HRG}obligationOf> ?s . "
        f"{{ ?rec a <{HRG}NationalRecommendation> }} UNION {{ ?rec a <{HRG}CivilSocietyRecommendation> }} }}"
    )
    assert int(rows[0]["n"].value) == 0
    later = obligations(store, "PRY", date(2026, 1, 1))
    kinds = {r["kind"] for r in later.recommendations}
    assert "national body" not in kinds and "civil society" not in kinds
    dated = [r for r in later.recommendations if r["kind"] == "recommendation"]
    assert dated and all(r["date"] and r["mechanism"] for r in dated)


@pytest.mark.parametrize(
    ("key", "since", "basis", "precision"),
    [
        # The UPR report (2019) says Kazakhstan reported under them: only a party reports.
        ("ICCPR", "2019-12-31", "stated-in-report", "report"),
        ("CRC", "2019-12-31", "stated-in-report", "report"),
        # Only the CERD report (2025) states it, without a date.
        ("ICESCR", "2025-12-31", "stated-in-report", "report"),
        # 1998, a year only: its last day plus CEDAW art. 27(2)'s thirty days.
        ("CEDAW", "1999-01-30", "year-only+delay", "year"),
        ("CERD", "1998-08-26", "domestic-act-date", "day"),
        ("CRPD", "2015-02-20", "domestic-act-date", "day"),
    ],
)
def test_kazakhstan_bound_on_2026_01_01(
    store: GraphStore, key: str, since: str, basis: str, precision: str
) -> None:
    """If a report states a ratification (with a year, a law, or no date at all), then it binds from
    the latest day that evidence allows, and the answer says which evidence and how precise."""
    item = by_key(store, "KAZ", date(2026, 1, 1))[key]
    assert (item["since"], item["date_basis"], item["precision"]) == (since, basis, precision)
    assert item["basis"] and item["why"]


def test_reports_under_cat_and_ced_and_the_opcat_mechanism_are_claims(store: GraphStore) -> None:
    """If the UPR report says Kazakhstan submitted reports under CAT and CED and keeps the OPCAT's
    preventive mechanism, then each is a claim with its passage, and binds from the report's date
    (regression: not read as claims at all)."""
    bound = by_key(store, "KAZ", date(2026, 1, 1))
    for key, kind, line in (
        ("CAT", "reporting", 288),
        ("CED", "reporting", 292),
        ("CAT-OP", "preventive-mechanism", 360),
    ):
        item = bound[key]
        assert (item["since"], item["date_basis"]) == ("2019-12-31", "stated-in-report"), key
        assert [c["kind"] for c in item["claims"]] == [kind]  # type: ignore[attr-defined]
        assert any(p["lines"][0] == line for p in item["sources"]), key  # type: ignore[attr-defined]


def test_kazakhstan_crpd_keeps_both_contradicting_years(store: GraphStore) -> None:
    """If one report dates the CRPD's ratification 2015 and another paragraph 2016, then both
    claims stay in the answer and the why says they disagree."""
    crpd = by_key(store, "KAZ", date(2026, 1, 1))["CRPD"]
    years = {c["year"] for c in crpd["claims"]}  # type: ignore[attr-defined]
    assert {"2015", "2016"} <= years
    assert "disagree" in str(crpd["why"])


def test_stated_in_report_does_not_bind_before_the_report(store: GraphStore) -> None:
    """If the only evidence is the 2025 report, then Kazakhstan is not shown bound by the ICESCR on
    2025-06-30, and the answer of 2026 warns that its sources end in 2025."""
    assert "ICESCR" not in by_key(store, "KAZ", date(2025, 6, 30))
    later = obligations(store, "KAZ", date(2026, 1, 1))
    assert later.as_of == "2025-12-31" and later.warning


def test_paraguay_bound_by_cmw_from_first_day_of_month_after_three_months(store: GraphStore) -> None:
    """If the deposit was 2008-09-23 and CMW art. 87(2) says the first day of the month following
    three months, then 2008-12-31 is before and 2009-01-01 is the day (regression: bound from the
    deposit)."""
    assert "CMW" not in by_key(store, "PRY", date(2008, 12, 31))
    cmw = by_key(store, "PRY", date(2009, 1, 1))["CMW"]
    assert (cmw["since"], cmw["date_basis"]) == ("2009-01-01", "deposit-date+delay")
    assert "first day of the month after three months (art. 87)" in str(cmw["why"])


def test_chile_exits_3_naming_the_states_covered(built: tuple[Path, BuildReport]) -> None:
    """If no source gives Chile's treaty status, then the answer is not an empty list: exit 3, and
    the message names the States the graph covers."""
    out, _ = built
    result = CliRunner().invoke(main, ["obligations", "Chile", "--out", str(out)])
    assert result.exit_code == 3
    assert "no treaty-status source for Chile (CHL)" in result.output
    assert "Kazakhstan (KAZ)" in result.output and "Paraguay (PRY)" in result.output


def test_no_data_is_an_error_of_the_library_too(store: GraphStore) -> None:
    with pytest.raises(NoDataError, match="ARG"):
        obligations(store, "ARG", date(2020, 1, 1))


def test_json_has_coverage_and_as_of(built: tuple[Path, BuildReport]) -> None:
    out, _ = built
    result = CliRunner().invoke(
        main, ["obligations", "PRY", "--date", "2026-12-03", "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["coverage"]["state_covered"] is True
    assert answer["as_of"] == "2009-12-31"  # the compilation, the latest source behind it
    assert "2009-12-31" in answer["warning"]


def test_article_question_in_one_command(built: tuple[Path, BuildReport]) -> None:
    """ "Which ICESCR article 12 obligations apply to Paraguay, with their text?" — one command:
    each obligation of art. 12 with its text, its general comment (CESCR 14 is E/C.12/2000/4) and
    why ICESCR binds PRY (accession deposited 1992-06-10, in force three months later)."""
    out, _ = built
    result = CliRunner().invoke(
        main,
        ["obligations", "PRY", "--date", "2009-01-01", "--article", "ICESCR/12", "--format", "json",
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert [i["key"] for i in answer["instruments"]] == ["ICESCR"]
    assert answer["instruments"][0]["why"].startswith(
        "ICESCR binds PRY since 1992-09-10: accession (approved by Ley N° 4) deposited 1992-06-10, "
        "in force three months later (art. 27)"
    )
    obs = answer["obligations"]
    assert obs and all(o["article"] == f"{ID}instrument/ICESCR/article/12" and o["label"] for o in obs)
    assert any((o["general_comment"] or {}).get("symbol") == "E/C.12/2000/4" for o in obs)


def test_unknown_instrument_is_bad_input(built: tuple[Path, BuildReport]) -> None:
    out, _ = built
    result = CliRunner().invoke(main, ["obligations", "PRY", "--instrument", "NOPE", "--out", str(out)])
    assert result.exit_code == 2 and "unknown instrument 'NOPE'" in result.output


# Each rule's words as the Spanish texts of the final clauses print them.
RULE_TEXT = {
    ("P30D", False): r"trigésimo día",
    ("P3M", False): r"tres meses",
    ("P1M", False): r"un mes después",
    ("P12M", False): r"(doce|12) meses",
    ("P90D", False): r"(noventa|90) días|nonagésimo día",
    ("P0D", False): r"fecha (del|de) depósito|orden en que|a partir del depósito|fecha en que se deposite",
    ("P3M", True): r"(primer día|día primero) del mes siguiente a .{0,40}tres meses",
    ("P60D", True): r"primer día del mes siguiente al sexagésimo día",
    ("P2M", True): r"día uno del tercer mes siguiente",
}


def article_text(store: GraphStore, key: str, number: str) -> str | None:
    rows = store.select(f"SELECT ?t WHERE {{ <{ID}instrument/{key}/article/{number}> <{HRG}text> ?t }}")
    return rows[0]["t"].value if rows else None


def test_every_instrument_has_an_entry_into_force_rule_or_says_why(store: GraphStore) -> None:
    """If an instrument has an entry-into-force rule, then its own article as the graph holds it
    says so in those words; if the graph holds no text of it, or it has no rule, a note says why."""
    checked = 0
    for ref in instruments().values():
        if not ref.eif_rule:
            assert ref.eif_note, f"{ref.key}: no rule and no reason"
            continue
        text = article_text(store, ref.key, ref.eif_article) if ref.eif_article else None
        if text is None:
            assert "graph holds no text" in ref.eif_note, f"{ref.key}: rule not checked and not said"
            continue
        pattern = RULE_TEXT[(ref.eif_rule, ref.eif_first_of_month)]
        assert re.search(pattern, text), (
            f"{ref.key} art. {ref.eif_article}: {ref.eif_rule} not in {text[:200]}"
        )
        checked += 1
    assert checked >= 45


def test_cmw_rule_is_its_article_87(store: GraphStore) -> None:
    """CMW art. 87(2) as the graph holds it: the first day of the month following three months."""
    cmw = instruments()["CMW"]
    assert (cmw.eif_rule, cmw.eif_first_of_month, cmw.eif_article) == ("P3M", True, "87")
    text = article_text(store, "CMW", "87") or ""
    assert "primer día del mes siguiente a un plazo de tres meses" in text.split("2.", 1)[1]
