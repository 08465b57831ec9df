"""The booth's screen under a paid session: `ui_stall_max_ms`, `ui_stall_p99_ms`,
`tap_to_qr_vs_own_floor`, `tap_to_qr_ratio_mobile_link`, `paid_to_printing_screen_p95_ms`,
`paid_to_cups_accepted_p95_ms`.

The real window (offscreen), the real driver, backend, cupsd and virtual camera; a
customer's taps on the real widgets. While each session runs, a 10 ms timer on the UI
thread measures how late it fires (a stall); a sampler thread records the UI thread's
Python stack whenever it is late by more than two frames, and the stalls are listed with
their stacks on stderr, so the cause is named, not guessed.
- tap → QR painted: from the tap on a package to the QR widget's first paint of the new
  code, against floors of the same run:
  `tap_to_qr_vs_own_floor` (on loopback): one bare `generate-qr` round trip plus the work
  the booth must do on the way, each measured alone right after the session: every durable
  commit counted on the path (the UI thread's and the checkout worker's, on the booth's
  store engine) times one commit of the same kind on a store beside it, one encoding of
  the session's QR, one paint of the window.
  `tap_to_qr_ratio_mobile_link`: the same tap → QR with the booth, and the floor's client,
  reaching the backend through the TCP proxy holding each chunk 25 ms (a mobile link's
  round trip), against one bare generate-qr round trip over it.
- paid → printing screen: the backend's paid commit (paid_at) → the printing screen shown.
- paid → CUPS accepted: the backend's paid commit → the booth's `print.submitted` event
  (written in the transaction that records the CUPS job id).
Run: `.venv/bin/python -m bench.bench_ui` (offscreen by itself).
"""

from __future__ import annotations

import os
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from bench.figures import Figure, emit, percentile

HEARTBEAT_MS = 10
STALL_MS = 33  # two frames at 60 Hz
SESSIONS = 9
BATCH = 3  # p95 figures: the worst of each batch of three sessions
DEADLINE = 90.0
LINK_DELAY_MS = 25.0
LINK_SESSIONS = 5


def wait_until(condition: Callable[[], object], what: str) -> None:
    """Run the event loop (idle between events, not spinning) until `condition()` holds."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(2)
    deadline = time.monotonic() + DEADLINE
    timed_out = [False]

    def look() -> None:
        if condition():
            loop.quit()
        elif time.monotonic() > deadline:
            timed_out[0] = True
            loop.quit()

    check.timeout.connect(look)
    check.start()
    loop.exec()
    check.stop()
    if timed_out[0]:
        raise TimeoutError(f"bench: no {what} within {DEADLINE:.0f} s")


class StallMonitor:
    """How late a 10 ms UI-thread timer fires, and what the UI thread was doing meanwhile."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.stacks: list[tuple[float, str]] = []
        self._last = time.perf_counter()
        self._ui_thread = threading.get_ident()
        self._stop = threading.Event()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)
        self._sampler = threading.Thread(target=self._sample, name="stall-sampler", daemon=True)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start(HEARTBEAT_MS)
        self._sampler.start()

    def stop(self) -> None:
        self.timer.stop()
        self._stop.set()
        self._sampler.join()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append(max(0.0, (now - self._last) * 1000 - HEARTBEAT_MS))
        self._last = now

    def _sample(self) -> None:
        seen_for = 0.0
        while not self._stop.wait(0.005):
            late = (time.perf_counter() - self._last) * 1000 - HEARTBEAT_MS
            if late < STALL_MS or self._last == seen_for:
                continue
            seen_for = self._last
            frame = sys._current_frames().get(self._ui_thread)
            if frame is not None:
                stack = "".join(traceback.format_stack(frame, limit=12))
                self.stacks.append((late, stack))


