"""The benchmark table, the speed-up ratios and the targets, from ``results.json``."""

from __future__ import annotations

from typing import Any

FAST_STAGES = ("load", "reason", "validate", "export-ttl", "export-nq", "queries", "obligations", "pipeline")
PLAIN_STAGES = ("load", "reason", "validate", "export-ttl", "export-nq", "queries", "obligations")
END_TO_END = ("load", "reason", "validate", "export-ttl", "export-nq")

SEED_BUILD_S = 15.0
# Issue #22's targets.
PIPELINE_1M_S = 20.0
PIPELINE_1M_MB = 2 * 1024
INCREMENTAL_1M_S = 10.0  # issue #22: adding one document to a built 1M graph
REASON_1M_S = 8.0
PIPELINE_5M_S = 100.0
PIPELINE_5M_MB = 8 * 1024
QUERY_1M_S = 0.050
RATIO_100K = 20.0


def _fmt(m: dict[str, Any] | None) -> str:
    if not m:
        return "—"
    if m.get("killed"):
        return f"> {m['runs_s'][0]:.0f} s (killed)"
    if m.get("median_s") is None:
        return "—"
    s = m["median_s"]
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def _mb(m: dict[str, Any] | None) -> str:
    return f"{m['peak_rss_mb']:.0f}" if m and m.get("peak_rss_mb") else "—"


def _stage_mb(m: dict[str, Any] | None) -> str:
    """The stage's own memory: the child's peak after its work minus before it (its input)."""
    return f"{m['stage_mb']:.0f}" if m and m.get("stage_mb") is not None else "—"


def ratio(fast: dict[str, Any] | None, plain: dict[str, Any] | None) -> str:
    """plain / fast; a killed plain run gives a lower bound (``≥``)."""
    if not fast or fast.get("median_s") is None or not plain or not plain.get("runs_s"):
        return "—"
    f = fast["median_s"]
    if plain.get("killed"):
        return f"≥ {plain['runs_s'][0] / f:.0f}×"
    if plain.get("median_s") is None:
        return "—"
    return f"{plain['median_s'] / f:.1f}×"


def end_to_end(stack: dict[str, Any]) -> dict[str, Any] | None:
    """Sum of the medians of load, reason, validate and both exports (a killed stage: lower bound)."""
    total, killed = 0.0, False
    for stage in END_TO_END:
        m = stack.get(stage)
        if not m or not m.get("runs_s"):
            return None
        if m.get("killed"):
            killed = True
            total += m["runs_s"][0]
        elif m.get("median_s") is None:
            return None
        else:
            total += m["median_s"]
    return {"median_s": None if killed else total, "runs_s": [total], "killed": killed, "peak_rss_mb": None}


