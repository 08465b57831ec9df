"""Kiosk API v1 (ARCHITECTURE.md): generate-qr, payment-status long-poll, cancel, events."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictInt

from backend.deps import Ctx, DeviceId, DeviceToken, OrderIdPath
from backend.devices import device_name, ingest_events
from backend.jpeg_check import checked_jpeg
from backend.orders import OrderConflict, OrderNotFound, cancel_order, generate_qr, order_status
from backend.photo_uploads import PhotoRefused, keep, order_media_dir, receive, uploadable_order
from contract.order_ids import ORDER_ID_PATTERN, ORDER_ID_RULE
from contract.payment_status import PaymentStatus
from contract.photo_names import MAX_PHOTO_BYTES, PHOTO_NAME_PATTERN, PHOTO_NAME_RULE
from contract.timestamps import EARLIEST_S, LATEST_S, TIMESTAMP_RULE

MAX_WAIT_S = 30.0
MAX_AMOUNT_MAJOR = 100_000_000
MAX_COPIES = 1000

router = APIRouter(prefix="/api")


class GenerateQrRequest(BaseModel):
    order_id: str = Field(pattern=ORDER_ID_PATTERN, description=ORDER_ID_RULE)
    paymentType: str = Field(min_length=1, max_length=32)
    amount: StrictInt = Field(gt=0, le=MAX_AMOUNT_MAJOR, description="whole major units")
    language: Literal["uz", "ru", "en"] | None = Field(
        default=None, description="the customer's language, carried by the provider's page"
    )
    copies: StrictInt = Field(default=1, ge=0, le=MAX_COPIES,
                              description="prints bought; 0 = the digital package")


class DeviceEventIn(BaseModel):
    key: str = Field(min_length=1, max_length=128)
    at: float = Field(ge=EARLIEST_S, le=LATEST_S, allow_inf_nan=False,
                      description=TIMESTAMP_RULE)
    kind: str = Field(min_length=1, max_length=64)
    subject: str | None = Field(default=None, max_length=128)
    reason: str = Field(default="", max_length=2000)
    data: dict[str, Any] = Field(default_factory=dict, max_length=64)


class DeviceEventsRequest(BaseModel):
    events: list[DeviceEventIn] = Field(max_length=1000)


@router.post("/generate-qr", response_model=None)
async def post_generate_qr(
    body: GenerateQrRequest, device_id: DeviceId, token: DeviceToken, ctx: Ctx
) -> dict[str, Any] | JSONResponse:
    allowed = sorted(ctx.settings.enabled_providers())
    if body.paymentType not in allowed:
        return JSONResponse(
            {"detail": f"paymentType {body.paymentType!r} is not enabled on this backend; "
                       f"allowed: {', '.join(allowed)}", "allowed": allowed},
            status_code=400,
        )
    try:
        return await ctx.run(
            generate_qr, ctx, device_id, body.order_id, body.paymentType, body.amount, token,
            body.language, body.copies,
        )
    except OrderConflict as exc:
        return JSONResponse({"detail": str(exc), **exc.facts}, status_code=409)


@router.get("/payment-status/{order_id}")
async def get_payment_status(
    order_id: OrderIdPath,
    device_id: DeviceId,
    ctx: Ctx,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0,
) -> dict[str, Any]:
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
                return answer
            with contextlib.suppress(TimeoutError):
                committed = await asyncio.wait_for(woken, remaining)
                if committed is not None and committed["status"] != PaymentStatus.pending:
                    return committed


@router.post("/orders/{order_id}/cancel")
async def post_cancel(order_id: OrderIdPath, device_id: DeviceId, ctx: Ctx) -> dict[str, Any]:
    try:
        return await ctx.run(cancel_order, ctx, device_id, order_id)
    except OrderNotFound as exc:
        raise HTTPException(404, f"no order {order_id} for this device") from exc


@router.get("/devices/me")
async def get_device_me(device_id: DeviceId, ctx: Ctx) -> dict[str, Any]:
    """Answers only a known token: how a booth tells a revoked token from a backend that is
    down; also the device's name and the payment providers this backend takes."""
    name = await ctx.run(device_name, ctx.db, device_id)
    return {
        "device_id": device_id,
        "name": name,
        "providers": sorted(ctx.settings.enabled_providers()),
    }


@router.post("/devices/events")
async def post_device_events(
    body: DeviceEventsRequest,
    device_id: DeviceId,
    ctx: Ctx,
    idempotency_key: Annotated[str, Header(min_length=1, max_length=128)],
) -> dict[str, int]:
    events = [event.model_dump() for event in body.events]
    return await ctx.run(
        ingest_events, ctx.db, device_id, idempotency_key, events, ctx.clock.now_ms()
    )


@router.put("/orders/{order_id}/photos/{name}", response_model=None)
async def put_photo(
    order_id: OrderIdPath,
    name: Annotated[str, Path(pattern=PHOTO_NAME_PATTERN, description=PHOTO_NAME_RULE)],
    request: Request,
    device_id: DeviceId,
    ctx: Ctx,
    content_type: Annotated[str | None, Header()] = None,
    content_length: Annotated[int | None, Header()] = None,
) -> dict[str, Any] | JSONResponse:
    """A JPEG of the device's own paid order: 201 stored, 200 the same bytes again."""
    try:
        if (content_type or "").split(";")[0].strip().lower() != "image/jpeg":
            raise PhotoRefused(415, "Content-Type must be image/jpeg")
        if content_length is not None and content_length > MAX_PHOTO_BYTES:
            raise PhotoRefused(413, f"a photo is at most {MAX_PHOTO_BYTES} bytes")
        order = await ctx.run(uploadable_order, ctx, device_id, order_id)
        part, sha256, size = await receive(request.stream(), order_media_dir(ctx, order), name)
        await run_in_threadpool(checked_jpeg, part)
        created = await ctx.run(keep, ctx, order, name, part, sha256, size)
    except PhotoRefused as exc:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)
    answer = {"order_id": order_id, "name": name, "sha256": sha256, "size": size}
    return JSONResponse(answer, status_code=201 if created else 200)
