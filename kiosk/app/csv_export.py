"""Rows written as a CSV file, atomically: a full USB stick leaves no half-written file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kiosk.core.atomic_file import write_atomically


def csv_text(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


class CsvFileWriter:
    """`kiosk.core.ports.CsvFiles`: the directory is made if missing; OSError when the file
    cannot be written (the partial copy is removed)."""

    def write(self, directory: Path, stem: str, rows: list[list[object]]) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{stem}.csv"
        write_atomically(path, csv_text(rows))
        return path
