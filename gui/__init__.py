"""Clausemark desktop app (PySide6). `app` is the composition root (library, undo stack,
DocumentSession, MainWindow); `launcher` the entry point; `ops` the two doors for background
work (run_read, run_write). Talks to clausemark.core through the public API of its sub-packages."""
