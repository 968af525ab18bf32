"""GUI test helpers: a main window over a fresh library, with one real resolution imported."""
from __future__ import annotations

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


DIALOG_WAIT_MS = 15000  # a dialog that never comes must fail the test, not hang the run
SETTLE_S = 0.1
_answering: list[dict] = []  # the dialog answerers of the running test


@pytest.fixture(autouse=True)
def _stop_answering_after_the_test():
    """An answerer left waiting must not answer (or close) the next test's dialogs."""
    yield
    for state in _answering:
        state["live"] = False
    _answering.clear()


def answer_dialogs(wanted, acts, *, timeout_ms: int = DIALOG_WAIT_MS) -> list:
    """Answer the next dialogs as the user would: each time a visible top-level widget that is
    an instance of `wanted` (a class) or carries that objectName (a string) shows up, record it
    and let the next of `acts` answer it. Returns the list of the dialogs seen, in order. After
    `timeout_ms` it stops looking and closes such a dialog left open (a modal dialog nobody
    answers would block the run for ever, out of pytest-timeout's reach); the test then fails
    on its own assertions."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    seen: list = []
    pending = list(acts)
    deadline = time.monotonic() + timeout_ms / 1000
    state, waited = {"live": True}, {"dialog": None, "since": 0.0}
    _answering.append(state)

    def matches(widget) -> bool:
        return (widget.objectName() == wanted if isinstance(wanted, str)
                else isinstance(widget, wanted))

    def settled(dialog) -> bool:
        """Answered as a person would: not in the first moment after it shows (a file dialog
        is still reading its folder), and once it is the active window (it takes keys then;
        offscreen, it is asked for; after half a second it is answered anyway)."""
        age = time.monotonic() - waited["since"]
        if age < SETTLE_S:
            return False
        if not dialog.isActiveWindow() and age < SETTLE_S + 0.5:
            dialog.activateWindow()
            return False
        return True

    def poll():
        if not state["live"]:
            return
        modal = QApplication.activeModalWidget()  # the one that has the user's attention first
        candidates = ([modal] if modal is not None else []) + QApplication.topLevelWidgets()
        found = next((w for w in candidates if matches(w) and w.isVisible()
                      and all(w is not s for s in seen)), None)
        if found is not None and found is not waited["dialog"]:
            waited.update(dialog=found, since=time.monotonic())
        if found is not None and not settled(found):
            QTimer.singleShot(20, poll)
        elif found is not None:
            seen.append(found)
            act = pending.pop(0)
            if pending:  # before answering: the answer may open the next dialog and block
                QTimer.singleShot(20, poll)
            act(found)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    def give_up():
        if not state["live"]:
            return
        for widget in QApplication.topLevelWidgets():
            if matches(widget) and widget.isVisible() and widget.isModal():
                widget.close()

    QTimer.singleShot(20, poll)  # (a dialog found at once may not take keys yet)
    QTimer.singleShot(timeout_ms, give_up)
    return seen


def answer_dialog(wanted, act, *, timeout_ms: int = DIALOG_WAIT_MS) -> list:
    """Answer the next dialog that is `wanted` with `act` (see answer_dialogs)."""
    return answer_dialogs(wanted, [act], timeout_ms=timeout_ms)


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


def visible_rows(view, role=None) -> list:
    """What a flat list or table shows in its first column, top to bottom (after sorting and
    filtering), in `role` (default: the text)."""
    from PySide6.QtCore import Qt
    model = view.model()
    role = Qt.ItemDataRole.DisplayRole if role is None else role
    return [model.index(row, 0).data(role) for row in range(model.rowCount())]


def visible_paragraph_ids(tree) -> list[str]:
    """The paragraph ids of the rows a tree shows (rows the tree filter hid are left out)."""
    from PySide6.QtCore import QModelIndex
    model, found = tree.model(), []

    def visit(parent) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if not tree.isRowHidden(row, parent):
                found.append(model.paragraph(index).id)
                visit(index)

    visit(QModelIndex())
    return found


ROOT_DIR = __import__("pathlib").Path(__file__).resolve().parents[2]


def click_paragraph(qtbot, tree, paragraph_id: str):
    """Click a paragraph's row in the tree as the analyst would (scrolled into view first)."""
    index = tree.model().index_of(paragraph_id)
    tree.scrollTo(index)
    from PySide6.QtCore import Qt
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualRect(index).center())
    return index


def open_with_suggestions(qtbot, window, pdf):
    """Import `pdf`, wait until it is open and its suggestions are computed; the tree."""
    from PySide6.QtWidgets import QTreeView
    summary = import_and_wait(qtbot, window, [pdf])
    assert len(summary.imported) == 1
    qtbot.waitUntil(lambda: window.paragraph_model.resolution() is not None)
    # The document opens at once; its suggestions are computed in the background.
    qtbot.waitUntil(lambda: window.suggestions.ready, timeout=20000)
    return window.findChild(QTreeView, "paragraphTree")


def chips_cell(tree, paragraph_id: str):
    """The Themes cell of a paragraph's row (its chips)."""
    from clausemark.gui.models.paragraph_model import ParagraphModel
    return tree.model().index_of(paragraph_id).siblingAtColumn(ParagraphModel.THEMES)
