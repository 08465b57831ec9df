"""UI costs on this machine, as JSON: screen layout+render, one camera frame to the screen,
and the UI thread's longest stall (an event-loop heartbeat) during a whole paid session
through the real driver, backend, cupsd and virtual camera.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

HEARTBEAT_MS = 10
SESSION_DEADLINE = 90.0


def wait_until(condition: Callable[[], object], what: str) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + SESSION_DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"bench: no {what} within {SESSION_DEADLINE:.0f} s")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def session_heartbeat() -> dict[str, object]:
    """Drive one paid session by taps while a timer measures how late the UI thread gets."""
    from PySide6.QtCore import QPoint, Qt, QTimer
    from PySide6.QtTest import QTest

    from backend.local_server import start_backend
    from kiosk.app.booth import Booth
    from kiosk.core.config import KioskConfig
    from kiosk.core.flow_table import State
    from printing.private_cupsd import PrivateCups
    from ui.bridge import MainThreadPost
    from ui.kiosk_window import KioskWindow

    root = Path(tempfile.mkdtemp(prefix="bench-ui-", dir="/tmp"))
    root.chmod(0o755)
    prints = root / "prints"
    prints.mkdir()
    prints.chmod(0o777)
    cupsd = PrivateCups(root / "cups")
    cupsd.start()
    backend = start_backend(root / "backend")
    booth = window = None
    gaps: list[float] = []
    try:
        cupsd.add_directory_queue("bench", "gutenprint.5.3://dnp-ds620/expert", prints)
        config = KioskConfig(
            backend={"url": backend.url, "device_token": backend.token, "longpoll_wait": 5},
            printing={"queue": "bench", "cups_server": cupsd.server, "poll_seconds": 0.5},
            storage={"data_dir": str(root / "kiosk")},
            flow={"shots": 2, "countdown_seconds": 1})
        bridge = MainThreadPost()
        booth = Booth(config, post=bridge.post)
        window = KioskWindow(booth.driver, windowed=True)
        ticker = QTimer()
        ticker.timeout.connect(booth.driver.tick)
        ticker.start(1000)
        last = [time.perf_counter()]

        def beat() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000 - HEARTBEAT_MS)
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.timeout.connect(beat)
        booth.start()
        window.show()
        wait_until(lambda: booth.printing.can_print(1), "ready printer")
        started = time.perf_counter()
        heartbeat.start(HEARTBEAT_MS)
        screens = window.screens
        QTest.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
        wait_until(lambda: screens.review.proceed.isEnabled(), "composed preview")
        QTest.mouseClick(screens.review.proceed, Qt.MouseButton.LeftButton)
        QTest.mouseClick(screens.choose.cards[0], Qt.MouseButton.LeftButton)
        wait_until(lambda: screens.payment.mode == "qr", "payment QR")
        # The guest's phone pays from elsewhere: not on the UI thread being measured.
        payer = threading.Thread(target=backend.sandbox_pay,
                                 args=(booth.driver.context.qr["order_id"],))
        payer.start()
        wait_until(lambda: booth.driver.state is State.done, "done screen")
        payer.join()
        heartbeat.stop()
        ticker.stop()
        gaps.sort()
        return {"session_seconds": round(time.perf_counter() - started, 2),
                "heartbeat_ms": HEARTBEAT_MS, "beats": len(gaps),
                "late_ms_median": round(statistics.median(gaps), 2),
                "late_ms_p99": round(gaps[int(len(gaps) * 0.99) - 1], 2),
                "late_ms_max": round(gaps[-1], 2)}
    finally:
        if window is not None:
            window.allow_close()
            window.close()
        if booth is not None:
            booth.stop()
        backend.stop()
        cupsd.stop()
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.core.config import KioskConfig
    from ui.metrics import Metrics
    from ui.photo_views import image_from_rgb
    from ui.screen_set import ScreenSet
    from ui.screenshots import SAMPLES, application
    from ui.theme import apply_palette, load_fonts

    app = application()
    config = KioskConfig()
    load_fonts()
    apply_palette(app, config)
    results: dict[str, object] = {"benchmark": "ui"}
    for width, height in ((1024, 600), (1920, 1080)):
        screens = ScreenSet(config)
        sheet = screens.apply_metrics(Metrics(width, height))
        timings = {}
        for name, fill in SAMPLES:
            screen = fill(screens)
            screen.setStyleSheet(sheet)
            screen.resize(width, height)
            started = time.perf_counter()
            screen.show()
            QApplication.processEvents()
            screen.grab()
            timings[name] = round((time.perf_counter() - started) * 1000, 2)
            screen.hide()
        results[f"screen_render_ms_{width}x{height}"] = timings

    capture = ScreenSet(config).capture
    capture.resize(1920, 1080)
    capture.show()
    frame = np.random.default_rng(1).integers(0, 255, (720, 1280, 3), dtype=np.uint8)
    samples = []
    for _ in range(60):
        started = time.perf_counter()
        capture.set_frame(image_from_rgb(frame))
        capture.live.repaint()
        samples.append((time.perf_counter() - started) * 1000)
    results["frame_to_screen_ms_1280x720_on_1920x1080"] = {
        "median": round(statistics.median(samples), 2),
        "p95": round(sorted(samples)[int(len(samples) * 0.95) - 1], 2),
        "max": round(max(samples), 2)}
    results["ui_thread_during_paid_session"] = session_heartbeat()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
