"""Curated tables are validated row by row: every bad row is a ``file:line`` error (exit 2 in the
CLI), never a traceback, a silently empty graph or a build that violates the shapes.

Each case is the real curated file with one change; the oracle is the line the change is on.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from hrgraph import iri, reference
from hrgraph.build import BuildReport
from hrgraph.cli import main
from hrgraph.rdf import recommendations, treaty_status
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import ReferenceDataError

from .test_bad_input import digest

REF = reference.REFERENCE_DIR
ACTIONS = REF / "treaty_actions_PRY.csv"
JUDGMENTS = REF / "iacthr_judgments_PRY.csv"


def _edited(
    tmp_path: Path, source: Path, change: Callable[[list[str]], list[str]], bom: bool = False
) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    path = tmp_path / source.name
    path.write_bytes(("\ufeff" if bom else "").encode() + ("\n".join(change(lines)) + "\n").encode())
    return path


def _row(lines: list[str], i: int, column: int, value: str) -> list[str]:
    cells = lines[i].split(",")
    cells[column] = value
    return [*lines[:i], ",".join(cells), *lines[i + 1 :]]


ACTION_CASES: list[tuple[str, Callable[[list[str]], list[str]], str]] = [
    ("bad-date", lambda ls: _row(ls, 2, 3, "2009-13-01"), ":3: bad date '2009-13-01'"),
    ("unknown-instrument", lambda ls: _row(ls, 2, 1, "ICCPRX"), ":3: unknown instrument 'ICCPRX'"),
    ("unknown-state", lambda ls: _row(ls, 2, 0, "XQZ"), ":3: unknown State 'XQZ'"),
    ("unknown-action", lambda ls: _row(ls, 2, 2, "ratifcation"), ":3: unknown action 'ratifcation'"),
    (
        "duplicate",
        lambda ls: [*ls, ls[1]],
        ":{n}: duplicate state/instrument/action 'PRY/ICESCR/accession' (line 2)",
    ),
    (
        "missing-column",
        lambda ls: [ln.rsplit(",", 2)[0] for ln in ls],
        ":1: the header lacks column(s) source",
    ),
    ("empty", lambda ls: [], ":1: empty file"),
    ("header-only", lambda ls: ls[:1], "no rows after the header"),
    ("ragged", lambda ls: [*ls, "PRY,ICCPR"], ": wrong number of columns"),
    ("control-character", lambda ls: _row(ls, 2, 6, "note\x00"), ":3: control character in column note"),
]


@pytest.mark.parametrize(("case", "change", "expected"), ACTION_CASES, ids=[c[0] for c in ACTION_CASES])
def test_curated_treaty_actions_are_checked_row_by_row(
    case: str, change: Callable[[list[str]], list[str]], expected: str, tmp_path: Path
) -> None:
    """Each bad row of treaty_actions_PRY.csv is a ReferenceDataError naming the file and line."""
    path = _edited(tmp_path, ACTIONS, change)
    if case == "duplicate":
        expected = expected.format(n=len(ACTIONS.read_text(encoding="utf-8").splitlines()) + 1)
    with pytest.raises(ReferenceDataError) as caught:
        treaty_status.write_curated(GraphWriter(iri.graph("reference"), {}), path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value), str(caught.value)


def test_a_byte_order_mark_is_read_as_nothing(tmp_path: Path) -> None:
    """A curated file saved with a UTF-8 byte-order mark (as spreadsheets write it) gives the same
    quads as the original (before: KeyError on the first column)."""
    plain, marked = GraphWriter(iri.graph("r"), {}), GraphWriter(iri.graph("r"), {})
    treaty_status.write_curated(plain, ACTIONS)
    treaty_status.write_curated(marked, _edited(tmp_path, ACTIONS, lambda ls: ls, bom=True))
    assert plain.quads and sorted(map(str, plain.quads)) == sorted(map(str, marked.quads))


def test_curated_file_not_utf8_is_an_error(tmp_path: Path) -> None:
    """A Latin-1 judgments file is refused naming the file and the byte offset."""
    path = tmp_path / JUDGMENTS.name
    path.write_bytes(JUDGMENTS.read_text(encoding="utf-8").encode("latin-1", "replace"))
    with pytest.raises(ReferenceDataError, match="not UTF-8"):
        recommendations.write_curated(GraphWriter(iri.graph("reference"), {}), path)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        (3, "2004-02-30", "bad date '2004-02-30'"),
        (4, "C112", "bad Series C number"),
        (0, "Caso X", "bad case key"),
    ],
)
def test_curated_judgments_are_checked_row_by_row(
    tmp_path: Path, column: int, value: str, expected: str
) -> None:
    """A bad judgment date, Series C number or case key in iacthr_judgments_PRY.csv names line 2."""
    lines = JUDGMENTS.read_text(encoding="utf-8").splitlines()
    head, tail = lines[1].split(",", 2)[:2], lines[1]
    import csv
    import io

    row = next(csv.reader(io.StringIO(tail)))
    row[column] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row)
    assert head  # the first data row exists
    path = tmp_path / JUDGMENTS.name
    path.write_text("\n".join([lines[0], out.getvalue().rstrip("\n"), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=f":2: {expected}"):
        recommendations.write_curated(GraphWriter(iri.graph("reference"), {}), path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "expected"),
    [("", "wikidata.csv:1: empty file"), ("kind,key,qid,source\n", "wikidata.csv: no rows after the header"),
     ("kind,key,qid,source\nstate,PRY,733,x\n", "wikidata.csv:2: bad Wikidata id '733'")],
)  # fmt: skip
def test_build_refuses_a_broken_wikidata_table(
    built: tuple[Path, BuildReport],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    expected: str,
) -> None:
    """The issue's case: an empty wikidata.csv dropped every alignment with exit 0; now the build
    exits 2 naming the file and the previous build is byte for byte what it was."""
    out = tmp_path / "build"
    shutil.copytree(built[0], out)
    ref = tmp_path / "reference"
    shutil.copytree(REF, ref)
    (ref / "wikidata.csv").write_text(content, encoding="utf-8")
    monkeypatch.setattr(reference, "REFERENCE_DIR", ref)
    before = digest(out)
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert digest(out) == before
