"""The benchmark's memory figures: a child's peak before and after its timed work."""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

from hrgraph.bench import memory

# A fresh child, as the harness runs each stage: its input is small, its work holds 200 MB.
CHILD = """
import json
from hrgraph.bench import memory
memory.mark_input()
held = bytearray(200 * 1024 * 1024)
held[::4096] = b"x" * len(held[::4096])  # touch every page: resident, not only reserved
print(json.dumps(memory.figures()))
"""


def test_high_water_mark_is_the_kernels_peak() -> None:
    """Oracle: getrusage's ru_maxrss of the same process (the kernel's own peak, in KiB)."""
    kernel = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert abs(memory.hwm_mb() - kernel) < 8


def test_stage_memory_is_what_the_work_added() -> None:
    """If the timed work holds 200 MB more than the input did, then stage_mb is at least that
    (oracle: the size of the buffer the work allocated) and the input's peak is well below."""
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout)
    assert 190 <= figures["stage_mb"] < 260
    assert figures["input_mb"] < 150
    assert figures["peak_mb"] == pytest.approx(figures["input_mb"] + figures["stage_mb"], abs=0.2)
