"""What the core asks of the world: one service contract, and the status types adapters report.

Every hardware or remote service — the camera, the printer, the backend link — keeps
the same contract: `start()`, `stop()` and `health() -> Health` (cheap, never blocking:
it answers from what the service's own worker last saw). The driver types its
collaborators with the Protocols below; the adapters (`kiosk.camera`, `printing`,
`sync`) implement them and the composition root (`kiosk.app`) plugs them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from contract.payment_status import PaymentStatus

if TYPE_CHECKING:
    import numpy as np

    from kiosk.core.models import PrintJobState


class HealthState(StrEnum):
    starting = "starting"  # not known yet
    ok = "ok"
    degraded = "degraded"  # works, but something needs a look (low paper, payments offline)
    fault = "fault"  # cannot serve: the booth goes out of service


@dataclass(frozen=True)
class Health:
    state: HealthState
    message: str  # for a technician, in the service's own words
    since: float  # clock time the state began
    code: str | None = None  # technician code while not ok (see technician_codes)

    @property
    def faulted(self) -> bool:
        return self.state is HealthState.fault


HealthCallback = Callable[[Health], None]


class Worker(Protocol):
    """Something with a thread of its own: started by the composition root, stopped in reverse."""

    def start(self) -> None: ...
    def stop(self) -> None: ...


class Service(Worker, Protocol):
    def health(self) -> Health: ...


# ----- the printer ------------------------------------------------------------------------


class PrinterState(StrEnum):
    ready = "ready"
    printing = "printing"
    paper_out = "paper_out"
    ribbon_out = "ribbon_out"
    jam = "jam"
    door_open = "door_open"
    offline = "offline"
    stopped = "stopped"
    unavailable = "unavailable"


FAULT_STATES = frozenset({PrinterState.paper_out, PrinterState.ribbon_out, PrinterState.jam,
                          PrinterState.door_open, PrinterState.offline, PrinterState.stopped,
                          PrinterState.unavailable})


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    message: str = ""  # the printer's (or CUPS's) own words
    reasons: list[str] = field(default_factory=list)  # printer-state-reasons
    marker_levels: dict[str, int] = field(default_factory=dict)
    marker_message: str = ""
    prints_remaining: int | None = None  # as the driver counts them, when it says

    @property
    def faulted(self) -> bool:
        return self.state in FAULT_STATES


@dataclass(frozen=True)
class PrintJobUpdate:
    """What happened to an order's print job, as the printing service reports it."""

    order_id: str
    state: PrintJobState
    detail: str
    held: bool = False  # CUPS holds the job (a stopped queue): it prints once that is fixed


JobCallback = Callable[[PrintJobUpdate], None]


class Printer(Service, Protocol):
    @property
    def status(self) -> PrinterStatus: ...
    def can_print(self, copies: int) -> bool: ...
    def media_remaining(self) -> int: ...
    def print_order(self, order_id: str, file: Path, copies: int,
                    options: dict[str, str]) -> None: ...
    def reprint(self, order_id: str, reason: str) -> None: ...
    def cancel_job(self, order_id: str) -> None: ...
    def resume(self) -> None: ...
    def test_print(self) -> None: ...
    def set_roll(self, size: int) -> None: ...


# ----- the camera -------------------------------------------------------------------------

CaptureDone = Callable[[Path | None, str | None], None]


class Camera(Service, Protocol):
    def latest_frame(self) -> tuple[int, np.ndarray] | None: ...
    def capture(self, path: Path, on_done: CaptureDone) -> None: ...


# ----- payments through the backend ---------------------------------------------------------


# A clock further than this from the backend's is the technician's to fix (status page,
# dashboard); sales go on, QR ends are read on the backend's clock.
CLOCK_SKEW_WARNING_SECONDS = 60.0


@dataclass(frozen=True)
class BackendLinkStatus:
    """How the booth's link to the backend is doing, for the technician."""

    seconds_since_success: float | None  # since the last call the backend answered; None: never
    longpoll_held: bool | None  # the last payment-status long-poll was held (not plain polling)
    token_valid: bool | None  # None while not known
    clock_offset: float | None = None  # s this clock is ahead of the backend's; None: unknown


class BackendLink(Service, Protocol):
    """The booth's link to the backend, which also says which payment providers it takes."""

    def enabled_providers(self) -> frozenset[str] | None: ...  # None: not heard yet
    def link_status(self) -> BackendLinkStatus: ...


class QrOffer(Protocol):
    """The backend's answer to "this order wants paying": what the payment screen shows."""

    @property
    def order_id(self) -> str: ...
    @property
    def provider(self) -> str: ...  # whose payment page the URL opens
    @property
    def payment_url(self) -> str: ...
    @property
    def amount(self) -> int: ...  # whole major units, as the kiosk API speaks
    @property
    def currency(self) -> str: ...
    @property
    def expires_at(self) -> float: ...
    @property
    def photos_url(self) -> str | None: ...  # the order's photos page; None: none offered
    @property
    def photos_code(self) -> str | None: ...  # its short code; None: none offered


class Payments(Protocol):
    """Issue a QR, watch it, cancel it; callbacks run on the adapter's worker threads."""

    def begin(self, order_id: str, provider: str, language: str,
              on_ready: Callable[[QrOffer], None],
              on_unavailable: Callable[[str], None]) -> None:
        """Ask for `provider`'s QR (its page in `language`): the first QR of an order, or
        the customer's switch to another provider; the order row already names it."""
    def watch(self, order_id: str, expires_at: float) -> None: ...
    def cancel(self, order_id: str,
               on_result: Callable[[str, PaymentStatus], None]) -> None: ...
    def stop(self) -> None: ...


# ----- the machine, for the technician's service menu --------------------------------------
# Operating-system work (running commands, finding USB sticks, writing files in a format)
# is done by `kiosk.app`; the core's service desks ask through these.


@dataclass(frozen=True)
class CommandResult:
    """How a power command ended; `problem` is empty when it exited 0."""

    problem: str = ""  # "command_missing" or "command_failed"
    status: int | None = None  # its exit status; None: it never ran to its end
    output: str = ""  # the end of what it said (stderr, else stdout)


class PowerCommands(Protocol):
    """Runs a configured reboot, shutdown or restart command; blocks until it ends."""

    def run(self, command: list[str]) -> CommandResult: ...


class UsbMounts(Protocol):
    """The USB sticks mounted under `root` now (a directory scan: call it on a worker)."""

    def mounted(self, root: Path) -> list[Path]: ...


class CsvFiles(Protocol):
    """Writes `rows` as `<stem>.csv` in `directory`, whole or not at all; OSError when it
    cannot (errno says why: ENOSPC for a full disk)."""

    def write(self, directory: Path, stem: str, rows: list[list[object]]) -> Path: ...


# ----- refunds through the backend ----------------------------------------------------------


class RefundReplyKind(StrEnum):
    accepted = "accepted"  # the backend took it (again, for a repeat); `status` says how far
    unknown_order = "unknown_order"  # 404: another booth's order, or one the backend lacks
    refused = "refused"  # 409: delivered, or not paid
    unreachable = "unreachable"  # no answer, or 5xx: to be queued and tried again


@dataclass(frozen=True)
class RefundReply:
    kind: RefundReplyKind
    status: str = ""  # with `accepted`: requested, refunded or failed
    note: str = ""  # the provider's words, or why it was refused / not reached


class Refunds(Protocol):
    """Ask the backend to refund a paid order; blocking: call it from a worker thread."""

    def request_refund(self, order_id: str, reason: str) -> RefundReply: ...
