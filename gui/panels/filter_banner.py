"""A banner over the paragraph tree while it is filtered ("Showing 3 of 57 paragraphs: tagged
detention  [Show all]"), so a filtered tree is never mistaken for the whole resolution. The
filter is kept from one document to the next, and the banner says so there too."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class FilterBanner(QWidget):
    showAllRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, objectName="filterBanner")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#filterBanner { background: #FFF4CE; border: 1px solid #E0C36A;"
                           " border-radius: 3px; } #filterBanner QLabel { color: #5C4400; }")
        self.label = QLabel(objectName="filterBannerText")
        self.label.setWordWrap(True)
        self.show_all = QPushButton("Show &all", objectName="filterShowAll")
        self.show_all.setToolTip("Show every paragraph of the resolution again")
        self.show_all.clicked.connect(self.showAllRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 4, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.show_all)
        self.hide()

    def show_filter(self, description: str | None, shown: int, total: int) -> None:
        """`description` like "tagged detention" or "untagged"; None hides the banner."""
        if description is None:
            self.hide()
            return
        self.label.setText(f"Filtered: showing {shown} of {total} paragraphs, {description}.")
        self.show()
