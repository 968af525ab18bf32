"""Page rendering off the GUI thread: a one-process pool renders pages with pymupdf and the
images come back to the GUI thread through a signal.

One renderer serves the whole app (several views share it). If the rendering process cannot
start or dies, pages are rendered in this process instead: slower to scroll, never blank."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from clausemark.core.parse import render_page, warm_up_renderer


def image_from_samples(width: int, height: int, stride: int, samples: bytes) -> QImage:
    # QImage does not own `samples`: the conversion copies, so the image outlives the bytes.
    # RGB32 is the screen's pixel format: QPixmap.fromImage then copies without converting.
    image = QImage(samples, width, height, stride, QImage.Format.Format_RGB888)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _image_of(future: Future) -> QImage | None:
    """The page's image, built where the result arrives (the pool's thread, not the GUI's)."""
    if future.cancelled() or future.exception() is not None:
        return None
    return image_from_samples(*future.result())


class PageRenderer(QObject):
    # key, page (from 0), scale, image
    rendered = Signal(str, int, float, QImage)
    _done = Signal(object, str, int, float, object)  # future, key, page, scale, image or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[tuple[str, int, float], Future | None] = {}
        self._in_process = False
        self._done.connect(self._deliver)

    def start(self) -> None:
        """Start the rendering process now (it imports pymupdf while the window opens)."""
        if self._pool is None and not self._in_process:
            try:
                self._pool = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("spawn"))
                self._pool.submit(warm_up_renderer)
            except (OSError, RuntimeError):
                self._pool, self._in_process = None, True

    def request(self, key: str, data: bytes, page: int, scale: float) -> None:
        job = (key, page, scale)
        if job in self._pending:
            return
        self.start()
        self._pending[job] = None
        if self._pool is not None:
            try:
                future = self._pool.submit(render_page, key, data, page, scale)
            except RuntimeError:  # the pool broke or was shut down: render here from now on
                self._pool, self._in_process = None, True
            else:
                self._pending[job] = future
                future.add_done_callback(
                    lambda f: self._done.emit(f, key, page, scale, _image_of(f)))
                return
        future = Future()
        try:
            future.set_result(render_page(key, data, page, scale))
        except Exception as exc:  # a damaged page: reported like a process failure
            future.set_exception(exc)
        self._deliver(future, key, page, scale, _image_of(future))

    def forget_others(self, key: str) -> None:
        """Drop queued pages of other documents: the analyst has moved on."""
        for job, future in list(self._pending.items()):
            if job[0] != key and future is not None and future.cancel():
                self._pending.pop(job, None)  # (cancel() may already have delivered it)

    def _deliver(self, future: Future, key: str, page: int, scale: float, image) -> None:
        self._pending.pop((key, page, scale), None)
        if future.cancelled():
            return
        if image is None:
            if self._pool is not None and future.exception() is not None and _broken(future):
                self._pool, self._in_process = None, True
            return  # a page that cannot be rendered stays a blank sheet
        self.rendered.emit(key, page, scale, image)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self._pending.clear()


def _broken(future: Future) -> bool:
    from concurrent.futures.process import BrokenProcessPool
    return isinstance(future.exception(), BrokenProcessPool)


_shared: PageRenderer | None = None


def shared_renderer() -> PageRenderer:
    """The app's renderer; shut down when the QApplication quits."""
    global _shared
    if _shared is None:
        from PySide6.QtCore import QCoreApplication
        _shared = PageRenderer()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(_shutdown_shared)
    return _shared


def _shutdown_shared() -> None:
    global _shared
    if _shared is not None:
        _shared.shutdown()
        _shared = None
