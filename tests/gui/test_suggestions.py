"""Act as a user on theme suggestions: hollow chips and outlined tints, A accepts, X rejects (and
the library remembers), undo, and the review mode walking in document order."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from clausemark.core.library.library import Library
from clausemark.gui.models.paragraph_model import ParagraphModel
from tests.gui.conftest import chips_cell, click_paragraph, open_with_suggestions

MIGRATION = "mp_A_RES_79_217-EN.pdf"








def test_suggestions_show_as_hollow_chips_and_outlined_tints(qtbot, window, dev_dir):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    chip = chips_cell(tree, "OP15(p)")
    assert chip.data() == "remittances?"
    [(theme, colour, reason)] = chip.data(ParagraphModel.SuggestedRole)
    assert theme == "remittances" and "“remittances”" in reason
    assert "A accepts" in chip.data(Qt.ItemDataRole.ToolTipRole)
    assert not chip.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert chips_cell(tree, "OP1").data() == ""  # nothing suggested for "Takes note of the report"
    outlines = sum(len(window.paragraph_model.resolution().find(p).boxes) * len(v)
                   for p, v in window.suggestions.suggestions.items())
    assert window.pdf_view.tint_count() == outlines > 0


def test_a_accepts_and_undo_takes_it_back(qtbot, window, dev_dir, library_file):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    click_paragraph(qtbot, tree, "OP15(p)")
    qtbot.keyClick(tree, Qt.Key.Key_A)  # a bare A outside the review does nothing ...
    with Library(library_file) as lib:
        assert lib.tags.list() == []
    assert "press F8" in window.statusBar().currentMessage()
    window.suggestions.accept_action.trigger()  # ... Suggestions > Accept does
    with Library(library_file) as lib:
        assert [(t.paragraph, t.theme) for t in lib.tags.list()] == [("OP15(p)", "remittances")]
    assert chips_cell(tree, "OP15(p)").data() == "remittances"  # solid now, no longer suggested
    # The model retrains in the background on the new tag (too few tags to speak yet).
    qtbot.waitUntil(lambda: window.suggestions.model_ready, timeout=20000)
    assert window.suggestions.model is None
    assert chips_cell(tree, "OP15(g)").data() == "children?, detention?"
    qtbot.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Library(library_file) as lib:
        assert lib.tags.list() == []
    assert chips_cell(tree, "OP15(p)").data() == "remittances?"


def test_x_rejects_and_the_library_remembers(qtbot, window, dev_dir, library_file):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    click_paragraph(qtbot, tree, "OP15(g)")
    assert chips_cell(tree, "OP15(g)").data() == "children?, detention?"
    qtbot.keyClick(tree, Qt.Key.Key_X)  # nothing outside the review
    assert chips_cell(tree, "OP15(g)").data() == "children?, detention?"
    window.suggestions.reject_action.trigger()  # Suggestions > Reject: the first one ...
    assert chips_cell(tree, "OP15(g)").data() == "detention?"
    window.suggestions.reject_action.trigger()  # ... and the other one
    assert chips_cell(tree, "OP15(g)").data() == ""
    with Library(library_file) as lib:
        assert {(p, lib.themes.get(t).name) for _, p, t in lib.suggestions.rejected()} == {
            ("OP15(g)", "children"), ("OP15(g)", "detention")}
        assert lib.tags.list() == []
    # Opening the document again (another session) keeps them rejected.
    window.library_panel.documentChanged.emit(window.document_id)
    qtbot.waitUntil(lambda: window.suggestions.ready, timeout=20000)
    assert chips_cell(tree, "OP15(g)").data() == ""
    assert chips_cell(tree, "OP15(p)").data() == "remittances?"  # the others are back
    window.undo()  # each rejection is one undoable step
    assert chips_cell(tree, "OP15(g)").data() == "detention?"
    window.undo()
    assert chips_cell(tree, "OP15(g)").data() == "children?, detention?"


def test_review_mode_walks_through_suggestions_in_document_order(qtbot, window, dev_dir):
    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    order = window.suggestions.ordered()
    assert len(order) >= 4
    click_paragraph(qtbot, tree, "PP1")
    banner = window.findChild(QWidget, "reviewBanner")
    assert not banner.isVisible()
    qtbot.keyClick(tree, Qt.Key.Key_F8)
    assert window.suggestions.reviewing
    assert banner.isVisible() and "Esc leaves" in banner.label.text()
    assert window.session.selected_ids() == [order[0]]
    assert window.statusBar().currentMessage().startswith(f"Suggestion 1 of {len(order)}")
    found = window.suggestions.suggestions
    for _ in found[order[0]]:  # reject each suggested theme: then on to the next clause
        assert window.session.selected_ids() == [order[0]]
        qtbot.keyClick(tree, Qt.Key.Key_X)
    assert window.session.selected_ids() == [order[1]]
    for _ in list(found[order[1]]):  # accept each: then on to the next one
        qtbot.keyClick(tree, Qt.Key.Key_A)
    assert window.session.selected_ids() == [order[2]]
    assert window.statusBar().currentMessage().startswith(f"Suggestion 1 of {len(order) - 2}")
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert not window.suggestions.reviewing and not banner.isVisible()
    qtbot.keyClick(tree, Qt.Key.Key_F8)  # and again, left with the banner's button
    assert banner.isVisible()
    qtbot.mouseClick(banner.leave, Qt.MouseButton.LeftButton)
    assert not window.suggestions.reviewing and not banner.isVisible()
    window.paragraphs.select_paragraph(order[2])
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # ordinary keys work again
    assert window.session.selected_ids() != [order[2]]


def test_editing_cue_phrases_changes_the_suggestions_and_undoes(qtbot, window, dev_dir,
                                                                library_file):
    from PySide6.QtWidgets import QLineEdit

    from clausemark.gui.dialogs.cue_phrases import text_to_cues

    tree = open_with_suggestions(qtbot, window, dev_dir / MIGRATION)
    assert chips_cell(tree, "PP19").data() == ""  # diaspora investment: not a remittance cue
    window.suggestions.cues_action.trigger()  # Suggestions > Edit theme cue phrases
    dialog = window.findChild(QDialog, "themeDialog")
    qtbot.waitExposed(dialog)
    dialog.edit_cues(window.library.themes.get("remittances").id)
    cues = dialog.findChild(QLineEdit, "themeCuesEdit")
    assert "remittance" in text_to_cues(cues.text())
    qtbot.mouseClick(cues, Qt.MouseButton.LeftButton)
    qtbot.keyClick(cues, Qt.Key.Key_End)
    qtbot.keyClicks(cues, "; diaspora investment")
    qtbot.keyClick(cues, Qt.Key.Key_Return)  # Enter saves
    with Library(library_file) as lib:
        assert lib.themes.get("remittances").cues[-1] == "diaspora investment"
    # Suggestions are recomputed in the background with the new cue.
    qtbot.waitUntil(lambda: chips_cell(tree, "PP19").data() == "remittances?")
    dialog.close()
    window.undo()
    with Library(library_file) as lib:
        assert "diaspora investment" not in lib.themes.get("remittances").cues
    qtbot.waitUntil(lambda: chips_cell(tree, "PP19").data() == "")
