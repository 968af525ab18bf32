"""Clausemark desktop app (PySide6). `app` is the composition root; `launcher` the entry point.
Talks to clausemark.core through the public API of its sub-packages."""
