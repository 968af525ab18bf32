"""The citation web in the document pane (`referencesView`): the documents the open document
cites and those in the library that cite it ("Cites", "Cited by"; a click opens one; a document
the library does not hold is greyed, with its symbol, so the analyst knows what to fetch), and
the selected paragraph's text with its references as links (`paragraphLinks`)."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.errors import ClausemarkError

DocRole = Qt.ItemDataRole.UserRole
MISSING = QColor("#8a8a8a")
REST_MS = 120  # the selection rests this long before its references are read


def linked_html(text: str, links) -> str:
    """The paragraph text with each reference a link: doc:ID when the library holds it, else
    a greyed missing:SYMBOL link whose tooltip says to fetch it."""
    out, at = [], 0
    for link in links:
        if link.start < at:
            continue
        out.append(html.escape(text[at:link.start]))
        words = html.escape(text[link.start:link.end])
        if link.document_id is not None:
            out.append(f"<a href='doc:{link.document_id}' title='{html.escape(link.symbol)}'>"
                       f"{words}</a>")
        else:
            out.append(f"<a href='missing:{html.escape(link.symbol)}' style='color:#8a8a8a' "
                       f"title='{html.escape(link.symbol)}: not in the library'>{words}</a>")
        at = link.end
    out.append(html.escape(text[at:]))
    return "".join(out)


class ReferencesPanel(QWidget):
    documentRequested = Signal(int)
    missingRequested = Signal(str)  # the symbol of a document the library does not hold

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("referencesView")
        self._library = library
        self.text = QTextBrowser(objectName="paragraphLinks")
        self.text.setOpenLinks(False)
        self.text.setPlaceholderText("The selected paragraph, with its references as links")
        self.text.anchorClicked.connect(self._on_link)
        self.cites = QListWidget(objectName="citesList")
        self.cited_by = QListWidget(objectName="citedByList")
        for view in (self.cites, self.cited_by):
            view.itemClicked.connect(self._on_item)
            view.itemActivated.connect(self._on_item)
        lists = QHBoxLayout()
        for title, view in (("Cites", self.cites), ("Cited by", self.cited_by)):
            column = QVBoxLayout()
            label = QLabel(f"<b>{title}</b>")
            column.addWidget(label)
            column.addWidget(view)
            lists.addLayout(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 2)
        layout.addLayout(lists, 3)
        # Read once the cursor rests (as the Precedents panel does): holding Down through a
        # resolution, or opening documents one after another, queries the last one only.
        self._document: int | None = None
        self._document_shown = True
        self._paragraph: tuple[int, object] | None = None
        self._rest = QTimer(self, singleShot=True, interval=REST_MS)
        self._rest.timeout.connect(self._show_resting)

    def show_document(self, document_id: int | None) -> None:
        """Follow the open document (its Cites / Cited by are read once the cursor rests)."""
        self.cites.clear()
        self.cited_by.clear()
        self.text.clear()
        self._document, self._document_shown, self._paragraph = document_id, False, None
        self._rest.start()

    def show_paragraph(self, document_id: int | None, paragraph) -> None:
        """Follow the selected paragraph (its text and links are read once the cursor rests)."""
        self._paragraph = None if document_id is None or paragraph is None \
            else (document_id, paragraph)
        if self._paragraph is None:
            self.text.clear()
        self._rest.start()

    def _show_resting(self) -> None:
        if not self._document_shown:
            self._document_shown = True
            self._fill_lists(self._document)
        if self._paragraph is not None:
            self._show_paragraph_now(*self._paragraph)

    def _fill_lists(self, document_id: int | None) -> None:
        if document_id is None:
            return
        try:
            refs = self._library.references.of_document(document_id, build=False)
        except ClausemarkError:
            return
        for c in refs.cites:
            item = QListWidgetItem(f"{c.symbol}  ({', '.join(c.where)})")
            item.setData(DocRole, c.document_id)
            if c.document_id is None:
                item.setForeground(QBrush(MISSING))
                item.setToolTip(f"{c.symbol} is not in the library: import it to open it here")
            else:
                item.setToolTip(f"Open {c.symbol}")
            self.cites.addItem(item)
        for c in refs.cited_by:
            item = QListWidgetItem(f"{c.symbol}  ({', '.join(c.where)})")
            item.setData(DocRole, c.document_id)
            item.setToolTip(f"Open {c.symbol}")
            self.cited_by.addItem(item)

    def _show_paragraph_now(self, document_id: int, paragraph) -> None:
        try:
            links = self._library.references.links(document_id, paragraph.id, build=False)
        except ClausemarkError:
            links = []
        self.text.setHtml(f"<b>{html.escape(paragraph.label)}</b> "
                          + linked_html(paragraph.text or "", links))

    def _on_item(self, item: QListWidgetItem) -> None:
        document_id = item.data(DocRole)
        if document_id is not None:
            self.documentRequested.emit(document_id)
        else:
            self.missingRequested.emit(item.text().split("  (")[0])

    def _on_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("doc:"):
            self.documentRequested.emit(int(target[4:]))
        elif target.startswith("missing:"):
            self.missingRequested.emit(target[8:])
