"""Camera capture: virtual, webcam and DSLR backends behind one resilient service."""

from contract.backoff import Backoff
from kiosk.camera.backend import CameraBackend, CameraFault, CameraUnavailable
from kiosk.camera.service import CameraService

__all__ = ["Backoff", "CameraBackend", "CameraFault", "CameraService", "CameraUnavailable"]
