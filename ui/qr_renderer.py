"""QR codes computed off the UI thread: a long payment URL takes a couple of frames to encode.

One long-lived worker takes the codes to encode in turn; `rendered(data, matrix)` arrives
on the UI thread (a queued signal). `join()` ends the worker once what it was given is
done, so nothing emits into a deleted widget.
"""

from __future__ import annotations

import queue
import threading

from PySide6.QtCore import QObject, Signal

from ui.qr_widget import qr_matrix

_STOP = None


class QrRenderer(QObject):
    rendered = Signal(str, object)  # data, its modules (list of rows of bools)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._wanted: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None

    def render(self, data: str) -> None:
        if self._worker is None:
            self._worker = threading.Thread(target=self._encode_all, name="qr-render",
                                            daemon=True)
            self._worker.start()
        self._wanted.put(data)

    def join(self) -> None:
        """Wait until every code asked for is encoded; the next render starts a new worker."""
        worker, self._worker = self._worker, None
        if worker is not None:
            self._wanted.put(_STOP)
            worker.join()

    def _encode_all(self) -> None:
        while (data := self._wanted.get()) is not _STOP:
            self.rendered.emit(data, qr_matrix(data))
