"""Columns that share the width they have: the leading columns get their natural width while
there is room and give way (eliding) on a narrow pane; one column (the paragraph text, the
document title) takes the rest. The view never scrolls sideways and never pushes the PDF away.

    TreeColumns(tree)                  # the paragraph tree: label, opening, chips; text the rest
    ColumnShares(table, columns, ...)  # any view: which columns, their shares, who gives way
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeView

# The most each leading column may take of the viewport, and the least it keeps.
MAX_SHARE = (0.24, 0.26, 0.16)
MIN_WIDTH = (56, 40, 30)
TEXT_MIN = 80


class ColumnShares(QObject):
    """Fits `columns` of `view` into its viewport: each at most `max_share` of it, at least
    `min_width`; when they leave less than `rest_min` for the stretching column, they give way
    in `give_way` order (indexes into `columns`). A column in `whole_or_hidden` (a date cut
    to "202…" says nothing) is shown at its natural width or not at all."""

    def __init__(self, view: QAbstractItemView, columns, max_share, min_width, give_way,
                 rest_min: int, wanted, whole_or_hidden=()):
        super().__init__(view)
        self.view = view
        self.columns, self.max_share, self.min_width = list(columns), max_share, min_width
        self.give_way, self.rest_min = give_way, rest_min
        self.whole_or_hidden = set(whole_or_hidden)
        self.wanted: list[int] = list(wanted)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.viewport().installEventFilter(self)

    def want(self, widths: list[int]) -> None:
        """The natural widths of the columns (from their texts)."""
        self.wanted = list(widths)
        self.fit()

    def fit(self) -> None:
        room = self.view.viewport().width()
        if room <= 0:
            return
        widths = [max(low, min(want, int(room * share))) for want, share, low
                  in zip(self.wanted, self.max_share, self.min_width, strict=True)]
        excess = sum(widths) + self.rest_min - room
        for i in self.give_way:
            if excess <= 0:
                break
            give = min(excess, widths[i] - self.min_width[i])
            widths[i] -= give
            excess -= give
        for i in self.whole_or_hidden:
            if widths[i] < self.wanted[i]:
                widths[i] = 0  # (its room goes to the stretching column)
        for column, width in zip(self.columns, widths):
            hidden = width == 0
            if self.view.isColumnHidden(column) != hidden:
                self.view.setColumnHidden(column, hidden)
            if not hidden and self.view.columnWidth(column) != width:
                self.view.setColumnWidth(column, width)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


class TreeColumns(ColumnShares):
    def __init__(self, tree: QTreeView):
        # The opening phrase gives way first, the chips last; the text takes the rest.
        super().__init__(tree, (0, 1, 2), MAX_SHARE, MIN_WIDTH, (1, 0, 2), TEXT_MIN,
                         [90, 120, 76])
        self.tree = tree
        header = tree.header()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(24)
