"""A small tmpfs of the test's own: a disk that really fills up, or really is read-only."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def mounted_tmpfs(where: Path, *, size_kb: int = 64, read_only: bool = False,
                  mode: int = 0o1777) -> Iterator[Path]:
    """Mount a tmpfs at `where` for the block; skipped (with why) where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kb}k,mode={mode:o}" + (",ro" if read_only else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill(directory: Path) -> None:
    """Write into `directory` until its disk is full."""
    with contextlib.suppress(OSError), (directory / "filler").open("wb", buffering=0) as handle:
        while True:
            handle.write(b"\0" * 4096)
