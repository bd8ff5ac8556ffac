"""The UPR national report (A/HRC/WG.6/34/KAZ/1), checked against values read by hand.

Every expected value below was read from src/hrgraph/resources/sources/kaz-upr3-national-report.txt with
``sed -n Np`` / ``grep -n`` (line numbers are physical lines), not produced by the extractor.
"""

from __future__ import annotations

from hrgraph.extract.common import LineLedger
from hrgraph.extract.upr_report import UPRReport


def ids(*parts: int | tuple[int, int]) -> list[str]:
    """125.N for single numbers, 125.A … 125.B for (A, B): the way the headings print them."""
    out: list[str] = []
    for part in parts:
        lo, hi = part if isinstance(part, tuple) else (part, part)
        out += [f"125.{n}" for n in range(lo, hi + 1)]
    return out


# (first line of the heading, ids as printed, first and last paragraph of the section)
SECTIONS = [
    (172, ids(10, 26, 28, 29, 33), 13, 19),
    (250, ids(35, 36), 20, 25),
    (356, ids((11, 17)), 26, 30),
    (411, ids(53, (68, 70), 74), 31, 62),
    (646, ids((42, 47)), 63, 65),
    (660, ids((22, 24), 48), 66, 77),
    (763, ids((49, 55), 58, 60, 61, (71, 73), 75), 78, 91),
    (850, ids((18, 21), 32, 51), 92, 122),
    (1052, ids((38, 40), 54, 59, 78, 79), 123, 141),
    (1192, ids((1, 8), (90, 92)), 142, 156),
    (1339, ids(9, 27, 30, 41, 57, (80, 90)), 157, 231),
    (1838, ids(31, 34, 37, 77, 93, 94), 232, 251),
    (1967, ids((62, 68)), 252, 268),
    (2074, ids(96), 269, 272),
]

CHAPTERS = [
    ("I", "Metodología", 1),
    ("II", "Información general", 43),
    ("III", "Marco general de protección y promoción de los derechos humanos, y ampliación "
            "del alcance de las obligaciones internacionales", 168),
    ("IV", "Fortalecimiento de la cooperación de las organizaciones y los mecanismos "
           "internacionales de derechos humanos", 247),
    ("V", "Sinopsis general de los mecanismos institucionales y la incorporación de los "
          "Principios de París en la legislación nacional", 352),
    ("VI", "Administración de justicia y sistema judicial", 409),
    ("VII", "Aspectos legislativos e institucionales de la protección y promoción de los "
            "derechos humanos", 641),
]  # fmt: skip

HEADINGS = [
    ("Derecho a la vida", 644),
    ("Protección contra la tortura (mecanismos nacionales de prevención de la tortura)", 656),
    ("Protección contra la violencia u otros tratos crueles o degradantes", 761),
    ("Derechos de la infancia", 848),
    ("Derechos de la mujer", 1050),
    ("Protección de las personas con discapacidad", 1190),
    ("El derecho a la seguridad social", 1337),
    ("Derechos de las minorías nacionales", 1836),
    ("Lucha contra la trata de personas", 1965),
    ("Derecho a un medio ambiente saludable", 2072),
]


def test_every_numbered_paragraph_in_order(upr: UPRReport) -> None:
    assert [p.number for p in upr.paragraphs] == list(range(1, 273))
    assert upr.counts()["paragraphs"] == 272


def test_paragraph_starting_a_page_with_one_space(upr: UPRReport) -> None:
    """Lines 106, 205, 506 … start a page with one space: paragraphs 8, 16, 43, not headings."""
    starts = {p.number: p.span.start for p in upr.paragraphs}
    assert (starts[8], starts[16], starts[43], starts[272]) == (106, 205, 506, 2101)


def test_chapters_with_wrapped_titles(upr: UPRReport) -> None:
    got = [(c.numeral, c.title, c.span.start) for c in upr.chapters]
    assert got == CHAPTERS
    assert upr.chapters[2].span.end == 170  # III wraps over lines 168-170


def test_thematic_headings(upr: UPRReport) -> None:
    assert [(h.title, h.span.start) for h in upr.headings] == HEADINGS
    assert all(h.chapter == "VII" for h in upr.headings)


def test_every_recommendation_heading_expanded(upr: UPRReport) -> None:
    assert [(s.span.start, list(s.ids)) for s in upr.sections] == [(a, b) for a, b, _, _ in SECTIONS]


def test_heading_wrapped_onto_next_line(upr: UPRReport) -> None:
    """Line 763 ends '125.71' and line 765 continues 'a 125.73 y 125.75'."""
    section = upr.sections[6]
    assert (section.span.start, section.span.end) == (763, 765)
    assert section.ids[-4:] == ("125.71", "125.72", "125.73", "125.75")


def test_singular_heading(upr: UPRReport) -> None:
    assert upr.sections[-1].printed == "Recomendación 125.96"


def test_every_paragraph_linked_to_its_section(upr: UPRReport) -> None:
    by_number = {p.number: p for p in upr.paragraphs}
    for _, expected, first, last in SECTIONS:
        for n in range(first, last + 1):
            assert list(by_number[n].responds_to) == expected, n
    assert all(not by_number[n].responds_to for n in range(1, 13))


def test_ids_under_two_headings_keep_both(upr: UPRReport) -> None:
    """125.51, .53, .54, .68 and .90 are each listed under two headings (read by hand)."""
    listed: dict[str, list[int]] = {}
    for line, expected, _, _ in SECTIONS:
        for i in expected:
            listed.setdefault(i, []).append(line)
    twice = {i: lines for i, lines in listed.items() if len(lines) > 1}
    assert twice == {
        "125.51": [763, 850], "125.53": [411, 763], "125.54": [763, 1052],
        "125.68": [411, 1967], "125.90": [1192, 1339],
    }  # fmt: skip
    answering = {p.number for p in upr.paragraphs if "125.68" in p.responds_to}
    assert answering == set(range(31, 63)) | set(range(252, 269))


