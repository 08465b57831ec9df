"""The refund and receipt queues' loop: every BOOTH_REFUND_RETRY_SECONDS, the refund calls
that are due (retries), Click's receipts that are due, then the automatic refund policy.

One asyncio task per process, the work on a worker thread (the calls block); the leases
in refunds.py and click_receipts.py make several processes safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi.concurrency import run_in_threadpool

from backend.auto_refunds import run_auto_refunds
from backend.click_receipts import due_receipts, process_receipt
from backend.context import BackendContext
from backend.refunds import call_refund, due_refunds

log = logging.getLogger(__name__)


def run_queues_once(ctx: BackendContext) -> None:
    for refund_id in due_refunds(ctx):
        call_refund(ctx, refund_id)
    for order_pk in due_receipts(ctx):
        process_receipt(ctx, order_pk)
    run_auto_refunds(ctx)


class RefundRunner:
    def __init__(self, ctx: BackendContext):
        self._ctx = ctx
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                await run_in_threadpool(run_queues_once, self._ctx)
            except Exception:
                log.exception("refund round failed; next round as usual")
            await asyncio.sleep(self._ctx.settings.refund_retry_seconds)
