"""The booth's side of fleet management: its heartbeat, and enrolling with a one-time code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from backend.deps import Ctx, DeviceId
from backend.documented import documented
from backend.enrollment import EnrollmentLocked, EnrollmentRefused, redeem_code
from backend.heartbeats import MAX_BODY_BYTES, store_heartbeat
from contract.kiosk_api import Enrolled, EnrollRequest, HeartbeatAccepted, HeartbeatIn

router = APIRouter(prefix="/api/devices")


async def small_body(
    content_length: Annotated[int | None, Header(include_in_schema=False)] = None,
) -> None:
    if content_length is not None and content_length > MAX_BODY_BYTES:
        raise HTTPException(413, f"a heartbeat is at most {MAX_BODY_BYTES} bytes")


def client_address(request: Request) -> str:
    # Behind the reverse proxy uvicorn puts X-Forwarded-For here (--forwarded-allow-ips).
    return request.client.host if request.client else "unknown"


@router.post("/heartbeat", dependencies=[Depends(small_body)],
             **documented("POST", "/api/devices/heartbeat"))
async def post_heartbeat(body: HeartbeatIn, device_id: DeviceId, ctx: Ctx) -> HeartbeatAccepted:
    await ctx.run(store_heartbeat, ctx.db, device_id, body, ctx.clock.now_ms())
    return HeartbeatAccepted(accepted=True)


@router.post("/enroll", **documented("POST", "/api/devices/enroll"))
async def post_enroll(body: EnrollRequest, request: Request, ctx: Ctx) -> Enrolled:
    """No device token yet: the one-time code is the credential."""
    try:
        name, token = await ctx.run(
            redeem_code, ctx.db, body.code, client_address(request), ctx.clock.now_ms())
    except EnrollmentLocked as exc:
        raise HTTPException(429, "too many wrong codes from this address: wait 15 minutes") \
            from exc
    except EnrollmentRefused as exc:
        raise HTTPException(403, str(exc)) from exc
    return Enrolled(name=name, device_token=token)
