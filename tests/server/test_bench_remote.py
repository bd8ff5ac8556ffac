"""The benchmark's remote-reasoning case (``make bench``, issue #22 item 4) end to end, small.

:func:`hrgraph.bench.harness.remote_case` generates the synthetic graph, starts a scratch
Virtuoso, pushes the graph and reasons it there and in the embedded store. The oracle is the
embedded reasoner: the inferred graph Virtuoso ends with has its size (the seed graph's triple
for triple equality is tests/server/test_remote_reasoning.py's).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hrgraph.bench import harness, servers
from hrgraph.bench.report import remote_lines

pytestmark = [pytest.mark.server, pytest.mark.slow]

SCALE = 10_000  # synthetic triples, the generator's smallest graph: seconds of work on the server


@pytest.mark.skipif(servers.virtuoso_binary() is None, reason="virtuoso-t not installed (make sysdeps)")
def test_remote_case_reasons_inside_virtuoso_as_the_embedded_store(tmp_path: Path) -> None:
    figures = harness.remote_case(SCALE, harness.Options(out=tmp_path, fast_cap=600))
    assert "error" not in figures, figures
    assert figures["push_ok"] and figures["same_size"]
    assert figures["remote_inferred"] == figures["embedded_inferred"] > 0
    line = remote_lines({"remote": figures})
    assert line.startswith(f"remote reasoning at {SCALE:,} triples on virtuoso: ")
    assert "the same size as the embedded one's" in line


def test_remote_case_says_why_it_did_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no virtuoso-t on it
    figures = harness.remote_case(SCALE, harness.Options(out=tmp_path))
    assert figures == {"scale": SCALE, "error": "not run: virtuoso-t is not installed (make sysdeps)"}
    assert remote_lines({"remote": figures}) == f"remote reasoning at {SCALE:,}: {figures['error']}"
