"""Full-text search across the library: a query box, results with highlighted snippets, a
jump to the paragraph (Enter or double-click on a result), and the results exported through the
reports dialog ("Report the search results…", Ctrl+Shift+R)."""
from __future__ import annotations

import html

from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.errors import ClausemarkError
from clausemark.gui import ops
from clausemark.gui.html_delegate import HtmlDelegate
from clausemark.gui.panels.search_filters import SearchFilters

MARK = ("\x02", "\x03")  # search marks: control characters never found in a resolution
HitRole = Qt.ItemDataRole.UserRole
SHOWN = 200  # results listed; a report takes every paragraph found
REPORTED = 100_000


def hit_html(citation: str, snippet: str) -> str:
    """A result as the list shows it; the core leaves stop words unmarked already. Marked words
    keep dark text: a selected row's white text would vanish on their yellow."""
    text = html.escape(snippet).replace(MARK[0], "<b style='background:#fff2a8; color:#1b1b1b'>")
    text = text.replace(MARK[1], "</b>")
    return f"<div style='color:#1a4d8f'><b>{html.escape(citation)}</b></div><div>{text}</div>"


class SearchPanel(QWidget):
    jumpRequested = Signal(int, str)  # document id, paragraph id

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self._library = library
        self.box = QLineEdit(objectName="searchBox")
        self.box.setPlaceholderText("Search all resolutions (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.filters = SearchFilters(library)
        self.filters.changed.connect(self.run)
        self.results = QListWidget(objectName="searchResults")
        self.results.setItemDelegate(HtmlDelegate(self.results, margins=QMargins(4, 2, 4, 4)))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._jump)
        self.status = QLabel("")
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.report_action = QAction("Report the search results…", self, objectName="searchReportAction",
                                     shortcut=QKeySequence("Ctrl+Shift+R"), enabled=False,
                                     toolTip="Export the paragraphs found as a Word brief, an "
                                             "Excel workbook or a CSV (Ctrl+Shift+R)")
        self.report_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.report_action.triggered.connect(self.report_results)
        self.addAction(self.report_action)
        self.report_action.setIconText("Report…")  # the button's text: the pane is narrow
        self.report_button = QToolButton(objectName="searchReportButton")
        self.report_button.setDefaultAction(self.report_action)
        self.report_dialog = None  # the last one opened (tests answer it)
        self._shown = None  # (query, filters, filters in words) of the results on screen
        self._finding = None  # the search for a report, while it runs on a worker
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(self._on_typed)
        self.box.returnPressed.connect(self._on_return)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.filters)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.report_button)
        layout.addLayout(status_row)
        layout.addWidget(self.results)

    def _on_typed(self, _text: str) -> None:
        self.report_action.setEnabled(False)  # what is on screen no longer matches the box
        self._timer.start()

    def _on_return(self) -> None:
        self.run()
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def run(self) -> None:
        self._timer.stop()
        query = self.box.text().strip()
        self.results.clear()
        self.report_action.setEnabled(False)
        if not query:
            self.status.setText("")
            return
        try:
            hits = self._library.search.paragraphs(query, limit=SHOWN, mark=MARK,
                                                   **self.filters.values())
        except ClausemarkError as exc:
            self.status.setText(str(exc))
            return
        self._shown = (query, dict(self.filters.values()), self.filters.describe())
        self.report_action.setEnabled(bool(hits))
        for hit in hits:
            item = QListWidgetItem(hit_html(hit.citation, hit.snippet))
            item.setData(HitRole, (hit.document_id, hit.paragraph))
            item.setToolTip(hit.text)
            self.results.addItem(item)
        narrowed = self.filters.describe()
        where = f" ({narrowed})" if narrowed else ""
        if not hits:
            self.status.setText(f"No paragraph matches{where}.")
        elif len(hits) == 1:
            self.status.setText(f"1 paragraph matches{where}")
        else:
            more = "+" if len(hits) == SHOWN else ""
            self.status.setText(f"{len(hits)}{more} paragraphs match{where}")

    def report_results(self) -> None:
        """The reports dialog, set to export exactly the paragraphs of the search on screen (all
        of them, also past the SHOWN listed), with the query and filters in its front matter.
        The paragraphs are found on a worker: a broad search of a large library takes a while."""
        if self._shown is None or (self._finding is not None and self._finding.running):
            return
        query, filters, described = self._shown

        def find(lib):
            hits = lib.search.paragraphs(query, limit=REPORTED, **filters)
            return tuple((h.document_id, h.paragraph) for h in hits)

        self._finding = ops.run_read(
            self, find, lambda keys: self._open_report(query, keys, described),
            library_path=self._library.path, on_error=lambda exc: self.status.setText(str(exc)),
            progress=ops.Progress("Finding the paragraphs to report…", "Search report"))

    def _open_report(self, query: str, keys: tuple, described: str) -> None:
        from clausemark.gui.dialogs.reports_dialog import ReportsDialog, SearchResults
        if not keys:
            self.status.setText("Nothing to report: the search finds no paragraph.")
            return
        self.report_dialog = ReportsDialog(self._library.path, self.window(),
                                           search=SearchResults(query, keys, described))
        self.report_dialog.exec()

    def showEvent(self, event) -> None:
        self.filters.refresh()  # documents and themes as they are now
        super().showEvent(event)

    def _jump(self, item: QListWidgetItem) -> None:
        document_id, paragraph = item.data(HitRole)
        self.jumpRequested.emit(document_id, paragraph)
