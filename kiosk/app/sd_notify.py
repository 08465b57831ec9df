"""The systemd notify protocol without libsystemd: one datagram to $NOTIFY_SOCKET per message.

systemd (Type=notify) sets NOTIFY_SOCKET to a path, or to "@name" for the abstract
namespace, and WATCHDOG_USEC when the unit has WatchdogSec=. Without NOTIFY_SOCKET
nothing is sent. The socket is non-blocking: a full receive queue drops the message
rather than stalling the UI thread that sends it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def socket_address(value: str) -> str | bytes | None:
    """The address to send to, from $NOTIFY_SOCKET; None (and a warning) when unusable."""
    if value.startswith("@") and len(value) > 1:
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    log.warning("NOTIFY_SOCKET=%r is neither an absolute path nor an @abstract name: "
                "the service manager will not hear from the booth", value)
    return None


def watchdog_interval(environ: Mapping[str, str]) -> float | None:
    """Seconds between watchdog pings (half of $WATCHDOG_USEC), or None when not asked for."""
    raw = environ.get("WATCHDOG_USEC", "")
    if not raw:
        return None
    pid = environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None  # the watchdog is meant for another process (our parent, say)
    if not raw.isdigit() or int(raw) == 0:
        log.warning("WATCHDOG_USEC=%r is not a positive number of microseconds: "
                    "no watchdog pings", raw)
        return None
    return int(raw) / 2 / 1_000_000


class SystemdNotifier:
    def __init__(self, address: str | bytes | None):
        self.address = address
        self._socket: socket.socket | None = None
        self._failed = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> SystemdNotifier:
        value = environ.get("NOTIFY_SOCKET", "")
        return cls(socket_address(value) if value else None)

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def send(self, **fields: str) -> bool:
        """Send `KEY=value` lines in one datagram; True when it left. Newlines in a value
        would start a new assignment, so they become spaces."""
        if self.address is None:
            return False
        message = "\n".join(f"{key}={' '.join(str(value).splitlines())}"
                            for key, value in fields.items())
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self._socket.setblocking(False)
            self._socket.sendto(message.encode(), self.address)
        except OSError as exc:
            # Said once: a supervisor that went away must not flood the log every ping.
            if not self._failed:
                log.warning("cannot notify the service manager at %r: %s", self.address, exc)
            self._failed = True
            return False
        if self._failed:
            log.info("the service manager hears the booth again")
        self._failed = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
