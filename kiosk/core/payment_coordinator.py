"""Payment: the order's QR asked for and watched, the backend's word turned into events."""

from __future__ import annotations

import logging
from collections.abc import Callable

from contract.payment_status import PaymentStatus
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow, Transition
from kiosk.core.flow_events import (
    AnotherOrderPaid,
    Cancel,
    PackageChosen,
    Paid,
    PaymentExpired,
    PaymentFailed,
    PaymentUnavailable,
    ProviderChosen,
    ProviderRefused,
    QrReady,
    Start,
)
from kiosk.core.flow_table import State
from kiosk.core.handoff import Post
from kiosk.core.payment_choices import first_choice, offered_providers
from kiosk.core.ports import BackendLink, Payments, QrOffer
from kiosk.core.qr_codes import Modules, QrCodes

log = logging.getLogger(__name__)



class PaymentCoordinator:
    """Asks the backend for the order's QR when the flow enters payment, watches it, asks
    once more when the flow enters checking; every answer is an event for the flow, and
    another order's payment is its own event (the flow prints it only when idle)."""

    def __init__(self, config: KioskConfig, flow: BoothFlow, *,
                 payments: Payments, backend: BackendLink, post: Post,
                 clock: Callable[[], float], codes: QrCodes):
        """`codes`: the QR modules the checkout encodes for each code (the same QrCodes as
        the checkout's), for the views."""
        self.config = config
        self.flow = flow
        self.payments = payments
        self.backend = backend
        self.post = post
        self.clock = clock
        self.codes = codes

    def choices(self) -> list[str]:
        """The providers a customer may pick between, in the operator's order."""
        return offered_providers(self.config.payment.providers, self.backend.enabled_providers())

    def choose_package(self, copies: int) -> None:
        provider = first_choice(self.config.payment.default_provider, self.choices())
        self.flow.dispatch(PackageChosen(copies, provider))

    def choose_provider(self, provider: str) -> None:
        """The customer tapped another provider: the order row names it at once, and its QR
        replaces the shown one when the backend gives it."""
        order_id = self.flow.context.order_id
        if (self.flow.state is not State.payment or not order_id or not self.flow.context.qr
                or provider not in self.choices() or provider == self._provider()):
            return
        if self.flow.dispatch(ProviderChosen(provider)):
            self._ask_for_qr(order_id, provider, lambda reason: self._switch_refused(
                order_id, provider, reason))

    def qr_modules(self, url: str) -> Modules | None:
        """The modules of the code at `url` if they are encoded already (by the checkout)."""
        return self.codes.encoded(url) if url else None

    def expire_when_due(self) -> None:
        """Once a second: the shown QR's end is the payment's."""
        qr = self.flow.context.qr
        if self.flow.state is State.payment and qr and self.clock() >= qr.expires_at:
            self.flow.dispatch(PaymentExpired())

    def begin(self, t: Transition) -> None:
        """Entering payment: ask for the QR (after a restart, watch the one already shown)."""
        order_id = t.context.order_id
        if not order_id:
            return
        if isinstance(t.event, Start) and t.context.qr:
            self.payments.watch(order_id, t.context.qr.expires_at)
            return
        self._ask_for_qr(order_id, self._provider(), lambda reason: self.flow.dispatch(
            PaymentUnavailable(reason)))

    def check(self, t: Transition) -> None:
        """Entering checking: the QR is over; ask the backend whether money came anyway."""
        if t.context.order_id:
            self.payments.cancel(t.context.order_id, self.on_result)

    def on_result(self, order_id: str, status: PaymentStatus) -> None:
        """From a payment worker: the backend's word on an order, handed to the UI thread."""
        self.post(lambda: self._result(order_id, status))

    def on_late_payment(self, order_id: str) -> None:
        """The reconciler found a paid, unprinted order: the session's own, or another one
        that the flow prints when idle (the flow tells which)."""
        self.post(lambda: self.flow.dispatch(Paid(order_id)))

    def _ask_for_qr(self, order_id: str, provider: str,
                    on_failure: Callable[[str], None]) -> None:
        self.payments.begin(
            order_id, provider, self.flow.context.language,
            on_ready=lambda answer: self.post(lambda: self._qr_ready(order_id, answer)),
            on_unavailable=lambda reason: self.post(lambda: on_failure(reason)))

    def _switch_refused(self, order_id: str, provider: str, reason: str) -> None:
        """No QR from the provider the customer switched to: the shown one stays usable."""
        if self.flow.context.order_id == order_id and self.flow.state is State.payment:
            self.flow.dispatch(ProviderRefused(provider, reason))

    def _qr_ready(self, order_id: str, answer: QrOffer) -> None:
        if self.flow.context.order_id != order_id or self.flow.state is not State.payment:
            # The customer left before the QR came: nobody can scan it, close it at the backend.
            self.payments.cancel(order_id, self.on_result)
            return
        shown = self.flow.context.order  # the session's order, this one
        if not answer.photos_url and shown is not None and shown.copies == 0:
            # Photos on the phone only, and no page for them: no money may be asked.
            self.payments.cancel(order_id, self.on_result)
            self.flow.dispatch(PaymentUnavailable(
                "the backend gave no photos link for a digital order"))
            return
        log.info("order %s: %s %s, pay with %s at %s", order_id, answer.amount, answer.currency,
                 answer.provider, answer.payment_url)
        # The QR's lifetime was decided when the order row took it (kiosk.core.orders).
        if self.flow.dispatch(QrReady(order_id, answer)):
            self.payments.watch(order_id, float(answer.expires_at))

    def _provider(self) -> str:
        """The session's order's provider, as the flow last wrote it."""
        order = self.flow.context.order
        return order.provider if order else self.config.payment.default_provider

    def _result(self, order_id: str, status: PaymentStatus) -> None:
        if order_id != self.flow.context.order_id:
            if status == PaymentStatus.paid:
                self.flow.dispatch(AnotherOrderPaid(order_id))
            return
        match PaymentStatus(status):
            case PaymentStatus.paid:
                self.flow.dispatch(Paid(order_id))
            case PaymentStatus.failed | PaymentStatus.refunded:
                self.flow.dispatch(PaymentFailed(order_id, PaymentStatus(status)))
            case PaymentStatus.cancelled:
                self.flow.dispatch(Cancel())
