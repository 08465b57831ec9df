"""Compile assets/translations/*.ts to .qm with PySide6's bundled lrelease.

Run as `python -m ui.translations_build`; the Makefile does it on set-up.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import PySide6

from ui.i18n import TRANSLATIONS_DIR


def find_lrelease() -> Path:
    candidates = [Path(sys.executable).parent / "pyside6-lrelease",
                  Path(PySide6.__file__).parent / "lrelease"]
    found = shutil.which("pyside6-lrelease")
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("lrelease not found: is PySide6 installed in this Python?")


def build(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    lrelease = find_lrelease()
    built = []
    for source in sorted(directory.glob("*.ts")):
        target = source.with_suffix(".qm")
        result = subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or not target.is_file():
            raise RuntimeError(f"lrelease failed on {source}: {result.stderr.strip()}")
        built.append(target)
    return built


def main() -> int:
    try:
        built = build()
    except (FileNotFoundError, RuntimeError) as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 1
    for path in built:
        print(f"translations: built {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
