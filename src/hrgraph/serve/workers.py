"""Query workers: processes that run one SPARQL query at a time each, within bounds.

Used by ``hrgraph serve`` (:class:`QueryPool`) and by ``hrgraph query --timeout/--max-memory``
(:func:`run_bounded`); both run :func:`hrgraph.serve.sparql.execute` in the worker.

Bounds of each query (:class:`Limits`):

- **time**: the worker is killed when the query runs past ``timeout`` seconds (``503``);
- **memory**: each worker runs under ``RLIMIT_DATA`` = ``max_memory`` bytes (heap and private
  anonymous mappings, where pyoxigraph's Rust allocations live; measured on Linux 6 with
  pyoxigraph 0.5.13: the allocator honours both ``RLIMIT_DATA`` and ``RLIMIT_AS``, and the
  process aborts with "memory allocation of N bytes failed"; ``RLIMIT_DATA`` is the one that does
  not count the store's file mappings or thread stacks). A query that passes it ends its worker;
  the answer is ``507`` naming the bound and a new worker takes its place;
- **rows and bytes**: ``max_rows`` solutions or triples, ``max_bytes`` of serialised result
  (``422``, enforced in :func:`hrgraph.serve.sparql.execute`).

**A fair lane for cheap queries.** A query cannot move between processes, so the lanes are
counted, not separate pools: of the ``workers`` processes at most ``slow_workers`` may run a
query that is older than ``slow_after`` seconds (the *slow lane*). A query that passes
``slow_after`` while the slow lane is full runs on only as long as no other query waits for a
worker; as soon as one does, it is stopped (``503`` saying so, its worker replaced). Hence a
cheap query waits at most about ``slow_after`` seconds (plus the start of a replacement worker)
for a worker, whatever number of slow queries, from one client or many, arrive; and a busy
endpoint with no one waiting stops nothing early. A worker whose query runs past ``slow_after``
also runs at CPU niceness :data:`SLOW_NICENESS`, so slow queries do not take the processor from
cheap ones (a worker that cannot be given its priority back is replaced). With
``slow_workers >= workers`` there is no reserved lane.

**Scratch folders** (:func:`scratch_dir`) are named ``hrgraph-scratch-PID-…`` in the system
temporary directory and follow the umask; :func:`remove_stale_scratch` (called on every start)
removes those of this user whose process is dead (a killed server, a killed ``hrgraph query``).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import re
import resource
import shutil
import signal
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from hrgraph.errors import HrgraphError, UsageError
from hrgraph.serve.sparql import Answer, GiB, Job, Limits
from hrgraph.store import current_umask

MEMORY_STATUS = 507  # Insufficient Storage (RFC 4918 §11.5): the query needs more memory than the bound
SLOW_NICENESS = 10  # CPU niceness of a worker while its query runs past ``slow_after``
LANE_POLL = 0.1  # seconds between looks at the queue by a query past ``slow_after`` outside the lane


class BoundError(HrgraphError):
    """A query passed a bound of ``hrgraph query --timeout/--max-memory`` (exit 2, a usage error:
    the query asks more than the bounds given allow)."""


def parse_size(text: str) -> int:
    """Bytes from ``2G``, ``512M``, ``64k`` or a plain number (binary units).

    >>> parse_size("2G"), parse_size("512M"), parse_size("1000")
    (2147483648, 536870912, 1000)
    """
    match = re.fullmatch(r"\s*(\d+)\s*([kKmMgGtT]?)(?:i?[bB])?\s*", text)
    if match is None:
        raise UsageError(f"size {text!r}: expected a number of bytes, or with k, M, G (e.g. 2G)")
    power = " KMGT".index(match[2].upper() or " ")
    return int(match[1]) << (10 * power)


def describe_size(size: int) -> str:
    """``2 GiB``, ``512 MiB`` or ``N bytes``."""
    for unit, factor in (("GiB", GiB), ("MiB", 1024**2)):
        if size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def bound_memory(max_memory: int | None) -> None:
    """Bound this process's data segment (heap and anonymous mappings) to ``max_memory`` bytes."""
    if max_memory is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (max_memory, max_memory))


