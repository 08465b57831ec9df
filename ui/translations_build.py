"""Compile the .ts translation sources to .qm with PySide6's bundled lrelease.

`python -m ui.translations_build` (the Makefile's set-up) compiles them next to their
sources; an installed booth whose package came without them compiles the missing
ones into the user's cache at start (`ensure_compiled`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6

from ui.i18n import TRANSLATIONS_DIR, is_current, qm_path, source_path


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


def compile_catalogue(lrelease: Path, source: Path, target: Path) -> Path:
    """`source` compiled to `target`, which is replaced whole: a running booth has the old
    catalogue mapped into memory, and rewriting that file in place would crash it (SIGBUS)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        result = subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(part)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or not part.is_file():
            raise RuntimeError(f"lrelease failed on {source}: {result.stderr.strip()}")
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def build(directory: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every .ts in `directory` to a .qm beside it."""
    lrelease = find_lrelease()
    return [compile_catalogue(lrelease, source, source.with_suffix(".qm"))
            for source in sorted(directory.glob("*.ts"))]


def ensure_compiled(languages: list[str]) -> list[Path]:
    """Compile the catalogues of `languages` that are missing or older than their source;
    returns what it compiled. Call it before the first window, not on the UI thread later."""
    compiled = []
    for language in languages:
        target, source = qm_path(language), source_path(language)
        if not is_current(target, source) and source.is_file():
            compiled.append(compile_catalogue(find_lrelease(), source, target))
    return compiled


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
