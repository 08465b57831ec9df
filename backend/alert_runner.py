"""The backend's minute: evaluate alerts, send their notices, drop expired sessions and
expired photos.

One asyncio task per process; the work runs on a worker thread (sending blocks).
Every process of a fleet runs it: alerts.py and alert_delivery.py make that safe.
"""

from __future__ import annotations

import asyncio
import logging

from fastapi.concurrency import run_in_threadpool

from backend.alert_delivery import deliver_notices
from backend.alerts import evaluate_alerts
from backend.background import BackgroundTask
from backend.context import BackendContext
from backend.operator_sessions import prune_sessions
from backend.photo_sweeper import sweep_photos

log = logging.getLogger(__name__)


class AlertRunner:
    def __init__(self, ctx: BackendContext):
        self._ctx = ctx
        self._task = BackgroundTask("alert-runner", self._run)

    def start(self) -> None:
        self._task.start()

    async def stop(self) -> None:
        await self._task.stop()

    def run_once(self) -> None:
        ctx = self._ctx
        evaluate_alerts(ctx.db, ctx.settings, ctx.clock.now_ms())
        deliver_notices(ctx.db, ctx.settings, ctx.clock.now_ms)
        prune_sessions(ctx.db, ctx.clock.now_ms())
        sweep_photos(ctx)

    async def _run(self) -> None:
        while True:
            try:
                await run_in_threadpool(self.run_once)
            except Exception:
                log.exception("alert round failed; next round as usual")
            await asyncio.sleep(self._ctx.settings.alert_interval_seconds)
