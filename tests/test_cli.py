"""The command line against a real build: exit codes, messages, and atomic outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hrgraph.build import BuildReport
from hrgraph.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_build_writes_parsable_outputs(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    import pyoxigraph

    quads = list(pyoxigraph.parse(path=str(out / "hrgraph.nq")))
    assert len(quads) == sum(report.graphs.values())
    assert list(pyoxigraph.parse(path=str(out / "hrgraph.ttl")))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["validation"]["conforms"] is True
    assert summary["validation"]["violations"] == 0


def test_states_have_iso_codes_and_two_labels(built: tuple[Path, BuildReport]) -> None:
    out, _ = built
    code, text = run(
        "query",
        "--out",
        str(out),
        "--format",
        "csv",
        "PREFIX hrg: <https://w3id.org/hrgraph/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?a3 ?a2 ?n ?en ?es WHERE { ?s hrg:isoAlpha3 ?a3 ; hrg:isoAlpha2 ?a2 ;"
        " hrg:isoNumeric ?n ; rdfs:label ?en , ?es"
        " FILTER(lang(?en)='en' && lang(?es)='es' && ?a3 IN ('PRY','KAZ')) } ORDER BY ?a3",
    )
    assert code == 0, text
    assert text.splitlines()[1:] == [
        "KAZ,KZ,398,Kazakhstan,Kazajistán",
        "PRY,PY,600,Paraguay,Paraguay",
    ]


def test_bad_sparql_exits_2_with_position(built: tuple[Path, BuildReport]) -> None:
    code, text = run("query", "--out", str(built[0]), "SELECT ?x WHERE { ?x ")
    assert code == 2
    assert "SPARQL syntax error at line 1, column" in text


def test_unknown_state_exits_2(built: tuple[Path, BuildReport]) -> None:
    code, text = run("obligations", "Atlantis", "--out", str(built[0]))
    assert code == 2
    assert "unknown State 'Atlantis'" in text


def test_bad_date_exits_2(built: tuple[Path, BuildReport]) -> None:
    code, text = run("obligations", "PRY", "--date", "2009-13-01", "--out", str(built[0]))
    assert code == 2 and "--date" in text


def test_missing_build_exits_2(tmp_path: Path) -> None:
    code, text = run("obligations", "PRY", "--out", str(tmp_path / "nowhere"))
    assert code == 2 and "run 'hrgraph build' first" in text


def test_validate_bad_turtle_exits_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "unterminated .\n')
    code, text = run("validate", str(bad))
    assert code == 2
    assert "bad.ttl" in text and "line 2" in text.replace("\n", " ")


def test_validate_violating_file_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "state.ttl"
    bad.write_text("<https://w3id.org/hrgraph/id/state/XYZ> a <https://w3id.org/hrgraph/ontology#State> .\n")
    code, text = run("validate", str(bad))
    assert code == 1
    assert "conforms: False" in text


def test_failed_build_leaves_previous_build_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the build fails (here: a source file whose checksum no longer matches), the previous
    build directory keeps its files byte for byte, and no staging directory is left behind."""
    out = tmp_path / "build"
    out.mkdir()
    (out / "hrgraph.nq").write_bytes(b"previous\n")
    (out / ".hrgraph-build").write_bytes(b'{"hrgraph": "0.1.0"}\n')  # a build hrgraph wrote
    from hrgraph import sources

    broken = tmp_path / "sources"
    broken.mkdir()
    real = sources.SOURCES_DIR
    for f in real.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "kaz-cerd-11-14.txt").write_text("truncated\n")
    monkeypatch.setattr(sources, "SOURCES_DIR", broken)
    monkeypatch.setattr(sources.load_sources, "__defaults__", (broken,))
    code, text = run("build", "--out", str(out))
    assert code == 2
    assert "kaz-cerd-11-14.txt" in text and "checksum" in text
    assert (out / "hrgraph.nq").read_bytes() == b"previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "sources"]


def test_console_script_runs() -> None:
    """The installed entry point answers --help (a real process, not the test runner)."""
    exe = Path(sys.executable).parent / "hrgraph"
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "obligations" in result.stdout
