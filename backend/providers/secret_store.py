"""Secrets a provider can change at run time (Payme ChangePassword), cached briefly."""

from __future__ import annotations

import threading
import time

from backend.database import Database
from backend.models import ProviderSecret

# Another fleet process's change is seen within this time (or at once on a mismatch).
CACHE_SECONDS = 2.0


class ProviderSecrets:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, str | None]] = {}

    def get(self, name: str, default: str, *, fresh: bool = False) -> str:
        with self._lock:
            cached = self._cache.get(name)
        if fresh or cached is None or time.monotonic() - cached[0] > CACHE_SECONDS:
            with self._db.read() as session:
                secret = session.get(ProviderSecret, name)
                value = None if secret is None else secret.value
            cached = (time.monotonic(), value)
            with self._lock:
                self._cache[name] = cached
        return default if cached[1] is None else cached[1]

    def set(self, name: str, value: str) -> None:
        with self._db.write() as session:
            secret = session.get(ProviderSecret, name) or ProviderSecret(name=name, value=value)
            secret.value = value
            session.add(secret)
        with self._lock:
            self._cache[name] = (time.monotonic(), value)
