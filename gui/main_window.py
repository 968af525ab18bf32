"""The main window: library list, paragraph tree, PDF view and theme panel, wired to a Library.

Layout is built in `_build_*`; behaviour (selection, tagging, undo, import) lives in the slots."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHeaderView, QListView, QMainWindow,
                               QMessageBox, QSplitter, QTableView, QTreeView, QVBoxLayout, QWidget,
                               QLabel)

from core.errors import ClausemarkError
from core.importer import import_all
from core.undo import CommandGroup, TagCommand, UndoStack, UntagCommand
from gui.library_model import LibraryModel
from gui.paragraph_model import ParagraphModel
from gui.pdf_view import PdfView
from gui.theme_model import ThemeModel

_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class MainWindow(QMainWindow):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.undo_stack = UndoStack(library)
        self.document_id: int | None = None
        self.library_model = LibraryModel(library, self)
        self.theme_model = ThemeModel(library, self)
        self.paragraph_model = ParagraphModel(self)
        self._build_views()
        self._build_actions()
        self._unsubscribe = library.subscribe(self._on_library_changed)
        self.undo_stack.on_change(self._update_undo_actions)
        self._update_undo_actions()
        self.setWindowTitle(f"Clausemark — {Path(library.path).name}")
        self.resize(1600, 1000)

    # -- layout --------------------------------------------------------------------------------

    def _build_views(self) -> None:
        self.library_view = QTableView(objectName="libraryView")
        self.library_view.setModel(self.library_model)
        self.library_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.library_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.library_view.verticalHeader().hide()
        self.library_view.setWordWrap(False)
        header = self.library_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.library_view.selectionModel().currentRowChanged.connect(self._on_document_current)

        self.theme_panel = QListView(objectName="themePanel")
        self.theme_panel.setModel(self.theme_model)
        self.theme_panel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("<b>Library</b>"))
        box.addWidget(self.library_view, 3)
        box.addWidget(QLabel("<b>Themes</b> (keys 1–9 tag the selected paragraphs)"))
        box.addWidget(self.theme_panel, 1)

        self.paragraph_tree = QTreeView(objectName="paragraphTree")
        self.paragraph_tree.setModel(self.paragraph_model)
        self.paragraph_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.paragraph_tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.paragraph_tree.setUniformRowHeights(True)
        self.paragraph_tree.selectionModel().currentChanged.connect(self._on_paragraph_current)
        self.paragraph_tree.installEventFilter(self)

        self.pdf_view = PdfView()
        self.pdf_view.installEventFilter(self)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.paragraph_tree)
        splitter.addWidget(self.pdf_view)
        splitter.setSizes([420, 560, 620])
        splitter.setStretchFactor(2, 1)
        self.setCentralWidget(splitter)
        self.statusBar()

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import…", self, shortcut=QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.choose_import)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo", self, shortcut=QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("&Redo", self, shortcut=QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.triggered.connect(self.redo)
        edit_menu.addActions([self.undo_action, self.redo_action])

        view_menu = self.menuBar().addMenu("&View")
        for text, keys, slot in (
                ("Zoom &in", QKeySequence.StandardKey.ZoomIn,
                 lambda: self.pdf_view.set_zoom(self.pdf_view.zoom() * 1.25)),
                ("Zoom &out", QKeySequence.StandardKey.ZoomOut,
                 lambda: self.pdf_view.set_zoom(self.pdf_view.zoom() / 1.25)),
                ("Fit &width", QKeySequence("Ctrl+0"), self.pdf_view.fit_width)):
            action = QAction(text, self, shortcut=keys)
            action.triggered.connect(slot)
            view_menu.addAction(action)

    # -- documents -----------------------------------------------------------------------------

    def select_document(self, document_id: int) -> None:
        row = self.library_model.row_of(document_id)
        if row >= 0:
            self.library_view.selectRow(row)

    def _on_document_current(self, current, _previous) -> None:
        doc = self.library_model.document(current.row()) if current.isValid() else None
        self.document_id = doc.id if doc else None
        if doc is None:
            self.paragraph_model.set_resolution(None)
            self.pdf_view.set_pdf(None)
            return
        self.paragraph_model.set_resolution(self.library.resolution(doc.id), self._tag_chips())
        self.paragraph_tree.expandAll()
        for col in range(self.paragraph_model.columnCount() - 1):
            self.paragraph_tree.resizeColumnToContents(col)
        # Room for a few theme chips even before anything is tagged.
        themes_col = self.paragraph_model.THEMES
        self.paragraph_tree.setColumnWidth(
            themes_col, max(160, self.paragraph_tree.columnWidth(themes_col)))
        self.pdf_view.set_pdf(self.library.pdf_bytes(doc.id))
        self._tint_pdf()
        self.statusBar().showMessage(f"{doc.symbol} — {doc.paragraph_count} paragraphs, "
                                     f"{doc.pages} pages")

    def _tag_chips(self) -> dict[str, list[tuple[str, str]]]:
        if self.document_id is None:
            return {}
        colours = {t.id: t.colour for t in self.library.themes()}
        chips: dict[str, list[tuple[str, str]]] = {}
        for tag in self.library.tags(document=self.document_id):
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
                tinted.extend((paragraph.boxes, colour) for _, colour in chips)
        self.pdf_view.set_tints(tinted)

    # -- paragraphs ------------------------------------------------------------------------------

    def _on_paragraph_current(self, current, _previous) -> None:
        paragraph = self.paragraph_model.paragraph(current)
        self.pdf_view.highlight(paragraph.boxes if paragraph else [])

    def select_paragraph(self, paragraph_id: str) -> None:
        index = self.paragraph_model.index_of(paragraph_id)
        if index.isValid():
            self.paragraph_tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.paragraph_tree.scrollTo(index)

    def selected_paragraph_ids(self) -> list[str]:
        rows = self.paragraph_tree.selectionModel().selectedRows(0)
        return [self.paragraph_model.paragraph(i).id for i in rows]

    # -- tagging ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and event.key() in _DIGITS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.toggle_theme_shortcut(_DIGITS[event.key()])
            return True
        return super().eventFilter(watched, event)

    def toggle_theme_shortcut(self, key: int) -> None:
        theme = self.theme_model.theme_for_shortcut(key)
        paragraphs = self.selected_paragraph_ids()
        if theme is None or self.document_id is None or not paragraphs:
            return
        existing = {p: self.library.find_tag(self.document_id, p, theme.id) for p in paragraphs}
        if all(existing.values()):  # every one has it: the key removes it
            commands = [UntagCommand(tag.id) for tag in existing.values()]
            verb = "removed from"
        else:
            commands = [TagCommand(self.document_id, p, theme.id)
                        for p, tag in existing.items() if tag is None]
            verb = "tagged on"
        self._push(CommandGroup(f"{theme.name} {verb} {len(commands)} paragraph(s)", commands)
                   if len(commands) > 1 else commands[0])
        self.statusBar().showMessage(f"{theme.name} {verb} {len(commands)} paragraph(s)", 4000)

    def _push(self, command) -> None:
        try:
            self.undo_stack.push(command)
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Clausemark", str(exc))

    def undo(self) -> None:
        if self.undo_stack.can_undo:
            self._run(self.undo_stack.undo)

    def redo(self) -> None:
        if self.undo_stack.can_redo:
            self._run(self.undo_stack.redo)

    def _run(self, step) -> None:
        try:
            step()
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Clausemark", str(exc))

    def _update_undo_actions(self) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.can_undo)
        self.redo_action.setEnabled(stack.can_redo)
        self.undo_action.setText(f"&Undo {stack.undo_text}" if stack.can_undo else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redo_text}" if stack.can_redo else "&Redo")

    def _on_library_changed(self, event: str, _details: dict) -> None:
        if event in ("documents", "tags"):
            self.library_model.refresh()
        if event in ("themes", "tags"):
            self.theme_model.reload()
        if event in ("tags", "themes"):
            self.paragraph_model.set_tags(self._tag_chips())
            self._tint_pdf()

    # -- import ----------------------------------------------------------------------------------

    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import resolutions", str(Path.home()),
                                                "PDF files (*.pdf)")
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths) -> list[Path]:
        """Import files/folders (synchronously for now) and select the first new document."""
        try:
            summary = import_all(self.library, paths, workers=1)
        except ClausemarkError as exc:
            QMessageBox.critical(self, "Import failed", str(exc))
            return []
        self.library_model.refresh()
        imported = summary.imported + summary.present
        if imported:
            doc_id = self.library.document_id_for_sha(_sha256(imported[0]))
            if doc_id is not None:
                self.select_document(doc_id)
        if summary.failed:
            QMessageBox.warning(self, "Some files were not imported", "\n".join(
                f"{path.name}: {reason}" for path, reason in summary.failed))
        self.statusBar().showMessage(f"Imported {len(summary.imported)}, already present "
                                     f"{len(summary.present)}, failed {len(summary.failed)}", 8000)
        return summary.imported

    def closeEvent(self, event) -> None:
        self._unsubscribe()
        self.pdf_view.set_pdf(None)
        super().closeEvent(event)


def _sha256(path: Path) -> str:
    import hashlib
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
