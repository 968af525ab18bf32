"""Help inside the app, offline: F1 opens the guide, Ctrl+/ lists every shortcut, and a first
start shows a one-screen orientation that can be dismissed for good."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
)

from clausemark.gui.dialogs.help_dialog import OrientationDialog, show_orientation_if_new
from tests.gui.conftest import activate, answer_dialog, shown_window


def test_f1_opens_the_guide_offline(qtbot, window, no_network):
    activate(qtbot, window)
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "helpDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    assert dialog.windowTitle() == "Clausemark guide"
    text = dialog.findChild(QTextBrowser, "helpText").toPlainText()
    for words in ("The three panes", "1-9", "Ctrl+Z", "Export theme report", "F9"):
        assert words in text
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_ctrl_slash_lists_every_shortcut(qtbot, window):
    activate(qtbot, window)
    qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "shortcutsDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    table = dict(dialog.rows())
    assert table["Export theme report"] == "Ctrl+R"
    assert table["Clausemark guide"] == "F1"
    assert table["Show library"] == "F9"
    assert table["Tag / untag the selected paragraphs with a theme"] == "1 … 9"
    assert "Ctrl+Z" in table.values()
    qtbot.keyClicks(dialog.findChild(QLineEdit, "shortcutsFilter"), "report")
    assert dialog.rows() == [("Export theme report", "Ctrl+R"),
                             ("Report the search results", "Ctrl+Shift+R")]
    dialog.reject()


def test_first_start_orientation_is_dismissed_for_good(qtbot, library_file):
    window = shown_window(qtbot, library_file)
    seen = []

    def start(dialog):
        text = dialog.findChild(QLabel, "orientationText").text()
        seen.append((text, dialog.findChild(QCheckBox, "orientationDontShow").isChecked()))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog("orientationDialog", start)
    assert isinstance(show_orientation_if_new(window), OrientationDialog)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    text, dont_show = seen[0]
    for words in ("library", "paragraphs", "PDF", "1-9", "Export theme report"):
        assert words in text
    assert dont_show  # dismissed for good by default
    window.close()
    again = shown_window(qtbot, library_file)  # the next start: no orientation
    assert show_orientation_if_new(again) is None
    again.close()


def test_unticked_the_orientation_comes_back_next_time(qtbot, window):
    dialog = show_orientation_if_new(window)
    dialog.findChild(QCheckBox, "orientationDontShow").setChecked(False)
    dialog.accept()
    later = show_orientation_if_new(window)
    assert later is not None
    later.accept()  # ticked by default: now it is gone for good
    assert show_orientation_if_new(window) is None
