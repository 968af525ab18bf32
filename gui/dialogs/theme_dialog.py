"""The theme dialog: the taxonomy as a tree, and every edit an analyst makes to it.

Every change is an undoable command pushed on the main window's UndoStack, so Ctrl+Z undoes it
there (and here). The tree is rebuilt from the library whenever it reports a theme or tag change,
whoever made it; the dialog never keeps its own copy of the truth."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from clausemark.core.library import (
    AddThemeCommand,
    Change,
    Command,
    MoveThemeCommand,
    RecolourThemeCommand,
    RenameThemeCommand,
    RetireThemeCommand,
    SetThemeKeyCommand,
    TagsChanged,
    Theme,
    ThemeEditCommand,
    ThemesChanged,
    theme_subtree,
)
from clausemark.core.suggest import ThemeCuesCommand
from clausemark.gui import screen_fit
from clausemark.gui.dialogs.cue_phrases import cue_edit, cues_to_text, text_to_cues
from clausemark.gui.dialogs.theme_add_dialog import AddThemeDialog, fill_parent_combo, pick_colour
from clausemark.gui.dialogs.theme_key_combo import ThemeKeyCombo
from clausemark.gui.swatches import swatch
from clausemark.gui.window import undo_steps

IdRole = Qt.ItemDataRole.UserRole


class ThemeDialog(QDialog):
    NAME, KEY, TAGS = range(3)

    def __init__(self, library, undo_stack, parent=None):
        super().__init__(parent, objectName="themeDialog")
        self.library, self.undo_stack = library, undo_stack
        self._themes: list[Theme] = []  # all of them, taxonomy order
        self._off: set[int] = set()  # retired, or under a retired theme
        self._items: dict[int, QTreeWidgetItem] = {}
        self._filling = False
        self._stops: list = []
        self._details_id: int | None = None  # the theme the details fields belong to
        self.setWindowTitle("Themes")
        self._build()
        self._build_actions()
        self._listen()
        stops = self._stops  # not self: the C++ side may already be gone when this runs
        self.destroyed.connect(lambda *_: [stop() for stop in stops])
        self.refresh()
        screen_fit.fit_window(self, 760, 520)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tree = QTreeWidget(objectName="themeTree")
        self.tree.setHeaderLabels(["Theme", "Key", "Tags"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 / button
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (self.KEY, self.TAGS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemDoubleClicked.connect(lambda item, _: self.tree.editItem(item, self.NAME))

        self.colour_button = QPushButton(objectName="themeColourButton")
        self.colour_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.colour_button.setAutoDefault(False)  # Enter in a text field must not open it
        self.colour_button.clicked.connect(self.recolour)
        self.parent_combo = QComboBox(objectName="themeParentCombo")
        self.parent_combo.activated.connect(self._on_parent_chosen)
        self.description_edit = QLineEdit(objectName="themeDescriptionEdit",
                                          placeholderText="what belongs under this theme")
        self.description_edit.editingFinished.connect(self._commit_description)
        self.cues_edit = cue_edit()
        self.cues_edit.editingFinished.connect(self._commit_cues)
        self.key_combo = ThemeKeyCombo()
        self.key_combo.keyChosen.connect(self._on_key_chosen)
        self.details = QGroupBox("Selected theme")
        form = QFormLayout(self.details)
        form.addRow("&Colour:", self.colour_button)
        form.addRow("&Key:", self.key_combo)
        form.addRow("&Under:", self.parent_combo)
        form.addRow("&Description:", self.description_edit)
        form.addRow("C&ue phrases:", self.cues_edit)

        self.show_retired = QCheckBox("Show &retired themes", objectName="showRetiredCheck")
        self.show_retired.toggled.connect(lambda _: self.refresh())
        self.status = QLabel(objectName="themeStatus")
        self.status.setWordWrap(True)
        self.buttons_column = QVBoxLayout()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # nor close

        top = QHBoxLayout()
        top.addWidget(self.tree, 1)
        top.addLayout(self.buttons_column)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_retired)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.details)
        layout.addLayout(bottom)

    def _action(self, name: str, text: str, slot, keys=(), tip: str = "",
                on_tree: bool = False) -> QAction:
        """An action with its shortcut keys and a button in the column beside the tree."""
        action = QAction(text, self)
        action.setIconText(text.replace("&", ""))  # buttons keep the "…" of a dialog-opener
        action.setShortcuts([QKeySequence(k) for k in keys])
        keys_text = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                              for k in keys)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}"
                          + (f" ({keys_text})" if keys else ""))
        action.triggered.connect(slot)
        if on_tree:  # keys only while the tree has focus: Delete in a text field stays Delete
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        else:
            self.addAction(action)
        button = QToolButton(objectName=name)
        button.setDefaultAction(action)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.buttons_column.addWidget(button)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action("addThemeButton", "&Add…", self.add, ("Ins", "Ctrl+N"),
                                       "Add a theme")
        self.tree.addAction(self.add_action)  # also in the tree's context menu
        self.rename_action = self._action("renameThemeButton", "Re&name", self.rename, ("F2",),
                                          on_tree=True)
        self.recolour_action = self._action("recolourThemeButton", "&Colour…", self.recolour,
                                            (), "Change the colour", on_tree=True)
        self.up_action = self._action("moveUpButton", "Move &up", lambda: self.move(-1),
                                      ("Ctrl+Up",), "Move up (every theme keeps its key)",
                                      on_tree=True)
        self.down_action = self._action("moveDownButton", "Move &down", lambda: self.move(+1),
                                        ("Ctrl+Down",), "Move down (every theme keeps its key)",
                                        on_tree=True)
        self.retire_action = self._action("retireThemeButton", "Re&tire", self.toggle_retired,
                                          ("Del",), "Retire (its tags are kept) or restore",
                                          on_tree=True)
        self.buttons_column.addStretch(1)
        self.undo_action = self._action("undoButton", "Undo", self.undo, ("Ctrl+Z",))
        self.redo_action = self._action("redoButton", "Redo", self.redo, ("Ctrl+Shift+Z",))

    # -- listening -----------------------------------------------------------------------------

    def _listen(self) -> None:
        if not self._stops:
            self._stops += [self.library.subscribe(self._on_library_changed),
                            self.undo_stack.on_change(self._update_undo)]
            self._update_undo()

    def showEvent(self, event) -> None:
        if not self._stops:  # shown again after a close: listen again and catch up
            self._listen()
            self.refresh()
        super().showEvent(event)

    def done(self, result: int) -> None:
        self._commit_description()  # Escape must not lose a description being typed
        self._commit_cues()
        for stop in self._stops:
            stop()
        self._stops.clear()
        super().done(result)

    def _on_library_changed(self, change: Change) -> None:
        if isinstance(change, ThemesChanged | TagsChanged):  # tag counts live in the tree too
            self.refresh()

    def _update_undo(self) -> None:
        stack = self.undo_stack
        self.undo_action.setEnabled(stack.can_undo)
        self.redo_action.setEnabled(stack.can_redo)
        self.undo_action.setToolTip(f"Undo {stack.undo_text} (Ctrl+Z)" if stack.can_undo
                                    else "Nothing to undo")
        self.redo_action.setToolTip(f"Redo {stack.redo_text} (Ctrl+Shift+Z)" if stack.can_redo
                                    else "Nothing to redo")

    # -- the tree ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the tree from the library, keeping the current theme selected."""
        current = self.current_theme()
        self._themes = self.library.themes.list(include_retired=True)
        self._off = set()
        for theme in self._themes:  # taxonomy order: parents come before their children
            if theme.retired or theme.parent_id in self._off:
                self._off.add(theme.id)
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled,
                                           QPalette.ColorRole.Text))
        self._filling = True
        self.tree.clear()
        self._items = {}
        for theme in self._themes:
            if theme.id in self._off and not self.show_retired.isChecked():
                continue
            item = QTreeWidgetItem([theme.name, str(theme.shortcut or ""), str(theme.tag_count)])
            item.setData(self.NAME, IdRole, theme.id)
            item.setIcon(self.NAME, swatch(theme.colour))
            item.setToolTip(self.NAME, theme.description or theme.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setTextAlignment(self.KEY, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(self.TAGS, Qt.AlignmentFlag.AlignRight
                                  | Qt.AlignmentFlag.AlignVCenter)
            if theme.id in self._off:
                if theme.retired:  # it keeps its key for when it is restored
                    item.setText(self.KEY, f"{theme.shortcut} retired" if theme.shortcut
                                 else "retired")
                for column in range(3):
                    item.setForeground(column, grey)
                font = item.font(self.NAME)
                font.setItalic(True)
                item.setFont(self.NAME, font)
            parent = self._items.get(theme.parent_id)
            (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
            self._items[theme.id] = item
        self.tree.expandAll()
        self._filling = False
        self.select_theme(current.id if current else None)

    def select_theme(self, theme_id: int | None) -> None:
        item = self._items.get(theme_id) or self.tree.topLevelItem(0)
        self.tree.setCurrentItem(item)
        self._show_current()

    def edit_cues(self, theme_id: int | None = None) -> None:
        """Show a theme's cue phrases, ready to type (Suggestions > Edit theme cue phrases)."""
        self.select_theme(theme_id)
        self.cues_edit.setFocus()
        self.cues_edit.end(False)

    def current_theme(self) -> Theme | None:
        item = self.tree.currentItem()
        theme_id = item.data(self.NAME, IdRole) if item else None
        return next((t for t in self._themes if t.id == theme_id), None)

    def _neighbour(self, theme: Theme, step: int) -> int | None:
        """Index among all siblings of the nearest sibling shown in the tree, above or below."""
        siblings = [t.id for t in self._themes if t.parent_id == theme.parent_id]
        i = siblings.index(theme.id) + step
        while 0 <= i < len(siblings):
            if siblings[i] in self._items:
                return i
            i += step
        return None

    def _show_current(self) -> None:
        theme = self.current_theme()
        for action in (self.rename_action, self.recolour_action, self.retire_action):
            action.setEnabled(theme is not None)
        self.up_action.setEnabled(theme is not None and self._neighbour(theme, -1) is not None)
        self.down_action.setEnabled(theme is not None and self._neighbour(theme, 1) is not None)
        self.retire_action.setText("Res&tore" if theme and theme.retired else "Re&tire")
        self.details.setEnabled(theme is not None)
        self.details.setTitle(f"Theme “{theme.name}”" if theme else "Selected theme")
        self._details_id = theme.id if theme else None
        self.colour_button.setIcon(swatch(theme.colour) if theme else swatch("#FFFFFF"))
        self.colour_button.setText(theme.colour if theme else "")
        shown = [t for t in self._themes if t.id in self._items or (theme and t.id ==
                                                                    theme.parent_id)]
        fill_parent_combo(self.parent_combo, shown, theme.parent_id if theme else None,
                          theme_subtree(self._themes, theme.id) if theme else set())
        self.key_combo.show_theme(self._themes, theme)
        self.description_edit.setText(theme.description if theme else "")
        self.cues_edit.setText(cues_to_text(theme.cues) if theme else "")
        for edit in (self.description_edit, self.cues_edit):
            edit.setCursorPosition(0)  # show how a long text begins

    # -- edits ---------------------------------------------------------------------------------

    def _push(self, command: Command, done: str = "") -> bool:
        if not undo_steps.push(self, self.undo_stack, command, title="Themes"):
            self.refresh()  # puts back what an inline edit showed
            return False
        self.status.setText(done)
        return True

    def _later(self, call) -> None:
        """Run after the current signal has finished: the edit rebuilds the widget sending it."""
        QTimer.singleShot(0, self, call)

    def add(self) -> None:
        theme = self.current_theme()
        form = AddThemeDialog([t for t in self._themes if t.id not in self._off],
                              self.library.themes.next_colour(), self._add,
                              parent_theme=theme.parent_id if theme else None, parent=self)
        form.exec()

    def _add(self, name: str, colour: str, parent_id: int | None, description: str) -> None:
        command = AddThemeCommand(name, colour, parent=parent_id, description=description)
        self.undo_stack.push(command)  # errors go back to the form, which stays open
        self.select_theme(command.theme.id)
        self.status.setText(f"Added {command.theme.name}.")

    def rename(self) -> None:
        item = self.tree.currentItem()
        if item:
            self.tree.editItem(item, self.NAME)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != self.NAME:
            return
        theme_id, name = item.data(self.NAME, IdRole), item.text(self.NAME)
        theme = next(t for t in self._themes if t.id == theme_id)
        if " ".join(name.split()) != theme.name:
            self._later(lambda: self._push(RenameThemeCommand(theme_id, name),
                                           f"Renamed {theme.name} to {' '.join(name.split())}."))

    def recolour(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        colour = pick_colour(self, theme.colour, f"Colour of {theme.name}")
        if colour and colour != theme.colour:
            self._push(RecolourThemeCommand(theme.id, colour), f"Recoloured {theme.name}.")

    def _on_parent_chosen(self, index: int) -> None:
        theme, parent_id = self.current_theme(), self.parent_combo.itemData(index)
        if theme is None or parent_id == theme.parent_id:
            return
        where = self.parent_combo.itemText(index).strip()
        self._later(lambda: self._push(MoveThemeCommand(theme.id, parent=parent_id),
                                       f"Moved {theme.name} under {where}."))

    def _on_key_chosen(self, key: int | None) -> None:
        theme = self.current_theme()
        if theme is not None:
            self._later(lambda: self._push(
                SetThemeKeyCommand(theme.id, key),
                f"Key {key} tags with {theme.name}." if key else f"{theme.name} has no key."))

    def _commit_description(self) -> None:
        theme = next((t for t in self._themes if t.id == self._details_id), None)
        text = self.description_edit.text().strip()
        if theme is not None and text != theme.description:
            self._push(ThemeEditCommand(theme.id, "description", text),
                       f"Described {theme.name}.")

    def _commit_cues(self) -> None:
        theme = next((t for t in self._themes if t.id == self._details_id), None)
        cues = text_to_cues(self.cues_edit.text())
        if theme is not None and tuple(cues) != theme.cues:
            self._push(ThemeCuesCommand(theme.id, cues), f"Cue phrases of {theme.name} changed.")

    def move(self, step: int) -> None:
        theme = self.current_theme()
        position = self._neighbour(theme, step) if theme else None
        if position is not None:
            self._push(MoveThemeCommand(theme.id, position=position),
                       f"Moved {theme.name} {'up' if step < 0 else 'down'}.")

    def toggle_retired(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        if theme.retired:
            self._push(RetireThemeCommand(theme.id, False), f"Restored {theme.name}.")
        else:
            self._push(RetireThemeCommand(theme.id, True),
                       f"Retired {theme.name}; its {_tags(theme.tag_count)} kept.")

    def undo(self) -> None:
        self._step(redo=False)

    def redo(self) -> None:
        self._step(redo=True)

    def _step(self, redo: bool) -> None:
        command = undo_steps.step(self, self.undo_stack, redo=redo, title="Themes")
        if command is not None:
            self.status.setText(f"{'Redone' if redo else 'Undone'}: {command.text}.")


def _tags(count: int) -> str:
    return "1 tag is" if count == 1 else f"{count} tags are"
