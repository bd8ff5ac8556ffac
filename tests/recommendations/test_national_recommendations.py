"""The Truth and Justice Commission's recommendations and the POJOAJU proposals (3389-3479)."""

from __future__ import annotations

from hrgraph.extract.compilation import national_recommendations as nr

# Category ranges read from the headings "Recomendaciones en materia de …" (3391-3421)
CATEGORIES = {
    "satisfacción": range(1, 64),
    "restitución": range(64, 79),
    "indemnización": range(79, 87),
    "rehabilitación": range(87, 91),
    "no repetición": range(91, 179),
}

THEMES = {  # theme -> number of proposals (numbered items, or 1 for an unnumbered text)
    "Democracia real": 6,
    "Desarrollo rural y agrario": 1,
    "Políticas ambientales para el desarrollo sustentable": 6,
    "Pueblos indígenas": 11,
    "Juventud": 10,
    "Niñez y Adolescencia": 10,
    "Igualdad de Género": 1,
    "Comunicaciones": 17,
    "Vivienda": 7,
}


def test_every_truth_commission_recommendation_with_number_and_category(nr_result: nr.Result) -> None:
    recs = nr_result.truth_commission
    assert [r.number for r in recs] == list(range(1, 179))
    for r in recs:
        assert r.number in CATEGORIES[r.category], r.number
    assert not nr_result.problems


def test_truth_commission_sub_headings(nr_result: nr.Result) -> None:
    by = {r.number: r for r in nr_result.truth_commission}
    assert by[9].heading.startswith("Medidas dirigidas a búsqueda de las personas desaparecidas")
    assert by[86].heading == "Otros perjuicios"
    assert by[87].heading == "Atención médica y psicológica"
    assert by[95].heading.startswith("Medidas que garanticen que todos los procedimientos")
    assert by[16].heading == by[12].heading  # 15 ends without a full stop: no new heading
    assert by[15].text.endswith("de acuerdo al informe final de la Comisión de Verdad y Justicia")


def test_truth_commission_texts_across_pages(nr_result: nr.Result) -> None:
    by = {r.number: r for r in nr_result.truth_commission}
    assert "archivos policiales y militares, con el propósito" in by[2].text  # "milita-" 3391
    assert by[64].text.endswith("como consecuencia del exilio.´")
    assert by[178].text.endswith("reconciliación con verdad, justicia y reparación.")
    assert (by[2].span.start, by[2].span.end) == (3391, 3393)


def test_civil_society_themes_and_items(nr_result: nr.Result) -> None:
    counts: dict[str, int] = {}
    for p in nr_result.proposals:
        counts[p.theme] = counts.get(p.theme, 0) + 1
    assert counts == THEMES
    demo = [p for p in nr_result.proposals if p.theme == "Democracia real"]
    assert [(p.list_index, p.number) for p in demo] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)]
    assert demo[0].lead == "Medidas a corto plazo"
    assert demo[3].lead == "Medidas a mediano plazo:"
    assert demo[1].text == "Mayor participación ciudadana."


def test_civil_society_lists_continue_across_lines(nr_result: nr.Result) -> None:
    com = [p.number for p in nr_result.proposals if p.theme == "Comunicaciones"]
    assert com == list(range(1, 18))
    indig = [p for p in nr_result.proposals if p.theme == "Pueblos indígenas"]
    assert indig[7].lead == "Como medidas de adopción inmediatas, se propone lo siguiente:"


def test_site_footer_after_the_proposals_is_furniture(nr_result: nr.Result, rec_ledger: object) -> None:
    from hrgraph.extract.common import LineLedger

    assert isinstance(rec_ledger, LineLedger)
    assert {rec_ledger.used_as[n] for n in (3483, 3485, 3487)} == {"site-furniture"}
