from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

import pytest

from contract.payment_status import PaymentStatus
from kiosk.core import orders
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow, Transition
from kiosk.core.flow_events import Ev, FlowEvent, OrderEvent, QrReady
from kiosk.core.flow_table import State
from kiosk.core.models import BoothSession, Order, PrintJob, PrintJobState
from kiosk.core.store import Store


def event_types(base: type[FlowEvent] = FlowEvent) -> dict[Ev, type[FlowEvent]]:
    """Every concrete event type by its logged name."""
    found: dict[Ev, type[FlowEvent]] = {}
    for sub in base.__subclasses__():
        found.update(event_types(sub))
        if "name" in vars(sub):
            found[sub.name] = sub
    return found


EVENT_TYPES = event_types()


@dataclass(frozen=True)
class Offer:
    """The backend's QR answer as the flow sees it (kiosk.core.ports.QrOffer)."""

    order_id: str
    provider: str
    payment_url: str
    amount: int = 20000
    currency: str = "UZS"
    expires_at: float = 0.0  # a case that leaves it out: no countdown to keep the screen
    photos_url: str | None = None
    photos_code: str | None = None


class FakeClock:
    """The injected clock: time moves only when a test says so. `steady` is its monotonic
    twin: time passing moves both, a jump of the wall clock only `now`."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start
        self.elapsed = 0.0

    def __call__(self) -> float:
        return self.now

    def steady(self) -> float:
        return self.elapsed

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.elapsed += seconds

    def jump(self, seconds: float) -> None:
        """The wall clock set (NTP, a technician): no time passes."""
        self.now += seconds


@dataclass
class Booth:
    """A flow engine on a real store file, with the printer's answer under test control."""

    path: Path
    config: KioskConfig
    clock: FakeClock
    printable: bool = True
    backend_up: bool = True
    roomy: bool = True  # the disk holds one more session
    last_order: str | None = None
    seen: list[Transition] = field(default_factory=list)
    store: Store = field(init=False)
    flow: BoothFlow = field(init=False)

    def __post_init__(self) -> None:
        self.open()

    def open(self) -> None:
        self.store = Store(self.path, clock=self.clock)
        self.flow = BoothFlow(self.config, self.store, can_print=lambda _copies: self.printable,
                              can_share=lambda: self.backend_up,
                              has_room=lambda: self.roomy, clock=self.clock,
                              steady=self.clock.steady)
        self.flow.subscribe(self.seen.append)

    def crash_and_restart(self) -> State:
        self.store.close()
        self.open()
        return self.flow.resume()

    def event(self, kind: Ev | type[FlowEvent], **data: object) -> FlowEvent:
        """The typed event `kind` with `data` as its fields; an order's event without an
        order_id is about the session's order (a QR's fields make its offer)."""
        cls = EVENT_TYPES[kind] if isinstance(kind, Ev) else kind
        if issubclass(cls, OrderEvent) and "order_id" not in data:
            data["order_id"] = self.flow.context.order_id
        if cls is QrReady and "offer" not in data:
            offer = {f.name: data.pop(f.name) for f in fields(Offer)
                     if f.name in data and f.name != "order_id"}
            data["offer"] = Offer(order_id=str(data["order_id"]), **offer)
        return cls(**data)

    def send(self, event: Ev | type[FlowEvent] | FlowEvent, **data: object) -> State:
        self.flow.dispatch(event if isinstance(event, FlowEvent) else self.event(event, **data))
        return self.flow.state

    def order(self) -> Order:
        with self.store.reading() as db:
            order = db.get(Order, self.flow.context.order_id)
            assert order is not None
            return order

    def update_order(self, order_id: str | None = None, **fields: object) -> None:
        with self.store.transaction() as db:
            order = db.get(Order, order_id or self.flow.context.order_id)
            assert order is not None
            for name, value in fields.items():
                setattr(order, name, value)
            db.add(order)

    def accept(self) -> None:
        self.update_order(backend_accepted=True, payment_url="https://pay.example/x",
                          expires_at=self.clock() + 180)

    def mark_paid(self, order_id: str | None = None) -> str:
        order_id = order_id or self.flow.context.order_id
        assert order_id
        self.update_order(order_id, payment_status=PaymentStatus.paid,
                          payment_transaction_id="tx-1")
        return order_id

    def mark_printed(self, order_id: str | None = None) -> None:
        order_id = order_id or self.flow.context.order_id
        assert order_id
        now = self.clock()
        with self.store.transaction() as db:
            db.add(PrintJob(order_id=order_id, file="x.jpg", state=PrintJobState.printed,
                            created_at=now, updated_at=now))

    def shoot_all(self) -> State:
        for index in range(self.config.flow.shots):
            self.send(Ev.shot_taken, path=f"shot-{index}.jpg")
        self.compose()
        return self.flow.state

    def compose(self) -> None:
        """What the driver's compose does once the shots are in: the print file is the
        session's, and its order's when it has one (paying first)."""
        session_id, order_id = self.flow.context.session_id, self.flow.context.order_id
        with self.store.transaction() as db:
            session = db.get(BoothSession, session_id)
            assert session is not None
            session.print_file = f"prints/{session_id}.jpg"
            db.add(session)
            if order_id:
                orders.attach_print_file(db, order_id, session.print_file)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_booth(tmp_path: Path, clock: FakeClock) -> Callable[..., Booth]:
    def make(pay_first: bool = False, shots: int = 2, name: str = "kiosk.db") -> Booth:
        # The usual packages and a digital-only one (photos on the phone, no print).
        packages = [{"copies": 1, "price": 20000}, {"copies": 2, "price": 35000},
                    {"copies": 0, "price": 10000}]
        config = KioskConfig(flow={"pay_first": pay_first, "shots": shots}, packages=packages,
                             payment={"providers": ["sandbox"], "default_provider": "sandbox"})
        return Booth(tmp_path / name, config, clock)

    return make
