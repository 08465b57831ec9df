"""The booth driver: the one object the screens talk to.

A thin facade over the coordinators the composition root (`kiosk.app.booth`) builds:
capture (shots and the composed print), payment (the QR and the backend's word),
printing (the print job) and health (faults, status, pruning). Its table `_screens`
declares, once per state, what entering it sets going, the view model its screen shows
and which events that stay in the state redraw it (what entering a state writes to the
store is the flow's, in the transition's own commit). Views are built from what the
booth holds in memory: the window never waits on the store. Everything here runs on the
UI thread; the coordinators hand their services' callbacks to it through `post`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.booth_status import BoothStatus
from kiosk.core.capture_coordinator import CaptureCoordinator
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow, FlowContext, Transition
from kiosk.core.flow_events import (
    FAULTS,
    RECOVERIES,
    Cancel,
    FlowEvent,
    PaymentUnavailable,
    Proceed,
    ProviderChosen,
    ProviderRefused,
    QrReady,
    Retake,
    ServiceExit,
    ShotTaken,
    Start,
    Touched,
)
from kiosk.core.flow_table import State
from kiosk.core.health_coordinator import HealthCoordinator
from kiosk.core.notice_board import Listener, NoticeBoard
from kiosk.core.notices import FlowMoved
from kiosk.core.payment_coordinator import PaymentCoordinator
from kiosk.core.ports import Health, PrinterStatus
from kiosk.core.print_coordinator import PrintCoordinator
from kiosk.core.screen_views import (
    CheckingView,
    ScreenView,
    ServiceView,
)
from kiosk.core.service_desks import ServiceDesks
from kiosk.core.view_builder import ViewBuilder

if TYPE_CHECKING:
    import numpy as np

EntryAction = Callable[[Transition], None]


@dataclass(frozen=True)
class StateScreen:
    """A state, declared once: what entering it sets going (in order), the view model of
    its screen, and the events that stay in the state but redraw that screen."""

    view: Callable[[], ScreenView]
    starts: tuple[EntryAction, ...] = ()
    redrawn_by: frozenset[type[FlowEvent]] = frozenset()


class BoothDriver:
    def __init__(self, config: KioskConfig, flow: BoothFlow, *,
                 capture: CaptureCoordinator, payment: PaymentCoordinator,
                 printing: PrintCoordinator, health: HealthCoordinator, service: ServiceDesks,
                 notices: NoticeBoard, views: ViewBuilder):
        self.config = config
        self._flow = flow
        self._capture = capture
        self._payment = payment
        self._printing = printing
        self._health = health
        self._notices = notices
        self.service = service  # the technician's actions, for the service menu
        # The flow table says when a state is entered (a restart enters the one it resumes).
        self._screens: Mapping[State, StateScreen] = {
            State.attract: StateScreen(
                views.attract,
                starts=(printing.forget_failure, capture.forget_preview, health.prune_when_due),
                redrawn_by=frozenset({Touched})),  # a touch that started no session: why
            State.capture: StateScreen(views.capture, starts=(capture.forget_preview,),
                                       redrawn_by=frozenset({ShotTaken})),  # the next count
            State.review: StateScreen(views.review, starts=(capture.compose_session,)),
            State.choose: StateScreen(views.choose),
            State.payment: StateScreen(
                views.payment, starts=(payment.begin,),
                redrawn_by=frozenset({QrReady, PaymentUnavailable, ProviderChosen,
                                      ProviderRefused})),
            State.checking: StateScreen(CheckingView, starts=(payment.check,)),
            State.printing: StateScreen(views.printing, starts=(printing.print_session,)),
            State.done: StateScreen(views.done),
            State.out_of_service: StateScreen(
                views.out_of_service, starts=(printing.note_stuck,),
                redrawn_by=frozenset({*FAULTS, *RECOVERIES})),  # the code
            State.service: StateScreen(ServiceView),
        }
        flow.subscribe(self._on_transition)

    # ----- for the UI ---------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        self._notices.subscribe(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._notices.unsubscribe(listener)

    @property
    def state(self) -> State:
        return self._flow.state

    @property
    def context(self) -> FlowContext:
        return self._flow.context

    @property
    def free_mode(self) -> bool:
        """Sessions without payment (the technician's switch)."""
        return self._flow.free_mode

    def latest_frame(self) -> tuple[int, np.ndarray] | None:
        return self._capture.latest_frame()

    def preview_path(self) -> Path | None:
        return self._capture.preview_path()

    def printer_status(self) -> PrinterStatus:
        return self._printing.status()

    def health(self, source: str) -> Health:
        return self._health.health(source)

    def technician_code(self) -> str:
        return self._health.technician_code()

    def booth_status(self) -> BoothStatus:
        return self._health.booth_status()

    def payment_choices(self) -> list[str]:
        return self._payment.choices()

    def view(self) -> ScreenView:
        """The view model of the current state's screen, from memory."""
        return self._screens[self._flow.state].view()

    # ----- intents (UI thread) --------------------------------------------------------------

    def touch(self) -> None:
        self._flow.touched()
        if self._flow.state in (State.attract, State.done):
            self._flow.dispatch(Touched())

    def set_language(self, language: str) -> None:
        self._flow.set_language(language)

    def shoot(self) -> None:
        self._capture.shoot()

    def retake(self) -> None:
        self._capture.forget_preview()
        self._flow.dispatch(Retake())

    def proceed(self) -> None:
        self._flow.dispatch(Proceed())

    def choose_package(self, copies: int) -> None:
        self._payment.choose_package(copies)

    def choose_provider(self, provider: str) -> None:
        self._payment.choose_provider(provider)

    def cancel(self) -> None:
        self._flow.dispatch(Cancel())

    def exit_service(self) -> None:
        self._flow.dispatch(ServiceExit())

    def tick(self) -> None:
        """Once a second on the UI thread: QR expiry, health that changes with time alone,
        the flow's timeouts."""
        self._flow.follow_clock()  # first: a jump moves the code's end before it is judged
        self._payment.expire_when_due()
        self._health.poll()
        self._flow.tick()

    # ----- internals ----------------------------------------------------------------------

    def _on_transition(self, t: Transition) -> None:
        # The services first: a QR request or a print job is under way while the screen moves.
        screen = self._screens[t.target]
        entered = t.target is not t.source or isinstance(t.event, Start)
        if entered:
            for action in screen.starts:
                action(t)
        redraw = entered or type(t.event) in screen.redrawn_by
        self._notices.tell(FlowMoved(t, screen.view() if redraw else None))
