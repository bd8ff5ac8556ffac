"""Scratch SPARQL servers on 127.0.0.1: Virtuoso from a fresh database, on free ports.

The remote-reasoning case of the benchmark (:func:`hrgraph.bench.harness.remote_case`) and the
server tests (``tests/server/conftest.py``) start their third-party servers here, so that both
run the configuration docs/portability.md describes. A server that does not come up raises
:class:`ServerError` with the tail of its log.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The Virtuoso configuration: one fresh database in a folder, HTTP and SQL on 127.0.0.1 only.
#: ``MaxQueryExecutionTime`` bounds every query (0: no bound); the tests keep 60 s.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = {max_seconds}
MaxQueryCostEstimationTime = 400
"""

ASK = "?query=ASK%7B%7D"


class ServerError(RuntimeError):
    """A scratch server is missing, exited, or did not answer in time."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_http(url: str, process: subprocess.Popen[bytes], seconds: float, log: Path | None = None) -> None:
    """Poll ``url`` until it answers 200; raise :class:`ServerError` (with the end of ``log``)
    if the server exits first or ``seconds`` pass, stopping it in the second case."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise ServerError(f"server exited with {process.returncode} before answering {url}\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    stop(process)
    raise ServerError(f"no answer from {url} within {seconds} s")


def stop(process: subprocess.Popen[bytes], grace: float = 20.0) -> None:
    """Terminate ``process``, and kill it if it is still running ``grace`` seconds later."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def virtuoso_binary() -> str | None:
    """``virtuoso-t`` (Debian ``virtuoso-opensource``, installed by ``make sysdeps``), or None."""
    return shutil.which("virtuoso-t")


@contextmanager
def virtuoso(directory: Path, max_seconds: int = 60, buffers: int = 10_000) -> Iterator[str]:
    """Virtuoso from a fresh database in ``directory``, on free ports; yields its base URL
    (``/sparql``, ``/sparql-auth``, ``/sparql-graph-crud-auth``; user ``dba``, password ``dba``).
    ``buffers``: its page cache in 8 kB pages (10,000: about 80 MB)."""
    binary = virtuoso_binary()
    if binary is None:
        raise ServerError(
            "virtuoso-t not installed: run 'make sysdeps' (apt-get install virtuoso-opensource)"
        )
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            d=directory,
            sql_port=sql_port,
            http_port=http_port,
            max_seconds=max_seconds,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 5,
        )
    )
    log = directory / "stdout.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)], cwd=directory, stdout=sink, stderr=sink
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_http(base + "/sparql" + ASK, process, 120, directory / "virtuoso.log")
        yield base
    finally:
        stop(process, 60)
