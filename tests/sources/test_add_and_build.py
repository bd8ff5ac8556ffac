"""``hrgraph add`` of the corpus documents, then ``hrgraph build --sources``: genre, not file
name, chooses the reader; the State, symbol and date come from the cover page.

Oracles: the cover lines of each corpus document (``sed -n 1,15p tests/data/corpus/FILE``),
e.g. ``concluding-observations_NAM_en.txt`` lines 4–5 ``CCPR/C/NAM/CO/2`` /
``Distr.: General 22 April 2016``; ``follow-up_USA_en.txt`` line 20 ``Paragraph 5`` heads the
answers to CO paragraph 5 (its paragraphs 2–16, up to line 57 ``Paragraph 10``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hrgraph.build import open_build
from hrgraph.cli import main
from hrgraph.sources import load_sources
from tests.helpers import CORPUS, catalogue_rows

pytestmark = pytest.mark.slow  # builds the seeds and the seven corpus documents (about 30 s)

HRG = "https://w3id.org/hrgraph/ontology#"
ID = "https://w3id.org/hrgraph/id/"
# file → (kind, State, symbol, Distr. date), as the cover page prints them
COVERS = {
    "concluding-observations_NAM_en.txt": ("concluding-observations", "NAM", "CCPR/C/NAM/CO/2", "2016-04-22"),
    "concluding-observations_USA_en.txt": ("concluding-observations", "USA", "CCPR/C/USA/CO/4", "2014-04-23"),
    "follow-up_USA_en.txt": ("follow-up-reply", "USA", "CCPR/C/USA/CO/4/Add.1", "2017-11-28"),
    "upr-national-report_DNK_A-HRC-WG.6-52-DNK-1_en.txt": (
        "upr-national-report", "DNK", "A/HRC/WG.6/52/DNK/1", "2026-02-20",
    ),
    "upr-compilation_DNK_A-HRC-WG.6-52-DNK-2_en.txt": (
        "upr-compilation", "DNK", "A/HRC/WG.6/52/DNK/2", "2026-02-06",
    ),
    "follow-up-assessment_CCPR-C-138-2-Add.1_en.txt": ("follow-up-assessment", "", "CCPR/C/138/2/Add.1", "2023-08-28"),
    "ccpr-follow-up-progress_CCPR-C-129-2_en.txt": ("follow-up-assessment", "", "CCPR/C/129/2", "2020-09-04"),
}  # fmt: skip
# numbered paragraphs each document prints (the corpus README; the last number, read with grep)
PARAGRAPHS = {
    "CCPR/C/NAM/CO/2": 47,
    "CCPR/C/USA/CO/4": 28,
    "CCPR/C/USA/CO/4/Add.1": 41,
    "A/HRC/WG.6/52/DNK/1": 161,
    "A/HRC/WG.6/52/DNK/2": 65,
}


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """Every corpus document added with ``hrgraph add`` (nothing but the file given), then built."""
    root = tmp_path_factory.mktemp("corpus")
    sources, out = root / "sources", root / "build"
    outputs = {}
    for name in COVERS:
        code, text = cli("add", str(CORPUS / name), "--sources", str(sources))
        assert code == 0, text
        outputs[name] = text
    code, text = cli("build", "--sources", str(sources), "--out", str(out))
    assert code == 0, text
    return sources, out, outputs


def test_add_detects_kind_state_symbol_and_date(corpus_build: tuple[Path, Path, dict[str, str]]) -> None:
    """If a corpus document is added with no option, then the cover page gives its kind, State,
    symbol and date, and the entry records them with the file's checksum."""
    sources, _, outputs = corpus_build
    metas = {m.path.name: m for m in load_sources(sources)}
    for name, (kind, state, symbol, date) in COVERS.items():
        meta = metas[name]
        assert (meta.kind, meta.state, meta.symbol, meta.date, meta.language) == (
            kind,
            state,
            symbol,
            date,
            "en",
        )
        assert "cover page" in outputs[name]
        assert (sources / name).read_bytes() == (CORPUS / name).read_bytes()


def test_every_numbered_paragraph_is_in_the_graph(corpus_build: tuple[Path, Path, dict[str, str]]) -> None:
    """If the corpus is built, then each document's paragraphs 1…N are hrg:Paragraphs with their
    number and text, under the document's symbol."""
    _, out, _ = corpus_build
    store = open_build(out)
    for symbol, count in PARAGRAPHS.items():
        rows = store.select(
            f"""SELECT DISTINCT ?n WHERE {{
                  ?p a <{HRG}Paragraph> ; <{HRG}paragraphOf> <{ID}doc/{symbol}> ;
                     <{HRG}paragraphNumber> ?n ; <{HRG}text> ?text . FILTER(STRLEN(?text) > 20) }}"""
        )
        numbers = {int(str(r["n"].value)) for r in rows if str(r["n"].value).isdigit()}
        assert numbers == set(range(1, count + 1)), symbol


