"""The notes on the selected paragraph's tags: pick a tagged theme, write the note.

There is no Save button: a note is saved (as one undoable step) when typing pauses, when the
editor loses focus, and before another paragraph or tag is shown. It follows the selection of a
DocumentSession."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from clausemark.core.library import Tag
from clausemark.gui.swatches import swatch

SAVE_AFTER_MS = 800


class NoteEditor(QPlainTextEdit):
    focusLost = Signal()

    def event(self, event) -> bool:
        # Ctrl+Z / Ctrl+Shift+Z with nothing typed here to undo or redo: let the window's
        # undo have the key (the editor would otherwise swallow it and do nothing).
        if event.type() == QEvent.Type.ShortcutOverride and (
                (event.matches(QKeySequence.StandardKey.Undo)
                 and not self.document().isUndoAvailable())
                or (event.matches(QKeySequence.StandardKey.Redo)
                    and not self.document().isRedoAvailable())):
            event.ignore()
            return True
        return super().event(event)

    def focusOutEvent(self, event) -> None:
        self.focusLost.emit()
        super().focusOutEvent(event)


class NotePanel(QWidget):
    noteEdited = Signal(int, str)  # tag id, new note: the window turns it into an undo command

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._tags: list[Tag] = []
        self._saved: dict[int, str] = {}
        self._shown_id: int | None = None  # the tag whose note the editor holds
        self.title = QLabel("<b>Notes</b>")
        self.tag_choice = QComboBox(objectName="noteTheme")
        # A long theme name elides in the box rather than widening the pane (and narrowing
        # the PDF).
        self.tag_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_choice.setMinimumContentsLength(16)
        self.tag_choice.currentIndexChanged.connect(self._show_current)
        self.editor = NoteEditor(objectName="noteEditor")
        self.editor.setPlaceholderText("Select a tagged paragraph to write a note on its tag.")
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_typed)
        self.editor.focusLost.connect(self.save)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.tag_choice)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.addLayout(top)
        box.addWidget(self.editor)
        self.set_tags([], "")
        session.selectionChanged.connect(self.show_selection)
        session.tagsChanged.connect(self.show_selection)
        session.themesChanged.connect(self.show_selection)

    def show_selection(self, *_args) -> None:
        """The notes of the one selected paragraph's tags (none for zero or many)."""
        self.save()  # before reading the library: the note being typed goes first
        session = self.session
        selected = session.selected_ids()
        if len(selected) != 1 or session.document is None:
            message = ("Select one paragraph to see the notes on its tags." if selected else None)
            self.set_tags([], "", message=message)
            return
        paragraph = session.paragraph(selected[0])
        self.set_tags(session.tags_on(selected[0]), paragraph.label if paragraph else selected[0],
                      session.theme_colours())

    def set_tags(self, tags: list[Tag], label: str, colours: dict[int, str] | None = None,
                 message: str | None = None) -> None:
        """Show the tags of one paragraph (`label` like "OP 5 (a)"); keep the chosen theme."""
        self.save()
        self._shown_id = None
        keep = self.current_tag().theme_id if self.current_tag() else None
        self._tags = list(tags)
        self._saved = {t.id: t.note for t in tags}
        self.tag_choice.blockSignals(True)
        self.tag_choice.clear()
        for tag in tags:
            colour = (colours or {}).get(tag.theme_id, "#888888")
            self.tag_choice.addItem(swatch(colour, 12), tag.theme, tag.id)
        index = next((i for i, t in enumerate(tags) if t.theme_id == keep), 0)
        self.tag_choice.setCurrentIndex(index if tags else -1)
        self.tag_choice.blockSignals(False)
        self.title.setText(f"<b>Notes</b> — {label}" if label else "<b>Notes</b>")
        self.tag_choice.setEnabled(bool(tags))
        self.tag_choice.setHidden(not tags)  # an empty box reads as broken
        self.editor.setEnabled(bool(tags))
        if not tags:
            self.editor.setPlaceholderText(message or "Tag this paragraph to write a note.")
        self._show_current()

    def current_tag(self) -> Tag | None:
        i = self.tag_choice.currentIndex()
        return self._tags[i] if 0 <= i < len(self._tags) else None

    def _show_current(self) -> None:
        self.save()
        tag = self.current_tag()
        self._shown_id = tag.id if tag else None
        text = self._saved.get(tag.id, "") if tag else ""
        if self.editor.toPlainText() != text:
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)
        if tag:
            self.editor.setPlaceholderText(f"Note on {tag.theme} for {tag.label}")

    def _on_typed(self) -> None:
        self._timer.start()

    def save(self) -> bool:
        """Send the note if it differs from what the library holds; True if it was sent.
        Callers flush with save() before reading the library to call set_tags."""
        self._timer.stop()
        tag_id = self._shown_id
        if tag_id is None or tag_id not in self._saved:
            return False
        text = self.editor.toPlainText()
        if text == self._saved[tag_id]:
            return False
        self._saved[tag_id] = text
        self.noteEdited.emit(tag_id, text)
        return True
