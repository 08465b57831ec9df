"""The booth's wheel, built from what git tracks (no compiled translation or other build
leftover of the checkout sneaks in), as the install guide tells an operator to build it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 300


def build_wheel(root: Path) -> Path:
    """Copies the tracked files under root/source and builds root/dist/*.whl from them."""
    source = root / "source"
    tracked = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=REPO, capture_output=True, text=True,
                             check=True, timeout=TIMEOUT).stdout.split("\0")
    for name in filter(None, tracked):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                            "--no-build-isolation", "-w", str(root / "dist"), str(source)],
                           cwd=root, capture_output=True, text=True, timeout=TIMEOUT,
                           check=False)
    assert built.returncode == 0, built.stderr
    return next((root / "dist").glob("photobooth_kiosk-*.whl"))
