"""The PDF pages, stacked for continuous scrolling, with paragraph highlights.

Scene coordinates are PDF points (page 1 at the top), so a paragraph box (page, x0, y0, x1, y1)
maps straight onto the scene. Pages are rendered lazily with pymupdf when they come into view.
"""
from __future__ import annotations

import pymupdf
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView

PAGE_GAP = 12.0  # points between pages
HIGHLIGHT = QColor(255, 200, 0, 90)
HIGHLIGHT_EDGE = QColor(230, 150, 0, 200)


def render_page(page: "pymupdf.Page", scale: float) -> QImage:
    """Render one page at `scale` pixels per point; the QImage owns a copy of the samples."""
    pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    image = QImage(pix.samples, pix.width, pix.height, pix.stride, QImage.Format.Format_RGB888)
    return image.copy()


class PdfView(QGraphicsView):
    paragraphClicked = Signal(int, float, float)  # page (from 1), x, y in PDF points

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("pdfView")
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor("#5f6368"))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self._doc: pymupdf.Document | None = None
        self._page_rects: list[QRectF] = []
        self._page_items: list[QGraphicsPixmapItem | None] = []
        self._highlights: list[QGraphicsRectItem] = []
        self._tints: list[QGraphicsRectItem] = []
        self._zoom = 1.0
        self._fit_width = True
        self.verticalScrollBar().valueChanged.connect(self._render_visible)

    # -- document ------------------------------------------------------------------------------

    def set_pdf(self, data: bytes | None) -> None:
        self.scene().clear()
        self._highlights, self._page_items, self._page_rects = [], [], []
        self._tints = []
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        if not data:
            return
        self._doc = pymupdf.open(stream=data, filetype="pdf")
        y = 0.0
        for page in self._doc:
            rect = QRectF(0, y, page.rect.width, page.rect.height)
            self._page_rects.append(rect)
            paper = self.scene().addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(Qt.GlobalColor.white))
            paper.setZValue(-1)
            y += rect.height() + PAGE_GAP
            self._page_items.append(None)
        self.scene().setSceneRect(QRectF(-PAGE_GAP, -PAGE_GAP, self._widest() + 2 * PAGE_GAP,
                                         y + PAGE_GAP))
        self._apply_zoom()

    def page_count(self) -> int:
        return len(self._page_rects)

    def rendered_pages(self) -> list[int]:
        return [i + 1 for i, item in enumerate(self._page_items) if item is not None]

    def _widest(self) -> float:
        return max((r.width() for r in self._page_rects), default=0.0)

    # -- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        self._fit_width = False
        self._zoom = max(0.25, min(zoom, 6.0))
        self._apply_zoom()

    def fit_width(self) -> None:
        self._fit_width = True
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        if self._fit_width and self._page_rects:
            available = self.viewport().width() - 4
            self._zoom = max(0.25, available / (self._widest() + 2 * PAGE_GAP))
        self.resetTransform()
        self.scale(self._zoom, self._zoom)
        # Pages rendered at the old zoom would be blurry or wasteful: drop and re-render.
        for i, item in enumerate(self._page_items):
            if item is not None:
                self.scene().removeItem(item)
                self._page_items[i] = None
        self._render_visible()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit_width:
            self._apply_zoom()

    def _render_visible(self, *_args) -> None:
        if self._doc is None:
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        # Crisp on high-DPI screens: render at device pixels, not logical ones.
        scale = self._zoom * self.devicePixelRatioF()
        for i, rect in enumerate(self._page_rects):
            if self._page_items[i] is None and rect.intersects(visible):
                image = render_page(self._doc[i], scale)
                item = self.scene().addPixmap(QPixmap.fromImage(image))
                item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
                item.setScale(1.0 / scale)
                item.setPos(rect.topLeft())
                item.setZValue(0)
                self._page_items[i] = item

    # -- highlights ------------------------------------------------------------------------------

    def box_rect(self, box) -> QRectF:
        page, x0, y0, x1, y1 = box
        top = self._page_rects[page - 1].top()
        return QRectF(x0, top + y0, x1 - x0, y1 - y0)

    def highlight(self, boxes) -> None:
        """Draw the paragraph's boxes and scroll so the first one is in view."""
        for item in self._highlights:
            self.scene().removeItem(item)
        self._highlights = []
        boxes = [b for b in boxes or [] if 1 <= b[0] <= len(self._page_rects)]
        for box in boxes:
            item = self.scene().addRect(self.box_rect(box).adjusted(-2, -1, 2, 1),
                                        QPen(HIGHLIGHT_EDGE, 0), QBrush(HIGHLIGHT))
            item.setZValue(1)
            self._highlights.append(item)
        if boxes:
            first = self.box_rect(boxes[0])
            self.centerOn(first.center().x(), first.top() + self.viewport().height()
                          / self._zoom / 2 - 40 / self._zoom)
            self._render_visible()

    def set_tints(self, tinted) -> None:
        """Tint tagged paragraphs: `tinted` is [(boxes, "#RRGGBB")], one entry per theme tag;
        several themes on one paragraph stack as thin bands in the left margin."""
        for item in self._tints:
            self.scene().removeItem(item)
        self._tints = []
        bands: dict[tuple, int] = {}
        for boxes, colour in tinted:
            fill = QColor(colour)
            fill.setAlpha(40)
            edge = QColor(colour)
            # One bar column per paragraph, left of its leftmost line (first lines are indented).
            margin = min((b[1] for b in boxes), default=0.0)
            for box in boxes:
                if not 1 <= box[0] <= len(self._page_rects):
                    continue
                rect = self.box_rect(box)
                key = tuple(box)
                band = bands.get(key, 0)
                bands[key] = band + 1
                if band == 0:
                    wash = self.scene().addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(fill))
                    wash.setZValue(0.5)
                    self._tints.append(wash)
                bar = self.scene().addRect(QRectF(margin - 8 - 4 * band, rect.top(), 3,
                                                  rect.height()),
                                           QPen(Qt.PenStyle.NoPen), QBrush(edge))
                bar.setZValue(0.5)
                self._tints.append(bar)

    def tint_count(self) -> int:
        return len(self._tints)

    def highlighted(self) -> list[QRectF]:
        return [item.rect() for item in self._highlights]

    def mousePressEvent(self, event) -> None:
        point = self.mapToScene(event.position().toPoint())
        for i, rect in enumerate(self._page_rects):
            if rect.contains(point):
                self.paragraphClicked.emit(i + 1, point.x(), point.y() - rect.top())
                break
        super().mousePressEvent(event)
