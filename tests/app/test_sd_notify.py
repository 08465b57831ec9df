"""The notify protocol on a real AF_UNIX datagram socket: addresses, watchdog period, bad input."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from pathlib import Path

import pytest

from kiosk.app.sd_notify import SystemdNotifier, watchdog_interval
from tests.harness.notify_socket import NotifySocket


def test_nothing_is_sent_when_notify_socket_is_unset(notify: NotifySocket) -> None:
    notifier = SystemdNotifier.from_environment({"WATCHDOG_USEC": "1000000"})
    assert not notifier.enabled
    assert notifier.send(READY="1") is False
    assert notify.drain() == []


def test_a_message_is_one_datagram_of_key_value_lines(notify: NotifySocket) -> None:
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": str(notify.path)})
    assert notifier.send(READY="1", STATUS="attract; printer ready")
    assert notify.read(5).fields == {"READY": "1", "STATUS": "attract; printer ready"}
    notifier.close()


def test_a_newline_in_a_value_cannot_start_another_assignment(notify: NotifySocket) -> None:
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": str(notify.path)})
    notifier.send(STATUS="printer says\nREADY=1")
    assert notify.read(5).fields == {"STATUS": "printer says READY=1"}
    notifier.close()


def test_at_sign_means_the_abstract_namespace() -> None:
    name = f"booth-test-{uuid.uuid4().hex}"
    receiver = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    receiver.bind(b"\0" + name.encode())
    receiver.settimeout(5)
    try:
        notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": f"@{name}"})
        assert notifier.send(WATCHDOG="1")
        assert receiver.recv(4096) == b"WATCHDOG=1"
        notifier.close()
    finally:
        receiver.close()


def test_a_relative_notify_socket_is_refused_with_a_warning(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": "run/notify"})
    assert not notifier.enabled
    assert "NOTIFY_SOCKET='run/notify' is neither an absolute path" in caplog.text


def test_a_vanished_supervisor_is_reported_once_and_the_booth_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notifier = SystemdNotifier.from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    with caplog.at_level(logging.WARNING):
        assert notifier.send(WATCHDOG="1") is False
        assert notifier.send(WATCHDOG="1") is False
    assert len([r for r in caplog.records if "cannot notify" in r.message]) == 1
    notifier.close()


def test_watchdog_pings_every_half_of_watchdog_usec() -> None:
    assert watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert watchdog_interval({"WATCHDOG_USEC": "30000000",
                              "WATCHDOG_PID": str(os.getpid())}) == 15.0


def test_no_watchdog_when_it_is_not_asked_for_or_meant_for_another_process() -> None:
    assert watchdog_interval({}) is None
    assert watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) is None


@pytest.mark.parametrize("value", ["soon", "-5", "0", "1.5"])
def test_a_bad_watchdog_usec_is_refused_with_a_warning(
        value: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert watchdog_interval({"WATCHDOG_USEC": value}) is None
    assert f"WATCHDOG_USEC={value!r} is not a positive number" in caplog.text
