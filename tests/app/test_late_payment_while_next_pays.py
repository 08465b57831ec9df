"""The autopilot's customer who pays late while the next customer is on the payment screen,
on the real parts (backend, private cupsd with the printer's twin, the window offscreen,
the TCP proxy as the network that fails)."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from kiosk.app.autopilot.customer import Customer
from kiosk.app.autopilot.run import audit_stage
from kiosk.app.autopilot.sessions import Kind
from kiosk.app.autopilot.stage import Stage


def test_a_late_payment_heard_at_the_next_customers_qr_leaves_them_paying_then_prints() -> None:
    out = Path(tempfile.mkdtemp(prefix="booth-late-next-", dir="/tmp"))  # `lp` traverses it
    stage = Stage(out)
    try:
        stage.start()
        record = Customer(stage, random.Random(5), None).session(1, Kind.late_while_next_pays)
        audit = audit_stage(stage, [record])
    finally:
        stage.stop()
        shutil.rmtree(out, ignore_errors=True)

    assert record.outcome.startswith("paid late; heard while "), record.outcome
    following = record.outcome.split()[4]
    assert sorted(audit.paid) == sorted([record.order_id, following])
    assert sorted(audit.printed_once) == sorted(audit.paid)
    assert (audit.double, audit.unpaid_printed, audit.lost) == ([], [], [])
