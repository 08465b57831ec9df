"""The virtual camera through the real service: frames, stills, faults and recovery."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PIL import Image

from assets import asset_path
from kiosk.camera import Backoff
from kiosk.camera.virtual import VirtualCamera, VirtualDevice
from kiosk.core.config import CameraSection
from kiosk.core.ports import HealthState
from tests.camera.conftest import CaptureResult
from tests.harness.waiting import wait_for


def virtual(device: VirtualDevice | None = None, frames_dir: Path | None = None) -> VirtualCamera:
    return VirtualCamera(frames_dir or asset_path("camera"), 1280, 720, fps=60, device=device)


def test_preview_frames_are_rgb_at_preview_size_and_keep_coming(start_service):
    service, log = start_service()
    log.wait_for(HealthState.ok)
    first, frame = wait_for(service.latest_frame, "a first frame")
    assert frame.shape == (720, 1280, 3) and frame.dtype == np.uint8
    later, _ = wait_for(lambda: (f := service.latest_frame()) and f[0] > first and f,
                          "a later frame")
    assert later > first
    assert log.threads == {"camera-virtual"}


def test_only_the_latest_frame_is_kept_so_a_slow_reader_skips_frames(start_service):
    service, log = start_service(backend=virtual())
    log.wait_for(HealthState.ok)
    first, _ = wait_for(service.latest_frame, "a first frame")
    later = wait_for(lambda: service.latest_frame()[0] >= first + 3, "three more frames")
    assert later
    sequence, _ = service.latest_frame()
    assert sequence >= first + 3  # frames in between were replaced, not queued for us


def test_capture_writes_a_full_resolution_still_and_answers_on_the_worker(start_service, tmp_path):
    service, log = start_service()
    log.wait_for(HealthState.ok)
    result = CaptureResult()
    target = tmp_path / "shots" / "s1" / "1.jpg"
    service.capture(target, result)
    result.wait()
    assert (result.path, result.error) == (target, None)
    assert result.thread == "camera-virtual"
    with Image.open(target) as still:
        assert still.format == "JPEG" and still.size == (1800, 1200)


def test_capture_to_an_unwritable_place_is_refused_and_the_camera_keeps_running(
        start_service, tmp_path):
    service, log = start_service()
    log.wait_for(HealthState.ok)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a folder should be")
    result = CaptureResult()
    service.capture(blocker / "1.jpg", result)
    result.wait()
    assert result.path is None and "could not save the photo" in result.error
    assert service.health().state == HealthState.ok
    good = CaptureResult()
    service.capture(tmp_path / "ok.jpg", good)
    assert good.wait().error is None and (tmp_path / "ok.jpg").stat().st_size > 0


def test_unplugged_camera_faults_refuses_captures_and_recovers(start_service, tmp_path):
    device = VirtualDevice()
    service, log = start_service(backend=virtual(device))
    log.wait_for(HealthState.ok)
    device.unplug("cable pulled")
    log.wait_for(HealthState.degraded, text="cable pulled")
    refused = CaptureResult()
    service.capture(tmp_path / "x.jpg", refused)
    assert "camera not ready: cable pulled" in refused.wait().error
    assert not (tmp_path / "x.jpg").exists()
    at_fault = len(log.items)
    device.plug_in()
    log.wait_for(HealthState.ok, after=at_fault)
    sequence, _ = service.latest_frame()
    wait_for(lambda: service.latest_frame()[0] > sequence, "frames after recovery")
    captured = CaptureResult()
    service.capture(tmp_path / "after.jpg", captured)
    assert captured.wait().error is None


def test_a_fault_outlasting_the_grace_time_puts_the_booth_out_of_service(start_service):
    now = [1000.0]
    device = VirtualDevice()
    config = CameraSection(grace_seconds=30)
    service, log = start_service(config, backend=virtual(device), clock=lambda: now[0])
    log.wait_for(HealthState.ok)
    device.unplug("usb gone")
    fault = log.wait_for(HealthState.degraded)
    assert fault.since == 1000.0
    now[0] += 30
    assert not service.health().faulted
    now[0] += 1
    assert service.health().faulted
    at_fault = len(log.items)
    device.plug_in()
    log.wait_for(HealthState.ok, after=at_fault)
    assert not service.health().faulted


def test_repeated_setup_failures_keep_the_first_fault_time(start_service):
    now = [50.0]
    device = VirtualDevice()
    device.unplug("no camera")
    _, log = start_service(backend=virtual(device), clock=lambda: now[0])
    log.wait_for(HealthState.degraded)
    now[0] = 500.0
    device.unplug("still no camera")  # the next retry fails with a new message
    second = log.wait_for(HealthState.degraded, text="still no camera")
    assert second.since == 50.0


def test_backoff_doubles_from_two_seconds_up_to_twenty():
    assert [Backoff().delay(n) for n in range(1, 7)] == [2, 4, 8, 16, 20, 20]


def test_missing_sample_frames_make_the_camera_unavailable_not_a_crash(start_service, tmp_path):
    config = CameraSection(device=str(tmp_path))
    service, log = start_service(config)
    status = log.wait_for(HealthState.fault)
    assert str(tmp_path) in status.message
    assert service.health().faulted
    refused = CaptureResult()
    service.capture(tmp_path / "x.jpg", refused)
    assert "camera not ready" in refused.wait().error


def test_stop_joins_the_worker_and_answers_later_captures(start_service, tmp_path):
    service, log = start_service()
    log.wait_for(HealthState.ok)
    service.stop()
    assert not any(t.name == "camera-virtual" and t.is_alive()
                   for t in threading.enumerate())
    result = CaptureResult()
    service.capture(tmp_path / "late.jpg", result)
    assert result.done.is_set() and "stopped" in result.error
