"""The booth's refund: `POST /api/orders/{order_id}/refund {"reason"}`.

The device's own paid, undelivered order only: 404 for another device's or an unknown
order, 409 for a delivered (or unpaid) one; 202 when accepted, and 202 again for a repeat
(one refund per order, whoever asked).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from backend.context import BackendContext
from backend.deps import Ctx, DeviceId, OrderIdPath
from backend.devices import device_name
from backend.documented import documented
from backend.refunds import RefundNotFound, RefundRefused, request_refund
from contract.refunds import RefundAnswer, RefundRequest, RefundState

router = APIRouter(prefix="/api")


def _refund_for_booth(ctx: BackendContext, device_id: int, order_id: str,
                      reason: str) -> RefundAnswer:
    refund = request_refund(ctx, order_id, origin="booth", reason=reason,
                            requested_by=device_name(ctx.db, device_id), device_id=device_id)
    return RefundAnswer(
        order_id=order_id,
        status="refunded" if refund.status == "refunded" else "paid",
        refund=RefundState(status=refund.status, note=refund.note),  # type: ignore[arg-type]
    )


@router.post("/orders/{order_id}/refund", **documented("POST", "/api/orders/{order_id}/refund"))
async def post_refund(order_id: OrderIdPath, body: RefundRequest, device_id: DeviceId,
                      ctx: Ctx) -> RefundAnswer | JSONResponse:
    try:
        # On a worker thread even with SQLite: the provider call is made at once.
        return await run_in_threadpool(_refund_for_booth, ctx, device_id, order_id,
                                       body.reason)
    except RefundNotFound as exc:
        raise HTTPException(404, f"no order {order_id} for this device") from exc
    except RefundRefused as exc:
        return JSONResponse({"detail": str(exc)}, status_code=409)
