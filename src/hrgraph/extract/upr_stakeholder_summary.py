"""OHCHR's summary of stakeholders' submissions for a UPR review (``A/HRC/WG.6/N/XXX/3``).

The convention read is the compilation's (:mod:`hrgraph.extract.upr_compilation`): the cover
block, chapters, sections and numbered sub-headings, paragraphs ``N.`` numbered consecutively
(``12. JS3 recommended that …``), and endnotes naming the submissions they summarise.

>>> REQUIRED_UNITS
('paragraphs',)
"""

from __future__ import annotations

from hrgraph.extract.common import Declared, LineLedger, SourceText
from hrgraph.extract.upr_compilation import UPRCompilation
from hrgraph.extract.upr_compilation import read as _read

REQUIRED_UNITS: tuple[str, ...] = ("paragraphs",)


def read(src: SourceText, ledger: LineLedger, declared: Declared) -> UPRCompilation:
    """Read a stakeholders' summary (the compilation's layout) into records with spans."""
    return _read(src, ledger, declared)
