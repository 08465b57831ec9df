"""Kiosk API v1 (docs/architecture.md): generate-qr, payment-status long-poll, cancel,
events, photos; the bodies and answers are contract/kiosk_api.py's models."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from backend.deps import Ctx, DeviceId, DeviceToken, OrderIdPath
from backend.devices import device_name, ingest_events
from backend.documented import documented
from backend.fiscal_setup import fiscal_receipts_missing
from backend.jpeg_check import checked_jpeg
from backend.order_lookups import read_order
from backend.orders import OrderConflict, OrderNotFound, cancel_order, generate_qr, order_status
from backend.photo_links import prepare_link
from backend.photo_uploads import (
    PhotoRefused,
    discard_empty_set,
    keep,
    receive,
    set_dir,
    uploadable_order,
)
from contract.kiosk_api import (
    MAX_WAIT_S,
    DeviceEventsRequest,
    DeviceProfileAnswer,
    EventsAccepted,
    GenerateQrRequest,
    PhotoStored,
    ProviderNotEnabled,
)
from contract.kiosk_api import OrderConflict as OrderConflictAnswer
from contract.payment_status import PaymentStatus
from contract.photo_names import (
    MAX_PHOTO_BYTES,
    MAX_PHOTO_SET,
    PHOTO_NAME_PATTERN,
    PHOTO_NAME_RULE,
    PHOTO_SET_RULE,
)

router = APIRouter(prefix="/api")


@router.post("/generate-qr", **documented("POST", "/api/generate-qr"))
async def post_generate_qr(
    body: GenerateQrRequest, device_id: DeviceId, token: DeviceToken, ctx: Ctx
) -> Any:
    allowed = sorted(ctx.settings.enabled_providers())
    if body.paymentType not in allowed:
        refusal = ProviderNotEnabled(
            detail=f"paymentType {body.paymentType!r} is not enabled on this backend; "
                   f"allowed: {', '.join(allowed)}", allowed=allowed)
        return JSONResponse(refusal.model_dump(), status_code=400)
    # A new order's page code is hashed here, on a worker thread: in the order's transaction
    # it held the write lock, and on SQLite the event loop, for the hash's ~30 ms.
    link = None
    if await ctx.run(read_order, ctx.db, body.order_id) is None:
        link = await run_in_threadpool(prepare_link)
    try:
        return await ctx.run(
            generate_qr, ctx, device_id, body.order_id, body.paymentType, body.amount, token,
            body.language, body.copies, link,
        )
    except OrderConflict as exc:
        conflict = OrderConflictAnswer(detail=str(exc), **exc.facts)
        return JSONResponse(conflict.model_dump(mode="json", exclude_none=True), status_code=409)


@router.get("/payment-status/{order_id}", **documented("GET", "/api/payment-status/{order_id}"))
async def get_payment_status(
    order_id: OrderIdPath,
    device_id: DeviceId,
    ctx: Ctx,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0,
) -> Any:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        with ctx.hub.waiter(order_id) as woken:
            try:
                answer = await ctx.run(order_status, ctx, device_id, order_id)
            except OrderNotFound as exc:
                raise HTTPException(404, f"no order {order_id} for this device") from exc
            remaining = deadline - loop.time()
            if answer["status"] != PaymentStatus.pending or remaining <= 0:
                return {**answer, "wait_s": wait}
            with contextlib.suppress(TimeoutError):
                committed = await asyncio.wait_for(woken, remaining)
                if committed is not None and committed["status"] != PaymentStatus.pending:
                    return {**committed, "wait_s": wait}


@router.post("/orders/{order_id}/cancel", **documented("POST", "/api/orders/{order_id}/cancel"))
async def post_cancel(order_id: OrderIdPath, device_id: DeviceId, ctx: Ctx) -> Any:
    try:
        return await ctx.run(cancel_order, ctx, device_id, order_id)
    except OrderNotFound as exc:
        raise HTTPException(404, f"no order {order_id} for this device") from exc


@router.get("/devices/me", **documented("GET", "/api/devices/me"))
async def get_device_me(device_id: DeviceId, ctx: Ctx) -> DeviceProfileAnswer:
    """Answers only a known token: how a booth tells a revoked token from a backend that is
    down; also the device's name and the payment providers this backend takes."""
    name = await ctx.run(device_name, ctx.db, device_id)
    return DeviceProfileAnswer(
        device_id=device_id, name=name, providers=sorted(ctx.settings.enabled_providers()),
        fiscal_receipts_missing=fiscal_receipts_missing(ctx.settings))


@router.post("/devices/events", **documented("POST", "/api/devices/events"))
async def post_device_events(
    body: DeviceEventsRequest,
    device_id: DeviceId,
    ctx: Ctx,
    idempotency_key: Annotated[str, Header(min_length=1, max_length=128)],
) -> EventsAccepted:
    events = [event.model_dump() for event in body.events]
    answer = await ctx.run(
        ingest_events, ctx.db, device_id, idempotency_key, events, ctx.clock.now_ms()
    )
    return EventsAccepted(**answer)


@router.put("/orders/{order_id}/photos/{name}",
            **documented("PUT", "/api/orders/{order_id}/photos/{name}"))
async def put_photo(
    order_id: OrderIdPath,
    name: Annotated[str, Path(pattern=PHOTO_NAME_PATTERN, description=PHOTO_NAME_RULE)],
    request: Request,
    device_id: DeviceId,
    ctx: Ctx,
    photo_set: Annotated[int, Query(ge=1, le=MAX_PHOTO_SET, description=PHOTO_SET_RULE)] = 1,
    # Read here, documented as the request body's media type and size (not as parameters).
    content_type: Annotated[str | None, Header(include_in_schema=False)] = None,
    content_length: Annotated[int | None, Header(include_in_schema=False)] = None,
) -> JSONResponse:
    """A JPEG of the device's own paid order, in the order's set `photo_set`: 201 stored,
    200 the same bytes again; a newer set replaces the shown one, an older set is refused."""
    order = None
    try:
        if (content_type or "").split(";")[0].strip().lower() != "image/jpeg":
            raise PhotoRefused(415, "Content-Type must be image/jpeg")
        if content_length is not None and content_length > MAX_PHOTO_BYTES:
            raise PhotoRefused(413, f"a photo is at most {MAX_PHOTO_BYTES} bytes")
        order = await ctx.run(uploadable_order, ctx, device_id, order_id, photo_set)
        part, sha256, size = await receive(request.stream(), set_dir(ctx, order, photo_set),
                                           name)
        await ctx.images.run(checked_jpeg, part)
        created = await ctx.run(keep, ctx, order, photo_set, name, part, sha256, size)
    except PhotoRefused as exc:
        if order is not None:
            await run_in_threadpool(discard_empty_set, ctx, order, photo_set)
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)
    answer = PhotoStored(order_id=order_id, name=name, photo_set=photo_set, sha256=sha256,
                         size=size)
    return JSONResponse(answer.model_dump(), status_code=201 if created else 200)

