"""Articles of the Paraguay compilation against text read by hand from the source.

Every expected value below was read with ``sed -n Np src/hrgraph/resources/sources/pry-compilation.txt`` (the
line numbers are in the comments), not produced by the extractor. Many spot checks are of
articles whose text the PDF dump splits over a column or page break, or prints before its own
instrument's title or inside another instrument.
"""

from __future__ import annotations

import re

import pytest

from hrgraph.extract.common import LineLedger, SourceText
from hrgraph.extract.compilation import instruments
from hrgraph.extract.compilation.articles import find_headings
from tests.helpers import SOURCES

SOURCE = SOURCES / "pry-compilation.txt"


@pytest.fixture(scope="module")
def result() -> instruments.Result:
    src = SourceText.from_path("pry-compilation", SOURCE)
    return instruments.extract(src, LineLedger(src))


# (instrument, article, starts with, contains, ends with) — "" means not checked
SPOT_CHECKS = [
    # UN ---------------------------------------------------------------------------------
    ("UDHR", "1", "Todos los seres humanos nacen libres e iguales", "",
     "deben comportarse fraternalmente los unos con los otros."),  # 481
    ("UDHR", "5", "Nadie será sometido a torturas ni a penas o tratos crueles", "",
     "inhumanos o degradantes."),  # 471, printed before Arts. 1-4
    ("UDHR", "16", "Los hombres y las mujeres, a partir de la edad núbil",
     "podrá contraerse el matrimonio. La familia es el elemento natural",
     "protección de la sociedad y del Estado."),  # 487 → page break → 493
    ("UDHR", "25", "Toda persona tiene derecho a un nivel de vida adecuado",
     "viudez, vejez y otros casos de pérdida de sus medios de subsistencia",
     "tienen derecho a igual protección social."),  # 519 → column break → 495
    ("ICESCR", "8", "1. Los Estados Partes en el presente Pacto se comprometen a garantizar",
     "d) El derecho de huelga", "a aplicar la ley en forma que menoscabe dichas garantías."),  # 535 → 541
    ("ICESCR", "12", "1. Los Estados Partes en el presente Pacto reconocen el derecho de toda persona",
     "figurarán las necesarias para: a) La reducción de la mortinatalidad", ""),  # 553 → 543
    ("ICESCR", "26", "1. El presente Pacto estará abierto a la firma",
     "del presente artículo. 4. La adhesión se efectuará",
     "del depósito de cada uno de los instrumentos de ratificación o de adhesión."),  # 573 → 579
    ("ICESCR", "28", "Las disposiciones del presente Pacto serán aplicables a todas las partes", "",
     "sin limitación ni excepción alguna."),  # 591, inside the general comments
    ("ICCPR", "6", "1. El derecho a la vida es inherente a la persona humana.",
     "La amnistía, el indulto o la conmutación de la pena capital podrán ser concedidos", ""),  # 775 → 781
    ("ICCPR", "14", "1. Todas las personas son iguales ante los tribunales y cortes de justicia.",
     "con un defensor de su elección; c) A ser juzgado sin dilaciones indebidas;", ""),  # 795 → 801
    ("ICCPR-OP1", "1", "Todo Estado Parte en el Pacto que llegue a ser parte en el presente Protocolo",
     "", ""),  # 863, before the protocol's title (877)
    ("ICCPR-OP2", "6", "1. Las disposiciones del presente Protocolo serán aplicables en carácter de "
     "disposiciones adicionales del Pacto.", "", ""),  # 911, among the HRC general comments
    ("CAT", "17", "1. Se constituirá un Comité contra la Tortura",
     "presenten sus candidaturas en un plazo de tres meses. El Secretario General preparará", ""),
    # 1159 → 1167
    ("CAT", "21", "1. Con arreglo al presente artículo, todo Estado Parte",
     "se prolongue injustificadamente o no sea probable que mejore realmente la situación", ""),
    # 1169 → page break → 1175
    ("CEDAW", "10", "Los Estados Partes adoptarán todas las medidas apropiadas para eliminar",
     "hayan dejado los estudios prematuramente; g) Las mismas oportunidades para participar "
     "activamente en el deporte", ""),  # 1337 → 1329
    ("CRC", "40", "1. Los Estados Partes reconocen el derecho de todo niño",
     "representantes legales; iv) Que no será obligado a prestar testimonio", ""),  # 1639 → 1645
    ("GENOCIDE", "2", "En la presente Convención, se entiende por genocidio", "", ""),  # 2133, "II"
    ("GENOCIDE", "16", "Una demanda de revisión de la presente Convención", "", ""),
    # 2141, "XVI", next to the UNTOC title (2143)
    ("CSR51", "1", "a. A los efectos de la presente Convención",
     "fuera del país donde antes tuviera su residencia habitual", ""),  # 2071 → 2073
    ("CSR-PROT67", "3", "Los Estados Partes en el presente Protocolo", "", ""),  # 2117, before the protocol's title (2119)
    ("ROME-STATUTE", "8", "1. La Corte tendrá competencia",
     "no se dará cuartel; xi) Someter a las personas que estén en poder de otra parte", ""),
    # 2225 → 2229 → 2233 → 2235
    ("ROME-STATUTE", "16", "En caso de que el Consejo de Seguridad",
     "la investigación o el enjuiciamiento que haya iniciado, la Corte procederá", ""),
    # 2237 → page break → 2241
    # ILO --------------------------------------------------------------------------------
    ("ILO-C029", "1", "1. Todo Miembro de la Organización Internacional del Trabajo que ratifique "
     "el presente Convenio se obliga a suprimir", "", ""),  # 2463
    ("ILO-C138", "2", "1. Todo Miembro que ratifique el presente Convenio deberá especificar, en una "
     "declaración anexa a su ratificación", "", ""),  # 2749
    ("ILO-C169", "15", "1. Los derechos de los pueblos interesados a los recursos naturales "
     "existentes en sus tierras deberán protegerse especialmente.", "", ""),  # 2605
    ("ILO-C138", "5", "1. El Miembro cuya economía y cuyos servicios administrativos",
     "de las empresas familiares o de pequeñas dimensiones que produzcan para el mercado local",
     ""),  # 2753 → 2755
    ("ILO-C138", "10", "1. El presente Convenio modifica, en las condiciones establecidas",
     "Convenio sobre la edad mínima (pescadores), 1959, y siempre que", ""),
    # 2761 "(pescado-" → 2767 "res), 1959": a word hyphenated over a column break
    ("ILO-C182", "3", "A los efectos del presente Convenio, la expresión “las peores formas de "
     "trabajo infantil” abarca: a) todas las", "", ""),  # 2781
    ("ILO-C182", "12", "1. El Director General de la Oficina Internacional del Trabajo notificará "
     "a todos los Miembros", "", ""),  # 2925, after the whole Inter-American table
    ("ILO-C182", "16", "Las versiones inglesa y francesa del texto de este Convenio son igualmente "
     "auténticas.", "", "igualmente auténticas."),  # 2925
    # OAS --------------------------------------------------------------------------------
    ("ADRDM", "1", "Todo ser humano tiene derecho a la vida, a la libertad y a la seguridad de su "
     "persona.", "", ""),  # 2929, "I.", before the declaration's title (2931)
    ("ADRDM", "29", "Toda persona tiene el deber de convivir con las demás", "", ""),  # 2959, "XXIX."
    ("ACHR", "4", "1. Toda persona tiene derecho a que se respete su vida.",
     "3. No se restablecerá la pena de muerte en los Estados que la han abolido. 4. En ningún caso "
     "se puede aplicar la pena de muerte por delitos políticos", ""),  # 2973 → page break → 2977
    ("ACHR-OP-SS", "15", "1. La familia es el elemento natural", "2. Toda persona tiene derecho a constituir familia", ""),
    # 3141 + the "2." printed alone at 3143 + 3145
    ("ACHR-OP-SS", "21", "1. El presente Protocolo queda abierto a la firma",
     "3. El Protocolo entrará en vigor tan pronto como once Estados", ""),
    # 3165 → the "3." printed alone at 3169 → 3171, on the next page
    ("BELEM-DO-PARA", "7", "Los Estados Partes condenan todas las formas de violencia contra la mujer",
     "la tolerancia de la violencia contra la mujer; f. establecer procedimientos legales justos", ""),
    # 3241 → page break → 3249
    ("IACPPT", "24", "El instrumento original de la presente Convención",
     "a la Secretaría de las Naciones Unidas, de conformidad con el artículo 102", ""),
    # 3211 "Nacio-" → 3217 "nes Unidas"
    ("IACPPT", "14", "Cuando un Estado parte no conceda la extradición",
     "de conformidad con su legislación nacional. La decisión", ""),  # 3209 → 3203
    ("MONTEVIDEO-ASYLUM-REFUGE-1939", "5", "Mientras dure el asilo no se permitirá a los asilados "
     "practicar actos que alteren la tranquilidad pública", "", ""),
    # 3369, printed inside the 1933 convention, before the treaty's title (3373)
    ("MONTEVIDEO-POLITICAL-ASYLUM-1933", "6", "La presente Convención será ratificada por las Altas "
     "Partes Contratantes", "República Oriental del Uruguay queda encargado", ""),  # 3361 → 3363
    ("HAVANA-ASYLUM-1928", "4", "La presente Convención después de firmada será sometida a las "
     "ratificaciones", "", "tal notificación valdrá como canje de ratificaciones. Esta Convención "
     "quedará abierta a la adhesión de los Estados no signatarios."),
    # 3355, before the convention's title (3357); the testimonium is cut off
]  # fmt: skip


