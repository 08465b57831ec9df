"""Payment codes' QR modules, encoded by the checkout before the flow shows them.

The checkout encodes a code on its worker as soon as the backend's answer is checked, before
the order row commits; the flow's payment view then carries the modules and the screen paints
them at once, instead of handing the encoding to its own worker after the flow moved (a
couple of milliseconds of the customer's wait, and of the UI thread's, for every code).
Encoding ahead shows nothing: the screen draws a code only when the flow says so. The last
few codes are kept (the shown one, a provider switched to and back); the screen encodes a
code it does not find here itself, off the UI thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from kiosk.core.qr_modules import qr_matrix

Modules = tuple[tuple[bool, ...], ...]  # rows of modules, True = dark


class QrCodes:
    """Shared by the booth's checkout (which encodes) and its payment views (which read)."""

    KEPT = 4

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, Modules] = OrderedDict()

    def encode(self, data: str) -> Modules:
        """`data`'s modules, encoded now and kept. Blocking (a couple of milliseconds of
        CPU for a payment URL): not on the UI thread."""
        modules = tuple(tuple(row) for row in qr_matrix(data))
        with self._lock:
            self._kept[data] = modules
            self._kept.move_to_end(data)
            while len(self._kept) > self.KEPT:
                self._kept.popitem(last=False)
        return modules

    def encoded(self, data: str) -> Modules | None:
        """`data`'s modules if they were encoded here, else None."""
        with self._lock:
            return self._kept.get(data)
