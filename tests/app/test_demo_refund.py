"""The demo shows a refund end to end, as the README tells a visitor to try it: a customer's
order paid on the sandbox page and not printed is in the dashboard's "Paid, not printed"
(logged in with the login `kiosk demo` prints); Refund there returns the money at once, and
the booth's payment-status and refund request both say refunded."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tomllib
import uuid
from pathlib import Path

import httpx

from tests.app.conftest import KIOSK, STOP_DEADLINE
from tests.backend.refund_helpers import status
from tests.conftest import lp_readable_tempdir
from tests.harness.dashboard import csrf_of
from tests.harness.notify_socket import NotifySocket
from tests.harness.waiting import wait_for

START_DEADLINE = 90.0
LOGIN_LINE = re.compile(r"operator dashboard at (\S+)/admin \(login (\S+) / (\S+)\)")


def test_the_demo_refunds_a_paid_unprinted_order_from_its_dashboard_at_once(
        tmp_path: Path, notify: NotifySocket) -> None:
    demo_dir = lp_readable_tempdir("booth-demo-refund-") / "demo"
    env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
                "NOTIFY_SOCKET": str(notify.path)})
    output = tmp_path / "demo-output.txt"
    with output.open("wb") as sink:
        demo = subprocess.Popen([str(KIOSK), "demo", "--windowed", "--dir", str(demo_dir)],
                                env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        notify.wait_for("READY", "1", timeout=START_DEADLINE)
        found = wait_for(lambda: LOGIN_LINE.search(output.read_text()),
                         "the demo prints the dashboard's login")
        url, name, password = found.groups()
        booth_config = tomllib.loads((demo_dir / "kiosk.toml").read_text())["backend"]
        with httpx.Client(base_url=booth_config["url"], timeout=40, headers={
                "Authorization": f"Bearer {booth_config['device_token']}"}) as booth:
            order_id = f"demo-{uuid.uuid4().hex[:12]}"
            offered = booth.post("/api/generate-qr", json={
                "order_id": order_id, "paymentType": "sandbox", "amount": 20_000, "copies": 2})
            assert offered.status_code == 200, offered.text
            # The customer's phone opens the QR's sandbox page and presses Pay.
            paid = httpx.post(f"{offered.json()['payment_url']}/pay", timeout=30)
            assert paid.status_code == 200, paid.text
            wait_for(lambda: status(booth, order_id)["status"] == "paid", "the sandbox payment")
            with httpx.Client(base_url=url, timeout=30) as admin:
                login = csrf_of(admin.get("/admin/login").text)
                assert admin.post("/admin/login", data={
                    "csrf_token": login, "name": name, "password": password}
                ).status_code == 303
                unprinted = admin.get("/admin/orders", params={"view": "undelivered"}).text
                assert order_id in unprinted
                answer = admin.post("/admin/orders/refund", data={
                    "csrf_token": csrf_of(unprinted), "order_id": order_id,
                    "reason": "the printer ran out of paper", "confirm": "1",
                    "back": "/admin/orders?view=undelivered"})
                assert answer.status_code == 303, answer.text
                assert order_id not in admin.get(
                    "/admin/orders", params={"view": "undelivered"}).text
            assert status(booth, order_id) | {"paid_at": None} == {
                **status(booth, order_id), "paid_at": None, "status": "refunded",
                "refund": {"status": "refunded", "note": "sandbox: refunded at once"}}
            again = booth.post(f"/api/orders/{order_id}/refund", json={"reason": "again"})
            assert again.status_code == 202
            assert again.json()["refund"]["status"] == "refunded"
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(STOP_DEADLINE)
    assert demo.returncode == 0
