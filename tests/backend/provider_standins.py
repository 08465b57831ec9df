"""Stand-ins for the providers' merchant APIs the backend calls, on loopback.

They speak the documented protocol (spec/payme.md and spec/click.md, refunds and fiscal
data; WebPay's operations API as its SDK sends it, docs/refunds-and-fiscal.md) and can be
told to fail one call in a given way: `"5xx"` (an error page, nothing done), `"timeout"`
(no answer until released, nothing done), `"lost"` (the provider acts, then the connection
drops before the answer), or a refusal.
"""

from __future__ import annotations

import base64
import hashlib
import json
import queue
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.etree import ElementTree

import httpx


class StandIn:
    """A threaded HTTP server on 127.0.0.1; `handle(handler)` answers each request."""

    def __init__(self) -> None:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                stand_in.handle(self)

            do_POST = do_DELETE = do_GET

        self.release = threading.Event()  # lets a "timeout" or "hold" answer go
        self.holding = threading.Event()  # a "hold" call has arrived
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        self.faults: list[str] = []  # consumed one per call, first first
        self.lock = threading.Lock()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def next_fault(self) -> str:
        with self.lock:
            return self.faults.pop(0) if self.faults else ""

    @staticmethod
    def body(handler: BaseHTTPRequestHandler) -> bytes:
        length = int(handler.headers.get("Content-Length") or 0)
        return handler.rfile.read(length) if length else b""

    @staticmethod
    def answer(handler: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def fail_before_acting(self, handler: BaseHTTPRequestHandler, fault: str) -> bool:
        """5xx and timeout: answered (or held) without acting; True if one was applied.
        "hold": the call waits until `release` is set, then goes on as usual."""
        if fault == "hold":
            self.holding.set()
            self.release.wait(60)
            return False
        if fault == "5xx":
            self.answer(handler, 502, {"error": "bad gateway"})
            return True
        if fault == "timeout":
            self.release.wait(60)  # the backend gives up first: its timeout is 1 s
            handler.close_connection = True
            return True
        return False

    @staticmethod
    def drop(handler: BaseHTTPRequestHandler) -> None:
        """The answer is lost: the connection closes with nothing sent."""
        handler.close_connection = True
        handler.wfile.flush()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(10)


class PaymeSubscribe(StandIn):
    """Payme's Subscribe API: receipts.cancel puts the receipt in the cancel queue (state 21)
    once, however often it is asked; the queue then calls the merchant's CancelTransaction
    (reason 5) and the receipt is cancelled (state 50)."""

    def __init__(self, merchant_id: str, key: str) -> None:
        super().__init__()
        self.merchant_id, self.key = merchant_id, key
        self.backend_url = ""
        self.calls: list[dict[str, Any]] = []
        self.bad_auth = 0
        self.receipts: dict[str, int] = {}  # Payme transaction id → receipt state
        self.cancel_answers: list[dict[str, Any]] = []
        self.refusals: dict[str, tuple[int, str]] = {}
        self.paused: set[str] = set()  # receipts whose cancel waits in the queue for resume()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._worker = threading.Thread(target=self._cancel_queue, daemon=True)
        self._worker.start()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        request = json.loads(self.body(handler) or b"{}")
        if handler.headers.get("X-Auth") != f"{self.merchant_id}:{self.key}":
            self.bad_auth += 1
            self.answer(handler, 200, {"jsonrpc": "2.0", "id": request.get("id"),
                                       "error": {"code": -32504, "message": "Access denied"}})
            return
        with self.lock:
            self.calls.append(request)
        fault = self.next_fault()
        if self.fail_before_acting(handler, fault):
            return
        receipt_id = request["params"]["id"]
        if receipt_id in self.refusals:
            code, message = self.refusals[receipt_id]
            self.answer(handler, 200, {"jsonrpc": "2.0", "id": request["id"],
                                       "error": {"code": code, "message": message}})
            return
        with self.lock:
            state = self.receipts.get(receipt_id)
            if state is None:
                self.receipts[receipt_id] = state = 21
                if receipt_id not in self.paused:
                    self._queue.put(receipt_id)
        if fault == "lost":
            self.drop(handler)
            return
        self.answer(handler, 200, {"jsonrpc": "2.0", "id": request["id"],
                                   "result": {"receipt": {"_id": receipt_id, "state": state}}})

    def _cancel_queue(self) -> None:
        while (receipt_id := self._queue.get()) is not None:
            key = base64.b64encode(f"Paycom:{self.key}".encode()).decode()
            answer = httpx.post(
                f"{self.backend_url}/payme", headers={"Authorization": f"Basic {key}"},
                json={"jsonrpc": "2.0", "id": 1, "method": "CancelTransaction",
                      "params": {"id": receipt_id, "reason": 5}}, timeout=30).json()
            with self.lock:
                self.cancel_answers.append(answer)
                if "result" in answer:
                    self.receipts[receipt_id] = 50

    def resume(self, receipt_id: str) -> None:
        """The paused receipt's cancel goes on: Payme calls CancelTransaction."""
        with self.lock:
            self.paused.discard(receipt_id)
            if self.receipts.get(receipt_id) == 21:
                self._queue.put(receipt_id)

    @property
    def cancels(self) -> int:
        """CancelTransaction calls Payme made: refunds it carried out."""
        return len(self.cancel_answers)

    def stop(self) -> None:
        self._queue.put(None)
        self._worker.join(30)
        super().stop()


# Click's refusals of a reversal (spec/click.md): not this month, not an online card, UZCARD.
CLICK_REFUSALS = {
    "previous_month": (-5017, "Payment was made in the previous reporting month"),
    "not_online_card": (-5018, "Reversal is allowed only for online card payments"),
    "uzcard": (-5019, "UZCARD refused the reversal"),
}
ALREADY_REVERSED = (-5020, "Payment is already reversed")
BASE_PATH = "/v2/merchant"


class ClickMerchant(StandIn):
    """Click's Merchant API: checks the Auth digest on every call; reverses a payment once
    (again: a refusal, and its status says cancelled); takes fiscal items and then answers
    the receipt's qrCodeURL from the second ofd_data question on."""

    def __init__(self, service_id: str, user_id: str, secret: str) -> None:
        super().__init__()
        self.service_id, self.user_id, self.secret = service_id, user_id, secret
        self.bad_auth = 0
        self.reversal_calls = 0
        self.reversed: Counter[str] = Counter()
        self.refusing: dict[str, str] = {}  # payment id → a CLICK_REFUSALS key
        self.submitted: list[dict[str, Any]] = []
        self.ofd_questions: Counter[str] = Counter()

    def _auth_ok(self, header: str) -> bool:
        parts = header.split(":")
        if len(parts) != 3:
            return False
        user, digest, timestamp = parts
        expected = hashlib.sha1(f"{timestamp}{self.secret}".encode()).hexdigest()
        return user == self.user_id and digest == expected and timestamp.isdigit()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = self.body(handler)
        if not self._auth_ok(handler.headers.get("Auth", "")):
            self.bad_auth += 1
            self.answer(handler, 401, {"error_code": -1, "error_note": "Auth failed"})
            return
        parts = handler.path.removeprefix(BASE_PATH).strip("/").split("/")
        if handler.command == "DELETE" and parts[:2] == ["payment", "reversal"]:
            self._reversal(handler, parts[2], parts[3])
        elif handler.command == "GET" and parts[:2] == ["payment", "status"]:
            payment_id = parts[3]
            self.answer(handler, 200, {"error_code": 0, "error_note": "", "payment_id":
                                       int(payment_id), "payment_status":
                                       -99 if self.reversed[payment_id] else 2})
        elif handler.command == "POST" and parts == ["payment", "ofd_data", "submit_items"]:
            fault = self.next_fault()
            if self.fail_before_acting(handler, fault):
                return
            with self.lock:
                self.submitted.append(json.loads(body))
            self.answer(handler, 200, {"error_code": 0, "error_note": "Success"})
        elif handler.command == "GET" and parts[:2] == ["payment", "ofd_data"]:
            payment_id = parts[3]
            with self.lock:
                self.ofd_questions[payment_id] += 1
                ready = self.ofd_questions[payment_id] >= 2 and any(
                    str(s["payment_id"]) == payment_id for s in self.submitted)
            answer: dict[str, Any] = {"error_code": 0, "error_note": ""}
            if ready:
                answer["qrCodeURL"] = f"https://ofd.soliq.uz/check?t=CLICK{payment_id}"
            self.answer(handler, 200, answer)
        else:
            self.answer(handler, 404, {"error_code": -404, "error_note": "Not found"})

    def _reversal(self, handler: BaseHTTPRequestHandler, service_id: str,
                  payment_id: str) -> None:
        with self.lock:
            self.reversal_calls += 1
        fault = self.next_fault()
        if self.fail_before_acting(handler, fault):
            return
        if service_id != self.service_id:
            self.answer(handler, 200, {"error_code": -5014, "error_note": "Wrong service_id",
                                       "payment_id": int(payment_id)})
            return
        refusal = self.refusing.get(payment_id)
        with self.lock:
            already = self.reversed[payment_id] > 0
            if refusal is None and not already:
                self.reversed[payment_id] += 1
        if refusal is not None or already:
            code, note = CLICK_REFUSALS[refusal] if refusal else ALREADY_REVERSED
            self.answer(handler, 200, {"error_code": code, "error_note": note,
                                       "payment_id": int(payment_id)})
            return
        if fault == "lost":
            self.drop(handler)
            return
        self.answer(handler, 200, {"error_code": 0, "error_note": "Success",
                                   "payment_id": int(payment_id)})


# WebPay's operations API (WSBApi): SOAP, each operation's fields as the SDK sends them.
SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
WEBPAY_REFUSED = ("512", "Refund amount exceeds the transaction amount")
WEBPAY_ACCESS_DENIED = ("401", "Access denied")


class WebPayOperations(StandIn):
    """WebPay's operations API: checks login, MD5 of the password and the billing id; a
    TransactionRefund (or TransactionCancel) returns a known payment once (again: a refusal);
    GetTransactionStatus lists an order's transactions with their statuses. `status_down`:
    GetTransactionStatus answers 502."""

    def __init__(self, login: str, password: str, billing_id: str) -> None:
        super().__init__()
        self.login, self.billing_id = login, billing_id
        self.password_md5 = hashlib.md5(password.encode()).hexdigest()
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.bad_auth = 0
        self.payments: dict[str, dict[str, str]] = {}  # transaction id → order_num, amount…
        self.returned: Counter[str] = Counter()  # transaction id → refunds/voids made
        self.refusing: set[str] = set()  # transaction ids whose return WebPay refuses
        self.status_down = False

    def pay(self, transaction_id: str, order_num: str, amount: str,
            status: str = "Completed") -> None:
        with self.lock:
            self.payments[transaction_id] = {"order_num": order_num, "amount": amount,
                                             "status": status}

    def calls_of(self, operation: str) -> list[dict[str, str]]:
        with self.lock:
            return [fields for name, fields in self.calls if name == operation]

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = ElementTree.fromstring(self.body(handler)).find(f"{{{SOAP_ENV}}}Body")
        assert body is not None, "a SOAP request without a Body"
        call = body[0]
        operation = call.tag
        fields = {child.tag: child.text or "" for child in call}
        with self.lock:
            self.calls.append((operation, fields))
        if (fields.get("login"), fields.get("password"), fields.get("store_id")) != (
                self.login, self.password_md5, self.billing_id):
            self.bad_auth += 1
            self.soap(handler, operation, *WEBPAY_ACCESS_DENIED)
            return
        if operation == "GetTransactionStatus":
            self._status(handler, fields)
            return
        fault = self.next_fault()
        if self.fail_before_acting(handler, fault):
            return
        transaction_id = fields.get("transaction_id", "")
        with self.lock:
            payment = self.payments.get(transaction_id)
            refuse = (payment is None or transaction_id in self.refusing
                      or self.returned[transaction_id] > 0
                      or fields.get("amount") != payment["amount"])
            if not refuse and payment is not None:
                self.returned[transaction_id] += 1
                payment["status"] = ("Voided" if operation == "TransactionCancel"
                                     else "Refunded")
        if refuse:
            self.soap(handler, operation, *WEBPAY_REFUSED)
            return
        if fault == "lost":
            self.drop(handler)
            return
        self.soap(handler, operation, "0", "", transaction_id=f"9{transaction_id}")

    def _status(self, handler: BaseHTTPRequestHandler, fields: dict[str, str]) -> None:
        if self.status_down:
            self.answer(handler, 502, {"error": "bad gateway"})
            return
        with self.lock:
            listed = [(tx, dict(p)) for tx, p in self.payments.items()
                      if p["order_num"] == fields.get("order_num")]
        records = "".join(
            f"<item><transaction_id>{tx}</transaction_id><status>{p['status']}</status>"
            f"<amount>{p['amount']}</amount><currency>BYN</currency></item>"
            for tx, p in listed)
        self.soap(handler, "GetTransactionStatus", "0", "",
                  raw=f"<transaction>{records}</transaction>")

    @staticmethod
    def soap(handler: BaseHTTPRequestHandler, operation: str, code: str, comment: str,
             transaction_id: str = "", raw: str = "") -> None:
        data = (f'<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV='
                f'"{SOAP_ENV}" xmlns:ns1="urn:wsbapi"><SOAP-ENV:Body><ns1:{operation}Response>'
                f"<error_code>{code}</error_code><error_comment>{comment}</error_comment>"
                f"<transaction_id>{transaction_id}</transaction_id>{raw}"
                f"</ns1:{operation}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>").encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/xml; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
