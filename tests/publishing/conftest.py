"""Fixtures of the publishing tests: a second clean build, made in another process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Exports written from a build directory in a fresh interpreter, so that a second hash seed
# (PYTHONHASHSEED) would show any output that depends on set or dict iteration order.
EXPORT_SCRIPT = """
import sys
from pathlib import Path
from hrgraph.build import open_build
from hrgraph.publish.export import EXPORT_FORMATS, export
build, dest = Path(sys.argv[1]), Path(sys.argv[2])
store = open_build(build)
for fmt in EXPORT_FORMATS:
    export(store, fmt, dest / f"export.{fmt}")
export(store, "ttl", dest / "graph-reference.ttl", "https://w3id.org/hrgraph/graph/reference")
"""


def run_python(args: list[str], seed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=1800)


def write_exports(build: Path, dest: Path, seed: str) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    result = run_python(["-c", EXPORT_SCRIPT, str(build), str(dest)], seed)
    assert result.returncode == 0, result.stderr[-2000:]
    return dest


@pytest.fixture(scope="session")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second clean build of the same sources, in a subprocess with another hash seed."""
    out = tmp_path_factory.mktemp("hrgraph-second") / "build"
    result = run_python(["-m", "hrgraph.cli", "build", "--out", str(out)], seed="4242")
    # exit 1 means "built, but SHACL found violations": the outputs are written all the same
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return out
