"""A bounded load test of ``hrgraph serve`` on 127.0.0.1: mixed catalogue queries from several
client processes, zero errors, the server still up with as many worker processes and open files
as before (no leak); prints throughput, p50 and p99 latency.

Reduced size by default (200 queries from 4 processes); the full size of issue 13 is
``HRGRAPH_LOAD_QUERIES=10000 pytest tests/server/test_load.py -s``.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from hrgraph.query import catalogue
from hrgraph.store import GraphStore
from tests.server.conftest import Engine, children, open_files

pytestmark = [pytest.mark.server, pytest.mark.slow]

QUERIES = int(os.environ.get("HRGRAPH_LOAD_QUERIES", "200"))
CLIENTS = int(os.environ.get("HRGRAPH_LOAD_CLIENTS", "4"))
FAST = 1.0  # seconds on the embedded store: the mix leaves out slower queries (the catalogue test runs them)


def _client(job: tuple[str, list[str]]) -> list[tuple[int, float]]:
    """One client process: send each query in turn; (HTTP status, seconds) per query."""
    url, queries = job
    out = []
    for sparql in queries:
        request = urllib.request.Request(
            url,
            urlencode({"query": sparql}).encode(),
            {
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        except (urllib.error.URLError, OSError):
            status = 0
        out.append((status, time.perf_counter() - started))
    return out


def _mix(store: GraphStore) -> list[str]:
    mix = []
    for query in catalogue():
        text = query.sparql
        started = time.perf_counter()
        store.query(text)
        if time.perf_counter() - started < FAST:
            mix.append(text)
    return mix


def _settled(pid: int, workers: int, files: int, seconds: float = 15.0) -> tuple[int, int]:
    """(worker processes, open files) of ``pid`` once they are back to at most ``workers`` and
    ``files`` (connections closing, replaced workers starting), or as they are after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        now = (len(children(pid)), open_files(pid))
        if (now[0] <= workers and now[1] <= files) or time.monotonic() > deadline:
            return now
        time.sleep(0.25)


def test_mixed_load_zero_errors(hrgraph_server: Engine, store: GraphStore) -> None:
    """If several processes send mixed catalogue queries, then every one is answered 200, the
    endpoint is still up afterwards, and it holds no more worker processes or open files than
    before (oracle: /proc/PID/task/*/children and /proc/PID/fd of the server before the load)."""
    assert hrgraph_server.pid is not None
    workers, files = len(children(hrgraph_server.pid)), open_files(hrgraph_server.pid)
    mix = _mix(store)
    assert mix, "no catalogue query is fast enough for the load mix"
    queries = [mix[i % len(mix)] for i in range(QUERIES)]
    jobs = [(hrgraph_server.query_url, queries[c::CLIENTS]) for c in range(CLIENTS)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(CLIENTS) as pool:
        results = [r for chunk in pool.map(_client, jobs) for r in chunk]
    elapsed = time.perf_counter() - started
    errors = [status for status, _ in results if status != 200]
    latencies = sorted(seconds for _, seconds in results)
    p50, p99 = latencies[len(latencies) // 2], latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"\nload: {len(results)} queries ({len(mix)} distinct) from {CLIENTS} processes in {elapsed:.1f} s: "
        f"{len(results) / elapsed:.1f} q/s, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, errors {len(errors)}"
    )
    after = _settled(hrgraph_server.pid, workers, files)
    print(f"server: {workers} → {after[0]} child processes, {files} → {after[1]} open files")
    assert len(results) == QUERIES
    assert not errors, f"{len(errors)} errors: statuses {sorted(set(errors))}"
    with urllib.request.urlopen(hrgraph_server.query_url + "?query=ASK%7B%7D", timeout=30) as response:
        assert response.status == 200
    assert after[0] <= workers, f"worker processes grew from {workers} to {after[0]}"
    assert after[1] <= files, f"open files grew from {files} to {after[1]}"
