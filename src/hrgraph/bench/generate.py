"""A deterministic synthetic graph with the shape of hrgraph's, from 10k to 5M triples.

The benchmarks need the world, not three documents: about 195 States, the UN instruments, and
the treaty-body and UPR corpus (OHCHR's index holds some 270,000 recommendation paragraphs).
:func:`generate` writes such a graph as N-Quads, seeded and streaming (memory stays bounded by
one State's block), with the terms of ``ontology/*.ttl`` and the IRIs of :mod:`hrgraph.iri`:

- the ``ontology`` graph (every ``ontology/*.ttl``, blank nodes relabelled deterministically)
  and the ``reference`` graph (the real States, bodies and instruments of ``hrgraph/resources/reference``);
- ``bench-instruments``: articles with text for the UN treaties and protocols of the
  reference data, a theme scheme, general comments of each treaty body interpreting articles,
  and typed obligations (``hrg:obligationType``) concerning articles;
- one ``bench-STATE`` graph per State: treaty actions (ratification or accession with its
  approving law, its dates and sometimes the entry into force for the State; signatures; some
  signatures only; reservations to articles; a few denunciations), then UPR reviews with
  recommendations and concluding observations per treaty and cycle (themes, article links),
  and the State-report paragraphs that respond to them (``hrg:respondsTo``).

Every resource carries its passage (``GraphWriter.derived_from``) into one synthetic source
document per graph. Nothing here is a fact: texts, dates, numbers and choices are drawn from a
seeded generator, and every source document says so in its title. The size parameter sets the
number of States (8 at 10k, 195 from 195k), articles and general comments, then each State's
budget of recommendations; the output is within a few hundred triples of the size asked.

>>> import io
>>> out = io.BytesIO()
>>> report = generate(10_000, seed=1, out=out)
>>> 9_500 <= report.triples <= 10_500, report.states
(True, 10)
>>> generate(10_000, seed=1, out=io.BytesIO()).sha256 == report.sha256
True
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import IO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, serialize

from hrgraph import iri
from hrgraph.extract.common import Span
from hrgraph.iri import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from hrgraph.namespace import DCT, ONTOLOGY_DIR, RDF, SKOS, XSD
from hrgraph.rdf.writer import GraphWriter
from hrgraph.reference import InstrumentRef, instruments, states, write_reference
from hrgraph.store import parse_file

WORLD_STATES = 195
ALWAYS = ("PRY", "KAZ")  # the States of the seed sources, so their queries have answers
UPR_CYCLES = 4
CO_CYCLES = 3
UPR_CAP, CO_CAP = 260, 70  # recommendations per review, paragraphs per concluding observations
THEMES = 24
FLUSH_AT = 20_000
OBLIGATION_SCHEME = iri.scheme("obligation-type")
WORDS = (
    "el Estado parte adopte medidas legislativas administrativas para garantizar derecho acceso "
    "protección efectiva personas grupos situación vulnerabilidad asegurar recursos investigación "
    "independiente sanción reparación víctimas discriminación igualdad participación información "
    "salud educación vivienda trabajo seguridad social pueblos indígenas mujeres niños niñas"
).split()
CO_PREFIX = {"CESCR": "E/C.12"}


@dataclass
class Report:
    """What a run wrote: triples (N-Quads lines), States, resources per kind, the file digest."""

    triples: int = 0
    states: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    sha256: str = ""

    def count(self, kind: str, n: int = 1) -> None:
        self.kinds[kind] = self.kinds.get(kind, 0) + n


@dataclass(frozen=True)
class Plan:
    """The sizes that follow from the number of triples asked for."""

    triples: int
    seed: int
    states: tuple[str, ...]
    articles: dict[str, int]
    instruments: tuple[str, ...]
    comments_per_body: int
    obligations_per_comment: int


def plan(triples: int, seed: int) -> Plan:
    """States, articles and general comments for a graph of about ``triples`` triples."""
    rng = random.Random(f"{seed}:plan")
    n_states = max(8, min(WORLD_STATES, triples // 1000))
    others = sorted(set(states()) - set(ALWAYS))
    chosen = sorted([*ALWAYS, *rng.sample(others, n_states - len(ALWAYS))])
    scale = min(1.0, triples / 400_000)
    articles = {
        ref.key: max(3, round(rng.randint(20, 70) * scale)) for ref in treaties()
    }  # full-size counts are drawn, not the instruments' real ones
    # below 100k, States act only on the treaties and protocols a treaty body monitors
    acted = [r.key for r in treaties() if triples >= 100_000 or r.monitored_by]
    return Plan(
        triples,
        seed,
        tuple(chosen),
        articles,
        tuple(acted),
        comments_per_body=max(1, round(30 * scale)),
        obligations_per_comment=max(2, round(10 * scale)),
    )


def treaties() -> list[InstrumentRef]:
    """The UN treaties and protocols of the reference data with an adoption date."""
    return [r for r in instruments().values() if r.system == "UN" and r.kind != "Declaration" and r.adopted]


def bodies() -> dict[str, str]:
    """Treaty body → the treaty (not protocol) it monitors."""
    return {r.monitored_by: r.key for r in treaties() if r.kind == "Treaty" and r.monitored_by}


class Sink:
    """Streams writers' quads to N-Quads, counting them and hashing the bytes."""

    def __init__(self, out: IO[bytes], report: Report) -> None:
        self.out = out
        self.report = report
        self.digest = hashlib.sha256()

    def flush(self, w: GraphWriter) -> int:
        if not w.quads:
            return 0
        data = serialize(w.quads, format=RdfFormat.N_QUADS)
        assert data is not None
        self.out.write(data)
        self.digest.update(data)
        n = len(w.quads)
        self.report.triples += n
        w.quads.clear()
        return n

    def maybe_flush(self, w: GraphWriter) -> int:
        return self.flush(w) if len(w.quads) >= FLUSH_AT else 0


