"""A guest picks how to pay, by taps on the real window: the real booth, a backend that takes
Payme, Click and the sandbox (through a TCP proxy the test can hold), a private cupsd."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from backend.local_server import BackendServer, start_backend
from kiosk.app.autopilot.tcp_proxy import TcpProxy
from kiosk.app.booth import Booth
from kiosk.core.config import KioskConfig
from kiosk.core.flow_table import State
from kiosk.core.models import Order
from tests.backend.conftest import PROVIDER_ENV, payme_auth
from tests.integration.conftest import cupsd, prints_dir  # noqa: F401  (fixtures)
from tests.ui.screen_walk import close_window
from tests.ui.test_payment_screen import decode
from ui.bridge import MainThreadPost
from ui.kiosk_window import KioskWindow

DEADLINE_MS = 60_000


@pytest.fixture
def payments_backend(tmp_path: Path) -> Iterator[BackendServer]:
    server = start_backend(tmp_path / "backend", extra_env=PROVIDER_ENV)
    yield server
    server.stop()


@pytest.fixture
def sandbox_backend(tmp_path: Path) -> Iterator[BackendServer]:
    """A backend that takes only the sandbox (set up before the booth, stopped after it)."""
    server = start_backend(tmp_path / "sandbox-only")
    yield server
    server.stop()


@pytest.fixture
def proxy(payments_backend: BackendServer) -> Iterator[TcpProxy]:
    tcp = TcpProxy("127.0.0.1", payments_backend.port)
    yield tcp
    tcp.stop()


Live = tuple[Booth, KioskWindow]


@pytest.fixture
def open_booth(qtbot: Any, tmp_path: Path, cupsd: Any, prints_dir: Path,  # noqa: F811
               request: pytest.FixtureRequest) -> Iterator[Callable[..., Live]]:
    """open_booth(backend, url, **flow): the booth reaches `backend` at `url` (a proxy's)."""
    opened: list[tuple[Booth, KioskWindow, QTimer]] = []

    def open_(backend: BackendServer, url: str, **flow: Any) -> Live:
        config = KioskConfig(
            backend={"url": url, "device_token": backend.token, "longpoll_wait": 5},
            payment={"providers": ["payme", "click", "sandbox"], "default_provider": "payme"},
            printing={"queue": request.node.queue_name, "cups_server": cupsd.server,
                      "poll_seconds": 0.5},
            storage={"data_dir": str(tmp_path / "kiosk")},
            flow={"shots": 2, "countdown_seconds": 1, "layout": "grid-4x6", **flow})
        booth = Booth(config, post=MainThreadPost().post)
        window = KioskWindow(booth.driver, windowed=True)
        ticker = QTimer()
        ticker.timeout.connect(booth.driver.tick)
        ticker.start(1000)
        booth.start()
        window.show()
        opened.append((booth, window, ticker))
        qtbot.waitUntil(lambda: booth.printing.can_print(1) and
                        booth.health.enabled_providers() is not None, timeout=DEADLINE_MS)
        return booth, window

    yield open_
    for booth, window, ticker in opened:
        ticker.stop()
        close_window(window)
        booth.stop()


def painted_url(window: KioskWindow, qtbot: Any, url: str) -> None:
    payment = window.screens.payment
    qtbot.waitUntil(lambda: payment.qr_painted() and decode(window) == url, timeout=10_000)


def local_order(booth: Booth, order_id: str) -> Order:
    with booth.store.reading() as db:
        order = db.get(Order, order_id)
    assert order is not None
    return order


def payme(backend: BackendServer, method: str, params: dict[str, Any]) -> dict[str, Any]:
    return httpx.post(f"{backend.url}/payme", headers={"Authorization": payme_auth()}, json={
        "jsonrpc": "2.0", "id": 1, "method": method, "params": params}).json()


def test_a_guest_switches_to_click_then_pays_in_the_payme_page_and_gets_prints(
        payments_backend: BackendServer, proxy: TcpProxy, open_booth: Callable[..., Live],
        qtbot: Any, prints_dir: Path) -> None:  # noqa: F811
    booth, window = open_booth(payments_backend, proxy.url)
    screens = window.screens
    payment = screens.payment
    qtbot.mouseClick(screens.attract.language_buttons["uz"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.review
                    and screens.review.proceed.isEnabled(), timeout=DEADLINE_MS)
    qtbot.mouseClick(screens.review.proceed, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screens.choose.cards[0], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is payment

    # Payme first (the default), in Uzbek; the screen says what is being bought.
    qtbot.waitUntil(lambda: booth.flow.context.qr is not None, timeout=DEADLINE_MS)
    qr = booth.flow.context.qr
    order_id = qr.order_id
    payme_url = qr.payment_url
    painted_url(window, qtbot, payme_url)
    assert urlparse(payme_url).hostname == "test.paycom.uz"
    assert ";l=uz;" in base64.b64decode(payme_url.rsplit("/", 1)[1]).decode()
    assert list(payment.chooser.buttons) == ["payme", "click", "sandbox"]
    assert payment.chooser.isVisible() and payment.chooser.buttons["payme"].chosen
    assert payment.thumbnail.isVisible() and payment.copies_label.text() == "1 ta nusxa"

    # A tap on Click: the Payme code goes at once, the choice is committed, and the UI keeps
    # running while the backend's answer is held on the way back.
    proxy.hold_answers()
    qtbot.mouseClick(payment.chooser.buttons["click"], Qt.MouseButton.LeftButton)
    assert decode(window) == "" and payment.qr_spinner.isVisible()
    assert local_order(booth, order_id).provider == "click"
    assert booth.store.events(kind="payment.provider_chosen", subject=order_id)
    held = proxy.answers_held
    qtbot.waitUntil(lambda: proxy.answers_held > held, timeout=DEADLINE_MS)
    angle = payment.qr_spinner.angle
    qtbot.waitUntil(lambda: payment.qr_spinner.angle != angle, timeout=DEADLINE_MS)
    assert booth.flow.context.qr.provider == "payme"
    proxy.release_answers()
    qtbot.waitUntil(lambda: booth.flow.context.qr.provider == "click", timeout=DEADLINE_MS)
    click_url = booth.flow.context.qr.payment_url
    painted_url(window, qtbot, click_url)
    query = parse_qs(urlparse(click_url).query)
    assert urlparse(click_url).hostname == "my.click.uz"
    assert query["transaction_param"] == [order_id]
    assert query["return_url"][0].endswith(f"/return/{order_id}/uz")

    # The guest still has the Payme page open and starts paying there: the backend refuses
    # a switch now, and the booth keeps Click's code usable and says so.
    payme_tx = secrets.token_hex(12)
    amount = booth.config.packages[0].price * 100
    created = payme(payments_backend, "CreateTransaction", {
        "id": payme_tx, "time": 1, "amount": amount, "account": {"order_id": order_id}})
    assert created["result"]["state"] == 1
    qtbot.mouseClick(payment.chooser.buttons["sandbox"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booth.flow.context.refused_providers == ["sandbox"],
                    timeout=DEADLINE_MS)
    painted_url(window, qtbot, click_url)
    assert payment.note.isVisible()
    assert payment.note.text() == "Sandbox hozir ishlamayapti. Iltimos, Click orqali to'lang."
    assert not payment.chooser.buttons["sandbox"].isEnabled()
    assert local_order(booth, order_id).provider == "click"
    (refused,) = booth.store.events(kind="payment.provider_refused", subject=order_id)
    assert "409" in refused.reason and "payme" in refused.reason

    # Payme completes: the order the booth showed Click for is paid, and printed once.
    assert payme(payments_backend, "PerformTransaction", {"id": payme_tx})["result"]["state"] == 2
    qtbot.waitUntil(lambda: window.stack.currentWidget() is screens.done, timeout=DEADLINE_MS)
    order = local_order(booth, order_id)
    assert (order.payment_status, order.payment_method, order.payment_transaction_id) == (
        "paid", "payme", payme_tx)
    assert len(list(prints_dir.iterdir())) == 1


def test_with_one_provider_on_the_backend_there_is_no_chooser(
        sandbox_backend: BackendServer, open_booth: Callable[..., Live], qtbot: Any) -> None:
    booth, window = open_booth(sandbox_backend, sandbox_backend.url, pay_first=True)
    assert booth.health.enabled_providers() == frozenset({"sandbox"})
    screens = window.screens
    qtbot.mouseClick(screens.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 300))
    qtbot.mouseClick(screens.choose.cards[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: booth.flow.context.qr is not None, timeout=DEADLINE_MS)
    qr = booth.flow.context.qr
    # The booth's default (Payme) is not on this backend: its first choice is what is.
    assert qr.payment_url == f"{sandbox_backend.url}/sandbox/pay/{qr.order_id}"
    painted_url(window, qtbot, qr.payment_url)
    payment = screens.payment
    assert not payment.chooser.isVisible()
    assert payment.provider_label.isVisible()
    assert payment.provider_label.text() == "Sandbox orqali to'lov"
    assert not payment.thumbnail.isVisible()  # pay first: no print yet
    assert booth.flow.state is State.payment
