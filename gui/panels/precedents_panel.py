"""The Precedents panel (`precedentsView`, Ctrl+P): where the selected paragraph's wording (or a
typed phrase) was agreed before. Oldest first, each with its citation, date, similarity and a word
diff against the selected text (insertions underlined in green, deletions struck through in red);
the oldest is marked "first agreed". Double-click or Enter opens the paragraph.

Lookups take milliseconds and run on the GUI thread; indexing the documents of a library made
before the index existed runs once in the background, with its progress shown here."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.errors import ClausemarkError
from clausemark.gui import ops
from clausemark.gui.html_delegate import HtmlDelegate

TargetRole = Qt.ItemDataRole.UserRole
LIMIT = 100


def diff_html(segments) -> str:
    parts = []
    for s in segments:
        text = html.escape(s.text)
        if s.op == "insert":
            parts.append(f"<u style='color:#1e7b34'>{text}</u>")
        elif s.op == "delete":
            parts.append(f"<s style='color:#b03a2e'>{text}</s>")
        else:
            parts.append(text)
    return " ".join(parts)


def precedent_html(p) -> str:
    mark = (" — <b style='color:#8a5a00'>first agreed</b>" if p.first else "") + \
        (" — <i>this paragraph</i>" if p.is_query else "")
    head = (f"<div style='color:#1a4d8f'><b>{html.escape(p.citation)}</b> · "
            f"{html.escape(p.date or 'undated')} · {p.score:.0%}{mark}</div>")
    body = html.escape(p.text) if p.is_query or p.score >= 0.999 else diff_html(p.diff)
    return head + f"<div>{body}</div>"


def _index_library(lib, progress) -> int:
    """On a pool thread, with the worker's own connection."""
    return lib.precedents.ensure_index(lambda done, total: progress(done, total))


class PrecedentsPanel(QWidget):
    jumpRequested = Signal(int, str)  # document id, paragraph id
    indexed = Signal()  # the documents of an older library are now indexed

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("precedentsView")
        self._library = library
        self._paragraph: tuple[int, str] | None = None
        self._worker = None
        self._index_complete = False  # once every document is indexed, it stays so (imports
        # index as they add), so the check is not repeated on every lookup
        self.title = QLabel("<b>Precedents</b> — where this wording was agreed before")
        self.phrase = QLineEdit(objectName="precedentsPhrase")
        self.phrase.setPlaceholderText("Or type a phrase and press Enter")
        self.phrase.setClearButtonEnabled(True)
        self.phrase.returnPressed.connect(self.look_up_phrase)
        self.status = QLabel("", objectName="precedentsStatus")
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.status.setToolTip("Underlined green: words only in that paragraph; struck red: words "
                               "only in the selected text")
        self.results = QListWidget(objectName="precedentsList")
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._jump)
        self.results.itemDoubleClicked.connect(self._jump)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._look_up_paragraph)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.phrase)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    # -- what to look up -------------------------------------------------------------------

    def show_paragraph(self, document_id: int | None, paragraph_id: str | None) -> None:
        """Follow the selected paragraph (looked up once the selection rests)."""
        self._paragraph = (document_id, paragraph_id) if document_id and paragraph_id else None
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._paragraph is not None:
            self._timer.start()

    def _ready(self) -> bool:
        """False while the index of older documents is being built (a lookup follows)."""
        return not self.start_indexing()

    def start_indexing(self) -> bool:
        """Index, in the background, the documents imported before the index existed; True
        while that runs."""
        if self._worker is not None:
            return True
        if self._index_complete:
            return False
        if self._library.read_only or not self._library.precedents.missing():
            self._index_complete = not self._library.read_only
            return False
        self.status.setText("Indexing the library's wording (once)…")
        self._worker = ops.run_write(
            self, _index_library, self._indexed, library_path=self._library.path,
            on_progress=lambda done, total, _text, _data: self.status.setText(
                f"Indexing the library's wording (once): {done}/{total} documents…"),
            on_error=self._index_failed, error_title="Indexing the library's wording")
        return True

    def _index_failed(self, exc) -> None:
        self._worker = None
        self.status.setText(f"Indexing failed: {exc}")

    def _indexed(self, _count=None) -> None:
        self._worker, self._index_complete = None, True
        self.status.setText("")
        self.indexed.emit()
        if not self.isVisible():
            return
        if self.phrase.text().strip():
            self.look_up_phrase()
        else:
            self._look_up_paragraph()

    def _look_up_paragraph(self) -> None:
        if self._paragraph is None:
            self.results.clear()
            self.status.setText("Select a paragraph to see where its wording was agreed before.")
            return
        if not self._ready():
            return
        document_id, paragraph_id = self._paragraph
        try:
            result = self._library.precedents.of_paragraph(document_id, paragraph_id, limit=LIMIT)
        except ClausemarkError as exc:
            self.status.setText(str(exc))
            return
        self._show(result, f"{result.symbol}, {paragraph_id}")

    def look_up_phrase(self) -> None:
        text = self.phrase.text().strip()
        if not text:
            self._look_up_paragraph()
            return
        if not self._ready():
            return
        self._show(self._library.precedents.of_text(text, limit=LIMIT), f"“{text}”")

    def _show(self, result, what: str) -> None:
        self.results.clear()
        for p in result.precedents:
            item = QListWidgetItem(precedent_html(p))
            item.setData(TargetRole, (p.document_id, p.paragraph))
            item.setToolTip(p.text)
            self.results.addItem(item)
        others = sum(not p.is_query for p in result.precedents)
        if not others:
            self.status.setText(f"No other paragraph in the library has the wording of {what}.")
        else:
            first = result.first
            more = (f" (showing the oldest and the closest {len(result.precedents)})"
                    if result.total > len(result.precedents) else "")
            self.status.setText(f"{result.total} paragraphs with this wording{more}; first agreed "
                                f"in {first.citation} ({first.date or 'undated'}).")

    def _jump(self, item: QListWidgetItem) -> None:
        document_id, paragraph = item.data(TargetRole)
        self.jumpRequested.emit(document_id, paragraph)
