"""One long-lived worker thread for a screen's slow, pure work (encoding a QR code, decoding
a photo), so the UI thread only shows results. Subclasses declare the signal their work
emits; a signal emitted on the worker reaches slots on the UI thread queued.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject

_STOP = None


class BackgroundWorker(QObject):
    thread_name = "ui-background"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None

    def submit(self, work: Callable[[], None]) -> None:
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name=self.thread_name,
                                            daemon=True)
            self._worker.start()
        self._work.put(work)

    def join(self) -> None:
        """Wait until everything submitted is done; the next submit starts a new worker."""
        worker, self._worker = self._worker, None
        if worker is not None:
            self._work.put(_STOP)
            worker.join()

    def _run(self) -> None:
        while (work := self._work.get()) is not _STOP:
            work()
