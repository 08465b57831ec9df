"""The screens' view models (`kiosk.core.screen_views`), built from what the booth holds in
memory: the flow's context (its `SessionOrder` included), the coordinators' last news, the
config. Nothing here reads the store: it runs on the UI thread."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.capture_coordinator import CaptureCoordinator
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow
from kiosk.core.health_coordinator import HealthCoordinator
from kiosk.core.payment_coordinator import PaymentCoordinator
from kiosk.core.ports import HealthState
from kiosk.core.print_coordinator import PrintCoordinator
from kiosk.core.screen_views import (
    AttractView,
    CaptureView,
    ChooseView,
    DoneView,
    OutOfServiceView,
    PaymentView,
    PrintingView,
    ReviewView,
)


class ViewBuilder:
    def __init__(self, config: KioskConfig, flow: BoothFlow, *, capture: CaptureCoordinator,
                 payment: PaymentCoordinator, printing: PrintCoordinator,
                 health: HealthCoordinator):
        self.config = config
        self.flow = flow
        self.capture_work = capture
        self.payment_work = payment
        self.printing_work = printing
        self.health_work = health

    def attract(self) -> AttractView:
        return AttractView(self.flow.free_mode, self.flow.context.session_refused)

    def capture(self) -> CaptureView:
        flow = self.config.flow
        camera = self.health_work.health("camera").state
        return CaptureView(len(self.flow.context.shots) + 1, flow.shots, flow.countdown_seconds,
                           camera_ready=camera not in (HealthState.degraded, HealthState.fault))

    def review(self) -> ReviewView:
        return ReviewView(self.capture_work.preview_path())

    def choose(self) -> ChooseView:
        """The phone-only package only while it can be delivered (sharing on, not free mode,
        the backend answering)."""
        return ChooseView(tuple((p.copies, p.price) for p in self.config.packages
                                if p.copies or self.flow.can_deliver(0)),
                          self.config.payment.currency)

    def payment(self) -> PaymentView:
        ctx = self.flow.context
        order = ctx.order
        view = PaymentView(
            copies=order.copies if order else 0, amount=order.amount if order else 0,
            currency=order.currency if order else "", provider=order.provider if order else "",
            qr=ctx.qr, unavailable=ctx.payment_unavailable is not None,
            providers=tuple(self.payment_work.choices()), refused=tuple(ctx.refused_providers),
            with_preview=self.capture_work.preview_path() is not None)
        return replace(view, qr_modules=self.payment_work.qr_modules(view.qr_url))

    def printing(self) -> PrintingView:
        url, code = self._photos()
        return PrintingView(url, code, attention=self.printing_work.status().faulted,
                            code=self.health_work.technician_code())

    def done(self) -> DoneView:
        order = self.flow.context.order
        url, code = self._photos()
        return DoneView(digital=bool(order and order.copies == 0), photos_url=url,
                        photos_code=code)

    def out_of_service(self) -> OutOfServiceView:
        return OutOfServiceView(self.health_work.technician_code())

    def _photos(self) -> tuple[str, str]:
        """The photos page and its code: shown once paid (a free order has none), sharing on."""
        order = self.flow.context.order
        if order is None or order.free or not self.config.photos.share:
            return "", ""
        return order.photos_url, order.photos_code
