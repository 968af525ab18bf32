"""The "Key:" choice of the theme dialog: none or 1-9, each key naming the theme that holds it,
so the analyst sees what a key would be taken from before choosing it."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox

from clausemark.core.library import Theme


class ThemeKeyCombo(QComboBox):
    keyChosen = Signal(object)  # 1-9, or None for no key

    def __init__(self, parent=None):
        super().__init__(parent, objectName="themeKeyCombo")
        self.setToolTip("The key 1-9 that tags with this theme; it stays the theme's until "
                        "you change it here")
        self._current: int | None = None
        self.activated.connect(self._on_activated)

    def show_theme(self, themes: list[Theme], theme: Theme | None) -> None:
        holders = {t.shortcut: t for t in themes if t.shortcut}
        self.blockSignals(True)
        self.clear()
        self.addItem("none", None)
        for key in range(1, 10):
            holder = holders.get(key)
            if holder is None or (theme is not None and holder.id == theme.id):
                self.addItem(str(key), key)
            else:
                state = ", retired" if holder.retired else ""
                self.addItem(f"{key} (now {holder.name}{state})", key)
        self._current = theme.shortcut if theme else None
        self.setCurrentIndex(max(0, self.findData(self._current)))
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key != self._current:
            self.keyChosen.emit(key)
