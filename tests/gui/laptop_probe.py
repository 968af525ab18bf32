"""Run in a child process whose offscreen screen has a laptop's size (see test_laptop_screen.py):
start the app's main window on a library, open every top-level window the analyst can open
(reports, themes, cues, compare, help, shortcuts) and print what each covers as JSON.

    python -m tests.gui.laptop_probe LIBRARY NEW_SYMBOL > geometry.json
"""
from __future__ import annotations

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog


def _rect(r) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _buttons_inside(widget) -> bool:
    """Every visible button of the window lies inside the window's own area."""
    area = widget.rect()
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not widget:
            continue
        top_left = button.mapTo(widget, button.rect().topLeft())
        bottom_right = button.mapTo(widget, button.rect().bottomRight())
        if not (area.contains(top_left) and area.contains(bottom_right)):
            return False
    return True


def columns(view) -> dict:
    """What a list or tree gives its columns: the visible ones' widths, the viewport's width,
    whether it scrolls sideways."""
    from PySide6.QtCore import Qt
    model = view.model()
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    return {"viewport": view.viewport().width(),
            "widths": {model.headerData(c, Qt.Orientation.Horizontal): view.columnWidth(c)
                       for c in shown},
            "scrolls_sideways": view.horizontalScrollBar().maximum() > 0}


def describe(name: str, widget) -> dict:
    QApplication.processEvents()
    return {"name": name, "frame": _rect(widget.frameGeometry()),
            "minimum": [widget.minimumSizeHint().width(), widget.minimumSizeHint().height()],
            "buttons_inside": _buttons_inside(widget), "title": widget.windowTitle()}


def _shown_whole(toolbar, action) -> bool:
    """The action's button is on the toolbar in full, not in its » overflow menu."""
    button = toolbar.widgetForAction(action)
    return bool(button and button.isVisible()
                and toolbar.rect().contains(button.geometry()))


def main(library: str, new_symbol: str) -> int:
    from clausemark.gui.app import build_main_window
    from clausemark.gui.window import main_menus

    app = QApplication.instance() or QApplication([])
    screen = app.primaryScreen().availableGeometry()
    window = build_main_window(library)
    window.show()
    window.restore_last_document()
    app.processEvents()
    found = window.library.documents()
    doc = next(d for d in found if d.symbol == new_symbol)
    window.select_document(doc.id)
    app.processEvents()
    report = {"screen": _rect(screen), "windows": [describe("main", window)],
              "splitter": window.main_splitter.sizes(),
              "pdf_width": window.pdf_view.width(), "window_width": window.width(),
              "tree_scrolls_sideways": window.paragraph_tree.horizontalScrollBar().maximum() > 0,
              "themes_scroll_sideways": window.theme_panel.horizontalScrollBar().isVisible(),
              "theme_buttons": [_shown_whole(window.theme_toolbar, action)
                                for action in window.tag_actions.theme_actions],
              "library_columns": columns(window.library_view),
              "tree_columns": columns(window.paragraph_tree)}

    def probe_dialog(name: str, opener) -> None:
        def look():
            dialogs = [w for w in app.topLevelWidgets()
                       if isinstance(w, QDialog) and w.isVisible()]
            for dialog in dialogs:
                report["windows"].append(describe(name, dialog))
                dialog.reject()
        QTimer.singleShot(300, look)
        QTimer.singleShot(5000, lambda: [w.reject() for w in app.topLevelWidgets()
                                         if isinstance(w, QDialog) and w.isVisible()])
        opener()

    probe_dialog("reports", lambda: main_menus.open_reports(window))
    probe_dialog("themes", lambda: main_menus.edit_themes(window))
    for name in ("help", "shortcuts"):  # windows beside the main one, not modal
        getattr(window, f"{name}_action").trigger()
        app.processEvents()
        dialog = getattr(window, f"{name}_dialog")
        report["windows"].append(describe(name, dialog))
        dialog.close()
    from clausemark.gui.compare.compare_view import open_compare_window
    # (Compare with… asks which earlier version first; the window is opened here directly.)
    compare = open_compare_window(window.library.path, window.document_id, parent=window,
                                  library=window.library, undo_stack=window.undo_stack)
    app.processEvents()
    report["windows"].append(describe("compare", compare))
    compare.close()
    window.close()
    json.dump(report, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
