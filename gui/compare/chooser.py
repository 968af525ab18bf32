"""Document > Compare with… (Ctrl+K): choose the earlier version to compare the open document
with. The proposed earlier versions come first, ranked, each with why it is proposed; then every
other document of the library. Typing filters both lists.

    chooser = CompareChooser(library, document_id, parent)
    if chooser.exec():
        chooser.chosen_id()

The proposals read every earlier text (about a second for a few hundred documents), so they are
found on a worker: the other documents are listed at once, the proposals join them when found
(`ready` is emitted then).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from clausemark.core.compare import propose_earlier
from clausemark.gui import ops, screen_fit

_ID = Qt.ItemDataRole.UserRole
_HEADING = Qt.ItemDataRole.UserRole + 1


def _proposals_in_worker(lib, document_id: int):
    return propose_earlier(lib, document_id)


class CompareChooser(QDialog):
    ready = Signal()  # the proposed earlier versions are listed

    def __init__(self, library, document_ref, parent=None, *, current=None):
        super().__init__(parent)
        self.setObjectName("compareChooser")
        self.library = library
        self.document = library.document(document_ref)
        self.setWindowTitle(f"Compare {self.document.display_name} with…")
        self.proposed = None
        self._current = current
        self._build()
        self._fill()
        if library.path is None:
            self._found(propose_earlier(library, self.document.id))
        else:
            doc_id = self.document.id
            ops.run_read(self, lambda lib: _proposals_in_worker(lib, doc_id), self._found,
                         library_path=library.path, on_error=lambda _exc: self._found([]))

    def _found(self, proposed) -> None:
        if self.proposed is not None:
            return
        chosen = self.chosen_id()
        self.proposed = proposed
        self._fill(chosen)
        self.ready.emit()

    @property
    def is_ready(self) -> bool:
        return self.proposed is not None

    def _build(self) -> None:
        self.filter = QLineEdit(objectName="chooserFilter")
        self.filter.setPlaceholderText("Type to filter by symbol or title")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.list = QListWidget(objectName="chooserList")
        self.list.itemDoubleClicked.connect(lambda item: self._accept_item(item))
        self.list.currentItemChanged.connect(lambda *_: self._update_ok())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Compare")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(f"Earlier version of <b>{self.document.display_name}</b> "
                             f"({self.document.title or 'no title'}):"))
        box.addWidget(self.filter)
        box.addWidget(self.list, 1)
        box.addWidget(self.buttons)
        screen_fit.fit_window(self, 640, 480)
        self.filter.setFocus()

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setData(_HEADING, True)
        self.list.addItem(item)

    def _item(self, doc, reason: str | None) -> QListWidgetItem:
        when = (doc.adopted or (f"distributed {doc.distributed}" if doc.date else None)
                or "no date")
        text = f"{doc.display_name}   {when}   {doc.title or ''}"
        if reason:
            text += f"\n      {reason}"
        item = QListWidgetItem(text)
        item.setData(_ID, doc.id)
        item.setToolTip(reason or doc.title or "")
        if not reason:
            item.setForeground(QBrush(QColor("#333333")))
        self.list.addItem(item)
        return item

    def _fill(self, chosen=None) -> None:
        self.list.clear()
        proposed = self.proposed or []
        proposed_ids = {p.document.id for p in proposed}
        self._heading("Finding the earlier versions…" if self.proposed is None
                      else "Proposed earlier versions" if proposed
                      else "No earlier version proposed (no same title or shared text)")
        for p in proposed:
            self._item(p.document, p.reason)
        self._heading("All other documents")
        others = [d for d in self.library.documents()
                  if d.id != self.document.id and d.id not in proposed_ids]
        for doc in sorted(others, key=lambda d: (d.display_name.lower(), d.id)):
            self._item(doc, None)
        wanted = next((w for w in (chosen, self._current) if w is not None),
                      proposed[0].document.id if proposed else None)
        for row in range(self.list.count()):
            if wanted is not None and self.list.item(row).data(_ID) == wanted:
                self.list.setCurrentRow(row)
                break
        self.apply_filter(self.filter.text())

    def apply_filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_HEADING):
                continue
            item.setHidden(not all(w in item.text().lower() for w in words))
        current = self.list.currentItem()
        if words and (current is None or current.isHidden()):  # typing picks the first match
            visible = [self.list.item(r) for r in range(self.list.count())
                       if self.list.item(r).data(_ID) is not None
                       and not self.list.item(r).isHidden()]
            self.list.setCurrentItem(visible[0] if visible else None)
        self._update_ok()

    def documents(self) -> list[int]:
        """The ids listed, in order, visible or not (proposed ones first)."""
        return [self.list.item(r).data(_ID) for r in range(self.list.count())
                if self.list.item(r).data(_ID) is not None]

    def chosen_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(_ID) if item is not None and not item.isHidden() else None

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.chosen_id() is not None)

    def _accept_item(self, item) -> None:
        if item.data(_ID) is not None:
            self.list.setCurrentItem(item)
            self.accept()


def choose_earlier(library, document_ref, parent=None, current=None) -> int | None:
    """Ask which earlier version to compare with; None when the analyst cancels."""
    chooser = CompareChooser(library, document_ref, parent, current=current)
    return chooser.chosen_id() if chooser.exec() == QDialog.DialogCode.Accepted else None
