"""The banner over the paragraph tree while suggestions are reviewed (F8): it says which keys
answer (A accepts, X rejects) and how to leave (Esc, or the button), so the single-letter keys
are never a surprise; outside the review they do nothing."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class ReviewBanner(QWidget):
    leaveRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent, objectName="reviewBanner")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#reviewBanner { background: #E3F0FF; border: 1px solid #8DB4E2;"
                           " border-radius: 3px; } #reviewBanner QLabel { color: #123E6B; }")
        self.label = QLabel("<b>Reviewing suggestions</b> — A accepts, X rejects, "
                            "Esc leaves the review.", objectName="reviewBannerText")
        self.label.setWordWrap(True)
        self.leave = QPushButton("Leave review", objectName="leaveReviewButton")
        self.leave.clicked.connect(self.leaveRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 4, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.leave)
        self.hide()
