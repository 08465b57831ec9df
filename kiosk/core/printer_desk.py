"""The technician's printer maintenance: resume, a test print, a stuck job, a new roll."""

from __future__ import annotations

from kiosk.core.desk_work import DeskWork, Done, Outcome
from kiosk.core.handoff import Post, Submit
from kiosk.core.ports import Printer
from kiosk.core.store import Store


class PrinterDesk(DeskWork):
    def __init__(self, *, printing: Printer, store: Store, submit: Submit, post: Post):
        super().__init__(store, submit, post)
        self.printing = printing

    def resume_printer(self, on_done: Done) -> None:
        self.printing.resume()
        self._run("resume", lambda: self._done("resume", "service.resume",
                                                "printer resumed by the technician"), on_done)

    def test_print(self, on_done: Done) -> None:
        self.printing.test_print()
        self._run("test_print", lambda: self._done("test_print", "service.test_print",
                                                    "test print asked by the technician"),
                  on_done)

    def cancel_job(self, order_id: str, on_done: Done) -> None:
        self.printing.cancel_job(order_id)
        self._run("cancel_job", lambda: self._done("cancel_job", "service.cancel_job",
                                                    "stuck print job canceled by the technician",
                                                    subject=order_id), on_done)

    def set_roll(self, prints: int, on_done: Done) -> None:
        def work() -> Outcome:
            try:
                self.printing.set_roll(prints)
            except ValueError as exc:
                return self._refused("roll", "roll_range", str(exc), {"prints": prints})
            return Outcome("roll", True, detail={"prints": prints})

        self._run("roll", work, on_done)
