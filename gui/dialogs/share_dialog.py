"""File > Share tags...: choose which tags to give another analyst (themes, documents, since a
date, with or without the PDFs) and where to write the share file."""
from __future__ import annotations

from PySide6.QtCore import QDate
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
    QPushButton,
    QVBoxLayout,
)

from clausemark.core.team import SHARE_SUFFIX, build_share, write_share
from clausemark.gui.ops import Progress, run_read
from clausemark.gui.panels.check_list import CheckList


def _check_list(name: str, items: list[tuple[str, object]], placeholder: str) -> CheckList:
    widget = CheckList(name, filter_placeholder=placeholder)
    for text, data in items:
        widget.add(text, data, checked=False)
    widget.setMaximumHeight(200)
    return widget


class ShareDialog(QDialog):
    """Nothing ticked means everything: every theme, every document, any date."""

    def __init__(self, library, parent=None):
        super().__init__(parent, objectName="shareDialog")
        self.setWindowTitle("Share tags")
        self.library = library
        self.written = None  # (path, share) once written
        self.op = None  # the background write, while it runs
        themes = [(("    " * t.depth) + t.name, t.name) for t in library.themes.list()]
        docs = [(d.display_name, d.symbol or d.id) for d in library.documents() if d.tag_count]
        self.themes = _check_list("shareThemes", themes, "Filter themes")
        self.documents = _check_list("shareDocuments", docs, "Filter documents")
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
        themes, symbols = self.themes.checked_data(), self.documents.checked_data()
        with_documents = self.with_documents.isChecked()

        def write(lib):  # on a worker: the PDFs can make a share large
            share = build_share(lib, themes=themes, symbols=symbols, since=since,
                                with_documents=with_documents)
            return write_share(share, out), share

        self.share_button.setEnabled(False)
        self.message.setText("Writing the share…")
        self.op = run_read(self, write, self._written, library_path=self.library.path,
                           progress=Progress("Writing the share file…", "Share tags",
                                             "shareProgress"),
                           on_error=self._failed)

    def _written(self, result) -> None:
        self.op = None
        self.written = result
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.op = None
        self.share_button.setEnabled(True)
        self.message.setText(str(exc))
