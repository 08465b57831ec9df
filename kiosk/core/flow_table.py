"""The customer's journey as one table: states, guards, and where each event leads.

Pure data: `kiosk.core.flow.BoothFlow` runs it. The events are the types of
`kiosk.core.flow_events`. For each (state, event type) the first rule
whose guards all hold wins; when none holds the event is refused and nothing changes.
A rule with no target keeps the state (the event only updates the booth's context).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.flow_events import (
    FAULTS,
    RECOVERIES,
    AnotherOrderPaid,
    Cancel,
    ClockJumped,
    Error,
    FlowEvent,
    PackageChosen,
    Paid,
    PaymentExpired,
    PaymentFailed,
    PaymentUnavailable,
    PrintDone,
    PrintFailed,
    Proceed,
    ProviderChosen,
    ProviderRefused,
    QrReady,
    Retake,
    ServiceEnter,
    ServiceExit,
    ShotTaken,
    Timeout,
    Touched,
)


class State(StrEnum):
    attract = "attract"
    capture = "capture"
    review = "review"
    choose = "choose"
    payment = "payment"
    checking = "checking"  # QR expired or cancelled: asking the backend whether money came anyway
    printing = "printing"
    done = "done"
    out_of_service = "out_of_service"
    service = "service"


class Guard(StrEnum):
    capture_first = "capture_first"
    pay_first = "pay_first"
    more_shots = "more_shots"
    can_deliver = "can_deliver"  # printable now, or (no copies) shareable to the phone
    digital = "digital"  # the order is photos on the phone only: nothing to print
    backend_accepted = "backend_accepted"
    not_accepted = "not_accepted"
    order_paid = "order_paid"
    unpaid = "unpaid"
    unprinted_paid = "unprinted_paid"
    no_faults = "no_faults"
    faulted = "faulted"
    current_order = "current_order"
    free_mode = "free_mode"
    chosen_provider = "chosen_provider"
    low_disk = "low_disk"  # less free space than one session needs (kiosk.core.session_space)


@dataclass(frozen=True)
class Rule:
    target: State | None  # None: stay, the event only updates the context
    guards: tuple[Guard, ...] = ()


def R(target: State | None, *guards: Guard) -> Rule:
    return Rule(target, guards)


S, G = State, Guard

TABLE: dict[tuple[State, type[FlowEvent]], tuple[Rule, ...]] = {
    (S.attract, Touched): (R(S.out_of_service, G.faulted), R(None, G.low_disk),
                           R(S.capture, G.capture_first), R(S.choose, G.pay_first)),
    (S.attract, AnotherOrderPaid): (R(S.printing, G.unprinted_paid),),
    (S.attract, ServiceEnter): (R(S.service),),

    (S.capture, ShotTaken): (R(S.capture, G.more_shots), R(S.review)),
    (S.capture, Cancel): (R(S.attract, G.unpaid),),
    # Paid and gone mid-capture: back to attract, the order on the technician's list.
    (S.capture, Timeout): (R(S.attract, G.unpaid), R(S.attract)),

    (S.review, Retake): (R(S.capture),),
    (S.review, Proceed): (R(S.choose, G.capture_first), R(S.done, G.order_paid, G.digital),
                            R(S.printing, G.order_paid)),
    (S.review, Cancel): (R(S.done, G.order_paid, G.digital), R(S.printing, G.order_paid),
                           R(S.attract)),
    (S.review, Timeout): (R(S.done, G.order_paid, G.digital), R(S.printing, G.order_paid),
                            R(S.attract)),

    # Free mode: no payment; the free order prints (or, paying first, is photographed) at once.
    # A digital-only package (no copies) is never free and needs the backend for its link.
    (S.choose, PackageChosen): (R(S.printing, G.free_mode, G.can_deliver, G.capture_first),
                                   R(S.capture, G.free_mode, G.can_deliver),
                                   R(S.payment, G.can_deliver), R(S.out_of_service)),
    (S.choose, Cancel): (R(S.attract),),
    (S.choose, Timeout): (R(S.attract),),

    (S.payment, QrReady): (R(None, G.current_order, G.backend_accepted, G.chosen_provider),),
    (S.payment, PaymentUnavailable): (R(None),),
    (S.payment, ProviderChosen): (R(None, G.backend_accepted),),
    (S.payment, ProviderRefused): (R(None, G.chosen_provider),),
    (S.payment, Paid): (R(S.done, G.order_paid, G.capture_first, G.digital),
                          R(S.printing, G.order_paid, G.capture_first),
                          R(S.capture, G.order_paid)),
    (S.payment, PaymentFailed): (R(S.attract, G.current_order),),
    (S.payment, PaymentExpired): (R(S.checking, G.backend_accepted), R(S.attract)),
    (S.payment, Cancel): (R(S.attract, G.not_accepted), R(S.checking)),
    (S.payment, Timeout): (R(S.attract, G.not_accepted), R(S.checking)),

    (S.checking, Paid): (R(S.done, G.order_paid, G.capture_first, G.digital),
                           R(S.printing, G.order_paid, G.capture_first),
                           R(S.capture, G.order_paid)),
    (S.checking, PaymentFailed): (R(S.attract, G.current_order),),
    (S.checking, Cancel): (R(S.attract),),
    (S.checking, Timeout): (R(S.attract),),

    (S.printing, PrintDone): (R(S.done, G.current_order),),
    (S.printing, PrintFailed): (R(S.out_of_service, G.current_order),),
    (S.printing, ServiceEnter): (R(S.service),),  # a stuck job: the technician steps in
    # No print progress for flow.printing_timeout: the technician is called, the order listed.
    (S.printing, Timeout): (R(S.out_of_service),),

    (S.done, Touched): (R(S.attract),),
    (S.done, Timeout): (R(S.attract),),

    (S.out_of_service, Timeout): (R(S.attract, G.no_faults), R(None)),
    (S.out_of_service, ServiceEnter): (R(S.service),),

    (S.service, ServiceExit): (R(S.attract, G.no_faults), R(S.out_of_service)),
    (S.service, Timeout): (R(S.attract, G.no_faults), R(S.out_of_service)),
}

# Another order's payment never moves a session: it is remembered (the paid row) and offered
# when the booth is back at attract; past the late grace the reconciler lists it instead.
# A fault sends an idle booth out of service and is only remembered during a customer's
# session (a paid print waits for the fix; the next decision sees it); recovering from the
# last fault brings the out-of-service booth back. An error anywhere is the failsafe: a
# short out-of-service, then attract.
for _fault in FAULTS:
    TABLE[(S.attract, _fault)] = (R(S.out_of_service),)
for _recovery in RECOVERIES:
    TABLE[(S.out_of_service, _recovery)] = (R(S.attract, G.no_faults), R(None))
for _state in State:
    for _event in (*FAULTS, *RECOVERIES):
        TABLE.setdefault((_state, _event), (R(None),))
    TABLE.setdefault((_state, Error), (R(S.out_of_service),))
    TABLE.setdefault((_state, AnotherOrderPaid), (R(None),))
    TABLE.setdefault((_state, ClockJumped), (R(None),))  # the times move, the state stays

CUSTOMER_STATES = frozenset({S.capture, S.review, S.choose, S.payment, S.checking})
# States whose timeout counts from the last touch (the others' from when they were entered).
TOUCH_TIMED_STATES = CUSTOMER_STATES | {S.service}
