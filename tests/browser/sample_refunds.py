"""Orders ending refunded (Payme, and WebPay through its operations API, each through its
stand-in), refund by hand (Click refused the reversal), printed, and paid-not-printed, and
the dashboard's screenshots of them.

    python -m tests.browser.sample_refunds --out docs/screens

starts a throwaway backend wired to the provider stand-ins and writes the PNGs the README
shows, and beside them a Payme CheckPerformTransaction answer with `detail`
(payme-check-perform.json) and a Click submit_items body as sent (click-submit-items.json).
"""

from __future__ import annotations

import argparse
import json
import secrets
import tempfile
from pathlib import Path

import httpx
from selenium.webdriver.common.by import By

from tests.backend.refund_helpers import (
    Wired,
    new_order,
    pay_click,
    pay_payme,
    payme_call,
    printed,
    status,
    wired_backend,
)
from tests.backend.test_webpay import notify_form
from tests.harness.chromium import Chromium
from tests.harness.dashboard import PASSWORD, new_operator
from tests.harness.waiting import wait_for


def write_json(out: Path, name: str, document: object) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    print(f"{name}:", text)
    (out / name).write_text(text + "\n", encoding="utf-8")


def populate(wired: Wired, out: Path) -> None:
    server = wired.server
    with wired.booth() as booth:
        refunded = new_order(booth, "payme", amount=1000, copies=3)
        answer = payme_call(server, "CheckPerformTransaction",
                            {"amount": 100_000, "account": {"order_id": refunded}})
        write_json(out, "payme-check-perform.json", answer)
        pay_payme(server, refunded, 100_000)
        booth.post(f"/api/orders/{refunded}/refund", json={"reason": "printer jammed"})
        wait_for(lambda: status(booth, refunded)["status"] == "refunded", "Payme's refund")
        refused = new_order(booth, "click", amount=1000, copies=2)
        payment_id = pay_click(server, refused)
        wait_for(lambda: wired.click.submitted, "Click's submit_items")
        write_json(out, "click-submit-items.json", wired.click.submitted[0])
        wired.click.refusing[payment_id] = "previous_month"
        booth.post(f"/api/orders/{refused}/refund", json={"reason": "camera broke"})
        webpay = new_order(booth, "webpay", amount=10)
        transaction = str(secrets.randbelow(10**12))
        wired.webpay.pay(transaction, webpay, "10.00")
        httpx.post(f"{server.url}/webpay/notify", data=notify_form(webpay, "1", transaction),
                   timeout=30).raise_for_status()
        booth.post(f"/api/orders/{webpay}/refund", json={"reason": "customer left"})
        delivered = new_order(booth, "sandbox")
        server.sandbox_pay(delivered)
        printed(booth, delivered)
        waiting = new_order(booth, "sandbox", amount=1500, copies=2)
        server.sandbox_pay(waiting)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="booth-refund-screens-"))
    args.out.mkdir(parents=True, exist_ok=True)
    with wired_backend(work / "backend") as wired:
        populate(wired, args.out)
        operator = new_operator(wired.server)
        browser = Chromium(work / "downloads")
        try:
            driver = browser.driver
            driver.get(f"{wired.server.url}/admin/login")
            driver.find_element(By.NAME, "name").send_keys(operator)
            driver.find_element(By.NAME, "password").send_keys(PASSWORD)
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            wait_for(lambda: "/admin/login" not in driver.current_url, "the login")
            driver.get(f"{wired.server.url}/admin/orders")
            browser.screenshot_fitting(args.out / "dashboard-refunds-1920x1080.png", "orders")
            driver.get(f"{wired.server.url}/admin/orders?view=undelivered")
            driver.find_element(By.CSS_SELECTOR, "details.refund-form summary").click()
            browser.screenshot_fitting(args.out / "dashboard-refund-form-1920x1080.png",
                                       "the Refund form")
        finally:
            browser.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
