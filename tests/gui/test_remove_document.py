"""Act as a user removing a document: Delete in the library list asks (counting the tags and
their notes), removes it with its tags, and Ctrl+Z brings both back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from clausemark.core.library.library import Library
from tests.gui.conftest import activate, answer_dialog, import_and_wait

FIRST, SECOND = "gate_A_RES_73_3-EN.pdf", "mp_A_RES_79_217-EN.pdf"


def _press_delete_and_answer(qtbot, window, button):
    texts = []
    answer_dialog(QMessageBox, lambda box: (texts.append(box.text()), box.button(button).click()))
    activate(qtbot, window)  # (a shortcut fires in the active window only)
    window.library_view.setFocus()
    qtbot.keyClick(window.library_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(texts), timeout=5000)
    return texts[0]


def _library(path):
    with Library(path) as lib:
        return ([d.symbol for d in lib.documents()],
                sorted((t.symbol, t.paragraph, t.note) for t in lib.tags.list()))


def test_delete_asks_removes_with_the_tags_and_undo_brings_them_back(qtbot, window, dev_dir,
                                                                      library_file):
    import_and_wait(qtbot, window, [dev_dir / FIRST, dev_dir / SECOND])
    window.select_document(window.library.document_id("A/RES/79/217"))
    qtbot.waitUntil(lambda: window.session.document is not None
                    and window.session.document.symbol == "A/RES/79/217")
    tree = window.paragraph_tree
    for pid in ("OP1", "OP2"):
        window.paragraphs.select_paragraph(pid)
        tree.setFocus()
        qtbot.keyClick(tree, Qt.Key.Key_1)
    window.tag_actions.set_note(window.session.tags_on("OP2")[0].id, "keep")
    before = _library(library_file)
    assert len(before[1]) == 2

    text = _press_delete_and_answer(qtbot, window, QMessageBox.StandardButton.Cancel)
    assert "A/RES/79/217" in text and "its 2 tags (1 with a note)" in text and "Ctrl+Z" in text
    assert _library(library_file) == before  # cancelled: nothing removed

    _press_delete_and_answer(qtbot, window, QMessageBox.StandardButton.Yes)
    assert _library(library_file) == (["A/RES/73/3"], [])
    assert window.session.document.symbol == "A/RES/73/3"  # the next one opens
    assert "Removed A/RES/79/217 and its 2 tags" in window.statusBar().currentMessage()

    activate(qtbot, window)
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _library(library_file)[1] == before[1]
    assert sorted(_library(library_file)[0]) == sorted(before[0])
    assert window.session.document.symbol == "A/RES/79/217"  # open again, in sight
    assert window.statusBar().currentMessage().startswith("Undone: remove A/RES/79/217")
