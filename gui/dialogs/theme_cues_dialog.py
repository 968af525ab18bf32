"""Edit a theme's description and cue phrases (what suggestions look for). One undoable step
per save; errors from the library show as a warning, never a crash."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import CommandGroup, ThemeEditCommand
from clausemark.core.suggest import ThemeCuesCommand

HELP = ("Cue phrases: what suggestions look for. Words match their variants (“detain” finds "
        "“detained”); list derived words apart (“detention”). A word in \"quotes\" matches only "
        "that form; a cue starting with - names words that do not count (“-arrest warrant”). "
        "A cue counts fully only in what a clause itself asks or states, not in a list of "
        "treaty titles or a passing “women and children”.")


def cues_to_text(cues) -> str:
    """Cue phrases on one line, as the theme dialog shows them."""
    return "; ".join(cues)


def text_to_cues(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


class ThemeCuesDialog(QDialog):
    def __init__(self, library, undo_stack, theme=None, parent=None):
        super().__init__(parent)
        self.setObjectName("themeCuesDialog")
        self.setWindowTitle("Theme descriptions and cue phrases")
        self.library, self.undo_stack = library, undo_stack
        self.theme_box = QComboBox(objectName="cueTheme")
        for t in library.themes.list(include_retired=False):
            self.theme_box.addItem(("  " * t.depth) + t.name, t.id)
        self.description = QPlainTextEdit(objectName="themeDescription")
        self.description.setMaximumHeight(80)
        self.cues = QPlainTextEdit(objectName="themeCues")
        self.cues.setPlaceholderText("detention\ndetain\ndeprivation of liberty")
        form = QFormLayout()
        form.addRow("Theme", self.theme_box)
        form.addRow("Description", self.description)
        form.addRow("Cue phrases", self.cues)
        note = QLabel(HELP)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 520)
        self.theme_box.currentIndexChanged.connect(self._load)
        if theme is not None:
            self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(
                library.themes.get(theme).id)))
        self._load()

    def _load(self, *_args) -> None:
        theme_id = self.theme_box.currentData()
        if theme_id is None:
            return
        theme = self.library.themes.get(theme_id)
        self.description.setPlainText(theme.description)
        self.cues.setPlainText("\n".join(theme.cues))

    def save(self) -> bool:
        theme = self.library.themes.get(self.theme_box.currentData())
        description = self.description.toPlainText().strip()
        cues = [line.strip() for line in self.cues.toPlainText().splitlines() if line.strip()]
        commands = []
        if description != theme.description:
            commands.append(ThemeEditCommand(theme.id, "description", description))
        if tuple(cues) != theme.cues:
            commands.append(ThemeCuesCommand(theme.id, cues))
        if not commands:
            return True
        try:
            self.undo_stack.push(commands[0] if len(commands) == 1 else CommandGroup(
                f"change theme {theme.name}", commands))
        except ClausemarkError as exc:
            QMessageBox.warning(self, "Clausemark", str(exc))
            return False
        self._load()
        return True
