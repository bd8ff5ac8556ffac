"""The cover block every UN document opens with, in English or Spanish.

The convention read (as the UN prints it, e.g. A/HRC/WG.6/52/DNK/1 and CCPR/C/NAM/CO/2)::

    United Nations                      Naciones Unidas        (banner: organisation, organ)
    General Assembly                    Asamblea General
    A/HRC/WG.6/52/DNK/1                 A/HRC/WG.6/34/KAZ/1    (the symbol, a line of its own)
    Distr.: General 20 February 2026    Distr. general 20 de febrero de 2026
    Original: English                   Original: español      (or "English only")
    Human Rights Council                Consejo de Derechos Humanos                 (body)
    Working Group on the Universal Periodic Review Fifty-second session Geneva, 4-15 May 2026
    National report submitted pursuant to … resolutions 5/1 and 16/21*          (title)
    Denmark                                                                      (State)
    * The present document is being issued without formal editing. GE.26-02257 (E)

Labels and values may sit on separate lines (``Distr.: General`` / ``28 August 2023``); the
State line may come before or after the title; the ``*`` note of the title may be printed at
the foot of the first page (``* Adopted by the Committee at its 116th session …``), and gives
the session when the cover does not. The cover ends before the first chapter (``I.``),
section (``A.``) or paragraph ``1.``; a document without a cover (text exported from its
second page on) gives an empty :class:`Cover` (``end_line`` 0).

>>> src = SourceText.from_string("d", "United Nations\\nCCPR/C/NAM/CO/2\\nDistr.: General 22 April 2016"
...     "\\nOriginal: English\\nHuman Rights Committee\\nConcluding observations on Namibia*\\n1. Text.")
>>> c = read_cover(src)
>>> (c.symbol, c.date.isoformat(), c.original_language, c.body, c.state, c.kind, c.end_line)
('CCPR/C/NAM/CO/2', '2016-04-22', 'en', 'Human Rights Committee', 'NAM', 'concluding-observations', 6)
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from dataclasses import dataclass
from functools import cache

import pycountry

from hrgraph.extract.common import SourceText, Span
from hrgraph.extract.dates import SPANISH_MONTHS
from hrgraph.extract.symbols import find_symbols

ENGLISH_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december")
    )
}  # fmt: skip
LANGUAGES = {
    "english": "en", "french": "fr", "spanish": "es", "russian": "ru", "chinese": "zh", "arabic": "ar",
    "inglés": "en", "francés": "fr", "español": "es", "ruso": "ru", "chino": "zh", "árabe": "ar",
}  # fmt: skip
BANNERS = re.compile(
    r"^(?:United Nations|Naciones Unidas|General Assembly|Asamblea General|Economic and Social Council"
    r"|Consejo Económico y Social|Security Council|Consejo de Seguridad|International Covenant on .+"
    r"|Pacto Internacional de .+|International Convention on .+|Convención Internacional .+"
    r"|Convention (?:on|against) .+|Convención (?:sobre|contra) .+)$"
)
_DAY_MONTH_YEAR = (
    r"(?P<day>\d{1,2})\s*(?:º|°|\.º)?\s+(?:de\s+)?(?P<month>[A-Za-zé]+)\s+(?:de\s+|del\s+)?(?P<year>\d{4})"
)
DATE = re.compile(_DAY_MONTH_YEAR)
DISTRIBUTION = re.compile(
    r"^Distr\.?:?\s*(?P<distribution>[Gg]eneral|[Rr]estricted|[Ll]imited|[Rr]estringida|[Ll]imitada)?"
    r"\s*(?P<rest>.*)$"
)
ORIGINAL = re.compile(
    r"^(?:Original:\s*(?P<lang>[A-Za-zéáñ]+)|(?P<only>English|French|Spanish|Inglés|Español|Francés)"
    r"\s+(?:only|únicamente|solamente))\s*$",
    re.IGNORECASE,
)
BODIES = re.compile(
    r"^(?P<body>Human Rights Council|Human Rights Committee|Consejo de Derechos Humanos"
    r"|Comité de Derechos Humanos|Working Group on the Universal Periodic Review"
    r"|Grupo de Trabajo sobre el Examen Periódico Universal|Committee (?:on|against) [^,*\d]+?"
    r"|Comité (?:para|de|contra|sobre) [^,*\d]+?|Conference of States Parties [^,*\d]+?"
    r"|Subcommittee on [^,*\d]+?)(?=\s+(?:[A-Z][a-z]+(?:-[a-z]+)?\s+session|\d|$|Geneva|Ginebra|New York"
    r"|Nueva York)|$)(?P<rest>.*)$"
)
EN_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
EN_TENS = {
    "twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70, "eight": 80,
    "ninet": 90,
}  # fmt: skip
ES_UNITS = {
    "primer": 1, "primero": 1, "segundo": 2, "tercer": 3, "tercero": 3, "cuarto": 4, "quinto": 5,
    "sexto": 6, "séptimo": 7, "octavo": 8, "noveno": 9,
}  # fmt: skip
ES_TENS = {
    "décimo": 10, "vigésimo": 20, "trigésimo": 30, "cuadragésimo": 40, "quincuagésimo": 50,
    "sexagésimo": 60, "septuagésimo": 70, "octogésimo": 80, "nonagésimo": 90,
}  # fmt: skip
SESSION_DIGITS = re.compile(
    r"\b(?P<n>\d{1,3})\s*(?:st|nd|rd|th|\.?\s?º|\.?\s?°|\.?\s?o)?\s+(?:session|período de sesiones)\b"
)
SESSION_EN_WORDS = re.compile(r"\b(?P<words>[A-Z][a-z]+(?:-[a-z]+)?)\s+session\b")
SESSION_ES_WORDS = re.compile(r"\b(?P<words>[A-Za-zéí]+(?:\s+[a-zé]+)?)\s+período de sesiones\b")
JOB = re.compile(r"GE\.\d{2}-\d{5}")
BODY_START = re.compile(r"^\s{0,3}(?:(?:I|1|A)\.\s+\S|1\.\t)")
STAR_NOTE = re.compile(r"^\*\s*(?P<text>.*)$")
NEXT_NOTE = re.compile(r"(?<=[.)])\s+1\s+(?=\S)")
RECEIVED = re.compile(r"^\[(?:(?:Date received|Fecha de recepción):\s*)?(?P<date>[^\]]+)\]$")
# A table of contents opens the body's pages: the cover ends before it.
CONTENTS = re.compile(r"^(?:Contents|Table of contents|Índice|Indice|Sumario)$", re.IGNORECASE)
ADDENDUM = re.compile(r"^(?:Addendum|Adición|Corrigendum|Corrección)$")
_HINTS = (
    ("upr-national-report", r"National report|Informe nacional"),
    ("upr-compilation", r"Compilation of (?:UN )?information|Recopilación de (?:la )?información"),
    ("upr-stakeholder-summary", r"Summary of (?:the )?stakeholders|Resumen de las comunicaciones"),
    ("follow-up-assessment", r"Report on follow-up|Informe de seguimiento|Evaluation of the information"),
    ("follow-up-reply", r"Information received from .+ on follow-up|Información recibida de .+ seguimiento"),
    ("concluding-observations", r"Concluding observations|Observaciones finales"),
    ("state-report", r"periodic reports? (?:of|submitted)|informes? periódicos?"),
)
TITLE_HINTS = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _HINTS)
TREATY_ORGANS = r"(?:(?:CCPR|CERD|CEDAW|CAT|CRC|CRPD|CED|CMW)/C|E/C\.12)"
_SUFFIX = r"(?:/(?:Corr|Rev)\.\d+)*"
SYMBOL_KINDS = (
    ("upr-national-report", re.compile(rf"^A/HRC/WG\.6/\d+/[A-Z]{{3}}/1{_SUFFIX}$")),
    ("upr-compilation", re.compile(rf"^A/HRC/WG\.6/\d+/[A-Z]{{3}}/2{_SUFFIX}$")),
    ("upr-stakeholder-summary", re.compile(rf"^A/HRC/WG\.6/\d+/[A-Z]{{3}}/3{_SUFFIX}$")),
    ("follow-up-reply", re.compile(rf"^{TREATY_ORGANS}/[A-Z]{{3}}/CO/[\w-]+/Add\.\d+{_SUFFIX}$")),
    ("concluding-observations", re.compile(rf"^{TREATY_ORGANS}/[A-Z]{{3}}/CO/[\w-]+{_SUFFIX}$")),
    ("follow-up-assessment", re.compile(rf"^{TREATY_ORGANS}/\d{{2,3}}/\d+(?:/Add\.\d+)?{_SUFFIX}$")),
    ("state-report", re.compile(rf"^{TREATY_ORGANS}/[A-Z]{{3}}/\d+(?:-\d+)?(?:/Add\.\d+)?{_SUFFIX}$")),
)
COUNTRY_SEGMENT = re.compile(r"^(?:A/HRC/WG\.6/\d+|[A-Z]+/C|E/C\.12)/(?P<code>[A-Z]{3})(?:/|$)")
UPR_SESSION = re.compile(r"^A/HRC/WG\.6/(?P<session>\d+)/")


@dataclass(frozen=True)
class Cover:
    """What the cover block says; ``None`` where it says nothing."""

    symbol: str | None = None
    symbol_span: Span | None = None
    distribution: str | None = None
    date: dt.date | None = None
    date_span: Span | None = None
    original_language: str | None = None
    body: str | None = None
    session: int | None = None
    session_span: Span | None = None
    state_name: str | None = None
    state: str | None = None
    title: str | None = None
    title_span: Span | None = None
    kind: str | None = None
    note: str | None = None  # the ``*`` note of the title, as printed
    received: dt.date | None = None  # ``[Date received: 11 October 2017]``
    spans: tuple[Span, ...] = ()
    end_line: int = 0  # the last line of the cover block; 0 when there is none

    def lines(self) -> set[int]:
        """Every line the cover read (to mark in the ledger)."""
        return {n for s in self.spans for n in s.lines()}


def upr_cycle(session: int) -> int:
    """The UPR cycle a Working Group session belongs to: 1–12 → 1, 13–26 → 2, then by 14.

    >>> [upr_cycle(s) for s in (1, 12, 13, 26, 27, 34, 40, 41, 52, 54, 55)]
    [1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 5]
    """
    if session < 1:
        raise ValueError(f"no UPR session {session}")
    return 1 if session <= 12 else (session - 13) // 14 + 2


def upr_session(symbol: str) -> int | None:
    """The Working Group session in a UPR document symbol (``A/HRC/WG.6/52/DNK/1`` → 52)."""
    m = UPR_SESSION.match(symbol)
    return int(m["session"]) if m else None


def kind_from_symbol(symbol: str | None, title: str = "") -> str | None:
    """The genre of a document, guessed from its symbol, else from its title.

    >>> [kind_from_symbol(s) for s in ("A/HRC/WG.6/52/DNK/1", "A/HRC/WG.6/52/DNK/2",
    ...     "A/HRC/WG.6/52/DNK/3", "CCPR/C/NAM/CO/2", "CCPR/C/USA/CO/4/Add.1", "CCPR/C/129/2",
    ...     "CCPR/C/138/2/Add.1", "CERD/C/KAZ/11-14", "CCPR/C/USA/4", "E/C.12/PRY/CO/3")]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['upr-national-report', 'upr-compilation', 'upr-stakeholder-summary',
     'concluding-observations', 'follow-up-reply', 'follow-up-assessment', 'follow-up-assessment',
     'state-report', 'state-report', 'concluding-observations']
    >>> state_from_symbol("E/C.12/PRY/CO/3"), state_from_symbol("CCPR/C/129/2")
    ('PRY', None)
    >>> kind_from_symbol(None, "Informe nacional presentado con arreglo al párrafo 5")
    'upr-national-report'
    """
    if symbol:
        for kind, pattern in SYMBOL_KINDS:
            if pattern.match(symbol):
                return kind
    for kind, hint in TITLE_HINTS:
        if title and hint.search(title):
            return kind
    return None


def state_from_symbol(symbol: str | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of the symbol's country segment (``CCPR/C/NAM/CO/2`` → NAM)."""
    if not symbol:
        return None
    m = COUNTRY_SEGMENT.match(symbol)
    if m and pycountry.countries.get(alpha_3=m["code"]) is not None:
        return m["code"]
    return None


