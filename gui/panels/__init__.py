"""Widgets that fill the main window: the library list, search, notes, checkable lists."""
