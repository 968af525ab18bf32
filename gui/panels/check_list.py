"""A list of checkable items with "All" and "None" buttons and an optional filter box, for
choosing some of many things (themes, documents)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_DATA = Qt.ItemDataRole.UserRole


class CheckList(QWidget):
    changed = Signal()  # an item was checked or unchecked

    def __init__(self, name: str, *, filter_placeholder: str | None = None, parent=None):
        """`name` prefixes the children's objectNames: nameList, nameFilter, nameAll, nameNone."""
        super().__init__(parent)
        self.setObjectName(name)
        self.list = QListWidget(objectName=f"{name}List")
        self.list.setUniformItemSizes(True)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.filter = None
        if filter_placeholder:
            self.filter = QLineEdit(objectName=f"{name}Filter", placeholderText=filter_placeholder,
                                    clearButtonEnabled=True)
            self.filter.textChanged.connect(self._apply_filter)
            box.addWidget(self.filter)
        box.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.all_button = QPushButton("All", objectName=f"{name}All")
        self.none_button = QPushButton("None", objectName=f"{name}None")
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)  # Enter in the dialog means its main button
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        box.addLayout(buttons)

    def add(self, text: str, data, *, checked: bool = True, tooltip: str = "") -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(_DATA, data)
        if tooltip:
            item.setToolTip(tooltip)
        self.list.addItem(item)
        return item

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def checked_data(self) -> list:
        return [item.data(_DATA) for item in self.items()
                if item.checkState() == Qt.CheckState.Checked]

    def all_checked(self) -> bool:
        return all(item.checkState() == Qt.CheckState.Checked for item in self.items())

    def set_all(self, checked: bool) -> None:
        """Check or uncheck every item the filter shows, with one `changed` signal."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.list.blockSignals(True)
        try:
            for item in self.items():
                if not item.isHidden():
                    item.setCheckState(state)
        finally:
            self.list.blockSignals(False)
        self.changed.emit()

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for item in self.items():
            item.setHidden(bool(needle) and needle not in item.text().lower())
