"""The customer's journey as one table: states, events, guards, and where each event leads.

Pure data: `kiosk.core.flow.BoothFlow` runs it. For each (state, event) the first rule
whose guards all hold wins; when none holds the event is refused and nothing changes.
A rule with no target keeps the state (the event only updates the booth's context).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


class Ev(StrEnum):
    start = "start"
    touch = "touch"
    shot_taken = "shot_taken"
    retake = "retake"
    proceed = "proceed"
    package_chosen = "package_chosen"
    qr_ready = "qr_ready"
    payment_unavailable = "payment_unavailable"
    provider_chosen = "provider_chosen"  # the customer tapped another provider's button
    provider_refused = "provider_refused"  # that provider's QR could not be had
    paid = "paid"  # the session's own order is paid
    another_order_paid = "another_order_paid"  # a late payment of an order not the session's
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
    taken_out_of_service = "taken_out_of_service"  # by the technician, until put back
    back_in_service = "back_in_service"
    timeout = "timeout"
    service_enter = "service_enter"
    service_exit = "service_exit"
    error = "error"


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


S, E, G = State, Ev, Guard

# Which part of the booth each fault event speaks for; its recovery event follows it.
FAULT_EVENTS = {E.printer_fault: "printer", E.camera_fault: "camera",
                E.backend_fault: "backend", E.storage_fault: "storage",
                E.taken_out_of_service: "technician"}
RECOVERY_EVENTS = {E.printer_ok: "printer", E.camera_ok: "camera", E.backend_ok: "backend",
                   E.storage_ok: "storage", E.back_in_service: "technician"}

TABLE: dict[tuple[State, Ev], tuple[Rule, ...]] = {
    (S.attract, E.touch): (R(S.out_of_service, G.faulted), R(None, G.low_disk),
                           R(S.capture, G.capture_first), R(S.choose, G.pay_first)),
    (S.attract, E.another_order_paid): (R(S.printing, G.unprinted_paid),),
    (S.attract, E.service_enter): (R(S.service),),

    (S.capture, E.shot_taken): (R(S.capture, G.more_shots), R(S.review)),
    (S.capture, E.cancel): (R(S.attract, G.unpaid),),
    # Paid and gone mid-capture: back to attract, the order on the technician's list.
    (S.capture, E.timeout): (R(S.attract, G.unpaid), R(S.attract)),

    (S.review, E.retake): (R(S.capture),),
    (S.review, E.proceed): (R(S.choose, G.capture_first), R(S.done, G.order_paid, G.digital),
                            R(S.printing, G.order_paid)),
    (S.review, E.cancel): (R(S.done, G.order_paid, G.digital), R(S.printing, G.order_paid),
                           R(S.attract)),
    (S.review, E.timeout): (R(S.done, G.order_paid, G.digital), R(S.printing, G.order_paid),
                            R(S.attract)),

    # Free mode: no payment; the free order prints (or, paying first, is photographed) at once.
    # A digital-only package (no copies) is never free and needs the backend for its link.
    (S.choose, E.package_chosen): (R(S.printing, G.free_mode, G.can_deliver, G.capture_first),
                                   R(S.capture, G.free_mode, G.can_deliver),
                                   R(S.payment, G.can_deliver), R(S.out_of_service)),
    (S.choose, E.cancel): (R(S.attract),),
    (S.choose, E.timeout): (R(S.attract),),

    (S.payment, E.qr_ready): (R(None, G.backend_accepted, G.chosen_provider),),
    (S.payment, E.payment_unavailable): (R(None),),
    (S.payment, E.provider_chosen): (R(None, G.backend_accepted),),
    (S.payment, E.provider_refused): (R(None, G.chosen_provider),),
    (S.payment, E.paid): (R(S.done, G.order_paid, G.capture_first, G.digital),
                          R(S.printing, G.order_paid, G.capture_first),
                          R(S.capture, G.order_paid)),
    (S.payment, E.payment_failed): (R(S.attract, G.current_order),),
    (S.payment, E.payment_expired): (R(S.checking, G.backend_accepted), R(S.attract)),
    (S.payment, E.cancel): (R(S.attract, G.not_accepted), R(S.checking)),
    (S.payment, E.timeout): (R(S.attract, G.not_accepted), R(S.checking)),

    (S.checking, E.paid): (R(S.done, G.order_paid, G.capture_first, G.digital),
                           R(S.printing, G.order_paid, G.capture_first),
                           R(S.capture, G.order_paid)),
    (S.checking, E.payment_failed): (R(S.attract, G.current_order),),
    (S.checking, E.cancel): (R(S.attract),),
    (S.checking, E.timeout): (R(S.attract),),

    (S.printing, E.print_done): (R(S.done, G.current_order),),
    (S.printing, E.print_failed): (R(S.out_of_service, G.current_order),),
    (S.printing, E.service_enter): (R(S.service),),  # a stuck job: the technician steps in
    # No print progress for flow.printing_timeout: the technician is called, the order listed.
    (S.printing, E.timeout): (R(S.out_of_service),),

    (S.done, E.touch): (R(S.attract),),
    (S.done, E.timeout): (R(S.attract),),

    (S.out_of_service, E.timeout): (R(S.attract, G.no_faults), R(None)),
    (S.out_of_service, E.service_enter): (R(S.service),),

    (S.service, E.service_exit): (R(S.attract, G.no_faults), R(S.out_of_service)),
    (S.service, E.timeout): (R(S.attract, G.no_faults), R(S.out_of_service)),
}

# Another order's payment never moves a session: it is remembered (the paid row) and offered
# when the booth is back at attract; past the late grace the reconciler lists it instead.
# A fault sends an idle booth out of service and is only remembered during a customer's
# session (a paid print waits for the fix; the next decision sees it); recovering from the
# last fault brings the out-of-service booth back. An error anywhere is the failsafe: a
# short out-of-service, then attract.
for _fault in FAULT_EVENTS:
    TABLE[(S.attract, _fault)] = (R(S.out_of_service),)
for _recovery in RECOVERY_EVENTS:
    TABLE[(S.out_of_service, _recovery)] = (R(S.attract, G.no_faults), R(None))
for _state in State:
    for _event in (*FAULT_EVENTS, *RECOVERY_EVENTS):
        TABLE.setdefault((_state, _event), (R(None),))
    TABLE.setdefault((_state, E.error), (R(S.out_of_service),))
    TABLE.setdefault((_state, E.another_order_paid), (R(None),))

CUSTOMER_STATES = frozenset({S.capture, S.review, S.choose, S.payment, S.checking})
# States whose timeout counts from the last touch (the others' from when they were entered).
TOUCH_TIMED_STATES = CUSTOMER_STATES | {S.service}
