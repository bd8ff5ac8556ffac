"""The package installs and runs anywhere: a wheel built from the repository, installed into a
fresh virtual environment, run from an empty folder (no checkout, no ``src/`` on the path)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # builds a wheel and a venv (about a minute, pip cache warm)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{cmd}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the wheel installed; returns its bin/ folder."""
    root = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes its build/ beside pyproject.toml, which in the
    # repository is where `hrgraph build` writes (and then refuses a folder it did not write).
    tree = root / "tree"
    skip = (
        ".venv",
        ".git",
        "build",
        ".build.d",
        "benchmarks",
        "tests",
        "*.egg-info",
        "__pycache__",
        ".*_cache",
    )
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(*skip))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(tree)], root)
    (wheel,) = (root / "dist").glob("hrgraph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for suffix in (".ttl", ".rq", ".csv", "sources.toml", ".txt"):
        assert any(n.startswith("hrgraph/resources/") and n.endswith(suffix) for n in names), suffix
    run([sys.executable, "-m", "venv", str(root / "venv")], root)
    run([str(root / "venv" / "bin" / "pip"), "install", "-q", str(wheel)], root)
    return root / "venv" / "bin"


def test_installed_wheel_builds_queries_answers_and_exports(installed: Path, tmp_path: Path) -> None:
    """If hrgraph is installed from its wheel, then in an empty folder ``build`` writes build/
    there, ``query --list`` lists the catalogue, ``obligations PRY`` answers (ICCPR, from the
    compilation's table) and ``export`` writes Turtle."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HRGRAPH_HOME")}
    hrgraph = str(installed / "hrgraph")
    run([hrgraph, "build"], tmp_path, env)
    assert (tmp_path / "build" / "hrgraph.nq").is_file()
    listing = run([hrgraph, "query", "--list"], tmp_path, env).stdout
    assert "state-treaty-status" in listing and "follow-up-of-recommendations" in listing
    answer = run([hrgraph, "obligations", "PRY", "--format", "json"], tmp_path, env).stdout
    assert "instrument/ICCPR" in answer
    run([hrgraph, "export", "--format", "ttl", "-o", "out.ttl"], tmp_path, env)
    assert (tmp_path / "out.ttl").stat().st_size > 100_000
    where = run(
        [str(installed / "python"), "-c", "import hrgraph.paths as p; print(p.resources())"], tmp_path, env
    )
    assert "site-packages" in where.stdout
