"""The booth's two switches: in or out of service, and free mode. Each is a store counter,
so it survives a restart, and an event row; the flow follows once it is committed."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core import technician_codes
from kiosk.core.desk_work import DeskWork, Done, Outcome
from kiosk.core.flow import FREE_MODE, TAKEN_OUT, BoothFlow
from kiosk.core.flow_events import BackInService, TakenOutOfService
from kiosk.core.handoff import Post, Submit
from kiosk.core.notices import FreeModeChanged, Notice
from kiosk.core.store import Store


class ServiceSwitch(DeskWork):
    def __init__(self, *, flow: BoothFlow, store: Store, notify: Callable[[Notice], None],
                 submit: Submit, post: Post):
        super().__init__(store, submit, post)
        self.flow = flow
        self.notify = notify

    def set_free_mode(self, on: bool, on_done: Done) -> None:
        def apply(outcome: Outcome) -> None:
            if outcome.ok:
                self.flow.free_mode = on
                self.notify(FreeModeChanged(on))

        self._run("free_mode", lambda: self._switch(FREE_MODE, on, "service.free_mode",
                                                    "free mode on" if on else "free mode off"),
                  on_done, then=apply)

    def set_in_service(self, in_service: bool, on_done: Done) -> None:
        def apply(outcome: Outcome) -> None:
            if not outcome.ok:
                return
            if in_service:
                self.flow.dispatch(BackInService())
            else:
                self.flow.dispatch(TakenOutOfService(
                    code=technician_codes.TECHNICIAN,
                    message="taken out of service by the technician"))

        self._run("in_service", lambda: self._switch(
            TAKEN_OUT, not in_service, "service.in_service",
            "back in service" if in_service else "taken out of service"), on_done, then=apply)

    def taken_out_of_service(self) -> bool:
        return "technician" in self.flow.context.faults

    def _switch(self, counter: str, on: bool, kind: str, reason: str) -> Outcome:
        with self.store.transaction() as db:
            self.store.set_counter(db, counter, int(on))
            self.store.record(db, kind, None, reason, {"on": on})
        return Outcome(kind, True, detail={"on": on})
