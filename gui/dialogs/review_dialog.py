"""File > Review shared tags...: the tags merged from other analysts' shares that landed on
another version here (or on a document not here), reviewed as tags are carried forward: the same
queue panel as the comparison window (accept all unchanged, accept with a note, reject), with
the sender's paragraph and the aligned one here side by side, the changed words marked.

Every decision is a command on the main window's undo stack: Ctrl+Z undoes it here and, after
the dialog is closed, in the main window."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clausemark.core.team import SharedReview
from clausemark.gui import screen_fit
from clausemark.gui.compare.carry_forward_panel import CarryForwardPanel
from clausemark.gui.compare.compare_model import score_text, texts_html
from clausemark.gui.window import undo_steps


class ReviewDialog(QDialog):
    def __init__(self, library, undo_stack, parent=None, *, document_id: int | None = None):
        """`document_id`: only the shared tags that landed on that document."""
        super().__init__(parent, objectName="reviewDialog")
        self.library, self.undo_stack = library, undo_stack
        self.review = SharedReview(library, document_id=document_id)
        self.setWindowTitle("Review shared tags" + (
            f" on {library.document(document_id).display_name}" if document_id else ""))
        self.panel = CarryForwardPanel(self.review, undo_stack)
        self.panel.proposalChosen.connect(self.show_proposal)
        self.old_title, self.new_title = QLabel(), QLabel()
        self.old_text = QTextBrowser(objectName="reviewOldText")
        self.new_text = QTextBrowser(objectName="reviewNewText")
        sides = QSplitter()
        for title, view in ((self.old_title, self.old_text), (self.new_title, self.new_text)):
            pane = QWidget()
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            title.setWordWrap(True)
            box.addWidget(title)
            box.addWidget(view, 1)
            sides.addWidget(pane)
        split = QSplitter()
        split.addWidget(self.panel)
        split.addWidget(sides)
        split.setSizes([420, 700])
        self.undo_button = QPushButton("Undo", objectName="reviewUndo")
        self.redo_button = QPushButton("Redo", objectName="reviewRedo")
        self.undo_action = QAction("Undo", self, shortcut=QKeySequence.StandardKey.Undo)
        self.redo_action = QAction("Redo", self, shortcut=QKeySequence.StandardKey.Redo)
        self.undo_action.triggered.connect(lambda: self.step(redo=False))
        self.redo_action.triggered.connect(lambda: self.step(redo=True))
        self.addActions([self.undo_action, self.redo_action])
        self.undo_button.clicked.connect(self.undo_action.trigger)
        self.redo_button.clicked.connect(self.redo_action.trigger)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        screen_fit.fit_window(self, 1200, 700)
        # The stack is the main window's and outlives this dialog: stop listening when it closes.
        stop = undo_stack.on_change(self._on_undo_change)
        self.finished.connect(lambda _result: stop())
        self._on_undo_change()
        self.show_proposal(self.panel.current_proposal())

    def step(self, redo: bool) -> None:
        undo_steps.step(self, self.undo_stack, redo=redo, title="Review shared tags")

    def _on_undo_change(self) -> None:
        self.panel.refresh()
        undo_steps.label_actions(self.undo_stack, self.undo_action, self.redo_action)
        self.undo_button.setEnabled(self.undo_stack.can_undo)
        self.redo_button.setEnabled(self.undo_stack.can_redo)
        self.undo_button.setToolTip(self.undo_action.text().replace("&", "") + " (Ctrl+Z)")

    def show_proposal(self, p) -> None:
        """The sender's paragraph and the aligned one here, changed words marked."""
        if p is None:
            for title, view in ((self.old_title, self.old_text),
                                (self.new_title, self.new_text)):
                title.setText("")
                view.clear()
            return
        old, new = texts_html(p.old_text, p.new_text, p.status)
        self.old_title.setText(f"<b>Their version: {p.old_label}</b> [{p.theme}]")
        self.new_title.setText(f"<b>Here: {p.new_label}</b> ({p.status} "
                               f"{score_text(p.score)})")
        self.old_text.setHtml(old)
        self.new_text.setHtml(new or "<i>no aligned paragraph here</i>")