def test_unanswered_recommendations(upr: UPRReport) -> None:
    assert upr.unanswered() == ["125.25", "125.56", "125.76", "125.95"]
    assert len(upr.answered()) == 92


def test_page_header_and_footer_removed(upr: UPRReport) -> None:
    p22 = upr.paragraphs[21]
    assert (p22.span.start, p22.span.end) == (286, 314)
    assert "A/HRC/WG.6/34/KAZ/1" not in p22.text and "GE.19" not in p22.text
    assert "el segundo informe del Pacto Internacional de Derechos Económicos, Sociales y " \
           "Culturales y los informes octavo y noveno" in p22.text  # fmt: skip
    assert upr.symbol == "A/HRC/WG.6/34/KAZ/1" and upr.symbol_span and upr.symbol_span.start == 308


def test_wrapped_text_rejoined(upr: UPRReport) -> None:
    p84 = upr.paragraphs[83]
    assert "lesiones intencionales leves (art. 108 del Código Penal) y agresión" in p84.text


def test_bullets_stay_with_their_paragraph(upr: UPRReport) -> None:
    p121 = upr.paragraphs[120]
    assert p121.text.count("\n• ") == 2 and p121.span.end == 1042


def test_answered_cycle(upr: UPRReport) -> None:
    assert upr.answered_cycle == 2  # "Segundo Examen Periódico Universal", lines 7-9


def test_every_line_accounted_for(upr_ledger: tuple[LineLedger, UPRReport]) -> None:
    assert upr_ledger[0].unaccounted() == []


def test_laws_cited_with_number_and_date(upr: UPRReport) -> None:
    acts = [(a.printed, a.number, a.date and a.date.isoformat(), a.year)
            for p in upr.paragraphs for a in p.cites.acts]  # fmt: skip
    assert acts == [
        ("Ley de Libertad Condicional de 2016", None, None, 2016),
        ("Ley de Prevención de la Violencia Doméstica de 2009", None, None, 2009),
        ("Código de Infracciones Administrativas de 2014", None, None, 2014),
        ("Ley núm. 288-V, de fecha 20 de febrero de 2015", "288-V", "2015-02-20", None),
        ("Ley de Empleo de 2016", None, None, 2016),
        ("Ley de 2001 de Protección por parte del Gobierno de las Personas que Participan en "
         "los Procedimientos Penales", None, None, 2001),
        ("Ley del Fondo de Indemnización para las Víctimas, de 2018", None, None, 2018),
        ("Decreto Presidencial núm. 17 de Medidas para la Mejora del Sistema de Administración "
         "Pública, de 17 de junio de 2019", "17", "2019-06-17", None),
    ]  # fmt: skip


def test_cross_reference_resolves(upr: UPRReport) -> None:
    refs = [(p.number, r.target, r.numbers) for p in upr.paragraphs for r in p.cites.internal]
    assert refs == [(91, "paragraph", ("49",))]
    assert not [x for x in upr.problems if "no paragraph" in x.message]


def test_treaty_claims(upr: UPRReport) -> None:
    claims = [(c.paragraph, c.kind, c.instrument, c.year)
              for p in upr.paragraphs for c in p.cites.claims]  # fmt: skip
    assert claims == [
        (15, "ratification", "CRPD", 2015),
        (15, "ratification-in-progress", "ICESCR-OP", None),
        # Reports submitted under treaties (only a party reports), para. 22.
        (22, "reporting", "CAT", None),
        (22, "reporting", "CRC", None),
        (22, "reporting", "CED", None),
        (22, "reporting", "ICCPR", None),
        (22, "reporting", "CRPD", None),
        # The OPCAT's national preventive mechanism, para. 26.
        (26, "preventive-mechanism", "CAT-OP", None),
        (123, "ratification", "CEDAW", 1998),
        (123, "signature", "CEDAW-OP", 2001),
        (131, "ratification", "CEDAW", None),
        (139, "ratification", "ILO-C156", 2012),
        (142, "ratification", "CRPD", None),
        (153, "ratification", "UNESCO-CADE", 2016),
        (153, "ratification", "CRPD", 2016),
        (157, "ratification-in-progress", "ICESCR-OP", None),
        (252, "party", "SLAVERY-1926", None),
        (252, "party", "TRAFFIC-PERSONS-1949", None),
        (252, "party", "UNTOC-PROT-TIP", None),
    ]
    law = upr.paragraphs[141].cites.claims[0].act
    assert law is not None and law.number == "288-V"


def test_contradictory_ratification_years_flagged(upr: UPRReport) -> None:
    """Paragraphs 15 (febrero de 2015) and 142 (Ley 288-V of 20 February 2015) against 153 (2016)."""
    conflicts = [x for x in upr.problems if "contradicts itself" in x.message]
    assert len(conflicts) == 2
    assert all("CRPD" in x.message and x.span.start == 1293 for x in conflicts)


def test_what_cannot_be_a_treaty_action_is_reported(upr: UPRReport) -> None:
    lines = sorted(x.span.start for x in upr.problems if "declaration" in x.message)
    assert lines == [1058, 1109, 1111, 1111]  # Beijing (123); three declarations (131)
    assert [x.span.start for x in upr.problems if "Maternidad" in x.message] == [1171]
