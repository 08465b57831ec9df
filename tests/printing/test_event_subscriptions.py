"""The booth's job-event subscription is a help, not a condition: a cupsd whose subscriptions
are all taken (the hour-long leases of booths that crashed, as `make chaos` found after a
hundred booth lives) still gets the booth's orders printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cups
import pytest

from kiosk.core.store import Store
from printing.private_cupsd import PrivateCups
from tests.printing.conftest import Booth, Printer, add_fault_printer, add_order

pytestmark = pytest.mark.cups


def test_a_cupsd_with_no_subscription_left_still_prints_the_order(
        own_cupsd: PrivateCups, store: Store, photo: Path,
        make_booth: Callable[..., Booth]) -> None:
    printer: Printer = add_fault_printer(own_cupsd)
    connection = own_cupsd.connection()
    uri = f"ipp://localhost:{own_cupsd.port}/printers/{printer.queue}"
    with pytest.raises(cups.IPPError):
        while True:  # what crashed booths leave: leases nobody cancels
            connection.createSubscription(uri, events=["job-state-changed"],
                                          lease_duration=3600)
    add_order(store, "o-no-subscription")
    booth = make_booth(own_cupsd.server, printer.queue)
    booth.service.print_order("o-no-subscription", photo, 1, {})

    booth.wait_row("o-no-subscription", "printed")
    assert len(printer.fault.deliveries()) == 1
