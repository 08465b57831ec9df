"""Route dependencies every router shares: the context, the calling device, path patterns."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Path, Request

from backend.context import BackendContext
from backend.devices import device_for_token
from contract.order_ids import ORDER_ID_PATTERN, ORDER_ID_RULE


async def context(request: Request) -> BackendContext:
    # async: FastAPI runs plain-def dependencies on a worker thread.
    return request.app.state.ctx


Ctx = Annotated[BackendContext, Depends(context)]


async def current_device(
    request: Request, ctx: Ctx, authorization: Annotated[str | None, Header()] = None
) -> int:
    checked = request.scope.get("state", {}).get("device_id")
    if checked is not None:  # backend.body_limits checked the token before the body
        return int(checked)
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "missing bearer device token", {"WWW-Authenticate": "Bearer"})
    # Looked up on every call, so a token revoked in the database stops at once.
    device = await ctx.run(device_for_token, ctx.db, token.strip())
    if device is None or device.id is None:
        raise HTTPException(401, "unknown device token", {"WWW-Authenticate": "Bearer"})
    return device.id


DeviceId = Annotated[int, Depends(current_device)]


async def device_token(authorization: Annotated[str | None, Header()] = None) -> str:
    """The caller's bearer token as sent; only after DeviceId has accepted it."""
    return (authorization or "").partition(" ")[2].strip()


DeviceToken = Annotated[str, Depends(device_token)]
OrderIdPath = Annotated[str, Path(pattern=ORDER_ID_PATTERN, description=ORDER_ID_RULE)]
