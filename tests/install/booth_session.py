"""Run by the INSTALLED venv's Python (not the checkout's): the booth built from the
guide's config (the default config path under $HOME), without a screen, as a customer
meets it.

`pay`: touch, the shots, the first package; prints the order as one JSON line once the
QR is up, then waits for the print and prints `printed`. `out-of-service`: waits for the
booth's first word from the backend, prints its state and technician code as JSON, and
keeps the booth running until stdin closes.
"""

from __future__ import annotations

import json
import sys
import threading

from kiosk.app.booth import Booth
from kiosk.core.config import default_config_path, load_config
from kiosk.core.flow import ShownQr
from kiosk.core.flow_table import State
from kiosk.core.ports import HealthState
from kiosk.core.post_queue import PostQueue


def pay(booth: Booth, runner: PostQueue) -> int:
    driver = booth.driver
    runner.run_until(lambda: booth.printing.can_print(1), "the printer to be ready")
    runner.run_until(lambda: driver.health("backend").state is HealthState.ok, "the backend")
    driver.touch()
    for shot in range(1, booth.config.flow.shots + 1):
        driver.shoot()
        runner.run_until(lambda s=shot: len(driver.context.shots) >= s, f"shot {shot}")
    runner.run_until(driver.preview_path, "the composed print")
    driver.proceed()
    driver.choose_package(1)
    qr = runner.run_until(lambda: driver.context.qr or driver.context.payment_unavailable,
                          "the payment QR")
    if not isinstance(qr, ShownQr):
        print(json.dumps({"unavailable": str(qr)}), flush=True)
        return 1
    print(json.dumps({"order_id": qr.order_id, "amount": qr.amount,
                      "provider": qr.provider, "url": qr.payment_url}), flush=True)
    runner.run_until(lambda: driver.state is State.done, "the print", timeout=180)
    print("printed", flush=True)
    return 0


def out_of_service(booth: Booth, runner: PostQueue) -> int:
    driver = booth.driver
    runner.run_until(lambda: driver.health("backend").state is not HealthState.starting,
                     "the backend's first answer")
    runner.run_until(lambda: driver.state is State.out_of_service, "out of service")
    print(json.dumps({"state": str(driver.state), "code": driver.technician_code(),
                      "why": driver.health("backend").message}), flush=True)
    # Keep running (heartbeats reach the dashboard) until the caller closes stdin.
    closed = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
    runner.run_until(closed.is_set, "stdin closed", timeout=300)
    return 0


def main(mode: str) -> int:
    config_path = default_config_path()
    runner = PostQueue()
    booth = Booth(load_config(config_path, required=True), post=runner.post,
                  config_path=config_path)
    runner.tick = booth.driver.tick
    booth.start()
    try:
        return {"pay": pay, "out-of-service": out_of_service}[mode](booth, runner)
    finally:
        booth.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
