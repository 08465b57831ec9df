"""Logging to stderr and to a rotating file in the log dir, and crashes into that log.

A booth runs for weeks: kiosk.log is rotated by size and only `keep_files` old copies
stay. An uncaught exception (main thread, a worker thread, a Qt slot) is logged with its
traceback; a hard crash (segfault in a binding, abort) is written by faulthandler to
faults.log beside it, since no Python code runs then.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TextIO

import platformdirs

from contract.private_files import private_dir
from kiosk.core.config import APP_NAME, LogsSection

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
FAULTS_FILE = "faults.log"

log = logging.getLogger(__name__)


def log_dir(logs: LogsSection | None = None) -> Path:
    if logs is not None and logs.directory:
        return Path(logs.directory).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME)) / "log"


def setup_logging(level: int = logging.INFO, directory: Path | None = None,
                  logs: LogsSection | None = None) -> Path | None:
    """Log to stderr, and to kiosk.log (rotated as `logs` says) when the log dir is writable."""
    logs = logs or LogsSection()
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    stderr = logging.StreamHandler()
    stderr.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stderr)
    directory = directory or log_dir(logs)
    try:
        private_dir(directory)
        path = directory / "kiosk.log"
        rotating = logging.handlers.RotatingFileHandler(
            path, maxBytes=logs.max_megabytes * 1024 * 1024, backupCount=logs.keep_files,
            encoding="utf-8")
    except OSError as exc:
        root.warning("logging: cannot write to %s (%s); logging to stderr only", directory, exc)
        return None
    rotating.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(rotating)
    return path


def _log_uncaught(kind: type[BaseException], value: BaseException,
                  traceback: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)
        return
    log.critical("uncaught exception: the booth may be in trouble",
                 exc_info=(kind, value, traceback))


def _log_thread_crash(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    log.critical("thread %s died of an uncaught exception", name,
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def _open_faults_file(directory: Path, max_bytes: int) -> TextIO | None:
    path = directory / FAULTS_FILE
    try:
        if path.exists() and path.stat().st_size > max_bytes:
            path.replace(path.with_name(FAULTS_FILE + ".1"))
        return path.open("a", encoding="utf-8")
    except OSError as exc:
        log.warning("cannot open %s for hard-crash tracebacks: %s", path, exc)
        return None


def log_crashes(directory: Path | None, logs: LogsSection) -> None:
    """Send uncaught exceptions to the log, and hard crashes to faults.log in `directory`
    (faulthandler keeps that file open for the life of the process)."""
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_crash
    faults = _open_faults_file(directory, logs.max_megabytes * 1024 * 1024) if directory else None
    faulthandler.enable(file=faults or sys.stderr, all_threads=True)
