"""The inputs that ended in a Python traceback (issue #23's list of 18) now end in one located line
and exit 2, and leave the last build as it was.

Cases already pinned elsewhere: bad dates and missing columns in curated CSVs and BOMs in them
(``test_curated.py``, ``test_bad_input.py``), ``validate`` on ``.rdf``/``.owl``/``.json``, a long
query text and markup in messages (``test_error_path.py``), unknown ``--param`` keys
(``test_bad_input.py``). This file holds the rest: a truncated compilation whose checksum was
updated (it raised ``StopIteration`` and ``ValueError: min() arg is an empty sequence``), odd
``sources.toml`` values, a parameter given twice, an empty ``--date``, a BOM in an N-Triples file,
a broken title-pattern table, and a full or read-only disk (fault injection: the tests run as
root in CI, where permissions do not stop a write).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hrgraph import sources
from hrgraph.build import BuildReport
from hrgraph.cli import main
from hrgraph.extract import instrument_titles
from hrgraph.reference import ReferenceDataError
from hrgraph.store import GraphStore
from tests.helpers import CORPUS
from tests.reliability.test_bad_input import digest


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def one_error_line(text: str) -> str:
    """The ``error:`` line of the output; fails if there is a traceback or no such line."""
    assert "Traceback" not in text, text
    errors = [line for line in text.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, text
    return errors[0]


@pytest.fixture()
def build_copy(built: tuple[Path, BuildReport], tmp_path: Path) -> Path:
    out = tmp_path / "build"
    shutil.copytree(built[0], out, symlinks=True)
    return out


def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped sources that the build reads instead of the package's."""
    copy = tmp_path / "shipped"
    shutil.copytree(sources.SOURCES_DIR, copy)
    monkeypatch.setattr(sources.load_sources, "__defaults__", (copy,))
    monkeypatch.setattr(sources, "SOURCES_DIR", copy)
    return copy


# Oracle: where each truncation of pry-compilation.txt (8,431 lines) stops the readers. 5 %: before
# the ratification tables' rows; 10 %: before the Universal Declaration's title (line 469 on);
# 50 %: after it, before the truth commission's heading ("Recomendaciones de la Comisión de Verdad").
TRUNCATIONS = [
    (0.05, "ratification table: expected rows, found none"),
    (0.10, "expected the title of the Universal Declaration"),
    (0.50, "expected the heading of the truth commission's recommendations"),
]


