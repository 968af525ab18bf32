"""File > Share tags...: choose which tags to give another analyst (themes, documents, since a
date, with or without the PDFs) and where to write the share file."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from clausemark.core.errors import ClausemarkError
from clausemark.core.team import SHARE_SUFFIX, build_share, write_share


def _checklist(name: str, items: list[tuple[str, object]]) -> QListWidget:
    widget = QListWidget(objectName=name)
    for text, data in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, data)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(140)
    return widget


def _checked(widget: QListWidget) -> list:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class ShareDialog(QDialog):
    """Nothing ticked means everything: every theme, every document, any date."""

    def __init__(self, library, parent=None):
        super().__init__(parent, objectName="shareDialog")
        self.setWindowTitle("Share tags")
        self.library = library
        self.written = None  # (path, share) once written
        themes = [(("    " * t.depth) + t.name, t.name) for t in library.themes.list()]
        docs = [(d.display_name, d.symbol or d.id) for d in library.documents() if d.tag_count]
        self.themes = _checklist("shareThemes", themes)
        self.documents = _checklist("shareDocuments", docs)
        self.since = QCheckBox("Only tags made or changed since", objectName="shareSince")
        self.since_date = QDateEdit(QDate.currentDate().addMonths(-1), objectName="shareSinceDate")
        self.since_date.setCalendarPopup(True)
        self.since_date.setDisplayFormat("yyyy-MM-dd")
        self.with_documents = QCheckBox("Include the PDFs (the receiver can import documents "
                                        "they lack)", objectName="shareWithDocuments")
        name = f"{library.author} tags{SHARE_SUFFIX}".replace(" ", "-")
        self.file_edit = QLineEdit(str(library.path.parent / name), objectName="shareFile")
        browse = QPushButton("Browse…", objectName="shareBrowse")
        browse.clicked.connect(self._browse)
        self.message = QLabel(objectName="shareMessage")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Themes (none ticked: all)", self.themes)
        form.addRow("Documents (none ticked: all)", self.documents)
        since_row = QHBoxLayout()
        since_row.addWidget(self.since)
        since_row.addWidget(self.since_date)
        form.addRow(since_row)
        form.addRow(self.with_documents)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit)
        file_row.addWidget(browse)
        form.addRow("Share file", file_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.share_button = buttons.addButton("Share", QDialogButtonBox.ButtonRole.AcceptRole)
        self.share_button.setObjectName("shareButton")
        buttons.accepted.connect(self.share)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Share file", self.file_edit.text(),
                                              f"Clausemark share (*{SHARE_SUFFIX})",
                                              options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.file_edit.setText(path)

    def share(self) -> None:
        out = self.file_edit.text().strip()
        if not out:
            self.message.setText("Choose where to write the share file.")
            return
        if not out.endswith(SHARE_SUFFIX):
            out += SHARE_SUFFIX
        since = self.since_date.date().toString("yyyy-MM-dd") if self.since.isChecked() else None
        try:
            share = build_share(self.library, themes=_checked(self.themes),
                                symbols=_checked(self.documents), since=since,
                                with_documents=self.with_documents.isChecked())
            path = write_share(share, out)
        except ClausemarkError as exc:
            self.message.setText(str(exc))
            return
        self.written = (path, share)
        self.accept()
