"""Background work through two doors, as Anki's QueryOp and CollectionOp:

    run_read(parent, fn, on_done, library_path=path)    # fn(lib) reads; lib is read-only
    run_write(parent, fn, on_done, library_path=path)   # fn(lib) may change the library

`fn` runs on a QThreadPool thread with a library connection of its own (SQLite connections are
not shared between threads); without `library_path` it gets none (pure computation, or a core
function that opens the file itself). If `fn` accepts `progress` and `cancelled` keyword
arguments it gets `progress(done, total, text="", data=None)` and `cancelled() -> bool`.
`on_done(result)` runs on the GUI thread; an error goes to `on_error(exc)` or, by default, to a
warning dialog. With `progress=Progress(...)` a cancellable progress dialog shows while it runs."""
from __future__ import annotations

import inspect
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from clausemark.core.library import Library


@dataclass(frozen=True)
class Progress:
    """The progress dialog of an operation: its first label, title and objectName."""
    label: str
    title: str = "Clausemark"
    name: str = "progressDialog"
    after_ms: int = 400  # quick work finishes before a dialog would flash up


class _Signals(QObject):
    progress = Signal(int, int, str, object)  # done, total, text, data
    result = Signal(object)
    error = Signal(object)  # the exception
    finished = Signal()


class _Runner(QRunnable):
    def __init__(self, call: Callable[[], Any]):
        super().__init__()
        self.call = call
        self.signals = _Signals()
        self.setAutoDelete(False)  # the Op keeps it (and its signals) until it has finished

    def run(self) -> None:
        try:
            value = self.call()
        except Exception as exc:  # reported on the GUI thread
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.error.emit(exc)
        else:
            self.signals.result.emit(value)
        finally:
            self.signals.finished.emit()


_running: set[Op] = set()  # kept alive until finished, whoever started them


class Op(QObject):
    """One piece of background work: cancel() asks it to stop, `running` says whether it has
    come back yet, `on_progress(done, total, text, data)` hears each progress step."""

    def __init__(self, parent: QWidget | None, fn, on_done, *, library_path, writable: bool,
                 progress: Progress | None, on_progress, on_error, error_title: str):
        super().__init__()  # no Qt parent: the slots below run on the GUI thread (queued)
        self.parent_widget = parent
        self.on_done, self.on_error = on_done, on_error
        self.on_progress, self.error_title = on_progress, error_title
        self.running = True
        self._cancel = threading.Event()
        kwargs = {}
        params = inspect.signature(fn).parameters
        if "progress" in params:
            kwargs["progress"] = self._progress
        if "cancelled" in params:
            kwargs["cancelled"] = self._cancel.is_set

        def call():
            if library_path is None:
                return fn(**kwargs)
            with Library(Path(library_path), create=False, read_only=not writable) as lib:
                return fn(lib, **kwargs)

        self._runner = _Runner(call)
        signals = self._runner.signals
        signals.progress.connect(self._on_progress)
        signals.result.connect(self._on_result)
        signals.error.connect(self._on_error)
        signals.finished.connect(self._on_finished)
        self.dialog = self._progress_dialog(progress) if progress else None

    def start(self) -> Op:
        _running.add(self)
        QThreadPool.globalInstance().start(self._runner)
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, text: str = "", data=None) -> None:
        self._runner.signals.progress.emit(done, total, text, data)

    def _progress_dialog(self, progress: Progress) -> QProgressDialog:
        dialog = QProgressDialog(progress.label, "Cancel", 0, 0, self.parent_widget)
        dialog.setObjectName(progress.name)
        dialog.setWindowTitle(progress.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(progress.after_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        return dialog

    def _alive(self) -> bool:
        return self.parent_widget is None or shiboken6.isValid(self.parent_widget)

    def _on_progress(self, done: int, total: int, text: str, data) -> None:
        if not self._alive():
            return
        if self.on_progress is not None:
            self.on_progress(done, total, text, data)
        # setValue() of a modal progress dialog runs the event loop, in which the work may
        # finish and drop the dialog: read it afresh.
        dialog = self.dialog
        if dialog is not None and not dialog.wasCanceled():
            if text:
                dialog.setLabelText(f"{done} of {total}: {text}")
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            was_active = self.dialog.isVisible() and self.dialog.isActiveWindow()
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            if was_active and self._alive() and self.parent_widget is not None:
                # Not every platform hands the focus back (offscreen, some window managers):
                # without an active window the keys 1-9 and Ctrl+Z would do nothing.
                self.parent_widget.window().activateWindow()
            self.dialog = None

    def _on_result(self, value) -> None:
        self._close_dialog()
        self.running = False
        if self._alive():
            self.on_done(value)

    def _on_error(self, exc: Exception) -> None:
        self._close_dialog()
        self.running = False
        if not self._alive():
            return
        if self.on_error is not None:
            self.on_error(exc)
        else:
            QMessageBox.warning(self.parent_widget, self.error_title,
                                str(exc) or type(exc).__name__)

    def _on_finished(self) -> None:
        self.running = False
        _running.discard(self)


def run_read(parent: QWidget | None, fn: Callable, on_done: Callable[[Any], None], *,
             library_path: str | Path | None = None, progress: Progress | None = None,
             on_progress=None, on_error=None, error_title: str = "Clausemark") -> Op:
    """Run `fn` in the background on a read-only connection of its own (or none)."""
    return Op(parent, fn, on_done, library_path=library_path, writable=False, progress=progress,
              on_progress=on_progress, on_error=on_error, error_title=error_title).start()


def run_write(parent: QWidget | None, fn: Callable, on_done: Callable[[Any], None], *,
              library_path: str | Path, progress: Progress | None = None, on_progress=None,
              on_error=None, error_title: str = "Clausemark") -> Op:
    """Run `fn(lib)` in the background on a writable connection of its own."""
    return Op(parent, fn, on_done, library_path=library_path, writable=True, progress=progress,
              on_progress=on_progress, on_error=on_error, error_title=error_title).start()


def stop_all(timeout_ms: int = 10_000) -> bool:
    """Ask every running piece of work to stop and wait for it (at most `timeout_ms`): when the
    app closes, no job may write to a library or signal a window after it is gone. True when
    all have finished."""
    for op in list(_running):
        op.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
