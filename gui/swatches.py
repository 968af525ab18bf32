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


CHIPS_ICON_SIZE = (160, 13)  # a view's icon size that shows chips at their own size


def chips_icon(colours: list[str], size: int = 10, hollow: list[str] = (), *,
               focused: int = -1, noted: frozenset[int] = frozenset()) -> QIcon:
    """A row of small colour squares, one per theme tagged on the paragraph (a dark corner
    dot on those whose tag carries a note), then a hollow square (outline only) per suggested
    theme (the `focused` one, counted among the hollow ones, underlined). Every chip has a
    white rim. The same picture serves a selected row (Qt would otherwise tint it into the
    selection colour), so the chips stay readable there; a view shows it at its own size when
    its icon size is wide enough (CHIPS_ICON_SIZE), never squeezed."""
    step = size + 3
    pixmap = QPixmap(max(1, (len(colours) + len(hollow)) * step), size + 3)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    for i, colour in enumerate(colours):
        x = i * step
        painter.fillRect(x, 0, size + 2, size + 2, QColor("white"))
        painter.fillRect(x + 1, 1, size, size, QColor(colour))
        if i in noted:
            painter.fillRect(x + size - 4, 1, 5, 5, QColor("white"))
            painter.fillRect(x + size - 3, 1, 4, 4, QColor("#222222"))
    for j, colour in enumerate(hollow):
        x = (len(colours) + j) * step
        painter.fillRect(x, 0, size + 2, size + 2, QColor("white"))
        painter.setPen(QPen(QColor(colour), 2))
        painter.drawRect(x + 2, 2, size - 2, size - 2)
        if j == focused:
            painter.fillRect(x, size + 1, size + 2, 2, QColor("#222222"))
    painter.end()
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)
    return icon
