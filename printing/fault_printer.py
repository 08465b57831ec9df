"""Steering the fault-injecting CUPS backend (`printing/backends/fault`): the printer's twin
for the tests, the benchmarks and `kiosk demo --autopilot --faults`."""

from __future__ import annotations

import json
from pathlib import Path

FAULT_BACKEND = Path(__file__).with_name("backends") / "fault"


class FaultPrinter:
    """A `fault:/dir` device: `set_mode` decides what the next job meets at the printer."""

    def __init__(self, directory: Path):
        self.directory = directory
        (directory / "out").mkdir(parents=True, exist_ok=True)
        self.set_mode("print")

    @property
    def uri(self) -> str:
        return f"fault:{self.directory}"

    def set_mode(self, mode: str, *, markers: dict[str, str] | None = None,
                 message: str | None = None) -> None:
        settings: dict[str, object] = {"mode": mode, "markers": markers or {}}
        if message is not None:
            settings["message"] = message
        staged = self.directory / "control.json.new"
        staged.write_text(json.dumps(settings))
        # Renamed into place so the backend never reads half a file.
        staged.replace(self.directory / "control.json")

    def fault_reported_at(self) -> float | None:
        """When the backend last reported a fault (Unix time), if it has."""
        path = self.directory / "fault_at"
        return float(path.read_text()) if path.exists() else None

    def deliveries(self) -> list[Path]:
        """Every print that reached the 'paper', one file per delivery."""
        return sorted(p for p in (self.directory / "out").iterdir() if p.suffix == ".prn")
