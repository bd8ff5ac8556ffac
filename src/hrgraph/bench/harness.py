"""The benchmark harness: every stage, at every scale, on both stacks, each run in its own process.

For each scale (10k, 100k, 1M triples; 5M with ``--world``) the harness generates the synthetic
graph (:mod:`hrgraph.bench.generate`, cached under ``benchmarks/out/data``), reasons it once to
get the input of the stages that work on a reasoned graph, then runs every stage of
:mod:`hrgraph.bench.stages` several times, each run a fresh ``python -m hrgraph.bench stage``
process: the child times its own stage and reads its own peak memory before and after that work
(:mod:`hrgraph.bench.memory`: the stage's own memory is the difference); the parent reads the
child's whole peak (``ru_maxrss`` from ``wait4``) and kills it past the cap. A stage whose
first run is slow runs once. It also times the real seed build (``hrgraph build``) in a
child. The table of medians, the speed-up of the fast path over the plain stack per stage, and
the targets (met / missed) are printed, and everything is written to ``benchmarks/out/results.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrgraph import paths
from hrgraph.bench.generate import generate
from hrgraph.bench.report import FAST_STAGES, PLAIN_STAGES, targets
from hrgraph.reason.rules import RULES_DIR
from hrgraph.store import atomic_write

ROOT = paths.checkout() or Path.cwd()  # benchmarks/out/ is written below it
PACKAGE = Path(__file__).resolve().parent.parent
#: What the synthetic graph is made from: the generator, the ontology and the reference data.
GENERATOR_FILES = [
    PACKAGE / "bench" / "generate.py",
    *sorted(paths.ontology_dir().glob("*.ttl")),
    *sorted(paths.reference_dir().glob("*.csv")),
]
REASONER_FILES = [PACKAGE / "reason" / f for f in ("__init__.py", "rules.py", "compiled.py")]
REASONER_FILES.append(PACKAGE / "publish" / "void.py")  # the counts the reasoned file holds
OUT = ROOT / "benchmarks" / "out"
SCALES = (10_000, 100_000, 1_000_000)
WORLD = 5_000_000
REMOTE_SCALE = 100_000  # the remote-reasoning case (issue #22, item 4)
SLOW_RUN = 30.0  # a stage whose first run takes longer runs once


@dataclass
class Options:
    scales: tuple[int, ...] = SCALES
    runs: int = 3
    seed: int = 1
    plain_cap: float = 120.0
    fast_cap: float = 900.0
    rules: Path | None = None
    plain: bool = True
    seed_build: bool = True
    incremental: bool = True  # add one State report to the largest scale's build
    remote: bool = True  # reason the 100k graph inside a scratch Virtuoso too (REMOTE_SCALE)
    out: Path = OUT


@dataclass
class Measure:
    """The runs of one stage at one scale on one stack."""

    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    cpu_s: list[float] = field(default_factory=list)
    #: What the child saw (:mod:`hrgraph.bench.memory`): its peak before and after its timed work.
    memory: list[dict[str, Any]] = field(default_factory=list)
    killed: bool = False
    error: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def record(self, status: int | None, wall: float, rss: float, cpu: float) -> bool:
        """Note one child run's resources; True if it finished cleanly (its result is readable)."""
        self.rss_mb.append(round(rss, 1))
        self.cpu_s.append(cpu)
        if status is None:  # killed at the cap
            self.killed = True
            self.seconds.append(wall)
            return False
        if status != 0:
            self.error = f"exit status {status}"
            return False
        return True

    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.killed else None

    def to_json(self) -> dict[str, Any]:
        return {
            "median_s": self.median(),
            "runs_s": [round(s, 4) for s in self.seconds],
            "peak_rss_mb": max(self.rss_mb) if self.rss_mb else None,
            "input_mb": _most(m.get("input_mb") for m in self.memory),
            "stage_mb": _most(m.get("stage_mb") for m in self.memory),
            "process_cpu_s": [round(c, 2) for c in self.cpu_s],
            "killed": self.killed,
            "error": self.error,
            "detail": self.detail,
        }


