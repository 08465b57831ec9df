"""A requests.Session whose in-flight request another thread can abort.

A long-poll blocks in recv() for up to 30 s; shutting its socket down from the
stopping thread ends it at once, so `stop()` joins a watcher without waiting.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class OpenSockets:
    def __init__(self) -> None:
        self._connections: set[HTTPConnection] = set()
        self._lock = threading.Lock()

    def add(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connections.add(connection)

    def discard(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connections.discard(connection)

    def shutdown(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def _tracked(base: type[HTTPConnection], sockets: OpenSockets) -> type[HTTPConnection]:
    class Tracked(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            sockets.add(self)

        def close(self) -> None:
            sockets.discard(self)
            super().close()

    return Tracked


class _TrackingAdapter(HTTPAdapter):
    def __init__(self, sockets: OpenSockets) -> None:
        self.sockets = sockets
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        http = type("TrackedPool", (HTTPConnectionPool,),
                    {"ConnectionCls": _tracked(HTTPConnection, self.sockets)})
        https = type("TrackedTlsPool", (HTTPSConnectionPool,),
                     {"ConnectionCls": _tracked(HTTPSConnection, self.sockets)})
        self.poolmanager.pool_classes_by_scheme = {"http": http, "https": https}


def interruptible_session() -> tuple[requests.Session, OpenSockets]:
    """A session and the handle that aborts whatever it has in flight."""
    sockets = OpenSockets()
    session = requests.Session()
    adapter = _TrackingAdapter(sockets)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session, sockets
