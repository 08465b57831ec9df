"""Capture: the camera's shots for the session, and the print composed from them."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core import orders
from kiosk.core.compose import ComposeResult, compose
from kiosk.core.config import KioskConfig
from kiosk.core.flow import BoothFlow, Transition
from kiosk.core.flow_events import ShotTaken
from kiosk.core.flow_table import State
from kiosk.core.handoff import Post, Submit
from kiosk.core.layouts import Layout
from kiosk.core.models import BoothSession
from kiosk.core.notice_board import NoticeBoard
from kiosk.core.notices import Composed, ComposeFailed, ShotFailed, ShotSaved
from kiosk.core.ports import Camera
from kiosk.core.store import Store

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)



class CaptureCoordinator:
    """Takes the session's shots and composes its print (on the worker pool); the newest
    preview is the one the review and payment screens show."""

    def __init__(self, config: KioskConfig, store: Store, flow: BoothFlow, *, camera: Camera,
                 layout: Layout, data_dir: Path, post: Post, submit: Submit,
                 notices: NoticeBoard, clock: Callable[[], float]):
        self.config = config
        self.store = store
        self.flow = flow
        self.camera = camera
        self.layout = layout
        self.data_dir = data_dir
        self.post = post
        self.submit = submit
        self.notices = notices
        self.clock = clock
        self._preview: Path | None = None

    def use_layout(self, layout: Layout) -> None:
        """The technician chose another layout: the next print is made with it."""
        self.layout = layout

    def latest_frame(self) -> tuple[int, np.ndarray] | None:
        return self.camera.latest_frame()

    def preview_path(self) -> Path | None:
        return self._preview

    def forget_preview(self, _t: Transition | None = None) -> None:
        """The next customer (or the retake) never sees this print."""
        self._preview = None

    def shoot(self) -> None:
        session_id = self.flow.context.session_id
        if self.flow.state is not State.capture or not session_id:
            return
        index = len(self.flow.context.shots) + 1
        path = self.data_dir / "shots" / session_id / f"shot-{index}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.camera.capture(path, lambda saved, error: self.post(
            lambda: self._shot_done(session_id, index, saved, error)))

    def compose_session(self, t: Transition) -> None:
        """Entering review: the print made from the shots, on the pool."""
        session_id, shots, order_id = t.context.session_id, list(t.context.shots), \
            t.context.order_id
        if not session_id:
            return
        texts = self._layout_texts()

        def work() -> None:
            try:
                result = self._make(session_id, shots, order_id, texts)
            except Exception as exc:
                log.exception("compose failed for session %s", session_id)
                reason = str(exc)
                self.post(lambda: self.notices.tell(ComposeFailed(reason)))
                return
            self.post(lambda: self._composed(session_id, result))

        self.submit(work)

    def make_print(self, session_id: str, shots: list[str], order_id: str) -> ComposeResult:
        """On a worker: a paid order's print made again from its shots, recorded as its
        print file."""
        return self._make(session_id, shots, order_id, self._layout_texts())

    def cups_options(self) -> dict[str, str]:
        return self.layout.cups_options()

    def _shot_done(self, session_id: str, index: int, saved: Path | None,
                   error: str | None) -> None:
        if saved is None:
            log.warning("capture %d of session %s failed: %s", index, session_id, error)
            self.notices.tell(ShotFailed(index, error or "capture failed"))
            return
        if session_id != self.flow.context.session_id:
            return
        self.notices.tell(ShotSaved(index, saved))
        self.flow.dispatch(ShotTaken(str(saved)))

    def _layout_texts(self) -> dict[str, str]:
        return {"event_name": self.config.booth.event_name,
                "date": time.strftime("%d.%m.%Y", time.localtime(self.clock()))}

    def _make(self, session_id: str, shots: list[str], order_id: str | None,
              texts: dict[str, str]) -> ComposeResult:
        result = compose(self.layout, [Path(s) for s in shots], self.data_dir / "prints",
                         session_id, texts=texts)
        with self.store.transaction() as db:
            session = db.get(BoothSession, session_id)
            if session:
                session.print_file = str(result.print_file)
                db.add(session)
            if order_id:
                orders.attach_print_file(db, order_id, str(result.print_file))
        return result

    def _composed(self, session_id: str, result: ComposeResult) -> None:
        if session_id != self.flow.context.session_id:
            return
        self._preview = result.preview_file
        self.notices.tell(Composed(result.preview_file, result.print_file))
