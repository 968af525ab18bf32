"""File > Review shared tags...: the tags merged from other analysts' shares that wait for a
decision (their document differs here, or is not here): accept puts the tag on the aligned
paragraph with its author kept; reject keeps it recorded as rejected."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from clausemark.core.errors import ClausemarkError


class ReviewDialog(QDialog):
    def __init__(self, library, parent=None):
        super().__init__(parent, objectName="reviewDialog")
        self.setWindowTitle("Review shared tags")
        self.library = library
        self.items = QListWidget(objectName="reviewList")
        self.items.setMinimumWidth(560)
        self.status = QLabel(objectName="reviewStatus")
        self.accept_button = QPushButton("Accept", objectName="reviewAccept")
        self.reject_button = QPushButton("Reject", objectName="reviewReject")
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.items)
        layout.addLayout(row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.items.clear()
        themes = {t.id: t.name for t in self.library.themes.list()}
        docs = {d.id: d.display_name for d in self.library.documents()}
        pending = self.library.team.reviews()
        for item in pending:
            here = (f"{docs.get(item.document_id)}, {item.paragraph}" if item.paragraph
                    else "no paragraph here")
            text = (f"{item.source_symbol}, {item.source_label} → {here}: "
                    f"{themes.get(item.theme_id)} ({item.status}, by {item.author})")
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setToolTip(item.note or "")
            self.items.addItem(row)
        if pending:
            self.items.setCurrentRow(0)
        self.status.setText(f"{len(pending)} shared tags wait for your decision")
        self.accept_button.setEnabled(bool(pending))
        self.reject_button.setEnabled(bool(pending))

    def _decide(self, accept: bool) -> None:
        row = self.items.currentItem()
        if row is None:
            return
        review_id = row.data(Qt.ItemDataRole.UserRole)
        try:
            if accept:
                self.library.team.accept_review(review_id)
            else:
                self.library.team.reject_review(review_id)
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Cannot accept", str(exc))
            return
        self.reload()
