"""UI costs on this machine, as JSON: screen layout+render, and one camera frame to the screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py
"""

from __future__ import annotations

import json
import os
import statistics
import time

import numpy as np


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.config import KioskConfig
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
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