def _most(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def child(args: list[str], cap: float) -> tuple[int | None, float, float, float]:
    """Run ``python -m hrgraph.bench ARGS``; returns (exit status or None if killed, wall s,
    peak MB, CPU seconds of the whole process)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "hrgraph.bench", *args], cwd=ROOT, start_new_session=True)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            return proc.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024, cpu
        if time.perf_counter() - started > cap:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            cpu = usage.ru_utime + usage.ru_stime
            return None, time.perf_counter() - started, usage.ru_maxrss / 1024, cpu
        time.sleep(0.05)


def measure(stack: str, stage: str, files: tuple[Path, Path], opts: Options) -> Measure:
    m = Measure()
    cap = opts.plain_cap if stack == "plain" else opts.fast_cap
    for run in range(opts.runs):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            result = Path(tmp.name)
        args = ["stage", stack, stage, str(files[0]), str(files[1]), "--result", str(result)]
        if opts.rules is not None:
            args += ["--rules", str(opts.rules)]
        if not m.record(*child(args, cap)):
            break
        data = json.loads(result.read_text())
        result.unlink()
        m.seconds.append(data.pop("seconds"))
        m.memory.append(data.pop("memory", {}))
        m.detail = data
        if run == 0 and m.seconds[0] > SLOW_RUN:
            break
    return m


def _digest(paths: list[Path]) -> str:
    """A short digest of the files a cached graph was made with: edit one, and it is remade."""
    h = hashlib.sha256()
    for path in paths:
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def prepare(scale: int, opts: Options) -> tuple[Path, Path, dict[str, Any]]:
    """The synthetic graph at ``scale`` and its reasoned form (cached by scale, seed, rules)."""
    data_dir = opts.out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    data = data_dir / f"synthetic-{scale}-seed{opts.seed}-{_digest(GENERATOR_FILES)}.nq"
    meta_path = data.with_suffix(".json")
    if not data.is_file() or not meta_path.is_file():
        started = time.perf_counter()
        with atomic_write(data) as out:
            report = generate(scale, opts.seed, out)
        meta = {"triples": report.triples, "states": report.states, "kinds": report.kinds,
                "sha256": report.sha256, "seconds": round(time.perf_counter() - started, 2)}  # fmt: skip
        meta_path.write_text(json.dumps(meta, indent=2))
    meta = json.loads(meta_path.read_text())
    rule_files = sorted((opts.rules or RULES_DIR).rglob("*.rq"))
    tag = _digest([*GENERATOR_FILES, *REASONER_FILES, *rule_files])
    reasoned = data_dir / f"reasoned-{scale}-seed{opts.seed}-{tag}.nq"
    if not reasoned.is_file():
        args = ["reasoned", str(data), str(reasoned)] + (["--rules", str(opts.rules)] if opts.rules else [])
        status, wall, _, _ = child(args, opts.fast_cap)
        meta["reasoned"] = {"status": status, "seconds": round(wall, 2)}
    return data, reasoned, meta


def incremental_case(scale: int, opts: Options) -> dict[str, Any]:
    """``python -m hrgraph.bench.incremental`` at ``scale`` in a child: its figures, with the
    child's peak memory and whether it gave the inferred graph of a full reasoning."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "incremental.json"
        status, wall, rss, _ = child(
            ["incremental", "--triples", str(scale), "--json", str(result)], opts.fast_cap
        )
        if status != 0 or not result.is_file():
            return {"scale": scale, "error": "killed" if status is None else f"exit status {status}"}
        figures: dict[str, Any] = json.loads(result.read_text())
    figures.update({"scale": scale, "child_wall_s": round(wall, 2), "child_peak_mb": round(rss, 1)})
    return figures


def remote_case(scale: int, opts: Options) -> dict[str, Any]:
    """``python -m hrgraph.bench.remote`` on the synthetic graph at ``scale`` against a scratch
    Virtuoso (:func:`hrgraph.bench.servers.virtuoso`, no query time bound, a 1.6 GB page cache):
    the embedded and the remote reasoning times and whether the inferred graphs have one size.
    Where ``virtuoso-t`` is not installed, says so instead."""
    from hrgraph.bench import servers

    if servers.virtuoso_binary() is None:
        return {"scale": scale, "error": "not run: virtuoso-t is not installed (make sysdeps)"}
    data, _, _ = prepare(scale, opts)
    with tempfile.TemporaryDirectory(prefix="hrgraph-bench-virtuoso-") as tmp:
        result = Path(tmp) / "remote.json"
        try:
            with servers.virtuoso(Path(tmp), max_seconds=0, buffers=200_000) as base:
                started = time.perf_counter()
                proc = subprocess.run(
                    [sys.executable, "-m", "hrgraph.bench.remote", str(data),
                     "--endpoint", base + "/sparql-auth", "--query-endpoint", base + "/sparql",
                     "--push-endpoint", base + "/sparql-graph-crud-auth", "--protocol", "gsp",
                     "--user", "dba", "--password", "dba", "--auth", "digest", "--json", str(result)],
                    cwd=ROOT, timeout=opts.fast_cap, check=False,
                )  # fmt: skip
                wall = time.perf_counter() - started
        except (servers.ServerError, subprocess.TimeoutExpired) as err:
            return {"scale": scale, "error": str(err).splitlines()[0]}
        if not result.is_file():
            return {"scale": scale, "error": f"exit status {proc.returncode}"}
        figures: dict[str, Any] = json.loads(result.read_text())
    figures.update({"scale": scale, "engine": "virtuoso", "child_wall_s": round(wall, 2)})
    return figures


def seed_build(opts: Options) -> Measure:
    """The real build of the three sources (extract, reason, validate, export) in a child."""
    m = Measure()
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(opts.runs):
            result = Path(tmp) / "seed.json"
            args = ["seed-build", str(Path(tmp) / "build"), "--result", str(result)]
            status, wall, rss, cpu = child(
                args + (["--rules", str(opts.rules)] if opts.rules else []), opts.fast_cap
            )
            if not m.record(status, wall, rss, cpu):
                break
            m.seconds.append(wall)
            m.detail = json.loads(result.read_text())
            if run == 0 and wall > SLOW_RUN:
                break
    return m


def run_scale(scale: int, opts: Options, plain_ok: set[str]) -> dict[str, Any]:
    data, reasoned, meta = prepare(scale, opts)
    files = (data, reasoned)
    out: dict[str, Any] = {"input": meta, "fast": {}, "plain": {}}
    for stage in FAST_STAGES:
        if stage not in ("load", "reason", "pipeline") and not reasoned.is_file():
            out["fast"][stage] = Measure(error="no reasoned input (reasoning did not finish)").to_json()
            continue
        out["fast"][stage] = measure("fast", stage, files, opts).to_json()
        _progress(scale, "fast", stage, out["fast"][stage])
    for stage in PLAIN_STAGES if opts.plain else ():
        if stage not in plain_ok or (stage not in ("load", "reason") and not reasoned.is_file()):
            out["plain"][stage] = Measure(error="not run: killed at a smaller scale").to_json()
            continue
        m = measure("plain", stage, files, opts)
        if m.killed or m.error:
            plain_ok.discard(stage)
        out["plain"][stage] = m.to_json()
        _progress(scale, "plain", stage, out["plain"][stage])
    return out


def _progress(scale: int, stack: str, stage: str, m: dict[str, Any]) -> None:
    median = m["median_s"]
    shown = "killed" if m["killed"] else (m["error"] or f"{median:.3f} s")
    print(
        f"  {scale:>9,} {stack:5} {stage:12} {shown:>12}  {m['peak_rss_mb']} MB (stage {m['stage_mb']} MB)",
        file=sys.stderr,
        flush=True,
    )


def machine() -> dict[str, Any]:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")
    )
    import pyoxigraph
    import pyshacl
    import rdflib

    return {
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "memory_gb": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "pyshacl": pyshacl.__version__,
    }


