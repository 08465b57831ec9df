"""Deliver worker-thread callbacks to the Qt main thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal


class MainThreadPost(QObject):
    """`post(fn)` from any thread; fn runs on the thread this object lives in (the UI thread).

    Create it on the main thread. A queued connection copies the call into that
    thread's event queue, so a worker never touches widgets itself.
    """

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        self._posted.emit(fn)

    def _run(self, fn: Callable[[], None]) -> None:
        fn()
