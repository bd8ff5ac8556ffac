"""Kazakhstan's combined 11th-14th reports to CERD, checked against values read by hand.

Every expected value below was read from src/hrgraph/resources/sources/kaz-cerd-11-14.txt with ``sed -n Np``,
``grep -n`` and ``cat -A`` (to see tabs), not produced by the extractor.
"""

from __future__ import annotations

from hrgraph.extract.common import LineLedger
from hrgraph.extract.treaty_report import TreatyReport

# (line of the follow-up heading, CO paragraphs it names, first and last paragraph under it)
FOLLOW_UPS = [
    (58, ["27", "28"], 48, 55),
    (69, ["5", "6"], 56, 67),
    (97, ["7", "8"], 76, 94),
    (119, ["11", "12"], 95, 103),
    (132, ["21", "22 a", "22 b", "22 c"], 104, 126),
    (161, ["22 d"], 127, 141),
    (193, ["15", "16"], 153, 170),
    (214, ["17", "18"], 171, 185),
    (236, ["19", "20"], 186, 193),
    (251, ["23", "24"], 194, 203),
    (267, ["29", "30"], 204, 217),
    (284, ["31", "32"], 218, 242),
    (312, ["33", "34"], 243, 257),
    (330, ["25", "26"], 258, 265),
    (341, ["35", "36"], 266, 273),
    (352, ["39", "40"], 274, 287),
    (373, ["41", "42"], 288, 310),
    (404, ["37", "38"], 311, 317),
    (424, ["9", "10"], 318, 336),
    (446, ["43", "44"], 337, 354),
    (473, ["21", "22 b"], 355, 374),
    (499, ["13", "14"], 375, 383),
    (512, ["45"], 384, 399),
    (552, ["46"], 400, 400),
    (556, ["47"], 401, 415),
    (584, ["48"], 416, 426),
    (599, ["49"], 427, 434),
]

# (numeral, title, article the chapter reports on)
CHAPTERS = [
    ("I", "Introducción", None),
    ("II", "Información general sobre el Estado", None),
    ("III", "Artículo 1", "1"),
    ("IV", "Artículo 2", "2"),
    ("V", "Artículo 3", "3"),
    ("VI", "Artículo 4", "4"),
    ("VII", "Artículo 5", "5"),
    ("VIII", "Artículo 6", "6"),
    ("IX", "Artículo 7", "7"),
    ("X", "Instituciones nacionales de derechos humanos", None),
    ("XI", "Obligaciones adicionales", None),
    ("XII", "Consultas con la sociedad civil, las organizaciones no gubernamentales y las "
             "asociaciones etnoculturales durante la elaboración del informe", None),
    ("XIII", "Conclusión", None),
]  # fmt: skip


def test_every_numbered_paragraph_in_order(cerd: TreatyReport) -> None:
    assert [p.number for p in cerd.paragraphs] == list(range(1, 438))
    assert cerd.counts()["paragraphs"] == 437


def test_chapters_follow_the_articles(cerd: TreatyReport) -> None:
    assert [(c.numeral, c.title, c.article) for c in cerd.chapters] == CHAPTERS
    by_chapter = {c.numeral: c.article for c in cerd.chapters}
    p154 = cerd.paragraphs[153]  # line 196, under VI. Artículo 4
    assert (p154.chapter, by_chapter[p154.chapter]) == ("VI", "4")


def test_section_letter_i_is_not_chapter_i(cerd: TreatyReport) -> None:
    """Line 403 '\\tI.\\tTrata de personas' is section I of chapter VII, after section H."""
    section = next(s for s in cerd.sections if s.span.start == 403)
    assert (section.chapter, section.letter, section.title) == ("VII", "I", "Trata de personas")
    assert cerd.paragraphs[310].chapter == "VII"  # paragraph 311, line 406


