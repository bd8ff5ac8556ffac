"""United Nations document symbols, found in text and normalised.

A UN symbol is a series of ``/``-separated components opened by the issuing organ
(``A``, ``E``, ``CCPR``, ``CERD`` …), e.g. ``CERD/C/KAZ/CO/8-10``, ``E/C.12/PRY/CO/3``,
``CCPR/C/79/Add.48``, ``A/HRC/WG.6/34/KAZ/1``. The sources print them with stray spaces
(``CCPR/ C/PRY/CO/2``, ``CCPR/C/79/ Add.48``), in lower case (the compilation's table of
contents), and with U+2011 NON-BREAKING HYPHEN (``CERD/C/KAZ/CO/8‑10``). ``normalise``
restores the official form: components upper case except the suffixes ``Add.``, ``Rev.``,
``Corr.``.

>>> normalise("CCPR/ C/PRY/CO/2")
'CCPR/C/PRY/CO/2'
>>> normalise("ccpr/c/79/add.48")
'CCPR/C/79/Add.48'
>>> normalise("CERD/C/KAZ/CO/8\\u201110")
'CERD/C/KAZ/CO/8-10'
>>> [s for s, _ in find_symbols("(CERD/C/KAZ/CO/8-10, párr. 54) y E/ C.12/2000/4.")]
['CERD/C/KAZ/CO/8-10', 'E/C.12/2000/4']
"""

from __future__ import annotations

import re

ORGANS = (
    "CCPR", "CERD", "CEDAW", "CRC", "CAT", "CMW", "CRPD", "CED", "HRI", "A", "E", "S",
)  # fmt: skip
_HYPHENS = str.maketrans({"\u2011": "-", "\u2010": "-", "\u2013": "-"})
_COMPONENT = r"[A-Za-z0-9][A-Za-z0-9.\-\u2010\u2011\u2013]*"
SYMBOL = re.compile(
    rf"(?<![\w/])(?:{'|'.join(ORGANS)}|{'|'.join(o.lower() for o in ORGANS)})"
    rf"(?:\s?/\s?{_COMPONENT})+"
)
_SUFFIXES = re.compile(r"^(ADD|REV|CORR)\.", re.IGNORECASE)


def normalise(symbol: str) -> str:
    """The official form of a printed symbol."""
    text = re.sub(r"\s*/\s*", "/", symbol.translate(_HYPHENS).strip()).rstrip(".,;:")
    parts = []
    for part in text.split("/"):
        upper = part.upper()
        suffix = _SUFFIXES.match(upper)
        if suffix:
            upper = suffix.group(1).capitalize() + upper[len(suffix.group(0)) - 1 :]
        parts.append(upper)
    return "/".join(parts)


def looks_like_symbol(text: str) -> bool:
    """At least two components after the organ, and at least one digit or known series."""
    parts = text.split("/")
    return len(parts) >= 3 or (len(parts) == 2 and any(c.isdigit() for c in parts[1]))


def find_symbols(text: str) -> list[tuple[str, str]]:
    """``(normalised, printed)`` for every UN symbol in ``text``, in order."""
    found = []
    for match in SYMBOL.finditer(text):
        printed = match.group(0).rstrip(".,;:")
        norm = normalise(printed)
        if looks_like_symbol(norm):
            found.append((norm, printed))
    return found
