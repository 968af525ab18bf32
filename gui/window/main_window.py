"""The main window's behaviour: opening documents, following the selection into the PDF,
tagging keys, import, undo, and remembering the session. Where the widgets sit is
gui/window/window_layout.py; menus and the toolbar (every action, in one place) are
gui/window/main_menus.py. The open document's state lives in a DocumentSession, which the
panels and controllers receive in their constructors."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import file_sha256
from clausemark.gui import ops
from clausemark.gui.controllers.import_controller import ImportController
from clausemark.gui.controllers.suggestion_controller import SuggestionController
from clausemark.gui.panels import series_timeline
from clausemark.gui.panels.paragraph_panel import paragraph_at
from clausemark.gui.window import (
    document_removal,
    language_hook,
    main_menus,
    pane_layout,
    undo_feedback,
    undo_steps,
    window_layout,
    window_state,
)
from clausemark.gui.window.import_offer import ImportOffer
from clausemark.gui.window.reading_places import ReadingPlaces
from clausemark.gui.window.tag_actions import TagActions

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class MainWindow(QMainWindow):
    def __init__(self, library, session, undo_stack, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library, self.session, self.undo_stack = library, session, undo_stack
        self.reading_places = ReadingPlaces(library.path)
        self._new_ids: list[int] = []  # documents the running import brought in
        window_layout.build(self, library, session)
        # The pages follow the tree when a document opens (the controllers below hear it later).
        session.documentOpened.connect(self._show_pages)
        self.importer = ImportController(library.path, self)
        self.tag_actions = TagActions(library, session, undo_stack, self)
        self.suggestions = SuggestionController(library, session, self.paragraphs, self.pdf_view,
                                                undo_stack, self)
        main_menus.build(self)
        language_hook.install(self)  # precedents panel (Ctrl+P), cites / cited by
        self.series_timeline = series_timeline.attach(self, self.paragraphs.layout())
        self._connect()
        self.undo_stack.on_change(self._update_undo_actions)
        self._update_undo_actions()
        self.setWindowTitle(f"Clausemark — {Path(library.path).name}")
        self.setAcceptDrops(True)
        self._saved_state = pane_layout.first_layout(self, self.main_splitter,
                                                     window_state.restore)
        if self._saved_state.get("fit_width") is False and self._saved_state.get("zoom"):
            self.pdf_view.set_zoom(float(self._saved_state["zoom"]))

    def _connect(self) -> None:
        self.session.documentOpened.connect(self._open_at_place)
        self.library_panel.documentChanged.connect(self.open_document)
        self.search_panel.jumpRequested.connect(self.jump_to)
        self.paragraphs.currentParagraphChanged.connect(self._on_paragraph_current)
        self.paragraphs.contextMenuRequested.connect(self._context_menu)
        self.pdf_view.customContextMenuRequested.connect(
            lambda pos: self._context_menu(self.pdf_view.viewport().mapToGlobal(pos)))
        self.pdf_view.paragraphClicked.connect(self._on_pdf_clicked)
        for view in (self.paragraph_tree, self.pdf_view):
            view.installEventFilter(self)  # keys 1-9
        self.theme_panel_box.themeActivated.connect(self.tag_actions.toggle)
        self.note_panel.noteEdited.connect(self.tag_actions.set_note)
        self.tag_actions.actionsChanged.connect(lambda: main_menus.fill_theme_actions(self))
        # The suggestions are brought up to date after every change of the document, its tags
        # or themes: the PDF is tinted then, once, with the tags and the suggestions.
        self.suggestions.changed.connect(self._tint_pdf)
        for source in (self.tag_actions, self.suggestions):
            source.message.connect(self.statusBar().showMessage)
        self.importer.documentImported.connect(self._on_document_imported)
        self.import_offer = ImportOffer(self.jump_to_document)
        self.statusBar().addPermanentWidget(self.import_offer)
        self.importer.finished.connect(self._on_import_finished)
        self.suggestions.reviewingChanged.connect(self.paragraphs.review_banner.setVisible)
        self.paragraphs.review_banner.leaveRequested.connect(
            lambda: self.suggestions.set_reviewing(False))

    def splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "left": self.left_splitter,
                "middle": self.middle_splitter}

    @property
    def document_id(self) -> int | None:
        return self.session.document_id

    # -- documents -----------------------------------------------------------------------------

    def select_document(self, document_id: int) -> bool:
        """Select a document in the library list, which opens it."""
        return self.library_panel.select_document(document_id)

    def jump_to_document(self, document_id: int) -> None:
        if self.select_document(document_id):
            self.paragraph_tree.setFocus()

    def _on_document_imported(self, document_id: int) -> None:
        self._new_ids.append(document_id)
        self.library_panel.refresh_soon()

    def open_document(self, document_id: int | None) -> None:
        self.note_panel.save()  # the note being typed belongs to the document being left
        try:
            self.session.open(document_id)
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Cannot open the document", str(exc))

    def _show_pages(self, _document_id) -> None:
        doc = self.session.document
        if doc is None:
            self.pdf_view.set_pdf(None)
            return
        try:
            self.pdf_view.set_pdf(self.session.pdf)
        except ClausemarkError as exc:  # the tree still works; say why the pages are missing
            QMessageBox.warning(self, "Cannot show the pages",
                                f"{doc.display_name}: {exc}. The paragraphs and tags are intact.")
        self.statusBar().showMessage(f"{doc.display_name} — {doc.paragraph_count} paragraphs, "
                                     f"{doc.pages} pages", 6000)

    def _open_at_place(self, document_id: int | None) -> None:
        """Where the analyst left this document, else its first page and first paragraph
        (after every other listener of the opening, so that all of them hear the selection)."""
        if document_id is None or self.session.resolution is None:
            return
        for bar in (self.pdf_view.verticalScrollBar(), self.pdf_view.horizontalScrollBar()):
            bar.setValue(bar.minimum())  # never the previous document's scroll offset
        wanted = [self.reading_places.place(document_id)]
        wanted += [p.id for p in self.session.resolution.walk()]
        for paragraph_id in wanted:
            if paragraph_id and self.paragraphs.select_paragraph(paragraph_id):
                break

    def _tint_pdf(self) -> None:
        """Solid bars for the tagged themes, outlines for the suggested ones."""
        resolution = self.session.resolution
        if resolution is None:
            return
        tinted = []
        for paragraph_id, chips in self.session.tag_chips().items():
            paragraph = resolution.find(paragraph_id)
            if paragraph is not None:
                tinted.extend((paragraph.boxes, colour, True) for _, colour in chips)
        tinted.extend(self.suggestions.tint_entries(resolution))
        self.pdf_view.set_tints(tinted)

    def jump_to(self, document_id: int, paragraph_id: str) -> None:
        """Open a document (if needed) and select one of its paragraphs."""
        if document_id != self.document_id and not self.select_document(document_id):
            return
        self.paragraphs.show_paragraph(paragraph_id)
        self.paragraph_tree.setFocus()

    # -- paragraphs ----------------------------------------------------------------------------

    def _on_paragraph_current(self, paragraph) -> None:
        if paragraph is not None and self.document_id is not None:
            self.reading_places.remember(self.document_id, paragraph.id)
        self.pdf_view.highlight(paragraph.boxes if paragraph else [],
                                scroll=not self._clicked_in_pdf)
        self._clicked_in_pdf = False

    _clicked_in_pdf = False

    def _on_pdf_clicked(self, page: int, x: float, y: float) -> None:
        resolution = self.session.resolution
        paragraph = paragraph_at(resolution, page, x, y) if resolution is not None else None
        if paragraph is not None:
            self._clicked_in_pdf = True  # the view is where the analyst looks: do not scroll it
            if not self.paragraphs.select_paragraph(paragraph.id):
                self._clicked_in_pdf = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in _DIGITS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.tag_actions.toggle_shortcut(_DIGITS[event.key()])
            return True
        return super().eventFilter(watched, event)

    def _context_menu(self, global_pos) -> None:
        if self.session.selected_ids():
            more = [self.note_action, self.copy_citation_action]
            self.tag_actions.context_menu(self, more).popup(global_pos)

    def remove_document(self) -> bool:
        return document_removal.remove_open_document(self)

    def edit_note(self) -> None:
        self.note_panel.editor.setFocus()

    def copy_citation(self) -> None:
        citations = self.session.citations()
        if citations:
            QGuiApplication.clipboard().setText("; ".join(citations))
            self.statusBar().showMessage(f"Copied: {'; '.join(citations)}", 4000)

    def undo(self) -> None:
        self.note_panel.save()
        self._report_step(undo_steps.step(self, self.undo_stack), redo=False)

    def redo(self) -> None:
        self._report_step(undo_steps.step(self, self.undo_stack, redo=True), redo=True)

    def _report_step(self, command, redo: bool) -> None:
        if command is not None:
            undo_feedback.report(command, self.library, redo=redo, show=self.show_paragraphs,
                                 status=self.statusBar())

    def show_paragraphs(self, document_id: int, paragraph_ids: list[str]) -> None:
        """Open a document (if needed) and select these paragraphs (the first is current)."""
        if not paragraph_ids:
            self.jump_to_document(document_id)
            return
        self.jump_to(document_id, paragraph_ids[0])
        selection = self.paragraph_tree.selectionModel()
        for paragraph_id in paragraph_ids[1:]:
            index = self.paragraph_model.index_of(paragraph_id)
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)

    def _update_undo_actions(self) -> None:
        undo_steps.label_actions(self.undo_stack, self.undo_action, self.redo_action)

    # -- import --------------------------------------------------------------------------------

    def import_paths(self, paths) -> bool:
        """Import files and folders in the background (progress dialog, cancellable)."""
        started = self.importer.start(paths)
        if started:
            self._new_ids = []
        return started

    def _on_import_finished(self, summary) -> None:
        self.library_panel.refresh()
        if summary is None:
            return
        new_ids = list(dict.fromkeys(self._new_ids))
        if self.document_id is None:  # nothing open: open the first document of the import
            first = next(iter(summary.imported + summary.present), None)
            doc_id = new_ids[0] if new_ids else None
            if doc_id is None and first is not None:
                try:
                    doc_id = self.library.document_id_for_sha(file_sha256(first))
                except OSError:
                    doc_id = None
            if doc_id is not None:
                self.select_document(doc_id)
            new_ids = [i for i in new_ids if i != doc_id]
        else:  # the document being read stays open; the new ones are offered
            new_ids = [i for i in new_ids if i != self.document_id]
        names = {d.id: d.display_name for d in self.library.documents()} if new_ids else {}
        self.import_offer.offer([(i, names[i]) for i in new_ids if i in names])
        state = " (cancelled)" if summary.cancelled else ""
        self.statusBar().showMessage(
            f"Import{state}: {len(summary.imported)} imported, {len(summary.present)} already "
            f"in the library, {len(summary.failed)} failed", 10000)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_paths(paths))

    # -- between sessions ----------------------------------------------------------------------

    def restore_last_document(self) -> None:
        symbol = window_state.last_document(self._saved_state, self.library.path)
        docs = self.library.documents()
        doc = next((d for d in docs if symbol and (d.symbol or d.filename) == symbol), None)
        if doc is None and docs:
            self.library_view.selectRow(0)
        elif doc is not None:
            self.select_document(doc.id)

    def closeEvent(self, event) -> None:
        self.note_panel.save()
        self.importer.shut_down()
        # Background work (import, suggestions) stops before the window and its library go;
        # work still busy after the limit is left to finish, its results ignored.
        ops.stop_all()
        doc = self.session.document
        window_state.save(self, self.pdf_view.zoom(), self.pdf_view.is_fit_width(),
                          (doc.symbol or doc.filename) if doc else None)
        self.reading_places.save()
        self.session.stop()
        self.pdf_view.set_pdf(None)
        super().closeEvent(event)
