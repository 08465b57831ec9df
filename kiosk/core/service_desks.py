"""Everything the service menu asks of the booth: one desk per concern, built by the
composition root (`kiosk.app.booth`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.order_desk import OrderDesk
from kiosk.core.pin_desk import PinDesk
from kiosk.core.power_desk import PowerDesk
from kiosk.core.printer_desk import PrinterDesk
from kiosk.core.service_switch import ServiceSwitch
from kiosk.core.settings_desk import SettingsDesk
from kiosk.core.statistics_desk import StatisticsDesk


@dataclass(frozen=True)
class ServiceDesks:
    orders: OrderDesk  # the payment log, reprints, late payments, refunds
    pin: PinDesk
    settings: SettingsDesk
    printer: PrinterDesk
    switch: ServiceSwitch  # in or out of service, free mode
    power: PowerDesk
    statistics: StatisticsDesk
