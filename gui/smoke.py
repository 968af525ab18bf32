"""`clausemark --smoke-test`: a non-interactive run of the real app, for checking a packaged build
(tests/packaging). It opens the first document of the library, tags its first paragraph not yet
carrying theme 1 by pressing key 1 in the paragraph tree (the same path a user's key takes),
prints what it did on stdout and quits with 0; any failure prints a reason and quits with 1."""
from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def start(window) -> None:
    print("smoke: window shown", flush=True)
    QTimer.singleShot(0, lambda: _run(window))


def _run(window) -> None:
    code = 1
    try:
        if window.library_model.rowCount() == 0:
            raise RuntimeError("the library has no documents")
        window.library_view.selectRow(0)
        resolution = window.paragraph_model.resolution()
        theme = window.theme_model.theme_for_shortcut(1)
        tagged = {t.paragraph for t in window.library.tags.list(document=window.document_id,
                                                            theme=theme.id)}
        first = next(p for p in resolution.walk() if p.id not in tagged)
        window.paragraphs.select_paragraph(first.id)
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1")
        QApplication.sendEvent(window.paragraph_tree, key)
        tag = window.library.tags.find(window.document_id, first.id, theme.id)
        if tag is None:
            raise RuntimeError(f"key 1 on {first.label} made no tag")
        print(f"smoke: opened {resolution.symbol} ({window.pdf_view.page_count()} pages), "
              f"tagged {tag.citation} with {tag.theme}", flush=True)
        code = 0
    except Exception:  # report anything: this is a test harness
        print("smoke: FAILED\n" + traceback.format_exc(), file=sys.stderr, flush=True)
    window.close()
    QApplication.instance().exit(code)
