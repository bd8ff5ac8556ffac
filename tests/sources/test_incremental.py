"""Adding and removing a document without a rebuild (issue #22, item 2).

Oracle: a full build of the same sources in another directory (``build --full``): the outputs
of an incremental build must be byte-identical to it, the summary too but for what says where
and how the build ran (``out``, the timings, the reasoning's run counts, the ``build`` section).
For removal, a fact two documents state: CCPR/C/USA/CO/4's type, printed on its own cover page
(``concluding-observations_USA_en.txt`` line 4) and stated by the US follow-up reply that
answers it (``follow-up_USA_en.txt``, cover: "Concluding observations … CCPR/C/USA/CO/4").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hrgraph.build import NQ_NAME, SUMMARY_NAME, BuildReport, build, open_build
from hrgraph.build_cache import CONCLUSIONS_NAME
from hrgraph.cli import main
from hrgraph.reason import load_rules
from hrgraph.reason.incremental import Conclusions, parts
from hrgraph.sources import load_sources
from tests.helpers import CORPUS

pytestmark = pytest.mark.slow  # incremental and full builds of the seeds plus corpus documents

HRG = "https://w3id.org/hrgraph/ontology#"
CO4 = "https://w3id.org/hrgraph/id/doc/CCPR/C/USA/CO/4"
INFERRED = "https://w3id.org/hrgraph/graph/inferred"
OUTPUTS = ["hrgraph.nq", "hrgraph.ttl", "void.ttl", "context.jsonld"]


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def summary(out: Path) -> dict[str, Any]:
    """summary.json without what says where and how the build ran."""
    data: dict[str, Any] = json.loads((out / SUMMARY_NAME).read_text())
    for key in ("out", "seconds", "build"):
        data.pop(key)
    data["reasoning"] = {"triples": data["reasoning"]["triples"]}
    for stage in data["stages"]:
        stage.pop("seconds")
    return data


def assert_same_build(first: Path, second: Path) -> None:
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    docs = sorted(p.name for p in (first / "docs").iterdir())
    assert docs == sorted(p.name for p in (second / "docs").iterdir())
    for name in docs:
        assert (first / "docs" / name).read_bytes() == (second / "docs" / name).read_bytes(), name
    assert summary(first) == summary(second)


def plan(out: Path) -> dict[str, Any]:
    build: dict[str, Any] = json.loads((out / SUMMARY_NAME).read_text())["build"]
    return build


def test_adding_a_document_extracts_only_it_and_equals_a_full_build(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """If a document is added to a built seed graph and ``build`` runs again, then only that
    document is extracted, the reasoning continues from the old inferred graph, and every output
    equals a full build of the same sources."""
    out, full, sources = tmp_path / "build", tmp_path / "full", tmp_path / "sources"
    shutil.copytree(built[0], out)  # a copy of the session's seed build (with its cache)
    cli("add", str(CORPUS / "concluding-observations_NAM_en.txt"), "--sources", str(sources))
    key = load_sources(sources)[0].key
    text = cli("build", "--sources", str(sources), "--out", str(out))
    assert "incremental build" in text and "reasoning incremental" in text, text
    done = plan(out)
    assert done["mode"] == "incremental" and done["extracted"] == [key]
    assert sorted(done["reused"]) == sorted(m.key for m in load_sources())
    assert done["reasoning"].startswith("incremental")
    # it keeps, for the next build, the part counts of every rule made of parts (rule files)
    _, kept = Conclusions.read(out / CONCLUSIONS_NAME)
    assert set(kept.parts) == {
        r.name for r in load_rules() if r.analysis.monotonic is False and parts(r.sparql) is not None
    }
    cli("build", "--sources", str(sources), "--out", str(full), "--full")
    assert plan(full)["mode"] == "full" and plan(full)["why"] == "--full"
    assert_same_build(out, full)
    # nothing changed: everything is reused, nothing extracted, and the outputs stay the same
    before = (out / NQ_NAME).read_bytes()
    cli("build", "--sources", str(sources), "--out", str(out))
    assert plan(out)["extracted"] == [] and (out / NQ_NAME).read_bytes() == before


def _types_of_co4(out: Path) -> tuple[bool, set[str]]:
    """Whether CCPR/C/USA/CO/4 is typed hrg:ConcludingObservations (in any graph), and the
    classes the reasoning gave it."""
    store = open_build(out)
    typed = store.ask(f"ASK {{ <{CO4}> a <{HRG}ConcludingObservations> }}")
    rows = store.select(f"SELECT ?c WHERE {{ GRAPH <{INFERRED}> {{ <{CO4}> a ?c }} }}")
    return typed, {str(r["c"].value) for r in rows}


def test_removing_one_of_two_sources_of_a_fact_keeps_it(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """If two documents state a fact (CO/4's type) and one is removed, then the fact and what
    was inferred from it stay; if the other is removed too, they go, and the build equals the
    seed build."""
    out, sources = tmp_path / "build", tmp_path / "sources"
    for name in ("concluding-observations_USA_en.txt", "follow-up_USA_en.txt"):
        cli("add", str(CORPUS / name), "--sources", str(sources))
    keys = {m.path.name: m.key for m in load_sources(sources)}
    cli("build", "--sources", str(sources), "--out", str(out))
    typed, inferred = _types_of_co4(out)
    assert typed and inferred, inferred

    cli("remove", keys["concluding-observations_USA_en.txt"], "--sources", str(sources))
    text = cli("build", "--sources", str(sources), "--out", str(out))
    assert "reasoning full" in text, text
    done = plan(out)
    assert done["removed"] == [keys["concluding-observations_USA_en.txt"]] and done["extracted"] == []
    assert _types_of_co4(out) == (True, inferred)  # the follow-up reply still states it

    cli("remove", keys["follow-up_USA_en.txt"], "--sources", str(sources))
    cli("build", "--sources", str(sources), "--out", str(out))
    assert _types_of_co4(out) == (False, set())
    assert_same_build(out, built[0])


def test_a_changed_nquads_file_is_not_reused(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    """If the previous build's hrgraph.nq is not the file its cache was written with (here one
    line more, in the inferred graph, which an incremental build keeps), then nothing of it is
    reused: the build is full and equals the seed build. Oracle: the session's full seed build."""
    out = tmp_path / "build"
    shutil.copytree(built[0], out)
    with (out / NQ_NAME).open("ab") as nq:
        nq.write(f"<urn:x> <urn:p> <urn:y> <{INFERRED}> .\n".encode())
    cli("build", "--out", str(out))
    done = plan(out)
    assert done["mode"] == "full" and "hrgraph.nq is not the one" in done["why"], done
    assert_same_build(out, built[0])


def test_a_build_made_without_reasoning_is_not_continued(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """If the previous build did not reason (it keeps no conclusions and no inferred graph), then
    the next build reuses its extraction but reasons in full, and equals the seed build (before,
    it continued from the empty inferred graph). Oracle: the session's full seed build."""
    out = tmp_path / "build"
    shutil.copytree(built[0], out)
    build(out, reason_graph=False)
    assert not (out / CONCLUSIONS_NAME).exists()
    build(out)
    done = plan(out)
    assert done["mode"] == "incremental" and done["extracted"] == [], done
    assert done["reasoning"] == "full: the previous build kept no conclusions of its reasoning"
    assert_same_build(out, built[0])
    assert (out / CONCLUSIONS_NAME).is_file()
