"""Every CESCR bullet against the list built by reading lines 585–711 of the compilation.

``tests/data/general_comments/cescr_bullets.csv`` has one row per printed bullet (``•``) and
per lettered duty split out of a list: the line, the bullet's place on that line, the item
letter, the general comment it belongs to and its type as read. The extracted obligations are
located in the source by their text, independently of how the extractor found them.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from hrgraph.extract.common import SourceText
from hrgraph.extract.compilation.general_comments import Obligation, Result
from tests.helpers import DATA

FIXTURE = DATA / "general_comments" / "cescr_bullets.csv"
Key = tuple[int, int, str]  # (line, bullet place on the line (0: outside bullets), item letter)


def rows() -> list[dict[str, str]]:
    with FIXTURE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def where(src: SourceText, ob: Obligation) -> Key:
    """The obligation's place in the printed line, found from its text."""
    line = src.line(ob.span.start)
    probe = ob.text[:40] if ob.marker == "•" else f"{ob.marker} {ob.text[:30]}"
    at = line.find(probe)
    assert at >= 0, f"{ob.key}: {probe!r} not in line {ob.span.start}"
    item = "" if ob.marker == "•" else ob.marker
    return ob.span.start, line[:at].count("•"), item


@pytest.fixture(scope="module")
def found(gc_src: SourceText, gc_result: Result) -> dict[Key, list[Obligation]]:
    out: dict[Key, list[Obligation]] = {}
    for ob in gc_result.obligations:
        if ob.body == "CESCR":
            out.setdefault(where(gc_src, ob), []).append(ob)
    return out


def expected() -> dict[Key, dict[str, str]]:
    return {
        (int(r["line"]), int(r["bullet"]), r["item"]): r
        for r in rows()
        if r["type"] not in ("heading", "items")
    }


def test_the_list_covers_every_printed_bullet(gc_src: SourceText) -> None:
    printed = sum(text.count("•") for _, text in gc_src.numbered(585, 711))
    bullets = [r for r in rows() if not r["item"]]
    assert printed == 195
    assert len(bullets) == printed
    assert Counter((r["line"], r["bullet"]) for r in bullets).most_common(1)[0][1] == 1


def test_no_bullet_lost_or_invented(found: dict[Key, list[Obligation]]) -> None:
    assert sorted(set(expected()) - set(found)) == []
    assert sorted(set(found) - set(expected())) == []


def test_no_bullet_doubled(found: dict[Key, list[Obligation]]) -> None:
    assert {k: len(v) for k, v in found.items() if len(v) > 1} == {}


def test_every_bullet_attributed_to_its_comment(found: dict[Key, list[Obligation]]) -> None:
    wrong = {
        k: (obs[0].gc, r["gc"])
        for k, r in expected().items()
        if (obs := found.get(k)) and obs[0].gc != r["gc"]
    }
    assert wrong == {}


def test_typed_by_heading_where_the_heading_says(found: dict[Key, list[Obligation]]) -> None:
    wrong = {}
    for k, r in expected().items():
        ob = found[k][0]
        if r["by"] == "heading" and (ob.assigned_by, ob.types) != ("heading", (r["type"],)):
            wrong[k] = (ob.assigned_by, ob.types, r["type"])
        if r["by"] == "rule" and (ob.assigned_by != "rule" or r["type"] not in ob.types):
            wrong[k] = (ob.assigned_by, ob.types, r["type"])
    assert wrong == {}


def test_printed_headings_with_bullets_are_not_obligations(gc_result: Result) -> None:
    headings = {(span.start, gc) for gc, _, span in gc_result.bullet_headings}
    assert headings == {(int(r["line"]), r["gc"]) for r in rows() if r["type"] == "heading"}


def test_counts_per_comment() -> None:
    per_gc = Counter(r["gc"] for r in expected().values())
    assert sum(per_gc.values()) == 225
