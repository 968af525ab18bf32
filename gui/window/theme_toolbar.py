"""The row of theme buttons (key and name), on a toolbar row of its own. On a narrow screen the
names are elided so that every button stays on the row: a theme hidden behind the toolbar's »
menu is one the analyst cannot reach with the mouse. Each name is whole in the tooltip."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

BUTTON_CHROME = 34  # icon, its gap and the button's padding, in pixels


class ThemeToolbar(QToolBar):
    def __init__(self, parent=None):
        super().__init__("Themes", parent, objectName="themeToolbar")
        self.setIconSize(QSize(14, 14))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._texts: dict[QAction, str] = {}  # each button's whole text

    def set_theme_actions(self, actions: list[QAction]) -> None:
        for action in self._texts:
            self.removeAction(action)
        self._texts = {action: action.iconText() for action in actions}
        self.addActions(actions)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._texts:
            return
        metrics = self.fontMetrics()
        budget = (self.width() - 16) // len(self._texts) - BUTTON_CHROME
        for action, text in self._texts.items():
            fitted = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(budget, 40))
            if action.iconText() != fitted:
                action.setIconText(fitted)
