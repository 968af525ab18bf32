"""The search's filters, as an analyst narrows a search: theme, document, document type, year
and part (PP/OP). Choices come from the library each time the panel is shown; "Any" leaves a
filter off."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

ANY = "Any"


class SearchFilters(QWidget):
    changed = Signal()

    def __init__(self, library, parent=None):
        super().__init__(parent, objectName="searchFilters")
        self._library = library
        self.theme = self._combo("searchThemeFilter", "Only paragraphs tagged with this theme")
        self.document = self._combo("searchDocumentFilter", "Only this document")
        self.doc_type = self._combo("searchTypeFilter", "Only documents of this type")
        self.year = self._combo("searchYearFilter", "Only documents of this year")
        self.part = self._combo("searchPartFilter", "Preambular (PP) or operative (OP) only")
        for text, value in ((ANY, None), ("PP", "PP"), ("OP", "OP")):
            self.part.addItem(text, value)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for row, col, label, combo in ((0, 0, "&Theme:", self.theme), (0, 2, "&Doc:", self.document),
                                       (1, 0, "T&ype:", self.doc_type), (1, 2, "&Year:", self.year),
                                       (2, 0, "&Part:", self.part)):
            text = QLabel(label)
            text.setBuddy(combo)
            grid.addWidget(text, row, col)
            grid.addWidget(combo, row, col + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def _combo(self, name: str, tip: str) -> QComboBox:
        combo = QComboBox(objectName=name, toolTip=tip)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def refresh(self) -> None:
        """Choices from the library as it is now (the current choice kept when still there)."""
        docs = self._library.documents()
        self._fill(self.theme, [(t.name, t.name) for t in self._library.themes.list()
                                if not t.retired])
        self._fill(self.document, [(d.display_name, d.id) for d in docs])
        self._fill(self.doc_type, [(t, t) for t in sorted({d.document_type for d in docs
                                                           if d.document_type})])
        self._fill(self.year, [(str(y), y) for y in sorted({d.year for d in docs if d.year},
                                                           reverse=True)])

    def _fill(self, combo: QComboBox, choices: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(ANY, None)
        for text, value in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def values(self) -> dict:
        """Keyword arguments for lib.search.paragraphs (only the filters that are set)."""
        chosen = {"theme": self.theme.currentData(), "document": self.document.currentData(),
                  "document_type": self.doc_type.currentData(), "year": self.year.currentData(),
                  "part": self.part.currentData()}
        return {key: value for key, value in chosen.items() if value is not None}

    def describe(self) -> str:
        """The filters set, for the status line ("OP, 2024")."""
        return ", ".join(combo.currentText() for combo in (self.theme, self.document,
                                                           self.doc_type, self.year, self.part)
                         if combo.currentData() is not None)
