"""A service manager's end of the notify protocol: a real AF_UNIX datagram socket in a tmp dir."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path

from tests.harness.waiting import DEADLINE


@dataclass(frozen=True)
class Message:
    at: float  # time.monotonic() when it was read
    fields: dict[str, str]


class NotifySocket:
    def __init__(self, directory: Path):
        self.path = directory / "notify.sock"
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(str(self.path))
        self.messages: list[Message] = []

    def read(self, timeout: float) -> Message | None:
        """The next datagram, or None when none came within `timeout` seconds (0: none waits)."""
        self.socket.settimeout(timeout)
        try:
            data = self.socket.recv(4096)
        except (TimeoutError, BlockingIOError):
            return None
        fields = dict(line.split("=", 1) for line in data.decode().splitlines())
        message = Message(time.monotonic(), fields)
        self.messages.append(message)
        return message

    def drain(self) -> list[Message]:
        """Every datagram already waiting, without waiting for more."""
        drained = []
        while (message := self.read(0)) is not None:
            drained.append(message)
        return drained

    def wait_for(self, key: str, value: str | None = None, *, contains: str = "",
                 timeout: float = DEADLINE) -> Message:
        """The first message, read so far or to come, that sets `key` (to `value`, or to
        text containing `contains`)."""

        def matches(message: Message) -> bool:
            got = message.fields.get(key)
            return got is not None and (value is None or got == value) and contains in got

        for message in self.messages:
            if matches(message):
                return message
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            message = self.read(left)
            if message is None:
                break
            if matches(message):
                return message
        seen = [m.fields for m in self.messages][-10:]
        raise AssertionError(f"no {key}={value or '…' + contains} within {timeout:.0f} s; "
                             f"last messages: {seen}")

    def with_key(self, key: str) -> list[Message]:
        return [m for m in self.messages if key in m.fields]

    def close(self) -> None:
        self.socket.close()
