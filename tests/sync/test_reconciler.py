"""Reconciler: orders the kiosk stopped watching are settled from the backend's answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from backend.local_server import REPO_ROOT, BackendServer
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.core import orders
from kiosk.core.models import BoothSession, Order, PrintJob, PrintJobState
from kiosk.core.orders import REPRINT_LIST_EVENT
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.checkout import Checkout
from sync.payment_record import cancel_and_commit
from sync.reconciler import Reconciler
from tests.harness.waiting import wait_for
from tests.sync.conftest import Results, local_order, make_order
from tests.sync.test_payment_watcher import FakeClock, accepted_order

GRACE = 900.0

# The booth, reduced to its payment wait: issue the QR, watch, and say so on stdout.
KIOSK_CHILD = """
import sys, threading
from pathlib import Path
from kiosk.core.store import Store
from sync.api_client import BackendClient
from sync.checkout import Checkout
from sync.payment_watcher import PaymentWatcher

db, url, token, order_id = sys.argv[1:5]
store = Store(Path(db))
client = BackendClient(url, token, connect_timeout=1.0, read_timeout=3.0)
ready = threading.Event()
answers = []
Checkout(client, store).begin(order_id, "sandbox", "en",
                              lambda a: (answers.append(a), ready.set()),
                              lambda reason: sys.exit(reason))
ready.wait(30)
PaymentWatcher(client, store, on_result=print, longpoll_wait=25).watch(order_id,
                                                                     answers[0].expires_at)
