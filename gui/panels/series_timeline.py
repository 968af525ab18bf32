"""The series timeline in the document pane: the open document's versions in the library, oldest
first (drafts, the adopted resolution, previous and next sessions), as a row of small buttons.
Click one to open it; right-click to compare the open document with it (the older one as the
earlier version). The series is found on a worker thread (it reads every text once).

    timeline = attach(window, layout)     # follows the window's DocumentSession
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from clausemark.core.compare import series
from clausemark.gui import ops

REST_MS = 300  # the open document rests this long before its series is looked for


def _series_in_worker(lib, document_id: int):
    return series(lib, document_id)


class SeriesTimeline(QWidget):
    openRequested = Signal(int)             # document id
    compareRequested = Signal(int, int)     # older id, newer id

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("seriesTimeline")
        self.library = library
        self.document_id: int | None = None
        self.entries = []
        self._generation = 0
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(2)
        # The series reads every text on a worker (which competes with the GUI thread for the
        # interpreter): only for a document the analyst stays on, not each one passed through.
        self._rest = QTimer(self, singleShot=True, interval=REST_MS)
        self._rest.timeout.connect(self._look_for_series)
        self.hide()

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self._generation += 1
        if document_id is None:
            self._rest.stop()
            self._fill([])
            return
        self._rest.start()

    def _look_for_series(self) -> None:
        document_id, generation = self.document_id, self._generation
        if document_id is None:
            return
        if self.library.path is None:
            self._found(generation, series(self.library, document_id))
            return
        ops.run_read(self, lambda lib: _series_in_worker(lib, document_id),
                     lambda found: self._found(generation, found),
                     library_path=self.library.path, on_error=lambda _exc: self._fill([]))

    def _found(self, generation: int, found) -> None:
        if generation == self._generation:
            self._fill(found.entries)

    def _fill(self, entries) -> None:
        self.entries = list(entries)
        while self._row.count():
            widget = self._row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons: list[QToolButton] = []
        if len(self.entries) < 2:  # a document alone is no series
            self.hide()
            return
        self._row.addWidget(QLabel("Versions:"))
        for k, entry in enumerate(self.entries):
            if k:
                self._row.addWidget(QLabel("→"))
            doc = entry.document
            button = QToolButton(objectName="seriesEntry")
            button.setText(doc.display_name)
            button.setCheckable(True)
            button.setChecked(entry.relation == "this")
            button.setToolTip(f"{_described(entry)} — {doc.title or ''}\n"
                              "Click to open; right-click to compare with it")
            button.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            button.clicked.connect(lambda _=False, d=doc.id: self._open(d))
            button.customContextMenuRequested.connect(lambda _pos, i=k: self._compare(i))
            self._row.addWidget(button)
            self.buttons.append(button)
        self._row.addStretch(1)
        self.show()

    def _open(self, document_id: int) -> None:
        for button, entry in zip(self.buttons, self.entries):
            button.setChecked(entry.relation == "this")
        if document_id != self.document_id:
            self.openRequested.emit(document_id)

    def _compare(self, index: int) -> None:
        here = next((i for i, e in enumerate(self.entries) if e.relation == "this"), None)
        if here is None or here == index:
            return
        old, new = sorted((index, here))
        self.compareRequested.emit(self.entries[old].document.id, self.entries[new].document.id)


def _described(entry) -> str:
    """"amendment, distributed 2025-11-14"; "resolution, adopted 2023-12-19 (previous
    session)": what the document is (page 1 says) and how it stands to the open one."""
    doc = entry.document
    when = (f"adopted {doc.adopted}" if doc.adopted else
            f"distributed {entry.date}" if entry.date else "no date")
    text = f"{entry.document_type}, {when}"
    if entry.relation not in ("this", entry.document_type):
        text += f" ({entry.relation})"
    return text


def attach(window, layout) -> SeriesTimeline:
    """Add the timeline to the main window's document pane and wire it."""
    from clausemark.gui.compare.compare_view import open_compare_window
    timeline = SeriesTimeline(window.library, window)
    layout.insertWidget(1, timeline)  # under the document's title, over its paragraphs
    session = window.session
    # The session says which document is open, however it was opened (the list, a link, the
    # undo of a removal, the open document removed) and when the documents themselves change.
    session.documentOpened.connect(timeline.show_document)
    session.documentListChanged.connect(
        lambda: timeline.document_id is not None and timeline.show_document(timeline.document_id))
    timeline.openRequested.connect(window.select_document)

    def compare(old: int, new: int) -> None:
        window.compare_window = open_compare_window(
            window.library.path, new, old, window, library=window.library,
            undo_stack=window.undo_stack)

    timeline.compareRequested.connect(compare)
    return timeline
