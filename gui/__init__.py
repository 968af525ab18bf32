"""Clausemark desktop app (PySide6)."""
