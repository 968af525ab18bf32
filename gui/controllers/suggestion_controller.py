"""Theme suggestions in the main window: hollow chips in the paragraph tree and outlined bars in
the PDF tint, A to accept and X to reject one suggested theme of the selected clause (the
focused chip; Tab moves on to the clause's next one; one undoable step each; a rejection is
remembered), and a review mode (F8) that walks through the clauses with
suggestions in document order.

Rules run at once (tens of milliseconds); the model on the analyst's tags is trained in the
background with its own library connection and joins in when it is ready."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from clausemark.core.errors import ClausemarkError
from clausemark.core.suggest import Suggestion, answer, suggest, train_model
from clausemark.gui import ops
from clausemark.gui.window import undo_steps

ACCEPT_KEY, REJECT_KEY, REVIEW_KEY = Qt.Key.Key_A, Qt.Key.Key_X, Qt.Key.Key_F8
RETRAIN_DELAY_MS = 1500  # after the last tag change, before the model is trained again
OPEN_TRAIN_DELAY_MS = 400  # after a document opens: let it paint before training starts
# After a document opens, its suggestions are computed once it has rested this long: the pure
# Python of the rules on a pool thread competes with the GUI thread for the interpreter, and
# documents passed through on the way to another need none.
OPEN_SUGGEST_DELAY_MS = 250


class SuggestionController(QObject):
    """Suggestions for the session's document, shown in the paragraph panel's tree; keys A, X
    and F8 in the tree and the PDF view. `parent` owns the actions and hosts the dialogs."""
    changed = Signal()  # the suggestions shown changed (the PDF tint follows)
    message = Signal(str, int)  # for the status bar: text, milliseconds (0: until replaced)
    reviewingChanged = Signal(bool)  # the review (F8) started or ended (the banner follows)

    def __init__(self, library, session, paragraphs, pdf_view, undo_stack, parent: QWidget):
        super().__init__(parent)
        self._library, self._session, self._undo_stack = library, session, undo_stack
        self._paragraphs, self._parent = paragraphs, parent
        self.suggestions: dict[str, list[Suggestion]] = {}
        self.model = None
        self.reviewing = False
        self._focus: tuple[str, str] | None = None  # (paragraph, theme) of the focused chip
        self._model_for: int | None = None  # document the model was trained without
        self._training: ops.Op | None = None
        self._retrain = QTimer(self, singleShot=True, interval=RETRAIN_DELAY_MS)
        self._retrain.timeout.connect(self._train_model)
        self._compute_later = QTimer(self, singleShot=True)
        self._compute_later.timeout.connect(self._start_computing)
        self._pending = None  # (key, resolution, themes, model) waiting for _compute_later
        self._build_actions()
        paragraphs.tree.installEventFilter(self)
        pdf_view.installEventFilter(self)
        session.documentOpened.connect(self._on_document)
        session.selectionChanged.connect(self._update_actions)
        for signal in (session.tagsChanged, session.themesChanged, session.rejectionsChanged):
            signal.connect(self.refresh)
        for signal in (session.tagsChanged, session.rejectionsChanged):
            signal.connect(lambda: self._retrain.start())  # it learns from tags and rejections

    # -- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        parent = self._parent
        self.accept_action = QAction("&Accept suggestion", parent, shortcut=QKeySequence("A"))
        self.reject_action = QAction("Re&ject suggestion", parent, shortcut=QKeySequence("X"))
        self.review_action = QAction("&Review suggestions", parent, shortcut=QKeySequence("F8"),
                                     checkable=True)
        self.accept_action.setToolTip("Tag the selected clause with its focused suggested theme "
                                      "(A; Tab focuses the next one)")
        self.reject_action.setToolTip("Reject the focused suggested theme of the selected clause; "
                                      "it is not proposed again (X)")
        self.review_action.setToolTip("Walk through the suggestions in document order (F8)")
        for action in (self.accept_action, self.reject_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys: eventFilter
        self.accept_action.triggered.connect(lambda: self.answer(True))
        self.reject_action.triggered.connect(lambda: self.answer(False))
        self.review_action.triggered.connect(self.set_reviewing)
        self.cues_action = QAction("Edit theme &cue phrases…", parent)
        self.cues_action.triggered.connect(self.edit_cues)

    def menu_actions(self) -> list[QAction | None]:
        """The Suggestions menu, None for a separator."""
        return [self.accept_action, self.reject_action, None, self.review_action, None,
                self.cues_action]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            if key in (ACCEPT_KEY, REJECT_KEY):
                if self.reviewing:
                    self.answer(key == ACCEPT_KEY)
                else:  # bare A/X answer only in the review, never by accident
                    self.message.emit(
                        "A and X answer suggestions while reviewing them: press F8 (or use the "
                        "Suggestions menu).", 5000)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self.reviewing:
                self.next_chip(-1 if key == Qt.Key.Key_Backtab else 1)
                return True
            if key == REVIEW_KEY:
                self.set_reviewing(not self.reviewing)
                return True
            if key == Qt.Key.Key_Escape and self.reviewing:
                self.set_reviewing(False)
                return True
        return super().eventFilter(watched, event)

    def edit_cues(self):
        """The theme dialog, on the cue phrases of the selected clause's first suggested theme
        (else the first theme)."""
        from clausemark.gui.dialogs.theme_dialog import ThemeDialog
        selected = self._session.selected_ids()
        found = self.suggestions.get(selected[0], []) if len(selected) == 1 else []
        dialog = ThemeDialog(self._library, self._undo_stack, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        dialog.edit_cues(found[0].theme_id if found else None)
        return dialog

    # -- computing -----------------------------------------------------------------------------

    def _on_document(self, document_id) -> None:
        self.model, self._model_for = None, None
        self.refresh()  # the rules' suggestions are computed in the background (_on_raw)
        if document_id is not None:
            self._retrain.start(OPEN_TRAIN_DELAY_MS)
        if self.reviewing and self.ready:
            self.set_reviewing(bool(self.suggestions))

    def _train_model(self) -> None:
        doc = self._session.document_id
        if doc is None:
            return
        if self._training is not None:  # one at a time: train again when this one is done
            self._again = True
            return

        def train(lib):
            return doc, train_model(lib, doc)

        self._training = ops.run_read(self._parent, train, self._on_model,
                                      library_path=self._library.path,
                                      on_error=lambda _exc: self._on_trained())

    _again = False

    def _on_trained(self) -> None:
        self._training = None
        if self._again:
            self._again = False
            self._retrain.start(0)

    def _on_model(self, result) -> None:
        document_id, model = result
        self._on_trained()
        if document_id != self._session.document_id:
            return  # the analyst moved on to another document
        self.model, self._model_for = model, document_id
        self.refresh()

    @property
    def model_ready(self) -> bool:
        """The background training for the current document has come back (with a model, or
        None when no theme has enough tags yet)."""
        doc = self._session.document_id
        return doc is not None and self._model_for == doc

    def refresh(self) -> None:
        """Recompute the current document's suggestions and show them."""
        session = self._session
        resolution, doc = session.resolution, session.document_id
        self.suggestions = {}
        if resolution is not None and doc is not None:
            try:
                themes = session.themes()
                skip = {(t.paragraph, t.theme_id) for t in session.tags() if t.span is None}
                skip |= session.rejected()
            except ClausemarkError as exc:
                self.message.emit(f"Suggestions unavailable: {exc}", 6000)
                themes, skip = [], set()
            model = self.model if self._model_for == doc else None
            self.suggestions = self._filtered(self._raw(resolution, themes, model), skip)
        colours = session.theme_colours()
        self._paragraphs.model.set_suggestions(
            {pid: [(s.theme, colours.get(s.theme_id, "#888888"), s.reason) for s in found]
             for pid, found in self.suggestions.items()})
        self.changed.emit()
        self._update_actions()

    _raw_key: tuple | None = None
    _raw_found: dict[str, list[Suggestion]] = {}

    def _raw(self, resolution, themes, model) -> dict[str, list[Suggestion]]:
        """Suggestions before tags and rejections are taken out. They depend only on the text,
        the themes' cues and the model, so a tag (the common change) reuses them."""
        key = (self._session.document_id, id(resolution), id(model),
               tuple((t.id, t.name, t.cues, t.retired, t.parent_id) for t in themes))
        if key == self._raw_key:
            return self._raw_found
        same_document = self._raw_key is not None and self._raw_key[:2] == key[:2]
        if key != self._computing:
            # A few hundred ms of pure Python for a long resolution: on a pool thread, so the
            # document opens at once and its suggestions follow (a new document's once it
            # has rested a moment).
            self._computing = key
            self._pending = (key, resolution, themes, model)
            self._compute_later.start(0 if same_document else OPEN_SUGGEST_DELAY_MS)
        # Meanwhile: the same document keeps its previous suggestions (no flicker when the
        # model or the cues change); a newly opened one has none yet.
        return self._raw_found if same_document else {}

    def _start_computing(self) -> None:
        if self._pending is None:
            return
        key, resolution, themes, model = self._pending
        self._pending = None
        if key != self._computing:
            return  # superseded meanwhile
        ops.run_read(self._parent, lambda: (key, suggest(resolution, themes, model=model)),
                     self._on_raw)

    _computing: tuple | None = None

    def _on_raw(self, result) -> None:
        key, found = result
        if key != self._computing:
            return  # an older request (another document, other cues): a newer one is coming
        self._raw_key, self._raw_found, self._computing = key, found, None
        self.refresh()
        self._paragraphs.size_columns()  # room for the suggested themes' names
        if self.reviewing:
            self.set_reviewing(bool(self.suggestions))

    @property
    def ready(self) -> bool:
        """The suggestions for the current document and cues have been computed."""
        return self._computing is None and self._raw_key is not None \
            and self._raw_key[0] == self._session.document_id

    @staticmethod
    def _filtered(found, skip) -> dict[str, list[Suggestion]]:
        out = {}
        for pid, suggestions in found.items():
            kept = [s for s in suggestions if (pid, s.theme_id) not in skip]
            if kept:
                out[pid] = kept
        return out

    def tint_entries(self, resolution) -> list[tuple]:
        """Outlined PDF bars for the suggested themes: [(boxes, colour, False)]."""
        colours = self._session.theme_colours()
        entries = []
        for pid, found in self.suggestions.items():
            paragraph = resolution.find(pid)
            if paragraph is not None:
                entries += [(paragraph.boxes, colours.get(s.theme_id, "#888888"), False)
                            for s in found]
        return entries

    def _update_actions(self, *_args) -> None:
        selected = self._session.selected_ids()
        has = len(selected) == 1 and selected[0] in self.suggestions
        self.accept_action.setEnabled(has)
        self.reject_action.setEnabled(has)
        self.review_action.setEnabled(bool(self.suggestions) or self.reviewing)

    # -- answering -----------------------------------------------------------------------------

    def ordered(self) -> list[str]:
        """Paragraph ids with suggestions, in document order."""
        resolution = self._session.resolution
        if resolution is None:
            return []
        return [p.id for p in resolution.walk() if p.id in self.suggestions]

    def focused(self, pid: str) -> Suggestion | None:
        """The clause's suggestion A and X answer: the focused chip, else the first one."""
        found = self.suggestions.get(pid, [])
        if self._focus is not None and self._focus[0] == pid:
            chosen = next((s for s in found if s.theme == self._focus[1]), None)
            if chosen is not None:
                return chosen
        return found[0] if found else None

    def next_chip(self, step: int = 1) -> Suggestion | None:
        """Focus the selected clause's next (or previous) suggested theme."""
        selected = self._session.selected_ids()
        found = self.suggestions.get(selected[0], []) if len(selected) == 1 else []
        if not found:
            return None
        pid, current = selected[0], self.focused(selected[0])
        chosen = found[(found.index(current) + step) % len(found)]
        self._set_focus(pid, chosen.theme)
        self.message.emit(self._describe(pid), 0)
        return chosen

    def _set_focus(self, pid: str | None, theme: str | None) -> None:
        self._focus = (pid, theme) if pid is not None and theme is not None else None
        self._paragraphs.model.set_focused_suggestion(pid, theme)

    def answer(self, accept: bool, theme: str | None = None) -> bool:
        """Accept or reject one suggested theme of the selected clause (one undoable step):
        `theme` by name, else the focused chip (the first one unless Tab moved on)."""
        session = self._session
        selected = session.selected_ids()
        if len(selected) != 1 or selected[0] not in self.suggestions:
            self.message.emit("Select one clause with suggested themes (hollow chips) first.",
                              4000)
            return False
        pid = selected[0]
        found = self.suggestions[pid]
        chosen = (next((s for s in found if s.theme == theme), None) if theme
                  else self.focused(pid))
        if chosen is None:
            self.message.emit(f"{theme} is not suggested for this clause.", 4000)
            return False
        label = session.paragraph(pid).label
        following = self._next_after(pid)
        command = answer(session.document_id, pid, [chosen.theme_id], accept, label)
        if not undo_steps.push(self._parent, self._undo_stack, command):
            return False
        done = f"{label}: {'tagged' if accept else 'rejected'} {chosen.theme}"
        left = self.suggestions.get(pid, [])
        if self.reviewing:
            self._go_to(pid if left else following)
            if left:  # the clause's other suggestions come next
                self.message.emit(f"{done}. {self._describe(pid)}", 0)
        else:
            self._set_focus(pid, left[0].theme if left else None)
            self.message.emit(done + (f"; still suggested: {', '.join(s.theme for s in left)}"
                                      if left else ""), 4000)
        return True

    def _describe(self, pid: str) -> str:
        """The review's status line for a clause: where it is, its suggestions, the focus."""
        order, found = self.ordered(), self.suggestions.get(pid, [])
        chosen = self.focused(pid)
        label = self._session.paragraph(pid).label
        why = "; ".join(f"[{s.theme}]: {s.reason}" if s is chosen else f"{s.theme}: {s.reason}"
                        for s in found)
        more = ", Tab next theme" if len(found) > 1 else ""
        where = f"Suggestion {order.index(pid) + 1} of {len(order)}" if pid in order else ""
        return (f"{where} — {label}: {why}   [A accept {chosen.theme}, X reject{more}, "
                "Esc stop]")

    def _next_after(self, pid: str) -> str | None:
        order = self.ordered()
        later = order[order.index(pid) + 1:] if pid in order else order
        return later[0] if later else None

    # -- review mode ---------------------------------------------------------------------------

    def set_reviewing(self, on: bool) -> None:
        self.reviewing = bool(on) and bool(self.suggestions)
        self.review_action.setChecked(self.reviewing)
        self.reviewingChanged.emit(self.reviewing)
        if not self.reviewing:
            if on:
                self.message.emit("No suggestions to review.", 4000)
            return
        selected = self._session.selected_ids()
        order = self.ordered()
        start_at = selected[0] if selected and selected[0] in order else None
        if start_at is None and selected:  # the next suggestion after the selected clause
            ids = [p.id for p in self._session.resolution.walk()]
            after = ids.index(selected[0]) if selected[0] in ids else -1
            start_at = next((p for p in order if ids.index(p) > after), order[0])
        self._go_to(start_at or order[0])

    def _go_to(self, pid: str | None) -> None:
        if pid is None or pid not in self.suggestions:
            pid = next(iter(self.ordered()), None)
        if pid is None:
            self.reviewing = False
            self.review_action.setChecked(False)
            self.reviewingChanged.emit(False)
            self.message.emit("Review done: no suggestions left.", 6000)
            return
        self._paragraphs.show_paragraph(pid)  # shown even if the tree filter hid it
        self._paragraphs.tree.setFocus()
        self._set_focus(pid, self.focused(pid).theme)
        self.message.emit(self._describe(pid), 0)
        self._update_actions()
