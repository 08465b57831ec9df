"""The gphoto2 backend: its real "no camera" path through libgphoto2, and a missing library."""

from __future__ import annotations

import sys

import pytest

from kiosk.camera import CameraFault
from kiosk.camera.dslr import call_gphoto, describe_gphoto_error
from kiosk.core.config import CameraSection
from kiosk.core.ports import HealthState
from tests.camera.conftest import CaptureResult

gp = pytest.importorskip("gphoto2")


def test_no_camera_on_usb_is_a_fault_with_a_technician_reason(start_service, tmp_path):
    service, log = start_service(CameraSection(backend="dslr"))
    status = log.wait_for(HealthState.degraded)
    assert status.message.startswith("no camera found: is it switched on")
    assert f"gphoto2 {gp.GP_ERROR_MODEL_NOT_FOUND}" in status.message
    refused = CaptureResult()
    service.capture(tmp_path / "x.jpg", refused)
    assert refused.wait().error.startswith("camera not ready: no camera found")


def test_a_configured_port_that_does_not_exist_is_named(start_service):
    _, log = start_service(CameraSection(backend="dslr", device="bogus:"))
    status = log.wait_for(HealthState.degraded)
    assert "port (camera.device) does not exist" in status.message


@pytest.mark.parametrize(("code", "meaning"), [
    (gp.GP_ERROR_IO_USB_CLAIM, "another program holds the camera's USB device"),
    (gp.GP_ERROR_CAMERA_BUSY, "camera busy"),
    (gp.GP_ERROR_IO_USB_FIND, "USB connection is gone"),
    (gp.GP_ERROR_IO, "USB input/output error"),
    (gp.GP_ERROR_NOT_SUPPORTED, "camera error"),
])
def test_gphoto_errors_read_as_sentences_with_the_library_code(code, meaning):
    error = gp.GPhoto2Error(code)
    text = describe_gphoto_error(error.code, error.string)
    assert meaning in text and f"gphoto2 {code}: {error.string}" in text


def test_without_python_gphoto2_the_backend_is_unavailable_not_a_crash(start_service,
                                                                       monkeypatch):
    monkeypatch.setitem(sys.modules, "gphoto2", None)  # what `import gphoto2` sees uninstalled
    service, log = start_service(CameraSection(backend="dslr"))
    status = log.wait_for(HealthState.fault)
    assert "python-gphoto2 is not installed" in status.message
    assert service.health().faulted


def busy_then(result: str, busy_times: int):
    calls = []

    def action(argument: str) -> str:
        calls.append(argument)
        if len(calls) <= busy_times:
            raise gp.GPhoto2Error(gp.GP_ERROR_CAMERA_BUSY)
        return result
    return action, calls


def test_a_busy_camera_is_asked_again_before_it_counts_as_a_fault():
    action, calls = busy_then("still.jpg", busy_times=2)
    assert call_gphoto(gp.GPhoto2Error, action, "go", retries=3, wait=0) == "still.jpg"
    assert calls == ["go", "go", "go"]


def test_a_camera_busy_for_too_long_is_a_fault():
    action, calls = busy_then("never", busy_times=10)
    with pytest.raises(CameraFault, match="camera busy"):
        call_gphoto(gp.GPhoto2Error, action, "go", retries=3, wait=0)
    assert len(calls) == 4


def test_other_gphoto_errors_are_faults_at_once():
    def unplugged() -> None:
        raise gp.GPhoto2Error(gp.GP_ERROR_IO_USB_FIND)
    with pytest.raises(CameraFault, match="USB connection is gone"):
        call_gphoto(gp.GPhoto2Error, unplugged, retries=3, wait=0)
