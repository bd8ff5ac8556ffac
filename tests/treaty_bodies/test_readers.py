"""The treaty-body readers on the corpus, against facts read by hand (``sed -n Np FILE``).

Each expected value names its oracle: the file (tests/data/corpus/…) and the line printing it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hrgraph.extract import concluding_observations as co
from hrgraph.extract.common import Declared, ExtractionError, LineLedger, SourceText
from tests.treaty_bodies.conftest import DOCS, read, source

Docs = dict[str, tuple[Any, LineLedger]]


@pytest.mark.parametrize("key", sorted(DOCS))
def test_every_line_is_read_or_furniture(docs: Docs, key: str) -> None:
    doc, ledger = docs[key]
    assert ledger.unaccounted() == []
    reader = DOCS[key][1]
    assert reader.REQUIRED_UNITS and all(doc.counts()[unit] > 0 for unit in reader.REQUIRED_UNITS)


def test_nam_cover_and_paragraphs(docs: Docs) -> None:
    nam = docs["nam-co"][0]
    # concluding-observations_NAM_en.txt:4 "CCPR/C/NAM/CO/2", :5 "Distr.: General 22 April 2016"
    assert (nam.symbol, nam.state, nam.body, nam.date) == (
        "CCPR/C/NAM/CO/2",
        "NAM",
        "CCPR",
        date(2016, 4, 22),
    )
    # :179 ends with paragraph 47; numbers 1..47 all present
    assert [p.number for p in nam.paragraphs] == list(range(1, 48))
    # :10 "At its 3259th meeting, held on 23 March 2016, it adopted the present concluding observations"
    assert nam.adopted == date(2016, 3, 23)


def test_nam_heading_shares_the_line_of_the_next_number(docs: Docs) -> None:
    nam = docs["nam-co"][0]
    # :29 "Non-discrimination 9. While noting the measures taken ..."
    p9 = nam.paragraph(9)
    theme = next(t for t in nam.themes if t.ordinal == p9.theme)
    assert (theme.title, theme.span.start, p9.span.start) == ("Non-discrimination", 29, 29)
    assert p9.text.startswith("While noting the measures taken to eliminate discrimination")
    # :27 "Views under the Optional Protocol 5. The Committee … (art. 2). 6. The State party should …"
    assert (nam.paragraph(5).span.start, nam.paragraph(6).span.start) == (27, 27)
    assert nam.paragraph(5).articles == ("2",)
    # :33 "… in employment (arts. 2, 3, 7 and 26)."
    assert p9.articles == ("2", "3", "7", "26")


def test_nam_split_and_missing_items_of_paragraph_12(docs: Docs) -> None:
    nam = docs["nam-co"][0]
    p12 = nam.paragraph(12)
    # :58 "(a) laws;" and :60 "Cooperate with traditional leaders to abolish discriminatory customary"
    a = p12.items[0]
    assert (a.letter, a.text, a.reordered, a.span.start, a.span.end) == (
        "a",
        "Cooperate with traditional leaders to abolish discriminatory customary laws;",
        True,
        58,
        60,
    )
    # :62 (b), :64 (c), :66 (e): no (d) printed
    assert [i.letter for i in p12.items] == ["a", "b", "c", "e"]
    assert any(p.span.start == 66 and "item (d) missing" in p.message for p in nam.problems)


def test_nam_recommendations_follow_their_concerns(docs: Docs) -> None:
    nam = docs["nam-co"][0]
    rec = {r.number: r for r in nam.recommendations}
    # :38 "10. The State party should conduct …" answers the concern of :29-33 (para 9)
    assert (rec[10].concern, rec[10].articles, [i.letter for i in rec[10].items]) == (
        9,
        ("2", "3", "7", "26"),
        ["a", "b", "c", "d"],
    )
    # :147 "28. In the light of the Committee's general comment No. 35 (2014) …, the State party should"
    assert rec[28].concern == 27
    assert 9 not in rec and 46 not in rec


def test_nam_follow_up_request_and_next_report(docs: Docs) -> None:
    nam = docs["nam-co"][0]
    # :179 "46. … within one year of the adoption … in paragraphs 10 (…), 22 (…) and 24 (…) above."
    f = nam.follow_up
    assert (f.paragraph, f.targets, f.period) == (46, ("10", "22", "24"), "P1Y")
    # derived: adopted 23 March 2016 (:10) + one year
    assert (f.deadline, f.basis) == (date(2017, 3, 23), "adoption+P1Y")
    # :179 "47. … submit its next periodic report by 31 March 2020"
    assert (nam.next_report.paragraph, nam.next_report.due.date) == (47, date(2020, 3, 31))


def test_usa_older_layout(docs: Docs) -> None:
    usa = docs["usa-co"][0]
    # concluding-observations_USA_en.txt:169 is paragraph 28, the last
    assert [p.number for p in usa.paragraphs] == list(range(1, 29))
    rec = {r.number: r for r in usa.recommendations}
    # :38 "5. The Committee is concerned …" then :39 "The State party should ensure …" (no number)
    assert (rec[5].numbered, rec[5].span.start, rec[5].concern) == (False, 39, None)
    assert rec[5].text.startswith("The State party should ensure that all cases of unlawful killing")
    assert rec[5].articles == ("2", "6", "7", "9", "10", "14")  # :38 "(arts. 2, 6, 7, 9, 10 and 14)"
    # :54-60 "The State party should:" (a)-(e) and "The Committee also encourages …" belong to 8
    assert ([i.letter for i in rec[8].items], rec[8].span.start, rec[8].span.end) == (
        ["a", "b", "c", "d", "e"],
        54,
        60,
    )
    # :152 "Ensure that affected persons …" is the text of item (e) of :150, not a heading
    e = usa.paragraph(22).items[-1]
    assert (e.letter, e.reordered) == ("e", True)
    assert e.text.startswith("Ensure that affected persons have access to effective remedies")
    # :168 "27. … within one year … paragraphs 5, 10, 21 and 22 above."; :10 adopted 26 March 2014
    f = usa.follow_up
    assert (f.paragraph, f.targets, f.deadline) == (27, ("5", "10", "21", "22"), date(2015, 3, 26))
    # :169 "… next periodic report due to be submitted on 28 March 2019"
    assert usa.next_report.due.date == date(2019, 3, 28)


def test_usa_reply(docs: Docs) -> None:
    reply = docs["usa-reply"][0]
    # follow-up_USA_en.txt:4 "CCPR/C/USA/CO/4/Add.1", :12 "[Date received: 11 October 2017]"
    assert (reply.symbol, reply.co_symbol, reply.received) == (
        "CCPR/C/USA/CO/4/Add.1",
        "CCPR/C/USA/CO/4",
        date(2017, 10, 11),
    )
    assert [p.number for p in reply.paragraphs] == list(range(1, 42))
    # :20 "Paragraph 5" (paras 2-16), :57 "Paragraph 10" (17-21), :67 "Paragraph 21" (22-27),
    # :88 "Paragraph 22" (28-41); paragraph 1 (:19) precedes every heading
    answers = {p.number: p.responds_to for p in reply.paragraphs}
    expected = {1: ()} | {n: ("5",) for n in range(2, 17)} | {n: ("10",) for n in range(17, 22)}
    expected |= {n: ("21",) for n in range(22, 28)} | {n: ("22",) for n in range(28, 42)}
    assert answers == expected
    # :129 "…statute.48 40. Title I …": paragraph 40 runs on the line of 39's end
    assert (reply.paragraphs[38].span.end, reply.paragraphs[39].span.start) == (129, 129)


def test_usa_reply_footnotes(docs: Docs) -> None:
    reply = docs["usa-reply"][0]
    # notes 1-54 at the foot of the pages: :23 "1 The Committee is aware …",
    # :37 "8 18 U.S.C. ch. 212. 9 See Fourth Periodic Report …", :130-131 notes 48-54
    assert [n.number for n in reply.notes] == list(range(1, 55))
    assert reply.notes[7].text == "18 U.S.C. ch. 212."
    assert (reply.notes[8].span.start, reply.notes[8].span.end) == (37, 38)
    assert reply.notes[53].span.start == 130


def test_usa_reply_footnote_markers(docs: Docs) -> None:
    """Every one of the 54 notes is pointed to by exactly one marker, in order, glued as printed:
    :22 "punishment2 are", "Interrogations. 3 The", "Manual 2-22.3.4 It" (paragraph 3);
    :30 "Directive 3115.095 requires" (paragraph 4); :66 "paragraph 10.12 Likewise" (paragraph 21);
    :100 "administration." 28 Thus" (paragraph 30)."""
    reply = docs["usa-reply"][0]
    paras = {p.number: p for p in reply.paragraphs}
    assert [n for p in reply.paragraphs for n in p.notes] == list(range(1, 55))
    assert (paras[3].notes, paras[4].notes, paras[21].notes, paras[30].notes) == (
        (2, 3, 4), (5, 6), (12, 13), (26, 27, 28),
    )  # fmt: skip
    assert "degrading treatment or punishment are categorically" in paras[3].text  # marker 2 left out
    assert "Army Field Manual 2-22.3. It also" in paras[3].text
    assert "Directive 3115.09 requires" in paras[4].text
    assert reply.problems == []


