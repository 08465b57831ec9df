"""Camera and compose benchmark; prints JSON.

Compose: median time per shipped layout from 4 x 24 MP JPEGs and from 4 x 1280x720
frames. Preview: frames per second delivered by the virtual and webcam (video file)
backends at 1280x720, and the process CPU they cost as a share of one core.
Targets (issue 5): 24 MP 4-shot compose <= 400 ms median; preview >= 25 fps at <= 35 %.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from assets import asset_path
from kiosk.camera import CameraService
from kiosk.core.compose import compose
from kiosk.core.config import CameraSection
from kiosk.core.layouts import load_layouts
from kiosk.core.ports import HealthState

RUNS = 7
PREVIEW_SECONDS = 5.0


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


def bench_compose(work: Path) -> dict[str, dict[str, float]]:
    layouts, _ = load_layouts(asset_path("layouts"))
    inputs = {"24mp": make_shots(work / "24mp", (6000, 4000)),
              "720p": make_shots(work / "720p", (1280, 720))}
    results: dict[str, dict[str, float]] = {}
    for name, layout in sorted(layouts.items()):
        results[name] = {}
        for label, shots in inputs.items():
            times = []
            for run in range(RUNS):
                started = time.perf_counter()
                compose(layout, shots, work / "out", f"{name}-{label}-{run}",
                        texts={"event_name": "Benchmark party", "date": "22.11.2026"})
                times.append((time.perf_counter() - started) * 1000)
            results[name][f"{label}_median_ms"] = round(statistics.median(times), 1)
    return results


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


def bench_preview(config: CameraSection) -> dict[str, float | str]:
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
        return {"error": service.health().message}
    wall = wall1 - wall0
    return {"fps": round((last[0] - first[0]) / wall, 1),
            "cpu_share_of_one_core": round((cpu1 - cpu0) / wall, 3),
            "frame": "x".join(map(str, last[1].shape[1::-1]))}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-camera-") as temp:
        work = Path(temp)
        compose_results = bench_compose(work)
        video = write_video(work / "webcam.avi", seconds=PREVIEW_SECONDS + 4)
        preview = {
            "virtual": bench_preview(CameraSection(backend="virtual")),
            "webcam_video_file": bench_preview(CameraSection(backend="webcam",
                                                             device=str(video))),
        }
    worst_24mp = max(r["24mp_median_ms"] for r in compose_results.values())
    report = {
        "compose": compose_results,
        "preview_1280x720": preview,
        "targets": {
            "compose_24mp_median_ms_max": 400,
            "compose_24mp_met": worst_24mp <= 400,
            "preview_fps_min": 25,
            "preview_cpu_share_max": 0.35,
            "preview_met": all(isinstance(p.get("fps"), float) and p["fps"] >= 25
                               and p["cpu_share_of_one_core"] <= 0.35
                               for p in preview.values()),
        },
        "cpus": os.cpu_count(),
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
