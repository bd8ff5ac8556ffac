"""The UPR readers on the corpus, against values read by hand (file: line)."""

from __future__ import annotations

import pytest

from hrgraph.extract import upr_compilation, upr_national_report
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, SourceText
from tests.helpers import CORPUS, SOURCES

KAZ = SOURCES / "kaz-upr3-national-report.txt"
REPORT = "upr-national-report_DNK_A-HRC-WG.6-52-DNK-1_en.txt"
COMPILATION = "upr-compilation_DNK_A-HRC-WG.6-52-DNK-2_en.txt"


def src(name: str) -> SourceText:
    return SourceText.from_path(name, CORPUS / name)


def declared(key: str, state: str = "DNK", language: str = "en") -> Declared:
    return Declared(key, "upr-national-report", state, language)


@pytest.fixture(scope="module")
def dnk() -> tuple[upr_national_report.UPRNationalReport, LineLedger]:
    s = src(REPORT)
    ledger = LineLedger(s)
    return upr_national_report.read(s, ledger, declared(REPORT)), ledger


def test_report_metadata(dnk: tuple[upr_national_report.UPRNationalReport, LineLedger]) -> None:
    r, ledger = dnk
    assert (r.symbol, r.state, r.language, str(r.date)) == ("A/HRC/WG.6/52/DNK/1", "DNK", "en", "2026-02-20")
    assert (r.session, r.cycle, r.answered_cycle) == (52, 4, 3)
    assert r.counts()["paragraphs"] == 161 and r.counts()["notes"] == 161
    assert all(r.counts()[k] > 0 for k in upr_national_report.REQUIRED_UNITS)
    assert ledger.unaccounted() == []


def test_responses_from_endnotes(dnk: tuple[upr_national_report.UPRNationalReport, LineLedger]) -> None:
    """Paragraph 23 (line 54, marker 27) answers 60.170-60.177 (note 27, line 297); paragraph 24
    (line 55) cites 'recommendation 60.170' inline; paragraph 11 (lines 30-35, marker 17) answers
    the 45 recommendations of note 17 (lines 294-297); paragraphs 1-5 answer none."""
    by = {p.number: p for p in r_paragraphs(dnk)}
    assert [x.recommendation for x in by[23].responds_to] == [f"60.{n}" for n in range(170, 178)]
    assert {x.via for x in by[23].responds_to} == {"note 27"}
    assert [(x.recommendation, x.via, x.span.start) for x in by[24].responds_to] == [("60.170", "text", 55)]
    assert len(by[11].responds_to) == 45 and by[11].responds_to[0].recommendation == "60.21"
    assert all(not by[n].responds_to for n in range(1, 6))


def r_paragraphs(
    dnk: tuple[upr_national_report.UPRNationalReport, LineLedger],
) -> list[upr_national_report.ReportParagraph]:
    return dnk[0].paragraphs


def test_endnote_2_slip_reported_not_followed(
    dnk: tuple[upr_national_report.UPRNationalReport, LineLedger],
) -> None:
    """Note 2 (lines 290-293) says the recommendations are cited as [120.xx] and stem from the
    second cycle; the notes cite 60.x, and session 52 answers cycle 3: both are problems."""
    r = dnk[0]
    problems = [str(p) for p in r.problems]
    assert len(problems) == 2 and all(p.startswith(f"{REPORT}:290-293: note 2 says") for p in problems)
    assert all(x.recommendation.startswith("60.") for p in r.paragraphs for x in p.responds_to)


def test_kaz_report_through_the_same_reader() -> None:
    """The Spanish KAZ report (hard-wrapped): 272 paragraphs, 14 recommendation headings, cycle 2
    answered (symbol A/HRC/WG.6/34/KAZ/1 at line 308: session 34, cycle 3); every line read."""
    s = SourceText.from_path("kaz", KAZ)
    ledger = LineLedger(s)
    r = upr_national_report.read(s, ledger, declared("kaz", "KAZ", "es"))
    assert (r.symbol, r.state, r.session, r.cycle, r.answered_cycle) == (
        "A/HRC/WG.6/34/KAZ/1",
        "KAZ",
        34,
        3,
        2,
    )
    assert len(r.paragraphs) == 272
    assert sum(h.kind == "recommendations" for h in r.headings) == 14
    p26 = r.paragraphs[25]
    assert [x.recommendation for x in p26.responds_to] == [f"125.{n}" for n in range(11, 18)]
    assert ledger.unaccounted() == []


def test_declared_state_contradicted() -> None:
    s = src(REPORT)
    with pytest.raises(ExtractionError, match=r":4: expected a document of KAZ"):
        upr_national_report.read(s, LineLedger(s), declared(REPORT, "KAZ"))


def test_compilation() -> None:
    """A/HRC/WG.6/52/DNK/2: 65 paragraphs, 73 endnotes; paragraph 2 (line 15, marker 2) is
    sourced in note 2 'CAT/C/DNK/CO/8, para. 4.' (line 147); every line read."""
    s = src(COMPILATION)
    ledger = LineLedger(s)
    c = upr_compilation.read(s, ledger, Declared(COMPILATION, "upr-compilation", "DNK", "en"))
    assert (c.kind, c.symbol, c.session, c.cycle) == ("upr-compilation", "A/HRC/WG.6/52/DNK/2", 52, 4)
    assert (c.counts()["paragraphs"], c.counts()["notes"]) == (65, 73)
    p2 = c.paragraphs[1]
    assert 2 in p2.notes and c.notes[1].note.text == "CAT/C/DNK/CO/8, para. 4."
    assert c.notes[1].documents == ("CAT/C/DNK/CO/8",)
    assert "in 2022. In 2021" in p2.text  # the marker '2' glued to '2022.' is left out of the text
    assert ledger.unaccounted() == [] and not c.problems