@pytest.mark.parametrize(("key", "number", "start", "inside", "end"), SPOT_CHECKS)
def test_article_text(
    result: instruments.Result, key: str, number: str, start: str, inside: str, end: str
) -> None:
    text = result.article(key, number).text
    assert text.startswith(start)
    assert inside in text
    assert text.endswith(end)


def test_at_least_thirty_spot_checks_across_systems() -> None:
    systems = {k.split("-")[0] for k, *_ in SPOT_CHECKS}
    assert len(SPOT_CHECKS) >= 30
    assert {"ILO", "ADRDM", "ACHR", "UDHR"} <= systems


@pytest.mark.parametrize(
    ("key", "number", "label"),
    [("GENOCIDE", "19", "XIX"), ("ADRDM", "38", "XXXVIII"), ("CSR-PROT67", "11", "XI"),
     ("IACFDP", "22", "XXII"), ("ICCPR", "14", "14")],
)  # fmt: skip
def test_roman_articles_keep_arabic_number_and_printed_label(
    result: instruments.Result, key: str, number: str, label: str
) -> None:
    assert result.article(key, number).label == label


# Last article of each instrument, as the table of contents states it ("Artículos 1 al 30",
# "Artículos I al XIX", lines 39-101) or, where it lists only parts, the last heading printed.
LAST_ARTICLE = {
    "UDHR": 30, "ICESCR": 31, "ICCPR": 53, "ICCPR-OP1": 14, "ICCPR-OP2": 11, "CAT": 33,
    "CERD": 25, "CEDAW": 30, "CEDAW-OP": 21, "CPRW": 11, "CRC": 54, "CRC-OP-AC": 13,
    "CRC-OP-SC": 17, "HCCH-1980-ABDUCTION": 45, "HCCH-1993-ADOPTION": 48, "CMW": 93,
    "CSR51": 46, "CSR-PROT67": 11, "GENOCIDE": 19, "UNTOC": 41, "ROME-STATUTE": 128,
    "HOSTAGES": 20, "TERRORIST-BOMBINGS": 24, "UNTOC-PROT-TIP": 20, "ILO-C029": 33,
    "ILO-C087": 21, "ILO-C105": 10, "ILO-C122": 11, "ILO-C159": 17, "ILO-C107": 37,
    "ILO-C169": 44, "ILO-C033": 16, "ILO-C079": 17, "ILO-C078": 18, "ILO-C124": 13,
    "ILO-C123": 13, "ILO-C138": 18, "ILO-C182": 16, "ADRDM": 38, "ACHR": 82, "ACHR-OP-SS": 22,
    "ACHR-OP-DP": 4, "IACFDP": 22, "IACPPT": 24, "IACEDPD": 14, "BELEM-DO-PARA": 25,
    "IACSO": 33, "IACIRM": 38, "IACITM": 35, "OAS-DIPLOMATIC-ASYLUM-1954": 24,
    "OAS-TERRITORIAL-ASYLUM-1954": 15, "HAVANA-ASYLUM-1928": 4,
    "MONTEVIDEO-POLITICAL-ASYLUM-1933": 9, "MONTEVIDEO-ASYLUM-REFUGE-1939": 19,
}  # fmt: skip


