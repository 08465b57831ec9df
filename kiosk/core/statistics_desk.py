"""The statistics page: the figures, where they may be exported, and the export itself
(the file is written by the `CsvFiles` port, the USB sticks found by `UsbMounts`)."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from kiosk.core import statistics
from kiosk.core.config import KioskConfig
from kiosk.core.desk_work import DeskWork, Done, Outcome
from kiosk.core.handoff import Post, Submit
from kiosk.core.ports import CsvFiles, UsbMounts
from kiosk.core.store import Store


class StatisticsDesk(DeskWork):
    def __init__(self, *, config: KioskConfig, usb: UsbMounts, files: CsvFiles, store: Store,
                 exports_dir: Path, submit: Submit, post: Post):
        super().__init__(store, submit, post)
        self.config = config
        self.usb = usb
        self.files = files
        self.exports_dir = exports_dir

    def statistics(self, on_done: Callable[[dict[str, statistics.PeriodStats]], None]) -> None:
        self.load(lambda: statistics.compute(self.store, self.store.clock()), on_done)

    def export_targets(self, on_done: Callable[[list[Path]], None]) -> None:
        """Where a CSV may go: the USB sticks mounted now, then the booth's own folder."""
        self.load(lambda: [*self.usb.mounted(Path(self.config.service.usb_root)),
                           self.exports_dir], on_done)

    def export_csv(self, directory: Path, on_done: Done) -> None:
        booth_id = self.config.booth.id

        def work() -> Outcome:
            now = self.store.clock()
            rows = statistics.figure_rows(statistics.compute(self.store, now))
            try:
                path = self.files.write(directory, statistics.export_name(booth_id, now), rows)
            except OSError as exc:
                problem = "disk_full" if exc.errno == errno.ENOSPC else "not_writable"
                return self._refused("export", problem, f"CSV export to {directory} failed: "
                                     f"{exc.strerror or exc}", {"path": str(directory)})
            self._record("service.export", "statistics exported as CSV", {"path": str(path)})
            return Outcome("export", True, detail={"path": str(path)})

        self._run("export", work, on_done)
