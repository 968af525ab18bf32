"""Table model over Library.documents(): one row per document (symbol, title, date, tags, type).

The date is the adoption date, or for a draft the date it was distributed (its tooltip says
which); the type is what the document says it is ("draft resolution", "amendment", ...)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from clausemark.core.library import DocumentInfo
from clausemark.gui.models.model_headers import header_title

_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    HEADERS = ("Symbol", "Title", "Date", "Tags", "Type")
    DATE, TAGS, TYPE = 2, 3, 4
    DocumentIdRole = Qt.ItemDataRole.UserRole

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self._library = library
        self._docs: list[DocumentInfo] = []
        self.refresh()

    def refresh(self) -> None:
        """Re-read the documents. New ones are inserted as rows and changed ones updated in
        place (selection and scroll stay, and an import's documents arriving one by one cost a
        row each, not a re-read of the whole view); a removal resets the list. The rows keep
        the order they arrived in: the view sorts them."""
        docs = list(self._library.documents())
        by_id = {d.id: d for d in docs}
        if any(d.id not in by_id for d in self._docs):
            self.beginResetModel()
            self._docs = docs
            self.endResetModel()
            return
        known = {d.id for d in self._docs}
        self._docs = [by_id[d.id] for d in self._docs]
        if self._docs:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._docs) - 1, len(self.HEADERS) - 1))
        added = [d for d in docs if d.id not in known]
        if added:
            self.beginInsertRows(QModelIndex(), len(self._docs), len(self._docs) + len(added) - 1)
            self._docs.extend(added)
            self.endInsertRows()

    def texts(self, column: int) -> list[str]:
        """What a column shows, row by row (to size it without asking every cell)."""
        return [str(self.data(self.index(row, column)) or "") for row in range(len(self._docs))]

    def document(self, row: int) -> DocumentInfo:
        return self._docs[row]

    def row_of(self, document_id: int) -> int:
        return next((i for i, d in enumerate(self._docs) if d.id == document_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return header_title(self.HEADERS, section, orientation, role)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (doc.symbol or doc.filename or "", doc.title or "", doc.date or "",
                    doc.tag_count, doc.document_type or "")[col]
        when = (f"Adopted {doc.adopted}" if doc.adopted else f"Distributed {doc.date} (draft)"
                ) if doc.date else ""
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1):
            # (on a narrow list the date and type columns give way: the tooltip says them)
            about = ", ".join(x for x in (doc.document_type, when) if x)
            return "\n".join(x for x in (doc.title, about) if x) or None
        if role == Qt.ItemDataRole.ToolTipRole and col == self.DATE and when:
            return when
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TYPE and doc.committee:
            return doc.committee
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.TAGS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.DocumentIdRole:
            return doc.id
        return None