@pytest.mark.parametrize(("key", "last"), sorted(LAST_ARTICLE.items()))
def test_articles_form_an_unbroken_sequence(result: instruments.Result, key: str, last: int) -> None:
    values = [a.value for a in result.articles_of(key)]
    assert values == list(range(1, last + 1))


def test_every_printed_instrument_is_read(result: instruments.Result) -> None:
    printed = {i.key for i in result.instruments if i.printed}
    assert set(LAST_ARTICLE) <= printed
    assert len(printed) == 55


def test_check_reports_no_gaps(result: instruments.Result) -> None:
    report = instruments.check(result)
    gaps = {k: v for k, v in report.items() if v.get("missing") or v.get("short")}
    assert gaps == {}


def test_no_article_text_contains_another_article_heading(result: instruments.Result) -> None:
    offenders = [
        (a.instrument, a.label, h.label)
        for a in result.articles
        for h in find_headings(a.text)
        if h.kind == "article"
    ]
    assert offenders == []


def test_cross_reference_printed_like_a_heading_is_not_one(result: instruments.Result) -> None:
    """IACSO art. 9: '… las autoridades señaladas en el Artículo 8. Serán competentes…' (3263)."""
    text = result.article("IACSO", "9").text
    assert "señaladas en el Artículo 8. Serán competentes para conocer de las acciones de cese" in text


