"""Deletes the photos of links past BOOTH_PHOTO_KEEP_DAYS; their page answers 410 after.

Runs in every backend process's minute (alert_runner.py): marking the link first and
deleting the order's directory after is safe to repeat and to race.
"""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta

from sqlalchemy import select

from backend.context import BackendContext
from backend.models import Order
from backend.photo_models import PhotoLink
from backend.photo_uploads import order_media_dir

log = logging.getLogger(__name__)


def sweep_photos(ctx: BackendContext) -> int:
    """Expires every link whose keeping time is over; returns how many it expired."""
    now = ctx.clock.now()
    cutoff = now - timedelta(days=ctx.settings.photo_keep_days)
    with ctx.db.write() as session:
        rows = session.execute(
            select(Order, PhotoLink).join(PhotoLink, PhotoLink.order_pk == Order.id).where(
                PhotoLink.expired_at.is_(None),  # type: ignore[union-attr]
                Order.payment_paid_at.is_not(None),  # type: ignore[union-attr]
                Order.payment_paid_at <= cutoff,  # type: ignore[operator]
            )
        ).all()
        for _order, link in rows:
            link.expired_at = now
            session.add(link)
    for order, _link in rows:
        shutil.rmtree(order_media_dir(ctx, order), ignore_errors=True)
        log.info("photos of order %s deleted: kept %s days", order.order_id,
                 ctx.settings.photo_keep_days)
    return len(rows)
