"""USB sticks the technician may export to: mount points under `service.usb_root`."""

from __future__ import annotations

import os
from pathlib import Path


class MountedUsb:
    """`kiosk.core.ports.UsbMounts`: the mount points among `root`'s children and
    grandchildren (udisks mounts a stick as /media/USER/LABEL, others as /media/LABEL)."""

    def mounted(self, root: Path) -> list[Path]:
        found: list[Path] = []
        for child in _directories(root):
            if os.path.ismount(child):
                found.append(child)
            else:
                found += [p for p in _directories(child) if os.path.ismount(p)]
        return found


def _directories(parent: Path) -> list[Path]:
    try:
        return sorted(p for p in parent.iterdir() if p.is_dir())
    except OSError:
        return []
