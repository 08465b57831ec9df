"""The backend's long-lived coroutines (backend/background.py): stopped means finished."""

from __future__ import annotations

import asyncio

from backend.background import BackgroundTask


def test_stop_cancels_the_coroutine_and_returns_after_its_cleanup() -> None:
    events: list[str] = []

    async def run() -> None:
        try:
            events.append("started")
            await asyncio.sleep(3600)
        finally:
            await asyncio.sleep(0)  # cleanup that itself awaits (closing a connection)
            events.append("cleaned up")

    async def lifespan() -> None:
        task = BackgroundTask("sleeper", run)
        task.start()
        await asyncio.sleep(0)
        await task.stop()
        events.append("stopped")
        await task.stop()  # a second stop has nothing left to do

    asyncio.run(lifespan())
    assert events == ["started", "cleaned up", "stopped"]


def test_a_task_never_started_stops_at_once() -> None:
    async def run() -> None:
        raise AssertionError("never started")

    asyncio.run(BackgroundTask("idle", run).stop())
