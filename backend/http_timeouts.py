"""Clients that hold a connection without finishing their request are cut off.

uvicorn waits for a request's headers, and for its body, as long as the client keeps the
socket open (200 sockets that sent only "G" stayed open for a minute and more). This h11
protocol closes a connection whose request head is not complete within `header_s` of its
first byte (or of the connection), and one whose body stalls for `body_s` between reads or,
once `body_s` has passed since the body began, arrives slower than MIN_BODY_RATE on average
(a body trickled a byte at a time never stalls, and would hold its connection for ever).
Idle keep-alive connections are uvicorn's own timeout_keep_alive.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT_S = 10.0
BODY_TIMEOUT_S = 60.0
# h11's limit on a request head still incomplete (uvicorn's default, stated here).
MAX_HEAD_BYTES = 16 * 1024
# Bytes per second a body must average once it has taken longer than body_s: a phone or a
# booth on a poor line sends far more; a trickle sends a byte now and then.
MIN_BODY_RATE = 1024


def protocol_with_timeouts(header_s: float = HEADER_TIMEOUT_S,
                           body_s: float = BODY_TIMEOUT_S) -> type[H11Protocol]:
    class TimedH11Protocol(H11Protocol):
        _waiting: asyncio.TimerHandle | None = None
        _body_began: float | None = None
        _body_bytes = 0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._wait(header_s)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            state = self.conn.their_state
            if state is h11.SEND_BODY:
                if self._too_slow_a_body(len(data)):
                    self.transport.close()
                    return
                self._wait(body_s)  # each read of the body restarts the clock
                return
            self._body_began = None
            if state is h11.IDLE and data:
                if self._waiting is None:  # a new request's head began: the clock starts
                    self._wait(header_s)
            else:
                self._stop_waiting()

        def _too_slow_a_body(self, received: int) -> bool:
            now = self.loop.time()
            if self._body_began is None:
                self._body_began, self._body_bytes = now, 0
            self._body_bytes += received
            taken = now - self._body_began
            return taken > body_s and self._body_bytes < MIN_BODY_RATE * taken

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_waiting()
            super().connection_lost(exc)

        def _wait(self, seconds: float) -> None:
            self._stop_waiting()
            self._waiting = self.loop.call_later(seconds, self._too_slow)

        def _stop_waiting(self) -> None:
            if self._waiting is not None:
                self._waiting.cancel()
                self._waiting = None

        def _too_slow(self) -> None:
            self._waiting = None
            if self.conn.their_state in (h11.IDLE, h11.SEND_BODY):
                self.transport.close()

    return TimedH11Protocol