@pytest.mark.parametrize(("fraction", "expected"), TRUNCATIONS, ids=[f"{f:.0%}" for f, _ in TRUNCATIONS])
def test_truncated_compilation_with_updated_checksum_is_a_located_error(
    fraction: float, expected: str, build_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = shipped_copy(tmp_path, monkeypatch)
    path = copy / "pry-compilation.txt"
    original = path.read_bytes()
    lines = original.split(b"\n")
    cut = b"\n".join(lines[: int(len(lines) * fraction)]) + b"\n"
    path.write_bytes(cut)
    listing = copy / "sources.toml"
    old, new = hashlib.sha256(original).hexdigest(), hashlib.sha256(cut).hexdigest()
    listing.write_text(listing.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    before = digest(build_copy)
    code, text = cli("build", "--out", str(build_copy))
    assert code == 2, text
    line = one_error_line(text)
    assert line.startswith("error: pry-compilation") and expected in line, line
    assert digest(build_copy) == before


def user_list(tmp_path: Path, field: str, value: str) -> Path:
    """A user source list holding the Danish national report with ``field = value`` (TOML text)."""
    folder = tmp_path / "mine"
    code, text = cli(
        "add", str(CORPUS / "upr-national-report_DNK_A-HRC-WG.6-52-DNK-1_en.txt"), "--sources", str(folder)
    )
    assert code == 0, text
    listing = folder / "sources.toml"
    lines = [ln for ln in listing.read_text(encoding="utf-8").splitlines() if not ln.startswith(f"{field} =")]
    header = next(i for i, ln in enumerate(lines) if ln.startswith("["))
    lines.insert(header + 1, f"{field} = {value}")
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# Each: a field of the Danish report's entry, the TOML value written, what the message says.
ODD_VALUES = [
    ("date", "2019-05-01", "date: expected text in quotes"),  # a TOML date, not a string
    ("date", '"2019-02-30"', "date '2019-02-30': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date", '"2019-13"', "date '2019-13': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("kind", '["upr-national-report"]', "kind: expected text in quotes"),
    ("state", "208", "state: expected text in quotes"),
    ("state", '"Atlantis"', "unknown State 'Atlantis'"),
    ("language", '"dk"', "language 'dk': expected one of"),
    ("file", '"../outside.txt"', "expected a file name in the list's folder"),
]


@pytest.mark.parametrize(
    ("field", "value", "expected"), ODD_VALUES, ids=[f"{f}={v}" for f, v, _ in ODD_VALUES]
)
def test_odd_source_list_values_are_located_errors(
    field: str, value: str, expected: str, build_copy: Path, tmp_path: Path
) -> None:
    folder = user_list(tmp_path, field, value)
    before = digest(build_copy)
    code, text = cli("build", "--out", str(build_copy), "--sources", str(folder), "--no-validate")
    assert code == 2, text
    line = one_error_line(text)
    assert f"{folder / 'sources.toml'}:" in line and expected in line, line
    assert digest(build_copy) == before


def test_a_parameter_given_twice_is_refused(build_copy: Path) -> None:
    code, text = cli(
        "query",
        "--out",
        str(build_copy),
        "state-treaty-status",
        "--param",
        "state=PRY",
        "--param",
        "state=KAZ",
    )
    assert code == 2 and "--param state is given twice" in one_error_line(text), text


def test_an_empty_date_is_refused_not_taken_for_today(build_copy: Path) -> None:
    code, text = cli("obligations", "PRY", "--out", str(build_copy), "--date", "")
    assert code == 2 and "--date '': expected YYYY-MM-DD" in one_error_line(text), text


def test_a_byte_order_mark_before_n_triples_is_read_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bom.nt"
    path.write_bytes(b"\xef\xbb\xbf<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n")
    code, text = cli("validate", str(path))
    assert code == 0 and "conforms: True" in text, text
    store = GraphStore()
    store.load_file(path)
    assert len(store) == 1


@pytest.mark.parametrize(
    ("row", "expected"),
    [(None, "empty file (expected a header: key,system,pattern,source)"),
     ("X,UN,(unclosed,test", "pattern is not a regular expression")],
    ids=["empty", "bad-pattern"],
)  # fmt: skip
def test_a_broken_title_pattern_table_is_a_located_error(
    row: str | None, expected: str, tmp_path: Path
) -> None:
    table = tmp_path / "instrument_titles_es.csv"
    if row is None:
        table.write_text("", encoding="utf-8")
    else:
        table.write_text(
            instrument_titles.REFERENCE.read_text(encoding="utf-8") + row + "\n", encoding="utf-8"
        )
    with pytest.raises(ReferenceDataError) as caught:
        instrument_titles.patterns(table)  # a path of its own: the shipped table's cache is untouched
    lines = table.read_text(encoding="utf-8").count("\n")
    assert f"{table}:{max(lines, 1)}" in str(caught.value) and expected in str(caught.value)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["disk-full", "read-only"])
def test_a_full_or_read_only_disk_is_one_line_and_keeps_the_build(
    code: int, build_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: GraphStore, outputs: list[tuple[Callable[[], Any], str, object]]) -> None:
        with outputs[0][0]():  # the first file (hrgraph.nq) opened, its first write fails
            raise OSError(code, os.strerror(code))

    monkeypatch.setattr(GraphStore, "serialize_all", refuse)
    before = digest(build_copy)
    exit_code, text = cli("build", "--out", str(build_copy), "--no-validate")
    assert exit_code == 2, text
    line = one_error_line(text)
    assert os.strerror(code) in line and "hrgraph.nq" in line, line  # names the file being written
    assert digest(build_copy) == before
    assert not list(build_copy.parent.glob(".build.d/.new-*"))
