"""Health and storage: the parts' faults to the flow, the booth's status, old photos pruned."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from kiosk.core import technician_codes
from kiosk.core.booth_status import BoothStatus, disk_free_bytes, last_errors, outbox_backlog
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow, Transition
from kiosk.core.flow_events import (
    BackendFault,
    BackendOk,
    CameraFault,
    CameraOk,
    Fault,
    PrinterFault,
    PrinterOk,
    Recovered,
    StorageFault,
    StorageOk,
)
from kiosk.core.handoff import Post, Submit
from kiosk.core.media_prune import prune
from kiosk.core.notice_board import NoticeBoard
from kiosk.core.notices import HealthChanged
from kiosk.core.ports import BackendLink, Health, Printer, Service
from kiosk.core.session_space import session_bytes
from kiosk.core.storage_health import StorageHealth
from kiosk.core.store import Store
from kiosk.core.version import package_version

PRUNE_INTERVAL = 3600.0
# The parts of the booth whose health is followed, in the order their faults name the
# technician code, with the events that report a fault and its end.
HEALTH_EVENTS: dict[str, tuple[type[Fault], type[Recovered]]] = {
    "printer": (PrinterFault, PrinterOk), "camera": (CameraFault, CameraOk),
    "backend": (BackendFault, BackendOk), "storage": (StorageFault, StorageOk)}


class HealthCoordinator:
    """Follows the printer's, the camera's, the backend's and the disk's health (a change is
    an event for the flow, then a notice), says the technician code, sums the booth's status,
    and deletes old photos while the booth is idle."""

    def __init__(self, config: KioskConfig, store: Store, flow: BoothFlow, *,
                 services: Mapping[str, Service | StorageHealth], printing: Printer,
                 backend: BackendLink,
                 print_failure: Callable[[], str | None], print_stuck: Callable[[], bool],
                 data_dir: Path, post: Post,
                 submit: Submit, notices: NoticeBoard, clock: Callable[[], float]):
        self.config = config
        self.store = store
        self.flow = flow
        self.services = services
        self.printing = printing
        self.backend = backend
        self.print_failure = print_failure
        self.print_stuck = print_stuck
        self.data_dir = data_dir
        self.post = post
        self.submit = submit
        self.notices = notices
        self.clock = clock
        self._health: dict[str, Health] = {}
        self._next_prune = 0.0
        self._started_at = clock()

    def on_health(self, source: str, health: Health) -> None:
        """From a service's worker: handed to the UI thread."""
        self.post(lambda: self._changed(source, health))

    def poll(self) -> None:
        """Once a second: health that changes with time alone (a camera fault outlasting its
        grace time)."""
        for source, service in self.services.items():
            self._changed(source, service.health())

    def health(self, source: str) -> Health:
        """The last health heard from "printer", "camera", "backend" or "storage"."""
        return self._health.get(source) or self.services[source].health()

    def technician_code(self) -> str:
        faults = self.flow.context.faults
        for source in (*HEALTH_EVENTS, "technician"):
            if source in faults:
                return faults[source]
        if self.print_stuck():
            return technician_codes.PRINT_STUCK
        return technician_codes.PRINT_FAILED if self.print_failure() else technician_codes.ERROR

    def booth_status(self) -> BoothStatus:
        """The booth at a glance (reads the store: call it where a short read may wait)."""
        now = self.clock()
        prints_left = self.printing.media_remaining()
        return BoothStatus(
            version=package_version(), state=str(self.flow.state),
            printer=self.printing.status, prints_left=prints_left,
            health={source: self.health(source) for source in HEALTH_EVENTS},
            outbox=outbox_backlog(self.store, now), disk_free_bytes=disk_free_bytes(self.data_dir),
            disk_needed_bytes=session_bytes(self.config),
            uptime_seconds=now - self._started_at,
            low_paper=prints_left <= self.config.printing.low_paper_threshold,
            backend_link=self.backend.link_status(), free_mode=self.flow.free_mode,
            last_errors=last_errors(self.store), camera_kind=self.config.camera.backend)

    def prune_when_due(self, _t: Transition | None = None) -> None:
        """Idle is the time to delete old photos, on a worker; files still needed stay."""
        now = self.clock()
        if now < self._next_prune:
            return
        self._next_prune = now + PRUNE_INTERVAL
        storage = self.config.storage
        self.submit(prune, self.data_dir, self.store, storage.keep_days,
                    storage.max_megabytes, now)

    def _changed(self, source: str, health: Health) -> None:
        """A fault (or its end) goes to the flow, then the screens hear."""
        if self._health.get(source) == health:
            return
        self._health[source] = health
        fault, recovered = HEALTH_EVENTS[source]
        if health.faulted and source != "printer":  # the printing service logs its own
            self.submit(self._record_fault, source, health)
        if health.faulted:
            self.flow.dispatch(fault(code=health.code or technician_codes.ERROR,
                                     message=health.message))
        elif source in self.flow.context.faults:
            self.flow.dispatch(recovered())
        self.notices.tell(HealthChanged(source, health))

    def _record_fault(self, source: str, health: Health) -> None:
        with self.store.transaction() as db:
            self.store.record(db, f"{source}.faulted", None, health.message,
                              {"code": health.code})
