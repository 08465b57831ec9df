"""The booth's refund request to the backend (`POST /api/orders/{order_id}/refund`), as the
core's `Refunds` port: the answer validated by the contract's model, each outcome named."""

from __future__ import annotations

from kiosk.core.ports import RefundReply, RefundReplyKind
from sync.api_client import BackendClient, BackendUnreachable, BadRequest, Conflict, ServerError

NOT_FOUND = 404


class BackendRefunds:
    def __init__(self, client: BackendClient):
        self.client = client

    def request_refund(self, order_id: str, reason: str) -> RefundReply:
        """404: not this booth's order; 409: delivered or not paid; no answer or 5xx:
        unreachable (queue it). Other refusals (401, 422…) raise: a fault, not a refund's."""
        try:
            answer = self.client.request_refund(order_id, reason)
        except Conflict as exc:
            return RefundReply(RefundReplyKind.refused, note=str(exc))
        except BadRequest as exc:
            if exc.status != NOT_FOUND:
                raise
            return RefundReply(RefundReplyKind.unknown_order, note=str(exc))
        except (BackendUnreachable, ServerError) as exc:
            return RefundReply(RefundReplyKind.unreachable, note=str(exc))
        return RefundReply(RefundReplyKind.accepted, answer.refund.status, answer.refund.note)