def test_paragraphs_are_addressable(result: instruments.Result) -> None:
    art = result.article("ICESCR", "11")  # 549: "1. Los Estados Partes … 2. Los Estados Partes …"
    assert [p.number for p in art.paragraphs] == ["1", "2"]
    assert art.paragraphs[0].text.startswith(
        "Los Estados Partes en el presente Pacto reconocen el "
        "derecho de toda persona a un nivel de vida adecuado"
    )


def test_named_only_instruments_have_no_articles(result: instruments.Result) -> None:
    named = {i.key: i for i in result.instruments if not i.printed}
    assert set(named) == {"ILO-C059", "ILO-C060"}  # table rows 397 and 405
    assert not result.articles_of("ILO-C059")


def test_adoption_lines(result: instruments.Result) -> None:
    by_key = {i.key: i for i in result.instruments}
    udhr = by_key["UDHR"]  # 473
    assert udhr.adoption == (
        "Adoptada y proclamada por la Asamblea General en su Resolución 217 A "
        "(III), de 10 de diciembre de 1948."
    )
    assert str(udhr.adoption_date) == "1948-12-10"
    assert by_key["CSR51"].adoption_place == "Ginebra, Suiza"  # 2069
    assert by_key["ACHR-OP-SS"].adoption_place == "San Salvador, El Salvador"  # 3127
    assert by_key["ILO-C078"].preamble is not None
    assert "Montreal" in by_key["ILO-C078"].preamble  # 2677: "Convocada en Montreal"


def test_divisions_and_membership(result: instruments.Result) -> None:
    # 831: "Parte IV Artículo 28 1. Se establecerá un Comité de Derechos Humanos"
    assert result.article("ICCPR", "28").division == "part/4"
    # 3009: "Capítulo VII - … Sección 1 - Organización Artículo 34"
    assert result.article("ACHR", "34").division == "section/1"
    acdh = {d.id: d for d in result.divisions if d.instrument == "ACHR"}
    assert acdh["chapter/7"].title == "La Comisión Interamericana de Derechos Humanos"
    assert acdh["chapter/7"].parent == "part/2"


def test_substantive_and_procedural(result: instruments.Result) -> None:
    assert result.article("ICCPR", "7").provision == "substantive"
    assert result.article("ICCPR", "28").provision == "institutional"
    assert result.article("ICCPR", "49").provision == "final"
    assert result.article("ILO-C029", "28").provision == "final"  # ratifications formales …


def test_no_text_holds_a_page_number_line(result: instruments.Result) -> None:
    assert not any(re.fullmatch(r"\d{1,3}", a.text) for a in result.articles)


@pytest.mark.parametrize(
    ("key", "number", "title"),
    [
        ("ACHR", "4", "Derecho a la Vida"),  # 2973 "Artículo 4. Derecho a la Vida 1. Toda persona"
        ("UNTOC", "1", "Finalidad"),  # 2143 "Artículo 1 - Finalidad El propósito"
        ("CSR51", "34", "Naturalización"),  # TOC 63 "Artículo 34. -- Naturalización"
        ("ROME-STATUTE", "22", "Nullum crimen sine lege"),  # 2251
        ("ACHR", "33", None),  # 3007: "Artículo 33 Son competentes …", no title printed
    ],
)
def test_printed_article_titles(result: instruments.Result, key: str, number: str, title: str | None) -> None:
    assert result.article(key, number).title == title


@pytest.mark.parametrize(
    ("key", "adopted"),
    [
        (
            "ILO-C029",
            "1930-06-28",
        ),  # 2463: "Adopta, con fecha veintiocho de junio de mil novecientos treinta"
        ("ILO-C033", "1932-04-30"),  # 2635: "… treinta de abril de mil novecientos treinta y dos"
        ("ILO-C182", "1999-06-17"),  # 2779: "… diecisiete de junio de mil novecientos noventa y nueve"
        ("CAT", "1984-12-10"),  # 1133: "… resolución 39/46, de 10 de diciembre de 1984"
    ],
)
def test_adoption_dates_as_printed(result: instruments.Result, key: str, adopted: str) -> None:
    by_key = {i.key: i for i in result.instruments}
    assert str(by_key[key].adoption_date) == adopted
