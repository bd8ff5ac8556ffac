"""Human-readable output: the build summary and the obligations answer, as rich tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from hrgraph.build import BuildReport
from hrgraph.obligations import Answer
from hrgraph.sources import Added, SourceMeta

SHOW_UNREAD = 15


def _short(value: str | None) -> str:
    if not value:
        return ""
    for base, prefix in (
        ("https://w3id.org/hrgraph/id/", ""),
        ("https://w3id.org/hrgraph/graph/", "graph/"),
    ):
        if value.startswith(base):
            return prefix + value[len(base) :]
    return value


def print_build_report(console: Console, report: BuildReport) -> None:
    graphs = Table(title="Triples per named graph", title_justify="left")
    graphs.add_column("graph")
    graphs.add_column("triples", justify="right")
    for g, n in report.graphs.items():
        graphs.add_row(_short(g), f"{n:,}")
    graphs.add_row("[bold]total", f"[bold]{sum(report.graphs.values()):,}")
    console.print(graphs)
    _print_facts(console, report)
    _print_lines(console, report)
    _print_reasoning_and_validation(console, report)
    timing = ", ".join(f"{k} {v:.1f} s" for k, v in report.seconds.items())
    if report.written:
        console.print(f"wrote {report.out}/hrgraph.nq, {report.out}/hrgraph.ttl ({timing})", highlight=False)
    else:
        console.print(f"wrote nothing; {report.out} is unchanged ({timing})", highlight=False)


def _print_facts(console: Console, report: BuildReport) -> None:
    facts = Table(title="Facts read per kind", title_justify="left")
    for col in ("stage", "source", "kind", "count"):
        facts.add_column(col, justify="right" if col == "count" else "left")
    for stage in report.stages:
        for kind, n in sorted(stage.counts.items()):
            facts.add_row(stage.name, stage.source, kind, str(n))
    console.print(facts)
    for stage in report.stages:
        for problem in stage.problems:
            console.print(f"[yellow]could not read[/] ({stage.name}) {problem}", highlight=False)
    for name, check in report.checks.items():
        console.print(
            f"[bold]{name} check:[/] {check if isinstance(check, str) else _check_text(check)}",
            highlight=False,
        )


def _print_lines(console: Console, report: BuildReport) -> None:
    for source, unread in report.unread.items():
        used = sum(report.lines.get(source, {}).values())
        console.print(
            f"{source}: {used:,} non-empty lines accounted for "
            f"({', '.join(f'{k} {v}' for k, v in report.lines.get(source, {}).items()) or 'none'}); "
            f"[{'yellow' if unread else 'green'}]{len(unread)} unread[/]",
            highlight=False,
        )
        for n, text in unread[:SHOW_UNREAD]:
            console.print(f"  unread {source}:{n}: {text[:100]}", highlight=False, markup=False)
        if len(unread) > SHOW_UNREAD:
            console.print(
                f"  … {len(unread) - SHOW_UNREAD} more in {report.out}/summary.json",
                highlight=False,
            )


def _print_reasoning_and_validation(console: Console, report: BuildReport) -> None:
    if report.reasoning:
        r = report.reasoning
        console.print(
            f"reasoning: {r['triples']:,} inferred triples from {r['runs']} rule runs ({r['seconds']} s)",
            highlight=False,
        )
    if report.validation:
        v = report.validation
        colour = "green" if v["conforms"] else "red"
        console.print(
            f"validation: [{colour}]conforms={v['conforms']}[/], {v['violations']} violations, "
            f"{v['warnings']} warnings",
            highlight=False,
        )
        for res in v["first"][:10]:
            console.print(
                f"  {res['severity'].rsplit('#', 1)[-1]}: {res['focus']} {res['path']} — {res['message']}",
                highlight=False,
                markup=False,
            )


def _check_text(check: object) -> str:
    """A stage's check result (e.g. article gaps per instrument) on one line."""
    if isinstance(check, dict):
        return "; ".join(f"{k}: {v}" for k, v in check.items())
    if isinstance(check, list):
        return "; ".join(str(c) for c in check)
    return str(check)


def _article(value: str | None) -> str:
    """``…/instrument/ICESCR/article/12`` as ``ICESCR art. 12``."""
    return _short(value).replace("instrument/", "").replace("/article/", " art. ")


def _types(ob: dict[str, Any]) -> str:
    return ", ".join(t.rsplit("/", 1)[-1] for t in ob["types"])


def _comment(ob: dict[str, Any]) -> str:
    gc = ob["general_comment"]
    if not gc:
        return ""
    item = f", item {gc['item']}" if gc["item"] else ""
    return f"{gc['body'] or ''} GC {gc['number'] or '?'} ({gc['symbol'] or 'no symbol'}{item})"


