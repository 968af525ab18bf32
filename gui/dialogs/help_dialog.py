"""Help inside the app, offline: the short guide (F1), every shortcut (Ctrl+/), and the one-screen
orientation shown at first start until the analyst dismisses it for good. The texts live in
resources/guide/ (HTML, read through the resources helper)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import load_settings, save_settings
from clausemark.gui import screen_fit
from clausemark.resources import resource_dir

ORIENTATION_SETTING = "orientation_dismissed"

# Keys that are not QAction shortcuts (handled by the views themselves).
VIEW_KEYS = [
    ("Tag / untag the selected paragraphs with a theme", "1 … 9"),
    ("Select several paragraphs", "Shift+click, Ctrl+click"),
    ("Accept / reject a suggestion (while reviewing)", "A / X"),
    ("Leave the suggestion review", "Esc"),
    ("Open the selected search result", "Enter"),
    ("Zoom the PDF", "Ctrl+wheel"),
]


def guide_html(name: str = "guide.html") -> str:
    try:
        return (resource_dir() / "guide" / name).read_text(encoding="utf-8")
    except OSError:
        return "<p>The guide is missing from this installation.</p>"


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent, objectName="helpDialog")
        self.setWindowTitle("Clausemark guide")
        self.browser = QTextBrowser(objectName="helpText")
        self.browser.setOpenLinks(False)  # offline: no link leaves the app
        self.browser.setHtml(guide_html())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(_close_buttons(self))
        screen_fit.fit_window(self, 640, 680)


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what, keys) for every action with a shortcut, then the keys the views handle."""
    rows: dict[str, str] = {}
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            what = action.text().split("\t")[0].replace("&", "").rstrip("…").strip()
            rows.setdefault(what, ", ".join(keys))
    return sorted(rows.items(), key=lambda r: r[0].lower()) + VIEW_KEYS


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent=None):
        super().__init__(parent, objectName="shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.filter_edit = QLineEdit(objectName="shortcutsFilter",
                                     placeholderText="Type to find a command or a key")
        self.filter_edit.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 2, objectName="shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for what, keys in shortcut_rows(actions):
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.filter_edit.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        layout.addWidget(_close_buttons(self))
        screen_fit.fit_window(self, 560, 620)

    def rows(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text())
                for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.table.rowCount()):
            hay = f"{self.table.item(r, 0).text()} {self.table.item(r, 1).text()}".lower()
            self.table.setRowHidden(r, bool(needle) and needle not in hay)


class OrientationDialog(QDialog):
    """One screen: the three panes, keys 1-9, where reports are. Dismissed for good unless the
    analyst unticks "Do not show this again"."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="orientationDialog")
        self.setWindowTitle("Welcome to Clausemark")
        text = QLabel(guide_html("orientation.html"), objectName="orientationText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.dont_show = QCheckBox("Do not show this again", objectName="orientationDontShow",
                                   checked=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.dont_show)
        layout.addWidget(buttons)
        screen_fit.fit_window(self, 560, self.sizeHint().height())

    def done(self, result: int) -> None:
        if self.dont_show.isChecked():
            set_orientation_dismissed()
        super().done(result)


def orientation_dismissed() -> bool:
    try:
        return bool(load_settings().get(ORIENTATION_SETTING))
    except ClausemarkError:
        return False


def set_orientation_dismissed() -> None:
    try:
        settings = load_settings()
    except ClausemarkError:
        settings = {}
    settings[ORIENTATION_SETTING] = True
    try:
        save_settings(settings)
    except OSError:
        pass


def show_orientation_if_new(parent) -> OrientationDialog | None:
    """At start: the orientation, unless the analyst dismissed it for good (non-blocking)."""
    if orientation_dismissed():
        return None
    dialog = OrientationDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
