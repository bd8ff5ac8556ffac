"""Peak memory of a benchmark child, read inside it: before its timed work and after.

The parent reads the child's whole peak (``ru_maxrss`` from ``wait4``), which includes the
input the stage loads untimed; the child reads its own high-water mark (``VmHWM`` of
``/proc/self/status``, else ``ru_maxrss``) when the timed work starts and when it ends, so that
a stage's own memory (peak minus input) is known too, and each part of the one-process
pipeline says its peak so far.
"""

from __future__ import annotations

import resource
from pathlib import Path

_marks: dict[str, float] = {}


def hwm_mb() -> float:
    """The process's peak resident set so far, in MB."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def children_mb() -> float:
    """The peak resident set of the largest child this process waited for (the export child of
    ``build.write_graphs``), in MB; its pages shared copy-on-write with
    this process count in both, so the two peaks add up to more than the machine held."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def mark_input() -> None:
    """Note the peak when the timed work starts (the first call of the process counts)."""
    _marks.setdefault("input_mb", hwm_mb())


def figures() -> dict[str, float | None]:
    """``input_mb`` (peak before the timed work), ``peak_mb`` and ``stage_mb`` (the difference)."""
    peak = hwm_mb()
    start = _marks.get("input_mb")
    return {"input_mb": start, "peak_mb": peak, "stage_mb": None if start is None else round(peak - start, 1)}
