"""Import in the background: files and folders are parsed in worker processes and written by a
pool thread with its own library connection (gui/ops.py); the GUI shows a cancellable progress
dialog and, at the end, which files failed and why."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from clausemark.core.library import FAILED, IMPORTED, ImportSummary, import_files
from clausemark.gui import ops

PROGRESS = ops.Progress("Looking for PDF files…", title="Importing resolutions",
                        name="importProgress")


def run_import(library, paths: list[str], progress, cancelled) -> ImportSummary:
    """Runs on a pool thread with the library connection ops opened for it: progress per file
    (the new document's id as data), cancellable between files."""
    cancel = threading.Event()
    summary = ImportSummary()
    for event in import_files(library, paths, cancel=cancel):
        if cancelled():
            cancel.set()
        if event.kind == "file":
            name = event.path.name if event.path else ""
            note = {IMPORTED: "imported", FAILED: "failed"}.get(event.status, "already there")
            new = event.document_id if event.status == IMPORTED else None
            progress(event.done, event.total, f"{name}: {note}", new)
        elif event.kind == "start":
            progress(0, event.total)
        elif event.kind == "done":
            summary = event.summary
    summary.cancelled = summary.cancelled or cancel.is_set()
    return summary


class ImportController(QObject):
    """Runs one import at a time for a window; `finished` carries the ImportSummary (None when
    the import failed as a whole)."""
    documentImported = Signal(int)  # as each new document lands (the list can refresh)
    finished = Signal(object)

    def __init__(self, library_path, parent: QWidget):
        super().__init__(parent)
        self._library_path = str(library_path)
        self._parent = parent
        self._op: ops.Op | None = None

    def busy(self) -> bool:
        return self._op is not None

    def start(self, paths) -> bool:
        if self._op is not None:
            QMessageBox.information(self._parent, "Import in progress",
                                    "Another import is still running; wait for it to finish.")
            return False
        paths = [str(Path(p)) for p in paths]
        self._op = ops.run_write(
            self._parent, lambda lib, progress, cancelled: run_import(lib, paths, progress,
                                                                      cancelled),
            self._on_result, library_path=self._library_path, progress=PROGRESS,
            on_progress=self._on_progress, on_error=self._on_error)
        return True

    def cancel(self) -> None:
        if self._op is not None:
            self._op.cancel()

    def shut_down(self) -> None:
        """The window is closing: stop the import, and let nothing it reports reach the window
        (no summary box over a closed window)."""
        op = self._op
        if op is None:
            return
        op.on_done = op.on_error = lambda _value: None
        op.on_progress = None
        op.cancel()

    def _on_progress(self, _done: int, _total: int, _text: str, new_document) -> None:
        if new_document is not None:
            self.documentImported.emit(int(new_document))

    def _on_result(self, summary: ImportSummary) -> None:
        self._op = None
        if summary.failed:
            box = QMessageBox(QMessageBox.Icon.Warning, "Some files were not imported",
                              f"{len(summary.failed)} of "
                              f"{len(summary.failed) + len(summary.imported) + len(summary.present)}"
                              " files could not be imported:", QMessageBox.StandardButton.Ok,
                              self._parent)
            box.setObjectName("importFailures")
            box.setInformativeText("\n".join(f"{Path(path).name}: {reason}"
                                             for path, reason in summary.failed[:12])
                                   + ("\n…" if len(summary.failed) > 12 else ""))
            box.setDetailedText("\n".join(f"{path}: {reason}" for path, reason in summary.failed))
            box.exec()
        self.finished.emit(summary)

    def _on_error(self, exc: Exception) -> None:
        self._op = None
        QMessageBox.critical(self._parent, "Import failed", str(exc))
        self.finished.emit(None)
