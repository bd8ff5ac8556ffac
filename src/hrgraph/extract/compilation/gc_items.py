"""Enumerated duties in the prose summaries of the CCPR, CERD, CEDAW and CRC comments.

These summaries are prose; where a comment's heading block (the text from its heading to the
next heading on the same physical line) enumerates duties as ``a) … b) …``, each lettered
duty is one obligation, typed by rule (:mod:`.obligation_types`) and concerning the articles it
names, else those its comment interprets. Duties printed in other blocks are not attributed:
the columns interleave there without the bullet structure that places the CESCR's lists.
"""

from __future__ import annotations

from hrgraph.extract.common import SourceText
from hrgraph.extract.compilation import obligation_types
from hrgraph.extract.compilation.cescr_obligations import items
from hrgraph.extract.compilation.gc_records import INSTRUMENT, Heading, Obligation, Result
from hrgraph.extract.compilation.gc_refs import article_refs


def extract(src: SourceText, body: str, headings: list[Heading], result: Result) -> None:
    """Add the lettered duties of each heading block of committee ``body`` to ``result``."""
    known = {gc.number: gc for gc in result.comments if gc.body == body}
    for h in headings:
        gc = known.get(h.number)
        title = gc.title if gc and gc.title else ""
        text = h.text[len(title) :] if h.text.startswith(title) else h.text
        found = items(text)
        if len(found) < 2:
            continue
        for k, (letter, duty) in enumerate(found, start=1):
            types, how = obligation_types.assign(None, duty)
            refs = tuple(article_refs(INSTRUMENT[body], duty)) or (gc.interprets if gc else ())
            result.obligations.append(
                Obligation(
                    body, h.number, f"{h.line}-{k}", duty, letter, None, types, how, refs, src.span(h.line)
                )  # fmt: skip
            )
