"""Scratch folders of ``hrgraph serve``: a killed server's folder is removed by the next start,
a live one's is kept, and what the server writes follows the umask.

Each server is a real process on 127.0.0.1 with ``TMPDIR`` pointing at a folder of the test."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from pathlib import Path

import pytest

from hrgraph.build import BuildReport
from hrgraph.serve.workers import SCRATCH_PREFIX
from tests.server.conftest import start_serve, stop

pytestmark = [pytest.mark.server, pytest.mark.slow]


def _scratch(tmp: Path, pid: int) -> list[Path]:
    return sorted(tmp.glob(f"{SCRATCH_PREFIX}{pid}-*"))


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(tmp)}


def test_a_killed_servers_scratch_folder_is_removed_on_the_next_start(
    built: tuple[Path, BuildReport], tmp_path: Path
) -> None:
    """If a server is killed (SIGKILL: no clean-up runs), then its scratch folder stays until the
    next server starts, which removes it; a folder named after a live process is kept, and a
    server stopped with SIGTERM removes its own. Oracle: the pid in each folder's name, dead
    (reaped by the test) or alive (the test's own pid)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    live = tmp / f"{SCRATCH_PREFIX}{os.getpid()}-live"
    live.mkdir()
    first, _ = start_serve(built[0], tmp_path / "first.log", "--workers", "1", env=_env(tmp))
    [stale] = _scratch(tmp, first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert stale.is_dir()  # nobody cleaned up after the kill
    second, _ = start_serve(built[0], tmp_path / "second.log", "--workers", "1", env=_env(tmp))
    try:
        assert not stale.exists()
        assert live.is_dir()
        [own] = _scratch(tmp, second.pid)
    finally:
        stop(second)
    assert not own.exists()


def _modes(root: Path) -> dict[str, tuple[int, bool]]:
    """Path under ``root`` → (permission bits, is a folder)."""
    return {
        str(p.relative_to(root)): (stat.S_IMODE(p.lstat().st_mode), p.is_dir())
        for p in [root, *root.rglob("*")]
        if not p.is_symlink()
    }


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_scratch_files_follow_the_umask(built: tuple[Path, BuildReport], tmp_path: Path, umask: int) -> None:
    """If the server runs under a umask, then its scratch folder has the mode that umask gives
    (0755 under 022, 0700 under 077, not tempfile's fixed 0700), the source copies too (0644,
    0600), and nothing in it (the store included) has a bit the umask takes away. Oracle:
    ``0o777 & ~umask`` for folders, ``0o666 & ~umask`` for files (POSIX mkdir/open)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    server: subprocess.Popen[bytes]
    server, _ = start_serve(built[0], tmp_path / "serve.log", "--workers", "1", env=_env(tmp), umask=umask)
    try:
        [scratch] = _scratch(tmp, server.pid)
        modes = _modes(scratch)
    finally:
        stop(server)
    copies = [mode for name, (mode, folder) in modes.items() if name.startswith("sources/") and not folder]
    assert copies and set(copies) == {0o666 & ~umask}
    assert any(name.startswith("store/") for name in modes)
    assert modes["."] == (0o777 & ~umask, True)
    for name, (mode, folder) in modes.items():
        allowed = (0o777 if folder else 0o666) & ~umask
        assert mode & ~allowed == 0, (name, oct(mode), oct(allowed))
