"""The comparison window: two versions of a resolution side by side in aligned rows, changed
words marked, a filter to changed/moved/new/dropped rows, both paragraphs shown in their PDFs
for the selected row, and the carry-forward queue for the older version's tags.

    open_compare_window(library_path, "A/RES/80/190")   # older version: the best predecessor
    window.set_earlier("A/C.3/80/L.61")                 # switch the older version in place

The alignment runs on a worker thread (the window stays responsive); `aligned` is emitted when
the rows are shown.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.compare import (
    CHANGED,
    MOVED,
    NEW,
    CarryForward,
    align,
    best_predecessor,
    dropped_tag_line,
)
from clausemark.core.errors import ClausemarkError
from clausemark.core.library import Library, UndoStack
from clausemark.gui import ops, screen_fit
from clausemark.gui.compare.brief_export import BriefExport
from clausemark.gui.compare.carry_forward_panel import CarryForwardPanel
from clausemark.gui.compare.chooser import choose_earlier
from clausemark.gui.compare.compare_model import DROPPED, CompareFilter, CompareModel, diff_html
from clausemark.gui.dialogs.review_dialog import ReviewDialog
from clausemark.gui.html_delegate import HtmlDelegate
from clausemark.gui.pdf.pdf_view import PdfView
from clausemark.gui.window import undo_steps

FILTERS = [("All", None), ("Changed", {CHANGED, MOVED}), ("Moved", {MOVED}), ("New", {NEW}),
           ("Dropped", {DROPPED})]


def _align_in_worker(lib, old_id: int, new_id: int):
    """On a pool thread, with its own connection: the alignment of two library documents."""
    return align(lib.resolution(old_id), lib.resolution(new_id))


class CompareWindow(QMainWindow):
    aligned = Signal()  # the rows of the current pair of versions are shown

    def __init__(self, library, old_ref, new_ref, *, undo_stack: UndoStack | None = None,
                 owns_library: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.library, self._owns_library = library, owns_library
        self.undo_stack = undo_stack or UndoStack(library)
        self.new_doc = library.document(new_ref)
        self.old_doc = library.document(old_ref)
        self.alignment = None
        self.review: CarryForward | None = None
        self._generation, self._worker = 0, None
        self._fit_pending, self._fitted = False, set()
        self.model = CompareModel(None, self)
        self.proxy = CompareFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._build_actions()
        # The pages are laid out after the window shows, each in its own turn of the event loop.
        QTimer.singleShot(0, lambda: self.new_pdf.set_pdf(library.pdf_bytes(self.new_doc.id)))
        # The stack may be the main window's and outlive this window: stop listening on close.
        self._stop_listening = self.undo_stack.on_change(self._on_undo_change)
        screen_fit.fit_window(self, 1600, 1000)
        self.set_earlier(self.old_doc.id)

    # -- the pair of versions ------------------------------------------------------------------

    def set_earlier(self, old_ref) -> None:
        """Compare with another earlier version, in place: aligned on a worker thread."""
        self.old_doc = self.library.document(old_ref)
        self._generation += 1
        self.alignment, self.review = None, None
        self.model.set_alignment(None)
        self.panel.set_review(None)
        self.dropped_tags.setText("")
        self.earlier_button.setText(f"Earlier version: {self.old_doc.display_name} ▾")
        self.old_title.setText(f"<b>{self.old_doc.display_name}</b>")
        self.header.setText(f"Aligning <b>{self.old_doc.display_name}</b> → "
                            f"<b>{self.new_doc.display_name}</b>…")
        self.setWindowTitle(f"Compare {self.old_doc.display_name} → "
                            f"{self.new_doc.display_name} — Clausemark")
        old_id = self.old_doc.id
        QTimer.singleShot(0, lambda: self.old_doc.id == old_id and self.old_pdf.set_pdf(
            self.library.pdf_bytes(old_id)))
        if self.library.path is None:  # an in-memory library has no second connection
            self._show(self._generation, align(self.library.resolution(self.old_doc.id),
                                               self.library.resolution(self.new_doc.id)))
            return
        generation = self._generation
        old_id, new_id = self.old_doc.id, self.new_doc.id
        self._worker = ops.run_read(self, lambda lib: _align_in_worker(lib, old_id, new_id),
                                    lambda result: self._show(generation, result),
                                    library_path=self.library.path, on_error=self._failed)

    def _show(self, generation: int, alignment) -> None:
        if generation != self._generation:  # the analyst chose another version meanwhile
            return
        self.alignment = alignment
        self.review = CarryForward(self.library, self.old_doc.id, self.new_doc.id, alignment)
        self.model.set_alignment(alignment)
        self.panel.set_review(self.review)
        c = alignment.counts()
        typography = sum(p.typography for p in alignment.pairs)
        note = f" ({typography} same in wording, typography aside)" if typography else ""
        self.header.setText(
            f"<b>{self.old_doc.display_name}</b> → <b>{self.new_doc.display_name}</b>"
            f" ({self.new_doc.title or ''}): {c['same']} same, {c['changed']} changed, "
            f"{c['moved']} moved, {c['new']} new, {c['dropped']} dropped{note}")
        lost = self.review.orphaned
        self.dropped_tags.setText("Tags lost with dropped paragraphs: " + "; ".join(
            dropped_tag_line(t) for t in lost) if lost else "")
        self.fit_rows()
        self.aligned.emit()

    def _failed(self, exc) -> None:
        self.header.setText(f"Could not align the versions: {exc}")

    def choose_earlier(self) -> None:
        chosen = choose_earlier(self.library, self.new_doc.id, self, current=self.old_doc.id)
        if chosen is not None and chosen != self.old_doc.id:
            self.set_earlier(chosen)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QLabel(objectName="compareSummary")
        self.header.setWordWrap(True)
        self.earlier_button = QPushButton(objectName="switchEarlierButton")
        self.earlier_button.setToolTip("Compare with another earlier version (drafts, "
                                       "previous sessions…) without closing this window")
        self.earlier_button.clicked.connect(self.choose_earlier)
        self.dropped_tags = QLabel(objectName="droppedTags")
        self.dropped_tags.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.earlier_button)
        self.brief_export = BriefExport(self)
        top.addWidget(self.brief_export.button)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show:"))
        self.filter_group = QButtonGroup(self)
        self.filter_buttons: dict[str, QPushButton] = {}
        for i, (name, statuses) in enumerate(FILTERS):
            button = QPushButton(name, objectName=f"filter{name}")
            button.setCheckable(True)
            button.setChecked(i == 0)
            button.clicked.connect(lambda _=False, s=statuses: self.set_filter(s))
            self.filter_group.addButton(button)
            self.filter_buttons[name] = button
            filters.addWidget(button)
        filters.addStretch(1)

        self.table = QTableView(objectName="compareTable")
        self.table.setModel(self.proxy)
        marked = HtmlDelegate(self.table, role=CompareModel.HtmlRole)  # the changed words
        self.table.setItemDelegateForColumn(CompareModel.OLD_TEXT, marked)
        self.table.setItemDelegateForColumn(CompareModel.NEW_TEXT, marked)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        # Fixed widths for the short columns: sizing them to their contents reads every row.
        width = self.fontMetrics().horizontalAdvance
        for col, sample in ((CompareModel.OLD_LABEL, "OP 158 (b) (ii)"),
                            (CompareModel.STATUS, "changed 0.99"),
                            (CompareModel.NEW_LABEL, "OP 158 (b) (ii)")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width(sample) + 16)
        for col in (CompareModel.OLD_TEXT, CompareModel.NEW_TEXT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.fit_rows())
        self.table.verticalScrollBar().valueChanged.connect(
            lambda *_: self.fit_rows(again=False))
        self.table.verticalHeader().setDefaultSectionSize(3 * self.fontMetrics().height())
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

        self.old_pdf, self.new_pdf = PdfView(), PdfView()
        self.old_pdf.setObjectName("oldPdfView")
        self.new_pdf.setObjectName("newPdfView")
        self.detail = QTextBrowser(objectName="compareDetail")
        self.detail.setPlaceholderText("Select a row to see its word changes.")
        pdfs = QSplitter(Qt.Orientation.Horizontal)
        self.old_title = QLabel()
        for title, view in ((self.old_title, self.old_pdf),
                            (QLabel(f"<b>{self.new_doc.display_name}</b>"), self.new_pdf)):
            pane = QWidget()
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(title)
            box.addWidget(view, 1)
            pdfs.addWidget(pane)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.detail)
        lower.addWidget(pdfs)
        lower.setSizes([400, 800])

        self.panel = CarryForwardPanel(None, self.undo_stack)
        self.panel.proposalSelected.connect(self.select_new_paragraph)

        main = QWidget()
        box = QVBoxLayout(main)
        box.addLayout(top)
        box.addWidget(self.dropped_tags)
        box.addLayout(filters)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(self.table)
        rows.addWidget(lower)
        rows.setSizes([550, 450])
        box.addWidget(rows, 1)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(main)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.panel, 1)
        # shared tags of another analyst that landed on this version wait in their own review
        self.shared_button = QPushButton(objectName="sharedReviewButton")
        self.shared_button.clicked.connect(self.review_shared)
        side_box.addWidget(self.shared_button)
        self._update_shared()
        outer.addWidget(side)
        outer.setSizes([1200, 400])
        self.setCentralWidget(outer)
        self.fit_rows()

    def _build_actions(self) -> None:
        self.undo_action = QAction("&Undo", self, shortcut=QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self._undo)
        self.redo_action = QAction("&Redo", self, shortcut=QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self._redo)
        menu = self.menuBar().addMenu("&Edit")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        self._on_undo_change()

    # -- behaviour -----------------------------------------------------------------------------

    def set_filter(self, statuses) -> None:
        self.proxy.set_statuses(statuses)
        for name, wanted in FILTERS:
            self.filter_buttons[name].setChecked(wanted == statuses)
        self.fit_rows()

    def fit_rows(self, again: bool = True) -> None:
        """Fit the heights of the rows in view to their wrapped texts, soon (once however many
        times it is asked for): measuring every row's marked text at once would stall.
        `again`: rows or widths changed, rows fitted before are measured anew."""
        if again:
            self._fitted.clear()
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_visible_rows)

    def _fit_visible_rows(self) -> None:
        self._fit_pending = False
        table = self.table
        for _ in range(3):  # heights change what is in view: until it settles
            top = max(table.rowAt(0), 0)
            bottom = table.rowAt(table.viewport().height() - 1)
            bottom = self.proxy.rowCount() - 1 if bottom < 0 else bottom
            todo = [r for r in range(top, min(bottom + 3, self.proxy.rowCount()))
                    if r not in self._fitted]
            if not todo:
                break
            for row in todo:
                table.resizeRowToContents(row)
                self._fitted.add(row)

    def select_new_paragraph(self, paragraph_id: str) -> None:
        row = self.model.row_of_new(paragraph_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():  # hidden by the filter: show all rows
            self.set_filter(None)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def current_row(self):
        index = self.table.currentIndex()
        return self.model.row(self.proxy.mapToSource(index).row()) if index.isValid() else None

    def _on_row(self, current, _previous) -> None:
        row = self.model.row(self.proxy.mapToSource(current).row()) if current.isValid() \
            else None
        if row is None:
            return
        parts = []
        if row.old is not None:
            parts.append(f"<p><b>{self.old_doc.display_name}, {row.old.label}</b><br>"
                         f"{diff_html(row, 'old')}</p>")
        if row.new is not None:
            parts.append(f"<p><b>{self.new_doc.display_name}, {row.new.label}</b> "
                         f"({row.status})<br>{diff_html(row, 'new')}</p>")
        self.detail.setHtml("".join(parts))
        self.old_pdf.highlight(row.old.boxes if row.old else [])
        self.new_pdf.highlight(row.new.boxes if row.new else [])

    def _update_shared(self) -> None:
        waiting = [r for r in self.library.team.reviews() if r.document_id == self.new_doc.id]
        self.shared_button.setVisible(bool(waiting))
        authors = ", ".join(sorted({r.author for r in waiting}))
        n = len(waiting)
        self.shared_button.setText(f"{n} shared tag{'s' if n != 1 else ''} from {authors} "
                                   f"wait{'s' if n == 1 else ''} for review on this version…")

    def review_shared(self) -> None:
        """The shared tags that landed on the newer version, in the review dialog."""
        ReviewDialog(self.library, self.undo_stack, self, document_id=self.new_doc.id).exec()
        self._on_undo_change()

    def _undo(self) -> None:
        undo_steps.step(self, self.undo_stack)

    def _redo(self) -> None:
        undo_steps.step(self, self.undo_stack, redo=True)

    def _on_undo_change(self) -> None:
        undo_steps.label_actions(self.undo_stack, self.undo_action, self.redo_action)
        self.panel.refresh()
        self._update_shared()

    def closeEvent(self, event) -> None:
        self._generation += 1  # a late alignment is not shown
        self._stop_listening()
        super().closeEvent(event)
        if self._owns_library:
            self.library.close()


def open_compare_window(library_path, new_symbol, old_symbol=None, parent=None, *,
                        library=None, undo_stack: UndoStack | None = None):
    """Open the comparison of `new_symbol` with `old_symbol` (default: its best predecessor).
    Pass the main window's `library` and `undo_stack` to share them (its views then see the
    carried tags and Ctrl+Z undoes them there too); otherwise the window opens the file itself.
    Shows a dialog and returns None when the documents cannot be compared."""
    owns = library is None
    try:
        lib = library or Library(library_path, create=False)
    except ClausemarkError as exc:
        QMessageBox.warning(parent, "Compare versions", str(exc))
        return None
    try:
        old = old_symbol if old_symbol is not None else best_predecessor(lib, new_symbol).id
        window = CompareWindow(lib, old, new_symbol, undo_stack=undo_stack, owns_library=owns,
                               parent=parent)
    except ClausemarkError as exc:
        if owns:
            lib.close()
        QMessageBox.warning(parent, "Compare versions", str(exc))
        return None
    if parent is not None:  # a separate top-level window, not a child widget
        window.setWindowFlag(Qt.WindowType.Window, True)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    return window


def compare_with_chosen(parent, library, document_id, undo_stack: UndoStack | None = None):
    """Document > Compare with… (Ctrl+K): the analyst chooses the earlier version in the
    chooser (proposed ones first), then the comparison opens. None when cancelled."""
    old = choose_earlier(library, document_id, parent)
    if old is None:
        return None
    return open_compare_window(library.path, document_id, old, parent, library=library,
                               undo_stack=undo_stack)
