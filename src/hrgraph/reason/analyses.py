"""``python -m hrgraph.reason.analyses``: write ``ontology/rules/analyses.json``.

The analyses of the shipped rules (what each reads and writes, whether it is linear, its guards and foci,
whether it compiles: :class:`hrgraph.reason.rules.Analysis`), parsed with rdflib's SPARQL parser
once here instead of in every process that reasons (0.49–0.65 s in a fresh process, the
parser's import included; 0.17 s read from the file).
:func:`hrgraph.reason.rules.shipped_analyses` reads the file where it was written by the same
code (:func:`~hrgraph.reason.rules.code_digest`); anywhere else the rules are parsed, with the
same results. ``tests/test_incremental_reasoning.py`` fails while the file is stale.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from hrgraph.reason.rules import ANALYSES, RULES_DIR, Rule, analyse, code_digest, load_rules, text_key


def analyses_json(rules: Iterable[Rule]) -> dict[str, Any]:
    """The analyses of ``rules``, parsed now, as ``analyses.json`` holds them."""
    from hrgraph.reason.compiled import compilable_text

    table = {}
    for rule in sorted(rules, key=lambda r: r.sparql):
        analysis = analyse(rule.sparql)
        entry = asdict(analysis)
        entry |= {k: sorted(v) for k, v in entry.items() if isinstance(v, frozenset)}
        entry["guards"] = [[key, sorted(classes)] for key, classes in analysis.guards]
        entry["foci"] = [list(focus) for focus in analysis.foci]
        entry["compilable"] = compilable_text(rule.sparql, analysis)
        table[text_key(rule.sparql)] = entry
    return {"code": code_digest(), "rules": table}


def shipped_rules() -> list[Rule]:
    """The rules of every group of ``ontology/rules/`` (the query-time ones too)."""
    return load_rules(groups=tuple(sorted(p.name for p in RULES_DIR.iterdir() if p.is_dir())))


def main(argv: list[str] | None = None) -> int:
    """Write ``analyses.json`` for the shipped rules (every group)."""
    if argv if argv is not None else sys.argv[1:]:
        print(__doc__.split("\n\n")[0], "\nusage: python -m hrgraph.reason.analyses", file=sys.stderr)
        return 2
    rules = shipped_rules()
    ANALYSES.write_text(json.dumps(analyses_json(rules), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{ANALYSES}: {len(rules)} rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
