"""`kiosk screenshots`: every screen with sample content, rendered offscreen to PNG."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.core.config import KioskConfig
from ui import service_samples
from ui.i18n import LanguageSwitch
from ui.metrics import Metrics, parse_size
from ui.qt_messages import drop_meaningless_messages
from ui.samples import SAMPLE_PROVIDERS, TYPICAL, SampleData, sample_frame, sample_prints
from ui.screen_set import ScreenSet
from ui.screens.base import Screen
from ui.theme import apply_palette, load_fonts
from ui.translations_build import ensure_compiled

Filler = Callable[[ScreenSet, SampleData], Screen]


def _attract(s: ScreenSet, d: SampleData) -> Screen:
    s.attract.set_slides(list(sample_prints()))
    return s.attract


def _capture(s: ScreenSet, d: SampleData) -> Screen:
    s.capture.set_frame(sample_frame())
    s.capture.start_countdown(2, s.config.flow.shots, s.config.flow.countdown_seconds)
    s.capture.stop_countdown()  # the first number stays for the picture
    return s.capture


def _capture_waiting_for_camera(s: ScreenSet, d: SampleData) -> Screen:
    s.capture.wait_for_camera(2, s.config.flow.shots)
    return s.capture


def _review(s: ScreenSet, d: SampleData) -> Screen:
    s.review.set_preview(sample_prints()[0])
    return s.review


def _choose_with(extra: list[tuple[int, int]]) -> Filler:
    """The configured packages, and `extra` (copies, price) ones after them."""
    def fill(s: ScreenSet, d: SampleData) -> Screen:
        packages = [(p.copies, p.price) for p in s.config.packages] + extra
        s.choose.set_packages(packages, s.config.payment.currency)
        return s.choose

    return fill


def _payment_with(providers: list[str], refused: list[str]) -> Filler:
    def fill(s: ScreenSet, d: SampleData) -> Screen:
        package = s.config.packages[min(1, len(s.config.packages) - 1)]
        s.payment.clock = s.payment.steady = lambda: 1_000_000.0
        s.payment.set_order(package.copies, QPixmap(str(sample_prints()[0])))
        s.payment.set_providers(providers, providers[0], refused)
        s.payment.show_qr(d.payment_url, package.price, s.config.payment.currency, providers[0],
                          1_000_000.0 + 165)
        return s.payment

    return fill


def _payment_preparing(s: ScreenSet, d: SampleData) -> Screen:
    package = s.config.packages[0]
    s.payment.show_preparing(package.price, s.config.payment.currency)
    return s.payment


def _payment_unavailable(s: ScreenSet, d: SampleData) -> Screen:
    package = s.config.packages[0]
    s.payment.show_unavailable(package.price, s.config.payment.currency)
    return s.payment


def _printing(s: ScreenSet, d: SampleData) -> Screen:
    s.printing.set_attention(False)
    s.printing.set_progress("printing")
    s.printing.show_photos_link(d.photos_url, d.photos_code)
    return s.printing


def _printing_attention(s: ScreenSet, d: SampleData) -> Screen:
    s.printing.set_progress("submitted")
    s.printing.set_attention(True)
    s.printing.show_photos_link(d.photos_url, d.photos_code)
    return s.printing


def _done_with(digital: bool) -> Filler:
    def fill(s: ScreenSet, d: SampleData) -> Screen:
        s.done.show_order(digital, d.photos_url, d.photos_code)
        return s.done

    return fill


def _out_of_service(s: ScreenSet, d: SampleData) -> Screen:
    s.out_of_service.set_code("E-PAPER")
    return s.out_of_service


def _service_pin(s: ScreenSet, d: SampleData) -> Screen:
    s.service.show_pin()
    s.service.pin.say(QCoreApplication.translate(
        "ServiceMenu", "Wrong PIN, %n attempt(s) left before a 5-minute lock.", "", 3))
    return s.service


def _service_new_pin(s: ScreenSet, d: SampleData) -> Screen:
    s.service.show_new_pin()
    return s.service


def _service_page(section: str) -> Filler:
    return lambda s, d: service_samples.fill(s.service, section, s.config)


def _service_confirm(s: ScreenSet, d: SampleData) -> Screen:
    service_samples.fill(s.service, "actions", s.config)
    s.service.say("")
    s.service.ask(QCoreApplication.translate("ServiceMenu", "Reboot the machine now?"),
                  lambda: None)
    return s.service


SAMPLES: list[tuple[str, Filler]] = [
    ("01-attract", _attract),
    ("02-capture", _capture),
    ("02a-capture-camera-not-ready", _capture_waiting_for_camera),
    ("03-review", _review),
    ("04-choose", _choose_with([])),
    ("04a-choose-phone-package", _choose_with([(0, 10000)])),
    ("05-payment", _payment_with(SAMPLE_PROVIDERS, [])),
    ("05a-payment-one-provider", _payment_with(SAMPLE_PROVIDERS[:1], [])),
    ("05b-payment-provider-refused", _payment_with(SAMPLE_PROVIDERS, SAMPLE_PROVIDERS[1:2])),
    ("06-payment-preparing", _payment_preparing),
    ("07-payment-unavailable", _payment_unavailable),
    ("08-checking", lambda s, d: s.checking),
    ("09-printing", _printing),
    ("10-printing-attention", _printing_attention),
    ("11-done", _done_with(False)),
    ("11a-done-digital", _done_with(True)),
    ("12-out-of-service", _out_of_service),
    ("13-service-pin", _service_pin),
    ("14-service-new-pin", _service_new_pin),
    ("15-service-status", _service_page("status")),
    ("16-service-actions", _service_page("actions")),
    ("17-service-confirm", _service_confirm),
    ("18-service-reprint", _service_page("reprint")),
    ("19-service-late-payments", _service_page("late")),
    ("19-service-late-refund", _service_page("late-refund")),
    ("20-service-payment-log", _service_page("log")),
    ("21-service-statistics", _service_page("statistics")),
    ("22-service-settings", _service_page("settings")),
]


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Screenshots never need a display; read when the application is created.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "kiosk"])
        drop_meaningless_messages()
    return app


def render_screen(screen: Screen, sheet: str, width: int, height: int, path: Path) -> None:
    screen.setStyleSheet(sheet)
    screen.resize(width, height)
    screen.show()
    screen.settle()
    QApplication.processEvents()
    # Layout requests are posted; a second pass settles sizes that depend on the first.
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not screen.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    screen.hide()


def render_all(config: KioskConfig, out: Path, size: str,
               languages: list[str] | None) -> int:
    try:
        width, height = parse_size(size)
    except ValueError as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 2
    languages = languages or list(config.ui.languages)
    unknown = [lang for lang in languages if lang not in ("uz", "ru", "en")]
    if unknown:
        print(f"screenshots: unknown language(s) {', '.join(unknown)}; use uz, ru or en",
              file=sys.stderr)
        return 2
    app = application()
    load_fonts()
    apply_palette(app, config)
    ensure_compiled(languages)
    started = time.monotonic()
    screens = ScreenSet(config)
    sheet = screens.apply_metrics(Metrics(width, height))
    switch = LanguageSwitch()
    written = 0
    try:
        for language in languages:
            screens.set_language(language)
            switch.use(language)
            for name, fill in SAMPLES:
                render_screen(fill(screens, TYPICAL), sheet, width, height,
                              out / language / f"{name}.png")
                written += 1
    finally:
        switch.release()
        screens.dispose()
    print(f"screenshots: {written} PNGs in {out} ({width}x{height}, "
          f"{time.monotonic() - started:.1f} s)")
    return 0
