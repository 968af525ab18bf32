"""Background work behind the main window: importing files and computing suggestions."""
