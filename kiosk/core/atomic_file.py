"""Writing a file so that a reader sees the old content or the new, never half of either.

The text goes to a temporary file in the same directory, is flushed to disk, and is
renamed over the target; the directory entry is flushed too. On any error the
temporary file is removed and the target is as it was. The temporary file is created 0600
and takes the target's owner bits: a rewrite never makes a file readable by others (and
narrows one an older version left readable).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from pathlib import Path


def write_atomically(path: Path, text: str, *, keep_backup: bool = False) -> None:
    """Replace `path` with `text`; with `keep_backup` the previous file stays as `<name>.bak`.

    Raises OSError (with its errno: ENOSPC for a full disk, EACCES, EROFS …)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        mode = stat.S_IMODE(path.stat().st_mode) & 0o700 if path.exists() else 0o600
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and path.exists():
            _backup(path)
        os.replace(temporary, path)
        _sync_directory(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _backup(path: Path) -> None:
    backup = path.with_name(path.name + ".bak")
    backup.unlink(missing_ok=True)
    try:
        os.link(path, backup)
    except OSError:
        shutil.copy2(path, backup)


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
