"""The crash test's booth, in its own process: the real booth and window (offscreen) and
walk-in customers who tap through session after session. Each payment URL read off the
screen goes to the phone's inbox; each phase of a session is said on stdout, so the chaos
controller can pick its moment to kill this process.

    python -m tests.longrun.chaos_booth KIOSK_TOML INBOX STOP_FILE SEED
"""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.app.autopilot.booth_on_screen import BoothOnScreen
from kiosk.app.autopilot.screen_reader import read_qr
from kiosk.app.logs import setup_logging
from kiosk.core.config import load_config
from kiosk.core.flow_events import Paid, QrReady
from kiosk.core.flow_table import State
from kiosk.core.notices import FlowMoved, Notice, PrintProgress

STEP_MS = 50


def say(line: str) -> None:
    print(line, flush=True)


class WalkIns:
    """Customers one after another until the stop file appears; then the booth idles."""

    def __init__(self, screen: BoothOnScreen, inbox: Path, stop_file: Path, seed: int):
        self.screen = screen
        self.inbox = inbox
        self.stop_file = stop_file
        self.rng = random.Random(seed)
        self.handed_to_phone: set[str] = set()
        self.stopping = False
        self.said_idle = False

    def on_notice(self, notice: Notice) -> None:
        # A job followed after a restart is never submitted again: "printing" says it too.
        if isinstance(notice, PrintProgress) \
                and notice.update.state in ("submitted", "printing"):
            say("PHASE printing")
        if not isinstance(notice, FlowMoved):
            return
        t = notice.transition
        moved = t.target is not t.source
        if t.target is State.capture and moved:
            say("PHASE capture")
        elif isinstance(t.event, QrReady):
            say("PHASE qr")
        elif t.target is State.printing and moved:
            if isinstance(t.event, Paid):
                say("PHASE paid")
            say("PHASE submitting")
        elif t.target is State.done and moved:
            say("PHASE done")

    def tap(self, widget: object) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def hand_to_phone(self, url: str) -> None:
        order_id = url.rstrip("/").rsplit("/", 1)[-1]
        if order_id in self.handed_to_phone:
            return
        self.handed_to_phone.add(order_id)
        staged = self.inbox / f".{order_id}.new"
        staged.write_text(url)
        staged.replace(self.inbox / f"{order_id}.url")

    def step(self) -> None:
        window, s = self.screen.window, self.screen.window.screens
        current = window.stack.currentWidget()
        if current is s.attract:
            if self.stop_file.exists():
                if not self.said_idle:
                    self.said_idle = True
                    say("IDLE")
            elif self.screen.booth.printing.can_print(1):
                self.tap(s.attract.start_button)
        elif current is s.review and s.review.proceed.isEnabled():
            self.tap(s.review.proceed)
        elif current is s.choose and s.choose.cards:
            self.tap(self.rng.choice(s.choose.cards))
        elif current is s.payment and s.payment.qr_painted():
            url = read_qr(window)
            if url:
                self.hand_to_phone(url)
        elif current is s.done:
            self.tap(s.done)

    def run(self) -> None:
        while not self.stopping:
            QTest.qWait(STEP_MS)
            self.step()


def main(argv: list[str]) -> int:
    config_path, inbox, stop_file = (Path(arg) for arg in argv[1:4])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = load_config(config_path, required=True)
    setup_logging(logs=config.logs)
    screen = BoothOnScreen(config, config_path)
    walk_ins = WalkIns(screen, inbox, stop_file, int(argv[4]))
    screen.booth.driver.subscribe(walk_ins.on_notice)

    def stop(_signum: int, _frame: object) -> None:
        walk_ins.stopping = True

    signal.signal(signal.SIGTERM, stop)
    screen.start()
    say("STARTED")
    try:
        walk_ins.run()
    finally:
        screen.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
