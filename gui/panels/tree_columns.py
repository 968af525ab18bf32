"""Paragraph tree columns that share the width they have: label, opening and theme chips get
their natural width while there is room and give way (eliding) on a narrow pane; the text
column takes the rest. The tree never scrolls sideways and never pushes the PDF away."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTreeView

# The most each leading column may take of the viewport, and the least it keeps.
MAX_SHARE = (0.24, 0.26, 0.16)
MIN_WIDTH = (56, 40, 30)
TEXT_MIN = 80


class TreeColumns(QObject):
    def __init__(self, tree: QTreeView):
        super().__init__(tree)
        self.tree = tree
        self.wanted: list[int] = [90, 120, 76]
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = tree.header()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(24)
        tree.viewport().installEventFilter(self)

    def want(self, widths: list[int]) -> None:
        """The natural widths of the leading columns (from the document's text)."""
        self.wanted = list(widths)
        self.fit()

    def fit(self) -> None:
        room = self.tree.viewport().width()
        if room <= 0:
            return
        widths = [max(low, min(want, int(room * share)))
                  for want, share, low in zip(self.wanted, MAX_SHARE, MIN_WIDTH, strict=True)]
        excess = sum(widths) + TEXT_MIN - room
        for i in (1, 0, 2):  # the opening phrase gives way first, the chips last
            if excess <= 0:
                break
            give = min(excess, widths[i] - MIN_WIDTH[i])
            widths[i] -= give
            excess -= give
        for column, width in enumerate(widths):
            if self.tree.columnWidth(column) != width:
                self.tree.setColumnWidth(column, width)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
