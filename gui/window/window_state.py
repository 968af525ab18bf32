"""Remembering the window between sessions: geometry, dock and splitter layout, PDF zoom and the
last document of each library. Stored as plain JSON in the settings file (clausemark.core.library.paths)."""
from __future__ import annotations

from PySide6.QtCore import QByteArray

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import load_settings, save_settings

KEY = "window"


def _load() -> dict:
    try:
        return load_settings()
    except ClausemarkError:
        return {}  # a damaged settings file must not stop the app; it is rewritten on close


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64()).decode("ascii")


def _bytes(text: str | None) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii")) if text else QByteArray()


def restore(window) -> dict:
    """Apply the saved layout to `window`; return the saved state (for zoom and document)."""
    state = _load().get(KEY, {})
    if not isinstance(state, dict):
        return {}
    if state.get("geometry"):
        window.restoreGeometry(_bytes(state["geometry"]))
    if state.get("state"):
        window.restoreState(_bytes(state["state"]))
    splitters = state.get("splitters")
    for name, splitter in window.splitters().items():
        saved = splitters.get(name) if isinstance(splitters, dict) else None
        if isinstance(saved, str):
            splitter.restoreState(_bytes(saved))
    return state


def save(window, zoom: float | None, fit_width: bool, document: str | None) -> None:
    settings = _load()
    state = settings.get(KEY) if isinstance(settings.get(KEY), dict) else {}
    state.update({
        "geometry": _b64(window.saveGeometry()),
        "state": _b64(window.saveState()),
        "splitters": {name: _b64(s.saveState()) for name, s in window.splitters().items()},
        "zoom": zoom, "fit_width": fit_width})
    last = state.setdefault("last_document", {})
    last[str(window.library.path)] = document
    settings[KEY] = state
    try:
        save_settings(settings)
    except OSError:
        pass  # the layout is a convenience; never block closing on it


def last_document(state: dict, library_path) -> str | None:
    last = state.get("last_document", {})
    return last.get(str(library_path)) if isinstance(last, dict) else None
