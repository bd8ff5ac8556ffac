"""The second guard of the endpoint: a query worker has no network, whatever the screen lets by."""

from __future__ import annotations

import multiprocessing
import socket
import sys

import pytest

from hrgraph.serve.sparql import isolate_network


def _service_from_isolated_worker(port: int, out: multiprocessing.Queue[str]) -> None:
    why = isolate_network()
    if why:
        out.put(f"not isolated: {why}")
        return
    from pyoxigraph import QuerySolutions, Store

    try:
        solutions = Store().query(
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        )
        assert isinstance(solutions, QuerySolutions)
        list(solutions)  # the SERVICE is fetched as the rows are read
        out.put("answered")
    except OSError as err:
        out.put(f"failed: {err}")


@pytest.mark.skipif(sys.platform != "linux", reason="network namespaces are Linux's")
def test_isolated_worker_cannot_fetch_a_service() -> None:
    """If the engine itself is told to fetch a SERVICE on loopback from an isolated worker, then the
    fetch fails and the listener sees no connection."""
    ctx = multiprocessing.get_context("spawn")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(2.0)
        results: multiprocessing.Queue[str] = ctx.Queue()
        worker = ctx.Process(target=_service_from_isolated_worker, args=(listener.getsockname()[1], results))
        worker.start()
        worker.join(60)
        outcome = results.get(timeout=5)
        if outcome.startswith("not isolated"):
            pytest.skip(outcome)  # no namespaces here: the parse-tree screen is the only guard
        assert outcome.startswith("failed"), outcome
        with pytest.raises(TimeoutError):
            listener.accept()
