"""/admin refunds: Refund (a reason and a ticked confirmation; a printed order only as
goodwill), Refunded by hand (reason and the cabinet's reference), and the audit log.

Every action is written to the audit log with the operator, the time and the address.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from backend.admin import documents
from backend.admin.auth import OperatorForm, OperatorSession, operator_session
from backend.admin.page_language import operator_language, pages
from backend.admin.rendering import SECURITY_HEADERS
from backend.audit_log import recent_actions, record_action
from backend.context import BackendContext
from backend.deps import Ctx
from backend.fleet_api import client_address
from backend.refunds import (
    RefundNotFound,
    RefundRefused,
    record_refund_by_hand,
    request_refund,
)
from contract.refunds import REASON_MAX

router = APIRouter(prefix="/admin",
                   dependencies=[Depends(operator_session), Depends(operator_language)])
BACK_DEFAULT = "/admin/orders?view=undelivered"
# What the forms take (each also the session's CSRF token); a refusal is a page of its own.
REFUND_FORM = documents.redirecting_form(
    {"order_id": documents.TEXT, "reason": documents.TEXT, "confirm": documents.TEXT,
     "goodwill": documents.TEXT, "back": documents.TEXT}, html=(404, 409, 422))
BY_HAND_FORM = documents.redirecting_form(
    {"order_id": documents.TEXT, "reason": documents.TEXT, "reference": documents.TEXT,
     "back": documents.TEXT}, html=(404, 409, 422))
# The order statuses a refusal names, translated with the rest of its sentence.
STATUS_VALUES = ("status",)


def _back(form: dict[str, str]) -> str:
    back = form.get("back", "")
    return back if back.startswith("/admin/orders") and "//" not in back else BACK_DEFAULT


def _refused(request: Request, session: OperatorSession, form: dict[str, str], status: int,
             sentence: str, **values: str) -> Response:
    """A page saying why, in the operator's language (`sentence` is the English key)."""
    view = pages(request)
    words = {name: view.words(value) if name in STATUS_VALUES else value
             for name, value in values.items()}
    return view.render("refund_refused.html", status, session=session,
                       message=view.words(sentence).format(**words), back=_back(form))


def _done(form: dict[str, str]) -> Response:
    return RedirectResponse(_back(form), status_code=303, headers=SECURITY_HEADERS)


def _audit(ctx: BackendContext, request: Request, session: OperatorSession, action: str,
           subject: str, detail: str) -> None:
    record_action(ctx.db, operator=session.operator_name or "?",
                  address=client_address(request), action=action, subject=subject,
                  detail=detail, now_ms=ctx.clock.now_ms())


@router.post("/orders/refund", **REFUND_FORM)
async def post_refund(request: Request, ctx: Ctx, session: OperatorSession,
                      form: OperatorForm) -> Response:
    order_id = form.get("order_id", "")[:64]
    reason = form.get("reason", "").strip()
    goodwill = form.get("goodwill") == "1"
    if not reason or len(reason) > REASON_MAX:
        return _refused(request, session, form, 422,
                        "A refund needs a reason (at most {limit} characters).",
                        limit=str(REASON_MAX))
    if form.get("confirm") != "1":
        return _refused(request, session, form, 422,
                        "Tick the confirmation to refund the customer's money.")
    operator = session.operator_name or "?"
    try:
        # On a worker thread: the provider call is made at once.
        refund = await run_in_threadpool(
            request_refund, ctx, order_id, origin="dashboard", reason=reason,
            requested_by=operator, goodwill=goodwill)
    except RefundNotFound:
        return _refused(request, session, form, 404, "No order {order}.", order=order_id)
    except RefundRefused as exc:
        await ctx.run(_audit, ctx, request, session, "refund.refused", order_id, str(exc))
        return _refused(request, session, form, 409, exc.sentence, **exc.values)
    await ctx.run(_audit, ctx, request, session, "refund", order_id,
                  f"{'goodwill ' if goodwill else ''}reason: {reason}; "
                  f"result: {refund.status} {refund.note}".strip())
    return _done(form)


@router.post("/orders/refunded-by-hand", **BY_HAND_FORM)
async def post_refunded_by_hand(request: Request, ctx: Ctx, session: OperatorSession,
                                form: OperatorForm) -> Response:
    order_id = form.get("order_id", "")[:64]
    reason = form.get("reason", "").strip()
    reference = form.get("reference", "").strip()
    if not reason or len(reason) > REASON_MAX or not reference or len(reference) > 200:
        return _refused(request, session, form, 422,
                        "Refunded by hand needs the reason and the provider's reference "
                        "(its cabinet's refund or transaction number).")
    try:
        refund = await ctx.run(record_refund_by_hand, ctx, order_id,
                               session.operator_name or "?", reason, reference)
    except RefundNotFound:
        return _refused(request, session, form, 404, "No order {order}.", order=order_id)
    except RefundRefused as exc:
        return _refused(request, session, form, 409, exc.sentence, **exc.values)
    await ctx.run(_audit, ctx, request, session, "refunded-by-hand", order_id,
                  f"reason: {reason}; reference: {reference}; {refund.note}")
    return _done(form)


@router.get("/audit", **documents.page())
async def get_audit(request: Request, ctx: Ctx, session: OperatorSession) -> Response:
    actions = await ctx.run(recent_actions, ctx.db)
    return pages(request).render("audit.html", session=session, actions=actions)
