"""What every camera backend offers the service, and the two ways it can fail.

A backend is driven by one worker thread only (the service's), so it needs no
locking of its own: setup → frame()/capture() → teardown, then setup again on
a restart.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # numpy is imported by the backends, on the camera's thread
    import numpy as np


class CameraFault(Exception):
    """The device failed or is missing; the service tears down and retries."""


class CameraUnavailable(Exception):
    """This backend cannot work on this machine at all (library missing); no retry."""


class CameraBackend(Protocol):
    name: str
    # Seconds between frames the service should wait; 0 when the device paces itself.
    frame_interval: float

    def setup(self) -> None: ...

    def frame(self) -> np.ndarray:
        """The next preview frame: RGB uint8 HxWx3, not mirrored."""
        ...

    def capture(self, path: Path) -> None:
        """Write a full-resolution still to `path` as JPEG."""
        ...

    def teardown(self) -> None: ...


def fit_size(width: int, height: int, max_width: int, max_height: int) -> tuple[int, int]:
    """The largest size with the source's aspect that fits in max_width x max_height."""
    scale = min(max_width / width, max_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))
