"""One screen per flow state, built and themed together."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.core.config import KioskConfig
from ui.metrics import Metrics
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.capture import CaptureScreen
from ui.screens.checking import CheckingScreen
from ui.screens.choose import ChooseScreen
from ui.screens.done import DoneScreen
from ui.screens.out_of_service import OutOfServiceScreen
from ui.screens.payment import PaymentScreen
from ui.screens.printing import PrintingScreen
from ui.screens.review import ReviewScreen
from ui.screens.service import ServiceScreen
from ui.theme import logo_path, stylesheet


class ScreenSet:
    """The screens by flow state name (kiosk.core.flow_table.State values)."""

    def __init__(self, config: KioskConfig) -> None:
        self.config = config
        self.attract = AttractScreen()
        self.capture = CaptureScreen()
        self.review = ReviewScreen()
        self.choose = ChooseScreen()
        self.payment = PaymentScreen()
        self.checking = CheckingScreen()
        self.printing = PrintingScreen()
        self.done = DoneScreen()
        self.out_of_service = OutOfServiceScreen()
        self.service = ServiceScreen()
        self.by_state: dict[str, Screen] = {
            "attract": self.attract, "capture": self.capture, "review": self.review,
            "choose": self.choose, "payment": self.payment, "checking": self.checking,
            "printing": self.printing, "done": self.done,
            "out_of_service": self.out_of_service, "service": self.service,
        }
        self.attract.set_branding(logo_path(config), config.booth.event_name)
        self.attract.set_languages(list(config.ui.languages), config.ui.default_language)
        self.choose.set_packages([(p.copies, p.price) for p in config.packages],
                                 config.payment.currency)
        self.service.actions.roll.set_value(config.printing.roll_size)
        for screen in self.by_state.values():
            screen.set_accent(config.ui.accent_color)

    def set_language(self, language: str) -> None:
        """Record the language; the LanguageChange that follows re-texts every screen."""
        for screen in self.by_state.values():
            screen.language = language
        self.attract.mark_language(language)

    def join_workers(self) -> None:
        for screen in self.by_state.values():
            screen.join_workers()

    def dispose(self) -> None:
        """Delete the screens now: Qt objects left for interpreter exit can crash it."""
        self.join_workers()
        for screen in self.by_state.values():
            screen.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def apply_metrics(self, metrics: Metrics) -> str:
        """Lay every screen out for `metrics`; returns the stylesheet for that size."""
        for screen in self.by_state.values():
            screen.apply_metrics(metrics)
        return stylesheet(self.config, metrics)
