"""A print command that arrives while the booth's disk is full (its store on a real tmpfs
filled to capacity) is kept, not dropped: the worker reports the full disk, writes the
command's row once space returns, and the order prints exactly once."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.core.config import PrintingSection
from kiosk.core.models import PrintJobState
from kiosk.core.ports import HealthState, PrinterState
from kiosk.core.storage_health import StorageHealth
from kiosk.core.store import Store
from printing.service import PrintingService
from tests.harness.tmpfs import fill, mounted_tmpfs
from tests.harness.waiting import wait_for
from tests.printing.conftest import Printer, add_order


def test_a_print_command_on_a_full_disk_is_kept_and_printed_once_when_space_returns(
        tmp_path: Path, printer: Printer, photo: Path) -> None:
    with mounted_tmpfs(tmp_path / "disk", size_kb=2048, mode=0o700) as disk:
        store = Store(disk / "booth.db")
        add_order(store, "o-full", print_file=photo)
        storage = StorageHealth(None, time.time)
        service = PrintingService(
            PrintingSection(queue=printer.queue, cups_server=printer.cupsd.server,
                            poll_seconds=0.2), store, storage=storage)
        service.start()
        try:
            wait_for(lambda: service.status.state is PrinterState.ready, "the printer seen")
            fill(disk)
            service.print_order("o-full", photo, 1, {})
            wait_for(lambda: storage.health().faulted, "the full disk reported")
            assert storage.health().code == "E-STORAGE"
            assert "printing worker" in storage.waiting()
            assert service.jobs_for("o-full") == []
            assert printer.fault.deliveries() == []

            (disk / "filler").unlink()
            wait_for(lambda: [row.state for row in service.jobs_for("o-full")]
                     == [PrintJobState.printed], "the kept command printed")
            wait_for(lambda: storage.health().state is HealthState.ok, "saving works again")
            assert len(printer.fault.deliveries()) == 1
        finally:
            service.stop()
            store.close()
