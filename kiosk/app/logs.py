"""Logging to stderr and to a rotating file in the platform log dir."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

from kiosk.core.config import APP_NAME

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def log_dir() -> Path:
    return Path(platformdirs.user_state_dir(APP_NAME)) / "log"


def setup_logging(level: int = logging.INFO, directory: Path | None = None) -> Path | None:
    """Log to stderr, and to kiosk.log (5 × 2 MB) when the log dir is writable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stderr = logging.StreamHandler()
    stderr.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stderr)
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "kiosk.log"
        rotating = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                        encoding="utf-8")
    except OSError as exc:
        root.warning("logging: cannot write to %s (%s); logging to stderr only", directory, exc)
        return None
    rotating.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(rotating)
    return path
