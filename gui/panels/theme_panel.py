"""The themes in use, in taxonomy order with their keys and tag counts: Enter or a double-click
tags the selected paragraphs with the theme."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from clausemark.gui.models.theme_model import ThemeModel


class ThemePanel(QWidget):
    themeActivated = Signal(object)  # the Theme

    def __init__(self, library, session, parent=None):
        super().__init__(parent)
        self.model = ThemeModel(library, self)
        view = self.view = QListView(objectName="themePanel")
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A long theme name elides (its tooltip has it whole) rather than scrolling sideways.
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setToolTip("Double-click or Enter: tag the selected paragraphs")
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.activated.connect(self._on_activated)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<b>Themes</b> — keys 1–9 tag the selected paragraphs"))
        box.addWidget(view)
        # Names, order and keys follow the taxonomy; the counts follow the tags.
        session.themesChanged.connect(self.model.reload)
        session.tagsChanged.connect(self.model.reload)

    def _on_activated(self, index) -> None:
        theme_id = index.data(ThemeModel.ThemeIdRole)
        theme = next((t for t in self.model.themes() if t.id == theme_id), None)
        if theme is not None:
            self.themeActivated.emit(theme)
