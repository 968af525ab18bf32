"""The carry-forward queue: tags of the older version proposed on the aligned paragraphs of the
newer one (the comparison window), or shared tags that landed on another version here (the
review dialog): any clausemark.core.compare.ProposalQueue. Unchanged paragraphs are accepted in
one step; edited or moved ones one by one (accept, reject, or change the note first). Every
acceptance is an undoable command (and a shared tag's rejection too)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.compare import (
    ACCEPTED,
    PENDING,
    PRESENT,
    REJECTED,
    Proposal,
    ProposalQueue,
    dropped_tag_line,
)
from clausemark.core.errors import ClausemarkError
from clausemark.gui.compare.compare_model import score_text

_STATE_TEXT = {PENDING: "to review", ACCEPTED: "accepted", REJECTED: "rejected",
               PRESENT: "already tagged"}
_STATE_COLOUR = {PENDING: "#000000", ACCEPTED: "#1b6e1b", REJECTED: "#8a8a8a",
                 PRESENT: "#1b6e1b"}


class CarryForwardPanel(QWidget):
    proposalSelected = Signal(str)  # id of the paragraph in the newer version
    proposalChosen = Signal(object)  # the current Proposal (None: none)
    changed = Signal()              # something was accepted or rejected

    def __init__(self, review: ProposalQueue | None, undo_stack, parent=None):
        super().__init__(parent)
        self.setObjectName("carryForwardPanel")
        self.review, self.undo_stack = review, undo_stack
        self._build()
        self.refresh()

    def set_review(self, review: ProposalQueue | None) -> None:
        """Another pair of versions (None while they are being aligned)."""
        self.review = review
        self._set_titles()
        self.refresh()

    def _set_titles(self) -> None:
        queue = self.review or ProposalQueue
        self.title_label.setText(f"<b>{queue.title}</b>")
        self.list_label.setText(queue.list_title)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.summary = QLabel(objectName="carryForwardSummary")
        self.summary.setWordWrap(True)
        self.accept_same_button = QPushButton(objectName="acceptSameButton")
        self.accept_same_button.clicked.connect(self.accept_same)
        self.list = QListWidget(objectName="proposalList")
        self.list.currentRowChanged.connect(self._on_current)
        self.note = QLineEdit(objectName="proposalNote")
        self.note.setPlaceholderText("note carried with the tag")
        self.note.textEdited.connect(self._on_note_edited)
        self.accept_button = QPushButton("&Accept", objectName="acceptProposalButton")
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button = QPushButton("&Reject", objectName="rejectProposalButton")
        self.reject_button.clicked.connect(self.reject_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 0, 0, 0)
        self.title_label, self.list_label = QLabel(), QLabel()
        self._set_titles()
        box.addWidget(self.title_label)
        box.addWidget(self.summary)
        box.addWidget(self.accept_same_button)
        box.addWidget(self.list_label)
        box.addWidget(self.list, 1)
        box.addWidget(QLabel("Note"))
        box.addWidget(self.note)
        box.addLayout(buttons)

    # -- state ---------------------------------------------------------------------------------

    def reviewed(self) -> list[Proposal]:
        """The proposals listed for one-by-one review (not the unchanged ones)."""
        if self.review is None:
            return []
        return [p for p in self.review.proposals if p.status != "same"]

    def refresh(self) -> None:
        """Re-read from the library (after an accept, a reject, an undo or a redo)."""
        if self.review is None:
            self.list.clear()
            self.summary.setText("Aligning the versions…")
            self.accept_same_button.setText("Accept all unchanged")
            self.accept_same_button.setEnabled(False)
            self._update_buttons()
            return
        self.review.refresh()
        current = self.current_proposal()
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.reviewed():
            item = QListWidgetItem(f"{p.new_label}  ←  {p.old_label}   [{p.theme}]   "
                                   f"{p.status} {score_text(p.score)} — {_STATE_TEXT[p.state]}")
            item.setData(Qt.ItemDataRole.UserRole, p.key)
            item.setForeground(QBrush(QColor(_STATE_COLOUR[p.state])))
            if p.note:
                item.setToolTip(f"note: {p.note}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        keys = [p.key for p in self.reviewed()]
        if current is not None and current.key in keys:
            self.list.setCurrentRow(keys.index(current.key))
        elif keys:
            self._select_next_pending(0)
        same = len(self.review.pending_same())
        self.accept_same_button.setText(f"Accept all unchanged ({same})")
        self.accept_same_button.setEnabled(same > 0)
        summary = self.review.summary()
        lost = getattr(self.review, "orphaned", [])
        if lost:  # what carrying forward cannot keep, theme by theme
            summary += " Lost: " + "; ".join(dropped_tag_line(t) for t in lost) + "."
        self.summary.setText(summary)
        self._update_buttons()

    def current_proposal(self) -> Proposal | None:
        item = self.list.currentItem()
        if item is None or self.review is None:
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        return next((p for p in self.review.proposals if p.key == key), None)

    def _select_next_pending(self, start: int) -> None:
        reviewed = self.reviewed()
        for i in list(range(start, len(reviewed))) + list(range(start)):
            if reviewed[i].state in (PENDING,):
                self.list.setCurrentRow(i)
                return
        if reviewed and self.list.currentRow() < 0:
            self.list.setCurrentRow(min(start, len(reviewed) - 1))

    def _update_buttons(self) -> None:
        p = self.current_proposal()
        self.accept_button.setEnabled(p is not None and p.can_accept)
        self.reject_button.setEnabled(p is not None and p.state == PENDING)
        self.note.setEnabled(p is not None and p.can_accept)

    def _on_current(self, _row: int) -> None:
        p = self.current_proposal()
        self.note.setText(p.note if p else "")
        self._update_buttons()
        self.proposalChosen.emit(p)
        if p is not None and p.new_paragraph is not None:
            self.proposalSelected.emit(p.new_paragraph)

    def _on_note_edited(self, text: str) -> None:
        p = self.current_proposal()
        if p is not None:
            self.review.set_note(p, text)

    # -- actions -------------------------------------------------------------------------------

    def _run(self, action) -> None:
        try:
            action()
        except ClausemarkError as exc:
            QMessageBox.warning(self, self.review.title, str(exc))
        self.refresh()
        self.changed.emit()

    def accept_same(self) -> None:
        self._run(lambda: self.review.accept_same(self.undo_stack))

    def accept_current(self) -> None:
        p = self.current_proposal()
        if p is None:
            return
        row = self.list.currentRow()
        self._run(lambda: self.review.accept(p, self.undo_stack, note=self.note.text()))
        self._select_next_pending(row)

    def reject_current(self) -> None:
        p = self.current_proposal()
        if p is None:
            return
        row = self.list.currentRow()
        self._run(lambda: self.review.reject(p, self.undo_stack))
        self._select_next_pending(row)
