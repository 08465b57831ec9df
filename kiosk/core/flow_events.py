"""The flow's events: one frozen value per kind of news, with the fields it carries.

`kiosk.core.flow_table` keys its rules by these types and `BoothFlow.dispatch` takes one
of them. Each type's `name` is the stable word the transition log records (the store's
`flow.transition` rows are read back by that word, whatever the class is called).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, ClassVar

from contract.payment_status import PaymentStatus
from kiosk.core.ports import QrOffer


class Ev(StrEnum):
    """The events' names, as the transition log writes them."""

    start = "start"
    touch = "touch"
    shot_taken = "shot_taken"
    retake = "retake"
    proceed = "proceed"
    package_chosen = "package_chosen"
    qr_ready = "qr_ready"
    payment_unavailable = "payment_unavailable"
    provider_chosen = "provider_chosen"
    provider_refused = "provider_refused"
    paid = "paid"
    another_order_paid = "another_order_paid"
    payment_failed = "payment_failed"
    payment_expired = "payment_expired"
    cancel = "cancel"
    print_done = "print_done"
    print_failed = "print_failed"
    printer_fault = "printer_fault"
    printer_ok = "printer_ok"
    camera_fault = "camera_fault"
    camera_ok = "camera_ok"
    backend_fault = "backend_fault"
    backend_ok = "backend_ok"
    storage_fault = "storage_fault"  # a worker cannot save: the disk is full
    storage_ok = "storage_ok"
    taken_out_of_service = "taken_out_of_service"
    back_in_service = "back_in_service"
    timeout = "timeout"
    service_enter = "service_enter"
    service_exit = "service_exit"
    clock_jumped = "clock_jumped"
    error = "error"


@dataclass(frozen=True)
class FlowEvent:
    """One piece of news for the flow."""

    name: ClassVar[Ev]

    def log_data(self) -> dict[str, Any]:
        """The fields as the transition log keeps them (plain JSON values)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class OrderEvent(FlowEvent):
    """News about one order: the flow acts on it only when it is the session's."""

    order_id: str


@dataclass(frozen=True)
class Start(FlowEvent):
    """The booth started (or restarted) in the state `resume` chose."""

    name = Ev.start
    reason: str


@dataclass(frozen=True)
class Touched(FlowEvent):
    name = Ev.touch


@dataclass(frozen=True)
class ShotTaken(FlowEvent):
    name = Ev.shot_taken
    path: str


@dataclass(frozen=True)
class Retake(FlowEvent):
    name = Ev.retake


@dataclass(frozen=True)
class Proceed(FlowEvent):
    name = Ev.proceed


@dataclass(frozen=True)
class PackageChosen(FlowEvent):
    name = Ev.package_chosen
    copies: int
    provider: str | None = None  # None: the operator's default provider


@dataclass(frozen=True)
class QrReady(OrderEvent):
    """The backend accepted the order and gave its payment code."""

    name = Ev.qr_ready
    offer: QrOffer

    def log_data(self) -> dict[str, Any]:
        offer = self.offer
        return {"order_id": self.order_id, "payment_url": offer.payment_url,
                "amount": offer.amount, "currency": offer.currency,
                "expires_at": offer.expires_at, "provider": offer.provider}


@dataclass(frozen=True)
class PaymentUnavailable(FlowEvent):
    name = Ev.payment_unavailable
    reason: str = "backend unreachable"


@dataclass(frozen=True)
class ProviderChosen(FlowEvent):
    """The customer tapped another provider's button."""

    name = Ev.provider_chosen
    provider: str


@dataclass(frozen=True)
class ProviderRefused(FlowEvent):
    """The chosen provider's code could not be had."""

    name = Ev.provider_refused
    provider: str
    reason: str = ""


@dataclass(frozen=True)
class Paid(OrderEvent):
    """The session's own order is paid."""

    name = Ev.paid


@dataclass(frozen=True)
class AnotherOrderPaid(OrderEvent):
    """A payment of an order that is not the session's (a late one)."""

    name = Ev.another_order_paid


@dataclass(frozen=True)
class PaymentFailed(OrderEvent):
    name = Ev.payment_failed
    status: PaymentStatus = PaymentStatus.failed


@dataclass(frozen=True)
class PaymentExpired(FlowEvent):
    name = Ev.payment_expired


@dataclass(frozen=True)
class Cancel(FlowEvent):
    """The customer cancelled, or the backend answered that the payment is cancelled."""

    name = Ev.cancel


@dataclass(frozen=True)
class PrintDone(OrderEvent):
    name = Ev.print_done


@dataclass(frozen=True)
class PrintFailed(OrderEvent):
    name = Ev.print_failed
    reason: str = ""


@dataclass(frozen=True)
class Fault(FlowEvent):
    """A part of the booth stopped working; `source` names the part."""

    source: ClassVar[str]
    code: str = ""  # the technician code; empty: the part's own name
    message: str = ""


@dataclass(frozen=True)
class Recovered(FlowEvent):
    """The fault of `source` is over."""

    source: ClassVar[str]


@dataclass(frozen=True)
class PrinterFault(Fault):
    name = Ev.printer_fault
    source = "printer"


@dataclass(frozen=True)
class PrinterOk(Recovered):
    name = Ev.printer_ok
    source = "printer"


@dataclass(frozen=True)
class CameraFault(Fault):
    name = Ev.camera_fault
    source = "camera"


@dataclass(frozen=True)
class CameraOk(Recovered):
    name = Ev.camera_ok
    source = "camera"


@dataclass(frozen=True)
class BackendFault(Fault):
    name = Ev.backend_fault
    source = "backend"


@dataclass(frozen=True)
class BackendOk(Recovered):
    name = Ev.backend_ok
    source = "backend"


@dataclass(frozen=True)
class StorageFault(Fault):
    name = Ev.storage_fault
    source = "storage"


@dataclass(frozen=True)
class StorageOk(Recovered):
    name = Ev.storage_ok
    source = "storage"


@dataclass(frozen=True)
class TakenOutOfService(Fault):
    """The technician keeps the booth out of service until it is put back."""

    name = Ev.taken_out_of_service
    source = "technician"


@dataclass(frozen=True)
class BackInService(Recovered):
    name = Ev.back_in_service
    source = "technician"


@dataclass(frozen=True)
class Timeout(FlowEvent):
    name = Ev.timeout


@dataclass(frozen=True)
class ServiceEnter(FlowEvent):
    name = Ev.service_enter


@dataclass(frozen=True)
class ServiceExit(FlowEvent):
    name = Ev.service_exit


@dataclass(frozen=True)
class ClockJumped(FlowEvent):
    """The wall clock moved at once by `seconds` (negative: set back), not by time passing
    (kiosk.core.clock_jumps): what the booth measures in it moves by as much."""

    name = Ev.clock_jumped
    seconds: float


@dataclass(frozen=True)
class Error(FlowEvent):
    """A handler failed: the failsafe path."""

    name = Ev.error
    reason: str


FAULTS: tuple[type[Fault], ...] = (PrinterFault, CameraFault, BackendFault, StorageFault,
                                   TakenOutOfService)
RECOVERIES: tuple[type[Recovered], ...] = (PrinterOk, CameraOk, BackendOk, StorageOk,
                                           BackInService)


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
