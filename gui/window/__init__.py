"""The main window, split by concern: layout, menus, remembered state, tagging actions, undo."""
