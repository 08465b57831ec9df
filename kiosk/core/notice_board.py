"""Who hears the booth's notices: the window, the service menu, the composition root."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.notices import Notice

Listener = Callable[[Notice], None]


class NoticeBoard:
    """Tells every subscriber each notice, in order, on the caller's (the UI) thread."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling `listener` (a window that closes while the services still report)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def tell(self, notice: Notice) -> None:
        for listener in list(self._listeners):
            listener(notice)
