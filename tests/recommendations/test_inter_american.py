"""The Inter-American material of the compilation, against values read by hand (lines 3057-3125)."""

from __future__ import annotations

from datetime import date

from hrgraph.extract.compilation import inter_american as ia

REPORT_TOPICS = [
    "Impunidad",
    "Administración de justicia y derechos humanos",
    "Derechos económicos, sociales y culturales",
    "Derecho a la libertad de expresión",
    "Derechos de la niñez",
    "Derechos de la mujer",
    "Derechos de los pueblos indígenas",
]

MEASURES = [  # line 3075 and 3079
    ("Pacientes del Hospital Neuropsiquiátrico", date(2008, 7, 29)),
    ("Comunidad Indígena Kelyenmagategma del Pueblo Enxet", date(2004, 10, 12)),
    ("Felipe Nery Páez Mauro y su familia", date(2004, 11, 15)),
    ("Arturo Luis López Reyes y otros", date(2003, 4, 22)),
    ("María Noguera y familia", date(2002, 7, 29)),
]

P, C, PARTIAL = "Pendiente de cumplimiento", "Cumplido", "Cumplimiento parcial"
COURT = {  # title as the TOC prints it -> (order headings, statuses), lines 3081-3125
    "Instituto de Reeducación del Menor Vs. Paraguay": (
        ["Publicación de la sentencia", "Acto público de reconocimiento",
         "Tratamiento psicológico", "Asistencia vocacional y programa de educación especial",
         "Panteón para víctima", "Garantía de vida, integridad y seguridad", "Daño material",
         "Daño inmaterial", "Costas y gastos"],
        [C, P, P, P, P, P, P, P, P],
    ),
    "Caso Comunidad Indígena Yakye Axa Vs. Paraguay": (
        ["Territorio tradicional", "Bienes y servicios básicos",
         "Fondo para la adquisición de tierras", "Programa y fondo de desarrollo comunitario",
         "Adopción de medidas legislativas, administrativas o de otro carácter",
         "Acto público de reconocimiento", "Publicación de la sentencia y transmisión radial",
         "Daño material, costas y gastos"],
        [None] * 8,
    ),
    "Caso Comunidad Indígena Sawhoyamaxa Vs. Paraguay": (
        ["Territorios tradicionales", "Fondo de desarrollo comunitario",
         "Daños inmaterial, costas y gastos", "Bienes y servicios básicos",
         "Sistema de comunicación", "Registro y documentación",
         "Adopción de medidas legislativas, administrativas o de otro carácter",
         "Publicación de la sentencia y transmisión radial"],
        [None] * 8,
    ),
    "Caso Goiburú y otros Vs. Paraguay": (
        ["Completar investigación y finalizar procesos",
         "Búsqueda y localización de las víctimas", "Acto público de reconocimiento",
         "Publicación de la sentencia",
         "Tratamiento de salud adecuados a familiares de las víctimas",
         "Construcción de monumento", "Educación en DD.HH. a Fuerzas Policiales",
         "Tipificación de los delitos de tortura y desaparición forzosa", "Daño material",
         "Daño inmaterial", "Costas y gastos"],
        [None] * 11,
    ),
    "Caso Vargas Areco Vs. Paraguay": (
        ["Identificación, juzgamiento y sanción a responsables",
         "Acto público de reconocimiento", "Tratamiento médico",
         "Educación en DD.HH. a miembros y miembras de las fuerzas armadas",
         "Publicación de la sentencia", "Adecuación de legislación interna", "Daño material",
         "Daño inmaterial", "Pago de costas y gastos"],
        [P, C, P, P, P, PARTIAL, PARTIAL, PARTIAL, PARTIAL],
    ),
}  # fmt: skip


def test_country_report_topics(ia_result: ia.Result) -> None:
    assert [r.topic for r in ia_result.report] == REPORT_TOPICS
    econ = ia_result.report[2]
    assert econ.text.startswith("De acuerdo con las consideraciones anteriores")
    assert ia_result.report[0].span.start == 3059
    assert ia_result.report[-1].text.endswith("supervivencia como comunidades.")


def test_petition_case_11506(ia_result: ia.Result) -> None:
    (case,) = ia_result.cases
    assert (case.number, case.report) == ("11.506", "77/02")
    assert case.victims == ("Waldemar Gerónimo Pinheiro", "José Víctor Dos Santos")
    assert case.violated == [("ACHR", "7"), ("ACHR", "8"), ("ADRDM", "25"), ("ADRDM", "26")]
    assert [f.letter for f in case.findings] == ["a", "b"]
    assert [n for n, _ in case.recommendations] == ["1", "2", "3", "4", "5"]
    assert case.recommendations[3][1] == (
        "Ordene una investigación para determinar quiénes fueron los responsables de las "
        "violaciones que la Comisión ha encontrado, y sancionarlos."
    )
    assert case.span.start == 3071


def test_precautionary_measures(ia_result: ia.Result) -> None:
    assert [(m.label, m.granted) for m in ia_result.measures] == MEASURES
    lopez = ia_result.measures[3]
    assert lopez.beneficiaries.startswith("Arturo Luis López Reyes, Luz María Menocchio de López")
    assert (lopez.span.start, lopez.span.end) == (3075, 3079)
    assert "situación de riesgo" in lopez.text  # "situa-" / "ción" joined across the page


def test_court_cases_titles_orders_and_status(ia_result: ia.Result) -> None:
    got = {c.title: ([o.title for o in c.orders], [o.status for o in c.orders])
           for c in ia_result.court_cases}  # fmt: skip
    assert got == COURT


def test_court_titles_at_line_ends_start_the_next_case(ia_result: ia.Result) -> None:
    """Titles at the end of lines 3089, 3097 and 3117 (after another case's orders)."""
    starts = {c.title: c.span.start for c in ia_result.court_cases}
    assert starts["Caso Comunidad Indígena Yakye Axa Vs. Paraguay"] == 3089
    assert starts["Caso Comunidad Indígena Sawhoyamaxa Vs. Paraguay"] == 3097
    assert starts["Caso Goiburú y otros Vs. Paraguay"] == 3107
    assert starts["Caso Vargas Areco Vs. Paraguay"] == 3117
    goiburu = next(c for c in ia_result.court_cases if c.title.startswith("Caso Goiburú"))
    assert goiburu.orders[-1].text.endswith("en los términos de los párrafos 183 y 187 de la misma.")
    assert all(c.judgment_status == "Pendiente de cumplimiento" for c in ia_result.court_cases)


def test_order_text_and_judgment_paragraphs(ia_result: ia.Result) -> None:
    instituto = ia_result.court_cases[0]
    garantia = instituto.orders[5]
    assert garantia.text.endswith("en los términos del párrafo 324 de la presente Sentencia.")
    assert garantia.paragraphs == ("324",)
    assert instituto.orders[2].paragraphs == ("318", "319", "320")


def test_counts(ia_result: ia.Result) -> None:
    assert ia_result.counts() == {
        "iachr-report-topics": 7,
        "iachr-cases": 1,
        "iachr-case-recommendations": 5,
        "iachr-articles-violated": 4,
        "precautionary-measures": 5,
        "court-cases": 5,
        "court-orders": 45,
        "court-orders-with-status": 18,
    }
