"""The service menu's desks, wired: each core desk with the ports this machine implements
(power commands, USB mounts, CSV files) and the driver's worker pool, UI thread, notices
and layout switch, which the driver hands over (`kiosk.core.service_desk`); the order desk
is built beside them in `kiosk.app.booth`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.app.csv_export import CsvFileWriter
from kiosk.app.power_commands import SystemPowerCommands
from kiosk.app.usb_mounts import MountedUsb
from kiosk.core.config_editor import ConfigEditor
from kiosk.core.pin_desk import PinDesk
from kiosk.core.power_desk import PowerDesk
from kiosk.core.printer_desk import PrinterDesk
from kiosk.core.service_desks import ServiceDesks
from kiosk.core.service_switch import ServiceSwitch
from kiosk.core.settings_desk import SettingsDesk
from kiosk.core.statistics_desk import StatisticsDesk

if TYPE_CHECKING:
    from kiosk.app.booth import Booth


def service_desks(booth: Booth, config_path: Path, data_dir: Path) -> ServiceDesks:
    shared = booth.driver.service
    store, flow, config = booth.store, booth.flow, booth.config
    pool = {"submit": shared.submit, "post": shared.post}
    editor = ConfigEditor(config, config_path)
    return ServiceDesks(
        orders=booth.orders,
        pin=PinDesk(editor=editor, store=store, flow=flow, **pool),
        settings=SettingsDesk(editor=editor, store=store, layouts=shared.layouts,
                              use_layout=shared.use_layout, notify=shared.notify, **pool),
        printer=PrinterDesk(printing=booth.printing, store=store, **pool),
        switch=ServiceSwitch(flow=flow, store=store, notify=shared.notify, **pool),
        power=PowerDesk(config=config, commands=SystemPowerCommands(), store=store,
                        notify=shared.notify, **pool),
        statistics=StatisticsDesk(config=config, usb=MountedUsb(), files=CsvFileWriter(),
                                  store=store, exports_dir=data_dir / "exports", **pool))