@cache
def _country_names() -> dict[str, str]:
    """Lower-cased English and Spanish names (short, official, common) → alpha-3."""
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(c, attr, None)
            if name:
                out[name.lower()] = c.alpha_3
                out[spanish.gettext(name).lower()] = c.alpha_3
    return out


def state_from_name(name: str) -> str | None:
    """The alpha-3 code of a State named as pycountry names it in English or Spanish."""
    return _country_names().get(name.strip().rstrip("*").strip().lower())


def _near_name(text: str, alpha3: str) -> bool:
    """A short line starting like one of the State's English or Spanish names (4 letters on)."""
    t = text.rstrip("*").strip().lower()
    if len(t) > 40 or len(t) < 4 or any(c.isdigit() or c in ".,;:" for c in t):
        return False
    names = [name for name, code in _country_names().items() if code == alpha3]
    return any(name[:4] == t[:4] and abs(len(name) - len(t)) <= 3 for name in names)


def parse_cover_date(text: str) -> dt.date | None:
    """``20 February 2026`` or ``20 de febrero de 2026`` (the first such date in ``text``).

    >>> parse_cover_date("Distr. general 20 de febrero de 2026"), parse_cover_date("n/a")
    (datetime.date(2026, 2, 20), None)
    """
    for m in DATE.finditer(text):
        month = ENGLISH_MONTHS.get(m["month"].lower()) or SPANISH_MONTHS.get(m["month"].lower())
        if month:
            try:
                return dt.date(int(m["year"]), month, int(m["day"]))
            except ValueError:
                return None
    return None


