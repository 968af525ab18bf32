"""The main window's size and panes: the first window fits the screen, the PDF gets at least
screen_fit.PDF_SHARE of the width, and panes can be hidden and brought back (F9: the library)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from clausemark.gui import screen_fit

PREFERRED = (1600, 1000)
# Library | paragraphs | PDF: the PDF keeps about half of a laptop's width. Panes between the
# paragraphs and the PDF (the precedents panel) start hidden and get none of it.
SHARES = (0.22, 0.30, 0.48)


def first_layout(window: QMainWindow, main_splitter: QSplitter,
                 restore: Callable[[QMainWindow], dict]) -> dict:
    """Size the window for its screen, apply the saved layout (`restore`) and put it right if it
    came from a larger monitor and starves the PDF there (panes the analyst arranged on this
    screen stay as they were). Returns the saved state."""
    screen_fit.fit_window(window, *PREFERRED)
    saved = restore(window)
    moved = screen_fit.keep_on_screen(window)
    if not saved.get("splitters") or (
            moved and not screen_fit.pdf_share_ok(main_splitter, pdf_pane(main_splitter))):
        share_main_panes(main_splitter, window.width())
    return saved


def pdf_pane(main_splitter: QSplitter) -> int:
    """The PDF is the last pane of the main splitter."""
    return main_splitter.count() - 1


def share_main_panes(main_splitter: QSplitter, width: int) -> None:
    """Library, paragraphs and PDF shown and shared by SHARES; any pane between the paragraphs
    and the PDF keeps its visibility and starts with no width."""
    main = [0, 1, pdf_pane(main_splitter)]
    for i in main:
        main_splitter.widget(i).setVisible(True)
    shared = [int(width * share) for share in SHARES]
    shared[-1] = width - sum(shared[:-1])
    sizes = [0] * main_splitter.count()
    for i, size in zip(main, shared, strict=True):
        sizes[i] = size
    main_splitter.setSizes(sizes)


class PaneToggle:
    """A checkable action that hides one pane of a splitter and brings it back at the size it
    had; a pane dragged shut counts as hidden."""

    def __init__(self, window: QWidget, splitter: QSplitter, pane: QWidget, text: str,
                 shortcut: str, object_name: str):
        self.splitter, self.pane = splitter, pane
        self._size = 0
        self.action = QAction(text, window, checkable=True, checked=True)
        self.action.setObjectName(object_name)
        self.action.setShortcut(QKeySequence(shortcut))
        self.action.setToolTip(f"{text} ({shortcut})")
        self.action.triggered.connect(self.set_shown)
        splitter.splitterMoved.connect(lambda *_: self.action.setChecked(self.shown()))

    def shown(self) -> bool:
        return self.pane.isVisible() and self.splitter.sizes()[self._index()] > 0

    def _index(self) -> int:
        return self.splitter.indexOf(self.pane)

    def set_shown(self, show: bool) -> None:
        index, sizes = self._index(), self.splitter.sizes()
        if show:
            self.pane.setVisible(True)
            if self.splitter.sizes()[index] == 0:  # dragged shut or restored hidden
                sizes = self.splitter.sizes()
                want = self._size or max(200, sum(sizes) // 4)
                largest = max(range(len(sizes)), key=lambda i: sizes[i])
                sizes[largest] = max(0, sizes[largest] - want)
                sizes[index] = want
                self.splitter.setSizes(sizes)
        else:
            if sizes[index] > 0:
                self._size = sizes[index]
            self.pane.setVisible(False)
        self.action.setChecked(show)
