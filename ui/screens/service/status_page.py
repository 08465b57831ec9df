"""Status at a glance: printer, paper, camera, backend, outbox, disk, version, uptime, errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.ports import CLOCK_SKEW_WARNING_SECONDS, BackendLinkStatus
from kiosk.core.technician_codes import LOW_DISK
from ui.metrics import Metrics
from ui.screens.base import make_label, orientable
from ui.screens.service import words
from ui.screens.service.parts import LEFT, left_label, set_tone

if TYPE_CHECKING:
    from kiosk.core.booth_status import BoothStatus

ROWS = ("printer", "reasons", "paper", "camera", "backend", "longpoll", "token",
        "outbox", "disk", "version", "uptime")
LEFT_ROWS = 5


class StatusPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: BoothStatus | None = None
        self.title = make_label("subtitle", align=LEFT)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.grids = (QGridLayout(), QGridLayout())
        for index, row in enumerate(ROWS):
            # The printer's rows take more lines: five on the left, six on the right.
            half, row_number = (0, index) if index < LEFT_ROWS else (1, index - LEFT_ROWS)
            grid = self.grids[half]
            name, value = left_label(), left_label()
            name.setProperty("role", "small")
            grid.addWidget(name, row_number, 0)
            grid.addWidget(value, row_number, 1)
            grid.setColumnStretch(1, 1)
            self.names[row], self.values[row] = name, value
        self.errors_title = left_label()
        self.errors = left_label("table")  # up to five lines: the smaller type
        # For support, in small type: what the printer and CUPS said as they said it, and the
        # log's own words for the newest error.
        self.error_detail = left_label("code")
        right = QVBoxLayout()
        right.addLayout(self.grids[1])
        left = QVBoxLayout()
        left.addLayout(self.grids[0])
        # Side by side, each half keeps to the top; stacked, the halves follow each other.
        self.spacers = (QSpacerItem(0, 0), QSpacerItem(0, 0), QSpacerItem(0, 0))
        left.addItem(self.spacers[0])
        right.addItem(self.spacers[1])
        self.body: QBoxLayout = orientable(QBoxLayout(QBoxLayout.Direction.LeftToRight))
        self.body.addLayout(left, 1)
        self.body.addLayout(right, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addLayout(self.body)
        # The last errors across the page's width: five of them, each on a line.
        column.addWidget(self.errors_title)
        column.addWidget(self.errors)
        column.addWidget(self.error_detail)
        column.addItem(self.spacers[2])
        self.column = column
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("The booth at a glance"))
        names = {"printer": self.tr("Printer"), "reasons": self.tr("CUPS reports"),
                 "paper": self.tr("Paper"),
                 "camera": self.tr("Camera"), "backend": self.tr("Backend"),
                 "longpoll": self.tr("Payment watch"), "token": self.tr("Device token"),
                 "outbox": self.tr("Events to send"), "disk": self.tr("Disk free"),
                 "version": self.tr("Version"), "uptime": self.tr("Running for")}
        for row, name in names.items():
            self.names[row].setText(name)
        self.errors_title.setText(self.tr("Last errors"))
        if self.status is not None:
            self.show_status(self.status)

    def apply_metrics(self, metrics: Metrics) -> None:
        for grid in self.grids:
            grid.setHorizontalSpacing(metrics.spacing)
            grid.setVerticalSpacing(metrics.px(0.006))
        self.body.setSpacing(metrics.spacing)
        # Side by side, the rows share the height (a wrapped value gets the lines it needs);
        # stacked, the rows keep to the top and the halves follow each other.
        grow, keep = QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed
        for index, spacer in enumerate(self.spacers):
            spacer.changeSize(0, 0, QSizePolicy.Policy.Minimum,
                              grow if index == 2 and not metrics.landscape else keep)
        for grid in self.grids:
            for row in range(grid.rowCount()):
                grid.setRowStretch(row, 1 if metrics.landscape else 0)
        self.column.setStretchFactor(self.body, 1 if metrics.landscape else 0)
        # The names wrap before the values do: a value is what the technician came for.
        for name in self.names.values():
            name.setMaximumWidth(metrics.px(0.23))
        self.column.invalidate()

    def _camera(self, status: BoothStatus) -> tuple[str, str]:
        state, tone = words.health("camera", status.health["camera"])
        if status.camera_kind != "virtual":
            return state, tone
        # Sample pictures, not a camera: an installed booth must not sell them.
        return self.tr("{state}; virtual camera: sample pictures, not a real camera").format(
            state=state), "bad" if tone == "bad" else "warn"

    def _backend(self, state: str, tone: str, link: BackendLinkStatus) -> tuple[str, str]:
        text = self.tr("{state}; last answer {age}").format(
            state=state, age=words.age(link.seconds_since_success))
        offset = link.clock_offset
        if offset is None or abs(offset) <= CLOCK_SKEW_WARNING_SECONDS:
            return text, tone
        # QR codes still run on the backend's time; the technician should fix the clock.
        skew = (self.tr("this clock is %n s ahead of the backend's: check NTP", "", round(offset))
                if offset > 0 else
                self.tr("this clock is %n s behind the backend's: check NTP", "", round(-offset)))
        return f"{text}; {skew}", "bad" if tone == "bad" else "warn"

    def _gigabytes(self, size: int) -> str:
        """The decimal separator is the translation's: "41.3 GB", "41,3 ГБ"."""
        tenths = max(1, round(size / 1e8)) if size else 0
        return self.tr("{whole}.{tenth} GB").format(whole=tenths // 10, tenth=tenths % 10)

    def _disk(self, status: BoothStatus) -> tuple[str, str]:
        """Free space; a full disk (workers waiting to save) or less than one session needs
        is the technician's to fix, with its code."""
        free = self._gigabytes(status.disk_free_bytes)
        storage = status.health.get("storage")
        if storage is not None and storage.faulted:
            return self.tr("{free}: full, the booth cannot save; free space ({code})").format(
                free=free, code=storage.code), "bad"
        if status.disk_free_bytes < status.disk_needed_bytes:
            return self.tr("{free}: less than a session needs ({need}); no session "
                           "starts ({code})").format(
                free=free, need=self._gigabytes(status.disk_needed_bytes), code=LOW_DISK), "bad"
        return free, "warn" if status.disk_free_bytes < 2e9 else "ok"

    def show_status(self, status: BoothStatus) -> None:
        self.status = status
        state, tone = words.printer_state(status.printer.state)
        paper_tone = "warn" if status.low_paper else "ok"
        paper = (self.tr("%n print(s) left: low, bring a roll", "", status.prints_left)
                 if status.low_paper else self.tr("%n print(s) left", "", status.prints_left))
        link = status.backend_link
        backend, backend_tone = words.health("backend", status.health["backend"])
        outbox = (self.tr("none waiting") if not status.outbox.depth else
                  self.tr("{count} waiting, oldest {age}").format(
                      count=status.outbox.depth, age=words.age(status.outbox.oldest_age)))
        rows = {
            "printer": (state, tone),
            "reasons": (words.printer_reasons(status.printer.reasons), ""),
            "paper": (paper, paper_tone),
            "camera": self._camera(status),
            "backend": self._backend(backend, backend_tone, link),
            "longpoll": words.yes_no_unknown(link.longpoll_held, self.tr("held (long-poll)"),
                                             self.tr("polling every second")),
            "token": words.yes_no_unknown(link.token_valid, self.tr("accepted"),
                                          self.tr("refused: enrol the booth again")),
            "outbox": (outbox, "warn" if status.outbox.depth > 50 else "ok"),
            "disk": self._disk(status),
            "version": (status.version, ""),
            "uptime": (words.duration(status.uptime_seconds), ""),
        }
        for row, (text, row_tone) in rows.items():
            self.values[row].setText(text)
            set_tone(self.values[row], row_tone)
        self.errors.setText("\n".join(
            f"{words.clock_time(e.at)}  {words.error_event(e.kind, e.data)}"
            for e in status.last_errors) or self.tr("none"))
        newest = status.last_errors[0] if status.last_errors else None
        said = printer_words(status.printer.message, status.printer.reasons)
        self.error_detail.setText("\n".join(
            ([f"CUPS: {said}"] if said else [])
            + ([f"{newest.kind}: {newest.reason}"] if newest else [])))
        self.error_detail.setVisible(bool(said or newest))


def printer_words(message: str, reasons: list[str]) -> str:
    """CUPS's reason codes (worded on the page), else the printer's own message ("" for
    neither)."""
    return ", ".join(code for code in reasons if code != "none") or message

