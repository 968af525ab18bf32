"""Where the analyst left each document: the paragraph last selected in it, per library, kept in
the settings file. A document opens there, or at its first page and first paragraph, never at the
previous document's scroll offset."""
from __future__ import annotations

from clausemark.core.errors import ClausemarkError
from clausemark.core.library import load_settings, save_settings

KEY = "reading_places"
LIMIT = 2000  # documents remembered per library (the oldest are forgotten)


class ReadingPlaces:
    def __init__(self, library_path):
        self._library = str(library_path)
        try:
            stored = load_settings().get(KEY, {})
        except ClausemarkError:
            stored = {}
        places = stored.get(self._library) if isinstance(stored, dict) else None
        self._places: dict[str, str] = dict(places) if isinstance(places, dict) else {}

    def place(self, document_id: int) -> str | None:
        """The paragraph id where the analyst left this document, if any."""
        value = self._places.get(str(document_id))
        return value if isinstance(value, str) else None

    def remember(self, document_id: int, paragraph_id: str) -> None:
        key = str(document_id)
        self._places.pop(key, None)  # most recent last, so the oldest go first
        self._places[key] = paragraph_id
        while len(self._places) > LIMIT:
            self._places.pop(next(iter(self._places)))

    def forget(self, document_id: int) -> None:
        self._places.pop(str(document_id), None)

    def save(self) -> None:
        try:
            settings = load_settings()
        except ClausemarkError:
            settings = {}
        stored = settings.get(KEY) if isinstance(settings.get(KEY), dict) else {}
        stored[self._library] = self._places
        settings[KEY] = stored
        try:
            save_settings(settings)
        except OSError:
            pass  # a convenience; never block closing on it
