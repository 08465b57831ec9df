"""Camera test harness: a status recorder, a service factory that always stops, video files."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from kiosk.camera import Backoff, CameraService
from kiosk.core.config import CameraSection
from kiosk.core.ports import Health, HealthState

FAST = Backoff(base=0.01, cap=0.05)
DEADLINE = 15.0


class StatusLog:
    """Every health the service published, in order, with a way to wait for one."""

    def __init__(self) -> None:
        self.items: list[Health] = []
        self.threads: set[str] = set()
        self._changed = threading.Condition()

    def __call__(self, status: Health) -> None:
        with self._changed:
            self.items.append(status)
            self.threads.add(threading.current_thread().name)
            self._changed.notify_all()

    def wait_for(self, state: HealthState, *, after: int = 0,
                 text: str = "") -> Health:
        """The first status at index >= after with this state (and text in its message)."""
        def found() -> Health | None:
            return next((s for s in self.items[after:]
                         if s.state == state and text in s.message), None)
        with self._changed:
            if not self._changed.wait_for(lambda: found() is not None, timeout=DEADLINE):
                raise AssertionError(f"no {state} status containing {text!r}; got {self.items}")
            result = found()
            assert result is not None
            return result


class CaptureResult:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.path: Path | None = None
        self.error: str | None = None
        self.thread = ""

    def __call__(self, path: Path | None, error: str | None) -> None:
        self.path, self.error = path, error
        self.thread = threading.current_thread().name
        self.done.set()

    def wait(self) -> CaptureResult:
        assert self.done.wait(DEADLINE), "capture was never answered"
        return self


@pytest.fixture
def start_service() -> Iterator[Callable[..., tuple[CameraService, StatusLog]]]:
    started: list[CameraService] = []

    def start(config: CameraSection | None = None, **kwargs: Any
              ) -> tuple[CameraService, StatusLog]:
        log = StatusLog()
        kwargs.setdefault("backoff", FAST)
        service = CameraService(config or CameraSection(), on_health=log,
                                **kwargs)
        service.start()
        started.append(service)
        return service, log

    yield start
    for service in started:
        service.stop()


def write_video(path: Path, frames: int, size: tuple[int, int] = (320, 240),
                fps: float = 30.0) -> Path:
    """A real MJPEG AVI: left half red, right half blue, a grey band whose shade counts frames."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    assert writer.isOpened()
    width, height = size
    for index in range(frames):
        bgr = np.zeros((height, width, 3), np.uint8)
        bgr[:, : width // 2] = (0, 0, 230)
        bgr[:, width // 2:] = (230, 0, 0)
        bgr[: height // 8] = 20 + index * 200 // max(1, frames - 1)
        writer.write(bgr)
    writer.release()
    return path
