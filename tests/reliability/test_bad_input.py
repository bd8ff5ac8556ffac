"""Bad input gets a clear, located error and exit code 2, and leaves previous outputs untouched.

Each case runs the real CLI (click's runner) against a real build and asserts the message and
that the build directory's files are byte-for-byte what they were.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from hrgraph import reference, sources
from hrgraph.build import BuildReport
from hrgraph.cli import main


def digest(directory: Path) -> dict[str, str]:
    """Every file below ``directory`` (relative path → SHA-256)."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.fixture()
def build_copy(built: tuple[Path, BuildReport], tmp_path: Path) -> Path:
    out = tmp_path / "build"
    shutil.copytree(built[0], out)
    return out


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# (case id, arguments given the build dir, expected message fragments)
CLI_CASES: list[tuple[str, Callable[[Path], list[str]], list[str]]] = [
    (
        "sparql-syntax",
        lambda b: ["query", "--out", str(b), "SELECT ?x WHERE { ?x"],
        ["SPARQL syntax error at line 1"],
    ),
    ("sparql-second-line", lambda b: ["query", "--out", str(b), "SELECT ?x\nWHERE { ?x ?p }"], ["line 2"]),
    (
        "sparql-unknown-prefix",
        lambda b: ["query", "--out", str(b), "SELECT ?x WHERE { ?x nope:p ?o }"],
        ["nope"],
    ),
    ("unknown-state-code", lambda b: ["obligations", "XYZ", "--out", str(b)], ["unknown State 'XYZ'"]),
    ("unknown-state-name", lambda b: ["obligations", "Narnia", "--out", str(b)], ["unknown State 'Narnia'"]),
    (
        "territory-is-not-a-state",
        lambda b: ["obligations", "Aruba", "--out", str(b)],
        ["unknown State 'Aruba'"],
    ),
    ("bad-date", lambda b: ["obligations", "PRY", "--date", "2009-02-30", "--out", str(b)], ["--date"]),
    (
        "date-wrong-format",
        lambda b: ["obligations", "PRY", "--date", "01/02/2009", "--out", str(b)],
        ["YYYY-MM-DD"],
    ),
    (
        "unknown-query-param",
        lambda b: ["query", "--out", str(b), "state-treaty-status", "--param", "nation=PRY"],
        ["unknown parameter nation"],
    ),
    (
        "param-without-equals",
        lambda b: ["query", "--out", str(b), "state-treaty-status", "--param", "state"],
        ["NAME=VALUE"],
    ),
    (
        "param-bad-state",
        lambda b: ["query", "--out", str(b), "state-treaty-status", "--param", "state=Oz"],
        ["unknown State 'Oz'"],
    ),
    (
        "param-on-raw-sparql",
        lambda b: ["query", "--out", str(b), "SELECT * WHERE {}", "--param", "a=b"],
        ["--param applies to catalogue queries"],
    ),
    (
        "missing-query-file",
        lambda b: ["query", "--out", str(b), "nowhere.rq"],
        ["nowhere.rq: no such query file"],
    ),
    ("no-query", lambda b: ["query", "--out", str(b)], ["give a query"]),
    (
        "export-unknown-graph",
        lambda b: ["export", "--out", str(b), "--graph", "urn:nope"],
        ["no named graph"],
    ),
    (
        "missing-build-query",
        lambda b: ["query", "--out", str(b / "none"), "SELECT * WHERE {}"],
        ["run 'hrgraph build' first"],
    ),
    ("missing-build-export", lambda b: ["export", "--out", str(b / "none")], ["run 'hrgraph build' first"]),
    (
        "missing-build-validate",
        lambda b: ["validate", "--out", str(b / "none")],
        ["run 'hrgraph build' first"],
    ),
    ("validate-missing-file", lambda b: ["validate", str(b / "none.ttl")], ["none.ttl"]),
]


