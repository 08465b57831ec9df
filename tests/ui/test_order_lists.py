"""The service menu's order-list page, by taps through the kiosk window and the real booth
core (store, desks, outbox). The booth's backend is unreachable here (port 9): a refund is
queued in the outbox, and the screen says so."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from sqlmodel import select

from kiosk.app.booth import Booth
from kiosk.core import orders
from kiosk.core.models import BoothSession, Order, OutboxItem
from tests.ui.test_service_menu import DEADLINE_MS, click, enter_service, said
from ui.kiosk_window import KioskWindow

QUEUED = "The backend cannot be reached: the refund is queued and is sent as soon as it is back."


def paid_not_printed(booth: Booth, order_id: str) -> None:
    """A paid order of an hour ago that never printed: a late payment."""
    at = booth.store.clock() - 3600
    with booth.store.transaction() as db:
        db.add(BoothSession(id=f"s-{order_id}", started_at=at))
        db.flush()
        db.add(Order(id=order_id, session_id=f"s-{order_id}", package="1x", copies=1,
                     amount_minor=2_000_000, currency="UZS", provider="payme",
                     payment_status="paid", payment_transaction_id=f"tx-{order_id}",
                     backend_accepted=True, print_file="/nonexistent.jpg",
                     created_at=at, updated_at=at))


def shown_row(qtbot: object, row: QPushButton) -> QPushButton:
    """A row built just now is shown on the next events."""
    qtbot.waitUntil(row.isVisible, timeout=DEADLINE_MS)
    return row


def queued_refunds(booth: Booth) -> list[tuple[str, str]]:
    with booth.store.reading() as db:
        return [(item.payload["subject"], item.payload["data"]["reason"])
                for item in db.exec(select(OutboxItem))
                if item.payload["kind"] == orders.REFUND_QUEUED]


def test_a_refund_asks_a_reason_and_a_confirmation_then_says_it_is_queued_while_offline(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    paid_not_printed(booth, "late-a")
    paid_not_printed(booth, "late-b")
    enter_service(window, booth, qtbot)
    service = window.screens.service
    late = service.late
    click(qtbot, service.tabs["late"])
    qtbot.waitUntil(lambda: sorted(late.list.rows) == ["late-a", "late-b"], timeout=DEADLINE_MS)
    assert not late.action_buttons["refund"].isEnabled(), "no order chosen: nothing to refund"
    click(qtbot, shown_row(qtbot, late.list.rows["late-a"]))
    click(qtbot, late.action_buttons["refund"])

    assert not late.action_buttons["refund"].isVisible()
    assert [b.text() for b in late.reason_buttons.values() if b.isVisible()] == [
        "Cannot print it", "Customer asked", "Customer left"]
    click(qtbot, late.back)
    assert late.action_buttons["refund"].isVisible(), "Back: the page's actions again"
    click(qtbot, late.action_buttons["refund"])
    click(qtbot, late.reason_buttons["customer left"])
    assert service.confirm.question.text() == (
        "Refund order late-a (Customer left)? The money goes back to the customer; it cannot "
        "be undone.")
    assert queued_refunds(booth) == [], "nothing is asked before the confirmation"
    click(qtbot, service.confirm.yes)

    qtbot.waitUntil(lambda: said(window) == QUEUED, timeout=DEADLINE_MS)
    qtbot.waitUntil(lambda: list(late.list.rows) == ["late-b"], timeout=DEADLINE_MS)
    assert queued_refunds(booth) == [("late-a", "booth technician: customer left")]
    with booth.store.reading() as db:
        assert db.get(Order, "late-a").payment_status == "paid", "paid until the backend says"
    click(qtbot, service.tabs["log"])
    qtbot.waitUntil(lambda: "late-a" in service.log.list.rows, timeout=DEADLINE_MS)
    assert " · refund queued · " in service.log.list.rows["late-a"].text()


def test_the_reprint_list_asks_its_reasons_at_once_and_leaves_out_a_refund_under_way(
        window: KioskWindow, booth: Booth, qtbot: object) -> None:
    paid_not_printed(booth, "kept")
    paid_not_printed(booth, "refunding")
    with booth.store.transaction() as db:
        orders.queue_refund(booth.store, db, "refunding", "booth technician: customer left",
                            "backend unreachable")
    enter_service(window, booth, qtbot)
    service = window.screens.service
    reprint = service.reprint
    click(qtbot, service.tabs["reprint"])
    qtbot.waitUntil(lambda: list(reprint.list.rows) == ["kept"], timeout=DEADLINE_MS)
    assert not reprint.back.isVisible() and not reprint.action_buttons["reprint"].isVisible()
    assert [b.text() for b in reprint.reason_buttons.values() if b.isVisible()] == [
        "Customer asked", "Print damaged", "Lost in a jam"]
    click(qtbot, shown_row(qtbot, reprint.list.rows["kept"]))
    click(qtbot, reprint.reason_buttons["print damaged"])
    assert service.confirm.question.text() == (
        "Print order kept again (Print damaged)? It uses paper.")
