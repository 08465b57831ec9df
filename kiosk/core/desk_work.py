"""What every service desk shares: work off the UI thread, answered as an `Outcome`.

The service screens call a desk on the UI thread. Everything that reads much, writes
the store (fsync), writes a file or runs a system command goes to a worker pool
(`submit`); the answer comes back on the UI thread through `post` as an `Outcome` (a code
the screen words in the booth's language, never a sentence here). What changes the
booth's live state (the flow, the config) is applied on the UI thread after the data is
committed. Every action leaves an event row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk.core.handoff import Post, Submit

if TYPE_CHECKING:
    from kiosk.core.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    action: str
    ok: bool
    problem: str = ""  # a code the screen turns into a sentence ("disk_full", "locked", …)
    detail: dict[str, Any] = field(default_factory=dict)


Done = Callable[[Outcome], None]


class DeskWork:
    """The plumbing of a desk: `_run` an action on the pool, `load` a page's data."""

    def __init__(self, store: Store, submit: Submit, post: Post):
        self.store = store
        self.submit = submit
        self.post = post

    def load(self, read: Callable[[], T], on_done: Callable[[T], None]) -> None:
        """Run a read on the pool and hand its result to `on_done` on the UI thread."""
        def work() -> None:
            try:
                value = read()
            except Exception:
                log.exception("service menu: reading %s failed", getattr(read, "__name__", read))
                return
            self.post(lambda: on_done(value))

        self.submit(work)

    def _run(self, action: str, work: Callable[[], Outcome], on_done: Done,
             then: Callable[[Outcome], None] | None = None) -> None:
        """`work` on the pool; then, on the UI thread, `then` (what the outcome changes in
        the running booth) and `on_done` (the screen's answer)."""
        def job() -> None:
            try:
                outcome = work()
            except Exception as exc:
                log.exception("service menu: %s failed", action)
                outcome = Outcome(action, False, "error", {"error": str(exc)})
                try:
                    self._record("service.failed", f"{action} failed: {exc}", {})
                except Exception:
                    log.exception("service menu: could not record the failure")

            def finish() -> None:
                if then is not None:
                    then(outcome)
                on_done(outcome)

            self.post(finish)

        self.submit(job)

    def _done(self, action: str, kind: str, reason: str, subject: str | None = None) -> Outcome:
        self._record(kind, reason, {}, subject=subject)
        return Outcome(action, True)

    def _refused(self, action: str, problem: str, reason: str, data: dict[str, Any],
                 subject: str | None = None) -> Outcome:
        self._record(f"service.{action}_refused", reason, {"problem": problem, **data},
                     subject=subject)
        return Outcome(action, False, problem, data)

    def _record(self, kind: str, reason: str, data: dict[str, Any],
                subject: str | None = None) -> None:
        with self.store.transaction() as db:
            self.store.record(db, kind, subject, reason, data)
