"""The query page in a real browser: headless Chromium (Debian ``chromium``, ``make sysdeps``).

Chromium loads the page's shareable link for a catalogue query with a parameter that is not its
default; the page fetches the bound query from ``/queries/NAME.rq``, YASGUI runs it against the
endpoint, and the page writes the row count into the DOM (``#result-count``), which the test reads
from ``--dump-dom``. The oracle: ``hrgraph query NAME --param …`` on the build (the CLI's binding).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from hrgraph.build import BuildReport
from hrgraph.cli import main
from hrgraph.serve.templates import STATIC_DIR
from tests.server.conftest import Engine

pytestmark = pytest.mark.server


def chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium not installed: run 'make sysdeps' (apt-get install chromium)")
    return binary


def dump_dom(url: str, tmp_path: Path) -> str:
    """The DOM after the page's scripts ran (up to 30 s of virtual time, network waits included)."""
    args = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=30000",
        "--dump-dom",
        url,
    ]
    done = subprocess.run(args, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_query_page_runs_a_catalogue_query_with_a_parameter(
    hrgraph_server: Engine, built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """If a browser opens ``/?query=articles-by-word&word=discriminación``, then YASGUI runs the
    bound query and the page shows as many rows as ``hrgraph query`` gives for that word."""
    args = ["query", "articles-by-word", "--param", "word=discriminación", "--format", "csv"]
    result = CliRunner().invoke(main, [*args, "--out", str(built[0])])
    assert result.exit_code == 0, result.output
    expected = len(result.stdout_bytes.decode().strip().splitlines()) - 1
    assert expected > 0
    base = hrgraph_server.query_url.removesuffix("sparql")
    dom = dump_dom(base + "?" + urlencode({"query": "articles-by-word", "word": "discriminación"}), tmp_path)
    found = re.search(r'id="result-count" data-rows="(\d+)"', dom)
    assert found, dom[-3000:]
    assert int(found[1]) == expected
    assert 'class="yasgui' in dom  # YASGUI itself rendered the editor and results


def test_query_page_loads_nothing_from_other_hosts(hrgraph_server: Engine, tmp_path: Path) -> None:
    """If the page is served, then every script and stylesheet it names is on this server (the
    machine may be offline), and the vendored files are the ones static/yasgui/README.md names."""
    base = hrgraph_server.query_url.removesuffix("sparql")
    dom = dump_dom(base, tmp_path)
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', dom)
    readme = (STATIC_DIR / "yasgui" / "README.md").read_text(encoding="utf-8")
    for name in ("yasgui.min.js", "yasgui.min.css"):
        digest = hashlib.sha256((STATIC_DIR / "yasgui" / name).read_bytes()).hexdigest()
        assert f"| `{name}` | `{digest}` |" in readme
    assert (STATIC_DIR / "yasgui" / "LICENSE").read_text().startswith("MIT License")
