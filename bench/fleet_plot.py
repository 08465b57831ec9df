"""The fleet bench's plot: booths against webhook and wake p99, one line per run (process
count, held or not to a share of a core), drawn with Qt's QPainter as the soak's plot is (no
plotting library needed)."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

PANEL_W, PANEL_H, MARGIN = 640, 320, 56
PANELS = (("webhook_p99_ms", "Payme call p99 (ms)"), ("wake_p99_ms", "long-poll wake p99 (ms)"))
COLOURS = ("#1f77b4", "#2ca02c", "#d62728", "#9467bd")
TARGET_MS = 100.0


def plot(levels: list[dict[str, float]], path: Path, title: str) -> Path:
    """`levels`: one row per level ({"series", "booths", "webhook_p99_ms", "wake_p99_ms",
    "ok"}), a line per series in the order they first appear; a failed level is hollow."""
    _ = QGuiApplication.instance() or QGuiApplication(["fleet-plot"])
    series = {name: COLOURS[index % len(COLOURS)] for index, name in
              enumerate(dict.fromkeys(str(row["series"]) for row in levels))}
    image = QImage(PANEL_W * len(PANELS), PANEL_H + 94, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("DejaVu Sans", 13, QFont.Weight.Bold))
    painter.drawText(QRectF(0, 6, image.width(), 30), Qt.AlignmentFlag.AlignCenter, title)
    painter.setFont(QFont("DejaVu Sans", 10))
    x_high = max(row["booths"] for row in levels) * 1.05
    for index, (key, label) in enumerate(PANELS):
        # At most 5 × the target: the region around it stays readable, higher points sit
        # on the top edge.
        y_high = min(TARGET_MS * 5, max(TARGET_MS * 1.5, *(row[key] * 1.1 for row in levels)))
        _panel(painter, QRectF(index * PANEL_W, 40, PANEL_W, PANEL_H), levels, key, label,
               x_high, y_high, series)
    for number, (name, colour) in enumerate(series.items()):
        painter.setPen(QPen(QColor(colour), 3))
        left = 40 + number * 300
        painter.drawLine(QPointF(left, PANEL_H + 55), QPointF(left + 30, PANEL_H + 55))
        painter.setPen(QPen(QColor("#333333"), 1))
        painter.drawText(QRectF(left + 36, PANEL_H + 46, 260, 18), Qt.AlignmentFlag.AlignLeft,
                         name)
    painter.drawText(QRectF(40, PANEL_H + 70, 700, 18), Qt.AlignmentFlag.AlignLeft,
                     "dashed: the 100 ms target · hollow: a level that failed")
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def _panel(painter: QPainter, box: QRectF, levels: list[dict[str, float]], key: str,
           label: str, x_high: float, y_high: float, series: dict[str, str]) -> None:
    area = box.adjusted(MARGIN, 28, -24, -40)
    painter.setPen(QPen(QColor("#333333"), 1))
    painter.drawText(QRectF(box.left(), box.top() + 4, box.width(), 20),
                     Qt.AlignmentFlag.AlignCenter, label)
    painter.drawRect(area)

    def point(x: float, y: float) -> QPointF:
        return QPointF(area.left() + x / x_high * area.width(),
                       area.bottom() - min(y, y_high) / y_high * area.height())

    for value, align in ((y_high, Qt.AlignmentFlag.AlignRight), (0.0, Qt.AlignmentFlag.AlignRight)):
        painter.drawText(QRectF(area.left() - MARGIN, point(0, value).y() - 8, MARGIN - 4, 16),
                         align, f"{value:.0f}")
    painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 16),
                     Qt.AlignmentFlag.AlignLeft, "0")
    painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), 16),
                     Qt.AlignmentFlag.AlignRight, f"{x_high:.0f} booths")
    target = QPen(QColor("#888888"), 1, Qt.PenStyle.DashLine)
    painter.setPen(target)
    painter.drawLine(point(0, TARGET_MS), point(x_high, TARGET_MS))
    for name, colour in series.items():
        rows = sorted((row for row in levels if row["series"] == name),
                      key=lambda row: row["booths"])
        points = [point(row["booths"], row[key]) for row in rows]
        painter.setPen(QPen(QColor(colour), 2))
        for start, end in itertools.pairwise(points):
            painter.drawLine(start, end)
        for spot, row in zip(points, rows, strict=True):
            painter.setBrush(QColor(colour) if row["ok"] else QColor("white"))
            painter.drawEllipse(spot, 4, 4)
        painter.setBrush(Qt.BrushStyle.NoBrush)
