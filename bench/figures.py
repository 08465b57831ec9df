"""One shape for every benchmark figure, and the results files `make bench` writes.

A figure is measured several times; the median is what counts and the min–max beside it is
the noise. Where a target is a ratio, `floor` is the reference measured in the same run
(on the same machine, at the same time), so a busy or slow machine moves both alike.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class Figure:
    name: str
    unit: str
    target: float
    better: Literal["lower", "higher"]
    runs: list[float] = field(default_factory=list)
    floor: float | None = None  # the same-run reference a ratio divides by
    floor_unit: str = ""
    note: str = ""

    @property
    def measured(self) -> float:
        return statistics.median(self.runs)

    @property
    def meets(self) -> bool:
        if not self.runs:
            return False
        return self.measured <= self.target if self.better == "lower" \
            else self.measured >= self.target

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "unit": self.unit, "measured": rounded(self.measured),
                "target": self.target, "meets": self.meets,
                "floor": None if self.floor is None else rounded(self.floor),
                "floor_unit": self.floor_unit,
                "min": rounded(min(self.runs)), "max": rounded(max(self.runs)),
                "runs": len(self.runs), "better": self.better, "note": self.note}


def rounded(value: float) -> float:
    return round(value, 3 if abs(value) < 10 else 1)


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile (q in 0..1) of a non-empty sample."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def emit(figures: list[Figure]) -> None:
    """A benchmark's last line on stdout: its figures as one JSON list."""
    print(json.dumps([figure.as_json() for figure in figures]), flush=True)


def markdown(rows: list[dict[str, Any]], header: str) -> str:
    lines = [header, "",
             "| figure | target | measured (median) | noise (min–max) | floor | meets |",
             "|---|---|---|---|---|---|"]
    for row in rows:
        sign = "≤" if row["better"] == "lower" else "≥"
        floor = f"{row['floor']} {row['floor_unit']}" if row["floor"] is not None else ""
        lines.append(
            f"| `{row['name']}` | {sign} {row['target']} {row['unit']} | "
            f"{row['measured']} {row['unit']} | {row['min']}–{row['max']} ({row['runs']} runs) "
            f"| {floor} | {'yes' if row['meets'] else '**no**'} |")
    # What each figure measures and what its floor is, in the benchmark's own words.
    lines += ["", "What each figure measures (and its floor):", ""]
    lines += [f"- `{row['name']}`: {row['note']}" for row in rows if row.get("note")]
    return "\n".join(lines) + "\n"
