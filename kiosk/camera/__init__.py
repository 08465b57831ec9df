"""Camera capture: virtual, webcam and DSLR backends behind one resilient service."""

from kiosk.camera.backend import CameraBackend, CameraFault, CameraUnavailable
from kiosk.camera.service import Backoff, CameraService

__all__ = ["Backoff", "CameraBackend", "CameraFault", "CameraService", "CameraUnavailable"]
