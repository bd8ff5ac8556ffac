"""Resource pages quote the passages of the build being served, never a source changed since.

A corpus document is added with ``hrgraph add`` and built with ``hrgraph build --sources``; then
a real ``hrgraph serve`` of that build answers the page of one of its paragraphs while the
source file is edited under it.

Oracle: line 38 of ``tests/data/corpus/concluding-observations_NAM_en.txt`` (``sed -n 38p``)
begins paragraph 10, "10. The State party should conduct extensive education and
awareness-raising campaigns"; the edit is the test's own.
"""

from __future__ import annotations

import html
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from hrgraph.cli import main
from tests.helpers import CORPUS
from tests.server.conftest import start_serve, stop

pytestmark = [pytest.mark.server, pytest.mark.slow]

DOCUMENT = "concluding-observations_NAM_en.txt"
PAGE = "/page/doc/CCPR/C/NAM/CO/2/para/10"
BUILT_LINE = "   38  10. The State party should conduct extensive education and awareness-raising campaigns"
EDIT = ("conduct extensive education", "EDITED AFTER THE BUILD")


def _page(url: str) -> str:
    base = url.removesuffix("/sparql")
    request = urllib.request.Request(base + PAGE, headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return html.unescape(response.read().decode())


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the build, the source file it read): one corpus document added and built."""
    root = tmp_path_factory.mktemp("served-passages")
    sources, out = root / "sources", root / "build"
    for args in (
        ["add", str(CORPUS / DOCUMENT), "--sources", str(sources)],
        ["build", "--sources", str(sources), "--out", str(out)],
    ):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    return out, sources / DOCUMENT


def test_page_quotes_the_served_build_not_the_changed_source(
    corpus_build: tuple[Path, Path], tmp_path: Path
) -> None:
    """If a source line changes while its build is served, then the page still quotes the line
    the build read; a server started after the change names the changed file instead of
    quoting it, and neither shows the new text."""
    out, source = corpus_build
    text = source.read_text(encoding="utf-8")
    assert text.count(EDIT[0]) == 1
    server, url = start_serve(out, tmp_path / "before.log", "--workers", "1")
    try:
        assert BUILT_LINE in _page(url)
        source.write_text(text.replace(*EDIT), encoding="utf-8")
        served = _page(url)
    finally:
        stop(server)
    assert BUILT_LINE in served and EDIT[1] not in served
    server, url = start_serve(out, tmp_path / "after.log", "--workers", "1")
    try:
        after = _page(url)
    finally:
        stop(server)
    assert EDIT[1] not in after and BUILT_LINE not in after
    assert f"not quoted: the source file {source} changed since this build was made" in after