def test_unlettered_section_after_chapter_heading(cerd: TreatyReport) -> None:
    """Line 179 'Prohibición de la segregación' is unindented, right after chapter V (178)."""
    section = next(s for s in cerd.sections if s.span.start == 179)
    assert (section.chapter, section.letter, section.title) == ("V", None, "Prohibición de la segregación")


def test_wrapped_headings(cerd: TreatyReport) -> None:
    spans = {f.span.start: f.span.end for f in cerd.follow_ups}
    assert spans[58] == 59 and spans[132] == 133 and spans[473] == 473
    section = next(s for s in cerd.sections if s.span.start == 234)
    assert (
        section.title
        == "Prohibición de las organizaciones extremistas, lucha contra la incitación a la violencia"
    )


def test_every_follow_up_heading_names_its_co_paragraphs(cerd: TreatyReport) -> None:
    assert [(f.span.start, list(f.paragraphs)) for f in cerd.follow_ups] == [
        (line, refs) for line, refs, _, _ in FOLLOW_UPS
    ]
    assert {f.symbol for f in cerd.follow_ups} == {"CERD/C/KAZ/CO/8-10"}


def test_every_paragraph_linked_to_the_co_paragraphs(cerd: TreatyReport) -> None:
    by_number = {p.number: p for p in cerd.paragraphs}
    covered: set[int] = set()
    for line, refs, first, last in FOLLOW_UPS:
        for n in range(first, last + 1):
            got = set(by_number[n].responds_to)
            assert got <= set(refs) and got, (line, n)
            covered.add(n)
    assert {n for n, p in by_number.items() if p.responds_to} == covered
    assert set(range(1, 48)) | set(range(68, 76)) | set(range(142, 153)) | {435, 436, 437} == (
        set(by_number) - covered
    )


def test_sub_letter_markers_narrow_the_link(cerd: TreatyReport) -> None:
    """Under '21 y 22 a), b) y c)' the markers a) (134), b) (142), c) (150) pick 22 a/b/c."""
    by_number = {p.number: p for p in cerd.paragraphs}
    assert by_number[104].responds_to == ("21", "22 a")
    assert by_number[111].responds_to == ("21", "22 b")
    assert by_number[126].responds_to == ("21", "22 c")
    assert by_number[127].responds_to == ("22 d",)
    assert by_number[171].responds_to == ("17", "18")  # 17 y 18 names no sub-letter


def test_one_pair_followed_up_twice(cerd: TreatyReport) -> None:
    twice = [f.span.start for f in cerd.follow_ups if "21" in f.paragraphs]
    assert twice == [132, 473]


def test_bookmark_artefact_dropped(cerd: TreatyReport) -> None:
    p107 = cerd.paragraphs[106]
    assert p107.span.start == 138 and p107.artefact == "[bookmark: _Hlk231312391]"
    assert p107.text.startswith("El análisis de la situación interétnica")


def test_unnumbered_lines_belong_to_the_paragraph_before(cerd: TreatyReport) -> None:
    spans = {p.number: (p.span.start, p.span.end) for p in cerd.paragraphs}
    assert spans[3] == (4, 8)
    assert spans[61] == (76, 79)
    assert spans[191] == (243, 246)  # lettered items a) b) c) on 244-246
    assert spans[317] == (415, 421)
    assert spans[393] == (522, 540)
    assert cerd.paragraphs[316].text.endswith("(art. 262 del Código Penal).")


def test_every_line_accounted_for(cerd_ledger: tuple[LineLedger, TreatyReport]) -> None:
    assert cerd_ledger[0].unaccounted() == []


def test_co_symbol_and_date(cerd: TreatyReport) -> None:
    assert cerd.co_symbol == "CERD/C/KAZ/CO/8-10"
    assert cerd.co_date is not None and cerd.co_date.isoformat() == "2022-07-04"  # line 3