def table(results: dict[str, Any]) -> str:
    head = "| scale | stage | hrgraph | peak MB | stage MB | plain stack | peak MB | stage MB | speed-up |"
    lines = [head, "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for scale, data in results["scales"].items():
        label = f"{int(scale) // 1000:,}k" if int(scale) < 1_000_000 else f"{int(scale) // 1_000_000}M"
        fast, plain = data["fast"], data["plain"]
        for stage in FAST_STAGES:
            f, p = fast.get(stage), plain.get(stage)
            lines.append(
                f"| {label} | {stage} | {_fmt(f)} | {_mb(f)} | {_stage_mb(f)} "
                f"| {_fmt(p)} | {_mb(p)} | {_stage_mb(p)} | {ratio(f, p)} |"
            )
        f_e2e, p_e2e = end_to_end(fast), end_to_end(plain)
        lines.append(
            f"| {label} | end-to-end (sum) | {_fmt(f_e2e)} | | | {_fmt(p_e2e)} | | | {ratio(f_e2e, p_e2e)} |"
        )
    return "\n".join(lines)


def query_table(results: dict[str, Any]) -> str:
    lines = ["| scale | query | hrgraph median | rows | plain median |", "|---|---|---:|---:|---:|"]
    for scale, data in results["scales"].items():
        fq = data["fast"].get("queries", {}).get("detail", {}).get("queries", {})
        pq = data["plain"].get("queries", {}).get("detail", {}).get("queries", {})
        for name, m in fq.items():
            p = pq.get(name)
            plain = f"{p['median'] * 1000:.1f} ms" if p else "—"
            lines.append(f"| {int(scale):,} | {name} | {m['median'] * 1000:.1f} ms | {m['rows']} | {plain} |")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    seed = results.get("seed_build", {})
    out.append(
        _target("seed build (extract + validate + reason + export)", seed.get("median_s"), SEED_BUILD_S, "s")
    )
    one_m = results["scales"].get("1000000")
    if one_m:
        pipe = one_m["fast"].get("pipeline", {})
        out.append(_target("1M full pipeline time", pipe.get("median_s"), PIPELINE_1M_S, "s"))
        out.append(_target("1M full pipeline peak memory", pipe.get("peak_rss_mb"), PIPELINE_1M_MB, "MB"))
        reasoning = one_m["fast"].get("reason", {})
        out.append(_target("1M reasoning time", reasoning.get("median_s"), REASON_1M_S, "s"))
        queries = one_m["fast"].get("queries", {}).get("detail", {}).get("queries", {})
        for name, m in queries.items():
            out.append(_target(f"1M query {name} median", m["median"], QUERY_1M_S, "s"))
    inc = results.get("incremental") or {}
    if inc.get("scale") == 1_000_000 and "total_s" in inc:
        out.append(_target("1M add one document (load, extract, reason, validate, export)", inc["total_s"],
                           INCREMENTAL_1M_S, "s"))  # fmt: skip
    five_m = results["scales"].get("5000000")
    if five_m:
        pipe = five_m["fast"].get("pipeline", {})
        out.append(_target("5M full pipeline time", pipe.get("median_s"), PIPELINE_5M_S, "s"))
        out.append(_target("5M full pipeline peak memory", pipe.get("peak_rss_mb"), PIPELINE_5M_MB, "MB"))
    hundred = results["scales"].get("100000")
    if hundred:
        f, p = end_to_end(hundred["fast"]), end_to_end(hundred["plain"])
        value = None
        if f and f["median_s"] and p:
            value = p["runs_s"][0] / f["median_s"]
        out.append({"target": "end-to-end speed-up over the plain stack at 100k", "value": value,
                    "limit": RATIO_100K, "unit": "×", "met": value is not None and value >= RATIO_100K,
                    "lower_bound": bool(p and p["killed"])})  # fmt: skip
    return out


def _target(name: str, value: float | None, limit: float, unit: str) -> dict[str, Any]:
    return {
        "target": name,
        "value": value,
        "limit": limit,
        "unit": unit,
        "met": value is not None and value <= limit,
    }


def target_lines(results: dict[str, Any]) -> str:
    lines = []
    for t in results["targets"]:
        value = t["value"]
        shown = "not measured" if value is None else f"{value:.3g} {t['unit']}"
        bound = " (lower bound)" if t.get("lower_bound") else ""
        sense = "≥" if t["unit"] == "×" else "≤"
        verdict = "met   " if t["met"] else "MISSED"
        goal = f"target {sense} {t['limit']:g} {t['unit']}"
        lines.append(f"- {verdict} {t['target']}: {shown}{bound} ({goal})")
    return "\n".join(lines)


def _not_measured(case: str, figures: dict[str, Any] | None) -> str:
    """The line of a case that was not run, or that failed (its ``error``)."""
    if not figures:
        return f"{case}: not run"
    return f"{case} at {figures['scale']:,}: {figures['error']}"


def incremental_lines(results: dict[str, Any]) -> str:
    """The incremental case: adding one State report to the largest scale, step by step."""
    inc = results.get("incremental")
    if not inc or "error" in inc:
        return _not_measured("incremental build", inc)
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in inc["steps_s"].items())
    same = inc.get("same_as_full_reasoning")
    return (
        f"incremental build at {inc['scale']:,} triples "
        f"(+ {inc['document']}, {inc['document_quads']:,} quads): "
        f"{inc['total_s']:.2f} s ({steps}); reasoning {inc['reasoning']}; peak {inc['peak_rss_mb']:,} MB; "
        f"inferred graph {'the same as' if same else 'NOT the same as'} a full reasoning's"
    )


def remote_lines(results: dict[str, Any]) -> str:
    """The remote case: the synthetic graph reasoned inside Virtuoso against the embedded store."""
    rem = results.get("remote")
    if not rem or "error" in rem:
        return _not_measured("remote reasoning", rem)
    same = "the same size as" if rem.get("same_size") else "NOT the same size as"
    return (
        f"remote reasoning at {rem['scale']:,} triples on {rem['engine']}: "
        f"{rem['remote_reason_seconds']:.2f} s, {rem['remote_rule_runs']} rule runs "
        f"(embedded {rem['embedded_reason_seconds']:.2f} s, ×{rem['ratio_remote_to_embedded']}; "
        f"push {rem['push_seconds']:.2f} s); inferred graph {same} the embedded one's "
        f"({rem['remote_inferred']:,} triples)"
    )
