"""``hrgraph query --timeout/--max-memory`` on the built seed graph: the query runs in a bounded
worker (the machinery of ``hrgraph serve``); passing a bound is exit 2 with one line naming it,
and no scratch folder is left behind.

Each case runs the real CLI as a process (``python -m hrgraph.cli``) with ``TMPDIR`` pointing at
a folder of the test, so its scratch folders can be counted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hrgraph.build import BuildReport

pytestmark = pytest.mark.slow

PRY_CODE = (
    "PREFIX hrg: <https://w3id.org/hrgraph/ontology#> "
    "SELECT ?code WHERE { <https://w3id.org/hrgraph/id/state/PRY> hrg:isoAlpha3 ?code }"
)
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"


def _query(out: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    tmp.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "hrgraph.cli", "query", "--out", str(out), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "TMPDIR": str(tmp)},
    )


@pytest.mark.parametrize(
    ("query", "option", "message"),
    [
        (CARTESIAN, ["--timeout", "2"], "error: the query ran past this command's time limit of 2 s"),
        (
            SORTED_PRODUCT,
            ["--max-memory", "300M"],
            "error: the query needed more memory than this command's bound of 300 MiB per query",
        ),
    ],
    ids=["timeout", "memory"],
)
def test_query_past_a_bound_exits_2_with_one_line(
    built: tuple[Path, BuildReport], tmp_path: Path, query: str, option: list[str], message: str
) -> None:
    """If a query passes the time or memory bound given, then ``hrgraph query`` exits 2 with one
    line on stderr naming the bound, prints nothing on stdout, and leaves no scratch folder.
    Oracle: the bound on the command line; exit 2 is ``hrgraph.errors.BAD_INPUT`` (a query that
    asks more than the bounds allow is a usage error, BoundError)."""
    done = _query(built[0], tmp_path / "tmp", *option, "--format", "csv", query)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [message]
    assert done.stdout == ""
    assert list((tmp_path / "tmp").iterdir()) == []


def test_bounded_query_answers_as_the_unbounded_one(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    """If a query fits the bounds, then the bounded run prints what the in-process run prints.
    Oracle: the same CLI without bounds (in-process store), on a SELECT and a CONSTRUCT."""
    construct = "CONSTRUCT WHERE { <https://w3id.org/hrgraph/id/state/PRY> ?p ?o }"
    for query, fmt in ((PRY_CODE, "csv"), (PRY_CODE, "table"), (construct, "table"), ("ASK {}", "table")):
        plain = _query(built[0], tmp_path / "plain", "--format", fmt, query)
        bounded = _query(
            built[0], tmp_path / "tmp", "--timeout", "60", "--max-memory", "1G", "--format", fmt, query
        )
        assert plain.returncode == bounded.returncode == 0, bounded.stderr
        assert bounded.stdout == plain.stdout and plain.stdout.strip()
    assert list((tmp_path / "tmp").iterdir()) == []
