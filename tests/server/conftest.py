"""Real SPARQL servers on 127.0.0.1 with free ports: hrgraph serve, Oxigraph server, Virtuoso.

Each server is a process this file starts and stops; the graph is pushed to the two
third-party servers with ``hrgraph.remote.push`` (Oxigraph by SPARQL Update, Virtuoso by the
Graph Store Protocol with its ``dba`` account — see docs/portability.md for why).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from hrgraph.bench import servers
from hrgraph.build import BuildReport
from hrgraph.remote import PushReport, Remote, push
from hrgraph.store import GraphStore

free_port = servers.free_port


def wait_http(url: str, process: subprocess.Popen[bytes], seconds: float, log: Path | None = None) -> None:
    """Poll ``url`` until it answers 200; fail the test with the server's log if it does not."""
    try:
        servers.wait_http(url, process, seconds, log)
    except servers.ServerError as err:
        pytest.fail(str(err))


stop = servers.stop


@dataclass(frozen=True)
class Engine:
    """A running server: where to query it, and the push that loaded it."""

    name: str
    query_url: str
    pushed: PushReport | None = None
    pid: int | None = None  # the server's process (hrgraph serve), for leak checks


ASK = servers.ASK


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux ``/proc/PID/task/*/children``): its query workers."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return sorted(found)


def open_files(pid: int) -> int:
    """How many file descriptors ``pid`` holds open (``/proc/PID/fd``)."""
    return len(list(Path(f"/proc/{pid}/fd").iterdir()))


def start_serve(
    out: Path, log: Path, *options: str, env: dict[str, str] | None = None, umask: int | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """``hrgraph serve`` on a free port (``env``: its environment, ``umask``: its umask), answering."""
    port = free_port()
    with log.open("wb") as sink:
        args = ["serve", "--port", str(port), "--out", str(out), *options]
        process = subprocess.Popen(
            [sys.executable, "-m", "hrgraph.cli", *args],
            stdout=sink,
            stderr=sink,
            env=env,
            preexec_fn=None if umask is None else functools.partial(os.umask, umask),
        )
    url = f"http://127.0.0.1:{port}/sparql"
    wait_http(url + ASK, process, 60, log)
    return process, url


def _serve(out: Path, log: Path, *options: str) -> Iterator[Engine]:
    process, url = start_serve(out, log, *options)
    try:
        yield Engine("hrgraph", url, pid=process.pid)
    finally:
        stop(process)


@dataclass(frozen=True)
class Bounded:
    """The options of ``bounded_server``."""

    timeout: int = 10
    max_memory: str = "400M"
    max_rows: int = 50
    workers: int = 4
    slow_workers: int = 2
    slow_after: int = 1

    def options(self) -> list[str]:
        return [f"--{k.replace('_', '-')}={v}" for k, v in vars(self).items()]


BOUNDED = Bounded()


@pytest.fixture(scope="session")
def bounded_server(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """``hrgraph serve`` with a small memory bound (400 MiB), 50 rows, 4 workers of which 2 may
    run past 1 s, and 10 s per query: the bounded-work tests."""
    log = tmp_path_factory.mktemp("hrgraph-bounded") / "serve.log"
    yield from _serve(built[0], log, *BOUNDED.options())


@pytest.fixture(scope="session")
def hrgraph_server(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """``hrgraph serve`` as a real process on a free port, with its default limits."""
    yield from _serve(built[0], tmp_path_factory.mktemp("hrgraph-serve") / "serve.log")


@pytest.fixture(scope="session")
def strict_server(
    built: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """``hrgraph serve`` with tight limits (2 s, 200 kB) for the runaway and oversized queries."""
    log = tmp_path_factory.mktemp("hrgraph-strict") / "serve.log"
    yield from _serve(built[0], log, "--timeout", "2", "--max-bytes", "200000")


@contextmanager
def oxigraph_process(directory: Path) -> Iterator[str]:
    """The ``oxigraph`` server (PyPI) on a free port with an empty store in ``directory``, its
    default graph the union of the named graphs; yields its base URL (``/query``, ``/update``)."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.fail("the oxigraph server binary is missing: pip install oxigraph (a dependency)")
    port = free_port()
    log = directory / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                binary,
                "serve",
                "--location",
                str(directory / "db"),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
                "--timeout-s",
                "30",
            ],
            stdout=sink,
            stderr=sink,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/query" + ASK, process, 30, log)
        yield base
    finally:
        stop(process)


@contextmanager
def virtuoso_process(directory: Path) -> Iterator[str]:
    """Virtuoso from a fresh database in ``directory`` (:func:`hrgraph.bench.servers.virtuoso`),
    60 s per query; yields its base URL. Skips the test where ``virtuoso-t`` is not installed."""
    if servers.virtuoso_binary() is None:
        pytest.skip("virtuoso-t not installed: run 'make sysdeps' (apt-get install virtuoso-opensource)")
    try:
        with servers.virtuoso(directory) as base:
            yield base
    except servers.ServerError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def oxigraph_server(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The ``oxigraph`` server (PyPI), the graph pushed by SPARQL Update to ``/update``."""
    with oxigraph_process(tmp_path_factory.mktemp("oxigraph")) as base:
        report = push(store, Remote(base + "/update", "update", base + "/query"))
        yield Engine("oxigraph", base + "/query", report)


@pytest.fixture(scope="session")
def virtuoso_server(store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Virtuoso from a fresh database; the graph pushed by the Graph Store Protocol as ``dba``."""
    with virtuoso_process(tmp_path_factory.mktemp("virtuoso")) as base:
        remote = Remote(base + "/sparql-graph-crud-auth", "gsp", base + "/sparql", "dba", "dba", "digest")
        report = push(store, remote)
        yield Engine("virtuoso", base + "/sparql", report)
