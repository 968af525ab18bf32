"""The cue-phrase field: a theme's cue phrases (what suggestions look for) on one line,
separated by ";". The theme dialog holds the one editor; Suggestions > Edit theme cue phrases
opens it there."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

HELP = ("Cue phrases: what suggestions look for. Words match their variants (“detain” finds "
        "“detained”); list derived words apart (“detention”). A word in \"quotes\" matches only "
        "that form; a cue starting with - names words that do not count (“-arrest warrant”). "
        "A cue counts fully only in what a clause itself asks or states, not in a list of "
        "treaty titles or a passing “women and children”.")


def cues_to_text(cues) -> str:
    return "; ".join(cues)


def text_to_cues(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


def cue_edit() -> QLineEdit:
    edit = QLineEdit(objectName="themeCuesEdit",
                     placeholderText="cue phrases for suggestions, separated by ;")
    edit.setToolTip(HELP)
    return edit