class Session:
    """One booth with its own backend and cupsd; sessions run one after another in it."""

    def __init__(self, root: Path, link_delay_ms: float = 0) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer
        from sqlalchemy import event as sa_event

        from backend.local_server import start_backend
        from kiosk.app.autopilot.tcp_proxy import TcpProxy
        from kiosk.app.booth import Booth
        from kiosk.core.config import KioskConfig
        from kiosk.core.store import Store
        from printing.private_cupsd import PrivateCups
        from ui.bridge import MainThreadPost
        from ui.kiosk_window import KioskWindow

        prints = root / "prints"
        prints.mkdir()
        prints.chmod(0o777)
        self.cupsd = PrivateCups(root / "cups")
        self.cupsd.start()
        self.backend = start_backend(root / "backend")
        self.cupsd.add_directory_queue("bench", "gutenprint.5.3://dnp-ds620/expert", prints)
        self.link: TcpProxy | None = None
        backend_url = self.backend.url
        if link_delay_ms:
            self.link = TcpProxy("127.0.0.1", self.backend.port)
            self.link.delay(link_delay_ms)
            backend_url = self.link.url
        config = KioskConfig(
            backend={"url": backend_url, "device_token": self.backend.token,
                     "longpoll_wait": 25},
            printing={"queue": "bench", "cups_server": self.cupsd.server, "poll_seconds": 1.5},
            storage={"data_dir": str(root / "kiosk")},
            flow={"shots": 2, "countdown_seconds": 1, "done_seconds": 2},
            payment={"providers": ["sandbox"], "default_provider": "sandbox"})
        self.bridge = MainThreadPost()
        self.booth = Booth(config, post=self.bridge.post, config_path=root / "kiosk.toml")
        # Durable commits on the tap → QR path: the UI thread's (the flow) and the checkout
        # worker's; other threads (heartbeat, outbox, printer) are not the customer's wait.
        self.path_commits = 0
        ui_thread = threading.get_ident()

        def committed(_connection: object) -> None:
            thread = threading.current_thread()
            if thread.ident == ui_thread or thread.name.startswith("checkout"):
                self.path_commits += 1

        sa_event.listen(self.booth.store.engine, "commit", committed)
        self.floor_store = Store(root / "floor" / "kiosk.db")
        self.window = KioskWindow(self.booth.driver, windowed=True)
        self.ticker = QTimer()
        self.ticker.timeout.connect(self.booth.driver.tick)
        self.ticker.start(1000)
        self.shown_at: dict[str, float] = {}
        self.qr_painted: dict[str, float] = {}
        self.window.stack.currentChanged.connect(self._screen_shown)
        qr = self.window.screens.payment.qr

        class QrPaints(QObject):
            def eventFilter(inner, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and qr.data and qr.matrix:
                    self.qr_painted.setdefault(qr.data, time.perf_counter())
                return False

        self._qr_paints = QrPaints()
        qr.installEventFilter(self._qr_paints)
        self.booth.start()
        self.window.show()
        wait_until(lambda: self.booth.printing.can_print(1), "ready printer")
        self.http = httpx.Client(base_url=backend_url, timeout=10,
                                 headers={"Authorization": f"Bearer {self.backend.token}"})

    def _screen_shown(self, _index: int) -> None:
        current = self.window.stack.currentWidget()
        for state, screen in self.window.screens.by_state.items():
            if screen is current:
                self.shown_at[state] = time.time()

    def bare_generate_qr(self) -> float:
        """Seconds for one generate-qr round trip, nothing else around it."""
        started = time.perf_counter()
        answer = self.http.post("/api/generate-qr", json={
            "order_id": f"floor-{secrets.token_hex(6)}", "paymentType": "sandbox",
            "amount": 20000})
        took = time.perf_counter() - started
        answer.raise_for_status()
        return took

    def own_work(self, url: str, commits: int) -> float:
        """Seconds of the booth's required work on the tap → QR path, each part measured
        alone (median of five): `commits` durable commits like the flow's (a row and its
        event), one encoding of `url` as a QR, one paint of the whole window."""
        from kiosk.core.qr_modules import qr_matrix

        store = self.floor_store

        def commit() -> None:
            with store.transaction() as session:
                store.record(session, "bench.floor", None, "a commit like the flow's",
                             {"url": url})

        parts = [statistics.median(timed(work) for _ in range(5))
                 for work in (commit, lambda: qr_matrix(url), self.window.repaint)]
        return commits * parts[0] + parts[1] + parts[2]

    def paid_at(self, order_id: str) -> float:
        body = self.http.get(f"/api/payment-status/{order_id}").json()
        return datetime.fromisoformat(body["paid_at"].replace("Z", "+00:00")).timestamp()

    def one(self) -> dict[str, Any]:
        """One paid session by taps; its stalls and latencies."""
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        from kiosk.core.flow_table import State

        screens, driver = self.window.screens, self.booth.driver
        wait_until(lambda: driver.state is State.attract, "attract")
        self.shown_at.clear()
        monitor = StallMonitor()
        monitor.start()
        QTest.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
        wait_until(lambda: driver.state is State.review and screens.review.proceed.isEnabled(),
                   "composed preview shown")
        QTest.mouseClick(screens.review.proceed, Qt.MouseButton.LeftButton)
        wait_until(lambda: self.window.stack.currentWidget() is screens.choose, "packages")
        commits_before = self.path_commits
        tapped = time.perf_counter()
        QTest.mouseClick(screens.choose.cards[0], Qt.MouseButton.LeftButton)
        wait_until(lambda: driver.context.qr, "payment QR")
        url = str(driver.context.qr.payment_url)
        wait_until(lambda: url in self.qr_painted, "QR painted")
        commits = self.path_commits - commits_before
        order_id = str(driver.context.qr.order_id)
        # The guest's phone pays from elsewhere: not on the UI thread being measured.
        payer = threading.Thread(target=self.backend.sandbox_pay, args=(order_id,))
        payer.start()
        wait_until(lambda: driver.state is State.done, "done screen")
        payer.join()
        wait_until(lambda: driver.state is State.attract, "back to attract")
        monitor.stop()
        paid = self.paid_at(order_id)
        submitted = self.booth.store.events(kind="print.submitted", subject=order_id)[0].at
        return {"stall_max": max(monitor.gaps), "stall_p99": percentile(monitor.gaps, 0.99),
                "tap_to_qr": self.qr_painted[url] - tapped, "url": url, "commits": commits,
                "paid_to_printing": self.shown_at["printing"] - paid,
                "paid_to_accepted": submitted - paid, "stacks": monitor.stacks}

    def close(self) -> None:
        self.http.close()
        self.ticker.stop()
        self.window.allow_close()
        self.window.close()
        self.booth.stop()
        self.floor_store.close()
        if self.link is not None:
            self.link.stop()
        self.backend.stop()
        self.cupsd.stop()


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def report_stalls(stacks: list[tuple[float, str]]) -> None:
    """The UI thread's stack at each stall, most frequent first, for whoever fixes them."""
    counted: dict[str, list[float]] = {}
    for late, stack in stacks:
        counted.setdefault(stack, []).append(late)
    for stack, lates in sorted(counted.items(), key=lambda item: -len(item[1])):
        print(f"--- {len(lates)} stall(s), worst {max(lates):.0f} ms, UI thread at:\n{stack}",
              file=sys.stderr)


def run_sessions(count: int, link_delay_ms: float = 0) -> list[dict[str, Any]]:
    """`count` paid sessions in one booth; each result carries `floor`, the median of five
    bare generate-qr round trips measured right before it, and `own`, the booth's own work
    on its tap → QR path measured alone right after it."""
    root = Path(tempfile.mkdtemp(prefix="bench-ui-", dir="/tmp"))
    root.chmod(0o755)  # cupsd's filters run as lp
    session = Session(root, link_delay_ms)
    results = []
    try:
        for _ in range(count):
            floor = statistics.median(session.bare_generate_qr() for _ in range(5))
            result = session.one()
            own = session.own_work(result["url"], result["commits"])
            print(f"tap → QR {result['tap_to_qr'] * 1000:.1f} ms: bare round trip "
                  f"{floor * 1000:.1f} ms, own work {own * 1000:.1f} ms "
                  f"({result['commits']} commits)", file=sys.stderr)
            results.append({**result, "floor": floor, "own": own})
    finally:
        session.close()
        shutil.rmtree(root, ignore_errors=True)
    return results


def tap_to_qr_ratio(name: str, results: list[dict[str, Any]], floor_unit: str,
                    note: str, *, own_work: bool) -> Figure:
    """tap → QR ÷ its floor: the bare round trip, plus the booth's own work if `own_work`."""
    floors = [r["floor"] + (r["own"] if own_work else 0.0) for r in results]
    figure = Figure(name, "×", 1.5, "lower", floor_unit=floor_unit, note=note,
                    runs=[r["tap_to_qr"] / floor for r, floor in zip(results, floors,
                                                                     strict=True)])
    figure.floor = statistics.median(floors) * 1000
    return figure


def session_figures() -> list[Figure]:
    results = run_sessions(SESSIONS)
    stall_max = Figure("ui_stall_max_ms", "ms", 33, "lower",
                       note="the longest the UI thread was late in a paid session (median "
                       "of sessions)", runs=[r["stall_max"] for r in results])
    stall_p99 = Figure("ui_stall_p99_ms", "ms", 16, "lower",
                       note="p99 of the UI thread's lateness in a paid session",
                       runs=[r["stall_p99"] for r in results])
    commits = statistics.median(r["commits"] for r in results)
    tap_to_qr = tap_to_qr_ratio(
        "tap_to_qr_vs_own_floor", results, "ms bare generate-qr + the booth's own work",
        f"tap on a package → the new QR painted ÷ (one generate-qr round trip + the booth's "
        f"{commits:.0f} durable commits on the path + one QR encoding + one window paint, "
        f"each measured alone in the same run)", own_work=True)
    batches = [results[start:start + BATCH] for start in range(0, SESSIONS, BATCH)]
    to_screen = Figure("paid_to_printing_screen_p95_ms", "ms", 100, "lower",
                       note="backend commits paid → the printing screen shown (worst of 3)",
                       runs=[max(r["paid_to_printing"] for r in b) * 1000 for b in batches])
    to_cups = Figure("paid_to_cups_accepted_p95_ms", "ms", 150, "lower",
                     note="backend commits paid → CUPS accepted the job, recorded (worst of 3)",
                     runs=[max(r["paid_to_accepted"] for r in b) * 1000 for b in batches])
    report_stalls([stack for r in results for stack in r["stacks"]])
    return [stall_max, stall_p99, tap_to_qr, to_screen, to_cups]


def mobile_link_figure() -> Figure:
    """tap → QR over a link with a mobile round trip, against a bare round trip over it."""
    return tap_to_qr_ratio(
        "tap_to_qr_ratio_mobile_link", run_sessions(LINK_SESSIONS, LINK_DELAY_MS),
        "ms bare generate-qr over the link",
        f"tap → QR painted ÷ one generate-qr round trip, both through a TCP proxy holding "
        f"each chunk {LINK_DELAY_MS:.0f} ms", own_work=False)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_palette, load_fonts

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from kiosk.core.config import KioskConfig

    load_fonts()
    apply_palette(app, KioskConfig())
    emit([*session_figures(), mobile_link_figure()])


if __name__ == "__main__":
    main()
