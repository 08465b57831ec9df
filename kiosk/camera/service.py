"""The camera service: one worker thread keeps a backend alive and serves frames.

setup → run → teardown; a failing device is torn down and set up again after an
exponential backoff (2 s, 4 s, … capped at 20 s); meanwhile no frame comes (the screen
says, in the customer's language, that the camera is not ready). Only the latest preview
frame is kept: a slow reader
drops frames, nothing queues up. It keeps the booth's service contract: health is
`degraded` while a failing device is being retried, `fault` once that has lasted
longer than `grace_seconds` or when this machine has no usable camera at all.
Every callback (`on_health`, a capture's `on_done`) runs on the worker thread.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from assets import asset_path
from contract.backoff import Backoff
from kiosk.camera.backend import CameraBackend, CameraFault, CameraUnavailable
from kiosk.core import technician_codes
from kiosk.core.config import CameraSection
from kiosk.core.health_reporter import HealthReporter
from kiosk.core.ports import CaptureDone, Health, HealthCallback, HealthState

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Capture:
    path: Path
    on_done: CaptureDone


_STOP = object()


def make_backend(config: CameraSection) -> CameraBackend:
    """The configured backend. Its module (with numpy, Pillow or OpenCV) is imported here,
    which the service does on its own thread: the booth's first screen does not wait."""
    width, height = config.preview_width, config.preview_height
    if config.backend == "webcam":
        from kiosk.camera.webcam import WebcamCamera
        return WebcamCamera(config.device, width, height)
    if config.backend == "dslr":
        from kiosk.camera.dslr import GPhotoCamera
        return GPhotoCamera(config.device, width, height)
    from kiosk.camera.virtual import VirtualCamera
    frames = Path(config.device) if config.device else asset_path("camera")
    return VirtualCamera(frames, width, height)


class CameraService:
    def __init__(self, config: CameraSection, *,
                 clock: Callable[[], float] = time.monotonic,
                 on_health: HealthCallback | None = None,
                 backend: CameraBackend | None = None, backoff: Backoff | None = None):
        self.config = config
        self.clock = clock
        self._backend = backend
        self.backoff = backoff or Backoff()
        self._lock = threading.Lock()
        self._health = HealthReporter("camera", on_health, clock, "not started")
        self._frame: tuple[int, np.ndarray] | None = None
        self._sequence = 0
        self._requests: queue.Queue[object] = queue.Queue()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def backend(self) -> CameraBackend:
        """The backend given, or the configured one, made on first use (by the worker)."""
        if self._backend is None:
            self._backend = make_backend(self.config)
        return self._backend

    # -- the caller's side ---------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("camera service already started")
        name = self._backend.name if self._backend is not None else self.config.backend
        self._thread = threading.Thread(target=self._run, name=f"camera-{name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the worker and wait for it; pending captures are answered with an error."""
        with self._lock:
            self._stopping.set()
        self._requests.put(_STOP)
        if self._thread is not None:
            self._thread.join()
        self._drain()

    def health(self) -> Health:
        """A device fault is `degraded` while it is retried within the grace time, then
        `fault` (the booth goes out of service); no usable camera at all is `fault` at once."""
        health = self._health.current
        if (health.state is HealthState.degraded
                and self.clock() - health.since > self.config.grace_seconds):
            return replace(health, state=HealthState.fault)
        return health

    def latest_frame(self) -> tuple[int, np.ndarray] | None:
        """(sequence, RGB uint8 HxWx3 frame, not mirrored); None before the first frame."""
        with self._lock:
            return self._frame

    def capture(self, path: Path, on_done: CaptureDone) -> None:
        """Capture a full-resolution JPEG still to `path` on the worker, then call on_done.

        After stop() the answer is an error, given at once on the caller's thread.
        """
        with self._lock:
            if not self._stopping.is_set():
                self._requests.put(_Capture(path, on_done))
                return
        on_done(None, "the camera service is stopped")

    # -- the worker ----------------------------------------------------------------------

    def _run(self) -> None:
        self._publish(HealthState.starting, f"starting the {self.backend.name} camera")
        failures = 0
        while not self._stopping.is_set():
            try:
                self.backend.setup()
                self._serve()
            except CameraUnavailable as exc:
                self._publish(HealthState.fault, str(exc))
                self._teardown()
                self._idle_until(None)
                break
            except Exception as exc:
                failures = 0 if self._state() is HealthState.ok else failures
                failures += 1
                if not isinstance(exc, CameraFault):
                    log.exception("camera: unexpected %s error", self.backend.name)
                self._publish(HealthState.degraded, str(exc) or type(exc).__name__)
            self._teardown()
            if failures and not self._stopping.is_set():
                self._idle_until(time.monotonic() + self.backoff.delay(failures))
        self._drain()

    def _serve(self) -> None:
        """Frames and captures until stop; a device failure propagates as an exception."""
        backend = self.backend
        due = time.monotonic()
        while True:
            try:
                request = self._requests.get(timeout=max(0.0, due - time.monotonic()))
            except queue.Empty:
                request = None
            if request is _STOP:
                return
            if isinstance(request, _Capture):
                self._capture(request)
                continue
            frame = backend.frame()
            with self._lock:
                self._sequence += 1
                self._frame = (self._sequence, frame)
            if self._state() is not HealthState.ok:
                self._publish(HealthState.ok, f"{backend.name} camera ready")
            due = max(due + backend.frame_interval, time.monotonic())

    def _capture(self, request: _Capture) -> None:
        try:
            request.path.parent.mkdir(parents=True, exist_ok=True)
            self.backend.capture(request.path)
        except CameraFault as exc:
            self._answer(request, None, f"capture failed: {exc}")
            raise
        except OSError as exc:
            self._answer(request, None, f"could not save the photo: {exc}")
        else:
            self._answer(request, request.path, None)

    def _idle_until(self, deadline: float | None) -> None:
        """Wait out a backoff (or forever, when unavailable), refusing captures meanwhile."""
        while True:
            timeout = None if deadline is None else deadline - time.monotonic()
            if timeout is not None and timeout <= 0:
                return
            try:
                request = self._requests.get(timeout=timeout)
            except queue.Empty:
                return
            if request is _STOP:
                return
            if isinstance(request, _Capture):
                self._answer(request, None, f"camera not ready: {self.health().message}")

    def _drain(self) -> None:
        while True:
            try:
                request = self._requests.get_nowait()
            except queue.Empty:
                return
            if isinstance(request, _Capture):
                self._answer(request, None, "the camera service is stopped")

    def _teardown(self) -> None:
        try:
            self.backend.teardown()
        except Exception:
            log.exception("camera: %s teardown failed", self.backend.name)

    def _answer(self, request: _Capture, path: Path | None, error: str | None) -> None:
        try:
            request.on_done(path, error)
        except Exception:
            log.exception("camera: a capture callback failed")

    def _state(self) -> HealthState:
        return self._health.current.state

    def _publish(self, state: HealthState, message: str) -> None:
        # A fault that keeps failing keeps its start time: the grace period counts from it.
        code = technician_codes.CAMERA if state in (HealthState.degraded,
                                                    HealthState.fault) else None
        if self._health.report(state, message, code) and state is HealthState.degraded:
            log.warning("camera: %s", message)
