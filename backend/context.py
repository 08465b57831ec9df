"""What every route needs: settings, database, clock and the long-poll hub."""

from __future__ import annotations

from dataclasses import dataclass

from backend.clock import Clock
from backend.database import Database
from backend.settings import BackendSettings
from backend.waiters import WaitHub


@dataclass
class BackendContext:
    settings: BackendSettings
    db: Database
    clock: Clock
    hub: WaitHub
