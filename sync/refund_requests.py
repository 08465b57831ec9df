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
        """404: not this booth's order; 409 (or another refusal of the request): refused;
        no answer or 5xx: unreachable (queue it). 401/403 raise: the booth's token is
        refused, a fault of the booth, not of this refund."""
        try:
            answer = self.client.request_refund(order_id, reason)
        except Conflict as exc:
            return RefundReply(RefundReplyKind.refused, note=str(exc))
        except BadRequest as exc:
            kind = RefundReplyKind.unknown_order if exc.status == NOT_FOUND \
                else RefundReplyKind.refused
            return RefundReply(kind, note=str(exc))
        except (BackendUnreachable, ServerError) as exc:
            return RefundReply(RefundReplyKind.unreachable, note=str(exc))
        return RefundReply(RefundReplyKind.accepted, answer.refund.status, answer.refund.note)