def test_sources_lists_every_document_with_no_unread_line(
    corpus_build: tuple[Path, Path, dict[str, str]],
) -> None:
    """If the corpus is built, then ``hrgraph sources`` lists each document with its kind and
    State, and the build read every line of each (0 unread: cover, furniture, notes included)."""
    sources, out, _ = corpus_build
    code, text = cli("sources", "--sources", str(sources), "--out", str(out))
    assert code == 0, text
    summary = json.loads((out / "summary.json").read_text())
    rows = {r["path"].rsplit("/", 1)[1]: r for r in summary["sources"]}
    for name, (kind, _, symbol, _) in COVERS.items():
        assert rows[name]["kind"] == kind and rows[name]["symbol"] == symbol
        assert rows[name]["lines_unread"] == 0, name
        assert rows[name]["lines_read"] > 15
        assert symbol in text


def test_follow_up_chain_from_request_to_answers_and_grades(
    corpus_build: tuple[Path, Path, dict[str, str]],
) -> None:
    """If CCPR/C/USA/CO/4 (para. 27 picks 5, 10, 21, 22 for follow-up) and the US reply are
    loaded, then the follow-up query walks from CO para. 5 to reply paras. 2–16 (under the
    heading 'Paragraph 5', lines 20–56); and Mexico's grades B (19, 23) and C (43a–d) are there
    (CCPR/C/138/2/Add.1)."""
    _, out, _ = corpus_build
    store = open_build(out)
    usa = catalogue_rows(store, "follow-up-of-recommendations", state="USA")
    asked = {r["number"] for r in usa if r["event"] == "requested for follow-up"}
    assert asked == {"5", "10", "21", "22"}
    answers = {int(r["detail"]) for r in usa if r["event"] == "answered by the State" and r["number"] == "5"}
    assert answers == set(range(2, 17))
    mex = catalogue_rows(store, "follow-up-of-recommendations", state="MEX")
    grades = {
        (r["about"].rsplit("/", 1)[1], r["detail"]) for r in mex if r["event"] == "graded by the committee"
    }
    assert {("19", "B"), ("23", "B"), ("43a", "C"), ("43d", "C")} <= grades


def test_kind_that_cannot_be_told_is_an_error_listing_the_kinds(tmp_path: Path) -> None:
    """If a document's cover names no symbol and no --kind is given, then add exits 2 and lists
    the kinds; nothing is written."""
    doc = tmp_path / "notes.txt"
    doc.write_text("Some notes on the human rights situation.\n" * 40)
    code, text = cli("add", str(doc), "--sources", str(tmp_path / "sources"))
    assert code == 2
    assert "give --kind" in text and "concluding-observations" in text and "upr-national-report" in text
    assert not (tmp_path / "sources").exists()


def test_symbol_contradicting_the_declared_state_names_the_line(tmp_path: Path) -> None:
    """If a document is declared to be another State's than its symbol says, then the build
    exits 2 naming the file and the cover line, and writes nothing."""
    sources = tmp_path / "sources"
    name = "concluding-observations_NAM_en.txt"
    code, text = cli("add", str(CORPUS / name), "--sources", str(sources), "--state", "BWA")
    assert code == 0, text
    code, text = cli("build", "--sources", str(sources), "--out", str(tmp_path / "build"))
    assert code == 2
    assert "NAM" in text and "BWA" in text and ":4" in text.replace("\n", "")
    assert not (tmp_path / "build").exists()


def test_a_document_read_for_nothing_fails_the_build_unless_allowed(tmp_path: Path) -> None:
    """If a reader reads none of the units its genre must have (a concluding observations cut
    after its cover page), then the build exits 2 naming the file, unless --allow-partial."""
    sources = tmp_path / "sources"
    cut = tmp_path / "cut.txt"
    lines = (CORPUS / "concluding-observations_USA_en.txt").read_text().splitlines()
    cut.write_text("\n".join(lines[:12]) + "\n")
    code, text = cli("add", str(cut), "--sources", str(sources))
    assert code == 0, text
    code, text = cli("build", "--sources", str(sources), "--out", str(tmp_path / "build"))
    assert code == 2 and "cut.txt" in text and "read no" in text
    assert not (tmp_path / "build").exists()


def test_remove_takes_a_document_out(tmp_path: Path) -> None:
    """If a document is added and then removed by its key, then the list no longer holds it."""
    sources = tmp_path / "sources"
    name = "concluding-observations_NAM_en.txt"
    assert cli("add", str(CORPUS / name), "--sources", str(sources))[0] == 0
    key = load_sources(sources)[0].key
    code, text = cli("remove", key, "--sources", str(sources))
    assert code == 0, text
    assert load_sources(sources) == [] and not (sources / name).exists()
    shutil.rmtree(sources)
