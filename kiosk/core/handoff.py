"""How work crosses threads in the booth's core: `Post` hands a callable to the UI thread
(a queued Qt signal in the app, a queue in tests); `Submit` runs one on the worker pool."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

Post = Callable[[Callable[[], None]], None]
Submit = Callable[..., Future[Any]]
