"""The soak's figures as one PNG, drawn with Qt's QPainter (no plotting library needed)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

PANEL_W, PANEL_H, MARGIN = 640, 300, 56
PANELS = (("rss_mb", "booth RSS (MB)"), ("threads", "threads"),
          ("fds", "open fds (pooled SQLite apart)"),
          ("sqlite_connections", "pooled SQLite connections"),
          ("sqlite_mb", "kiosk.db + WAL (MB)"), ("shots_mb", "shots directory (MB)"))


def plot(rows: list[dict[str, float]], path: Path, title: str) -> Path:
    columns = 2
    panel_rows = (len(PANELS) + columns - 1) // columns
    image = QImage(PANEL_W * columns, PANEL_H * panel_rows + 40, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("DejaVu Sans", 13, QFont.Weight.Bold))
    painter.drawText(QRectF(0, 6, image.width(), 30), Qt.AlignmentFlag.AlignCenter, title)
    painter.setFont(QFont("DejaVu Sans", 10))
    for index, (key, label) in enumerate(PANELS):
        left = (index % columns) * PANEL_W
        top = 40 + (index // columns) * PANEL_H
        _panel(painter, QRectF(left, top, PANEL_W, PANEL_H), rows, key, label)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def _panel(painter: QPainter, box: QRectF, rows: list[dict[str, float]], key: str,
           label: str) -> None:
    area = box.adjusted(MARGIN, 28, -24, -40)
    painter.setPen(QPen(QColor("#333333"), 1))
    painter.drawText(QRectF(box.left(), box.top() + 4, box.width(), 20),
                     Qt.AlignmentFlag.AlignCenter, label)
    painter.drawRect(area)
    xs = [row["sessions"] for row in rows]
    ys = [row[key] for row in rows]
    if not xs:
        return
    x_low, x_high = min(xs), max(xs) or 1
    y_low, y_high = 0.0, _round_up(max(ys) * 1.1)
    painter.drawText(QRectF(area.left() - MARGIN, area.top() - 8, MARGIN - 4, 16),
                     Qt.AlignmentFlag.AlignRight, f"{y_high:g}")
    painter.drawText(QRectF(area.left() - MARGIN, area.bottom() - 8, MARGIN - 4, 16),
                     Qt.AlignmentFlag.AlignRight, "0")
    painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 16),
                     Qt.AlignmentFlag.AlignLeft, f"{x_low:.0f}")
    painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 16),
                     Qt.AlignmentFlag.AlignRight, f"{x_high:.0f} sessions")

    def point(x: float, y: float) -> QPointF:
        span = (x_high - x_low) or 1
        return QPointF(area.left() + (x - x_low) / span * area.width(),
                       area.bottom() - (y - y_low) / (y_high - y_low) * area.height())

    painter.setPen(QPen(QColor("#1f77b4"), 2))
    points = [point(x, y) for x, y in zip(xs, ys, strict=True)]
    for start, end in itertools.pairwise(points):
        painter.drawLine(start, end)
    for spot in points:
        painter.drawEllipse(spot, 3, 3)
    # The first and the last value written beside their points: the growth reads off the plot.
    painter.setPen(QPen(QColor("#333333"), 1))
    for spot, value, align in ((points[0], ys[0], Qt.AlignmentFlag.AlignLeft),
                               (points[-1], ys[-1], Qt.AlignmentFlag.AlignRight)):
        left = spot.x() if align is Qt.AlignmentFlag.AlignLeft else spot.x() - 120
        painter.drawText(QRectF(left, spot.y() - 22, 120, 16), align, f"{value:g}")


def _round_up(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)
