"""Theme colours as small pictures: one swatch for a theme (menus, lists, the note panel, the
theme dialogs) and a row of chips for a paragraph's themes (the paragraph tree)."""
from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def swatch(colour: str, size: int = 14) -> QIcon:
    """A filled square of the theme's colour with a thin dark border (visible on white too)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#555555"))
    inner = QPixmap(size - 2, size - 2)
    inner.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.drawPixmap(1, 1, inner)
    painter.end()
    return QIcon(pixmap)


def chips_icon(colours: list[str], size: int = 12, hollow: list[str] = ()) -> QIcon:
    """A row of small colour squares, one per theme tagged on the paragraph, then a hollow
    square (outline only) per suggested theme."""
    pixmap = QPixmap((len(colours) + len(hollow)) * (size + 2), size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    for i, colour in enumerate(colours):
        painter.fillRect(i * (size + 2), 0, size, size, QColor(colour))
    for i, colour in enumerate(hollow, start=len(colours)):
        painter.setPen(QPen(QColor(colour), 2))
        painter.drawRect(i * (size + 2) + 1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
