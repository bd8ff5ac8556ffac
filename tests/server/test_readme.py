"""The README's serve and push commands, run as printed.

Each console block headed ``<!-- run as printed by tests/server/test_readme.py -->`` is read from
README.md; its ``$`` lines are run by bash, one after the other, in a directory whose ``build`` is
the session build (the README's working directory after ``hrgraph build``), with the project's
``hrgraph`` and ``oxigraph`` first on ``PATH``. A ``… serve`` line is a server: it is started,
waited for on its port, and stopped after the block. The text is used as printed; only if a
printed port is taken on this machine is it replaced by a free one (and the test says so), so
that the test does not depend on who else uses 7878. The oracle of each answer is
``hrgraph query`` on the build, or the query text itself (``LIMIT 3``).
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from hrgraph.build import BuildReport
from tests.helpers import ROOT
from tests.server.conftest import free_port, stop

pytestmark = pytest.mark.server


MARK = "<!-- run as printed by tests/server/test_readme.py -->"
PORT = re.compile(r"127\.0\.0\.1:(\d{4,5})")


def readme_blocks() -> list[list[str]]:
    """The ``$`` command lines of each marked console block, continuation lines joined."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = []
    for chunk in text.split(MARK)[1:]:
        body = chunk.split("```console\n", 1)[1].split("```", 1)[0]
        commands = [line[2:] for line in body.replace("\\\n", " ").splitlines() if line.startswith("$ ")]
        blocks.append(commands)
    return blocks


def _taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _free_printed_ports(commands: list[str]) -> list[str]:
    """The commands as printed, unless a port they use is taken here (then a free one instead;
    ``hrgraph serve`` without ``--port`` then gets ``--port N``)."""
    ports = sorted({int(p) for c in commands for p in PORT.findall(c)})
    for port in ports:
        if _taken(port):
            other = free_port()
            warnings.warn(f"port {port} is taken here: the README's commands run with {other}", stacklevel=2)
            commands = [c.replace(f":{port}", f":{other}") for c in commands]
            commands = [
                f"hrgraph serve --port {other}{c.removeprefix('hrgraph serve')}"
                if port == 7878 and c.startswith("hrgraph serve") and "--port" not in c
                else c
                for c in commands
            ]
    return commands


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def _wait_port(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        if _taken(port):
            return
        time.sleep(0.25)
    pytest.fail(f"nothing listening on {port} after {seconds} s")


def _serving_port(command: str) -> int:
    """The port a ``… serve`` line listens on: ``--bind HOST:PORT``, ``--port N`` or hrgraph's 7878."""
    words = shlex.split(command.split("#", 1)[0])
    for flag in ("--bind", "--port"):
        if flag in words:
            return int(words[words.index(flag) + 1].rsplit(":", 1)[-1])
    return 7878


@pytest.fixture
def readme_dir(tmp_path: Path, built: tuple[Path, BuildReport]) -> Path:
    (tmp_path / "build").symlink_to(built[0])
    return tmp_path


def run_block(commands: list[str], cwd: Path) -> Iterator[subprocess.CompletedProcess[str]]:
    """Run a README block; yield each non-server command's completed process."""
    servers: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            if re.match(r"^(hrgraph|oxigraph) serve\b", command):
                port = _serving_port(command)
                log = cwd / f"server-{len(servers)}.log"
                with log.open("wb") as sink:
                    args = ["bash", "-c", f"exec {command}"]
                    servers.append(subprocess.Popen(args, cwd=cwd, env=_env(), stdout=sink, stderr=sink))
                _wait_port(port, servers[-1], log)
                continue
            done = subprocess.run(
                ["bash", "-c", command], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=600
            )
            assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
            yield done
    finally:
        for server in servers:
            stop(server)


def _local(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "hrgraph.cli", "query", *args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_readme_has_the_two_blocks() -> None:
    blocks = readme_blocks()
    assert [b[0].split()[0:2] for b in blocks] == [["hrgraph", "serve"], ["oxigraph", "serve"]]


def test_readme_serve_commands_as_printed(readme_dir: Path) -> None:
    """If a reader runs the README's serve block, then curl gets 3 States as CSV and
    ``hrgraph query --endpoint`` prints what ``hrgraph query`` prints on the build."""
    commands = _free_printed_ports(readme_blocks()[0])
    curl, query = list(run_block(commands, readme_dir))
    lines = curl.stdout.strip().splitlines()
    assert lines[0].strip() == "s" and len(lines) == 4
    assert all(line.startswith("https://w3id.org/hrgraph/id/state/") for line in lines[1:])
    local = _local(readme_dir, "party-status", "--param", "state=KAZ")
    assert sorted(query.stdout.splitlines()) == sorted(local.splitlines())
    assert re.search(r"^[1-9]\d* row\(s\)$", query.stdout, re.M)


def test_readme_oxigraph_commands_as_printed(readme_dir: Path) -> None:
    """Regression (push counted at /update and exited 2; a default Oxigraph answered 0 rows): if a
    reader runs the README's Oxigraph block, then the push is counted at /query and verified, and
    the catalogue query answers there what ``hrgraph query`` answers on the build."""
    commands = _free_printed_ports(readme_blocks()[1])
    push, query = list(run_block(commands, readme_dir))
    query_url = re.search(r"http://127\.0\.0\.1:\d+/query", commands[2])
    assert query_url and f"counted at {query_url[0]}" in push.stdout
    assert push.stdout.count(" on the server") >= 3
    local = _local(readme_dir, "obligations-on-date", "--format", "csv")
    assert len(local.splitlines()) > 100
    assert sorted(query.stdout.splitlines()) == sorted(local.splitlines())
