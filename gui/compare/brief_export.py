"""The comparison brief from the compare window: "Word brief…" asks where to save it, then writes
on a worker thread the brief `clausemark compare OLD NEW --format docx` writes (both versions'
tags, so the tagged paragraphs that changed or were dropped come first).

    button = BriefExport(window).button     # placed by the window beside "Earlier version"
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import refuse_library_files
from clausemark.core.reports import write_compare_brief
from clausemark.gui import ops

TITLE = "Comparison brief"


def _write(lib, alignment, old_id: int, new_id: int, out: str) -> Path:
    """With the worker's own connection: both versions' tags, then the brief."""
    tags = [lib.tags.list(document=i, include_subthemes=False) for i in (old_id, new_id)]
    return write_compare_brief(alignment, out, old_tags=tags[0], new_tags=tags[1],
                               author=lib.author)


def default_name(old_name: str, new_name: str) -> str:
    """"A-RES-80-190 compared with A-RES-78-187.docx" (no slashes in a file name)."""
    return re.sub(r"[\\/:*?\"<>|]+", "-", f"{new_name} compared with {old_name}") + ".docx"


class BriefExport:
    def __init__(self, window):
        self.window = window
        self.last_path: Path | None = None
        self._op = None
        self.button = QPushButton("Word brief…", objectName="saveBriefButton")
        self.button.setToolTip("Save a Word brief of the changes: both versions, a summary, "
                               "tagged paragraphs that changed or were dropped first")
        self.button.clicked.connect(self.save)

    def save(self) -> None:
        w = self.window
        if w.alignment is None:
            QMessageBox.information(w, TITLE, "The versions are still being aligned; try again "
                                              "in a moment.")
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder) / default_name(w.old_doc.display_name, w.new_doc.display_name))
        name, _ = QFileDialog.getSaveFileName(
            w, "Save the comparison brief as", start, "Word documents (*.docx)",
            options=QFileDialog.Option.DontUseNativeDialog)  # as the reports dialog
        if not name:
            return
        if not name.lower().endswith(".docx"):
            name += ".docx"
        try:  # never over the library, its journal files or a backup
            refuse_library_files(name, w.library.path)
        except ClausemarkError as exc:
            QMessageBox.warning(w, "The brief could not be written", str(exc))
            return
        alignment, old_id, new_id = w.alignment, w.old_doc.id, w.new_doc.id
        self.button.setEnabled(False)
        self._op = ops.run_read(w, lambda lib: _write(lib, alignment, old_id, new_id, name),
                                self._done, library_path=w.library.path, on_error=self._failed)

    def _done(self, path) -> None:
        self._op = None
        self.last_path = Path(path)
        self.button.setEnabled(True)
        self.window.statusBar().showMessage(f"Saved {path}", 10000)

    def _failed(self, exc) -> None:
        self._op = None
        self.button.setEnabled(True)
        QMessageBox.warning(self.window, "The brief could not be written", str(exc))