def _ordinal_words(words: str) -> int | None:
    """``Fifty-second`` → 52, ``quincuagésimo segundo`` → 52, ``Thirty-fourth`` → 34."""
    w = words.lower().replace("-", " ").split()
    if len(w) == 1 and w[0] in EN_UNITS:
        return EN_UNITS[w[0]]
    if len(w) == 1 and w[0].endswith("ieth"):
        return next((v for k, v in EN_TENS.items() if w[0].startswith(k)), None)
    if len(w) == 2 and w[1] in EN_UNITS:
        tens = next((v for k, v in EN_TENS.items() if w[0].startswith(k) and w[0].endswith("y")), None)
        return tens + EN_UNITS[w[1]] if tens else None
    if w and w[0] in ES_TENS:
        unit = ES_UNITS.get(w[1], 0) if len(w) == 2 else 0
        return ES_TENS[w[0]] + unit if len(w) == 1 or unit else None
    return ES_UNITS.get(w[0]) if len(w) == 1 else None


def parse_session(text: str) -> int | None:
    """The session a cover line names: ``Fifty-second session``, ``52nd session``,
    ``52.º período de sesiones``, ``Adopted by the Committee at its 116th session``.

    >>> [parse_session(t) for t in ("Working Group … Fifty-second session Geneva",
    ...     "52.º período de sesiones", "at its 116th session (7-31 March 2016)", "Geneva")]
    [52, 52, 116, None]
    """
    m = SESSION_DIGITS.search(text)
    if m:
        return int(m["n"])
    for pattern in (SESSION_EN_WORDS, SESSION_ES_WORDS):
        for m in pattern.finditer(text):
            words = m["words"].split()
            for start in range(len(words)):  # "Grupo … quincuagésimo segundo": the last words
                n = _ordinal_words(" ".join(words[start:]))
                if n:
                    return n
    return None


