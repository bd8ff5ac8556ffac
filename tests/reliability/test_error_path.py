"""One error path: foreseen failures are one line and their exit code, the unforeseen exit 70 with
a log holding the traceback, and messages are printed as they are (no markup, no emoji codes).
Hostile RDF is refused before any parser sees it; every RDF format is read by extension or
``--format``. Each case runs the installed ``hrgraph`` console script in a subprocess, so a
crash of the parser (the 5,000-deep JSON-LD segfaulted) would show as its exit status."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from hrgraph.build import BuildReport
from hrgraph.errors import INTERNAL, HrgraphError, UsageError

HRGRAPH = str(Path(sys.executable).parent / "hrgraph")
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
<rdf:Description rdf:about="http://example.org/a"><ex:p>&c;</ex:p></rdf:Description>
</rdf:RDF>
"""
RDFXML = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
<rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p></rdf:Description>
</rdf:RDF>
"""
JSONLD = '{"@id": "http://example.org/a", "http://example.org/p": "x"}'


def hrgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HRGRAPH, *args], capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )


def test_every_foreseen_error_is_an_hrgraph_error_with_exit_code_2() -> None:
    """The CLI's bad-input classes all derive from HrgraphError (one except clause), exit 2."""
    from hrgraph.extract.common import ExtractionError, NumberingError
    from hrgraph.reference import ReferenceDataError, UnknownStateError
    from hrgraph.store import QueryError, RdfSyntaxError
    from hrgraph.validate.guard import HostileRdfError

    for cls in (UsageError, ExtractionError, NumberingError, ReferenceDataError, UnknownStateError,
                QueryError, RdfSyntaxError, HostileRdfError):  # fmt: skip
        assert issubclass(cls, HrgraphError) and cls.exit_code == 2, cls


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [("a.rdf", RDFXML, None), ("a.owl", RDFXML, None), ("a.json", JSONLD, None), ("a.jsonld", JSONLD, None),
     ("a.txt", RDFXML, "rdfxml"), ("a.data", JSONLD, "jsonld")],
)  # fmt: skip
def test_validate_reads_every_format_by_extension_or_format(
    tmp_path: Path, name: str, text: str, fmt: str | None
) -> None:
    """One triple about ex:a validates (exit 0, "conforms: True") whatever the extension says
    (before: .rdf/.owl/.json ended in a traceback)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = hrgraph("validate", str(path), *(["--format", fmt] if fmt else []))
    assert result.returncode == 0, result.stderr
    assert "conforms: True" in result.stdout


def test_validate_unknown_extension_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(JSONLD, encoding="utf-8")
    result = hrgraph("validate", str(path))
    assert result.returncode == 2
    assert "unknown RDF format 'txt'" in result.stderr and "--format" in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "deep.jsonld",
            '{"@id": "http://e/a", "http://e/p": ' * 5000 + "1" + "}" * 5000,
            "nested deeper than 100",
        ),
        ("deep.json", "[" * 101 + "]" * 101, "nested deeper than 100"),
        ("laughs.rdf", LAUGHS, "laughs.rdf:3: the RDF/XML declares an entity"),
        ("deep.rdf", RDFXML.replace("<ex:p>x</ex:p>", "<ex:p>" * 200 + "</ex:p>" * 200), "nested deeper"),
    ],
)
def test_validate_refuses_hostile_rdf(tmp_path: Path, name: str, text: str, expected: str) -> None:
    """A 5,000-deep JSON-LD document (segfault before: exit -11) and a billion-laughs RDF/XML file
    ("conforms" before, after expanding it) are refused with exit 2 and a one-line message."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = hrgraph("validate", str(path))
    assert result.returncode == 2, (result.returncode, result.stderr[-300:])
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unforeseen_error_exits_70_with_a_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception no code foresees, raised inside a subcommand of the real command group, ends in
    one line naming a log file that holds the traceback, exit 70, never a bare traceback; a
    foreseen one (UsageError) in the same place is its message and exit 2."""
    import tempfile

    import click
    from click.testing import CliRunner

    from hrgraph.cli import main

    @click.command("test-crash")
    @click.argument("kind")
    def crash(kind: str) -> None:
        if kind == "usage":
            raise UsageError("--thing 'x': expected a [bold]thing[/]")
        raise KeyError("no such column 'qid'")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    main.add_command(crash)
    try:
        result = CliRunner().invoke(main, ["test-crash", "bug"])
        usage = CliRunner().invoke(main, ["test-crash", "usage"])
    finally:
        main.commands.pop("test-crash")
    assert result.exit_code == INTERNAL
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "internal error (KeyError" in lines[0]
    match = re.search(r"traceback is in (\S+)", lines[0])
    assert match is not None
    log = Path(match[1])
    assert log.parent == tmp_path
    assert "Traceback" in log.read_text(encoding="utf-8") and "no such column" in log.read_text(
        encoding="utf-8"
    )
    assert usage.exit_code == 2
    assert usage.output.strip() == "error: --thing 'x': expected a [bold]thing[/]"


def test_messages_are_printed_without_markup_or_emoji(built: tuple[Path, BuildReport]) -> None:
    """``--param from=2009-13-01`` says "xsd:date" (before: "xsd📅", rich's :date: emoji code), and a
    literal "[bold]" in a result stays as it is."""
    out = str(built[0])
    result = hrgraph(
        "query", "--out", out, "ratified-in-period", "--param", "state=PRY", "--param", "from=2009-13-01"
    )
    assert result.returncode == 2
    assert "xsd:date" in result.stderr and "📅" not in result.stderr
    result = hrgraph("query", "--out", out, 'SELECT ("[bold]x :date: y" AS ?v) {}')
    assert result.returncode == 0 and "[bold]x :date: y" in result.stdout


def test_long_query_text_is_not_taken_for_a_file_name(built: tuple[Path, BuildReport]) -> None:
    """``hrgraph query "$(cat q.rq)"`` with a 5,000-character line runs the query (before: "File
    name too long" traceback)."""
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } #" + "x" * 5000
    result = hrgraph("query", "--out", str(built[0]), "--format", "csv", text)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.splitlines()[1]) > 1000
