"""What each screen shows: one frozen view model per screen, built by the core from what
it holds in memory (never a store read on the UI thread) and drawn by the window."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window imports this module before the store's libraries load
    from kiosk.core.flow import ShownQr
    from kiosk.core.qr_codes import Modules


@dataclass(frozen=True)
class AttractView:
    free_mode: bool  # the technician's switch: sessions without payment
    refusal: str | None = None  # the code of a touch that started no session (E-DISK)


@dataclass(frozen=True)
class CaptureView:
    shot: int  # the next shot's number, from 1
    shots: int
    countdown_seconds: int
    camera_ready: bool  # False: the count waits and the screen says the camera is not ready


@dataclass(frozen=True)
class ReviewView:
    preview: Path | None  # None until the print is composed


@dataclass(frozen=True)
class ChooseView:
    packages: tuple[tuple[int, int], ...]  # (copies, price) the customer may choose now
    currency: str


@dataclass(frozen=True)
class PaymentView:
    copies: int
    amount: int  # whole major units, as the order says
    currency: str
    provider: str  # the order's provider: the customer's pick
    qr: ShownQr | None  # the code on the screen (another provider's while a switch is asked)
    unavailable: bool  # no code could be had: the screen says so
    providers: tuple[str, ...]  # those the customer may pick between
    refused: tuple[str, ...]  # no code came from these this order
    with_preview: bool  # the composed print is there to show (none before the photos)
    # qr_url's modules when encoded already (painted at once); derived from qr_url, so neither
    # compared nor printed.
    qr_modules: Modules | None = field(default=None, compare=False, repr=False)

    @property
    def qr_url(self) -> str:
        """The code to draw: "" while the picked provider's code is on its way."""
        qr = self.qr
        return qr.payment_url if qr and qr.provider == self.provider else ""


@dataclass(frozen=True)
class CheckingView:
    """The code is over: the booth asks the backend whether the money came anyway."""


@dataclass(frozen=True)
class PrintingView:
    photos_url: str  # "" unless paid with sharing on
    photos_code: str
    attention: bool  # the printer needs staff: the note replaces the spinner
    code: str  # the technician code the note names


@dataclass(frozen=True)
class DoneView:
    digital: bool  # photos on the phone only: nothing was printed
    photos_url: str
    photos_code: str


@dataclass(frozen=True)
class OutOfServiceView:
    code: str


@dataclass(frozen=True)
class ServiceView:
    """The technician's panel (its pages load their own data off the UI thread)."""


ScreenView = (AttractView | CaptureView | ReviewView | ChooseView | PaymentView | CheckingView
              | PrintingView | DoneView | OutOfServiceView | ServiceView)
