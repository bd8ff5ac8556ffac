"""A diagram of the ontology's main classes: SVG drawn here (no Graphviz needed) and a ``.dot`` file.

The main classes are the vocabulary contract's (DESIGN §3), in five columns: parties and bodies,
instruments, treaty actions, documents, obligations. Which of them exist, how they are nested
(``rdfs:subClassOf``, hollow arrow) and which object properties join them (``rdfs:domain`` →
``rdfs:range``, labelled arrow) is read from the ontology, so the picture follows it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from hrgraph.iri import HRG
from hrgraph.namespace import OWL, RDFS

if TYPE_CHECKING:
    from hrgraph.publish.ontodoc import Ontology

COLUMNS: list[tuple[str, list[str]]] = [
    ("Parties and bodies", ["State", "MonitoringBody"]),
    ("Instruments", ["Instrument", "Treaty", "OptionalProtocol", "Declaration", "Article"]),
    (
        "Treaty actions",
        [
            "TreatyAction",
            "ConsentToBeBound",
            "Signature",
            "Ratification",
            "Accession",
            "Succession",
            "Reservation",
        ],
    ),
    (
        "Documents",
        [
            "GeneralComment",
            "ConcludingObservations",
            "Paragraph",
            "StateReport",
            "Recommendation",
            "UPRRecommendation",
        ],
    ),
    ("Obligations", ["Obligation"]),
]
BOX_W, BOX_H, COL_W, ROW_H, TOP, LEFT = 168, 34, 250, 78, 70, 20


def positions(onto: Ontology) -> dict[str, tuple[int, int]]:
    """Top-left corner of each main class the ontology defines."""
    out = {}
    for col, (_, names) in enumerate(COLUMNS):
        present = [n for n in names if HRG + n in onto.terms]
        for row, name in enumerate(present):
            out[name] = (LEFT + col * COL_W, TOP + row * ROW_H)
    return out


def edges(onto: Ontology, names: set[str]) -> list[tuple[str, str, str]]:
    """(from, to, label) between main classes; label "" for ``rdfs:subClassOf``."""
    out = set()
    for term in onto.terms.values():
        if term.name in names:
            for sup in term.objects(RDFS.subClassOf.value):
                if sup.startswith(HRG) and sup[len(HRG) :] in names:
                    out.add((term.name, sup[len(HRG) :], ""))
        if term.kind == "Object property" or OWL.ObjectProperty.value in term.objects(
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        ):
            for dom in term.objects(RDFS.domain.value):
                for rng in term.objects(RDFS.range.value):
                    d, r = dom[len(HRG) :], rng[len(HRG) :]
                    if dom.startswith(HRG) and rng.startswith(HRG) and d in names and r in names and d != r:
                        out.add((d, r, f"hrg:{term.name}"))
    return sorted(out)


def _path(a: tuple[int, int], b: tuple[int, int]) -> tuple[str, tuple[float, float]]:
    """A curved path from box ``a`` to box ``b`` and the point for its label."""
    (ax, ay), (bx, by) = a, b
    if ax == bx:  # same column: arc out to the right
        x1, y1, x2, y2 = ax + BOX_W, ay + BOX_H / 2, bx + BOX_W, by + BOX_H / 2
        bend = 40 + abs(y2 - y1) / 4
        cx, cy = x1 + bend, (y1 + y2) / 2
    else:
        forward = bx > ax
        x1 = ax + BOX_W if forward else ax
        x2 = bx if forward else bx + BOX_W
        y1, y2 = ay + BOX_H / 2, by + BOX_H / 2
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2 - 30
    mid = (0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2)
    return f"M{x1:.0f},{y1:.0f} Q{cx:.0f},{cy:.0f} {x2:.0f},{y2:.0f}", mid


def diagram_svg(onto: Ontology) -> str:
    """The SVG picture: boxes link to the class pages."""
    pos = positions(onto)
    width = LEFT * 2 + len(COLUMNS) * COL_W
    height = TOP + max(len(n) for _, n in COLUMNS) * ROW_H + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        '<defs><marker id="sub" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="white" stroke="#344054"/></marker>'
        '<marker id="prop" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1570ef"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for col, (title, _) in enumerate(COLUMNS):
        out.append(
            f'<text x="{LEFT + col * COL_W}" y="{TOP - 30}" font-weight="bold">{html.escape(title)}</text>'
        )
    for a, b, label in edges(onto, set(pos)):
        d, (mx, my) = _path(pos[a], pos[b])
        style = (
            'stroke="#344054" marker-end="url(#sub)"'
            if not label
            else 'stroke="#1570ef" stroke-dasharray="4 2" marker-end="url(#prop)"'
        )
        out.append(f'<path d="{d}" fill="none" {style}/>')
        if label:
            out.append(
                f'<text x="{mx:.0f}" y="{my:.0f}" text-anchor="middle" fill="#1570ef" font-size="10" '
                f'stroke="white" stroke-width="3" paint-order="stroke">{html.escape(label)}</text>'
            )
    for name, (x, y) in sorted(pos.items()):
        page = onto.terms[HRG + name].page
        out.append(
            f'<a href="{page}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="#eef4ff" '
            f'stroke="#344054"/><text x="{x + BOX_W / 2:.0f}" y="{y + 21}" text-anchor="middle">'
            f"hrg:{html.escape(name)}</text></a>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def diagram_dot(onto: Ontology) -> str:
    """The same picture as Graphviz source (``dot -Tsvg hrgraph.dot``)."""
    pos = positions(onto)
    lines = [
        "digraph hrgraph {",
        '  rankdir=LR; node [shape=box, style="rounded,filled", fillcolor="#eef4ff", '
        'fontname="sans-serif"]; edge [fontname="sans-serif", fontsize=10];',
    ]
    for col, (title, names) in enumerate(COLUMNS):
        lines.append(f'  subgraph cluster_{col} {{ label="{title}";')
        lines += [f'    "{n}" [label="hrg:{n}"];' for n in names if n in pos]
        lines.append("  }")
    for a, b, label in edges(onto, set(pos)):
        attrs = "arrowhead=onormal" if not label else f'label="{label}", style=dashed, color="#1570ef"'
        lines.append(f'  "{a}" -> "{b}" [{attrs}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
