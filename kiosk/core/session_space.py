"""How much free disk one session needs, and whether the booth has it: the one place that
estimates it. Below it the attract screen starts no session (code E-DISK) and says why;
selling resumes by itself once space returns (pruning, or the technician).

The figures are generous on purpose: a session that starts must be able to finish.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.core.booth_status import disk_free_bytes
from kiosk.core.config import KioskConfig

MB = 1024 * 1024
SHOT_BYTES = 12 * MB  # one shot: a 24 MP DSLR JPEG at its finest (a webcam's is far smaller)
PRINT_BYTES = 6 * MB  # the composed print (300 dpi, up to 6×8 in) and its screen preview
UPLOAD_BYTES = 2 * MB  # a phone-page copy of a shot or the print (long side ≤ 2400 px)
DATABASE_BYTES = 4 * MB  # the session's rows, events, outbox and the SQLite journal's growth


def session_bytes(config: KioskConfig) -> int:
    """Free bytes one session needs: its shots, its print, and (sharing on) their copies for
    the customer's phone, plus what the database writes meanwhile."""
    shots = config.flow.shots
    uploads = (shots + 1) * UPLOAD_BYTES if config.photos.share else 0
    return shots * SHOT_BYTES + PRINT_BYTES + uploads + DATABASE_BYTES


def has_room_for_session(config: KioskConfig, data_dir: Path) -> bool:
    """The disk under `data_dir` can hold one more session now."""
    return disk_free_bytes(data_dir) >= session_bytes(config)
