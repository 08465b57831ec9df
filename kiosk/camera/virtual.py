"""A camera without hardware: streams the bundled sample scenes, slowly panning.

It runs the same service code path as the real cameras. `VirtualDevice` lets a
test (or the technician's demo) pull the virtual cable and plug it back in.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import numpy as np
from PIL import Image

from kiosk.camera.backend import CameraFault, CameraUnavailable

PAN_MARGIN = 1.08  # preview scenes are this much larger than the frame, to pan across


class VirtualDevice:
    """The virtual camera's cable: unplug it to make the camera fail like a real one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._fault: str | None = None

    def unplug(self, reason: str = "virtual camera unplugged") -> None:
        with self._lock:
            self._fault = reason

    def plug_in(self) -> None:
        with self._lock:
            self._fault = None

    def check(self) -> None:
        with self._lock:
            fault = self._fault
        if fault:
            raise CameraFault(fault)


class VirtualCamera:
    name = "virtual"

    def __init__(self, frames_dir: Path, width: int, height: int, *, fps: float = 30.0,
                 seconds_per_scene: float = 4.0, device: VirtualDevice | None = None):
        self.frames_dir = frames_dir
        self.width, self.height = width, height
        self.frame_interval = 1.0 / fps
        self.frames_per_scene = max(1, round(seconds_per_scene * fps))
        self.device = device or VirtualDevice()
        self._sources: list[Path] = []
        self._scenes: list[np.ndarray] = []
        self._count = 0

    def setup(self) -> None:
        self.device.check()
        self._sources = sorted(self.frames_dir.glob("*.jpg"))
        if not self._sources:
            raise CameraUnavailable(f"no sample frames (*.jpg) in {self.frames_dir}")
        self._scenes = [self._preview_scene(path) for path in self._sources]
        self._count = 0

    def _preview_scene(self, path: Path) -> np.ndarray:
        with Image.open(path) as image:
            image = image.convert("RGB")
            scale = PAN_MARGIN * max(self.width / image.width, self.height / image.height)
            size = (round(image.width * scale), round(image.height * scale))
            return np.asarray(image.resize(size, Image.Resampling.BILINEAR))

    def _current(self) -> int:
        return (self._count // self.frames_per_scene) % len(self._scenes)

    def frame(self) -> np.ndarray:
        self.device.check()
        scene = self._scenes[self._current()]
        progress = (self._count % self.frames_per_scene) / self.frames_per_scene
        x = round((scene.shape[1] - self.width) * progress)
        y = round((scene.shape[0] - self.height) * (1 - progress) / 2)
        self._count += 1
        return scene[y:y + self.height, x:x + self.width].copy()

    def capture(self, path: Path) -> None:
        self.device.check()
        partial = path.with_name(path.name + ".part")
        shutil.copyfile(self._sources[self._current()], partial)
        os.replace(partial, path)

    def teardown(self) -> None:
        self._scenes = []
