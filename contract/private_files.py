"""A service's files are its own: directories 0700, files 0600, on the booth (the config
holds the device token and the PIN's hash, the database and the photos customers' data)
and on the backend (operators' hashes, orders, customers' photos).

Both entry points also set the process's umask to 077, so whatever else they create is
private; these helpers make it so where each creates its own files regardless of the
umask, and narrow what an older version left readable. Shared here, below both sides.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """`path` created 0700 (missing parents above it get the umask's mode); `path` itself
    (the service's own folder) narrowed to its owner."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    narrow(path)
    return path


def private_parent(path: Path) -> Path:
    """The folder a file goes in: created 0700 when missing, but an existing one is left as
    it is. A database may be put in a folder others share (`/srv`, `/tmp`): its
    files are made private (`private_sqlite`), the folder is not the service's to close."""
    path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return path.parent


def narrow(path: Path) -> None:
    """Takes group and other bits off an existing file or directory (none: no change).
    A sticky directory (`/tmp`, `/var/tmp`) is shared by design and never narrowed."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & stat.S_ISVTX and path.is_dir():
        return
    if mode & 0o077:
        path.chmod(mode & 0o700)


def private_sqlite(path: Path) -> None:
    """The database file exists 0600 before SQLite opens it: SQLite gives its -wal and -shm
    the database file's mode. Files left readable by an older version are narrowed."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))
    for name in ("", *SQLITE_COMPANIONS):
        narrow(path.with_name(path.name + name))