def test_mexico_grades(docs: Docs) -> None:
    mex = docs["mex-assessment"][0]
    # follow-up-assessment_CCPR-C-138-2-Add.1_en.txt:4-5, :19 "CCPR/C/MEX/CO/6, 1 November 2019"
    assert (mex.symbol, mex.date, mex.state) == ("CCPR/C/138/2/Add.1", date(2023, 8, 28), "MEX")
    (block,) = mex.blocks
    assert (block.co_symbol, block.co_date) == ("CCPR/C/MEX/CO/6", date(2019, 11, 1))
    # :37 "[B]" under :25 "Paragraph 19"; :58 "[B]" under :39 "Paragraph 23";
    # :90 "[C]: (a), (b), (c) and (d)" under :67 "Paragraph 43"
    assert [(a.paragraph, a.grade, a.span.start) for a in mex.assessments] == [
        ("19", "B", 37),
        ("23", "B", 58),
        ("43a", "C", 90),
        ("43b", "C", 90),
        ("43c", "C", 90),
        ("43d", "C", 90),
    ]
    # :23 "19 [B], 23 [B] and 43 [C]" agrees: no problem
    assert mex.problems == []
    assert block.table_grades == {"19": "B", "23": "B", "43": "C"}
    # :96 "Next periodic report due: 2026 (country review in 2027, …)"
    assert (block.next_report.date, block.next_report.year) == (None, 2026)


