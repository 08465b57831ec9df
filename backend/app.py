"""The FastAPI application: routes per protocol, one context, long-poll wake-ups."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from backend import fleet_api, kiosk_api, photo_page, refund_api, return_page
from backend.admin.routes import install as install_admin
from backend.alert_runner import AlertRunner
from backend.allowed_methods import allowed_methods
from backend.body_limits import BodyLimits
from backend.clock import Clock
from backend.context import BackendContext
from backend.database import WORKER_THREADS, Database
from backend.deps import Ctx
from backend.devices import device_for_token
from backend.documented import documented, refusals_as_answered
from backend.health_detail import health_detail
from backend.providers import click, payme, sandbox, webpay
from backend.providers.secret_store import ProviderSecrets
from backend.refund_runner import RefundRunner
from backend.response_headers import ResponseHeaders, allowed_hosts
from backend.settings import BackendSettings
from backend.waiters import NotifyListener, WaitHub
from contract.kiosk_api import Healthy
from contract.order_ids import ORDER_ID_RULE
from contract.photo_names import PHOTO_NAME_RULE


def describe_validation_error(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(step) for step in error["loc"] if step != "body") or "body"
        message = error["msg"]
        if error["loc"][-1] == "order_id" and error["type"].startswith("string_"):
            message = ORDER_ID_RULE
        if error["loc"][-2:] == ("path", "name") and error["type"].startswith("string_"):
            message = PHOTO_NAME_RULE
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def create_app(
    settings: BackendSettings, db: Database | None = None, clock: Clock | None = None
) -> FastAPI:
    db = db or Database(settings.database_url)
    ctx = BackendContext(
        settings=settings, db=db, clock=clock or Clock(), hub=WaitHub(),
        secrets=ProviderSecrets(db),
    )
    ctx.db.on_commit(ctx.hub.order_committed)

    @asynccontextmanager
    async def lifespan(running: FastAPI) -> AsyncIterator[None]:
        import asyncio

        ctx.hub.bind(asyncio.get_running_loop())
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        listener = None if ctx.db.is_sqlite else NotifyListener(
            ctx.db.psycopg_dsn, ctx.hub, ctx.db.notify_tag)
        if listener is not None:
            listener.start()
            await asyncio.wait_for(listener.listening.wait(), 30)
        alerts = AlertRunner(ctx)
        alerts.start()
        refunds = RefundRunner(ctx)
        refunds.start()
        # What start-up built lives as long as the process: kept out of the collector's
        # full passes, which otherwise walk all of it (85 ms, the loop stalled) every time.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await refunds.stop()
            await alerts.stop()
            running.state.password_checks.shutdown()
            ctx.images.shutdown()
            if listener is not None:
                await listener.stop()
            ctx.db.dispose()

    docs = settings.api_docs  # BOOTH_API_DOCS=1: /docs, /redoc and /openapi.json are served
    app = FastAPI(title="Photobooth backend", lifespan=lifespan,
                  docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None,
                  openapi_url="/openapi.json" if docs else None)
    app.state.ctx = ctx

    async def lookup_device(token: str) -> int | None:
        device = await ctx.run(device_for_token, ctx.db, token)
        return None if device is None else device.id

    app.add_middleware(BodyLimits, lookup_device=lookup_device)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings),
                       www_redirect=False)
    app.add_middleware(ResponseHeaders)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_validation_error(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI's answer to a JSON body that is not UTF-8; any other unreadable body is 422.
            return JSONResponse({"detail": "body: not UTF-8 JSON text"}, status_code=422)
        if exc.status_code == 405:
            exc.headers = {**(exc.headers or {}),
                           "Allow": allowed_methods(request.app.router.routes, request.scope)}
        return await http_exception_handler(request, exc)

    @app.exception_handler(SQLAlchemyError)
    async def _database(_request: Request, _exc: SQLAlchemyError) -> JSONResponse:
        return JSONResponse({"detail": "database unavailable, retry"}, status_code=503)

    app.state.listen = ""  # `booth-backend serve` sets its address

    @app.get("/healthz", **documented("GET", "/healthz"))
    async def healthz(request: Request, ctx: Ctx, detail: bool = False) -> Any:
        await ctx.run(ctx.db.ping)
        if detail:  # the settings in use: operators only (not the public answer's model)
            return JSONResponse(await health_detail(request, ctx))
        return Healthy(status="ok", waiting=ctx.hub.waiting)

    app.include_router(kiosk_api.router)
    app.include_router(refund_api.router)
    app.include_router(return_page.router)
    app.include_router(photo_page.router)
    app.include_router(fleet_api.router)
    install_admin(app, ctx)
    if settings.payme_enabled:
        app.include_router(payme.router)
    if settings.click_enabled:
        app.include_router(click.router)
    if settings.webpay_enabled:
        app.include_router(webpay.router)
    if settings.sandbox:
        app.include_router(sandbox.router)
    refusals_as_answered(app)
    return app