class Lines:
    """Consecutive passages of a synthetic source document."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.next = 1

    def span(self, length: int = 3) -> Span:
        span = Span(self.key, self.next, self.next + length - 1)
        self.next += length
        return span


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def describe_source(w: GraphWriter, key: str, seed: int) -> None:
    """The synthetic source document a graph is read from (shape of ``sources.write_source``)."""
    doc = iri.source(key)
    w.type(doc, "SourceDocument")
    w.type(doc, "Compilation")
    title = f"Synthetic benchmark document {key} (hrgraph.bench, seed {seed}): no fact in it is real"
    w.add(doc, DCT.title, Literal(title, language="en"))
    w.label(doc, title, "en")
    w.add(doc, DCT.identifier, Literal(key))
    w.value(doc, "sha256", hashlib.sha256(f"hrgraph-bench:{seed}:{key}".encode()).hexdigest())


def writer(key: str, seed: int) -> tuple[GraphWriter, Lines]:
    w = GraphWriter(iri.graph(key), {key: iri.source(key)})
    describe_source(w, key, seed)
    return w, Lines(key)


# The fixed part: ontology, reference data, instruments, themes, general comments -------------


def write_ontology(sink: Sink) -> None:
    """Every ``ontology/*.ttl`` into the ontology graph, blank nodes named by position."""
    graph = NamedNode(ONTOLOGY_GRAPH)
    w = GraphWriter(ONTOLOGY_GRAPH, {})
    for index, path in enumerate(sorted(ONTOLOGY_DIR.glob("*.ttl"))):
        names: dict[str, BlankNode] = {}

        def fix(term: object, index: int = index, names: dict[str, BlankNode] = names) -> object:
            if isinstance(term, BlankNode):
                return names.setdefault(term.value, BlankNode(f"o{index}n{len(names)}"))
            return term

        for q in parse_file(path):
            w.quads.append(Quad(fix(q.subject), q.predicate, fix(q.object), graph))  # type: ignore[arg-type]
    sink.report.count("ontology", sink.flush(w))


def write_reference_graph(sink: Sink) -> None:
    w = GraphWriter(REFERENCE_GRAPH, {})
    write_reference(w)
    sink.report.count("reference", sink.flush(w))


def write_instruments(sink: Sink, p: Plan) -> None:
    """Articles with text, the theme scheme, general comments and their typed obligations."""
    rng = random.Random(f"{p.seed}:instruments")
    w, lines = writer("bench-instruments", p.seed)
    for ref in treaties():
        for n in range(1, p.articles[ref.key] + 1):
            art = iri.article(ref.key, str(n))
            w.type(art, "Article")
            w.link(art, "articleOf", iri.instrument(ref.key))
            w.value(art, "articleNumber", str(n))
            w.label(art, f"{ref.key}, artículo {n}", "es")
            w.text(art, "text", text(rng, rng.randint(25, 60)), "es")
            w.derived_from(art, lines.span(rng.randint(2, 8)))
            sink.report.count("Article")
        sink.maybe_flush(w)
    write_themes(w, sink)
    types = obligation_types()
    for body, key in sorted(bodies().items()):
        for n in range(1, p.comments_per_body + 1):
            write_comment(w, lines, rng, p, (body, key, n), types, sink.report)
            sink.maybe_flush(w)
    sink.flush(w)


def write_themes(w: GraphWriter, sink: Sink) -> None:
    scheme = iri.scheme("theme")
    w.add(scheme, RDF.type, SKOS.ConceptScheme)
    w.add(scheme, SKOS.prefLabel, Literal("Synthetic benchmark themes", language="en"))
    for n in range(1, THEMES + 1):
        w.concept(theme(n), scheme, f"Tema sintético {n:02d}", f"Synthetic theme {n:02d}")
    sink.report.count("Concept", THEMES)


def theme(n: int) -> str:
    return iri.concept("theme", f"bench-{n:02d}")


def obligation_types() -> list[str]:
    """The obligation-type concepts the ontology defines (``ontology/obligation-types.ttl``)."""
    found = set()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        for q in parse_file(path):
            subject = q.subject
            if (
                isinstance(subject, NamedNode)
                and q.predicate == SKOS.inScheme
                and q.object == NamedNode(OBLIGATION_SCHEME)
            ):
                found.add(subject.value)
    return sorted(found) or [iri.concept("obligation-type", k) for k in ("respect", "protect", "fulfil")]


def write_comment(
    w: GraphWriter,
    lines: Lines,
    rng: random.Random,
    p: Plan,
    which: tuple[str, str, int],
    types: list[str],
    report: Report,
) -> None:
    body, key, n = which
    gc = iri.general_comment(body, str(n))
    w.type(gc, "GeneralComment")
    w.link(gc, "issuedBy", iri.body(body))
    w.value(gc, "number", str(n))
    w.label(gc, f"Observación general sintética N° {n} ({body})", "es")
    w.value(gc, "symbol", f"{CO_PREFIX.get(body, body)}/GC/{n}")
    w.value(gc, "date", date(1990, 1, 1) + timedelta(days=rng.randint(0, 12_000)))
    articles = sorted({rng.randint(1, p.articles[key]) for _ in range(rng.randint(1, 2))})
    for a in articles:
        w.link(gc, "interprets", iri.article(key, str(a)))
    w.derived_from(gc, lines.span(2))
    report.count("GeneralComment")
    for k in range(1, p.obligations_per_comment + 1):
        ob = iri.entity("gc", body, str(n), "obligation", str(k))
        w.type(ob, "Obligation")
        w.text(ob, "text", text(rng, rng.randint(12, 30)), "es")
        w.label(ob, f"{body} {n} • obligación {k}", "es")
        w.link(ob, "derivedFrom", gc)
        w.link(ob, "concernsArticle", iri.article(key, str(rng.choice(articles))))
        for t in sorted(set(rng.sample(types, rng.randint(1, 2)))):
            w.link(ob, "obligationType", t)
        w.value(ob, "typeAssignedBy", "rule")
        w.derived_from(ob, lines.span(rng.randint(1, 4)))
        report.count("Obligation")


# One State's block ------------------------------------------------------------------------


@dataclass
class StateCtx:
    code: str
    index: int
    plan: Plan
    rng: random.Random
    w: GraphWriter
    lines: Lines
    parties: list[str] = field(default_factory=list)
    opened: set[str] = field(default_factory=set)


def write_state(sink: Sink, p: Plan, code: str, index: int, budget: int) -> None:
    """Treaty actions, then recommendations and responses round-robin until ``budget``."""
    w, lines = writer(f"bench-{code}", p.seed)
    ctx = StateCtx(code, index, p, random.Random(f"{p.seed}:{code}"), w, lines)
    written = 0
    for ref in treaties():
        if ref.key in p.instruments:
            treaty_actions(ctx, ref, sink.report)
    written += sink.flush(w)
    for item in items(ctx, sink.report):
        item()
        written += sink.maybe_flush(w)
        if written + len(w.quads) >= budget:
            break
    sink.flush(w)


def _months(start: date, rule: str) -> date:
    """``start`` plus an ISO-8601 delay of days or months (``P30D``, ``P3M``)."""
    if rule.endswith("D"):
        return start + timedelta(days=int(rule[1:-1]))
    months = int(rule[1:-1]) if rule.endswith("M") else 0
    y, m = divmod(start.month - 1 + months, 12)
    return date(start.year + y, m + 1, min(start.day, 28))


def treaty_actions(ctx: StateCtx, ref: InstrumentRef, report: Report) -> None:
    rng, w, code = ctx.rng, ctx.w, ctx.code
    assert ref.adopted is not None
    u = rng.random()
    consent = 0.85 if ref.kind == "Treaty" else 0.5
    if u >= consent + 0.07:
        return
    signed = ref.adopted + timedelta(days=rng.randint(0, 4000))
    if u >= consent or rng.random() < 0.7:
        sig = iri.treaty_action(code, ref.key, "signature")
        action(w, sig, "Signature", code, ref.key, ctx.lines.span())
        w.value(sig, "date", signed)
        report.count("Signature")
    if u >= consent:
        return
    kind = "ratification" if rng.random() < 0.7 else "accession"
    act_date = signed + timedelta(days=rng.randint(120, 1500))
    deposit = act_date + timedelta(days=rng.randint(20, 300))
    node = iri.treaty_action(code, ref.key, kind)
    action(w, node, kind.capitalize(), code, ref.key, ctx.lines.span())
    law = domestic_act(ctx, ref, act_date)
    w.link(node, "domesticAct", law)
    w.value(node, "domesticActDate", act_date)
    w.value(node, "depositDate", deposit)
    if ref.eif_rule and rng.random() < 0.5:
        w.value(node, "entryIntoForceForState", _months(deposit, ref.eif_rule))
    report.count(kind.capitalize())
    ctx.parties.append(ref.key)
    if rng.random() < 0.12:
        reservation(ctx, ref, report)
    if rng.random() < 0.015:
        gone = iri.treaty_action(code, ref.key, "denunciation")
        action(w, gone, "Denunciation", code, ref.key, ctx.lines.span())
        w.value(gone, "date", deposit + timedelta(days=rng.randint(400, 6000)))
        report.count("Denunciation")


def action(w: GraphWriter, node: str, cls: str, code: str, key: str, span: Span) -> None:
    w.type(node, cls)
    w.link(node, "actor", iri.state(code))
    w.link(node, "instrument", iri.instrument(key))
    w.label(node, f"{cls} of {key} by {code}", "en")
    w.derived_from(node, span)


def domestic_act(ctx: StateCtx, ref: InstrumentRef, on: date) -> str:
    number = f"{100 + len(ctx.parties)}/{on.year}"
    law = iri.domestic_act(ctx.code, "ley", number)
    ctx.w.type(law, "ApprovalLaw")
    ctx.w.label(law, f"Ley N° {number}", "es")
    ctx.w.value(law, "number", number)
    ctx.w.value(law, "domesticActDate", on)
    ctx.w.derived_from(law, ctx.lines.span(1))
    return law


def reservation(ctx: StateCtx, ref: InstrumentRef, report: Report) -> None:
    res = iri.treaty_action(ctx.code, ref.key, "reservation")
    ctx.w.type(res, "Reservation")
    ctx.w.link(res, "actor", iri.state(ctx.code))
    ctx.w.link(res, "instrument", iri.instrument(ref.key))
    n = ctx.plan.articles[ref.key]
    for a in sorted({ctx.rng.randint(1, n) for _ in range(ctx.rng.randint(1, 2))}):
        ctx.w.link(res, "reservationTo", iri.article(ref.key, str(a)))
    ctx.w.derived_from(res, ctx.lines.span(2))
    report.count("Reservation")


# Recommendations and the reports that answer them ----------------------------------------

Item = Callable[[], None]


def items(ctx: StateCtx, report: Report) -> Iterator[Item]:
    """One recommendation (with its response) at a time, round-robin over the State's
    documents: every UPR review and every concluding observations grow together."""
    slots: list[tuple[str, str, int]] = [("UPR", "", c) for c in range(1, UPR_CYCLES + 1)]
    monitored = {key: body for body, key in bodies().items()}
    slots += [(monitored[k], k, c) for k in ctx.parties if k in monitored for c in range(1, CO_CYCLES + 1)]
    for n in range(1, UPR_CAP + 1):
        for body, key, cycle in slots:
            if body == "UPR":
                yield partial(upr_item, ctx, cycle, n, report)
            elif n <= CO_CAP:
                yield partial(co_item, ctx, (body, key, cycle), n, report)


def upr_review(ctx: StateCtx, cycle: int) -> str:
    review = iri.entity("upr", ctx.code, str(cycle))
    if review not in ctx.opened:
        ctx.opened.add(review)
        ctx.w.type(review, "UPRReview")
        ctx.w.value(review, "cycle", cycle)
        ctx.w.link(review, "reviewOf", iri.state(ctx.code))
        ctx.w.label(review, f"Examen Periódico Universal de {ctx.code}, ciclo {cycle}", "es")
        ctx.w.derived_from(review, ctx.lines.span(1))
    return review


def upr_item(ctx: StateCtx, cycle: int, n: int, report: Report) -> None:
    rng, w = ctx.rng, ctx.w
    review = upr_review(ctx, cycle)
    rec = iri.upr_recommendation(ctx.code, cycle, f"{100 + 10 * cycle + ctx.index % 10}.{n}")
    w.type(rec, "UPRRecommendation")
    w.link(rec, "review", review)
    w.link(rec, "addressedTo", iri.state(ctx.code))
    w.text(rec, "text", text(rng, rng.randint(15, 40)), "es")
    recommendation_links(ctx, rec, rng.choice(ctx.parties) if ctx.parties else None)
    w.derived_from(rec, ctx.lines.span(rng.randint(1, 3)))
    report.count("UPRRecommendation")
    if rng.random() < 0.7:
        symbol = f"A/HRC/WG.6/{12 * cycle + ctx.index % 12}/{ctx.code}/1"
        upr_review(ctx, cycle + 1)
        response(ctx, symbol, ("UPR-WG", iri.entity("upr", ctx.code, str(cycle + 1))), n, rec, report)


def recommendation_links(ctx: StateCtx, rec: str, key: str | None) -> None:
    """One or two themes; an article of a treaty the State is party to, half the time."""
    for t in sorted({ctx.rng.randint(1, THEMES) for _ in range(ctx.rng.randint(1, 2))}):
        ctx.w.link(rec, "theme", theme(t))
    if key is not None and ctx.rng.random() < 0.5:
        ctx.w.link(rec, "concernsArticle", iri.article(key, str(ctx.rng.randint(1, ctx.plan.articles[key]))))


def co_item(ctx: StateCtx, which: tuple[str, str, int], n: int, report: Report) -> None:
    body, key, cycle = which
    rng, w = ctx.rng, ctx.w
    prefix = f"{CO_PREFIX.get(body, body + '/C')}/{ctx.code}"
    symbol = f"{prefix}/CO/{cycle}"
    doc = iri.doc(symbol)
    if doc not in ctx.opened:
        ctx.opened.add(doc)
        w.type(doc, "ConcludingObservations")
        w.value(doc, "symbol", symbol)
        w.link(doc, "issuedBy", iri.body(body))
        w.link(doc, "addressedTo", iri.state(ctx.code))
        w.add(doc, DCT.date, Literal(f"{1995 + 6 * cycle + ctx.index % 6}-06-30", datatype=XSD.date))
        w.label(doc, f"Concluding observations {symbol} (synthetic)", "en")
        w.derived_from(doc, ctx.lines.span(1))
        report.count("ConcludingObservations")
    para = iri.doc_para(symbol, str(n))
    w.type(para, "Paragraph")
    w.type(para, "Recommendation")
    w.link(para, "paragraphOf", doc)
    w.link(para, "addressedTo", iri.state(ctx.code))
    w.value(para, "paragraphNumber", str(n))
    w.text(para, "text", text(rng, rng.randint(20, 60)), "es")
    recommendation_links(ctx, para, key)
    w.derived_from(para, ctx.lines.span(rng.randint(2, 6)))
    report.count("Recommendation")
    if rng.random() < 0.6:
        response(ctx, f"{prefix}/{cycle + 1}", (body, None), n, para, report)


def response(
    ctx: StateCtx, symbol: str, to: tuple[str, str | None], n: int, answered: str, report: Report
) -> None:
    """Paragraph ``n`` of the State's report ``symbol``, answering ``answered``."""
    w = ctx.w
    doc = iri.doc(symbol)
    if doc not in ctx.opened:
        ctx.opened.add(doc)
        w.type(doc, "StateReport")
        w.value(doc, "symbol", symbol)
        w.link(doc, "submittedBy", iri.state(ctx.code))
        body, review = to
        if review:
            w.link(doc, "forReview", review)
        else:
            w.link(doc, "submittedTo", iri.body(body))
        w.label(doc, f"State report {symbol} (synthetic)", "en")
        w.derived_from(doc, ctx.lines.span(1))
        report.count("StateReport")
    para = iri.doc_para(symbol, str(n))
    w.type(para, "Paragraph")
    w.link(para, "paragraphOf", doc)
    w.value(para, "paragraphNumber", str(n))
    w.text(para, "text", text(ctx.rng, ctx.rng.randint(30, 80)), "es")
    w.link(para, "respondsTo", answered)
    w.derived_from(para, ctx.lines.span(ctx.rng.randint(2, 10)))
    report.count("ResponseParagraph")


# The whole graph ---------------------------------------------------------------------------


def generate(triples: int, seed: int, out: IO[bytes]) -> Report:
    """Write about ``triples`` triples of synthetic hrgraph data as N-Quads to ``out``."""
    if triples < 10_000:
        raise ValueError("the generator starts at 10,000 triples (the fixed part alone is ~5,000)")
    p = plan(triples, seed)
    report = Report(states=len(p.states))
    sink = Sink(out, report)
    write_ontology(sink)
    write_reference_graph(sink)
    write_instruments(sink, p)
    for index, code in enumerate(p.states):
        left = len(p.states) - index
        write_state(sink, p, code, index, (triples - report.triples) // left)
    report.sha256 = sink.digest.hexdigest()
    return report