class _CoverReader:
    """Walks the lines before the body, classifying each as a cover field."""

    def __init__(self, src: SourceText) -> None:
        self.src = src
        self.fields: dict[str, object] = {}
        self.spans: list[Span] = []
        self.title: list[tuple[int, str]] = []
        self.title_done = False
        self.body: list[str] = []
        self.pending_date = False

    def take(self, n: int) -> None:
        self.spans.append(self.src.span(n))

    def line(self, n: int, text: str) -> bool:  # noqa: C901 - one branch per cover field
        """Read one cover line; False when it is not part of the cover."""
        symbols = find_symbols(text)
        if CONTENTS.match(text):
            return False
        if "symbol" not in self.fields and symbols and symbols[0][1] == text:
            self.fields["symbol"], self.fields["symbol_span"] = symbols[0][0], self.src.span(n)
        elif BANNERS.match(text) and "symbol" not in self.fields:
            pass
        elif symbols and symbols[0][1] == text:  # the symbol repeated as a page header
            pass
        elif DISTRIBUTION.match(text) and text.startswith("Distr"):
            m = DISTRIBUTION.match(text)
            assert m
            self.fields["distribution"] = (m["distribution"] or "").capitalize() or None
            self._date(n, m["rest"])
            self.pending_date = "date" not in self.fields
        elif self.pending_date and parse_cover_date(text):
            self._date(n, text)
            self.pending_date = False
        elif ORIGINAL.match(text):
            m = ORIGINAL.match(text)
            assert m
            self.fields["original_language"] = LANGUAGES.get((m["lang"] or m["only"]).lower())
        elif BODIES.match(text) and not self.title:
            self._body(n, text)
        elif STAR_NOTE.match(text):
            self._note(n, text)
        elif JOB.search(text) and len(text) < 40:
            pass
        elif self._state(n, text):
            pass
        elif RECEIVED.match(text) and parse_cover_date(text):  # "[30 December 2011]" too
            self.fields["received"] = parse_cover_date(text)
        elif self.title_done and ADDENDUM.match(text) and self.title and self.title[-1][0] >= n - 3:
            self.title.append((n, text))
        elif not self.title_done:
            self.title.append((n, text))
            self.title_done = text.endswith("*")
        else:
            return False
        self.take(n)
        return True

    def _date(self, n: int, text: str) -> None:
        d = parse_cover_date(text)
        if d:
            self.fields["date"], self.fields["date_span"] = d, self.src.span(n)

    def _body(self, n: int, text: str) -> None:
        m = BODIES.match(text)
        assert m
        self.body.append(m["body"].strip())
        self._session(n, text)

    def _session(self, n: int, text: str) -> None:
        session = parse_session(text)
        if session and "session" not in self.fields:
            self.fields["session"], self.fields["session_span"] = session, self.src.span(n)

    def _note(self, n: int, text: str) -> None:
        m = STAR_NOTE.match(text)
        assert m
        note = JOB.split(m["text"])[0].strip()
        note = NEXT_NOTE.split(note)[0]  # "… (29 June-24 July 2020). 1 https://…": note 1 follows
        if note:
            self.fields.setdefault("note", note)
            self._session(n, note)

    def _state(self, n: int, text: str) -> bool:
        if "state_name" in self.fields or len(text) > 60:
            return False
        code = state_from_name(text)
        symbol_state = state_from_symbol(str(self.fields.get("symbol") or ""))
        if code is None and symbol_state and _near_name(text, symbol_state):
            code = symbol_state  # "Kazajstán" (UN Spanish) for pycountry's "Kazajistán"
        if code and (symbol_state is None or code == symbol_state):
            self.fields["state_name"], self.fields["state_code"] = text.rstrip("*").strip(), code
            self.title_done = self.title_done or (text.endswith("*") and bool(self.title))
            return True
        if self.body and parse_session(text) is not None and "session" not in self.fields:
            self._session(n, text)  # "52.º período de sesiones" on a line of its own
            return True
        return False


