"""Act as a user on the theme chips of the paragraph tree: A and X answer one suggested theme
(the focused chip, Tab moves on; or the one named), a tag with a note carries a marker, and the
chips keep their colours on a selected row."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QPlainTextEdit

from clausemark.core.library.library import Library
from clausemark.gui.models.paragraph_model import ParagraphModel
from tests.gui.conftest import chips_cell, click_paragraph, open_with_suggestions

MIGRATION = "mp_A_RES_79_217-EN.pdf"








def _answers(path):
    with Library(path) as lib:
        tags = {(t.paragraph, t.theme) for t in lib.tags.list()}
        rejected = {(p, lib.themes.get(t).name) for _, p, t in lib.suggestions.rejected()}
    return tags, rejected


def test_a_and_x_answer_the_focused_chip_only(qtbot, window, dev_dir, library_file):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    click_paragraph(qtbot, tree, "OP15(g)")
    assert chips_cell(tree, "OP15(g)").data() == "children?, detention?"
    qtbot.keyClick(tree, Qt.Key.Key_F8)  # review from the selected clause
    assert window.session.selected_ids() == ["OP15(g)"]
    assert chips_cell(tree, "OP15(g)").data(ParagraphModel.FocusedRole) == "children"
    assert "A accept children" in window.statusBar().currentMessage()
    qtbot.keyClick(tree, Qt.Key.Key_Tab)  # the next suggested theme of the clause
    assert chips_cell(tree, "OP15(g)").data(ParagraphModel.FocusedRole) == "detention"
    assert chips_cell(tree, "OP15(g)").data() == "children?, [detention?]"
    assert "A accept detention" in window.statusBar().currentMessage()
    qtbot.keyClick(tree, Qt.Key.Key_A)  # accepts detention, and only detention
    assert _answers(library_file) == ({("OP15(g)", "detention")}, set())
    assert window.session.selected_ids() == ["OP15(g)"]  # children is still to answer
    assert chips_cell(tree, "OP15(g)").data() == "detention, children?"
    qtbot.keyClick(tree, Qt.Key.Key_X)  # rejects children; on to the next clause
    assert _answers(library_file) == ({("OP15(g)", "detention")}, {("OP15(g)", "children")})
    assert window.session.selected_ids() != ["OP15(g)"]
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    # Each answer was its own step: undo takes back the rejection only.
    window.undo()
    assert _answers(library_file) == ({("OP15(g)", "detention")}, set())
    window.undo()
    assert _answers(library_file) == (set(), set())
    # Outside the review the Suggestions menu answers the first chip; a theme can be named.
    click_paragraph(qtbot, tree, "OP15(g)")
    assert window.suggestions.answer(False, theme="detention")
    assert _answers(library_file) == (set(), {("OP15(g)", "detention")})
    assert chips_cell(tree, "OP15(g)").data() == "children?"
    assert "still suggested: children" in window.statusBar().currentMessage()


def test_a_tag_with_a_note_carries_a_marker(qtbot, window, dev_dir):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    click_paragraph(qtbot, tree, "OP1")
    qtbot.keyClick(tree, Qt.Key.Key_1)
    theme = window.session.theme_for_shortcut(1).name
    chip = chips_cell(tree, "OP1")
    assert chip.data() == theme and chip.data(ParagraphModel.NotedRole) == []
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, "cite in the brief")
    tree.setFocus()  # leaving the editor saves
    qtbot.waitUntil(lambda: chips_cell(tree, "OP1").data() == f"{theme} ✎", timeout=5000)
    chip = chips_cell(tree, "OP1")
    assert chip.data(ParagraphModel.NotedRole) == [theme]
    assert "note: cite in the brief" in chip.data(Qt.ItemDataRole.ToolTipRole)
    window.undo()  # the note goes, and its marker with it
    assert chips_cell(tree, "OP1").data() == theme


def test_chips_keep_their_colours_on_a_selected_row(qtbot, window, dev_dir):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    click_paragraph(qtbot, tree, "OP1")
    qtbot.keyClick(tree, Qt.Key.Key_2)
    colour = QColor(window.session.theme_for_shortcut(2).colour)
    assert window.session.selected_ids() == ["OP1"]  # the row stays selected
    # The selected row draws the same picture (not tinted into the selection colour), at its
    # own size (the tree's icon size leaves room for several chips).
    icon = chips_cell(tree, "OP1").data(Qt.ItemDataRole.DecorationRole)
    room = tree.iconSize()
    one = icon.actualSize(room)
    assert one.height() <= tree.sizeHintForRow(0)
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
        image = icon.pixmap(one, mode).toImage()
        assert image.pixelColor(5, 5).name() == colour.name()
        assert image.pixelColor(0, 5).name() == "#ffffff"  # a white rim on any background
    qtbot.keyClick(tree, Qt.Key.Key_3)  # two chips: twice as wide, not squeezed
    two = chips_cell(tree, "OP1").data(Qt.ItemDataRole.DecorationRole).actualSize(room)
    assert two.width() == 2 * one.width()
    height = tree.visualRect(tree.model().index_of("OP1")).height()
    assert height == tree.visualRect(tree.model().index_of("OP2")).height()  # rows keep height
