"""The way into the service menu: the PIN pad, its lock, and a new PIN.

The checking and locking rules are `kiosk.core.service_pin`'s; a new PIN is written to
kiosk.toml through the config editor like any other setting.
"""

from __future__ import annotations

from kiosk.core.config import ConfigError, hash_pin
from kiosk.core.config_editor import ConfigEditor
from kiosk.core.desk_work import DeskWork, Done, Outcome
from kiosk.core.flow import BoothFlow
from kiosk.core.flow_events import ServiceEnter
from kiosk.core.handoff import Post, Submit
from kiosk.core.service_pin import LOCKED_UNTIL, PinAnswer, ServicePin, new_pin_problem
from kiosk.core.settings_file import SettingsWriteError
from kiosk.core.settings_refusal import config_refused, write_refused
from kiosk.core.store import Store


class PinDesk(DeskWork):
    def __init__(self, *, editor: ConfigEditor, store: Store, flow: BoothFlow, submit: Submit,
                 post: Post):
        super().__init__(store, submit, post)
        self.editor = editor
        self.flow = flow
        self.pin = ServicePin(store)

    def check_pin(self, pin: str, on_done: Done) -> None:
        """One PIN attempt; an admitted technician enters the service state."""
        pin_hash = self.editor.config.service.pin_hash

        def work() -> Outcome:
            answer: PinAnswer = self.pin.check(pin, pin_hash)
            return Outcome("pin", answer.admitted, "" if answer.admitted else answer.outcome,
                           {"outcome": str(answer.outcome), "attempts_left": answer.attempts_left,
                            "locked_minutes": answer.locked_minutes})

        def enter(outcome: Outcome) -> None:
            if outcome.ok:
                self.flow.dispatch(ServiceEnter())

        self._run("pin", work, on_done, then=enter)

    def pin_lock(self, on_done: Done) -> None:
        """Whether the PIN pad is locked now, and for how many seconds more (detail
        "seconds"; 0: open): the pad shows its lock before anyone types."""
        def work() -> Outcome:
            seconds = max(0, int(self.store.counter(LOCKED_UNTIL) - self.store.clock()))
            return Outcome("pin_lock", True, detail={"seconds": seconds})

        self._run("pin_lock", work, on_done)

    def change_pin(self, first: str, second: str, on_done: Done) -> None:
        problem = new_pin_problem(first, second)
        if problem is not None:
            self._run("pin_change", lambda: self._refused("pin_change", problem,
                                                          "new PIN refused", {}), on_done)
            return

        def work() -> Outcome:
            try:
                config = self.editor.write({"service.pin_hash": hash_pin(first)})
            except ConfigError as exc:
                return self._refused("pin_change", *config_refused(exc, {}))
            except SettingsWriteError as exc:
                return self._refused("pin_change", *write_refused(exc))
            self._record("service.pin_change_saved", "service PIN changed",
                         {"path": str(self.editor.path)})
            return Outcome("pin_change", True, detail={"config": config})

        def apply(outcome: Outcome) -> None:
            if outcome.ok:
                self.editor.swap(outcome.detail.pop("config"))

        self._run("pin_change", work, on_done, then=apply)
