"""Undo in sight: Ctrl+Z and Ctrl+Shift+Z open the document they change, select the paragraph
and say what they did in the status bar; Ctrl+Z in an empty or unchanged note box reaches the
window's undo instead of being swallowed by the box."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from clausemark.core.library.library import Library
from tests.gui.conftest import activate, import_and_wait

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
OTHER = "gate_A_RES_73_6-EN.pdf"



def _tags(path):
    with Library(path) as fresh:
        return sorted((t.symbol, t.paragraph, t.theme, t.note) for t in fresh.tags.list())


def _first_op(window):
    return next(p for p in window.paragraph_model.resolution().walk()
                if p.id.startswith("OP") and p.boxes)


def test_undo_and_redo_open_the_document_select_the_paragraph_and_say_so(
        qtbot, imported_window, dev_dir, library_file):
    window = imported_window
    first_doc = window.document_id
    symbol = window.library.document(first_doc).symbol
    paragraph = _first_op(window)
    window.paragraphs.select_paragraph(paragraph.id)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_2)  # detention
    assert _tags(library_file) == [(symbol, paragraph.id, "detention", "")]

    import_and_wait(qtbot, window, [dev_dir / OTHER])
    other = next(d for d in window.library.documents() if d.id != first_doc)
    window.select_document(other.id)  # the analyst reads another resolution
    window.paragraphs.select_paragraph(next(p.id for p in window.paragraph_model.resolution().walk()))
    activate(qtbot, window)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z, CTRL)
    assert _tags(library_file) == []
    assert window.document_id == first_doc  # the undone change is in sight
    assert window.session.selected_ids() == [paragraph.id]
    assert window.statusBar().currentMessage() == (
        f"Undone: tag detention on {symbol}, {paragraph.label}")
    assert window.library_panel.current_document_id() == first_doc

    window.select_document(other.id)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _tags(library_file) == [(symbol, paragraph.id, "detention", "")]
    assert window.document_id == first_doc
    assert window.session.selected_ids() == [paragraph.id]
    assert window.statusBar().currentMessage().startswith("Redone: tag detention on ")
    # The toolbar's button stays short; the step is in the menu text and the tooltip.
    assert window.undo_action.iconText() == "Undo"
    assert paragraph.label in window.undo_action.toolTip()


def test_ctrl_z_in_an_unchanged_note_box_undoes_the_last_step(qtbot, imported_window,
                                                              library_file):
    window = imported_window
    paragraph = _first_op(window)
    window.paragraphs.select_paragraph(paragraph.id)
    window.paragraph_tree.setFocus()
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_1)
    assert len(_tags(library_file)) == 1
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    assert editor.isEnabled() and editor.toPlainText() == ""
    activate(qtbot, window)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)  # nothing typed: the tag is undone
    assert _tags(library_file) == []
    assert window.statusBar().currentMessage().startswith("Undone: tag children on ")

    # With text typed, Ctrl+Z first undoes the typing in the box, as in any text field.
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Z, CTRL | SHIFT)  # the tag is back
    assert len(_tags(library_file)) == 1
    editor.setFocus()
    qtbot.keyClicks(editor, "keep")
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == ""
    assert len(_tags(library_file)) == 1
