"""Tree model over one Resolution's paragraphs: label, opening phrase, first words, themes.

UserRole returns the paragraph id (e.g. "OP5(a)") for every item, in every column."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from clausemark.core.parse import Paragraph, Resolution
from clausemark.gui.models.model_headers import header_title
from clausemark.gui.swatches import chips_icon

_Index = QModelIndex | QPersistentModelIndex
FIRST_WORDS = 12


def first_words(paragraph: Paragraph, count: int = FIRST_WORDS) -> str:
    if paragraph.rows:  # a table: its first cells
        cells = [c for row in paragraph.rows[:2] for c in row if c]
        return " | ".join(cells[:4]) + (" …" if len(paragraph.rows) > 1 else "")
    text = paragraph.text or ""
    if paragraph.opening and text.startswith(paragraph.opening):
        text = text[len(paragraph.opening):]
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def tree_label(paragraph: Paragraph) -> str:
    """The label as the tree shows it: under its section node, "OP 2" rather than
    "section II, OP 2" (the citation keeps the section)."""
    if paragraph.kind != "section" and paragraph.label.startswith("section "):
        return paragraph.label.split(", ", 1)[-1]
    return paragraph.label


def table_tip(paragraph: Paragraph, limit: int = 25) -> str:
    lines = [" | ".join(row) for row in (paragraph.rows or [])[:limit]]
    more = len(paragraph.rows or []) - limit
    return "\n".join(lines + ([f"… {more} more rows"] if more > 0 else []))


class ParagraphModel(QAbstractItemModel):
    HEADERS = ("Paragraph", "Opening", "Themes", "Text")
    THEMES, TEXT = 2, 3
    ParagraphIdRole = Qt.ItemDataRole.UserRole
    SuggestedRole = Qt.ItemDataRole.UserRole + 1  # [(theme, colour, reason)] suggested
    FocusedRole = Qt.ItemDataRole.UserRole + 2  # the suggested theme A and X answer, or None
    NotedRole = Qt.ItemDataRole.UserRole + 3  # themes whose tag here carries a note

    def __init__(self, parent=None):
        super().__init__(parent)
        self._resolution: Resolution | None = None
        # Indexes carry an integer key, not a Python object pointer: internalPointer() holds no
        # reference, so a key into these lists is the safer handle.
        self._nodes: list[Paragraph] = []          # key -> paragraph
        self._parent_key: list[int | None] = []    # key -> key of its parent
        self._row: list[int] = []                  # key -> row under its parent
        self._child_keys: dict[int | None, list[int]] = {}
        self._tags: dict[str, list[tuple[str, str]]] = {}  # paragraph id -> [(theme, colour)]
        self._suggested: dict[str, list[tuple[str, str, str]]] = {}  # ... (theme, colour, why)
        self._focus: tuple[str, str] | None = None  # (paragraph id, suggested theme)
        self._notes: dict[str, dict[str, str]] = {}  # paragraph id -> {theme: note}

    # -- content -------------------------------------------------------------------------------

    def set_resolution(self, resolution: Resolution | None,
                       tags: dict[str, list[tuple[str, str]]] | None = None) -> None:
        self.beginResetModel()
        self._resolution = resolution
        self._nodes, self._parent_key, self._row, self._child_keys = [], [], [], {None: []}
        if resolution is not None:
            self._add(resolution.paragraphs, None)
        self._tags = dict(tags or {})
        self._suggested = {}
        self._focus = None
        self._notes = {}
        self.endResetModel()

    def set_tags(self, tags: dict[str, list[tuple[str, str]]]) -> None:
        """Theme chips changed: repaint the Themes cells that changed (the shape is the same)."""
        old, self._tags = self._tags, dict(tags)
        self._repaint_chips(old, self._tags)

    def set_notes(self, notes: dict[str, dict[str, str]]) -> None:
        """Notes on tags (a marker on their chips): paragraph id -> {theme: note}."""
        old, self._notes = self._notes, {p: dict(n) for p, n in notes.items() if n}
        self._repaint_chips(old, self._notes)

    def set_focused_suggestion(self, paragraph_id: str | None, theme: str | None) -> None:
        """The suggested theme A and X answer (underlined among the hollow chips)."""
        old = self._focus
        self._focus = (paragraph_id, theme) if paragraph_id and theme else None
        if old != self._focus:
            self._repaint_chips({old[0]: old} if old else {},
                                {self._focus[0]: self._focus} if self._focus else {})

    def set_suggestions(self, suggested: dict[str, list[tuple[str, str, str]]]) -> None:
        """Suggested themes (hollow chips): paragraph id -> [(theme, colour, reason)]."""
        old, self._suggested = self._suggested, dict(suggested)
        self._repaint_chips(old, self._suggested)

    def _focused(self, paragraph_id: str) -> str | None:
        """The suggested theme A and X answer on this paragraph (the first unless focused)."""
        suggested = [name for name, _, _ in self._suggested.get(paragraph_id, [])]
        if self._focus is not None and self._focus[0] == paragraph_id \
                and self._focus[1] in suggested:
            return self._focus[1]
        return suggested[0] if suggested else None

    def _repaint_chips(self, old: dict, new: dict) -> None:
        if self._resolution is None:
            return
        keys = {node.id: key for key, node in enumerate(self._nodes)}
        for pid in set(old) | set(new):
            key = keys.get(pid)
            if key is None or old.get(pid) == new.get(pid):
                continue
            chip = self.createIndex(self._row[key], self.THEMES, key)
            self.dataChanged.emit(chip, chip, [Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.DecorationRole])

    def _add(self, paragraphs: list[Paragraph], parent: int | None) -> None:
        for row, node in enumerate(paragraphs):
            key = len(self._nodes)
            self._nodes.append(node)
            self._parent_key.append(parent)
            self._row.append(row)
            self._child_keys.setdefault(parent, []).append(key)
            self._child_keys[key] = []
            self._add(node.children, key)

    def resolution(self) -> Resolution | None:
        return self._resolution

    def paragraph(self, index: _Index) -> Paragraph | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def index_of(self, paragraph_id: str) -> QModelIndex:
        key = next((k for k, node in enumerate(self._nodes) if node.id == paragraph_id), None)
        return QModelIndex() if key is None else self.createIndex(self._row[key], 0, key)

    def _keys_under(self, parent: _Index) -> list[int]:
        return self._child_keys.get(parent.internalId() if parent.isValid() else None, [])

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(self.HEADERS) or (parent.isValid() and parent.column()):
            return QModelIndex()
        keys = self._keys_under(parent)
        if not 0 <= row < len(keys):
            return QModelIndex()
        return self.createIndex(row, column, keys[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._parent_key[index.internalId()]
        if parent is None:
            return QModelIndex()
        return self.createIndex(self._row[parent], 0, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._keys_under(parent))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return header_title(self.HEADERS, section, orientation, role)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        paragraph = self.paragraph(index)
        if paragraph is None:
            return None
        col = index.column()
        if role == self.ParagraphIdRole:
            return paragraph.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return tree_label(paragraph)
            if col == 1:
                return paragraph.opening or ""
            if col == self.TEXT:
                return first_words(paragraph)
            notes = self._notes.get(paragraph.id, {})
            names = [f"{name} ✎" if name in notes else name
                     for name, _ in self._tags.get(paragraph.id, [])]
            suggested = self._suggested.get(paragraph.id, [])
            focus = (self._focus[1] if self._focus and self._focus[0] == paragraph.id
                     and len(suggested) > 1 else None)  # (once Tab or an answer moved it)
            names += [f"[{name}?]" if name == focus else f"{name}?" for name, _, _ in suggested]
            return ", ".join(names)
        if role == self.SuggestedRole:
            return list(self._suggested.get(paragraph.id, []))
        if role == self.FocusedRole:
            return self._focused(paragraph.id)
        if role == self.NotedRole:
            return sorted(self._notes.get(paragraph.id, {}))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.TEXT:
            return table_tip(paragraph) if paragraph.rows else paragraph.text
        if role == Qt.ItemDataRole.ToolTipRole and col == self.THEMES:
            notes = [f"{name} — note: {note}" for name, note
                     in self._notes.get(paragraph.id, {}).items()]
            lines = [f"suggested {name}: {why}" for name, _, why in
                     self._suggested.get(paragraph.id, [])]
            if lines:
                lines.append("A accepts, X rejects (the underlined one; Tab moves on)")
            return "\n".join(notes + lines) or None
        if role == Qt.ItemDataRole.DecorationRole and col == self.THEMES:
            tags = self._tags.get(paragraph.id, [])
            suggested = self._suggested.get(paragraph.id, [])
            if not tags and not suggested:
                return None
            notes, focus = self._notes.get(paragraph.id, {}), self._focused(paragraph.id)
            return chips_icon([colour for _, colour in tags],
                              hollow=[colour for _, colour, _ in suggested],
                              focused=next((i for i, (name, _, _) in enumerate(suggested)
                                            if name == focus), -1),
                              noted=frozenset(i for i, (name, _) in enumerate(tags)
                                              if name in notes))
        if role == Qt.ItemDataRole.FontRole and paragraph.kind == "section":
            font = QFont()  # a section heading row stands out like the heading it is
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.FontRole and col == 1 and paragraph.opening:
            font = QFont()
            font.setItalic(True)
            return font
        return None