def _print_instruments(console: Console, answer: Answer, title: str) -> None:
    table = Table(title=f"Instruments binding {title}", title_justify="left")
    for col in ("instrument", "since", "date from", "precision", "why"):
        table.add_column(col, overflow="fold")
    for item in answer.instruments:
        key = item["key"] or _short(item["instrument"])
        label = f"{key}: {item['label']}" if item["label"] else key
        table.add_row(label, item["since"], item["date_basis"], item["precision"] or "", item["why"])
    console.print(table)


def _print_obligation_list(console: Console, answer: Answer, title: str) -> None:
    obs = Table(title=f"Obligations of {title}", title_justify="left")
    for col in ("article", "obligation", "types", "general comment", "why"):
        obs.add_column(col, overflow="fold")
    for ob in answer.obligations:
        article = ob["article_label"] or _article(ob["article"])
        obs.add_row(article, ob["label"] or _short(ob["obligation"]), _types(ob), _comment(ob), ob["why"])
    console.print(obs)


def _print_obligation_counts(console: Console, answer: Answer, title: str) -> None:
    labels = {i["instrument"]: f"{i['key']}: {i['label']}" for i in answer.instruments}
    counts: dict[str, int] = {}
    for ob in answer.obligations:
        key = labels.get(ob["instrument"], _short(ob["instrument"]))
        counts[key] = counts.get(key, 0) + 1
    obs = Table(title=f"Obligations of {title}", title_justify="left")
    obs.add_column("instrument")
    obs.add_column("obligations", justify="right")
    for key, n in sorted(counts.items()):
        obs.add_row(key, str(n))
    console.print(obs)
    console.print(
        "Each with its text, types, general comment and why: --instrument KEY or --article KEY/N, "
        "or --format json.",
        highlight=False,
    )


def _print_recommendations(console: Console, answer: Answer, title: str) -> None:
    counts: dict[tuple[str, str], int] = {}
    for rec in answer.recommendations:
        key = (_short(rec["mechanism"]).replace("body/", "") or "?", rec["kind"])
        counts[key] = counts.get(key, 0) + 1
    if counts:
        table = Table(title=f"Recommendations and orders addressed to {title} (not treaty obligations)",
                      title_justify="left")  # fmt: skip
        for col in ("mechanism", "kind", "count"):
            table.add_column(col, justify="right" if col == "count" else "left")
        for (mechanism, kind), n in sorted(counts.items()):
            table.add_row(mechanism, kind, str(n))
        console.print(table)
    if answer.other_recommendations:
        kinds = sorted({r["kind"] for r in answer.other_recommendations})
        console.print(
            f"{len(answer.other_recommendations)} recommendation(s) of {' and '.join(kinds)} addressed "
            "to the State: listed in --format json, never counted as its obligations.",
            highlight=False,
        )


def print_obligations(console: Console, answer: Answer) -> None:
    title = f"{answer.state_label} ({_short(answer.state).replace('state/', '')}) on {answer.on.isoformat()}"
    as_of = answer.as_of or "unknown"
    console.print(f"[bold]{title}[/]: as of {as_of} (the latest source date behind it)", highlight=False)
    if answer.warning:
        console.print(f"[yellow]warning:[/] {answer.warning}", highlight=False)
    _print_instruments(console, answer, title)
    if not answer.obligations:
        console.print("No treaty obligations on this date.", highlight=False)
    elif answer.instrument_filter or answer.article_filter:
        _print_obligation_list(console, answer, title)
    else:
        _print_obligation_counts(console, answer, title)
    _print_recommendations(console, answer, title)
    for note in answer.notes:
        console.print(f"note: {note}", highlight=False, markup=False)


def print_added(console: Console, added: Added, directory: Path) -> None:
    """What ``hrgraph add`` recorded, and where each value came from."""
    meta = added.meta
    table = Table(title=escape(f"Added [{meta.key}] to {directory}/sources.toml"), title_justify="left")
    for col in ("field", "value", "from"):
        table.add_column(col)
    for name in ("kind", "state", "symbol", "date", "language", "title"):
        value = getattr(meta, name)
        if not value:
            continue
        origin = "option" if name in added.given else "cover page" if name in added.detected else ""
        if name == "language" and origin == "cover page":
            origin = "the text's words"
        table.add_row(name, value[:80], origin)
    console.print(table)
    console.print(f"next: hrgraph build --sources {directory}", highlight=False, markup=False)


def print_sources(console: Console, metas: list[SourceMeta], built: dict[str, Any]) -> None:
    """The source lists, with what the last build read of each."""
    rows = {r["key"]: r for r in built.get("sources", [])}
    table = Table(title="Sources", title_justify="left")
    for col in ("key", "kind", "state", "symbol", "language", "read", "unread"):
        table.add_column(col, justify="right" if col in ("read", "unread") else "left")
    for m in metas:
        row = rows.get(m.key)
        read = f"{row['lines_read']:,}" if row else "not built"
        unread = str(row["lines_unread"]) if row else ""
        table.add_row(m.key, m.kind, m.state, m.symbol, m.language, read, unread)
    console.print(table)
