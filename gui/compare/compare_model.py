"""Table model over an Alignment: one row per paragraph of the newer version, and one per dropped
paragraph of the older version placed where it stood, so the two versions read side by side.

Columns: old label, old text, status, new label, new text. The text columns also give HTML with
the changed words marked (HtmlRole), which the view's delegate paints."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from clausemark.core.compare import CHANGED, MOVED, NEW, SAME, AlignedPair, Alignment
from clausemark.core.parse import Paragraph
from clausemark.gui.models.model_headers import header_title

_Index = QModelIndex | QPersistentModelIndex
DROPPED = "dropped"
STATUS_COLOURS = {SAME: "#ffffff", CHANGED: "#fff4cc", MOVED: "#dde8ff", NEW: "#ddf5dd",
                  DROPPED: "#fadddd"}
INSERT_STYLE = "background:#c8f0c8; color:#1b1b1b; text-decoration:underline;"
DELETE_STYLE = "background:#f6c6c6; color:#1b1b1b; text-decoration:line-through;"


def score_text(score: float) -> str:
    """Two decimals, but an edited text never reads as 1.00 (a case change scores 0.999)."""
    return f"{min(score, 0.99):.2f}" if score < 1 else "1.00"


@dataclass(frozen=True)
class Row:
    status: str                     # same, changed, moved, new or dropped
    old: Paragraph | None
    new: Paragraph | None
    pair: AlignedPair | None        # None for a dropped paragraph


def rows_for(alignment: Alignment) -> list[Row]:
    """Pairs in the newer order; each dropped paragraph right after the (unmoved) pair whose
    old paragraph preceded it, so it shows up where it used to be."""
    old_order = {p.id: i for i, p in enumerate(alignment.old_resolution.walk())}
    anchors = [(old_order[pair.old.id], i) for i, pair in enumerate(alignment.pairs)
               if pair.old is not None and pair.status != MOVED]
    anchors.sort()
    after: dict[int, list[Paragraph]] = {}  # pair position (-1 = top) -> dropped paragraphs
    for paragraph in sorted(alignment.dropped, key=lambda p: old_order[p.id]):
        k = bisect.bisect_left(anchors, (old_order[paragraph.id], -1)) - 1
        after.setdefault(anchors[k][1] if k >= 0 else -1, []).append(paragraph)
    rows = [Row(DROPPED, p, None, None) for p in after.get(-1, [])]
    for i, pair in enumerate(alignment.pairs):
        rows.append(Row(pair.status, pair.old, pair.new, pair))
        rows.extend(Row(DROPPED, p, None, None) for p in after.get(i, []))
    return rows


def diff_html(row: Row, side: str) -> str:
    """The old ("old") or new ("new") text with what changed marked."""
    paragraph = row.old if side == "old" else row.new
    if paragraph is None:
        return ""
    if row.pair is None or not row.pair.edited:
        style = DELETE_STYLE if row.status == DROPPED else INSERT_STYLE if row.status == NEW \
            else ""
        text = escape(paragraph.text or "")
        return f'<span style="{style}">{text}</span>' if style else text
    parts = []
    for segment in row.pair.diff:
        if segment.op == "equal":  # each side in its own typography
            parts.append(escape(segment.old_text if side == "old" and segment.old_text
                                is not None else segment.text))
        elif segment.op == ("delete" if side == "old" else "insert"):
            core = segment.text.lstrip()
            style = DELETE_STYLE if side == "old" else INSERT_STYLE
            parts.append(escape(segment.text[:len(segment.text) - len(core)])
                         + f'<span style="{style}">{escape(core)}</span>')
    return "".join(parts)


def texts_html(old_text: str | None, new_text: str | None, status: str) -> tuple[str, str]:
    """(old, new) HTML with what changed marked, for two aligned texts outside this table (a
    shared tag's paragraph in the sender's version and the paragraph here)."""
    old = Paragraph("old", "operative", None, "", text=old_text) if old_text is not None else None
    new = Paragraph("new", "operative", None, "", text=new_text) if new_text is not None else None
    pair = AlignedPair(new, old, status, 0.0) if new is not None else None
    row = Row(status if new is not None else DROPPED, old, new, pair)
    return diff_html(row, "old"), diff_html(row, "new")


class CompareModel(QAbstractTableModel):
    HEADERS = ("Old", "Old text", "Status", "New", "New text")
    OLD_LABEL, OLD_TEXT, STATUS, NEW_LABEL, NEW_TEXT = range(5)
    StatusRole = Qt.ItemDataRole.UserRole
    HtmlRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, alignment: Alignment | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[Row] = []
        self._html: dict[tuple[int, int], str] = {}
        if alignment is not None:
            self.set_alignment(alignment)

    def set_alignment(self, alignment: Alignment | None) -> None:
        self.beginResetModel()
        self._rows = rows_for(alignment) if alignment is not None else []
        self._html = {}
        self.endResetModel()

    def row(self, row: int) -> Row:
        return self._rows[row]

    def row_of_new(self, paragraph_id: str) -> int:
        return next((i for i, r in enumerate(self._rows)
                     if r.new is not None and r.new.id == paragraph_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return header_title(self.HEADERS, section, orientation, role)

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == self.StatusRole:
            return row.status
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(STATUS_COLOURS[row.status])
        if role == self.HtmlRole and col in (self.OLD_TEXT, self.NEW_TEXT):
            key = (index.row(), col)
            if key not in self._html:  # a word diff is computed when first shown
                self._html[key] = diff_html(row, "old" if col == self.OLD_TEXT else "new")
            return self._html[key]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.OLD_LABEL:
                return row.old.label if row.old else ""
            if col == self.NEW_LABEL:
                return row.new.label if row.new else ""
            if col == self.OLD_TEXT:
                return row.old.text if row.old else ""
            if col == self.NEW_TEXT:
                return row.new.text if row.new else ""
            if col == self.STATUS:
                if row.pair is not None and row.pair.typography:
                    return f"{row.status} (typography)"
                if row.pair is not None and row.old is not None and row.pair.score < 1:
                    return f"{row.status} {score_text(row.pair.score)}"
                return row.status
        if role == Qt.ItemDataRole.ToolTipRole and col == self.STATUS:
            if row.pair is not None and row.pair.typography:
                return "the same words; only hyphens, quotes, dashes, spaces or capitals differ"
            return {SAME: "identical text", CHANGED: "edited wording",
                    MOVED: "its place among its neighbours changed",
                    NEW: "not in the older version",
                    DROPPED: "not in the newer version"}[row.status]
        return None


class CompareFilter(QSortFilterProxyModel):
    """Shows only rows whose status is in `statuses` (None = all)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._statuses: frozenset[str] | None = None

    def set_statuses(self, statuses) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._statuses = frozenset(statuses) if statuses else None
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._statuses = frozenset(statuses) if statuses else None
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._statuses is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return index.data(CompareModel.StatusRole) in self._statuses
