"""The service menu's controller: the pages' intents to the booth's service desks, and the
desks' answers back onto the pages as sentences (on the UI thread, posted by the desks)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QTimer
from shiboken6 import Shiboken

from kiosk.core.flow_table import State
from kiosk.core.notices import (
    FreeModeChanged,
    HealthChanged,
    Notice,
    PrintProgress,
    SettingsApplied,
)
from kiosk.core.power_actions import PowerAction
from kiosk.core.service_pin import PinOutcome
from ui.screens.service import ServiceScreen, words

if TYPE_CHECKING:
    from kiosk.core.desk_work import Outcome
    from kiosk.core.driver import BoothDriver
    from kiosk.core.service_desks import ServiceDesks

T = TypeVar("T")
# A PIN pad left open gives the screen back to customers after this long without a touch.
PIN_PAD_IDLE_MS = 120_000
STATUS_EVERY_MS = 2_000  # the status page's values follow the booth while it is open


class ServiceMenu(QObject):
    def __init__(self, screen: ServiceScreen, driver: BoothDriver,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.screen = screen
        self.driver = driver
        self.desks: ServiceDesks = driver.service
        self.log_filter = ""
        self.pin_idle = QTimer(self)
        self.pin_idle.setSingleShot(True)
        self.pin_idle.setInterval(PIN_PAD_IDLE_MS)
        self.status_tick = QTimer(self)
        self.status_tick.setInterval(STATUS_EVERY_MS)
        self.status_tick.timeout.connect(self._refresh_status)
        s, desks = screen, self.desks
        printer, switch = desks.printer, desks.switch
        self._alive = True
        screen.destroyed.connect(self._gone)
        s.new_pin_entered.connect(lambda first, second: desks.pin.change_pin(
            first, second, self._pin_changed))
        s.section_opened.connect(self.refresh)
        a = s.actions
        a.resume.connect(lambda: printer.resume_printer(self._answer))
        a.test_print.connect(lambda: printer.test_print(self._answer))
        a.cancel_job.connect(lambda order_id: self._confirm(
            self.tr("Cancel the print job of order {order}?").format(order=order_id),
            lambda: printer.cancel_job(order_id, self._answer_and_refresh)))
        a.set_roll.connect(lambda prints: printer.set_roll(prints, self._answer_and_refresh))
        a.in_service.connect(lambda back: switch.set_in_service(back, self._answer_and_refresh))
        a.free_mode.connect(lambda on: switch.set_free_mode(on, self._answer_and_refresh))
        a.power.connect(self._power)
        for page in (s.reprint, s.late):
            page.acted.connect(self._order_action)
        s.log.filter_chosen.connect(self._filter_log)
        s.statistics.export.connect(lambda target: desks.statistics.export_csv(Path(target),
                                                                              self._answer))
        s.settings.save.connect(lambda values: desks.settings.save_settings(
            values, self._answer_and_refresh))

    def _order_action(self, action: str, order_id: str, reason: str) -> None:
        orders, s = self.desks.orders, self.screen
        if action == "reprint":
            self._confirm(self.tr("Print order {order} again ({reason})? It uses paper.").format(
                order=order_id, reason=s.reprint.reason_text(reason)),
                lambda: orders.reprint(order_id, reason, self._answer_and_refresh))
        elif action == "print_now":
            self._confirm(self.tr("Print order {order} now?").format(order=order_id),
                          lambda: orders.print_late(order_id, self._answer_and_refresh))
        elif action == "refund":
            self._confirm(self.tr("Refund order {order} ({reason})? The money goes back to "
                                  "the customer; it cannot be undone.").format(
                order=order_id, reason=s.late.reason_text(reason)),
                lambda: orders.refund(order_id, f"booth technician: {reason}",
                                      self._answer_and_refresh))

    def _gone(self) -> None:
        # Answers still on their way (the desk posts them) find no screen to show them on.
        self._alive = False
        self.status_tick.stop()

    def _showing(self) -> bool:
        return self._alive and Shiboken.isValid(self.screen)

    # ----- entry ----------------------------------------------------------------------------

    def show_pin_lock(self) -> None:
        """The pad shows a running lock as it opens, not after the next PIN typed."""
        self.desks.pin.pin_lock(self._pin_lock_read)

    def _pin_lock_read(self, outcome: Outcome) -> None:
        if self._showing():
            self.screen.pin.show_locked(int(outcome.detail.get("seconds", 0)))

    def check_pin(self, pin: str) -> None:
        self.pin_idle.start()
        self.desks.pin.check_pin(pin, self._pin_checked)

    def _pin_checked(self, outcome: Outcome) -> None:
        if not self._showing():
            return
        pin = self.screen.pin
        result = outcome.detail.get("outcome")
        if outcome.ok:
            self.pin_idle.stop()
            if result == PinOutcome.must_change:
                self.screen.show_new_pin()
            return
        if result == PinOutcome.locked:
            self.show_pin_lock()
        else:
            pin.say(self.tr("Wrong PIN, %n attempt(s) left before a 5-minute lock.", "",
                            int(outcome.detail.get("attempts_left", 0))))

    def _pin_changed(self, outcome: Outcome) -> None:
        if not self._showing():
            return
        sentence, tone = words.outcome(outcome)
        if outcome.ok:
            self.screen.show_panel()
            self.screen.say(sentence, tone)
        else:
            self.screen.pin.say(sentence)

    # ----- pages ----------------------------------------------------------------------------

    def refresh(self, section: str | None = None) -> None:
        """Load what the open page shows, off the UI thread."""
        if self.driver.state is not State.service or not self._showing():
            return
        section = section or self.screen.section
        s, desks, language = self.screen, self.desks, self.screen.language
        orders = desks.orders
        shown = self._if_showing
        if section == "status":
            desks.switch.load(self.driver.booth_status, shown(s.status.show_status))
            self.status_tick.start()
        elif section == "actions":
            orders.jobs_in_printer(shown(lambda jobs: s.actions.show_state(
                jobs[0] if jobs else None, desks.switch.taken_out_of_service(),
                self.driver.free_mode)))
        elif section == "reprint":
            orders.reprint_candidates(shown(lambda lines: s.reprint.show_orders(lines, language)))
        elif section == "late":
            orders.late_payments(shown(lambda lines: s.late.show_orders(lines, language)))
        elif section == "log":
            orders.payment_log(self.log_filter or None, shown(
                lambda lines: s.log.show_orders(lines, self.log_filter, language)))
        elif section == "statistics":
            desks.statistics.statistics(shown(lambda stats: s.statistics.show_stats(stats,
                                                                                   language)))
            desks.statistics.export_targets(shown(s.statistics.show_targets))
        elif section == "settings":
            settings = desks.settings
            s.settings.load(settings.editor.config,
                            [settings.layouts[name] for name in settings.layout_names()],
                            language)

    def _refresh_status(self) -> None:
        """Uptime, the payment watch, the backend's last answer…: read again while the status
        page is what the technician looks at; the ticks stop when it is not."""
        if (self.driver.state is State.service and self._showing()
                and self.screen.on_panel() and self.screen.section == "status"):
            self.refresh("status")
        else:
            self.status_tick.stop()

    def _if_showing(self, show: Callable[[T], None]) -> Callable[[T], None]:
        def guarded(value: T) -> None:
            if self._showing():
                show(value)

        return guarded

    def _filter_log(self, status: str) -> None:
        self.log_filter = status
        self.refresh("log")

    def _answer(self, outcome: Outcome) -> None:
        if self._showing():
            self.screen.say(*words.outcome(outcome))

    def _answer_and_refresh(self, outcome: Outcome) -> None:
        self._answer(outcome)
        if outcome.ok or self.screen.section != "settings":
            self.refresh()

    def _confirm(self, question: str, then: object) -> None:
        self.screen.ask(question, then)  # type: ignore[arg-type]

    def _power(self, action: str) -> None:
        questions = {
            PowerAction.restart_app: self.tr("Restart the booth app now?"),
            PowerAction.exit_app: self.tr("Leave the booth app for the desktop? The booth "
                                          "stops taking customers."),
            PowerAction.reboot: self.tr("Reboot the machine now?"),
            PowerAction.shutdown: self.tr("Shut the machine down? Someone must switch it on "
                                          "again."),
        }
        chosen = PowerAction(action)
        self._confirm(questions[chosen], lambda: self.desks.power.power(chosen, self._answer))

    def on_notice(self, notice: Notice) -> None:
        """What the booth says while the menu is open: print progress, health, applied settings."""
        if self.driver.state is not State.service:
            return
        if isinstance(notice, (PrintProgress, HealthChanged, SettingsApplied, FreeModeChanged)):
            self.refresh()
