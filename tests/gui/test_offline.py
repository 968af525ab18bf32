"""Offline guarantee for the desktop app: building the main window, opening a resolution with its
PDF and tagging it use no network (no web fonts, update checks or online help)."""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from clausemark.gui.app import app_icon, open_window


def test_main_window_opens_renders_and_tags_offline(no_network, qtbot, tmp_path):
    app_icon()
    window = open_window(tmp_path / "offline.clausemark")  # first start: seeds the samples
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.library_view.selectRow(0)
    assert window.pdf_view.page_count() > 0
    window.paragraphs.select_paragraph("PP1")
    QApplication.sendEvent(window.paragraph_tree, QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1"))
    assert [t.paragraph for t in window.library.tags.list()] == ["PP1"]
    window.close()