def _worker_main(conn: Connection, location: str, limits: Limits, log: str | None) -> None:
    if log is not None:  # the allocator's last words go to the log, not to the user's terminal
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
        os.dup2(fd, 2)
        os.close(fd)
    os.environ["RUST_BACKTRACE"] = "0"  # an allocation failure prints one line, not a backtrace
    from pyoxigraph import Store

    from hrgraph.serve.sparql import execute, isolate_network

    isolation = isolate_network()  # first, while the process has one thread
    store = Store.read_only(location)
    bound_memory(limits.max_memory)
    conn.send(("ready", isolation))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            answer = execute(store, job, limits)
        except MemoryError:
            conn.send((MEMORY_STATUS, "text/plain", b""))  # the pool retires this worker
            return
        except Exception as err:  # a bug must answer 500, not kill the worker
            answer = (500, "text/plain", f"internal error: {type(err).__name__}: {err}\n".encode())
        conn.send(answer)


class Worker:
    """One worker process and its pipe; its standard error is appended to ``log`` if given."""

    def __init__(self, ctx: Any, location: str, limits: Limits, log: Path | None = None) -> None:
        self.conn, child = ctx.Pipe()
        args = (child, location, limits, str(log) if log else None)
        self.process = ctx.Process(target=_worker_main, args=args, daemon=True)
        self.process.start()
        child.close()
        self.isolation = "not started"
        self.niceness = 0

    def wait_ready(self, timeout: float) -> bool:
        if not self.conn.poll(timeout):
            return False
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            return False
        ready = isinstance(message, tuple) and message[0] == "ready"
        self.isolation = str(message[1]) if ready else "?"
        return ready

    def send(self, job: Job) -> None:
        self.conn.send(job)

    def receive(self, timeout: float) -> Answer | None:
        """The answer, or None if there is none within ``timeout`` seconds; raises EOFError
        (or OSError) if the worker died."""
        if not self.conn.poll(None if math.isinf(timeout) else max(timeout, 0.0)):
            return None
        answer: Answer = self.conn.recv()
        return answer

    def renice(self, niceness: int) -> bool:
        """Set the worker's CPU niceness; False if the system refuses (raising it back to 0
        needs privileges an ordinary user does not have)."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.process.pid or 0, niceness)
        except OSError:
            return False
        self.niceness = niceness
        return True

    def died_of_memory(self) -> bool:
        """Whether the (dead) worker ended as an allocation failure ends: SIGABRT."""
        self.process.join(5)
        return bool(self.process.exitcode == -signal.SIGABRT)

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _plain(status: int, message: str) -> Answer:
    return status, "text/plain", f"{message}\n".encode()


def memory_message(limits: Limits, who: str = "endpoint") -> str:
    bound = describe_size(limits.max_memory) if limits.max_memory else "the machine's memory"
    return f"the query needed more memory than this {who}'s bound of {bound} per query"


def time_message(limits: Limits, who: str = "endpoint") -> str:
    return f"the query ran past this {who}'s time limit of {limits.timeout:g} s"


class QueryPool:
    """Worker processes sharing one read-only on-disk copy of the store, with a slow lane
    (module docstring). :meth:`run` always returns an answer, refusals included."""

    def __init__(self, location: Path, limits: Limits, log: Path | None = None) -> None:
        self.location = str(location)
        self.log = log
        self.limits = limits
        self.ctx = multiprocessing.get_context("spawn")
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.slow = 0  # queries in the slow lane
        self.waiting = 0  # queries waiting for an idle worker
        self.isolation = "no worker started"
        for _ in range(limits.workers):
            self._spawn(wait=True)
        if self.idle.empty():
            raise UsageError(f"no query worker could open the store at {location}")

    def _spawn(self, wait: bool) -> None:
        worker = Worker(self.ctx, self.location, self.limits, self.log)
        with self.lock:
            self.workers.add(worker)

        def ready() -> None:
            if worker.wait_ready(120):
                self.idle.put(worker)
            else:
                self._retire(worker)

        if wait:
            ready()
            self.isolation = worker.isolation
        else:
            threading.Thread(target=ready, daemon=True).start()

    def _retire(self, worker: Worker) -> None:
        worker.stop()
        with self.lock:
            self.workers.discard(worker)

    def _replace(self, worker: Worker) -> None:
        self._retire(worker)
        self._spawn(wait=False)

    def _enter_slow_lane(self) -> bool:
        with self.lock:
            if self.limits.slow_workers < self.limits.workers and self.slow >= self.limits.slow_workers:
                return False
            self.slow += 1
            return True

    def _leave_slow_lane(self) -> None:
        with self.lock:
            self.slow -= 1

    def _take(self) -> Worker | None:
        with self.lock:
            self.waiting += 1
        try:
            return self.idle.get(timeout=self.limits.queue_wait)
        except queue.Empty:
            return None
        finally:
            with self.lock:
                self.waiting -= 1

    def _wait_slow(self, worker: Worker, deadline: float) -> Answer | Literal["yield"] | None:
        """Wait for the answer of a query past ``slow_after``: in the slow lane if it has room,
        else outside it as long as no other query waits for a worker (looked at every
        :data:`LANE_POLL` s). The answer, None at the deadline, or ``"yield"``: stop it."""
        worker.renice(SLOW_NICENESS)
        in_lane = False
        try:
            while (left := deadline - time.monotonic()) > 0:
                in_lane = in_lane or self._enter_slow_lane()
                if not in_lane and self.waiting > 0:
                    return "yield"
                answer = worker.receive(left if in_lane else min(left, LANE_POLL))
                if answer is not None:
                    return answer
            return None
        finally:
            if in_lane:
                self._leave_slow_lane()

    def run(self, job: Job) -> Answer:
        limits = self.limits
        worker = self._take()
        if worker is None:
            return _plain(503, "the endpoint is busy: every query worker stayed occupied")
        deadline = time.monotonic() + limits.timeout
        try:
            worker.send(job)
            answer = worker.receive(min(limits.slow_after, limits.timeout))
            if answer is None:
                outcome = self._wait_slow(worker, deadline)
                if outcome == "yield":
                    self._replace(worker)
                    return _plain(
                        503,
                        f"the query was stopped after {limits.slow_after:g} s: this endpoint's slow "
                        f"lane is full ({limits.slow_workers} queries are running longer) and other "
                        "queries are waiting; try again later, or make it cheaper",
                    )
                answer = outcome
        except (OSError, EOFError):
            memory = worker.died_of_memory()
            self._replace(worker)
            if memory:
                return _plain(MEMORY_STATUS, memory_message(limits))
            return _plain(500, f"the query worker failed (exit code {worker.process.exitcode})")
        if answer is None:
            self._replace(worker)
            return _plain(503, time_message(limits))
        if answer[0] == MEMORY_STATUS and not answer[2]:
            self._replace(worker)
            return _plain(MEMORY_STATUS, memory_message(limits))
        if worker.niceness and not worker.renice(0):
            self._replace(worker)  # it may not get its CPU priority back: a fresh one instead
        else:
            self.idle.put(worker)
        return answer

    def close(self) -> None:
        with self.lock:
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            worker.stop()


def run_bounded(location: Path, job: Job, limits: Limits) -> Answer:
    """Run one query in one bounded worker (``hrgraph query --timeout/--max-memory``); raises
    :class:`BoundError` when it passes the time or memory bound."""
    worker = Worker(
        multiprocessing.get_context("spawn"), str(location), limits, location.parent / "worker.log"
    )
    try:
        if not worker.wait_ready(120):
            raise UsageError(f"no query worker could open the store at {location}")
        worker.send(job)
        try:
            answer = worker.receive(limits.timeout)
        except (OSError, EOFError):
            if worker.died_of_memory():
                raise BoundError(memory_message(limits, "command")) from None
            raise BoundError(f"the query worker failed (exit code {worker.process.exitcode})") from None
        if answer is None:
            raise BoundError(time_message(limits, "command"))
        if answer[0] == MEMORY_STATUS:
            raise BoundError(memory_message(limits, "command"))
        return answer
    finally:
        worker.stop()


# Scratch folders ----------------------------------------------------------------------------

SCRATCH_PREFIX = "hrgraph-scratch-"
_SCRATCH_NAME = re.compile(re.escape(SCRATCH_PREFIX) + r"(\d+)-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_stale_scratch(parent: Path | None = None) -> list[Path]:
    """Remove this user's scratch folders whose process is dead; the folders removed."""
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _SCRATCH_NAME.match(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        try:
            mine = entry.stat().st_uid == os.getuid()
        except OSError:
            continue
        if mine and not _alive(int(match[1])):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def scratch_dir(parent: Path | None = None) -> Path:
    """A new scratch folder ``hrgraph-scratch-PID-…`` (mode by the umask), after removing stale ones."""
    remove_stale_scratch(parent)
    path = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=parent))
    path.chmod(0o777 & ~current_umask())
    return path
