"""The webcam backend's real OpenCV path, fed by a video file the test writes."""

from __future__ import annotations

import numpy as np
from PIL import Image

from kiosk.core.config import CameraSection
from kiosk.core.ports import HealthState
from tests.camera.conftest import CaptureResult, write_video
from tests.harness.waiting import wait_for


def webcam(path) -> CameraSection:
    return CameraSection(backend="webcam", device=str(path))


def test_webcam_frames_arrive_in_rgb_and_unmirrored(start_service, tmp_path):
    video = write_video(tmp_path / "cam.avi", frames=60)
    service, log = start_service(webcam(video))
    log.wait_for(HealthState.ok)
    _, frame = wait_for(service.latest_frame, "a webcam frame")
    assert frame.shape == (240, 320, 3) and frame.dtype == np.uint8
    left, right = frame[120:, 20:140].mean(axis=(0, 1)), frame[120:, 180:300].mean(axis=(0, 1))
    assert left[0] > 180 and left[2] < 60  # red stays on the left: RGB order, not mirrored
    assert right[2] > 180 and right[0] < 60
    assert log.threads == {"camera-webcam"}


def test_webcam_frames_larger_than_the_preview_are_scaled_to_fit(start_service, tmp_path):
    video = write_video(tmp_path / "big.avi", frames=30, size=(640, 480))
    config = CameraSection(backend="webcam", device=str(video), preview_width=320,
                           preview_height=240)
    service, log = start_service(config)
    log.wait_for(HealthState.ok)
    _, frame = wait_for(service.latest_frame, "a webcam frame")
    assert frame.shape == (240, 320, 3)


def test_webcam_capture_saves_the_full_frame_as_jpeg(start_service, tmp_path):
    video = write_video(tmp_path / "big.avi", frames=90, size=(640, 480))
    config = CameraSection(backend="webcam", device=str(video), preview_width=320,
                           preview_height=240)
    service, log = start_service(config)
    log.wait_for(HealthState.ok)
    result = CaptureResult()
    service.capture(tmp_path / "shot.jpg", result)
    assert result.wait().error is None
    with Image.open(tmp_path / "shot.jpg") as still:
        assert still.format == "JPEG" and still.size == (640, 480)
        red = np.asarray(still.convert("RGB"))[300:, 50:250].mean(axis=(0, 1))
    assert red[0] > 180 and red[2] < 60


def test_a_webcam_that_disappears_faults_and_comes_back(start_service, tmp_path):
    video = write_video(tmp_path / "cam.avi", frames=15)
    kept = video.read_bytes()
    service, log = start_service(webcam(video))
    log.wait_for(HealthState.ok)
    video.unlink()  # the stream runs dry and the device cannot be opened again
    log.wait_for(HealthState.degraded, text="cannot open webcam")
    refused = CaptureResult()
    service.capture(tmp_path / "gone.jpg", refused)
    assert "camera not ready" in refused.wait().error
    gone = len(log.items)
    video.write_bytes(kept)
    log.wait_for(HealthState.ok, after=gone)


def test_a_webcam_that_never_opens_is_a_fault_with_its_name(start_service, tmp_path):
    missing = tmp_path / "video9"
    service, log = start_service(webcam(missing))
    status = log.wait_for(HealthState.degraded)
    assert f"cannot open webcam {str(missing)!r}" == status.message
    assert not service.health().faulted  # still within the grace time
