"""The service menu's desks, wired: each core desk with the ports this machine implements
(power commands, USB mounts, CSV files) and what the composition root (`kiosk.app.booth`)
shares with them: the coordinators' worker pool (`submit`), the UI thread (`post`), the
notice board (`notify`) and the capture's layout switch; the order desk is built beside
them in `kiosk.app.booth`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app.csv_export import CsvFileWriter
from kiosk.app.power_commands import SystemPowerCommands
from kiosk.app.usb_mounts import MountedUsb
from kiosk.core.config_editor import ConfigEditor
from kiosk.core.handoff import Post, Submit
from kiosk.core.layouts import Layout
from kiosk.core.notices import Notice
from kiosk.core.pin_desk import PinDesk
from kiosk.core.power_desk import PowerDesk
from kiosk.core.printer_desk import PrinterDesk
from kiosk.core.service_desks import ServiceDesks
from kiosk.core.service_switch import ServiceSwitch
from kiosk.core.settings_desk import SettingsDesk
from kiosk.core.statistics_desk import StatisticsDesk

if TYPE_CHECKING:
    from kiosk.app.booth import Booth


def service_desks(booth: Booth, config_path: Path, data_dir: Path, *,
                  layouts: Mapping[str, Layout], use_layout: Callable[[Layout], None],
                  notify: Callable[[Notice], None], submit: Submit,
                  post: Post) -> ServiceDesks:
    store, flow, config = booth.store, booth.flow, booth.config
    pool = {"submit": submit, "post": post}
    editor = ConfigEditor(config, config_path)
    return ServiceDesks(
        orders=booth.orders,
        pin=PinDesk(editor=editor, store=store, flow=flow, **pool),
        settings=SettingsDesk(editor=editor, store=store, layouts=layouts,
                              use_layout=use_layout, notify=notify, **pool),
        printer=PrinterDesk(printing=booth.printing, store=store, **pool),
        switch=ServiceSwitch(flow=flow, store=store, notify=notify, **pool),
        power=PowerDesk(config=config, commands=SystemPowerCommands(), store=store,
                        notify=notify, **pool),
        statistics=StatisticsDesk(config=config, usb=MountedUsb(), files=CsvFileWriter(),
                                  store=store, exports_dir=data_dir / "exports", **pool))
