"""Undoable answers to suggestions: rejecting (remembered in the library) and accepting (tags)."""
from __future__ import annotations

from clausemark.core.library.undo import Command, CommandGroup, TagCommand, ThemeEditCommand


class RejectSuggestionCommand(Command):
    def __init__(self, document, paragraph: str, theme):
        self.args = (document, paragraph, theme)

    def do(self, lib) -> None:
        lib.suggestions.reject(*self.args)
        self.text = f"reject suggestion {lib.themes.get(self.args[2]).name} for {self.args[1]}"

    def undo(self, lib) -> None:
        lib.suggestions.unreject(*self.args)


def answer(document, paragraph: str, theme_ids: list[int], accept: bool, label: str) -> Command:
    """One undo step that accepts (tags) or rejects every suggested theme of one clause."""
    commands = [TagCommand(document, paragraph, t) if accept
                else RejectSuggestionCommand(document, paragraph, t) for t in theme_ids]
    if len(commands) == 1:
        return commands[0]
    return CommandGroup(f"{'accept' if accept else 'reject'} suggestions for {label}", commands)


class ThemeCuesCommand(ThemeEditCommand):
    """Change a theme's cue phrases (undo puts the old list back)."""
    _METHODS = {"cues": "set_cues"}

    def __init__(self, theme, cues: list[str]):
        super().__init__(theme, "cues", list(cues))

    def _set(self, lib, value):
        return lib.suggestions.set_cues(self.theme_id, value)
