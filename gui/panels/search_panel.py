"""Full-text search across the library: a query box, results with highlighted snippets, and a
jump to the paragraph (Enter or double-click on a result)."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QMargins, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from clausemark.core.errors import ClausemarkError
from clausemark.gui.html_delegate import HtmlDelegate
from clausemark.gui.panels.search_filters import SearchFilters

MARK = ("\x02", "\x03")  # search marks: control characters never found in a resolution
HitRole = Qt.ItemDataRole.UserRole


# Words too common to count as hits: found (the search needs them for phrases), not highlighted.
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will",
    "with"))
_MARKED = re.compile(f"{MARK[0]}(.*?){MARK[1]}", re.S)


def without_stop_marks(snippet: str) -> str:
    """The snippet with the marks taken off stop words ("detention [of] children")."""
    return _MARKED.sub(lambda m: m.group(1) if m.group(1).strip().lower() in STOP_WORDS
                       else m.group(0), snippet)


def hit_html(citation: str, snippet: str) -> str:
    text = html.escape(without_stop_marks(snippet)).replace(MARK[0], "<b style='background:#fff2a8'>")
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
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._on_return)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results)

    def _on_return(self) -> None:
        self.run()
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()

    def run(self) -> None:
        self._timer.stop()
        query = self.box.text().strip()
        self.results.clear()
        if not query:
            self.status.setText("")
            return
        try:
            hits = self._library.search.paragraphs(query, limit=200, mark=MARK,
                                                   **self.filters.values())
        except ClausemarkError as exc:
            self.status.setText(str(exc))
            return
        for hit in hits:
            item = QListWidgetItem(hit_html(hit.citation, hit.snippet))
            item.setData(HitRole, (hit.document_id, hit.paragraph))
            item.setToolTip(hit.text)
            self.results.addItem(item)
        narrowed = self.filters.describe()
        where = f" ({narrowed})" if narrowed else ""
        self.status.setText(f"{len(hits)}{'+' if len(hits) == 200 else ''} paragraph(s) "
                            f"match{where}" if hits else f"No paragraph matches{where}.")

    def showEvent(self, event) -> None:
        self.filters.refresh()  # documents and themes as they are now
        super().showEvent(event)

    def _jump(self, item: QListWidgetItem) -> None:
        document_id, paragraph = item.data(HitRole)
        self.jumpRequested.emit(document_id, paragraph)
