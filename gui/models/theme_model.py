"""List model over the library's themes (taxonomy order), with colour swatches and shortcuts."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from clausemark.core.library import Theme

_Index = QModelIndex | QPersistentModelIndex


class ThemeModel(QAbstractListModel):
    ThemeIdRole = Qt.ItemDataRole.UserRole

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self._library = library
        self._themes: list[Theme] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._themes = list(self._library.themes.list(include_retired=False))
        self.endResetModel()

    def themes(self) -> list[Theme]:
        return list(self._themes)

    def theme_for_shortcut(self, key: int) -> Theme | None:
        return next((t for t in self._themes if t.shortcut == key), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._themes)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._themes):
            return None
        theme = self._themes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = f"{theme.shortcut}  " if theme.shortcut else "    "
            return f"{key}{'   ' * theme.depth}{theme.name}  ({theme.tag_count})"
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(theme.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return theme.description or theme.name
        if role == self.ThemeIdRole:
            return theme.id
        return None
