"""Enumerated duties in the prose summaries of the CCPR, CERD, CEDAW and CRC comments.

These summaries are prose; where a comment's heading block (the text from its heading to the
next heading on the same physical line) enumerates duties as ``a) … b) …`` after a colon, in a
clause that addresses the States (``Recomienda a los Estados Partes: a) …``, ``… recomienda
que: a) Los Estados Partes adopten …``), each lettered duty is one obligation. Lettered lists
that are not duties of States are left alone: references to sub-paragraphs (``los apartados
a) y b) del artículo 4``), requests to the General Assembly (CERD 6), the committee's own
procedure (CCPR 30), illustrations (CCPR 29), lists of principles or activities under a
heading without a colon (CRC 2, CRC 6). Each duty is typed by rule (:mod:`.obligation_types`)
and concerns the articles it names, else those its comment interprets. Duties printed in
other blocks are not attributed: the columns interleave there without the bullet structure
that places the CESCR's lists.
"""

from __future__ import annotations

import re

from hrgraph.extract.common import LineLedger, SourceText, Span
from hrgraph.extract.compilation import obligation_types
from hrgraph.extract.compilation.cescr_obligations import items
from hrgraph.extract.compilation.gc_records import (
    INSTRUMENT,
    GeneralComment,
    Heading,
    Obligation,
    Result,
)
from hrgraph.extract.compilation.gc_refs import article_refs


def extract(
    src: SourceText,
    ledger: LineLedger,
    body: str,
    headings: list[Heading],
    lines: tuple[int, int],
    result: Result,
) -> None:
    """Add the lettered duties of each heading block of committee ``body`` to ``result``.

    A list goes on where a later block of the section starts with the next letter
    (``k) Los Estados Partes …`` after a heading block ending in ``j) …``) and no other list of
    the committee ends on the letter before it.
    """
    known = {gc.number: gc for gc in result.comments if gc.body == body}
    last_letter: dict[str, list[tuple[GeneralComment | None, str]]] = {}
    for h in headings:
        gc = known.get(h.number)
        title = gc.title if gc and gc.title else ""
        text = h.text[len(title) :] if h.text.startswith(title) else h.text
        found = items(text)
        if len(found) < 2 or not addressed_to_states(text, found[0][1]):
            continue
        add(src, body, h.number, gc, found, src.span(h.line), result)
        last_letter.setdefault(found[-1][0], []).append((gc, h.number))
    heading_lines = {h.line for h in headings}
    for n, line in src.numbered(*lines):
        start = re.match(r"([b-z])\)\s", line)
        if start is None or n in heading_lines:
            continue
        before = chr(ord(start.group(1)) - 1) + ")"
        if len(last_letter.get(before, [])) != 1:
            continue
        [(gc, number)] = last_letter.pop(before)
        found = items(line, first=start.group(1))
        add(src, body, number, gc, found, src.span(n), result)
        ledger.use(src.span(n), "general_comment")
        last_letter.setdefault(found[-1][0], []).append((gc, number))


def add(
    src: SourceText,
    body: str,
    number: str,
    gc: GeneralComment | None,
    found: list[tuple[str, str]],
    span: Span,
    result: Result,
) -> None:
    for k, (letter, duty) in enumerate(found, start=1):
        duty = re.sub(r"[;,]?\s+\d+\.$", "", duty)  # the next numbered point's number
        types, how = obligation_types.assign(None, duty)
        refs = tuple(article_refs(INSTRUMENT[body], duty)) or (gc.interprets if gc else ())
        key = f"{span.start}-{k}"
        result.obligations.append(Obligation(body, number, key, duty, letter, None, types, how, refs, span))


def addressed_to_states(text: str, first_item: str) -> bool:
    """A list introduced by a colon whose lead clause (or first item) names the States."""
    at = re.search(r"(?:^|\s)a\)\s", text)
    if at is None:
        return False
    lead = text[: at.start()].rstrip()
    clause = re.split(r"[.,]\s+", lead)[-1]
    return lead.endswith(":") and ("Estado" in clause or "Estado" in first_item)
