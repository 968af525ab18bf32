"""Render PDF pages to raw RGB samples, for the viewer's rendering process.

pymupdf holds the GIL while it renders, so a render on a thread would still freeze the GUI for
tens of milliseconds; the app runs `render_page` in a separate process instead. Documents stay
open in that process between calls (keyed by the caller), so a page costs one render, not a
re-open of the file."""
from __future__ import annotations

from collections import OrderedDict

import pymupdf

_OPEN: OrderedDict[str, pymupdf.Document] = OrderedDict()
_KEEP_OPEN = 4  # documents kept open in the rendering process
# Pixels in one rendered page, at most: an A4 page at 4x zoom is 8 million; a page "larger than
# any real page" (200 x 200 inches) at 1x would be 200 million (600 MB) and is drawn smaller.
MAX_PIXELS = 16_000_000


def _document(key: str, data: bytes) -> pymupdf.Document:
    doc = _OPEN.get(key)
    if doc is None:
        doc = pymupdf.open(stream=data, filetype="pdf")
        _OPEN[key] = doc
        while len(_OPEN) > _KEEP_OPEN:
            _OPEN.popitem(last=False)[1].close()
    _OPEN.move_to_end(key)
    return doc


def render_page(key: str, data: bytes, page: int, scale: float) -> tuple[int, int, int, bytes]:
    """Page `page` (from 0) of the PDF `data` at `scale` pixels per point, as
    (width, height, stride, RGB bytes)."""
    return render_loaded_page(_document(key, data)[page], scale)


def budget_scale(width: float, height: float, scale: float) -> float:
    """`scale`, reduced so that a `width` x `height` point page stays within MAX_PIXELS."""
    area = max(width, 1.0) * max(height, 1.0) * scale * scale
    if area <= MAX_PIXELS:
        return scale
    return scale * (MAX_PIXELS / area) ** 0.5 * 0.999


def render_loaded_page(page: pymupdf.Page, scale: float) -> tuple[int, int, int, bytes]:
    """The page at `scale` pixels per point, or smaller when that would exceed MAX_PIXELS
    (the caller scales the image by the page width it gets back)."""
    scale = budget_scale(page.rect.width, page.rect.height, scale)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False)
    return pix.width, pix.height, pix.stride, bytes(pix.samples)


def warm_up() -> bool:
    """Called once when the process starts, so the first real page does not pay the imports."""
    return pymupdf.__version__ is not None
