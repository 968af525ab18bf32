"""Theme suggestions in the main window: hollow chips in the paragraph tree and outlined bars in
the PDF tint, A to accept and X to reject the suggestions of the selected clause (one undoable
step each; a rejection is remembered), and a review mode (F8) that walks through the clauses with
suggestions in document order.

Rules run at once (tens of milliseconds); the model on the analyst's tags is trained in the
background with its own library connection and joins in when it is ready."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import Change, Library, SuggestionsChanged, TagsChanged, ThemesChanged
from clausemark.core.suggest import Suggestion, answer, suggest, train_model
from clausemark.gui.workers import Worker, start

ACCEPT_KEY, REJECT_KEY, REVIEW_KEY = Qt.Key.Key_A, Qt.Key.Key_X, Qt.Key.Key_F8
RETRAIN_DELAY_MS = 1500  # after the last tag change, before the model is trained again
OPEN_TRAIN_DELAY_MS = 400  # after a document opens: let it paint before training starts


def _suggest_for(key, resolution, themes, model):
    return key, suggest(resolution, themes, model=model)


def _train_in_background(path: str, document_id: int):
    with Library(path) as lib:
        return document_id, train_model(lib, document_id)


class SuggestionController(QObject):
    """`window` provides library, undo_stack, document_id, paragraph_model, paragraph_tree,
    pdf_view, selected_paragraph_ids(), select_paragraph(), statusBar(), menuBar()."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.suggestions: dict[str, list[Suggestion]] = {}
        self.model = None
        self.reviewing = False
        self._model_for: int | None = None  # document the model was trained without
        self._worker: Worker | None = None
        self._retrain = QTimer(self, singleShot=True, interval=RETRAIN_DELAY_MS)
        self._retrain.timeout.connect(self._train_model)
        self._build_actions()
        window.paragraph_tree.installEventFilter(self)
        window.pdf_view.installEventFilter(self)
        window.library_panel.documentChanged.connect(self._on_document)
        window.paragraph_tree.selectionModel().selectionChanged.connect(self._update_actions)
        self._unsubscribe = window.library.subscribe(self._on_library_changed)
        window.destroyed.connect(lambda *_: self._unsubscribe())

    # -- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        win = self.window
        self.accept_action = QAction("&Accept suggestion", win, shortcut=QKeySequence("A"))
        self.reject_action = QAction("Re&ject suggestion", win, shortcut=QKeySequence("X"))
        self.review_action = QAction("&Review suggestions", win, shortcut=QKeySequence("F8"),
                                     checkable=True)
        self.accept_action.setToolTip("Tag the selected clause with its suggested themes (A)")
        self.reject_action.setToolTip("Reject the selected clause's suggestions; they are not "
                                      "proposed again (X)")
        self.review_action.setToolTip("Walk through the suggestions in document order (F8)")
        for action in (self.accept_action, self.reject_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys: eventFilter
        self.accept_action.triggered.connect(lambda: self.answer(True))
        self.reject_action.triggered.connect(lambda: self.answer(False))
        self.review_action.triggered.connect(self.set_reviewing)
        self.cues_action = QAction("Edit theme &cue phrases…", win)
        self.cues_action.triggered.connect(self.edit_cues)
        self.menu = win.menuBar().addMenu("&Suggestions")
        self.menu.setObjectName("suggestionsMenu")
        self.menu.addActions([self.accept_action, self.reject_action])
        self.menu.addSeparator()
        self.menu.addAction(self.review_action)
        self.menu.addSeparator()
        self.menu.addAction(self.cues_action)
        help_menu = next((a for a in win.menuBar().actions() if a.text() == "&Help"), None)
        if help_menu is not None:  # keep Help last
            win.menuBar().insertMenu(help_menu, self.menu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            if key in (ACCEPT_KEY, REJECT_KEY):
                self.answer(key == ACCEPT_KEY)
                return True
            if key == REVIEW_KEY:
                self.set_reviewing(not self.reviewing)
                return True
            if key == Qt.Key.Key_Escape and self.reviewing:
                self.set_reviewing(False)
                return True
        return super().eventFilter(watched, event)

    def edit_cues(self):
        from clausemark.gui.dialogs.theme_cues_dialog import ThemeCuesDialog
        dialog = ThemeCuesDialog(self.window.library, self.window.undo_stack,
                                 parent=self.window)
        dialog.open()
        return dialog

    # -- computing -----------------------------------------------------------------------------

    def _on_document(self, document_id) -> None:
        self.model, self._model_for = None, None
        self.refresh()  # the rules' suggestions are computed in the background (_on_raw)
        if document_id is not None:
            self._retrain.start(OPEN_TRAIN_DELAY_MS)
        if self.reviewing and self.ready:
            self.set_reviewing(bool(self.suggestions))

    def _on_library_changed(self, change: Change) -> None:
        if isinstance(change, TagsChanged | ThemesChanged | SuggestionsChanged):
            self.refresh()
        if isinstance(change, TagsChanged | SuggestionsChanged):
            self._retrain.start()  # the model learns from tags and rejections

    def _train_model(self) -> None:
        doc = self.window.document_id
        if doc is None:
            return
        if self._worker is not None:  # one at a time: train again when this one is done
            self._again = True
            return
        self._worker = Worker(_train_in_background, str(self.window.library.path), doc)
        self._worker.signals.result.connect(self._on_model)
        self._worker.signals.finished.connect(self._on_worker_finished)
        start(self._worker)

    _again = False

    def _on_worker_finished(self) -> None:
        self._worker = None
        if self._again:
            self._again = False
            self._retrain.start(0)

    def _on_model(self, result) -> None:
        document_id, model = result
        if document_id != self.window.document_id:
            return  # the analyst moved on to another document
        self.model, self._model_for = model, document_id
        self.refresh()

    @property
    def model_ready(self) -> bool:
        """The background training for the current document has come back (with a model, or
        None when no theme has enough tags yet)."""
        return self.window.document_id is not None and self._model_for == self.window.document_id

    def refresh(self) -> None:
        """Recompute the current document's suggestions and show them."""
        win, lib = self.window, self.window.library
        resolution = win.paragraph_model.resolution()
        self.suggestions = {}
        if resolution is not None and win.document_id is not None:
            try:
                themes = win.theme_model.themes()  # (the window reloaded them already)
                skip = {(t.paragraph, t.theme_id) for t in win.document_tags()
                        if t.span is None}
                skip |= {(p, t) for _, p, t in lib.suggestions.rejected(win.document_id)}
            except ClausemarkError as exc:
                win.statusBar().showMessage(f"Suggestions unavailable: {exc}", 6000)
                themes, skip = [], set()
            model = self.model if self._model_for == win.document_id else None
            self.suggestions = self._filtered(self._raw(resolution, themes, model), skip)
        colours = win.theme_colours()
        win.paragraph_model.set_suggestions(
            {pid: [(s.theme, colours.get(s.theme_id, "#888888"), s.reason) for s in found]
             for pid, found in self.suggestions.items()})
        win._tint_pdf()
        self._update_actions()

    _raw_key: tuple | None = None
    _raw_found: dict[str, list[Suggestion]] = {}

    def _raw(self, resolution, themes, model) -> dict[str, list[Suggestion]]:
        """Suggestions before tags and rejections are taken out. They depend only on the text,
        the themes' cues and the model, so a tag (the common change) reuses them."""
        key = (self.window.document_id, id(resolution), id(model),
               tuple((t.id, t.name, t.cues, t.retired, t.parent_id) for t in themes))
        if key == self._raw_key:
            return self._raw_found
        if key != self._computing:
            # A few hundred ms of pure Python for a long resolution: on a pool thread, so the
            # document opens at once and its suggestions follow.
            self._computing = key
            worker = Worker(_suggest_for, key, resolution, themes, model)
            worker.signals.result.connect(self._on_raw)
            start(worker)
        # Meanwhile: the same document keeps its previous suggestions (no flicker when the
        # model or the cues change); a newly opened one has none yet.
        same_document = self._raw_key is not None and self._raw_key[:2] == key[:2]
        return self._raw_found if same_document else {}

    _computing: tuple | None = None

    def _on_raw(self, result) -> None:
        key, found = result
        if key != self._computing:
            return  # an older request (another document, other cues): a newer one is coming
        self._raw_key, self._raw_found, self._computing = key, found, None
        self.refresh()
        self.window._size_tree_columns()  # room for the suggested themes' names
        if self.reviewing:
            self.set_reviewing(bool(self.suggestions))

    @property
    def ready(self) -> bool:
        """The suggestions for the current document and cues have been computed."""
        return self._computing is None and self._raw_key is not None \
            and self._raw_key[0] == self.window.document_id

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
        colours = self.window.theme_colours()
        entries = []
        for pid, found in self.suggestions.items():
            paragraph = resolution.find(pid)
            if paragraph is not None:
                entries += [(paragraph.boxes, colours.get(s.theme_id, "#888888"), False)
                            for s in found]
        return entries

    def _update_actions(self, *_args) -> None:
        selected = self.window.selected_paragraph_ids()
        has = len(selected) == 1 and selected[0] in self.suggestions
        self.accept_action.setEnabled(has)
        self.reject_action.setEnabled(has)
        self.review_action.setEnabled(bool(self.suggestions) or self.reviewing)

    # -- answering -----------------------------------------------------------------------------

    def ordered(self) -> list[str]:
        """Paragraph ids with suggestions, in document order."""
        resolution = self.window.paragraph_model.resolution()
        if resolution is None:
            return []
        return [p.id for p in resolution.walk() if p.id in self.suggestions]

    def answer(self, accept: bool) -> bool:
        """Accept or reject every suggestion of the selected clause (one undoable step)."""
        win = self.window
        selected = win.selected_paragraph_ids()
        if len(selected) != 1 or selected[0] not in self.suggestions:
            win.statusBar().showMessage("Select one clause with suggested themes (hollow "
                                        "chips) first.", 4000)
            return False
        pid = selected[0]
        found = self.suggestions[pid]
        label = win.paragraph_model.resolution().find(pid).label
        following = self._next_after(pid)
        if not win.tag_actions.push(answer(win.document_id, pid, [s.theme_id for s in found],
                                           accept, label)):
            return False
        names = ", ".join(s.theme for s in found)
        win.statusBar().showMessage(f"{label}: {'tagged' if accept else 'rejected'} {names}", 4000)
        if self.reviewing:
            self._go_to(following)
        return True

    def _next_after(self, pid: str) -> str | None:
        order = self.ordered()
        later = order[order.index(pid) + 1:] if pid in order else order
        return later[0] if later else None

    # -- review mode ---------------------------------------------------------------------------

    def set_reviewing(self, on: bool) -> None:
        self.reviewing = bool(on) and bool(self.suggestions)
        self.review_action.setChecked(self.reviewing)
        if not self.reviewing:
            if on:
                self.window.statusBar().showMessage("No suggestions to review.", 4000)
            return
        selected = self.window.selected_paragraph_ids()
        order = self.ordered()
        start_at = selected[0] if selected and selected[0] in order else None
        if start_at is None and selected:  # the next suggestion after the selected clause
            resolution = self.window.paragraph_model.resolution()
            ids = [p.id for p in resolution.walk()]
            after = ids.index(selected[0]) if selected[0] in ids else -1
            start_at = next((p for p in order if ids.index(p) > after), order[0])
        self._go_to(start_at or order[0])

    def _go_to(self, pid: str | None) -> None:
        win = self.window
        if pid is None or pid not in self.suggestions:
            pid = next(iter(self.ordered()), None)
        if pid is None:
            self.reviewing = False
            self.review_action.setChecked(False)
            win.statusBar().showMessage("Review done: no suggestions left.", 6000)
            return
        if not win.select_paragraph(pid):
            win.filter_combo.setCurrentIndex(0)  # shown even if the tree filter hid it
            win.select_paragraph(pid)
        win.paragraph_tree.setFocus()
        order = self.ordered()
        found = self.suggestions[pid]
        label = win.paragraph_model.resolution().find(pid).label
        why = "; ".join(f"{s.theme}: {s.reason}" for s in found)
        win.statusBar().showMessage(
            f"Suggestion {order.index(pid) + 1} of {len(order)} — {label}: {why}   "
            "[A accept, X reject, Esc stop]")
        self._update_actions()
