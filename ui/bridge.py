"""Deliver worker-thread callbacks to the Qt main thread."""

from __future__ import annotations

import queue
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal


class MainThreadPost(QObject):
    """`post(fn)` from any thread; fn runs on the thread this object lives in (the UI thread).

    Create it on the main thread. The callables wait in a Python queue, in order;
    an argument-less queued signal wakes the UI thread, which runs all that wait,
    so no Python object has to travel through Qt's queued-argument copying.
    """

    _wake = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        # Without a parent the application owns it: left to Python, the object would be
        # deleted by whichever thread's garbage collection finds it unreachable (a booth is a
        # reference cycle), and a QObject deleted off its own thread with a wake still queued
        # for it crashes the UI thread.
        super().__init__(parent if parent is not None else QCoreApplication.instance())
        self._pending: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._wake.connect(self._run_pending, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        self._pending.put(fn)
        self._wake.emit()

    def _run_pending(self) -> None:
        while True:
            try:
                fn = self._pending.get_nowait()
            except queue.Empty:
                return
            fn()