print("WATCHING", flush=True)
threading.Event().wait()
"""


def printed_by(store: Store) -> tuple[Results, object]:
    """An on_print that does what printing does once the print is out: a printed job row."""
    calls = Results()

    def on_print(order_id: str) -> None:
        calls(order_id)
        now = store.clock()
        with store.transaction() as session:
            session.add(PrintJob(order_id=order_id, file="strip.jpg", copies=2,
                                 state=PrintJobState.printed, created_at=now, updated_at=now))

    return calls, on_print


def test_kiosk_killed_while_waiting_then_restarted_finds_the_payment_and_prints_once(
        backend: BackendServer, device_token: str, tmp_path: Path) -> None:
    db = tmp_path / "kiosk.sqlite3"
    before_crash = Store(db)
    order_id = make_order(before_crash)
    before_crash.close()
    child = subprocess.Popen(
        [sys.executable, "-c", KIOSK_CHILD, str(db), backend.url, device_token, order_id],
        cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "WATCHING"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    backend.sandbox_pay(order_id)

    store = Store(db)
    client = BackendClient(backend.url, device_token, connect_timeout=1.0, read_timeout=3.0)
    try:
        prints, on_print = printed_by(store)
        reprints = Results()
        reconciler = Reconciler(client, store, late_grace=GRACE, on_print=on_print,
                                on_reprint_list=reprints)
        report = reconciler.run_once()
        assert report.learned == {order_id: "paid"}
        assert prints.calls == [(order_id,)]
        assert local_order(store, order_id).payment_status == "paid"
        assert [e.subject for e in store.events("payment.paid")] == [order_id]

        again = reconciler.run_once()
        assert prints.calls == [(order_id,)]
        assert (again.asked, again.printed, reprints.calls) == (0, [], [])
    finally:
        client.close()
        store.close()


def test_late_payment_after_the_kiosk_gave_up_is_recorded_and_printed(
        client: BackendClient, store: Store, backend: BackendServer) -> None:
    order_id, _ = accepted_order(client, store)
    backend.sandbox_pay(order_id)
    clock = FakeClock()
    clock.advance(GRACE / 2)  # past the QR's expiry, still within the grace
    with store.transaction() as session:
        row = session.get(Order, order_id)
        assert row is not None
        row.expires_at = clock() - 60  # the kiosk's own QR timer had run out
        session.add(row)
    prints, on_print = printed_by(store)
    reconciler = Reconciler(client, store, clock=clock, late_grace=GRACE, on_print=on_print,
                            on_reprint_list=Results())
    report = reconciler.run_once()

    assert report.late == [order_id]
    assert prints.calls == [(order_id,)]
    assert [e.subject for e in store.events("payment.late")] == [order_id]
    assert client.payment_status(order_id).status == "paid"  # the cancel did not undo it


def test_late_payment_older_than_the_grace_goes_to_the_reprint_list_once(
        client: BackendClient, store: Store, backend: BackendServer) -> None:
    order_id, _ = accepted_order(client, store)
    backend.sandbox_pay(order_id)
    clock = FakeClock()
    clock.advance(GRACE + 60)
    prints, reprints = Results(), Results()
    reconciler = Reconciler(client, store, clock=clock, late_grace=GRACE, on_print=prints,
                            on_reprint_list=reprints)
    reconciler.run_once()
    reconciler.run_once()

    assert prints.calls == []
    assert reprints.calls == [(order_id,)]
    assert [e.subject for e in store.events("print.reprint_list")] == [order_id]
    assert local_order(store, order_id).payment_status == "paid"


def test_expired_unpaid_order_is_cancelled_at_the_backend_and_not_printed(
        client: BackendClient, store: Store) -> None:
    order_id, _ = accepted_order(client, store)
    clock = FakeClock()
    clock.advance(GRACE * 2)
    prints, reprints = Results(), Results()
    report = Reconciler(client, store, clock=clock, late_grace=GRACE, on_print=prints,
                        on_reprint_list=reprints).run_once()

    assert report.learned == {order_id: "cancelled"}
    assert (prints.calls, reprints.calls) == ([], [])
    assert client.payment_status(order_id).status == "cancelled"


def test_backend_unreachable_leaves_orders_pending_for_the_next_pass(
        client: BackendClient, store: Store, proxy: TcpProxy, backend: BackendServer) -> None:
    order_id, _ = accepted_order(client, store)
    backend.sandbox_pay(order_id)
    prints = Results()
    reconciler = Reconciler(client, store, late_grace=GRACE, on_print=prints,
                            on_reprint_list=Results())
    proxy.drop()
    report = reconciler.run_once()
    assert order_id in report.errors and prints.calls == []
    assert local_order(store, order_id).payment_status == "pending"

    proxy.pass_through()
    assert reconciler.run_once().learned == {order_id: "paid"}
    assert prints.calls == [(order_id,)]


def test_order_never_accepted_by_the_backend_is_not_asked(
        client: BackendClient, store: Store) -> None:
    make_order(store)
    report = Reconciler(client, store, late_grace=GRACE, on_print=Results(),
                        on_reprint_list=Results()).run_once()
    assert report.asked == 0


def test_started_reconciler_runs_a_first_pass_and_stops(
        client: BackendClient, store: Store, backend: BackendServer) -> None:
    order_id, _ = accepted_order(client, store)
    backend.sandbox_pay(order_id)
    prints = Results()
    reconciler = Reconciler(client, store, late_grace=GRACE, on_print=prints,
                            on_reprint_list=Results(), interval=600)
    reconciler.start()
    try:
        assert prints.wait() == (order_id,)
    finally:
        reconciler.stop()
    assert local_order(store, order_id).payment_status == "paid"


def test_payment_after_a_declined_attempt_is_found(
        client: BackendClient, store: Store, backend: BackendServer) -> None:
    order_id, _ = accepted_order(client, store)
    backend.sandbox_decline(order_id)
    reconciler = Reconciler(client, store, late_grace=GRACE, on_print=Results(),
                            on_reprint_list=Results())
    assert reconciler.run_once().learned == {order_id: "failed"}
    backend.sandbox_pay(order_id)  # the customer tried again on the phone
    prints, on_print = printed_by(store)
    reconciler.on_print = on_print
    assert reconciler.run_once().learned == {order_id: "paid"}
    assert prints.calls == [(order_id,)]
    assert [e.kind for e in store.events(subject=order_id) if e.kind.startswith("payment.")] \
        == ["payment.qr_issued", "payment.failed", "payment.paid"]


def test_payment_made_while_the_booth_was_offline_prints_when_the_backend_returns(
        client: BackendClient, store: Store, proxy: TcpProxy, backend: BackendServer) -> None:
    """The customer gave up at the QR while the network was down (the booth's cancel never
    reached the backend), then paid on the phone anyway: the reconciler tries again soon,
    not at its next round, and prints it as a late payment."""
    order_id, _ = accepted_order(client, store)
    proxy.drop()
    assert cancel_and_commit(client, store, order_id, "cancelled at the booth") == "pending"
    assert (local_order(store, order_id).expires_at or 0) <= store.clock()
    prints = Results()
    reconciler = Reconciler(client, store, late_grace=GRACE, on_print=prints,
                            on_reprint_list=Results(), interval=600, retry_interval=0.2)
    dropped = proxy.connections_dropped
    reconciler.start()
    try:
        wait_for(lambda: proxy.connections_dropped > dropped, "a pass while offline")
        backend.sandbox_pay(order_id)
        proxy.pass_through()
        assert prints.wait() == (order_id,)
    finally:
        reconciler.stop()
    assert [e.subject for e in store.events("payment.late")] == [order_id]


def test_a_paid_phone_only_order_is_never_listed_for_reprint(
        client: BackendClient, store: Store, backend: BackendServer) -> None:
    """Photos on the phone only: nothing was to be printed, so nothing is owed on paper."""
    order_id = f"D{uuid.uuid4().hex[:16]}"
    with store.transaction() as db:
        db.add(BoothSession(id=f"S{order_id}", started_at=store.clock()))
        db.flush()
        orders.offer(store, db, order_id=order_id, session_id=f"S{order_id}", copies=0,
                     amount_minor=1_000_000, currency="UZS", provider="sandbox",
                     print_file=None, free=False)
    ready, unavailable = Results(), Results()
    checkout = Checkout(client, store)
    checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    ready.wait()
    checkout.stop()
    backend.sandbox_pay(order_id)
    clock = FakeClock()
    clock.advance(GRACE + 60)
    prints, reprints = Results(), Results()
    reconciler = Reconciler(client, store, clock=clock, late_grace=GRACE, on_print=prints,
                            on_reprint_list=reprints)
    report = reconciler.run_once()

    assert local_order(store, order_id).payment_status == "paid"
    assert (prints.calls, reprints.calls, report.reprint_listed) == ([], [], [])
    assert store.events(REPRINT_LIST_EVENT) == []
