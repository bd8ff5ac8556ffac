"""The cover block, checked against values read by hand from the corpus (file: line)."""

from __future__ import annotations

import datetime as dt

from hrgraph.extract.common import SourceText
from hrgraph.extract.undoc.cover import Cover, kind_from_symbol, read_cover, upr_cycle
from tests.helpers import CORPUS, SOURCES

KAZ = SOURCES / "kaz-upr3-national-report.txt"


def cover_of(name: str) -> Cover:
    return read_cover(SourceText.from_path(name, CORPUS / name))


def test_upr_national_report_cover() -> None:
    """upr-national-report_DNK_…-1_en.txt lines 4-11: symbol, Distr., Original, body, session, State."""
    c = cover_of("upr-national-report_DNK_A-HRC-WG.6-52-DNK-1_en.txt")
    assert (c.symbol, c.symbol_span and c.symbol_span.start) == ("A/HRC/WG.6/52/DNK/1", 4)
    assert (c.distribution, c.date, c.original_language) == ("General", dt.date(2026, 2, 20), "en")
    assert c.body == "Human Rights Council Working Group on the Universal Periodic Review"
    assert (c.session, c.state_name, c.state, c.kind) == (52, "Denmark", "DNK", "upr-national-report")
    assert c.title == "National report submitted pursuant to Human Rights Council resolutions 5/1 and 16/21"
    assert c.end_line == 15  # the symbol repeated as the header of page 2; "I. Introduction" is 16


def test_compilation_cover_state_before_title() -> None:
    """upr-compilation_DNK_…-2_en.txt lines 4-11: 'Denmark' (10) before the title (11)."""
    c = cover_of("upr-compilation_DNK_A-HRC-WG.6-52-DNK-2_en.txt")
    assert (c.symbol, c.date, c.state, c.kind) == ("A/HRC/WG.6/52/DNK/2", dt.date(2026, 2, 6), "DNK",
                                                   "upr-compilation")  # fmt: skip
    assert c.title and c.title.startswith("Compilation of information prepared by the Office")
    assert sorted(c.lines()) == [1, 2, 4, 5, 6, 8, 9, 10, 11]


def test_session_from_the_title_note() -> None:
    """concluding-observations_NAM_en.txt: the cover prints no session; the '*' note at line 21
    ('Adopted by the Committee at its 116th session') does."""
    c = cover_of("concluding-observations_NAM_en.txt")
    assert (c.symbol, c.state, c.session, c.kind) == (
        "CCPR/C/NAM/CO/2",
        "NAM",
        116,
        "concluding-observations",
    )
    assert c.date == dt.date(2016, 4, 22)


def test_spanish_cover() -> None:
    """A Spanish cover in the forms the UN prints (labels and values on separate lines), for the
    KAZ report: src/hrgraph/resources/sources/kaz-upr3-national-report.txt has no cover block of its own (it
    starts at 'I. Metodología'), so the block is composed here from its symbol (line 308) and
    the Spanish cover forms; it is not a copy of a printed cover."""
    text = "\n".join([
        "Naciones Unidas", "Asamblea General", "A/HRC/WG.6/34/KAZ/1", "Distr. general",
        "21 de agosto de 2019", "Original: español", "Consejo de Derechos Humanos",
        "Grupo de Trabajo sobre el Examen Periódico Universal", "34.º período de sesiones",
        "Ginebra, 4 a 15 de noviembre de 2019",
        "Informe nacional presentado con arreglo al párrafo 5 del anexo de la resolución 16/21 "
        "del Consejo de Derechos Humanos*", "Kazajstán", "I. Metodología",
    ])  # fmt: skip
    c = read_cover(SourceText.from_string("es", text))
    assert (c.symbol, c.distribution, c.date) == ("A/HRC/WG.6/34/KAZ/1", "General", dt.date(2019, 8, 21))
    assert (c.original_language, c.session, c.state, c.kind) == ("es", 34, "KAZ", "upr-national-report")
    assert c.body == "Consejo de Derechos Humanos Grupo de Trabajo sobre el Examen Periódico Universal"
    assert c.end_line == 12


def test_document_without_a_cover() -> None:
    """src/hrgraph/resources/sources/kaz-upr3-national-report.txt line 1 is '  I. Metodología': no cover."""
    c = read_cover(SourceText.from_path("kaz", KAZ))
    assert (c.symbol, c.end_line, c.spans) == (None, 0, ())


def test_kinds_and_cycles() -> None:
    assert kind_from_symbol("A/HRC/WG.6/52/DNK/3") == "upr-stakeholder-summary"
    assert kind_from_symbol("CCPR/C/138/2/Add.1") == "follow-up-assessment"
    assert kind_from_symbol("CERD/C/KAZ/11-14") == "state-report"
    assert kind_from_symbol("CCPR/C/USA/CO/4/Add.1") == "follow-up-reply"
    assert kind_from_symbol("HRI/GEN/1") is None
    assert [upr_cycle(s) for s in (12, 13, 34, 41, 52, 55, 69)] == [1, 2, 3, 4, 4, 5, 6]