@pytest.mark.parametrize(("case", "args", "expected"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input(
    case: str, args: Callable[[Path], list[str]], expected: list[str], build_copy: Path
) -> None:
    before = digest(build_copy)
    code, text = cli(*args(build_copy))
    assert code == 2, text
    for fragment in expected:
        assert fragment in text, (case, text)
    assert digest(build_copy) == before


RDF_CASES = [
    (
        "unterminated-literal",
        "bad.ttl",
        '@prefix ex: <http://example.org/> .\nex:a ex:b "x .\n',
        ["bad.ttl", "line 2"],
    ),
    ("undeclared-prefix", "bad.ttl", "ex:a ex:b ex:c .\n", ["bad.ttl", "ex"]),
    (
        "bad-iri",
        "bad.nt",
        "<http://example.org/a b> <http://example.org/p> <http://example.org/c> .\n",
        ["bad.nt"],
    ),
    ("truncated-nquads", "bad.nq", "<http://example.org/a> <http://example.org/p>\n", ["bad.nq"]),
    ("not-utf8", "bad.ttl", None, ["bad.ttl"]),
]


@pytest.mark.parametrize(("case", "name", "text", "expected"), RDF_CASES, ids=[c[0] for c in RDF_CASES])
def test_validate_bad_rdf(
    case: str, name: str, text: str | None, expected: list[str], tmp_path: Path
) -> None:
    path = tmp_path / name
    if text is None:
        path.write_bytes('<http://example.org/a> <http://example.org/p> "caf\xe9" .\n'.encode("latin-1"))
    else:
        path.write_text(text, encoding="utf-8")
    code, out = cli("validate", str(path))
    assert code == 2, out
    for fragment in expected:
        assert fragment in out, (case, out)


def _broken_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes | None, meta: str | None = None
) -> Path:
    broken = tmp_path / "sources"
    shutil.copytree(sources.SOURCES_DIR, broken)
    if content is not None:
        (broken / name).write_bytes(content)
    if meta is not None:
        (broken / "sources.toml").write_text(meta, encoding="utf-8")
    monkeypatch.setattr(sources.load_sources, "__defaults__", (broken,))
    monkeypatch.setattr(sources, "SOURCES_DIR", broken)  # the build reads the shipped list from it
    return broken


SOURCE_CASES = [
    (
        "truncated",
        "pry-compilation.txt",
        lambda b: b[: len(b) // 2],
        None,
        ["pry-compilation.txt", "checksum"],
    ),
    ("empty", "kaz-cerd-11-14.txt", lambda b: b"", None, ["kaz-cerd-11-14.txt", "checksum"]),
    (
        "latin-1",
        "kaz-upr3-national-report.txt",
        lambda b: b.decode().encode("latin-1", "replace"),
        None,
        ["kaz-upr3-national-report.txt"],
    ),
    ("missing-file", "kaz-cerd-11-14.txt", None, "delete", ["kaz-cerd-11-14.txt", "missing"]),
    ("metadata-not-toml", "sources.toml", None, "[oops\n", ["sources.toml"]),
    ("metadata-missing-field", "sources.toml", None, '[x]\nfile = "x.txt"\n', ["[x] lacks"]),
    ("metadata-reserved-key", "sources.toml", None, '[void]\nfile = "x.txt"\n', ["[void]", "another key"]),
]


@pytest.mark.parametrize(
    ("case", "name", "change", "meta", "expected"), SOURCE_CASES, ids=[c[0] for c in SOURCE_CASES]
)
def test_build_refuses_bad_sources(
    case: str,
    name: str,
    change: Callable[[bytes], bytes] | None,
    meta: str | None,
    expected: list[str],
    build_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = digest(build_copy)
    original = (sources.SOURCES_DIR / name).read_bytes()
    broken = _broken_sources(
        tmp_path,
        monkeypatch,
        name,
        change(original) if change else None,
        None if meta in (None, "delete") else meta,
    )
    if meta == "delete":
        (broken / name).unlink()
    code, text = cli("build", "--out", str(build_copy))
    assert code == 2, text
    for fragment in expected:
        assert fragment in text, (case, text)
    assert digest(build_copy) == before
    assert not list(build_copy.parent.glob(".build.d/.new-*"))


REFERENCE_CASES = [
    (
        "bad-date",
        "instruments.csv",
        "ICCPR,Treaty,UN,International Covenant on Civil and Political Rights,,CCPR,1966-13-16,,P3M,,49,,x",
        ["instruments.csv", "bad date"],
    ),
    ("unknown-iso", "state_aliases.csv", "XQZ,Nowhere,es,test", ["state_aliases.csv", "unknown ISO code"]),
    ("ragged-row", "bodies.csv", "CESCR,only two", ["bodies.csv", "wrong number of columns"]),
]


@pytest.mark.parametrize(
    ("case", "name", "row", "expected"), REFERENCE_CASES, ids=[c[0] for c in REFERENCE_CASES]
)
def test_build_refuses_bad_reference_data(
    case: str,
    name: str,
    row: str,
    expected: list[str],
    build_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = digest(build_copy)
    ref = tmp_path / "reference"
    shutil.copytree(reference.REFERENCE_DIR, ref)
    lines = (ref / name).read_text(encoding="utf-8").splitlines()
    if case == "bad-date":
        lines = [ln for ln in lines if not ln.startswith("ICCPR,")]
    (ref / name).write_text("\n".join([*lines, row]) + "\n", encoding="utf-8")
    monkeypatch.setattr(reference, "REFERENCE_DIR", ref)
    for fn in (reference.states, reference.state_aliases, reference.instruments, reference._state_index):
        fn.cache_clear()
    try:
        code, text = cli("build", "--out", str(build_copy))
    finally:
        for fn in (reference.states, reference.state_aliases, reference.instruments, reference._state_index):
            fn.cache_clear()
    assert code == 2, text
    for fragment in expected:
        assert fragment in text, (case, text)
    assert digest(build_copy) == before
