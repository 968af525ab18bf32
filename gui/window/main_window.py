"""The main window: library and search on the left, the paragraph tree with its notes in the
middle, the PDF on the right; wired to one Library.

Layout is built in `_build_*` (and gui/window/main_menus.py); behaviour lives in the slots. Slow work
(import) runs in the background; tagging, notes and theme edits go through the undo stack."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import Change, DocumentsChanged, TagsChanged, ThemesChanged, UndoStack
from clausemark.gui.controllers.import_controller import ImportController
from clausemark.gui.controllers.suggestion_controller import SuggestionController
from clausemark.gui.models.paragraph_filter import TreeFilter
from clausemark.gui.models.paragraph_model import ParagraphModel
from clausemark.gui.models.theme_model import ThemeModel
from clausemark.gui.panels import series_timeline
from clausemark.gui.panels.library_panel import LibraryPanel
from clausemark.gui.panels.note_panel import NotePanel
from clausemark.gui.panels.search_panel import SearchPanel
from clausemark.gui.pdf.pdf_view import PdfView
from clausemark.gui.window import main_menus, undo_steps, window_state
from clausemark.gui.window.tag_actions import TagActions

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class MainWindow(QMainWindow):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.library = library
        self.undo_stack = UndoStack(library)
        self.document_id: int | None = None
        self.theme_model = ThemeModel(library, self)
        self.paragraph_model = ParagraphModel(self)
        self.importer = ImportController(str(library.path), self)
        self._build_views()
        self.tag_actions = TagActions(self)
        main_menus.build(self)
        self._connect()
        # The window hears library changes first (it resets the theme colours the suggestion
        # controller then reads).
        self._unsubscribe = library.subscribe(self._on_library_changed)
        self.suggestions = SuggestionController(self)
        self.undo_stack.on_change(self._update_undo_actions)
        self._update_undo_actions()
        self.setWindowTitle(f"Clausemark — {Path(library.path).name}")
        self.setAcceptDrops(True)
        self.resize(1600, 1000)
        self._saved_state = window_state.restore(self)
        if self._saved_state.get("fit_width") is False and self._saved_state.get("zoom"):
            self.pdf_view.set_zoom(float(self._saved_state["zoom"]))

    # -- layout --------------------------------------------------------------------------------

    def _build_views(self) -> None:
        self.library_panel = LibraryPanel(self.library, self)
        self.library_view = self.library_panel.view
        self.library_model = self.library_panel.model
        self.search_panel = SearchPanel(self.library, self)

        self.left_tabs = QTabWidget(objectName="leftTabs")
        self.left_tabs.addTab(self.library_panel, "Library")
        self.left_tabs.addTab(self.search_panel, "Search")

        self.theme_panel = QListView(objectName="themePanel")
        self.theme_panel.setModel(self.theme_model)
        self.theme_panel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.theme_panel.setToolTip("Double-click or Enter: tag the selected paragraphs")
        self.theme_panel.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        themes_box = QWidget()
        themes_layout = QVBoxLayout(themes_box)
        themes_layout.setContentsMargins(0, 0, 0, 0)
        themes_layout.addWidget(QLabel("<b>Themes</b> — keys 1–9 tag the selected paragraphs"))
        themes_layout.addWidget(self.theme_panel)

        self.left_splitter = QSplitter(Qt.Orientation.Vertical, objectName="leftSplitter")
        self.left_splitter.addWidget(self.left_tabs)
        self.left_splitter.addWidget(themes_box)
        self.left_splitter.setSizes([640, 260])

        self.paragraph_tree = QTreeView(objectName="paragraphTree")
        self.paragraph_tree.setModel(self.paragraph_model)
        self.paragraph_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.paragraph_tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.paragraph_tree.setUniformRowHeights(True)
        self.paragraph_tree.setAlternatingRowColors(True)
        self.paragraph_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.paragraph_tree.installEventFilter(self)
        self.tree_filter = TreeFilter(self.paragraph_tree, self.paragraph_model)
        self.filter_combo = QComboBox(objectName="treeFilter")
        self.filter_combo.setToolTip("Show all paragraphs, the untagged ones, or one theme's")
        self.note_panel = NotePanel(self)

        tree_top = QHBoxLayout()
        self.document_label = QLabel("", objectName="documentTitle")
        self.document_label.setWordWrap(True)
        tree_top.addWidget(self.document_label, 1)
        tree_top.addWidget(QLabel("Show:"))
        tree_top.addWidget(self.filter_combo)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(tree_top)
        self.series_timeline = series_timeline.attach(self, middle_layout)
        self.middle_splitter = QSplitter(Qt.Orientation.Vertical, objectName="middleSplitter")
        self.middle_splitter.addWidget(self.paragraph_tree)
        self.middle_splitter.addWidget(self.note_panel)
        self.middle_splitter.setSizes([760, 160])
        middle_layout.addWidget(self.middle_splitter)

        self.pdf_view = PdfView()
        self.pdf_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.pdf_view.installEventFilter(self)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(middle)
        self.main_splitter.addWidget(self.pdf_view)
        self.main_splitter.setSizes([400, 640, 560])
        self.main_splitter.setStretchFactor(2, 1)
        self.setCentralWidget(self.main_splitter)
        self.statusBar()

    def splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "left": self.left_splitter,
                "middle": self.middle_splitter}

    def _connect(self) -> None:
        self.library_panel.documentChanged.connect(self._show_document)
        self.paragraph_tree.selectionModel().currentChanged.connect(self._on_paragraph_current)
        self.paragraph_tree.selectionModel().selectionChanged.connect(self._on_selection)
        self.paragraph_tree.customContextMenuRequested.connect(
            lambda pos: self._context_menu(self.paragraph_tree.viewport().mapToGlobal(pos)))
        self.pdf_view.customContextMenuRequested.connect(
            lambda pos: self._context_menu(self.pdf_view.viewport().mapToGlobal(pos)))
        self.pdf_view.paragraphClicked.connect(self._on_pdf_clicked)
        self.theme_panel.activated.connect(self._on_theme_activated)
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        self.note_panel.noteEdited.connect(self.tag_actions.set_note)
        self.search_panel.jumpRequested.connect(self.jump_to)
        self.importer.documentImported.connect(lambda _id: self.library_panel.refresh())
        self.importer.finished.connect(self._on_import_finished)
        self.tag_actions.actionsChanged.connect(lambda: main_menus.fill_theme_actions(self))
        self._rebuild_filter_choices()

    # -- documents -----------------------------------------------------------------------------

    def select_document(self, document_id: int) -> bool:
        return self.library_panel.select_document(document_id)

    def _show_document(self, document_id: int | None) -> None:
        self.note_panel.save()
        self.document_id = document_id
        self._doc_tags = None
        if document_id is None:
            self.paragraph_model.set_resolution(None)
            self.pdf_view.set_pdf(None)
            self.document_label.setText("")
            self._refresh_selection_views()
            return
        try:
            doc = self.library.document(document_id)
            resolution = self.library.resolution(document_id)
            pdf = self.library.pdf_bytes(document_id)
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Cannot open the document", str(exc))
            return
        self.paragraph_model.set_resolution(resolution, self._tag_chips())
        self.paragraph_tree.expandAll()
        self._size_tree_columns()
        try:
            self.pdf_view.set_pdf(pdf)
        except ClausemarkError as exc:  # the tree still works; say why the pages are missing
            QMessageBox.warning(self, "Cannot show the pages",
                                f"{doc.display_name}: {exc}. The paragraphs and tags are intact.")
        self._tint_pdf()
        if self.filter_combo.currentData() is not None:  # (a new tree shows every row)
            self._apply_filter()
        self.document_label.setText(f"<b>{doc.symbol or doc.filename}</b> — {doc.title or ''}")
        self.document_label.setToolTip(f"{doc.body or ''}, {doc.session or ''}; adopted "
                                       f"{doc.adopted or 'date unknown'}")
        self.statusBar().showMessage(f"{doc.display_name} — {doc.paragraph_count} paragraphs, "
                                     f"{doc.pages} pages", 6000)
        self._refresh_selection_views()

    def _size_tree_columns(self) -> None:
        """Column widths from the text itself (resizeColumnToContents asks every cell through
        data(), which costs more than the rest of opening a document)."""
        tree, resolution = self.paragraph_tree, self.paragraph_model.resolution()
        plain = tree.fontMetrics()
        italic_font = tree.font()
        italic_font.setItalic(True)
        italic = QFontMetrics(italic_font)
        labels, openings = [], [0]
        for paragraph in resolution.walk():
            depth = paragraph.id.count("(") + (paragraph.kind.startswith("annex_"))
            labels.append(plain.horizontalAdvance(paragraph.label) + depth * tree.indentation())
            if paragraph.opening:
                openings.append(italic.horizontalAdvance(paragraph.opening))
        tree.setColumnWidth(0, min(max(labels, default=60) + tree.indentation() + 16, 170))
        tree.setColumnWidth(1, min(max(openings) + 16, 170))
        # Room for a few theme chips even before anything is tagged.
        tree.setColumnWidth(self.paragraph_model.THEMES, 180)

    def theme_colours(self) -> dict[int, str]:
        """Theme id -> colour, read once per change of the themes (opening a document and each
        tag ask for it several times)."""
        if self._colours is None:
            self._colours = {t.id: t.colour for t in self.library.themes.list()}
        return self._colours

    _colours: dict[int, str] | None = None

    def document_tags(self) -> list:
        """The open document's tags, read once per change (chips, tints, the tree filter, the
        theme actions, the notes and the suggestions all need them after each tag)."""
        if self._doc_tags is None:
            self._doc_tags = ([] if self.document_id is None
                              else list(self.library.tags.list(document=self.document_id)))
        return self._doc_tags

    _doc_tags: list | None = None

    def _tag_chips(self) -> dict[str, list[tuple[str, str]]]:
        if self.document_id is None:
            return {}
        colours = self.theme_colours()
        chips: dict[str, list[tuple[str, str]]] = {}
        for tag in self.document_tags():
            chips.setdefault(tag.paragraph, []).append((tag.theme, colours.get(tag.theme_id, "#888")))
        return chips

    def _tint_pdf(self) -> None:
        resolution = self.paragraph_model.resolution()
        if resolution is None:
            return
        tinted = []
        for paragraph_id, chips in self._tag_chips().items():
            paragraph = resolution.find(paragraph_id)
            if paragraph is not None:
                tinted.extend((paragraph.boxes, colour, True) for _, colour in chips)
        if hasattr(self, "suggestions"):  # hollow outlines for suggested themes
            tinted.extend(self.suggestions.tint_entries(resolution))
        self.pdf_view.set_tints(tinted)

    def jump_to(self, document_id: int, paragraph_id: str) -> None:
        """Open a document (if needed) and select one of its paragraphs."""
        if document_id != self.document_id and not self.select_document(document_id):
            return
        if not self.select_paragraph(paragraph_id):
            self.filter_combo.setCurrentIndex(0)  # hidden by the tree filter
            self.select_paragraph(paragraph_id)
        self.paragraph_tree.setFocus()

    # -- paragraphs ------------------------------------------------------------------------------

    def select_paragraph(self, paragraph_id: str) -> bool:
        index = self.paragraph_model.index_of(paragraph_id)
        if not index.isValid() or self.paragraph_tree.isRowHidden(index.row(), index.parent()):
            return False
        self.paragraph_tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.paragraph_tree.scrollTo(index)
        return True

    def selected_paragraph_ids(self) -> list[str]:
        rows = self.paragraph_tree.selectionModel().selectedRows(0)
        return [self.paragraph_model.paragraph(i).id for i in rows]

    def _on_paragraph_current(self, current, _previous) -> None:
        paragraph = self.paragraph_model.paragraph(current)
        self.pdf_view.highlight(paragraph.boxes if paragraph else [],
                                scroll=not self._clicked_in_pdf)
        self._clicked_in_pdf = False

    _clicked_in_pdf = False

    def _on_selection(self, *_args) -> None:
        self._refresh_selection_views()

    def _refresh_selection_views(self) -> None:
        self.tag_actions.update_checks()
        self.note_panel.save()
        selected = self.selected_paragraph_ids()
        if len(selected) != 1 or self.document_id is None:
            message = ("Select one paragraph to see the notes on its tags." if selected else None)
            self.note_panel.set_tags([], "", message=message)
            return
        paragraph = self.paragraph_model.resolution().find(selected[0])
        tags = [t for t in self.document_tags()
                if t.paragraph == selected[0]]
        colours = self.theme_colours()
        self.note_panel.set_tags(tags, paragraph.label if paragraph else selected[0], colours)

    def _on_pdf_clicked(self, page: int, x: float, y: float) -> None:
        resolution = self.paragraph_model.resolution()
        if resolution is None:
            return
        paragraph = paragraph_at(resolution, page, x, y)
        if paragraph is not None:
            self._clicked_in_pdf = True  # the view is where the analyst looks: do not scroll it
            if not self.select_paragraph(paragraph.id):
                self._clicked_in_pdf = False

    def _rebuild_filter_choices(self) -> None:
        current = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem("All paragraphs", None)
        self.filter_combo.addItem("Untagged", "untagged")
        for theme in self.theme_model.themes():
            self.filter_combo.addItem(f"Tagged: {theme.name}", theme.name)
        index = self.filter_combo.findData(current)
        self.filter_combo.setCurrentIndex(max(index, 0))
        self.filter_combo.blockSignals(False)

    def _apply_filter(self, *_args) -> None:
        self.tree_filter.apply(self.filter_combo.currentData(), self._tag_chips())

    # -- tagging ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in _DIGITS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.tag_actions.toggle_shortcut(_DIGITS[event.key()])
            return True
        return super().eventFilter(watched, event)

    def _on_theme_activated(self, index) -> None:
        theme = next((t for t in self.theme_model.themes()
                      if t.id == index.data(ThemeModel.ThemeIdRole)), None)
        if theme is not None:
            self.tag_actions.toggle(theme)

    def _context_menu(self, global_pos) -> None:
        if self.selected_paragraph_ids():
            self.tag_actions.context_menu(self).popup(global_pos)

    def edit_note(self) -> None:
        self.note_panel.editor.setFocus()

    def copy_citation(self) -> None:
        resolution = self.paragraph_model.resolution()
        if resolution is None:
            return
        found = (resolution.find(p) for p in self.selected_paragraph_ids())
        citations = [resolution.citation(p) for p in found if p is not None]
        if citations:
            QGuiApplication.clipboard().setText("; ".join(citations))
            self.statusBar().showMessage(f"Copied: {'; '.join(citations)}", 4000)

    def undo(self) -> None:
        self.note_panel.save()
        undo_steps.step(self, self.undo_stack)

    def redo(self) -> None:
        undo_steps.step(self, self.undo_stack, redo=True)

    def _update_undo_actions(self) -> None:
        undo_steps.label_actions(self.undo_stack, self.undo_action, self.redo_action)

    def _on_library_changed(self, change: Change) -> None:
        themes = isinstance(change, ThemesChanged)
        tags = isinstance(change, TagsChanged)  # a NoteChanged too
        if themes:
            self._colours = None
        if tags or themes:
            self._doc_tags = None
        if tags or isinstance(change, DocumentsChanged):
            self.library_panel.refresh()
        if themes or tags:
            self.theme_model.reload()
        if themes:
            self.tag_actions.rebuild()
            self._rebuild_filter_choices()
        if tags or themes:
            self.paragraph_model.set_tags(self._tag_chips())
            # (the PDF tint follows from the suggestion controller, which hears these events
            # after the window and tints with the suggestions brought up to date)
            if self.filter_combo.currentData() is not None:
                self._apply_filter()
            self._refresh_selection_views()

    # -- import ----------------------------------------------------------------------------------

    def import_paths(self, paths) -> bool:
        """Import files and folders in the background (progress dialog, cancellable)."""
        return self.importer.start(paths)

    def _on_import_finished(self, summary) -> None:
        self.library_panel.refresh()
        if summary is None:
            return
        first = next(iter(summary.imported + summary.present), None)
        if first is not None:
            from clausemark.core.library import file_sha256
            try:
                doc_id = self.library.document_id_for_sha(file_sha256(first))
            except OSError:
                doc_id = None
            if doc_id is not None:
                self.select_document(doc_id)
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

    # -- session ---------------------------------------------------------------------------------

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
        if self.importer.busy():
            self.importer.cancel()
        doc = self.library.document(self.document_id) if self.document_id else None
        window_state.save(self, self.pdf_view.zoom(), self.pdf_view.is_fit_width(),
                          (doc.symbol or doc.filename) if doc else None)
        self._unsubscribe()
        self.pdf_view.set_pdf(None)
        super().closeEvent(event)


def paragraph_at(resolution, page: int, x: float, y: float, slack: float = 4.0):
    """The innermost paragraph with a line box at this point of the page (or just beside it)."""
    best, best_area = None, None
    for paragraph in resolution.walk():
        for box in paragraph.boxes:
            p, x0, y0, x1, y1 = box
            if p == page and x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack:
                area = (x1 - x0) * (y1 - y0)
                if best_area is None or area < best_area:
                    best, best_area = paragraph, area
    return best