def test_assessment_key_of_the_chapeau(docs: Docs) -> None:
    key = docs["ccpr-129-2"][0]
    # ccpr-follow-up-progress_CCPR-C-129-2_en.txt:12-16
    assert [(k.grade, k.label, k.span.start) for k in key.key] == [
        ("A", "Reply/action largely satisfactory", 12),
        ("B", "Reply/action partially satisfactory", 13),
        ("C", "Reply/action not satisfactory", 14),
        ("D", "No cooperation with the Committee", 15),
        ("E", None, 16),
    ]
    assert (
        key.key[4].meaning
        == "Information or measures taken are contrary to or reflect rejection of the recommendation."
    )
    assert (key.counts()["grades"], key.counts()["assessment key entries"]) == (0, 5)
    assert key.state == "" and key.problems == []


def test_a_gap_in_paragraph_numbers_is_a_problem_naming_its_line() -> None:
    src = source("nam-co")
    lines = list(src.lines)
    lines[82] = lines[82].replace("19. The Committee", "21. The Committee")  # line 83: 19 → 21
    lines[83] = lines[83].replace("20. The State", "22. The State")
    lines[87], lines[99] = lines[87].replace("21.", "23.", 1), lines[99].replace("22.", "24.", 1)
    broken = SourceText(src.key, tuple(lines))
    doc = co.read(broken, LineLedger(broken), Declared("nam-co", co.KIND, "NAM", "en"))
    assert any(p.span.start == 83 and "paragraph 21 where 19 was expected" in p.message for p in doc.problems)


def test_a_cover_contradicting_the_declared_state_is_an_error() -> None:
    with pytest.raises(
        ExtractionError, match=r":4: the cover is about NAM; the source list declares the State KEN"
    ):
        read("nam-co", state="KEN")
    with pytest.raises(ExtractionError, match="evaluates MEX; the source list declares the State NAM"):
        read("mex-assessment", state="NAM")
