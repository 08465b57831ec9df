"""Every screen the window draws comes from a view model the core builds from memory: a
whole paid session on the real services, with no store read behind any view."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

from kiosk.app.booth import Booth
from kiosk.core.flow_table import State
from kiosk.core.notices import FlowMoved, Notice
from kiosk.core.screen_views import DoneView, PaymentView, PrintingView, ScreenView
from tests.integration.test_paid_session import capture_and_choose


@contextmanager
def store_reads(booth: Booth) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn, _cursor, statement: str, *_args) -> None:
        seen.append(statement)

    event.listen(booth.store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(booth.store.engine, "before_cursor_execute", count)


def test_every_screen_of_a_paid_session_is_drawn_without_a_store_read(
        make_booth, backend, prints_dir: Path) -> None:
    booth, runner = make_booth(photos={"share": True})
    drawn: list[tuple[State, ScreenView, int]] = []

    def on_notice(notice: Notice) -> None:
        # On the UI thread, as the window hears it: the view again, counting the reads.
        if isinstance(notice, FlowMoved) and notice.view is not None:
            with store_reads(booth) as reads:
                view = booth.driver.view()
            assert view == notice.view
            drawn.append((notice.transition.target, view, len(reads)))

    booth.driver.subscribe(on_notice)
    capture_and_choose(booth, runner)
    qr = runner.until(lambda: booth.flow.context.qr, "the payment QR", booth)
    backend.sandbox_pay(qr.order_id)
    runner.until(lambda: booth.flow.state is State.done, "the done screen", booth)

    assert [(state, reads) for state, _view, reads in drawn if reads] == []
    states = {state for state, _view, _reads in drawn}
    assert {State.capture, State.review, State.choose, State.payment, State.printing,
            State.done} <= states
    shown = [view for _state, view, _reads in drawn if isinstance(view, PaymentView)]
    assert shown[-1].qr == qr and shown[-1].qr_url == qr.payment_url
    assert (shown[-1].copies, shown[-1].amount) == (1, booth.config.package_for(1).price)
    printing = next(view for _state, view, _reads in drawn if isinstance(view, PrintingView))
    done = next(view for _state, view, _reads in drawn if isinstance(view, DoneView))
    assert printing.photos_url and printing.photos_url == done.photos_url
    assert not done.digital
