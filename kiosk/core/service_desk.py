"""What every service-menu desk shares, handed over by the driver that builds it.

The driver builds this desk; with it the driver hands the composition root what every
desk shares (`kiosk.core.desk_work`): its worker pool (`submit`), the UI thread (`post`),
its notices (`notify`) and its layout switch (`use_layout`). The desks themselves (orders,
PIN, settings, printer, switches, power, statistics) are built in `kiosk.app.booth`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from kiosk.core.config import KioskConfig
from kiosk.core.desk_work import DeskWork, Post, Submit
from kiosk.core.flow import BoothFlow
from kiosk.core.layouts import Layout
from kiosk.core.ports import Printer
from kiosk.core.store import Store


class ServiceDesk(DeskWork):
    def __init__(self, *, config: KioskConfig, config_path: Path, store: Store, flow: BoothFlow,
                 printing: Printer, layouts: Mapping[str, Layout],
                 use_layout: Callable[[Layout], None], submit: Submit, post: Post,
                 notify: Callable[..., None], data_dir: Path):
        super().__init__(store, submit, post)
        del config_path, flow, data_dir  # the desks built in kiosk.app.booth use these
        self.config = config
        self.printing = printing
        self.layouts = dict(layouts)
        self.use_layout = use_layout
        self.notify = notify
