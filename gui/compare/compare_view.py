"""The comparison window: two versions of a resolution side by side in aligned rows, changed
words marked, a filter to changed/moved/new/dropped rows, both paragraphs shown in their PDFs
for the selected row, and the carry-forward queue for the older version's tags.

    open_compare_window(library_path, "A/RES/80/190")   # older version: the best predecessor
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
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

from clausemark.core.compare import CHANGED, MOVED, NEW, CarryForward, align, best_predecessor
from clausemark.core.errors import ClausemarkError
from clausemark.core.library import Library, UndoStack
from clausemark.gui.compare.carry_forward_panel import CarryForwardPanel
from clausemark.gui.compare.compare_model import DROPPED, CompareFilter, CompareModel, diff_html
from clausemark.gui.dialogs.review_dialog import ReviewDialog
from clausemark.gui.html_delegate import HtmlDelegate
from clausemark.gui.pdf.pdf_view import PdfView
from clausemark.gui.window import undo_steps

FILTERS = [("All", None), ("Changed", {CHANGED, MOVED}), ("Moved", {MOVED}), ("New", {NEW}),
           ("Dropped", {DROPPED})]


class CompareWindow(QMainWindow):
    def __init__(self, library, old_ref, new_ref, *, undo_stack: UndoStack | None = None,
                 owns_library: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.library, self._owns_library = library, owns_library
        self.undo_stack = undo_stack or UndoStack(library)
        self.old_doc, self.new_doc = library.document(old_ref), library.document(new_ref)
        self.alignment = align(library.resolution(self.old_doc.id),
                               library.resolution(self.new_doc.id))
        self.review = CarryForward(library, self.old_doc.id, self.new_doc.id, self.alignment)
        self.model = CompareModel(self.alignment, self)
        self.proxy = CompareFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._build_actions()
        self.old_pdf.set_pdf(library.pdf_bytes(self.old_doc.id))
        self.new_pdf.set_pdf(library.pdf_bytes(self.new_doc.id))
        # The stack may be the main window's and outlive this window: stop listening on close.
        self._stop_listening = self.undo_stack.on_change(self._on_undo_change)
        self.setWindowTitle(f"Compare {self.old_doc.display_name} → {self.new_doc.display_name}"
                            " — Clausemark")
        self.resize(1600, 1000)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        c = self.alignment.counts()
        self.header = QLabel(
            f"<b>{self.old_doc.display_name}</b> → <b>{self.new_doc.display_name}</b>"
            f" ({self.new_doc.title or ''}): {c['same']} same, {c['changed']} changed, "
            f"{c['moved']} moved, {c['new']} new, {c['dropped']} dropped",
            objectName="compareSummary")
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
        for col in (CompareModel.OLD_LABEL, CompareModel.STATUS, CompareModel.NEW_LABEL):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (CompareModel.OLD_TEXT, CompareModel.NEW_TEXT):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

        self.old_pdf, self.new_pdf = PdfView(), PdfView()
        self.old_pdf.setObjectName("oldPdfView")
        self.new_pdf.setObjectName("newPdfView")
        self.detail = QTextBrowser(objectName="compareDetail")
        pdfs = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((self.old_doc.display_name, self.old_pdf),
                            (self.new_doc.display_name, self.new_pdf)):
            pane = QWidget()
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(QLabel(f"<b>{title}</b>"))
            box.addWidget(view, 1)
            pdfs.addWidget(pane)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.detail)
        lower.addWidget(pdfs)
        lower.setSizes([400, 800])

        self.panel = CarryForwardPanel(self.review, self.undo_stack)
        self.panel.proposalSelected.connect(self.select_new_paragraph)

        main = QWidget()
        box = QVBoxLayout(main)
        box.addWidget(self.header)
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
        self.table.resizeRowsToContents()

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
        self.table.resizeRowsToContents()

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
