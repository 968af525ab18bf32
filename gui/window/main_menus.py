"""Every action of the main window, its menus and its toolbar, in one place (the slots live in
MainWindow and the controllers). A new command: make its action in build() and add it to a menu
there."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyle, QToolBar

from clausemark.core import __version__
from clausemark.gui.window import team_menu
from clausemark.gui.window.pane_layout import PaneToggle
from clausemark.gui.window.theme_toolbar import ThemeToolbar


def _action(window, text, slot, shortcut=None, icon=None, tip=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(slot)
    return action


def build(window) -> None:
    sp = QStyle.StandardPixmap
    window.import_action = _action(window, "&Import files…", lambda: choose_import(window),
                                   QKeySequence.StandardKey.Open, sp.SP_DialogOpenButton,
                                   "Import resolution PDFs (or drop files and folders here)")
    window.import_folder_action = _action(window, "Import &folder…",
                                          lambda: choose_import(window, folder=True),
                                          "Ctrl+Shift+O", sp.SP_DirOpenIcon)
    window.undo_action = _action(window, "&Undo", window.undo, "Ctrl+Z", sp.SP_ArrowBack)
    window.redo_action = _action(window, "&Redo", window.redo, "Ctrl+Shift+Z", sp.SP_ArrowForward)
    window.note_action = _action(window, "Edit &note", window.edit_note, "Ctrl+E")
    window.copy_citation_action = _action(window, "Copy &citation", window.copy_citation,
                                          "Ctrl+Shift+C")
    window.find_action = _action(window, "&Search the library", lambda: focus_search(window),
                                 QKeySequence.StandardKey.Find)
    pdf = window.pdf_view
    window.zoom_in_action = _action(window, "Zoom &in", pdf.zoom_in, QKeySequence.StandardKey.ZoomIn)
    window.zoom_out_action = _action(window, "Zoom &out", pdf.zoom_out,
                                     QKeySequence.StandardKey.ZoomOut)
    window.fit_width_action = _action(window, "Fit &width", pdf.fit_width, "Ctrl+0")
    window.edit_themes_action = _action(window, "&Edit themes…", lambda: edit_themes(window),
                                        "Ctrl+T")
    window.report_action = _action(window, "Export theme &report…", lambda: open_reports(window),
                                   "Ctrl+R", sp.SP_FileDialogDetailedView,
                                   "CSV or Word report of the tagged clauses")
    window.compare_action = _action(window, "&Compare with…",
                                    lambda: open_compare(window), "Ctrl+K",
                                    sp.SP_FileDialogContentsView,
                                    "Choose an earlier version (proposed ones first), align this "
                                    "resolution with it and carry tags forward")
    window.remove_document_action = _action(
        window, "&Remove from library…", window.remove_document, "Del",
        tip="Remove the open document and its tags from the library (undoable)")
    window.remove_document_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    window.library_view.addAction(window.remove_document_action)  # Delete in the list
    quit_action = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    about = _action(window, "&About Clausemark", lambda: QMessageBox.about(
        window, "About Clausemark",
        f"<b>Clausemark {__version__}</b><p>Read UN resolutions paragraph by paragraph and tag "
        f"clauses by theme. Works offline; your library is<br><tt>{window.library.path}</tt>"))

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([window.import_action, window.import_folder_action])
    window.file_menu = file_menu
    file_menu.addSeparator()
    file_menu.addAction(window.report_action)
    file_menu.addSeparator()
    team_menu.add_actions(window, file_menu)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.note_action, window.copy_citation_action, window.find_action])
    document_menu = bar.addMenu("&Document")
    document_menu.addActions([window.compare_action, window.copy_citation_action])
    document_menu.addSeparator()
    document_menu.addAction(window.remove_document_action)
    view_menu = bar.addMenu("&View")
    view_menu.addActions([window.zoom_in_action, window.zoom_out_action, window.fit_width_action])
    view_menu.addSeparator()
    window.library_pane = PaneToggle(window, window.main_splitter, window.left_splitter,
                                     "Show &library", "F9", "showLibraryAction")
    window.notes_pane = PaneToggle(window, window.middle_splitter, window.note_panel,
                                   "Show &notes", "Shift+F9", "showNotesAction")
    view_menu.addActions([window.library_pane.action, window.notes_pane.action])
    window.themes_menu = bar.addMenu("&Themes")
    suggestions_menu = bar.addMenu("&Suggestions")
    suggestions_menu.setObjectName("suggestionsMenu")
    for action in window.suggestions.menu_actions():
        suggestions_menu.addSeparator() if action is None else suggestions_menu.addAction(action)
    help_menu = bar.addMenu("&Help")
    window.help_action = _action(window, "Clausemark &guide", lambda: open_help(window), "F1")
    window.shortcuts_action = _action(window, "&Keyboard shortcuts",
                                      lambda: open_shortcuts(window), "Ctrl+/")
    welcome = _action(window, "&Welcome screen", lambda: open_orientation(window))
    help_menu.addActions([window.help_action, window.shortcuts_action, welcome])
    help_menu.addSeparator()
    help_menu.addAction(about)

    toolbar = window.toolbar = QToolBar("Main", window, objectName="mainToolbar")
    toolbar.setIconSize(QSize(18, 18))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([window.import_action, window.report_action, window.compare_action])
    toolbar.addSeparator()
    toolbar.addActions([window.undo_action, window.redo_action])
    toolbar.addSeparator()
    toolbar.addActions([window.zoom_out_action, window.zoom_in_action, window.fit_width_action])
    window.addToolBar(toolbar)
    # The theme buttons get a row of their own: on a laptop screen nine of them beside the
    # other buttons would hide some behind the toolbar's » menu.
    window.addToolBarBreak()
    window.theme_toolbar = ThemeToolbar(window)
    window.addToolBar(window.theme_toolbar)
    fill_theme_actions(window)


def fill_theme_actions(window) -> None:
    """The per-theme tagging actions in the Themes menu, the toolbar and the theme panel."""
    menu = window.themes_menu
    menu.clear()
    menu.addActions(window.tag_actions.theme_actions)
    menu.addSeparator()
    menu.addAction(window.edit_themes_action)
    window.theme_toolbar.set_theme_actions(window.tag_actions.theme_actions)
    panel = window.theme_panel
    for action in panel.actions():
        panel.removeAction(action)
    panel.addAction(window.edit_themes_action)


def choose_import(window, folder: bool = False) -> None:
    dialog = QFileDialog(window, "Import a folder of resolutions" if folder
                         else "Import resolutions")
    dialog.setObjectName("importDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # the same on every system
    if folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter("PDF files (*.pdf *.PDF)")
    if dialog.exec() and dialog.selectedFiles():
        window.import_paths(dialog.selectedFiles())


def focus_search(window) -> None:
    window.library_pane.set_shown(True)
    window.left_tabs.setCurrentWidget(window.search_panel)
    window.search_panel.box.setFocus()
    window.search_panel.box.selectAll()


def edit_themes(window) -> None:
    from clausemark.gui.dialogs.theme_dialog import ThemeDialog
    ThemeDialog(window.library, window.undo_stack, window).exec()


def open_reports(window) -> None:
    from clausemark.gui.dialogs.reports_dialog import ReportsDialog
    window.note_panel.save()
    ReportsDialog(window.library.path, window).exec()


def open_compare(window) -> None:
    if window.document_id is None:
        QMessageBox.information(window, "Compare versions",
                                "Open a resolution first: it is compared with the earlier "
                                "version it updates.")
        return
    from clausemark.gui.compare.compare_view import compare_with_chosen
    window.compare_window = compare_with_chosen(
        window, window.library, window.document_id, window.undo_stack) or getattr(
        window, "compare_window", None)


def open_help(window) -> None:
    """The guide beside the window (not modal: the analyst can read it while working)."""
    from clausemark.gui.dialogs.help_dialog import HelpDialog
    _show_beside(window, "help_dialog", lambda: HelpDialog(window))


def open_shortcuts(window) -> None:
    from PySide6.QtGui import QAction

    from clausemark.gui.dialogs.help_dialog import ShortcutsDialog
    _show_beside(window, "shortcuts_dialog",
                 lambda: ShortcutsDialog(window.findChildren(QAction), window))


def _show_beside(window, name: str, make) -> None:
    dialog = getattr(window, name, None)
    if dialog is None:
        dialog = make()
        setattr(window, name, dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()


def open_orientation(window) -> None:
    from clausemark.gui.dialogs.help_dialog import OrientationDialog
    dialog = OrientationDialog(window)
    dialog.dont_show.setChecked(False)  # asked for again: leave the choice as it was
    dialog.exec()