def _star_note_on_first_page(src: SourceText, reader: _CoverReader, start: int) -> None:
    """``*`` / ``Adopted by the Committee at its 116th session …`` at the foot of page 1."""
    if "note" in reader.fields or not any(t.endswith("*") for _, t in reader.title):
        return
    for n, raw in src.numbered(start, start + 60):
        text = raw.strip()
        if JOB.search(text) and len(text) < 40:
            return
        if text == "*":
            following = next(((k, t.strip()) for k, t in src.numbered(n + 1, n + 4) if t.strip()), None)
            if following and not JOB.search(following[1]):
                reader.take(n)
                reader.take(following[0])
                reader._note(following[0], "* " + following[1])
            return
        if text.startswith("* "):
            reader.take(n)
            reader._note(n, text)
            return


def read_cover(src: SourceText) -> Cover:
    """The cover block of ``src`` (empty when the text starts with its body)."""
    reader = _CoverReader(src)
    end = 0
    for n, raw in src.numbered(1, 60):
        text = raw.strip()
        if not text:
            continue
        if BODY_START.match(raw) or not reader.line(n, text):
            break
        end = n
    if not reader.spans:
        return Cover()
    _star_note_on_first_page(src, reader, end + 1)
    f = reader.fields
    symbol = f.get("symbol")
    title = " ".join(t.rstrip("*").strip() for _, t in reader.title) or None
    state = state_from_symbol(symbol if isinstance(symbol, str) else None) or f.get("state_code")
    title_span = Span(src.key, reader.title[0][0], reader.title[-1][0]) if reader.title else None
    return Cover(
        symbol=symbol if isinstance(symbol, str) else None,
        symbol_span=_span(f.get("symbol_span")),
        distribution=_str(f.get("distribution")),
        date=_date(f.get("date")),
        date_span=_span(f.get("date_span")),
        original_language=_str(f.get("original_language")),
        body=" ".join(reader.body) or None,
        session=_int(f.get("session")),
        session_span=_span(f.get("session_span")),
        state_name=_str(f.get("state_name")),
        state=state if isinstance(state, str) else None,
        title=title,
        title_span=title_span,
        kind=kind_from_symbol(symbol if isinstance(symbol, str) else None, title or ""),
        note=_str(f.get("note")),
        received=_date(f.get("received")),
        spans=tuple(sorted(set(reader.spans))),
        end_line=end,
    )


def _span(value: object) -> Span | None:
    return value if isinstance(value, Span) else None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
