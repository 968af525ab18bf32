"""The paragraph tree of the open document: "PP 3", "OP 5 (a)", the opening phrase, theme chips
and first words, under the document's title and a "Show:" filter (all, untagged, one theme).

It follows a DocumentSession (the open document, its tags and themes) and tells it which
paragraphs the analyst selected."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from clausemark.gui.models.paragraph_filter import TreeFilter
from clausemark.gui.models.paragraph_model import ParagraphModel
from clausemark.gui.panels.filter_banner import FilterBanner
from clausemark.gui.panels.review_banner import ReviewBanner
from clausemark.gui.panels.tree_columns import TreeColumns
from clausemark.gui.swatches import CHIPS_ICON_SIZE


class ParagraphPanel(QWidget):
    currentParagraphChanged = Signal(object)  # the Paragraph with the keyboard focus, or None
    contextMenuRequested = Signal(object)  # global position

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = ParagraphModel(self)
        tree = self.tree = QTreeView(objectName="paragraphTree")
        tree.setModel(self.model)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setUniformRowHeights(True)
        tree.setIconSize(QSize(*CHIPS_ICON_SIZE))  # chips at their own size, never squeezed
        tree.setAlternatingRowColors(True)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree_columns = TreeColumns(tree)
        self.tree_filter = TreeFilter(tree, self.model)
        self.filter_banner = FilterBanner()
        self.filter_banner.showAllRequested.connect(lambda: self.filter_combo.setCurrentIndex(0))
        self.review_banner = ReviewBanner()
        self.filter_combo = QComboBox(objectName="treeFilter")
        self.filter_combo.setToolTip("Show all paragraphs, the untagged ones, or one theme's")
        # A width that does not grow with the longest theme name (the PDF keeps its room).
        self.filter_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filter_combo.setMinimumContentsLength(14)
        self.title = QLabel("", objectName="documentTitle")
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(40)  # a long title wraps; it never widens the pane

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.filter_combo)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.filter_banner)
        box.addWidget(self.review_banner)
        box.addWidget(tree)

        tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self.currentParagraphChanged.emit(
                self.model.paragraph(current)))
        tree.selectionModel().selectionChanged.connect(
            lambda *_: session.set_selection(self.selected_ids()))
        tree.customContextMenuRequested.connect(
            lambda pos: self.contextMenuRequested.emit(tree.viewport().mapToGlobal(pos)))
        self.filter_combo.currentIndexChanged.connect(
            lambda _i: session.set_filter(self.filter_combo.currentData()))
        session.documentOpened.connect(self._show_document)
        session.themesChanged.connect(self._on_themes)
        session.tagsChanged.connect(self._show_tags)
        session.filterChanged.connect(self._apply_filter)
        self._fill_filter_choices()

    # -- showing -------------------------------------------------------------------------------

    def _show_document(self, _document_id) -> None:
        session, doc = self.session, self.session.document
        if doc is None:
            self.model.set_resolution(None)
            self.title.setText("")
            return
        self.model.set_resolution(session.resolution, session.tag_chips())
        self._show_notes()
        self.tree.expandAll()
        self.size_columns()
        self._apply_filter()  # (a new tree shows every row; the banner says what is kept)
        self.title.setText(f"<b>{doc.symbol or doc.filename}</b> — {doc.title or ''}")
        self.title.setToolTip(f"{doc.body or ''}, {doc.session or ''}; adopted "
                              f"{doc.adopted or 'date unknown'}")

    def _on_themes(self) -> None:
        self._fill_filter_choices()
        self._show_tags()

    def _show_tags(self) -> None:
        self.model.set_tags(self.session.tag_chips())
        self._show_notes()
        if self.session.filter is not None:
            self._apply_filter()

    def _show_notes(self) -> None:
        notes: dict[str, dict[str, str]] = {}
        for tag in self.session.tags():
            if tag.note.strip():
                notes.setdefault(tag.paragraph, {})[tag.theme] = tag.note.strip()
        self.model.set_notes(notes)

    def _fill_filter_choices(self) -> None:
        combo, current = self.filter_combo, self.filter_combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("All paragraphs", None)
        combo.addItem("Untagged", "untagged")
        for theme in self.session.themes():
            key = f"  ({theme.shortcut})" if theme.shortcut else ""
            combo.addItem(f"Tagged: {theme.name}{key}", theme.name)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
        if combo.currentData() != self.session.filter:  # its theme was renamed or retired
            self.session.set_filter(combo.currentData())

    def _apply_filter(self, *_args) -> None:
        choice, resolution = self.session.filter, self.model.resolution()
        if choice is None or resolution is None:
            if choice is None and resolution is not None:
                self.tree_filter.apply(None, {})
            self.filter_banner.show_filter(None, 0, 0)
            return
        matched = self.tree_filter.apply(choice, self.session.tag_chips())
        total = sum(1 for _ in resolution.walk())
        self.filter_banner.show_filter("untagged" if choice == "untagged"
                                       else f"tagged {choice}", matched, total)

    def size_columns(self) -> None:
        """Column widths from the text itself (resizeColumnToContents asks every cell through
        data(), which costs more than the rest of opening a document)."""
        tree, resolution = self.tree, self.model.resolution()
        if resolution is None:
            return
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
        # Natural widths; TreeColumns shrinks them on a narrow pane (the text column elides).
        self.tree_columns.want([max(labels, default=60) + tree.indentation() + 16,
                                max(openings) + 16, 76])

    # -- selecting -----------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = self.tree.selectionModel().selectedRows(0)
        return [self.model.paragraph(i).id for i in rows]

    def select_paragraph(self, paragraph_id: str) -> bool:
        """Select one paragraph and scroll to it; False when it is absent or filtered out."""
        index = self.model.index_of(paragraph_id)
        if not index.isValid() or self.tree.isRowHidden(index.row(), index.parent()):
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        return True

    def show_paragraph(self, paragraph_id: str) -> bool:
        """Select a paragraph even if the tree filter hides it (the filter goes back to all)."""
        if self.select_paragraph(paragraph_id):
            return True
        self.filter_combo.setCurrentIndex(0)
        return self.select_paragraph(paragraph_id)


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