def test_co_paragraphs_cited_in_text_non_breaking_hyphen(cerd: TreatyReport) -> None:
    """Line 47 prints CERD/C/KAZ/CO/8‑10 with U+2011; paragraph 38 cites its paragraph 42."""
    p38 = cerd.paragraphs[37]
    assert [(c.symbol, c.numbers) for c in p38.cites.co_paragraphs] == [("CERD/C/KAZ/CO/8-10", ("42",))]
    p5 = cerd.paragraphs[4]
    assert [c.numbers for c in p5.cites.co_paragraphs] == [("16", "22", "28", "42")]


def test_documents_and_resolutions_cited(cerd: TreatyReport) -> None:
    docs = {(p.number, d.symbol) for p in cerd.paragraphs for d in p.cites.documents}
    assert {(2, "CERD/C/2007/1"), (8, "A/RES/68/268"), (416, "A/RES/68/237"), (416, "A/RES/69/16")} <= docs


def test_laws_with_number_and_date(cerd: TreatyReport) -> None:
    numbered = {(a.kind, a.number, a.date and a.date.isoformat())
                for p in cerd.paragraphs for a in p.cites.acts if a.number}  # fmt: skip
    assert numbered == {
        ("Ley", "322-I", "1998-08-26"),
        ("Decreto Presidencial", "611", "2024-07-30"),
        ("Decreto Presidencial", "1.014", "2022-09-15"),
        ("Ley", "157-VIII", "2025-01-13"),
        ("Decreto Presidencial", "409", "2023-12-08"),
        ("Orden", "120", "2024-03-29"),
        ("Resolución Gubernamental", "262", "2020-05-02"),
        ("Ley", "349-VI", "2020-06-26"),
        ("Orden", "20", "2025-01-22"),
        ("Orden", "40", "2017-02-21"),
        ("Orden", "500", "2012-11-08"),
        ("Orden", "118", "2022-04-07"),
        ("Orden", "607", "2020-09-20"),
        ("Resolución Normativa", "1", "2008-07-10"),
        ("Código", "350-VI", "2020-06-29"),
        ("Orden", "1.070", "2024-12-31"),
    }


def test_dangling_cross_references_reported(cerd: TreatyReport) -> None:
    dangling = {(x.span.start, x.message.split(": ", 1)[1]) for x in cerd.problems}
    assert (36, "chapter VI reports on article 4, not article 6") in dangling
    assert (242, "no paragraph 6.1 in the report") in dangling
    assert (450, "no paragraph 8.1 in the report") in dangling
    resolved = [
        (p.number, r.numbers) for p in cerd.paragraphs for r in p.cites.internal if r.target == "chapter"
    ]
    assert resolved == [
        (6, ("XII",)),
        (28, ("VI",)),
        (142, ("II",)),
        (143, ("VII",)),
        (145, ("IV",)),
        (146, ("II",)),
    ]


def test_treaty_claims(cerd: TreatyReport) -> None:
    claims = [(c.paragraph, c.kind, c.instrument, c.year)
              for p in cerd.paragraphs for c in p.cites.claims]  # fmt: skip
    assert claims == [
        (1, "party", "CERD", None),
        (1, "ratification", "CERD", None),
        (274, "party", "CSR51", None),
        (274, "party", "CSR-PROT67", None),
        (304, "ratification", "NATIONALITY-MARRIED-WOMEN-1957", 1999),
        *[(326, "ratification", k, None)
          for k in ("ICCPR", "CEDAW", "ICESCR", "CERD", "CRC", "CRPD", "AARHUS")],
        (384, "not-party", "CMW", None),
    ]  # fmt: skip
    cerd_law = cerd.paragraphs[0].cites.claims[1].act
    assert cerd_law is not None and (cerd_law.number, str(cerd_law.date)) == ("322-I", "1998-08-26")
    # "Convención de Aarhus de 25 de junio de 1998" (line 434) is the treaty's date, not Kazakhstan's
    assert cerd.paragraphs[325].cites.claims[-1].effective_year is None
