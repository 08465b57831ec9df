"""Clients that hold a connection without finishing their request are cut off.

uvicorn waits for a request's headers, and for its body, as long as the client keeps the
socket open (200 sockets that sent only "G" stayed open for a minute and more). This
protocol (uvicorn's httptools one: its parser is C, so a burst of connections costs the
event loop little) closes a connection whose request head is not complete within
`header_s` of its first byte (or of the connection), answers 431 to a head longer than
MAX_HEAD_BYTES, and closes one whose body stalls for `body_s` between reads or, once
`body_s` has passed since the body began, arrives slower than MIN_BODY_RATE on average (a
body trickled a byte at a time never stalls, and would hold its connection for ever).
Idle keep-alive connections are uvicorn's own timeout_keep_alive.
"""

from __future__ import annotations

import asyncio
from enum import Enum

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from backend.response_headers import FILE_POLICY

HEADER_TIMEOUT_S = 10.0
BODY_TIMEOUT_S = 60.0
# A request head longer than this is refused (the size h11 and nginx's buffers allow).
MAX_HEAD_BYTES = 16 * 1024
# Bytes per second a body must average once it has taken longer than body_s: a phone or a
# booth on a poor line sends far more; a trickle sends a byte now and then.
MIN_BODY_RATE = 1024
# Written before the app sees the request, so it carries the headers every answer does itself.
HEAD_TOO_LONG = (b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                 b"content-type: text/plain; charset=utf-8\r\ncontent-length: 31\r\n"
                 b"x-content-type-options: nosniff\r\n"
                 b"content-security-policy: " + FILE_POLICY.encode() + b"\r\n"
                 b"connection: close\r\n\r\nthe request head is too long.\r\n")


class Reading(Enum):
    NOTHING = "nothing"  # between requests: no byte of the next one yet
    HEAD = "head"
    BODY = "body"
    DONE = "done"  # the request is whole; its answer is under way


def protocol_with_timeouts(header_s: float = HEADER_TIMEOUT_S,
                           body_s: float = BODY_TIMEOUT_S) -> type[HttpToolsProtocol]:
    class TimedProtocol(HttpToolsProtocol):
        _waiting: asyncio.TimerHandle | None = None
        _reading = Reading.NOTHING
        _head_bytes = 0
        _body_began: float | None = None
        _body_bytes = 0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._wait(header_s)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._reading, self._head_bytes = Reading.HEAD, 0

        def on_headers_complete(self) -> None:
            self._reading = Reading.BODY
            self._body_began = None
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._reading = Reading.DONE
            super().on_message_complete()

        def on_response_complete(self) -> None:
            if self._reading is Reading.DONE:
                self._reading = Reading.NOTHING
            super().on_response_complete()

        def data_received(self, data: bytes) -> None:
            began = self._reading
            super().data_received(data)
            if self.transport.is_closing():
                return
            if self._reading is Reading.HEAD or (began is Reading.NOTHING
                                                  and self._reading is Reading.NOTHING):
                self._head_bytes += len(data)
                if self._head_bytes > MAX_HEAD_BYTES:
                    self.transport.write(HEAD_TOO_LONG)
                    self.transport.close()
                    return
                if self._waiting is None:  # a new request's head began: the clock starts
                    self._wait(header_s)
            elif self._reading is Reading.BODY:
                if self._too_slow_a_body(len(data)):
                    self.transport.close()
                    return
                self._wait(body_s)  # each read of the body restarts the clock
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
            if self._reading is not Reading.DONE:
                self.transport.close()

    return TimedProtocol
