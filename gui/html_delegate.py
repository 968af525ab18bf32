"""One delegate for cells that hold rich text (search hits with marked words, compared
paragraphs with insertions and deletions): the HTML is laid out at the cell's width."""
from __future__ import annotations

from PySide6.QtCore import QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

MIN_TEXT_WIDTH = 50


class HtmlDelegate(QStyledItemDelegate):
    """Paints the HTML held in `role` of each item, wrapped to the width of the cell (of the
    column, in a table), inside `margins`."""

    def __init__(self, parent=None, *, role=Qt.ItemDataRole.DisplayRole,
                 margins: QMargins | None = None):
        super().__init__(parent)
        self.role = role
        self.margins = margins if margins is not None else QMargins()

    def _document(self, option: QStyleOptionViewItem, index, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(self.role) or "")
        doc.setTextWidth(max(width - self.margins.left() - self.margins.right(), MIN_TEXT_WIDTH))
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background, focus and selection as usual; the text drawn below
        opt.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter,
                                       opt.widget)
        doc = self._document(opt, index, opt.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text,
                                     opt.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(opt.rect.left() + self.margins.left(),
                          opt.rect.top() + self.margins.top())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        width = opt.rect.width()
        if view is not None and hasattr(view, "columnWidth"):  # wrap to the column, not the text
            width = view.columnWidth(index.column())
        doc = self._document(opt, index, width)
        return QSize(int(doc.idealWidth()) + self.margins.left() + self.margins.right(),
                     int(doc.size().height()) + self.margins.top() + self.margins.bottom())
