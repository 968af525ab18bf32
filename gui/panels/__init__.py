"""Widgets that fill the main window: the library list, search, the paragraph tree, themes,
notes, checkable lists. Each gets what it needs (library, DocumentSession) in its constructor
and never reaches into the window."""
