"""What the booth tells its screens: one frozen value per kind of notice.

The driver hands each to its subscribers on the UI thread; a subscriber matches on the
type (`match notice: case Composed(preview=...)`), never on a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window imports this module before the store's libraries load
    from kiosk.core.flow import Transition
    from kiosk.core.ports import Health, PrintJobUpdate
    from kiosk.core.screen_views import ScreenView


@dataclass(frozen=True)
class FlowMoved:
    """The flow took a transition (its state committed first); `view` is what the state's
    screen shows now, None when the transition changes nothing on it."""

    transition: Transition
    view: ScreenView | None


@dataclass(frozen=True)
class ShotSaved:
    """Photo `index` (from 1) of the session is on disk."""

    index: int
    path: Path


@dataclass(frozen=True)
class ShotFailed:
    index: int
    reason: str


@dataclass(frozen=True)
class Composed:
    """The session's print is made: the preview to show, the file to print."""

    preview: Path
    print_file: Path


@dataclass(frozen=True)
class ComposeFailed:
    reason: str


@dataclass(frozen=True)
class PrintProgress:
    update: PrintJobUpdate


@dataclass(frozen=True)
class HealthChanged:
    """The health of "printer", "camera" or "backend" changed."""

    source: str
    health: Health


@dataclass(frozen=True)
class AppExit:
    """The technician restarts or leaves the app: the process exits with `code`."""

    code: int


@dataclass(frozen=True)
class SettingsApplied:
    """The technician's settings are saved and in use (packages, layout, countdown …)."""


@dataclass(frozen=True)
class FreeModeChanged:
    on: bool


Notice = (FlowMoved | ShotSaved | ShotFailed | Composed | ComposeFailed | PrintProgress
          | HealthChanged | AppExit | SettingsApplied | FreeModeChanged)
