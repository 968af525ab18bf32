"""Agreed language and the citation web in the main window: the Precedents panel beside the
paragraph tree (Ctrl+P shows it and looks up the selected paragraph, or the words selected in
the paragraph's text under the tree) and the references pane
under the tree (the open document's Cites / Cited by, the selected paragraph with its references
as links). `install(window)` is the one hook the main window calls."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence

from clausemark.gui.panels.precedents_panel import PrecedentsPanel
from clausemark.gui.panels.references_panel import ReferencesPanel


def install(window) -> None:
    window.precedents_panel = panel = PrecedentsPanel(window.library, window)
    panel.hide()
    window.main_splitter.insertWidget(2, panel)  # between the tree and the PDF
    window.references_panel = refs = ReferencesPanel(window.library, window)
    window.middle_splitter.addWidget(refs)

    def room_for_references() -> None:  # a layout saved before this pane existed gives it 0
        splitter = window.middle_splitter
        sizes, at = splitter.sizes(), splitter.indexOf(refs)
        if sizes[at] < 60 and sizes[0] > 400:  # taken from the tree (the first)
            sizes[0], sizes[at] = sizes[0] - 220, 220
            splitter.setSizes(sizes)

    QTimer.singleShot(0, room_for_references)
    QTimer.singleShot(0, panel.start_indexing)  # a library from before the index: once, behind

    current = [None]  # the paragraph with the keyboard focus in the tree

    def on_paragraph(paragraph) -> None:
        current[0] = paragraph
        on_current()

    def on_current(*_args) -> None:
        paragraph = current[0]
        panel.show_paragraph(window.document_id, paragraph.id if paragraph else None)
        refs.show_paragraph(window.document_id, paragraph)

    def on_document(document_id) -> None:
        current[0] = None
        refs.show_document(document_id)
        on_current()

    def toggle() -> None:
        selected = refs.text.textCursor().selectedText().strip()
        if selected:  # words selected in the paragraph's text: their precedents
            panel.show()
            panel.phrase.setText(" ".join(selected.split()))
            panel.look_up_phrase()
            panel.results.setFocus()
            return
        if panel.isVisible() and panel.results.hasFocus():
            panel.hide()
            window.paragraph_tree.setFocus()
            return
        panel.phrase.clear()
        panel.show()
        splitter = window.main_splitter
        sizes, at = splitter.sizes(), splitter.indexOf(panel)
        if sizes[at] < 200 and 0 < at < len(sizes) - 1:  # room taken from both neighbours
            want = 360 - sizes[at]
            after = min(max(sizes[at + 1] - 300, 0), want // 2 + want % 2)
            sizes[at - 1] -= want - after
            sizes[at + 1] -= after
            sizes[at] = 360
            splitter.setSizes(sizes)
        on_current()
        panel.results.setFocus()

    def missing(symbol: str) -> None:
        window.statusBar().showMessage(f"{symbol} is not in the library: import its PDF to "
                                       "open it here", 8000)

    window.paragraphs.currentParagraphChanged.connect(on_paragraph)
    window.session.documentOpened.connect(on_document)
    panel.jumpRequested.connect(window.jump_to)
    panel.indexed.connect(lambda: (refs.show_document(window.document_id), on_current()))
    refs.documentRequested.connect(window.select_document)
    refs.missingRequested.connect(missing)
    window.precedents_action = action = QAction("&Precedents of the paragraph", window)
    action.setObjectName("precedentsAction")
    action.setShortcut(QKeySequence("Ctrl+P"))
    action.setStatusTip("Where the selected paragraph's wording was agreed before (Ctrl+P)")
    action.triggered.connect(toggle)
    window.addAction(action)
    menu = next((a.menu() for a in window.menuBar().actions()
                 if a.menu() is not None and a.text().replace("&", "") == "Document"), None)
    if menu is not None:
        menu.addAction(action)
