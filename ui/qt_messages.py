"""Qt's own messages, minus those that say nothing to whoever reads the output.

The offscreen and some Wayland platform plugins warn "This plugin does not support
propagateSizeHints()" for every window laid out: harmless, and `kiosk screenshots` printed it
54 times. Everything else goes on to stderr as Qt would print it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

MEANINGLESS = ("does not support propagateSizeHints()",)


def _print(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind != QtMsgType.QtDebugMsg and not any(noise in message for noise in MEANINGLESS):
        print(message, file=sys.stderr)


def drop_meaningless_messages() -> None:
    qInstallMessageHandler(_print)