def run(opts: Options) -> dict[str, Any]:
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": machine(),
        "options": {
            "runs": opts.runs,
            "seed": opts.seed,
            "plain_cap_s": opts.plain_cap,
            "fast_cap_s": opts.fast_cap,
            "rules": str(opts.rules) if opts.rules else "ontology/rules",
        },
        "load_average_at_start": os.getloadavg(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "scales": {},
    }
    if opts.seed_build:
        print("seed build …", file=sys.stderr, flush=True)
        results["seed_build"] = seed_build(opts).to_json()
    plain_ok = set(PLAIN_STAGES)
    for scale in opts.scales:
        print(f"scale {scale:,} …", file=sys.stderr, flush=True)
        results["scales"][str(scale)] = run_scale(scale, opts, plain_ok)
        save(results, opts)  # each scale as soon as it is measured
    if opts.incremental and opts.scales:
        print(f"incremental build at {max(opts.scales):,} …", file=sys.stderr, flush=True)
        results["incremental"] = incremental_case(max(opts.scales), opts)
    if opts.remote:
        print(f"remote reasoning at {REMOTE_SCALE:,} on Virtuoso …", file=sys.stderr, flush=True)
        results["remote"] = remote_case(REMOTE_SCALE, opts)
    results["load_average_at_end"] = os.getloadavg()
    results["seconds"] = round(time.perf_counter() - started, 1)

    results["targets"] = targets(results)
    save(results, opts)
    return results


def save(results: dict[str, Any], opts: Options) -> None:
    with atomic_write(opts.out / "results.json") as out:
        out.write(json.dumps(results, indent=2).encode())
