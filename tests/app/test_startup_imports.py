"""What the first screen waits for: the modules a booth imports before its attract screen
is painted leave out the store's SQLModel and SQLAlchemy (the booth is built after that
paint), the camera stack, the HTTP client and the QR encoder (each is imported by the
thread that first uses it)."""

from __future__ import annotations

import subprocess
import sys

DEFERRED = ("sqlmodel", "sqlalchemy", "numpy", "cv2", "requests", "urllib3", "qrcode")
BEFORE_THE_FIRST_PAINT = ("kiosk.app.cli", "kiosk.app.run", "kiosk.app.supervisor_link",
                          "ui.bridge", "ui.kiosk_window", "ui.translations_build")


def test_the_first_screen_does_not_wait_for_the_store_camera_http_or_qr_libraries() -> None:
    imports = "; ".join(f"import {name}" for name in BEFORE_THE_FIRST_PAINT)
    found = subprocess.run(
        [sys.executable, "-c", f"import sys; {imports}; "
         f"print(' '.join(n for n in {DEFERRED!r} if n in sys.modules))"],
        capture_output=True, text=True, check=True, timeout=120)
    assert found.stdout.split() == []


def test_the_camera_service_imports_its_backend_when_its_thread_starts() -> None:
    script = """
import sys
from kiosk.camera.service import CameraService
from kiosk.core.config import CameraSection
service = CameraService(CameraSection())
print("numpy" in sys.modules)
service.start()
service.stop()
print("numpy" in sys.modules, service.backend.name)
"""
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, timeout=120)
    assert found.stdout.split() == ["False", "True", "virtual"]
