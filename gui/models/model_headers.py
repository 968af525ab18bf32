"""Shared by the table-like models: horizontal header titles from a HEADERS tuple."""
from __future__ import annotations

from PySide6.QtCore import Qt


def header_title(headers: tuple[str, ...], section: int, orientation, role):
    if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(headers)):
        return headers[section]
    return None
