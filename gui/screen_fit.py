"""Windows that fit the screen they open on: a delegation laptop (1366x768, 1280x800) as well as a
desk monitor. Top-level windows and dialogs ask here for their first size instead of a fixed one;
the main window's panes are shared so that the PDF keeps at least PDF_SHARE of the width."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

PDF_SHARE = 0.45  # the smallest part of the main window's width the PDF may get at first
# Room kept for a window manager's title bar and borders (availableGeometry excludes panels).
FRAME_W, FRAME_H = 16, 40


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable area of the screen the widget is on (its parent's, or the primary screen)."""
    screen = None
    for candidate in (widget, widget.parentWidget() if widget is not None else None):
        if candidate is not None and candidate.screen() is not None:
            screen = candidate.screen()
            break
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def fitted_size(preferred: QSize, area: QRect) -> QSize:
    """`preferred`, shrunk to what fits in `area` with the window frame around it."""
    return QSize(max(200, min(preferred.width(), area.width() - FRAME_W)),
                 max(150, min(preferred.height(), area.height() - FRAME_H)))


def fits(widget: QWidget, area: QRect | None = None) -> bool:
    """True when the widget's frame lies inside the available screen area."""
    area = area or available_geometry(widget)
    frame = widget.frameGeometry()
    return (frame.width() <= area.width() and frame.height() <= area.height()
            and area.contains(frame.topLeft()) and area.contains(frame.bottomRight()))


def fit_window(widget: QWidget, width: int, height: int, *, center: bool = True) -> QSize:
    """Resize a top-level window or dialog to (width, height), or less on a small screen, and
    keep it on the screen. Returns the size given."""
    area = available_geometry(widget)
    size = fitted_size(QSize(width, height), area)
    # A layout's minimum can be larger than a small screen; let the window shrink below it.
    minimum = widget.minimumSize()
    if minimum.width() > size.width() or minimum.height() > size.height():
        widget.setMinimumSize(min(minimum.width(), size.width()),
                              min(minimum.height(), size.height()))
    widget.resize(size)
    if center:
        x = area.x() + max(0, (area.width() - size.width() - FRAME_W) // 2)
        y = area.y() + max(0, (area.height() - size.height() - FRAME_H) // 2)
        QWidget.move(widget, x, y)  # (some dialogs define a move() of their own)
    return size


def keep_on_screen(widget: QWidget) -> bool:
    """After a saved geometry was restored (from a larger monitor, say): shrink and move the
    window back onto the screen it is on now. True if it had to."""
    area = available_geometry(widget)
    geometry = widget.geometry()
    if fits(widget, area) and geometry.width() <= area.width():
        return False
    size = fitted_size(geometry.size(), area)
    widget.resize(size)
    x = min(max(geometry.x(), area.x()), area.right() - size.width() - FRAME_W + 1)
    y = min(max(geometry.y(), area.y()), area.bottom() - size.height() - FRAME_H + 1)
    QWidget.move(widget, max(x, area.x()), max(y, area.y()))
    return True


def pdf_share_ok(splitter: QSplitter, pdf_index: int, share: float = PDF_SHARE) -> bool:
    """True when the PDF pane has at least `share` of the visible width (collapsed panes
    leave theirs to the others)."""
    sizes = splitter.sizes()
    total = sum(sizes)
    return total > 0 and sizes[pdf_index] >= share * total - 2
