"""Background work by composition: a QRunnable holding a signals QObject, run on QThreadPool.

The function runs on a pool thread. It must open its own Library (SQLite connections are not
shared between threads). If it accepts `progress` and `cancelled` keyword arguments, it gets a
callback `progress(done, total, text)` and a callable `cancelled() -> bool`. The result or the
error comes back on the GUI thread through the signals."""
from __future__ import annotations

import inspect
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class WorkerSignals(QObject):
    progress = Signal(int, int, str)  # done, total, text
    result = Signal(object)
    error = Signal(object)  # the exception
    finished = Signal()


class Worker(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args, **kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the owner keeps it (and its signals) alive until finished
        params = inspect.signature(fn).parameters
        if "progress" in params:
            self.kwargs["progress"] = self._progress
        if "cancelled" in params:
            self.kwargs["cancelled"] = self._cancel.is_set

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(done, total, text)

    def run(self) -> None:
        try:
            value = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # reported to the GUI thread, which shows a dialog
            exc.__traceback_text__ = traceback.format_exc()
            self.signals.error.emit(exc)
        else:
            self.signals.result.emit(value)
        finally:
            self.signals.finished.emit()


_running: set[Worker] = set()


def start(worker: Worker, pool: QThreadPool | None = None) -> Worker:
    """Run `worker` on the pool, keeping a reference until it has finished."""
    _running.add(worker)
    worker.signals.finished.connect(lambda: _running.discard(worker))
    (pool or QThreadPool.globalInstance()).start(worker)
    return worker


def stop_all(timeout_ms: int = 10_000, pool: QThreadPool | None = None) -> bool:
    """Ask every running worker to stop and wait for them (at most `timeout_ms`): called when
    the app closes, so that no job writes to a library or signals a window after it is gone.
    True when all have finished."""
    for worker in list(_running):
        worker.cancel()
    return (pool or QThreadPool.globalInstance()).waitForDone(timeout_ms)
