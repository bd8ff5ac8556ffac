"""``python -m hrgraph.bench.remote``: reasoning inside a SPARQL store, against the embedded reasoner.

Loads a graph (an N-Quads file, or the synthetic graph of ``--triples N``), reasons it in the
embedded store (timed), pushes its asserted graphs to the server with :func:`hrgraph.remote.push`,
runs :func:`hrgraph.reason.remote.reason_remote` there (timed) and compares the two inferred
graphs by size; prints the figures, one ``name: value`` a line, and ``--json FILE`` writes them.
Not part of the tests; run it on a scratch server (its inferred graph is replaced, and the rules
read every graph it holds: the benchmark refuses a server holding other hrgraph graphs).

Virtuoso 7.2 (docs/portability.md) runs every rule; on a fresh database::

    python -m hrgraph.bench generate --triples 100000 -o /tmp/100k.nq
    python -m hrgraph.bench.remote /tmp/100k.nq \\
        --endpoint http://127.0.0.1:8890/sparql-auth --query-endpoint http://127.0.0.1:8890/sparql \\
        --push-endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --protocol gsp \\
        --user dba --password dba --auth digest
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hrgraph.iri import GRAPH, INFERRED_GRAPH
from hrgraph.reason import reason
from hrgraph.reason.remote import RemoteReasoner, reason_remote
from hrgraph.remote import Remote, push
from hrgraph.store import GraphStore


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m hrgraph.bench.remote", description=__doc__.split("\n\n")[0])
    p.add_argument("data", nargs="?", type=Path, help="N-Quads file (else --triples)")
    p.add_argument("--triples", type=int, help="generate the synthetic graph of this size")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--endpoint", required=True, help="SPARQL Update endpoint the rules run at")
    p.add_argument("--query-endpoint", default=None)
    p.add_argument("--push-endpoint", default=None, help="where to push (default: --endpoint)")
    p.add_argument("--protocol", choices=("update", "gsp"), default="update")
    p.add_argument("--user", default=None)
    p.add_argument("--password", default=None)
    p.add_argument("--auth", choices=("basic", "digest"), default="basic")
    p.add_argument("--group", dest="groups", action="append", choices=("owl-rl", "domain"))
    p.add_argument("--json", type=Path, help="also write the figures here")
    return p.parse_args(argv)


def _load(args: argparse.Namespace) -> GraphStore:
    store = GraphStore()
    if args.data is not None:
        store.load_file(args.data, "nq")
        return store
    if args.triples is None:
        raise SystemExit("give an N-Quads file or --triples N")
    from hrgraph.bench.generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nq"
        with path.open("wb") as out:
            generate(args.triples, args.seed, out)
        store.load_file(path, "nq")
    return store


def _foreign_graphs(reasoner: RemoteReasoner, ours: set[str]) -> list[str]:
    rows = reasoner.select(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER STRSTARTS(STR(?g), "{GRAPH}") }}'
    )
    return sorted(str(r["g"].value) for r in rows if str(r["g"].value) not in ours)


def run(args: argparse.Namespace) -> dict[str, Any]:
    groups = tuple(args.groups or ("owl-rl", "domain"))
    auth = (args.user, args.password, args.auth)
    remote = Remote(args.endpoint, "update", args.query_endpoint, *auth, timeout=3600.0)
    pusher = Remote(
        args.push_endpoint or args.endpoint, args.protocol, remote.reads_from, *auth, timeout=600.0
    )
    store = _load(args)
    asserted = [g for g in store.graphs() if g != INFERRED_GRAPH]
    figures: dict[str, Any] = {"triples": len(store), "groups": list(groups)}
    reasoner = RemoteReasoner(remote)
    foreign = _foreign_graphs(reasoner, set(asserted) | {INFERRED_GRAPH})
    if foreign:
        raise SystemExit(
            f"the server holds other hrgraph graphs ({', '.join(foreign[:3])} …): use a scratch server"
        )
    started = time.perf_counter()
    embedded = reason(store, groups)
    figures["embedded_reason_seconds"] = round(time.perf_counter() - started, 2)
    figures["embedded_inferred"] = embedded["triples"]
    pushed = push(store, pusher, asserted)
    figures["push_seconds"] = round(pushed.seconds, 2)
    figures["push_ok"] = pushed.ok
    remote_stats = reason_remote(remote, groups)
    figures["remote_reason_seconds"] = remote_stats["total_seconds"]
    figures["remote_rule_runs"] = remote_stats["runs"]
    figures["remote_inferred"] = remote_stats["triples"]
    figures["same_size"] = remote_stats["triples"] == store.graph_size(INFERRED_GRAPH)
    slowest = sorted(remote_stats["rule_seconds"].items(), key=lambda kv: -kv[1])[:3]
    figures["remote_slowest_rules"] = dict(slowest)
    figures["ratio_remote_to_embedded"] = round(
        figures["remote_reason_seconds"] / max(figures["embedded_reason_seconds"], 1e-3), 1
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    figures = run(args)
    for name, value in figures.items():
        print(f"{name}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if figures["same_size"] and figures["push_ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
