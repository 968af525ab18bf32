"""The main window, split by concern: the DocumentSession (the open document's state and typed
signals), layout, behaviour, every action with its menus, remembered state, tagging, undo."""
