"""The theme dialog's cue phrases field, as an analyst uses it: type, Enter saves, undo."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui import test_theme_dialog
from tests.gui.test_theme_dialog import click_theme

# fixtures shared with the theme dialog tests
dialog, lib, stray_dialogs = test_theme_dialog.dialog, test_theme_dialog.lib, test_theme_dialog.stray_dialogs


def test_edit_cue_phrases_in_the_theme_dialog(qtbot, dialog, lib):
    click_theme(qtbot, dialog, "remittances")
    old = lib.themes.get("remittances").cues
    assert dialog.cues_edit.text() == "; ".join(old) and "remittance" in old
    qtbot.mouseClick(dialog.cues_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.cues_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.cues_edit, "; diaspora investment ;")
    qtbot.keyClick(dialog.cues_edit, Qt.Key.Key_Return)
    assert lib.themes.get("remittances").cues == old + ("diaspora investment",)
    assert dialog.cues_edit.text().endswith("; diaspora investment")
    dialog.undo_stack.undo()
    assert lib.themes.get("remittances").cues == old
    assert dialog.cues_edit.text() == "; ".join(old)
