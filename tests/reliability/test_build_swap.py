"""The build swap: ``out`` is a link to a version of the build, replaced with one rename, so a
build killed at any step leaves ``out`` naming a complete build (issue #23, item 3).

A kill is simulated on the real filesystem: the N-th filesystem step of :func:`publish`
(``rename``, ``replace``, ``symlink``, ``unlink``, ``rmtree``, ``chmod``, the atomic exchange)
raises, and so does every step after it (a killed process does nothing more, not even its
clean-up). Oracle: after the kill ``out`` resolves to a directory that holds the marker and the
complete ``hrgraph.nq`` of the session build, tagged as the old build or the new one; the next
build then succeeds and leaves only ``out`` and its version store.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hrgraph import build as build_module
from hrgraph.build import (
    KEEP_VERSIONS,
    MARKER_NAME,
    NQ_NAME,
    BuildReport,
    check_replaceable,
    clean_stale,
    is_build,
    publish,
    version_store,
    write_outputs,
)
from hrgraph.errors import UsageError
from hrgraph.store import GraphStore

TAG = "which-build"


class Killed(BaseException):
    """The simulated SIGKILL: not an Exception, so no ``except Exception`` swallows it."""


class Faults:
    """Counts the filesystem steps of a build; from step ``kill_at`` on, every step raises."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, kill_at: int | None = None) -> None:
        self.steps: list[str] = []
        self.kill_at = kill_at
        for module, name in [
            (os, "rename"),
            (os, "replace"),
            (os, "symlink"),
            (os, "unlink"),
            (os, "chmod"),
            (shutil, "rmtree"),
            (build_module, "_exchange"),
        ]:
            monkeypatch.setattr(module, name, self._wrap(name, getattr(module, name)))

    def _wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            self.steps.append(name)
            if self.kill_at is not None and len(self.steps) >= self.kill_at:
                raise Killed(f"killed at step {len(self.steps)} ({name})")
            return real(*args, **kwargs)

        return step


def writer(source: Path, tag: str) -> Callable[[Path], None]:
    """Write a copy of the session build, tagged, into the staging directory."""

    def write(staging: Path) -> None:
        for name in (MARKER_NAME, "summary.json"):
            shutil.copyfile(source / name, staging / name)
        (staging / NQ_NAME).write_bytes((source / NQ_NAME).read_bytes())
        (staging / TAG).write_text(tag)

    return write


def start(kind: str, tmp_path: Path, source: Path) -> Path:
    """An ``out`` holding the "old" build: published by this hrgraph (a link), or a real
    directory as hrgraph ≤ 0.3 wrote it."""
    out = tmp_path / "build"
    if kind == "link":
        publish(out, writer(source, "old"))
    else:
        out.mkdir(parents=True)
        writer(source, "old")(out)
    return out


def assert_complete(out: Path, source: Path, tags: tuple[str, ...]) -> str:
    assert out.is_dir(), f"{out} does not resolve to a directory"
    assert is_build(out) and (out / MARKER_NAME).is_file()
    assert (out / NQ_NAME).stat().st_size == (source / NQ_NAME).stat().st_size
    tag = (out / TAG).read_text()
    assert tag in tags
    return tag


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


def count_steps(kind: str, tmp_path: Path, source: Path) -> list[str]:
    """The filesystem steps of a build over ``kind`` of ``out`` (a clean run, counted)."""
    out = start(kind, tmp_path, source)
    with pytest.MonkeyPatch.context() as mp:
        faults = Faults(mp)
        publish(out, writer(source, "new"))
    assert (out / TAG).read_text() == "new"
    return faults.steps


