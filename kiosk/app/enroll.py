"""`kiosk enroll BACKEND_URL CODE`: trade the dashboard's one-time code for this booth's
device token and write it, with the backend's URL, into the booth's config file.

The rest of the file is kept as it was (comments too); the file is replaced atomically
and readable by its owner only (mode 0600), since it now holds a credential.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import tomlkit

from kiosk.core.config import ConfigError, load_config
from sync.enrollment import EnrollmentFailed, enroll


def write_backend_credentials(path: Path, url: str, token: str) -> None:
    """Sets [backend] url and device_token; ConfigError (nothing written) if the result
    would not be a valid config."""
    document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() \
        else tomlkit.document()
    if "backend" not in document:
        document["backend"] = tomlkit.table()
    backend = document["backend"]
    backend["url"] = url  # type: ignore[index]
    backend["device_token"] = token  # type: ignore[index]
    path.parent.mkdir(parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.enroll")
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, tomlkit.dumps(document).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        load_config(staged, required=True)
    except ConfigError:
        staged.unlink()
        raise
    os.replace(staged, path)


def enroll_command(url: str, code: str, config_path: Path) -> int:
    if not url.startswith(("http://", "https://")):
        print(f"kiosk enroll: {url!r} is not an http:// or https:// URL", file=sys.stderr)
        return 2
    try:
        enrolled = enroll(url, code)
    except EnrollmentFailed as exc:
        print(f"kiosk enroll: {exc}", file=sys.stderr)
        return 1
    try:
        write_backend_credentials(config_path, url.rstrip("/"), enrolled.device_token)
    except ConfigError as exc:
        print(f"kiosk enroll: {config_path} would not be valid, nothing written:",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"enrolled as {enrolled.name!r}; the device token is in {config_path} (mode 0600)")
    return 0
