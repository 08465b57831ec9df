"""What every route needs: settings, database, clock, the long-poll hub and the photo work's
threads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

from fastapi.concurrency import run_in_threadpool

from backend.clock import Clock
from backend.database import Database
from backend.image_threads import image_threads
from backend.niced_threads import NicedThreads
from backend.providers.secret_store import ProviderSecrets
from backend.settings import BackendSettings
from backend.waiters import WaitHub

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class BackendContext:
    settings: BackendSettings
    db: Database
    clock: Clock
    hub: WaitHub
    secrets: ProviderSecrets
    images: NicedThreads = field(default_factory=image_threads)  # decoding and encoding

    async def run(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Database work from a route. SQLite writers are serialised and take about a
        millisecond, so they run on the event loop (thread hand-offs would cost more);
        PostgreSQL round-trips run on worker threads."""
        if self.db.is_sqlite:
            return work(*args, **kwargs)
        return await run_in_threadpool(work, *args, **kwargs)
