"""GUI test helpers: a main window over a fresh library, with one real resolution imported."""
from __future__ import annotations

import time

import pytest

from clausemark.gui.app import build_main_window

SAMPLE = "gate_A_RES_73_3-EN.pdf"


@pytest.fixture(autouse=True)
def _application(qapp):
    """Every GUI test has a QApplication (pixmaps and fonts need one), even when run alone."""
    return qapp


@pytest.fixture
def library_file(tmp_path):
    return tmp_path / "gui.clausemark"


def shown_window(qtbot, path, width=1600, height=1000):
    """The real main window on the library at `path`, shown and exposed (qtbot closes it)."""
    win = build_main_window(path)
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    activate(qtbot, win)
    return win


def activate(qtbot, win, timeout=5000):
    """Make `win` the active window, as a user's click would: shortcuts (Ctrl+Z ...) only fire
    in the active window, and a dialog that was shown (import progress) may have taken it."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=timeout)


@pytest.fixture
def window(qtbot, library_file):
    win = shown_window(qtbot, library_file)
    yield win
    win.close()


@pytest.fixture
def sample_pdf(dev_dir):
    return dev_dir / SAMPLE


DIALOG_LIMIT_S = 30  # a helper waiting for a dialog gives up after this (the test then fails)


def give_up() -> None:
    """A helper's limit has passed: close the modal dialog that is open, if any, so that the
    test fails on its assertions instead of hanging in the dialog's event loop."""
    from PySide6.QtWidgets import QApplication
    widget = QApplication.activeModalWidget()
    if widget is not None:
        widget.close()


def when_shown(wanted, act, limit_s: float = DIALOG_LIMIT_S):
    """Act on the next visible top-level widget that is an instance of `wanted` (a class) or
    carries that objectName (a string), as soon as it shows up, as the user would answer a
    dialog. Returns a list that receives the widget. Stops looking after `limit_s`."""
    deadline = time.monotonic() + limit_s
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    seen = []

    def matches(widget) -> bool:
        return (widget.objectName() == wanted if isinstance(wanted, str)
                else isinstance(widget, wanted))

    def poll():
        found = [w for w in QApplication.topLevelWidgets() if matches(w) and w.isVisible()]
        if found:
            seen.append(found[0])
            act(found[0])
        elif time.monotonic() < deadline:
            QTimer.singleShot(30, poll)
        else:
            give_up()

    QTimer.singleShot(30, poll)
    return seen


def import_and_wait(qtbot, window, paths, timeout=60000):
    """Start an import as the window does and wait until its summary arrives."""
    with qtbot.waitSignal(window.importer.finished, timeout=timeout) as blocker:
        assert window.import_paths([str(p) for p in paths])
    activate(qtbot, window)
    return blocker.args[0]


@pytest.fixture
def imported_window(qtbot, window, sample_pdf):
    """The window after the user imported the sample; it opens the new document."""
    summary = import_and_wait(qtbot, window, [sample_pdf])
    assert len(summary.imported) == 1
    return window
