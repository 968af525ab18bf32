"""After an import the document being read stays open; the status bar offers the new ones
("Open A/RES/79/217", or a menu when several came in) until the analyst takes or dismisses it."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

MENU_LIMIT = 30  # documents listed in the menu; the library list holds them all


class ImportOffer(QWidget):
    def __init__(self, open_document: Callable[[int], object], parent=None):
        super().__init__(parent, objectName="importOffer")
        self._open_document = open_document
        self.button = QToolButton(objectName="openImportedButton")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.clicked.connect(self._open_first)
        self.close_button = QToolButton(objectName="dismissImportOffer", text="×")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.close_button)
        self._documents: list[tuple[int, str]] = []
        self.hide()

    def offer(self, documents: list[tuple[int, str]]) -> None:
        """`documents`: (id, display name) of the newly imported ones, in import order."""
        self._documents = list(documents)
        if not documents:
            self.hide()
            return
        first = documents[0][1]
        more = len(documents) - 1
        self.button.setText(f"Open {first}" + (f" (+{more} new)" if more else ""))
        self.button.setToolTip("Open the newly imported document" if not more else
                               "Open the first new document; the arrow lists all of them")
        if more:
            menu = QMenu(self.button)
            for document_id, name in documents[:MENU_LIMIT]:
                menu.addAction(name, lambda d=document_id: self._open(d))
            self.button.setMenu(menu)
        else:
            self.button.setMenu(None)
        self.show()

    def documents(self) -> list[tuple[int, str]]:
        return list(self._documents)

    def _open_first(self) -> None:
        if self._documents:
            self._open(self._documents[0][0])

    def _open(self, document_id: int) -> None:
        self._open_document(document_id)
        if len(self._documents) <= 1:
            self.hide()
