"""The FastAPI application: routes per protocol, one context, long-poll wake-ups."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError

from backend import fleet_api, kiosk_api, photo_page, return_page
from backend.admin.routes import install as install_admin
from backend.alert_runner import AlertRunner
from backend.clock import Clock
from backend.context import BackendContext
from backend.database import WORKER_THREADS, Database
from backend.deps import Ctx
from backend.health_detail import health_detail
from backend.providers import click, payme, sandbox, webpay
from backend.providers.secret_store import ProviderSecrets
from backend.settings import BackendSettings
from backend.waiters import NotifyListener, WaitHub
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
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
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
        try:
            yield
        finally:
            await alerts.stop()
            if listener is not None:
                await listener.stop()
            ctx.db.dispose()

    app = FastAPI(title="Photobooth backend", lifespan=lifespan)
    app.state.ctx = ctx

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_validation_error(exc)}, status_code=422)

    @app.exception_handler(SQLAlchemyError)
    async def _database(_request: Request, _exc: SQLAlchemyError) -> JSONResponse:
        return JSONResponse({"detail": "database unavailable, retry"}, status_code=503)

    app.state.listen = ""  # `booth-backend serve` sets its address

    @app.get("/healthz")
    async def healthz(request: Request, ctx: Ctx, detail: bool = False) -> dict[str, Any]:
        await ctx.run(ctx.db.ping)
        if detail:  # the settings in use: operators only
            return await health_detail(request, ctx)
        return {"status": "ok", "waiting": ctx.hub.waiting}

    app.include_router(kiosk_api.router)
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
    return app
