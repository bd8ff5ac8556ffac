"""Recommendation numbers as the reports print them (examples from the corpus and the KAZ report)."""

from __future__ import annotations

from hrgraph.extract.undoc.recommendations import expand_ids, find_recommendations, note_recommendations


def test_english_and_spanish_forms() -> None:
    assert expand_ids("60.170-60.177") == tuple(f"60.{n}" for n in range(170, 178))  # DNK-1 note 27
    assert find_recommendations("Recommendations 118.1, 118.2")[0].ids == ("118.1", "118.2")
    assert find_recommendations("Recomendación 125.96")[0].ids == ("125.96",)  # KAZ line 2074
    assert find_recommendations("Recomendaciones 125.11 a 125.17")[0].ids[-1] == "125.17"  # KAZ 356


def test_note_forms() -> None:
    """DNK-1 notes 126 (line 308: '60.74., 60.75'), 87 (line 303-304: text, then the list) and
    147 (a URL: nothing)."""
    assert "60.75" in note_recommendations("60.73, 60.74., 60.75, 60.76.")[0].ids
    ids = note_recommendations("see in particular Annex 1, table 4 of the Response, 60.136, 60.140.")[0].ids
    assert ids == ("60.136", "60.140")
    assert note_recommendations("https://www.logir.fo/Anordning/136-af-25-02-2000-om.") == []
    assert note_recommendations("The Danish Institute for Human Rights is the NHRI.") == []
