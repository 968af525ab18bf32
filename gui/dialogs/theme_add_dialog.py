"""The small forms of the theme dialog: the "add a theme" form and the colour picker.

The add form does not write anything itself: it hands its values to `submit`, which pushes an
undoable command; if core refuses (a duplicate name, ...) the form stays open with a warning, so
the analyst can fix the name instead of typing everything again."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import MAX_THEME_NAME, Theme
from clausemark.gui.swatches import swatch


def pick_colour(parent: QWidget, initial: str, title: str) -> str | None:
    """Ask for a colour; '#RRGGBB' or None when cancelled. Qt's own dialog (not the platform's)
    so it looks the same everywhere and tests can answer it like a user."""
    dialog = QColorDialog(QColor(initial), parent, objectName="themeColourDialog")
    dialog.setWindowTitle(title)
    dialog.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.selectedColor().name().upper()


class ColourButton(QPushButton):
    """A button showing a colour swatch and its code; clicking it asks for another colour."""

    def __init__(self, colour: str, title: str, parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self._title = title
        self.set_colour(colour)
        self.clicked.connect(self._choose)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        self._colour = colour.upper()
        self.setIcon(swatch(self._colour))
        self.setText(self._colour)

    def _choose(self) -> None:
        chosen = pick_colour(self, self._colour, self._title)
        if chosen:
            self.set_colour(chosen)


def fill_parent_combo(combo: QComboBox, themes: list[Theme], selected: int | None,
                      exclude: set[int] = frozenset()) -> None:
    """'(top level)' then every theme indented by depth; item data = theme id (None for top)."""
    combo.clear()
    combo.addItem("(top level)", None)
    for theme in themes:
        if theme.id not in exclude:
            combo.addItem(swatch(theme.colour), "    " * theme.depth + theme.name, theme.id)
    combo.setCurrentIndex(max(0, combo.findData(selected)))


class AddThemeDialog(QDialog):
    """Name, colour, parent and description of a new theme."""

    def __init__(self, themes: list[Theme], colour: str,
                 submit: Callable[[str, str, int | None, str], None],
                 parent_theme: int | None = None, parent=None):
        super().__init__(parent, objectName="addThemeDialog")
        self.setWindowTitle("Add a theme")
        self._submit = submit
        self.name_edit = QLineEdit(objectName="themeNameEdit", maxLength=MAX_THEME_NAME,
                                   placeholderText="e.g. family reunification")
        self.colour_button = ColourButton(colour, "Colour of the new theme",
                                          objectName="themeColourButton")
        self.colour_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.colour_button.setAutoDefault(False)  # Enter means "Add", not "pick a colour"
        self.parent_combo = QComboBox(objectName="themeParentCombo")
        fill_parent_combo(self.parent_combo, themes, parent_theme)
        self.description_edit = QLineEdit(objectName="themeDescriptionEdit",
                                          placeholderText="what belongs under this theme")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update_ok)

        form = QFormLayout(self)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Colour:", self.colour_button)
        form.addRow("&Under:", self.parent_combo)
        form.addRow("&Description:", self.description_edit)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.name_edit.text().strip()))

    def accept(self) -> None:
        if not self.name_edit.text().strip():
            return
        try:
            self._submit(self.name_edit.text(), self.colour_button.colour(),
                         self.parent_combo.currentData(), self.description_edit.text().strip())
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Cannot add the theme", str(exc))
            self.name_edit.setFocus()
            self.name_edit.selectAll()
            return
        super().accept()
