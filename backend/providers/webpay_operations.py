"""WebPay's operations API (WSBApi), the merchant's side: the refund of a paid order.

A SOAP service: each operation is one POST of an envelope whose body element is named for
the operation and carries the merchant's API login, the MD5 of its API password and the
billing (store) id, then the operation's fields; the answer's body element carries
`error_code` (0 = done), `error_comment` and, for an operation, the new `transaction_id`.
The wire facts and their source (WebPay's SDK, WebpayDev/wsb-api-sdk) are in
docs/refunds-and-fiscal.md.

- `TransactionRefund` returns a completed (captured) payment: WebPay's later notify says
  payment_type 5 or 11 (refunded).
- `TransactionCancel` voids a payment that is only authorized (notify payment_type 4): the
  hold is released, the later notify says payment_type 7 (voided).
- `GetTransactionStatus` lists the order's transactions with their status: asked before a
  repeated call, so an answer lost after WebPay acted never refunds twice.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import requests

from backend.provider_calls import CallResult
from backend.settings import BackendSettings
from contract.money import major_text

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
REASON_LIMIT = 255
# GetTransactionStatus's statuses (the SDK's Status): the money went back, or it did not.
RETURNED = {"Refunded", "Voided"}
HELD = {"Completed", "Authorized"}
AUTHORIZED_ONLY = "4"  # notify payment_type of a payment authorized and not yet captured

RefundState = Literal["returned", "held", "unknown"]


class OperationFailed(Exception):
    """No readable answer: WebPay may or may not have acted."""


@dataclass(frozen=True)
class Payment:
    """The paid order as WebPay knows it."""

    order_id: str  # our order id: WebPay's wsb_order_num
    transaction_id: str  # the payment's WebPay transaction_id (its notify)
    amount_minor: int
    currency: str
    paid_at: datetime | None
    payment_types: tuple[str, ...]  # every notify payment_type seen for the transaction

    @property
    def only_authorized(self) -> bool:
        return AUTHORIZED_ONLY in self.payment_types and "1" not in self.payment_types


def _credentials(settings: BackendSettings) -> list[tuple[str, str]]:
    password = hashlib.md5(settings.webpay_api_password.encode()).hexdigest()
    return [("store_id", settings.webpay_billing_id), ("login", settings.webpay_api_login),
            ("password", password)]


def envelope(operation: str, fields: list[tuple[str, str]]) -> bytes:
    """The SOAP 1.1 request: <Envelope><Body><operation><field>…</field>…</operation>."""
    root = ET.Element(f"{{{SOAP_ENV}}}Envelope")
    body = ET.SubElement(root, f"{{{SOAP_ENV}}}Body")
    call = ET.SubElement(body, operation)
    for name, value in fields:
        ET.SubElement(call, name).text = value
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _answer_of(operation: str, data: bytes) -> ET.Element:
    """The body's `<operation>Response` element; OperationFailed for anything else."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise OperationFailed("an answer with a DOCTYPE (refused unread)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OperationFailed(f"an answer that is not XML ({exc})") from None
    for element in root.iter():
        if _local(element.tag) == f"{operation}Response":
            return element
        if _local(element.tag) == "Fault":
            fault = " ".join(text.strip() for text in element.itertext() if text.strip())
            raise OperationFailed(f"a SOAP fault: {fault[:200]}")
    raise OperationFailed(f"an answer without {operation}Response")


def _field(element: ET.Element, name: str) -> str:
    for child in element.iter():
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _post(settings: BackendSettings, operation: str,
          fields: list[tuple[str, str]]) -> ET.Element:
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{operation}"'}
    try:
        response = requests.post(settings.webpay_operations_endpoint,
                                 data=envelope(operation, fields), headers=headers,
                                 timeout=settings.provider_timeout_seconds)
    except requests.RequestException as exc:
        raise OperationFailed(f"{type(exc).__name__}: no answer") from exc
    if response.status_code >= 500 and b"Fault" not in response.content:
        raise OperationFailed(f"HTTP {response.status_code}")
    return _answer_of(operation, response.content)


def return_payment(settings: BackendSettings, payment: Payment, reason: str) -> CallResult:
    """TransactionRefund (TransactionCancel for a payment only authorized); error_code 0 →
    refunded, another code → refused with WebPay's comment, no readable answer → retry."""
    cancel = payment.only_authorized
    operation = "TransactionCancel" if cancel else "TransactionRefund"
    fields = [*_credentials(settings), ("transaction_id", payment.transaction_id),
              ("amount", major_text(payment.amount_minor, payment.currency)),
              ("currency", payment.currency),
              ("cancel_reason" if cancel else "refund_reason", reason[:REASON_LIMIT])]
    try:
        answer = _post(settings, operation, fields)
    except OperationFailed as exc:
        return CallResult("retry", f"WebPay {operation}: {exc}")
    code, comment = _field(answer, "error_code"), _field(answer, "error_comment")
    done = {"operation": operation, "error_code": code, "error_comment": comment,
            "transaction_id": _field(answer, "transaction_id")}
    if code == "0":
        return CallResult("refunded", f"WebPay {operation} done (transaction "
                                      f"{done['transaction_id'] or payment.transaction_id})",
                          done)
    if not code:
        return CallResult("retry", f"WebPay {operation}: an answer without error_code", done)
    return CallResult("refused", f"refund by hand: WebPay refused {operation}: {code} "
                                 f"{comment}".strip(), done)


def refund_state(settings: BackendSettings, payment: Payment) -> RefundState:
    """GetTransactionStatus for the order, read for the payment's own transaction: "returned"
    when WebPay lists it Refunded or Voided, "held" when Completed or Authorized, "unknown"
    when it cannot say (no answer, an error, the transaction not listed). Other records of
    the order (a duplicate payment an operator refunded in the cabinet) never count."""
    # From the month before the payment: WebPay keeps Minsk time, and a payment's month there
    # may be the one before ours near midnight on the 1st.
    since = (payment.paid_at or datetime.now()) - timedelta(days=2)
    fields = [*_credentials(settings), ("order_num", payment.order_id),
              ("startyear", f"{since.year:04d}"), ("startmonth", f"{since.month:02d}")]
    try:
        answer = _post(settings, "GetTransactionStatus", fields)
    except OperationFailed:
        return "unknown"
    if _field(answer, "error_code") != "0":
        return "unknown"
    statuses = {_field(record, "status") for record in answer.iter()
                if any(_local(child.tag) == "status" for child in record)
                and _field(record, "transaction_id") == payment.transaction_id}
    if statuses & RETURNED:
        return "returned"
    if statuses & HELD:
        return "held"
    return "unknown"
