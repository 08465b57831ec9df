"""A DSLR or mirrorless camera through libgphoto2 (python-gphoto2, optional extra `dslr`).

Live view is `capture_preview`; a still is captured, downloaded, then removed
from the card so the card never fills. gphoto2 errors become technician
sentences; a busy camera (focusing, writing, waking) is retried a few times
before it counts as a fault.
"""

from __future__ import annotations

import contextlib
import io
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from PIL import Image

from kiosk.camera.backend import CameraFault, CameraUnavailable, fit_size

T = TypeVar("T")

# libgphoto2 result codes (gphoto2-result.h / gphoto2-port-result.h)
GP_ERROR_UNKNOWN_PORT = -5
GP_ERROR_IO = -7
GP_ERROR_IO_USB_FIND = -52
GP_ERROR_IO_USB_CLAIM = -53
GP_ERROR_MODEL_NOT_FOUND = -105
GP_ERROR_CAMERA_BUSY = -110

_MEANINGS = {
    GP_ERROR_MODEL_NOT_FOUND: "no camera found: is it switched on, awake and on USB?",
    GP_ERROR_IO_USB_CLAIM: "another program holds the camera's USB device "
                           "(e.g. gvfs-gphoto2-volume-monitor)",
    GP_ERROR_CAMERA_BUSY: "camera busy: focusing, writing to the card or asleep",
    GP_ERROR_IO_USB_FIND: "the camera's USB connection is gone",
    GP_ERROR_IO: "USB input/output error: cable or camera power",
    GP_ERROR_UNKNOWN_PORT: "the configured camera port (camera.device) does not exist",
}


def describe_gphoto_error(code: int, text: str) -> str:
    meaning = _MEANINGS.get(code, "camera error")
    return f"{meaning} (gphoto2 {code}: {text})"


def call_gphoto(error_type: type[Exception], action: Callable[..., T], *args: Any,
                retries: int, wait: float) -> T:
    """Run one libgphoto2 call; a busy camera is asked again, any other error is a fault."""
    attempt = 0
    while True:
        try:
            return action(*args)
        except error_type as exc:
            code, text = getattr(exc, "code", 0), getattr(exc, "string", str(exc))
            if code == GP_ERROR_CAMERA_BUSY and attempt < retries:
                attempt += 1
                time.sleep(wait)
                continue
            raise CameraFault(describe_gphoto_error(code, text)) from exc


class GPhotoCamera:
    name = "dslr"
    frame_interval = 0.0  # capture_preview waits for the camera's own live view

    def __init__(self, port: str, width: int, height: int, *, busy_retries: int = 3,
                 busy_wait: float = 0.5):
        self.port = port
        self.width, self.height = width, height
        self.busy_retries = busy_retries
        self.busy_wait = busy_wait
        self._gp: Any = None
        self._camera: Any = None

    def setup(self) -> None:
        try:
            import gphoto2
        except ImportError as exc:
            raise CameraUnavailable(
                f"python-gphoto2 is not installed ({exc}); install the 'dslr' extra") from None
        self._gp = gphoto2
        camera = gphoto2.Camera()
        if self.port:
            ports = gphoto2.PortInfoList()
            ports.load()
            index = self._call(ports.lookup_path, self.port)
            camera.set_port_info(ports[index])
        self._call(camera.init)
        self._camera = camera

    def _call(self, action: Callable[..., T], *args: Any) -> T:
        return call_gphoto(self._gp.GPhoto2Error, action, *args, retries=self.busy_retries,
                           wait=self.busy_wait)

    def frame(self) -> np.ndarray:
        preview = self._call(self._camera.capture_preview)
        data = self._call(preview.get_data_and_size)
        with Image.open(io.BytesIO(bytes(data))) as image:
            image.draft("RGB", (self.width, self.height))
            image = image.convert("RGB")
            if image.width > self.width or image.height > self.height:
                size = fit_size(image.width, image.height, self.width, self.height)
                image = image.resize(size, Image.Resampling.BILINEAR)
            return np.asarray(image)

    def capture(self, path: Path) -> None:
        gp = self._gp
        where = self._call(self._camera.capture, gp.GP_CAPTURE_IMAGE)
        still = self._call(self._camera.file_get, where.folder, where.name,
                           gp.GP_FILE_TYPE_NORMAL)
        partial = path.with_name(path.name + ".part")
        self._call(still.save, str(partial))
        os.replace(partial, path)
        with contextlib.suppress(gp.GPhoto2Error):  # a camera capturing to RAM has no file
            self._camera.file_delete(where.folder, where.name)

    def teardown(self) -> None:
        if self._camera is not None:
            with contextlib.suppress(self._gp.GPhoto2Error):  # the device may be gone already
                self._camera.exit()
        self._camera = None
