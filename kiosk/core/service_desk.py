"""The service menu's order actions: the payment log, reprints, late payments, refunds.

The driver builds this desk; with it the driver hands the composition root what every
desk shares (`kiosk.core.desk_work`): its worker pool (`submit`), the UI thread (`post`),
its notices (`notify`) and its layout switch (`use_layout`). The other desks (PIN,
settings, printer, switches, power, statistics) are built in `kiosk.app.booth`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sqlmodel import select

from contract.payment_status import PaymentStatus
from kiosk.core import order_views, orders
from kiosk.core.config import KioskConfig
from kiosk.core.desk_work import DeskWork, Done, Outcome, Post, Submit
from kiosk.core.flow import BoothFlow
from kiosk.core.layouts import Layout
from kiosk.core.models import Order, PrintJob
from kiosk.core.ports import Printer
from kiosk.core.store import Store

LATE_PRINT_REASON = "late payment printed by the technician"


class ServiceDesk(DeskWork):
    def __init__(self, *, config: KioskConfig, config_path: Path, store: Store, flow: BoothFlow,
                 printing: Printer, layouts: Mapping[str, Layout],
                 use_layout: Callable[[Layout], None], submit: Submit, post: Post,
                 notify: Callable[..., None], data_dir: Path):
        super().__init__(store, submit, post)
        del config_path, flow, data_dir  # the desks built in kiosk.app.booth use these
        self.config = config
        self.printing = printing
        self.layouts = dict(layouts)
        self.use_layout = use_layout
        self.notify = notify

    # ----- data for the pages -----------------------------------------------------------

    def payment_log(self, status: str | None,
                    on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self.load(lambda: order_views.payment_log(self.store, status), on_done)

    def reprint_candidates(self, on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self.load(lambda: order_views.reprint_candidates(self.store, self.store.clock()), on_done)

    def late_payments(self, on_done: Callable[[list[order_views.OrderLine]], None]) -> None:
        self.load(lambda: order_views.late_payments(self.store), on_done)

    def jobs_in_printer(self, on_done: Callable[[list[order_views.JobLine]], None]) -> None:
        self.load(lambda: order_views.jobs_in_printer(self.store), on_done)

    # ----- orders ------------------------------------------------------------------------

    def reprint(self, order_id: str, reason: str, on_done: Done) -> None:
        """Print a paid order again; the ledger logs it with its reason and it spends paper."""
        self.printing.reprint(order_id, reason)
        self._run("reprint", lambda: Outcome("reprint", True, detail={"order_id": order_id}),
                  on_done)

    def print_late(self, order_id: str, on_done: Done) -> None:
        """A late payment printed by the technician: its first print, or a reprint of a
        print that failed."""
        options = self._layout_options()

        def work() -> Outcome:
            with self.store.reading() as db:
                order = db.get(Order, order_id)
                printed_before = db.exec(select(PrintJob.id).where(
                    PrintJob.order_id == order_id)).first() is not None
            if order is None or order.payment_status != PaymentStatus.paid:
                return self._refused("print_late", "not_paid", "late print refused: not paid",
                                     {}, subject=order_id)
            if not printed_before and not order.print_file:
                return self._refused("print_late", "no_print_file",
                                     "late print refused: no print file kept", {},
                                     subject=order_id)
            self._record("service.print_late", LATE_PRINT_REASON, {}, subject=order_id)
            if printed_before:
                self.printing.reprint(order_id, LATE_PRINT_REASON)
            else:
                self.printing.print_order(order_id, Path(str(order.print_file)), order.copies,
                                          options)
            return Outcome("print_late", True, detail={"order_id": order_id})

        self._run("print_late", work, on_done)

    def _layout_options(self) -> dict[str, str]:
        return self.layouts[self.config.flow.layout].cups_options()

    def mark_refunded(self, order_id: str, on_done: Done) -> None:
        def work() -> Outcome:
            with self.store.transaction() as db:
                refused = orders.refund_by_hand(self.store, db, order_id,
                                                "marked refunded by the technician (not printed)")
            if refused is not None:
                return Outcome("refund", False, "not_paid", {"status": refused})
            return Outcome("refund", True, detail={"order_id": order_id})

        self._run("refund", work, on_done)
