"""Camera and compose: `compose_24mp_ratio`, `preview_720p_fps`, `preview_720p_cpu_share`.

Compose: the shipped default layout's print from four 24 MP camera JPEGs, divided by a
plain full-size decode of the same four files (the floor, timed in the same run).
Preview: the camera service's frames per second and CPU share (of one core) at 1280x720,
for the virtual camera and for a webcam read from an MJPEG file; the worse of the two counts.
Run from the repository root: `.venv/bin/python -m bench.bench_camera`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from assets import asset_path
from bench.figures import Figure, emit
from kiosk.camera import CameraService
from kiosk.core.compose import compose
from kiosk.core.config import CameraSection, FlowSection
from kiosk.core.layouts import load_layouts
from kiosk.core.ports import HealthState

RUNS = 7
PREVIEW_RUNS = 3
PREVIEW_SECONDS = 4.0


def make_shots(folder: Path, size: tuple[int, int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    scenes = sorted(asset_path("camera").glob("*.jpg"))[:4]
    shots = []
    for index, scene in enumerate(scenes, start=1):
        with Image.open(scene) as image:
            shot = image.convert("RGB").resize(size, Image.Resampling.BICUBIC)
        # Sensor-like grain, so the JPEGs are as hard to decode as a camera's.
        grain = np.random.default_rng(index).integers(-6, 7, (size[1], size[0], 1), np.int16)
        pixels = np.clip(np.asarray(shot, np.int16) + grain, 0, 255).astype(np.uint8)
        shot = Image.fromarray(pixels, "RGB")
        path = folder / f"{index}.jpg"
        shot.save(path, quality=92)
        shots.append(path)
    return shots


def decode_full(shots: list[Path]) -> None:
    for shot in shots:
        with Image.open(shot) as image:
            image.load()


def bench_compose(work: Path) -> Figure:
    layouts, _ = load_layouts(asset_path("layouts"))
    layout = layouts[FlowSection().layout]
    shots = make_shots(work / "24mp", (6000, 4000))
    ratio = Figure("compose_24mp_ratio", "×", 0.6, "lower", floor_unit="ms (4 full decodes)",
                   note=f"compose 4 × 24 MP JPEG into {layout.name} ÷ a plain full-size "
                   "decode of the same files")
    floors = []
    for run in range(RUNS):
        started = time.perf_counter()
        decode_full(shots)
        floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        compose(layout, shots, work / "out", f"24mp-{run}",
                texts={"event_name": "Benchmark party", "date": "22.11.2026"})
        ratio.runs.append((time.perf_counter() - started) / floors[-1])
    ratio.floor = statistics.median(floors) * 1000
    return ratio


def write_video(path: Path, seconds: float, fps: float = 30.0) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (1280, 720))
    with Image.open(sorted(asset_path("camera").glob("*.jpg"))[0]) as scene:
        base = cv2.cvtColor(np.asarray(scene.convert("RGB").resize((1400, 788))),
                            cv2.COLOR_RGB2BGR)
    for index in range(int(seconds * fps)):
        x = index % 120
        writer.write(np.ascontiguousarray(base[34:754, x:x + 1280]))
    writer.release()
    return path


def preview(config: CameraSection) -> tuple[float, float]:
    """(frames per second, CPU share of one core) of the service's preview, after it is up."""
    service = CameraService(config)
    service.start()
    try:
        deadline = time.monotonic() + 20
        while service.health().state is not HealthState.ok and time.monotonic() < deadline:
            time.sleep(0.05)
        first = service.latest_frame()
        cpu0, wall0 = time.process_time(), time.monotonic()
        time.sleep(PREVIEW_SECONDS)
        last = service.latest_frame()
        cpu1, wall1 = time.process_time(), time.monotonic()
    finally:
        service.stop()
    if first is None or last is None:
        raise RuntimeError(f"{config.backend} camera gave no frames: {service.health().message}")
    wall = wall1 - wall0
    return (last[0] - first[0]) / wall, (cpu1 - cpu0) / wall


def bench_preview(video: Path) -> tuple[Figure, Figure]:
    fps = Figure("preview_720p_fps", "fps", 25, "higher",
                 note="1280x720 preview, the worse of the virtual camera and a webcam file")
    cpu = Figure("preview_720p_cpu_share", "of one core", 0.2, "lower",
                 note="the process's CPU while the preview runs, worse of the two cameras")
    cameras = (CameraSection(backend="virtual"),
               CameraSection(backend="webcam", device=str(video)))
    for _ in range(PREVIEW_RUNS):
        measured = [preview(camera) for camera in cameras]
        fps.runs.append(min(rate for rate, _ in measured))
        cpu.runs.append(max(share for _, share in measured))
    return fps, cpu


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-camera-") as temp:
        work = Path(temp)
        compose_ratio = bench_compose(work)
        video = write_video(work / "webcam.avi", seconds=PREVIEW_SECONDS + 6)
        fps, cpu = bench_preview(video)
    emit([compose_ratio, fps, cpu])


if __name__ == "__main__":
    main()
