"""The PDF pages, stacked for continuous scrolling, with paragraph highlights and theme tints.

Scene coordinates are PDF points (page 1 at the top), so a paragraph box (page, x0, y0, x1, y1)
maps straight onto the scene. Pages are rendered by the shared PageRenderer (another process)
when they come near the viewport, at device pixels so they are crisp on high-DPI screens.
Rendered pages are kept in a small cache; after a zoom the old image stays on screen, scaled,
until the sharp one arrives, so the view never goes blank."""
from __future__ import annotations

import hashlib
from collections import OrderedDict

import pymupdf
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
)

from clausemark.core.errors import ClausemarkError
from clausemark.gui.pdf.page_renderer import PageRenderer, shared_renderer

PAGE_GAP = 12.0  # points between pages
HIGHLIGHT = QColor(255, 200, 0, 90)
HIGHLIGHT_EDGE = QColor(230, 150, 0, 200)
CACHE_PAGES = 40  # rendered pages kept (about 1 MB each at fit width)
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.25, 6.0, 1.25


class PdfView(QGraphicsView):
    paragraphClicked = Signal(int, float, float)  # page (from 1), x, y in PDF points
    zoomChanged = Signal(float)

    def __init__(self, parent=None, renderer: PageRenderer | None = None):
        super().__init__(parent)
        self.setObjectName("pdfView")
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor("#5f6368"))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # A steady viewport width: a scroll bar coming and going would change the fit-width
        # zoom, and every page would be rendered again at the new scale.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._renderer = renderer or shared_renderer()
        self._renderer.rendered.connect(self._on_rendered)
        self._renderer.start()  # the rendering process warms up while the window opens
        self._data: bytes | None = None
        self._key = ""
        self._page_rects: list[QRectF] = []
        self._page_items: list[QGraphicsPixmapItem | None] = []
        self._page_scale: list[float] = []  # scale of the image each page shows now
        self._cache: OrderedDict[tuple[str, int, float], QPixmap] = OrderedDict()
        self._highlights: list[QGraphicsRectItem] = []
        self._tints: list[QGraphicsPathItem] = []  # one per colour and kind of tint
        self._tint_rects = 0  # the rectangles those paths draw
        self._zoom = 1.0
        self._fit_width = True
        self.verticalScrollBar().valueChanged.connect(self._request_visible)
        self.horizontalScrollBar().valueChanged.connect(self._request_visible)

    # -- document ------------------------------------------------------------------------------

    def set_pdf(self, data: bytes | None) -> None:
        """Show a PDF (its bytes), or nothing. Page sizes are read here; pixels come later.
        Raises ClausemarkError (and shows nothing) when the bytes are not a readable PDF."""
        self.scene().clear()
        self._highlights, self._tints, self._tint_rects = [], [], 0
        self._page_items, self._page_rects, self._page_scale = [], [], []
        self._data, self._key = data or None, ""
        if not data:
            return
        self._key = hashlib.sha1(data).hexdigest()
        self._renderer.forget_others(self._key)
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except (RuntimeError, ValueError) as exc:  # pymupdf's FileDataError is a RuntimeError
            self._data, self._key = None, ""
            raise ClausemarkError(f"the stored PDF cannot be displayed ({exc})") from None
        with doc:
            sizes = [(page.rect.width, page.rect.height) for page in doc]
        self._lay_out(sizes)
        # Every page, the first included, is drawn by the rendering process (page 1 is asked
        # for first): drawing it here held the GUI thread for 40-90 ms per opened document.
        self._request_visible()

    def _lay_out(self, sizes) -> None:
        y = 0.0
        for width, height in sizes:
            rect = QRectF(0, y, width, height)
            self._page_rects.append(rect)
            paper = self.scene().addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(Qt.GlobalColor.white))
            paper.setZValue(-1)
            y += height + PAGE_GAP
            self._page_items.append(None)
            self._page_scale.append(0.0)
        self.scene().setSceneRect(QRectF(-PAGE_GAP, -PAGE_GAP, self._widest() + 2 * PAGE_GAP,
                                         y + PAGE_GAP))
        self._apply_zoom(request=False)

    def page_count(self) -> int:
        return len(self._page_rects)

    def rendered_pages(self) -> list[int]:
        """Pages (from 1) showing an image at the current zoom."""
        scale = self._render_scale()
        return [i + 1 for i, s in enumerate(self._page_scale) if s == scale]

    def _widest(self) -> float:
        return max((r.width() for r in self._page_rects), default=0.0)

    # -- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self._zoom

    def is_fit_width(self) -> bool:
        return self._fit_width

    def set_zoom(self, zoom: float) -> None:
        self._fit_width = False
        self._zoom = max(ZOOM_MIN, min(zoom, ZOOM_MAX))
        self._apply_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        self._fit_width = True
        self._apply_zoom()

    def _apply_zoom(self, request: bool = True) -> None:
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if self._fit_width
                                          else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self._fit_width and self._page_rects:
            available = self.viewport().width() - 4
            self._zoom = max(ZOOM_MIN, available / (self._widest() + 2 * PAGE_GAP))
        center = self.mapToScene(self.viewport().rect().center())
        self.resetTransform()
        self.scale(self._zoom, self._zoom)
        self.centerOn(center)
        if request:
            self._request_visible()
        self.zoomChanged.emit(self._zoom)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit_width:
            self._apply_zoom()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    # -- rendering -----------------------------------------------------------------------------

    def _render_scale(self) -> float:
        # Device pixels per point, rounded so that small resizes reuse cached pages.
        return round(self._zoom * self.devicePixelRatioF(), 2)

    def _request_visible(self, *_args) -> None:
        if not self._data:
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        # One screen ahead and behind, so scrolling finds pages ready.
        ahead = visible.adjusted(0, -visible.height(), 0, visible.height())
        # Pages far out of view give their pixels back (the bounded cache may still hold them).
        keep = self._keep_area()
        scale = self._render_scale()
        for i, rect in enumerate(self._page_rects):
            item = self._page_items[i]
            if item is not None and not rect.intersects(keep):
                self.scene().removeItem(item)
                self._page_items[i], self._page_scale[i] = None, 0.0
                continue
            if self._page_scale[i] == scale or not rect.intersects(ahead):
                continue
            cached = self._cache.get((self._key, i, scale))
            if cached is not None:
                self._cache.move_to_end((self._key, i, scale))
                self._show(i, cached, scale)
            else:
                self._renderer.request(self._key, self._data, i, scale)

    def _keep_area(self) -> QRectF:
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        return visible.adjusted(0, -4 * visible.height(), 0, 4 * visible.height())

    def _on_rendered(self, key: str, page: int, scale: float, image: QImage) -> None:
        if key != self._key:
            return  # another document (or another view's)
        pixmap = QPixmap.fromImage(image)
        self._cache[(key, page, scale)] = pixmap
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        if (scale == self._render_scale() and page < len(self._page_rects)
                and self._page_rects[page].intersects(self._keep_area())):
            self._show(page, pixmap, scale)  # (a page scrolled far away meanwhile stays cached)

    def _show(self, page: int, pixmap: QPixmap, scale: float) -> None:
        item = self._page_items[page]
        if item is None:
            item = self.scene().addPixmap(pixmap)
            item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
            item.setPos(self._page_rects[page].topLeft())
            item.setZValue(0)
            self._page_items[page] = item
        else:
            item.setPixmap(pixmap)
        # By the width the image has: a huge page comes back smaller than asked (pixel budget).
        width = pixmap.width() or 1
        item.setScale(self._page_rects[page].width() / width if width > 1 else 1.0 / scale)
        self._page_scale[page] = scale

    # -- highlights ------------------------------------------------------------------------------

    def box_rect(self, box) -> QRectF:
        page, x0, y0, x1, y1 = box
        top = self._page_rects[page - 1].top()
        return QRectF(x0, top + y0, x1 - x0, y1 - y0)

    def _valid(self, boxes) -> list:
        return [b for b in boxes or [] if 1 <= b[0] <= len(self._page_rects)]

    def highlight(self, boxes, scroll: bool = True) -> None:
        """Draw the paragraph's boxes and (optionally) scroll so the first one is in view."""
        for item in self._highlights:
            self.scene().removeItem(item)
        self._highlights = []
        boxes = self._valid(boxes)
        for box in boxes:
            item = self.scene().addRect(self.box_rect(box).adjusted(-2, -1, 2, 1),
                                        QPen(HIGHLIGHT_EDGE, 0), QBrush(HIGHLIGHT))
            item.setZValue(1)
            self._highlights.append(item)
        if boxes and scroll:
            self.scroll_to_box(boxes[0])

    def scroll_to_box(self, box) -> None:
        """Bring a box near the top third of the viewport, unless it is fully visible."""
        rect = self.box_rect(box)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if visible.contains(rect):
            return
        self.centerOn(rect.center().x(), rect.top() + visible.height() / 2 - visible.height() / 4)
        self._request_visible()

    def set_tints(self, tinted) -> None:
        """Tint tagged paragraphs: `tinted` is [(boxes, "#RRGGBB", solid)], one entry per theme;
        several themes on one paragraph stack as bands in the left margin. Solid entries are
        tags (a wash and a filled bar); others (suggestions) get an outlined bar only. The
        rectangles of one colour and kind share one path item: a long resolution's hundreds
        of items cost the GUI thread tens of milliseconds on each change of tags."""
        for item in self._tints:
            self.scene().removeItem(item)
        self._tints, self._tint_rects = [], 0
        bands: dict[tuple, int] = {}
        paths: dict[tuple[str, str], QPainterPath] = {}  # (kind, colour) -> its rectangles

        def add(kind: str, colour: str, rect: QRectF) -> None:
            paths.setdefault((kind, colour), QPainterPath()).addRect(rect)
            self._tint_rects += 1

        for entry in tinted:
            boxes, colour = entry[0], entry[1]
            solid = entry[2] if len(entry) > 2 else True
            # One bar column per paragraph, left of its leftmost line (first lines are indented).
            margin = min((b[1] for b in boxes), default=0.0)
            for box in self._valid(boxes):
                rect = self.box_rect(box)
                key = tuple(box)
                band = bands.get(key, 0)
                bands[key] = band + 1
                if band == 0 and solid:
                    add("wash", colour, rect)
                add("bar" if solid else "outline", colour,
                    QRectF(margin - 8 - 5 * band, rect.top(), 3.5, rect.height()))
        for (kind, colour), path in paths.items():
            if kind == "wash":
                fill = QColor(colour)
                fill.setAlpha(40)
                pen, brush = QPen(Qt.PenStyle.NoPen), QBrush(fill)
            elif kind == "bar":
                pen, brush = QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour))
            else:
                pen, brush = QPen(QColor(colour), 0.8), QBrush(Qt.BrushStyle.NoBrush)
            item = self.scene().addPath(path, pen, brush)
            item.setZValue(0.5)
            self._tints.append(item)

    def tint_count(self) -> int:
        """How many tint rectangles (washes and bars) are drawn."""
        return self._tint_rects

    def highlighted(self) -> list[QRectF]:
        return [item.rect() for item in self._highlights]

    def scene_point(self, page: int, x: float, y: float):
        """Viewport position of a point on a page (for tests and tooltips)."""
        top = self._page_rects[page - 1].top()
        return self.mapFromScene(x, top + y)

    def mousePressEvent(self, event) -> None:
        point = self.mapToScene(event.position().toPoint())
        for i, rect in enumerate(self._page_rects):
            if rect.contains(point):
                self.paragraphClicked.emit(i + 1, point.x(), point.y() - rect.top())
                break
        super().mousePressEvent(event)
