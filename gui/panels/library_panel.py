"""The library list: documents with symbol, title, date (adoption, or distribution for a draft),
tag count and type; sortable by any column (symbols in natural order: 78/9 before 78/100) and
filtered as the analyst types. It re-reads the list when the session reports new documents or
tag counts."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from clausemark.core.library import natural_key
from clausemark.gui.models.library_model import LibraryModel
from clausemark.gui.panels.tree_columns import ColumnShares

ONE_MATCH_MS = 350
REFRESH_SOON_MS = 400
CELL_MARGIN = 14  # the cell's text margins and the sort arrow's room, in pixels
# Symbol, date, tags, type: the most of the list's width each may take, and the least; on a
# narrow pane the type gives way first (hidden), then the date (hidden), the symbol (elided);
# the title keeps TITLE_MIN and elides. Each row's tooltip still says the date and the type.
FITTED = (0, LibraryModel.DATE, LibraryModel.TAGS, LibraryModel.TYPE)
MAX_SHARE = (0.4, 0.25, 0.12, 0.3)
MIN_WIDTH = (70, 0, 30, 0)
TITLE_MIN = 90


class LibrarySortProxy(QSortFilterProxyModel):
    """Filters on symbol and title (case-insensitive); sorts symbols naturally, tags as numbers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left, right) -> bool:
        a = left.data(Qt.ItemDataRole.DisplayRole)
        b = right.data(Qt.ItemDataRole.DisplayRole)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return natural_key(str(a or "")) < natural_key(str(b or ""))


class LibraryPanel(QWidget):
    documentChanged = Signal(object)  # document id, or None when nothing is selected

    def __init__(self, library, session, parent=None):
        super().__init__(parent)
        self.model = LibraryModel(library, self)
        self.proxy = LibrarySortProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit(objectName="libraryFilter")
        self.filter_edit.setPlaceholderText("Filter documents by symbol or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        # Narrowed to one document: open it (after a pause in typing, so that the documents
        # met on the way are not all opened); Enter opens the first one listed.
        self._one_match = QTimer(self, singleShot=True, interval=ONE_MATCH_MS)
        self._one_match.timeout.connect(self._open_single_match)
        self.filter_edit.textChanged.connect(lambda _text: self._one_match.start())
        self.filter_edit.returnPressed.connect(self._open_first_listed)

        view = self.view = QTableView(objectName="libraryView")
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(LibraryModel.DATE, Qt.SortOrder.DescendingOrder)  # newest first
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        # The title elides (and the other columns give way) instead of widening the pane.
        self.columns = ColumnShares(view, FITTED, MAX_SHARE, MIN_WIDTH, (3, 1, 0, 2),
                                    TITLE_MIN, [100, 80, 40, 100], whole_or_hidden=(1, 3))
        header.setHighlightSections(False)
        view.selectionModel().currentRowChanged.connect(self._on_current)
        for signal in (self.model.modelReset, self.model.rowsInserted):
            signal.connect(self._fit_columns)
        # Documents arriving during an import refresh the list at most this often.
        self._refresh_later = QTimer(self, singleShot=True, interval=REFRESH_SOON_MS)
        self._refresh_later.timeout.connect(self.refresh)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filter_edit)
        box.addWidget(view)
        self._fit_columns()
        session.documentsChanged.connect(self.refresh)

    def _open_single_match(self) -> None:
        if self.filter_edit.text().strip() and self.proxy.rowCount() == 1:
            self._open_first_listed()

    def _open_first_listed(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        index = self.proxy.index(0, 0)
        if self.view.currentIndex().row() != 0 or not self.view.currentIndex().isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _fit_columns(self, *_args) -> None:
        """The short columns as wide as their longest text (measured from the texts: asking
        the view would ask every cell for every role, on each new document of an import)."""
        metrics, header = self.view.fontMetrics(), self.view.horizontalHeader()
        wanted = []
        for col in FITTED:
            widest = max((metrics.horizontalAdvance(t) for t in self.model.texts(col)), default=0)
            wanted.append(max(widest + CELL_MARGIN, header.sectionSizeFromContents(col).width()))
        self.columns.want(wanted)

    def _on_current(self, current, _previous) -> None:
        self.documentChanged.emit(self.current_document_id())

    def current_document_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, LibraryModel.DocumentIdRole)

    def select_document(self, document_id: int) -> bool:
        row = self.model.row_of(document_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the filter: show everything again
            self.filter_edit.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def refresh_soon(self) -> None:
        """Refresh once the current burst of changes (an import's documents) has settled a
        little: a hundred documents landing cost a few refreshes, not a hundred."""
        if not self._refresh_later.isActive():
            self._refresh_later.start()

    def refresh(self) -> None:
        """Re-read the documents, keeping the current one selected without re-announcing it."""
        self._refresh_later.stop()
        current = self.current_document_id()
        self.blockSignals(True)
        try:
            self.model.refresh()
            if current is not None and self.current_document_id() != current:
                self.select_document(current)
        finally:
            self.blockSignals(False)
