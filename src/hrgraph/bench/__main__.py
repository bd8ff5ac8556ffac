"""``python -m hrgraph.bench``: run the benchmarks (``make bench``), or one of their parts.

- ``python -m hrgraph.bench [--world] [--scales 10000,100000] [--runs 3] [--no-plain]
  [--no-incremental] [--no-remote] [--proposed-rules DIR]``: every stage at 10k, 100k and 1M
  triples (and 5M with ``--world``), then adding one State report to the largest scale, then the
  100k graph reasoned inside a scratch Virtuoso; table and targets printed, JSON in
  ``benchmarks/out/results.json``;
- ``python -m hrgraph.bench generate --triples N --seed S -o FILE.nq``: the synthetic graph;
- ``python -m hrgraph.bench stage STACK STAGE DATA REASONED --result FILE`` and
  ``python -m hrgraph.bench reasoned DATA OUT``: what the harness runs in its child processes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hrgraph.bench import harness


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m hrgraph.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--scales", help="comma-separated triple counts (default 10000,100000,1000000)")
    p.add_argument("--world", action="store_true", help="add the 5M-triple scale")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--plain-cap", type=float, default=120.0, help="seconds before a plain-stack stage is killed"
    )
    p.add_argument("--fast-cap", type=float, default=900.0, help="seconds before an hrgraph stage is killed")
    p.add_argument("--no-plain", action="store_true", help="skip the plain stack")
    p.add_argument("--no-seed-build", action="store_true", help="skip timing the seed build")
    p.add_argument(
        "--no-incremental", action="store_true", help="skip adding one State report to the largest scale"
    )
    p.add_argument(
        "--no-remote", action="store_true", help="skip reasoning the 100k graph inside a scratch Virtuoso"
    )
    p.add_argument(
        "--proposed-rules", type=Path, help="rule files replacing same-named ones of ontology/rules"
    )
    p.add_argument("--out", type=Path, default=harness.OUT)
    sub = p.add_subparsers(dest="command")
    g = sub.add_parser("generate", help="write the synthetic graph as N-Quads")
    g.add_argument("--triples", type=int, required=True)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("-o", "--output", type=Path, required=True)
    s = sub.add_parser("stage", help="run one stage (harness child)")
    s.add_argument("stack", choices=("fast", "plain"))
    s.add_argument("stage")
    s.add_argument("data", type=Path)
    s.add_argument("reasoned", type=Path)
    s.add_argument("--result", type=Path, required=True)
    s.add_argument("--rules", type=Path)
    r = sub.add_parser("reasoned", help="load, reason and write N-Quads (harness child)")
    r.add_argument("data", type=Path)
    r.add_argument("output", type=Path)
    r.add_argument("--rules", type=Path)
    i = sub.add_parser("incremental", help="add one State report to a built graph (harness child)")
    i.add_argument("--triples", type=int, required=True)
    i.add_argument("--json", type=Path, required=True)
    b = sub.add_parser("seed-build", help="the real build of the seed sources (harness child)")
    b.add_argument("output", type=Path)
    b.add_argument("--result", type=Path, required=True)
    b.add_argument("--rules", type=Path)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.command == "generate":
        from hrgraph.bench.generate import generate
        from hrgraph.store import atomic_write

        with atomic_write(args.output) as out:
            report = generate(args.triples, args.seed, out)
        print(json.dumps({"triples": report.triples, "states": report.states, "kinds": report.kinds,
                          "sha256": report.sha256}, indent=2))  # fmt: skip
        return 0
    if args.command == "stage":
        from hrgraph.bench.stages import run_stage

        result = run_stage(args.stack, args.stage, args.data, args.reasoned, args.rules)
        args.result.write_text(json.dumps(result))
        return 0
    if args.command == "reasoned":
        from hrgraph.bench.stages import fast_store, reason_store
        from hrgraph.publish.void import write_counts
        from hrgraph.store import atomic_write

        store = fast_store(args.data)
        reason_store(store, args.rules)
        write_counts(store)  # as the build's hrgraph.nq has them
        with atomic_write(args.output) as out:
            store.serialize(out, "nq")
        return 0
    if args.command == "incremental":
        from hrgraph.bench import incremental

        return incremental.main(["--triples", str(args.triples), "--check", "--json", str(args.json)])
    if args.command == "seed-build":
        return seed_build(args)
    return bench(args)


def seed_build(args: argparse.Namespace) -> int:
    """``hrgraph build`` (with the proposed rules in place when given); its step times."""
    import hrgraph.reason as reason
    from hrgraph.bench.stages import rules_with
    from hrgraph.build import build

    if args.rules is not None:
        reason.load_rules = lambda directory=reason.RULES_DIR, groups=("owl-rl", "domain"): rules_with(
            args.rules
        )
    report = build(args.output)
    args.result.write_text(
        json.dumps({"steps_s": report.seconds, "validation": report.validation.get("conforms")})
    )
    return 0


def bench(args: argparse.Namespace) -> int:
    from hrgraph.bench.report import incremental_lines, query_table, remote_lines, table, target_lines

    scales = tuple(int(s) for s in args.scales.split(",")) if args.scales else harness.SCALES
    if args.world:
        scales += (harness.WORLD,)
    opts = harness.Options(
        scales=scales,
        runs=args.runs,
        seed=args.seed,
        plain_cap=args.plain_cap,
        fast_cap=args.fast_cap,
        rules=args.proposed_rules,
        plain=not args.no_plain,
        seed_build=not args.no_seed_build,
        incremental=not args.no_incremental,
        remote=not args.no_remote,
        out=args.out,
    )
    results = harness.run(opts)
    print(table(results))
    print()
    print(query_table(results))
    print()
    print(incremental_lines(results))
    print(remote_lines(results))
    print()
    print(target_lines(results))
    print(f"\nwritten: {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
