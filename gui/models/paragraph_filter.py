"""Filter the paragraph tree to one theme or to untagged paragraphs by hiding rows: the model
stays whole (selection, ids and tests keep working) and a parent stays visible when one of its
children matches, so the structure is never lost."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QTreeView


class TreeFilter:
    def __init__(self, tree: QTreeView, model):
        self.tree, self.model = tree, model

    def apply(self, choice: str | None, chips: dict[str, list[tuple[str, str]]]) -> int:
        """`choice`: None (all), "untagged", or a theme name. Returns how many rows match."""
        def matches(paragraph_id: str) -> bool:
            names = [name for name, _ in chips.get(paragraph_id, [])]
            if choice is None:
                return True
            if choice == "untagged":
                return not names
            return choice in names

        count = 0

        def visit(parent: QModelIndex) -> bool:
            nonlocal count
            any_visible = False
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                own = matches(self.model.paragraph(index).id)
                count += own
                below = visit(index)
                self.tree.setRowHidden(row, parent, not (own or below))
                any_visible = any_visible or own or below
            return any_visible

        visit(QModelIndex())
        return count
