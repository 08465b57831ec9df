"""A USB webcam (or any source OpenCV opens: a V4L2 device, a video file).

A video file is paced at its own frame rate and plays once: its end counts as
the source disappearing, which is how tests drive the restart path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.camera.backend import CameraFault, CameraUnavailable, fit_size


class WebcamCamera:
    name = "webcam"

    def __init__(self, device: str, width: int, height: int):
        self.device = device
        self.width, self.height = width, height
        self.frame_interval = 0.0
        self._cv2: Any = None
        self._capture: Any = None
        self._last_bgr: np.ndarray | None = None

    def _source(self) -> int | str:
        if not self.device:
            return 0
        return int(self.device) if self.device.isdigit() else self.device

    def setup(self) -> None:
        try:
            import cv2
        except ImportError as exc:
            raise CameraUnavailable(f"OpenCV is not installed ({exc})") from None
        self._cv2 = cv2
        source = self._source()
        capture = cv2.VideoCapture(source)
        if not capture.isOpened():
            capture.release()
            raise CameraFault(f"cannot open webcam {source!r}")
        self._capture = capture
        if isinstance(source, str) and Path(source).is_file():
            fps = capture.get(cv2.CAP_PROP_FPS)
            self.frame_interval = 1.0 / fps if 1 <= fps <= 240 else 1.0 / 30
        else:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            self.frame_interval = 0.0

    def _read(self) -> np.ndarray:
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            raise CameraFault(f"webcam {self._source()!r} stopped delivering frames")
        self._last_bgr = bgr
        return bgr

    def frame(self) -> np.ndarray:
        cv2 = self._cv2
        bgr = self._read()
        height, width = bgr.shape[:2]
        if width > self.width or height > self.height:
            size = fit_size(width, height, self.width, self.height)
            bgr = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)

    def capture(self, path: Path) -> None:
        bgr = self._last_bgr if self._last_bgr is not None else self._read()
        ok, encoded = self._cv2.imencode(".jpg", bgr, [self._cv2.IMWRITE_JPEG_QUALITY, 95])
        if not ok:
            raise CameraFault("could not encode the webcam still as JPEG")
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(encoded.tobytes())
        os.replace(partial, path)

    def teardown(self) -> None:
        if self._capture is not None:
            self._capture.release()
        self._capture = None
        self._last_bgr = None