@pytest.mark.parametrize("kind", ["link", "directory"])
def test_a_kill_at_any_step_leaves_a_complete_build(
    built: tuple[Path, BuildReport], tmp_path: Path, kind: str
) -> None:
    """If a build is killed at its N-th filesystem step, for every N, then ``out`` still resolves
    to a complete build (the old one or the new one), and the next build succeeds and cleans
    what the killed one left."""
    steps = count_steps(kind, tmp_path / "count", built[0])
    assert {"rename", "symlink", "replace" if kind == "link" else "_exchange"} <= set(steps), steps
    seen = set()
    for kill_at in range(1, len(steps) + 2):
        root = tmp_path / f"kill-{kill_at}"
        root.mkdir()
        out = start(kind, root, built[0])
        with pytest.MonkeyPatch.context() as mp:
            Faults(mp, kill_at)
            try:
                publish(out, writer(built[0], "new"))
            except Killed:
                pass
        seen.add(assert_complete(out, built[0], ("old", "new")))
        publish(out, writer(built[0], "next"))
        assert assert_complete(out, built[0], ("next",)) == "next"
        assert out.is_symlink()
        assert leftovers(root) == [".build.d", "build"], (kill_at, steps)
        versions = sorted(p.name for p in version_store(out).iterdir())
        assert len(versions) <= KEEP_VERSIONS and all(v.startswith("v-") for v in versions), versions
        shutil.rmtree(root)
    assert seen == {"old", "new"}  # killed before the swap, and after it


def test_without_an_atomic_exchange_the_next_build_restores_out(
    built: tuple[Path, BuildReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the system has no atomic exchange and a build is killed between the two renames that
    migrate a real ``out`` directory, then the next build's clean-up puts the new build in place."""
    out = start("directory", tmp_path, built[0])
    monkeypatch.setattr(build_module, "_exchange", lambda a, b: False)
    real_replace = os.replace

    def killed_replace(a: Any, b: Any) -> None:
        if Path(b) == out:
            raise Killed("killed before the link was renamed over out")
        real_replace(a, b)

    with monkeypatch.context() as mp:
        mp.setattr(os, "replace", killed_replace)
        with pytest.raises(Killed):
            publish(out, writer(built[0], "new"))
    assert not out.exists()  # the documented window of the fallback
    clean_stale(out)
    assert assert_complete(out, built[0], ("new",)) == "new"


def test_old_versions_are_removed(built: tuple[Path, BuildReport], tmp_path: Path) -> None:
    """If four builds are published, then the store keeps the current one and the one before."""
    out = tmp_path / "build"
    names = []
    for n in range(4):
        publish(out, writer(built[0], f"b{n}"))
        names.append(Path(os.path.realpath(out)).name)
    assert sorted(p.name for p in version_store(out).iterdir()) == sorted(names[-KEEP_VERSIONS:])


def test_a_link_to_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    """If ``out`` is a link to a folder hrgraph did not write, then the build refuses it; a link
    into the version store (what hrgraph writes) is accepted."""
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "chapter.tex").write_text("my own work\n")
    out = tmp_path / "build"
    out.symlink_to(mine)
    with pytest.raises(UsageError, match="not an hrgraph build"):
        check_replaceable(out)
    out.unlink()
    publish(out, lambda d: (d / MARKER_NAME).touch())
    check_replaceable(out)


def _modes(root: Path) -> set[tuple[str, int]]:
    return {
        ("dir" if p.is_dir() else "file", stat.S_IMODE(p.stat().st_mode)) for p in [root, *root.rglob("*")]
    }


@pytest.mark.slow
@pytest.mark.parametrize(("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700)])
def test_output_modes_follow_the_umask(
    store: GraphStore, tmp_path: Path, umask: int, file_mode: int, dir_mode: int
) -> None:
    """If the outputs are written (the real writer: hrgraph.nq, docs/ …) under umask 022 or
    077, then every file has mode 0666 & ~umask and every folder 0777 & ~umask (oracle: the
    POSIX creation modes that ``open``/``mkdir`` would give)."""
    out = tmp_path / "build"
    old = os.umask(umask)
    try:
        publish(out, lambda d: write_outputs(store, d, BuildReport(out)))
    finally:
        os.umask(old)
    assert _modes(Path(os.path.realpath(out))) == {("file", file_mode), ("dir", dir_mode)}
