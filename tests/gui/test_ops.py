"""The two doors for background work: run_read hands the function a read-only connection of its
own, run_write a writable one; results and errors come back on the GUI thread; a progress
dialog can cancel the work; an error nobody handles is shown in a dialog."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from clausemark.core.library import Library
from clausemark.gui import ops
from tests.core.library_helpers import library_with_document
from tests.gui.conftest import answer_dialog

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def path(tmp_path):
    with library_with_document(tmp_path / "ops.clausemark"):
        pass
    return tmp_path / "ops.clausemark"


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _wait_done(qtbot, results, count=1):
    qtbot.waitUntil(lambda: len(results) >= count, timeout=20000)
    return results[-1]


def test_read_runs_off_the_gui_thread_on_its_own_read_only_connection(qtbot, path, parent):
    gui_thread, results = QThread.currentThread(), []

    def read(lib):
        return (lib.read_only, QThread.currentThread() is gui_thread,
                [d.symbol for d in lib.documents()])

    ops.run_read(parent, read, results.append, library_path=path)
    assert _wait_done(qtbot, results) == (True, False, ["A/RES/78/217"])


def test_write_changes_the_file_and_errors_go_to_on_error(qtbot, path, parent):
    results, errors = [], []
    ops.run_write(parent, lambda lib: lib.themes.add("trafficking").id, results.append,
                  library_path=path)
    _wait_done(qtbot, results)
    with Library(path) as fresh:
        assert "trafficking" in [t.name for t in fresh.themes.list()]
    ops.run_write(parent, lambda lib: lib.themes.add("trafficking"), results.append,
                  library_path=path, on_error=errors.append)  # taken: the library refuses
    assert "already exists" in str(_wait_done(qtbot, errors))
    assert len(results) == 1


def test_an_unhandled_error_is_shown_in_a_dialog(qtbot, parent):
    def fail():
        raise ValueError("the disk is full")

    said = []
    answer_dialog(QMessageBox, lambda box: (said.append((box.windowTitle(), box.text())),
                                            box.accept()))
    ops.run_read(parent, fail, lambda _result: None, error_title="Export")
    qtbot.waitUntil(lambda: bool(said), timeout=20000)
    assert said == [("Export", "the disk is full")]


def test_progress_dialog_reports_and_cancels(qtbot, parent):
    started, errors, steps = threading.Event(), [], []

    def long_work(progress, cancelled):
        started.set()
        done = 0
        while not cancelled():
            done = min(done + 1, 99)
            progress(done, 100, "step", done)
            time.sleep(0.01)
        raise RuntimeError("cancelled")

    def cancel(dialog: QProgressDialog):
        qtbot.waitUntil(lambda: dialog.value() >= 2, timeout=10000)
        assert dialog.labelText().endswith("of 100: step")
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    seen = answer_dialog("longWork", cancel)
    op = ops.run_read(parent, long_work, lambda _r: None,
                      progress=ops.Progress("Working…", name="longWork", after_ms=0),
                      on_progress=lambda *args: steps.append(args[3]), on_error=errors.append)
    qtbot.waitUntil(lambda: not op.running, timeout=20000)
    assert seen and op.cancelled
    assert str(errors[0]) == "cancelled"
    assert steps[:2] == [1, 2]
    assert parent.findChild(QProgressDialog, "longWork") is None or \
        not parent.findChild(QProgressDialog, "longWork").isVisible()
