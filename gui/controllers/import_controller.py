"""Import in the background: files and folders are parsed in worker processes and written by a
pool thread with its own library connection; the GUI shows a cancellable progress dialog and,
at the end, which files failed and why."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from clausemark.core.library import FAILED, IMPORTED, ImportSummary, Library, import_files
from clausemark.gui import workers


def run_import(library_path: str, paths: list[str], progress, cancelled) -> ImportSummary:
    """Runs on a pool thread: its own Library connection, progress per file, cancellable."""
    cancel = threading.Event()
    summary = ImportSummary()
    with Library(library_path) as library:
        for event in import_files(library, paths, cancel=cancel):
            if cancelled():
                cancel.set()
            if event.kind == "file":
                name = event.path.name if event.path else ""
                note = {IMPORTED: "imported", FAILED: "failed"}.get(event.status, "already there")
                progress(event.done, event.total, f"{name}: {note}|{event.document_id or ''}")
            elif event.kind == "start":
                progress(0, event.total, "")
            elif event.kind == "done":
                summary = event.summary
    summary.cancelled = summary.cancelled or cancel.is_set()
    return summary


class ImportController(QObject):
    """Runs one import at a time for a window; `finished` carries the ImportSummary."""
    documentImported = Signal(int)  # as each new document lands (the list can refresh)
    finished = Signal(object)

    def __init__(self, library_path: str, parent: QWidget):
        super().__init__(parent)
        self._library_path = str(library_path)
        self._window = parent
        self._worker: workers.Worker | None = None
        self._dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self._worker is not None

    def start(self, paths) -> bool:
        if self._worker is not None:
            QMessageBox.information(self._window, "Import in progress",
                                    "Another import is still running; wait for it to finish.")
            return False
        paths = [str(Path(p)) for p in paths]
        dialog = self._dialog = QProgressDialog("Looking for PDF files…", "Cancel", 0, 0,
                                                self._window)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle("Importing resolutions")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick imports finish before it appears
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        worker = self._worker = workers.Worker(run_import, self._library_path, paths)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.result.connect(self._on_result)
        worker.signals.error.connect(self._on_error)
        worker.signals.finished.connect(self._on_finished)
        dialog.canceled.connect(worker.cancel)
        workers.start(worker)
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def shut_down(self) -> None:
        """The window is closing: stop the import and let nothing it reports reach the window
        (no summary box after the window has gone)."""
        worker = self._worker
        if worker is None:
            return
        worker.cancel()
        for signal in (worker.signals.progress, worker.signals.result, worker.signals.error):
            try:
                signal.disconnect()
            except (RuntimeError, TypeError):
                pass
        if self._dialog is not None:
            self._dialog.reset()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        message, _, doc_id = text.partition("|")
        if doc_id and "imported" in message:
            self.documentImported.emit(int(doc_id))
        dialog = self._dialog  # setValue() of a modal progress dialog runs the event loop, in
        if dialog is None:     # which the import may finish and drop the dialog
            return
        if message:
            dialog.setLabelText(f"{done} of {total}: {message}")
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)

    def _on_result(self, summary: ImportSummary) -> None:
        if self._dialog is not None:
            self._dialog.reset()
        if summary.failed:
            box = QMessageBox(QMessageBox.Icon.Warning, "Some files were not imported",
                              f"{len(summary.failed)} of "
                              f"{len(summary.failed) + len(summary.imported) + len(summary.present)}"
                              " files could not be imported:", QMessageBox.StandardButton.Ok,
                              self._window)
            box.setObjectName("importFailures")
            box.setInformativeText("\n".join(f"{Path(path).name}: {reason}"
                                             for path, reason in summary.failed[:12])
                                   + ("\n…" if len(summary.failed) > 12 else ""))
            box.setDetailedText("\n".join(f"{path}: {reason}" for path, reason in summary.failed))
            box.exec()
        self.finished.emit(summary)

    def _on_error(self, exc: Exception) -> None:
        if self._dialog is not None:
            self._dialog.reset()
        QMessageBox.critical(self._window, "Import failed", str(exc))
        self.finished.emit(None)

    def _on_finished(self) -> None:
        self._worker = None
        if self._dialog is not None:
            self._dialog.deleteLater()
            self._dialog = None
