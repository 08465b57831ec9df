"""The status page's "Payment watch" follows the real backend's answers while the page is
open: "Not known yet" only until the first payment-status answer, then what the answer
says, even when that answer is a payment that came at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.local_server import BackendServer
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from tests.sync.conftest import Results, make_order
from tests.ui.test_service_menu import DEADLINE_MS, enter_service
from ui.kiosk_window import KioskWindow


@pytest.fixture
def config(tmp_path: Path, backend: BackendServer) -> KioskConfig:
    return KioskConfig(storage={"data_dir": str(tmp_path / "kiosk")},
                       backend={"url": backend.url,
                                "device_token": backend.add_device("status-page-booth"),
                                "longpoll_wait": 2},
                       payment={"providers": ["sandbox"], "default_provider": "sandbox"})


def test_payment_watch_shows_the_long_poll_held_once_a_paid_answer_arrives(
        window: KioskWindow, booth: Booth, backend: BackendServer, qtbot: object) -> None:
    enter_service(window, booth, qtbot)
    watch = window.screens.service.status.values["longpoll"]
    qtbot.waitUntil(lambda: watch.text() == "Not known yet", timeout=DEADLINE_MS)
    order_id = make_order(booth.store)
    ready, unavailable = Results(), Results()
    booth.checkout.begin(order_id, "sandbox", "en", ready, unavailable)
    (qr,) = ready.wait()
    # Paid before the booth asks: the answer comes at once, with no pending answer before it.
    backend.sandbox_pay(order_id)
    booth.watcher.watch(order_id, qr.expires_at)
    qtbot.waitUntil(lambda: watch.text() == "held (long-poll)", timeout=DEADLINE_MS)
    assert watch.property("tone") == "ok"
