"""The booth's line to systemd, in this process: STATUS=starting at the window's first paint,
READY once the booth is on the screen, watchdog pings from the UI thread (so they stop while
it is blocked), STATUS on change, STOPPING."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.app.sd_notify import SystemdNotifier, watchdog_interval
from kiosk.app.supervisor_link import SupervisorLink
from tests.harness.notify_socket import Message, NotifySocket

WATCHDOG_USEC = "100000"  # pings every 50 ms


class Booth:
    """What the link reports: a line the test changes."""

    def __init__(self) -> None:
        self.line = "attract; printer ready"

    def describe(self) -> str:
        return self.line


@pytest.fixture
def booth() -> Booth:
    return Booth()


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QLabel]:
    label = QLabel("attract")
    qtbot.addWidget(label)
    yield label


@pytest.fixture
def link(window: QLabel, notify: NotifySocket, booth: Booth) -> Iterator[SupervisorLink]:
    environ = {"NOTIFY_SOCKET": str(notify.path), "WATCHDOG_USEC": WATCHDOG_USEC}
    made = SupervisorLink(SystemdNotifier.from_environment(environ), window, booth.describe,
                          watchdog_interval(environ))
    yield made
    made.pings.stop()
    made.notifier.close()


def first(notify: NotifySocket, key: str) -> Message | None:
    """The first message so far that sets `key` (reading what has arrived, not waiting)."""
    notify.drain()
    return next(iter(notify.with_key(key)), None)


def count(notify: NotifySocket, key: str) -> int:
    notify.drain()
    return len(notify.with_key(key))


def test_starting_at_the_first_paint_then_ready_once_the_booth_is_on_the_screen(
        qtbot: QtBot, window: QLabel, link: SupervisorLink, notify: NotifySocket,
        booth: Booth) -> None:
    link.start()
    qtbot.waitUntil(lambda: first(notify, "WATCHDOG") is not None)
    assert first(notify, "STATUS") is None  # pings, but nothing painted: the window is hidden
    with qtbot.waitSignal(link.painted):
        window.show()
    qtbot.waitUntil(lambda: first(notify, "STATUS") is not None)
    assert first(notify, "STATUS").fields == {"STATUS": "starting"}
    assert first(notify, "READY") is None and not link.ready
    booth.line = "printing; printer printing"  # a booth resumed where a crash cut it short
    with qtbot.waitSignal(link.ready_announced):
        link.announce_ready()
    qtbot.waitUntil(lambda: first(notify, "READY") is not None)
    assert first(notify, "READY").fields == {"READY": "1", "STATUS": "printing; printer printing"}
    link.announce_ready()
    assert count(notify, "READY") == 1


def test_pings_run_at_half_the_watchdog_period(
        qtbot: QtBot, link: SupervisorLink, notify: NotifySocket) -> None:
    assert link.pings.interval() == 50
    link.start()
    qtbot.waitUntil(lambda: count(notify, "WATCHDOG") >= 3)


def test_pings_stop_while_the_ui_thread_is_blocked(
        qtbot: QtBot, link: SupervisorLink, notify: NotifySocket) -> None:
    link.start()
    qtbot.waitUntil(lambda: count(notify, "WATCHDOG") >= 2)
    notify.drain()
    # The UI thread freezes for ten ping periods: the timer lives on it, so nothing is sent.
    time.sleep(0.5)
    assert notify.drain() == []
    before = count(notify, "WATCHDOG")
    qtbot.waitUntil(lambda: count(notify, "WATCHDOG") > before)  # and they resume


def test_status_is_sent_when_what_the_booth_does_changes(
        qtbot: QtBot, window: QLabel, booth: Booth, link: SupervisorLink,
        notify: NotifySocket) -> None:
    window.show()
    qtbot.waitUntil(lambda: first(notify, "STATUS") is not None)  # starting
    link.announce_ready()
    qtbot.waitUntil(lambda: first(notify, "READY") is not None)
    link.refresh_status()
    assert notify.with_key("STATUS")[-1].fields.get("READY") == "1"  # same line: not resent
    assert notify.drain() == []
    booth.line = "out_of_service E-PAPER; printer paper_out: Printer is out of paper"
    link.refresh_status()
    assert notify.wait_for("STATUS", booth.line, timeout=5).fields == {"STATUS": booth.line}


def test_stopping_stops_the_pings_and_says_so(
        qtbot: QtBot, link: SupervisorLink, notify: NotifySocket) -> None:
    link.start()
    qtbot.waitUntil(lambda: first(notify, "WATCHDOG") is not None)
    link.stopping()
    assert not link.pings.isActive()
    assert notify.wait_for("STOPPING", "1", timeout=5).fields["STATUS"] == "stopping"
