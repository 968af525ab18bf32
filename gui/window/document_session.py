"""The open document and what the analyst has chosen in it, shared by the panels and controllers.

One DocumentSession per main window. It is the only listener to the library's change records on
the window's behalf and turns them into typed Qt signals, in a fixed order (documents, themes,
tags, rejections), after dropping its caches, so every receiver reads fresh data. The session
holds no widgets: panels read it and tell it what the analyst selected."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clausemark.core.library import (
    Change,
    DocumentInfo,
    DocumentsChanged,
    SuggestionsChanged,
    Tag,
    TagsChanged,
    Theme,
    ThemesChanged,
)
from clausemark.core.parse import Paragraph, Resolution


class DocumentSession(QObject):
    documentOpened = Signal(object)  # document id, or None when no document is open
    selectionChanged = Signal(list)  # the selected paragraph ids
    documentsChanged = Signal()  # the document list or its tag counts
    documentListChanged = Signal()  # documents added, removed or edited (not tag counts)
    themesChanged = Signal()  # names, colours, order, keys, cues of the themes
    tagsChanged = Signal()  # tags or notes (of any document; the open one's cache is reset)
    rejectionsChanged = Signal()  # rejected suggestions
    filterChanged = Signal(object)  # None (all), "untagged", or a theme name

    def __init__(self, library, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.document: DocumentInfo | None = None
        self.resolution: Resolution | None = None
        self.pdf: bytes | None = None  # the open document's PDF, as stored
        self._selected: list[str] = []
        self.filter: str | None = None  # which paragraphs the tree shows
        self._tags: list[Tag] | None = None
        self._themes: list[Theme] | None = None
        self._colours: dict[int, str] | None = None
        self._rejected: set[tuple[str, int]] | None = None
        self._unsubscribe = library.subscribe(self._on_library_changed)

    def stop(self) -> None:
        """Stop listening to the library (the window is closing)."""
        self._unsubscribe()

    # -- the document --------------------------------------------------------------------------

    @property
    def document_id(self) -> int | None:
        return self.document.id if self.document is not None else None

    def open(self, document_id: int | None) -> None:
        """Open a document (None: none), then announce the empty selection. Raises
        ClausemarkError when it cannot be read; the previous document then stays open."""
        if document_id is None:
            document, resolution, pdf = None, None, None
        else:
            document = self.library.document(document_id)
            resolution = self.library.resolution(document_id)
            pdf = self.library.pdf_bytes(document_id)
        self.document, self.resolution, self.pdf = document, resolution, pdf
        self._tags, self._rejected, self._selected = None, None, []
        self.documentOpened.emit(document_id)
        self.selectionChanged.emit([])

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        return self.resolution.find(paragraph_id) if self.resolution is not None else None

    # -- the selection -------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        return list(self._selected)

    def set_selection(self, paragraph_ids: list[str]) -> None:
        self._selected = list(paragraph_ids)
        self.selectionChanged.emit(self.selected_ids())

    def set_filter(self, choice: str | None) -> None:
        self.filter = choice
        self.filterChanged.emit(choice)

    def citations(self) -> list[str]:
        """"A/RES/78/217, OP 5 (a)" for each selected paragraph."""
        found = (self.paragraph(p) for p in self._selected)
        return [self.resolution.citation(p) for p in found if p is not None]

    # -- what the library holds, read once per change ------------------------------------------

    def tags(self) -> list[Tag]:
        """The open document's tags (chips, tints, the tree filter, the theme actions, the notes
        and the suggestions all need them after each tag)."""
        if self._tags is None:
            self._tags = ([] if self.document is None
                          else list(self.library.tags.list(document=self.document.id)))
        return self._tags

    def tags_on(self, paragraph_id: str) -> list[Tag]:
        return [t for t in self.tags() if t.paragraph == paragraph_id]

    def rejected(self) -> set[tuple[str, int]]:
        """{(paragraph id, theme id)} of the open document's rejected suggestions (the
        suggestions are recomputed after every tag; the rejections change far more rarely)."""
        if self._rejected is None:
            self._rejected = (set() if self.document is None else
                              {(p, t) for _, p, t in self.library.suggestions.rejected(
                                  self.document.id)})
        return set(self._rejected)

    def themes(self) -> list[Theme]:
        """The themes in use (not retired), in taxonomy order: keys 1-9 follow it."""
        if self._themes is None:
            self._themes = list(self.library.themes.list(include_retired=False))
        return list(self._themes)

    def theme_for_shortcut(self, key: int) -> Theme | None:
        return next((t for t in self.themes() if t.shortcut == key), None)

    def theme_colours(self) -> dict[int, str]:
        """Theme id -> colour, retired themes included (their tags keep their colour)."""
        if self._colours is None:
            self._colours = {t.id: t.colour for t in self.library.themes.list()}
        return self._colours

    def tag_chips(self) -> dict[str, list[tuple[str, str]]]:
        """Paragraph id -> [(theme name, colour)] of the open document's tags."""
        colours = self.theme_colours()
        chips: dict[str, list[tuple[str, str]]] = {}
        for tag in self.tags():
            chips.setdefault(tag.paragraph, []).append((tag.theme, colours.get(tag.theme_id,
                                                                               "#888")))
        return chips

    # -- changes -------------------------------------------------------------------------------

    def _on_library_changed(self, change: Change) -> None:
        if (isinstance(change, DocumentsChanged) and change.action == "remove"
                and change.document_id == self.document_id):
            self.open(None)  # the open document left the library: nothing is open now
        themes = isinstance(change, ThemesChanged)
        tags = isinstance(change, TagsChanged)  # a NoteChanged too
        if themes:
            self._themes, self._colours = None, None
        if (tags and change.document_id == self.document_id) or themes:
            self._tags = None  # (a tag carries its theme's name)
        if tags or isinstance(change, DocumentsChanged):
            self.documentsChanged.emit()
        if isinstance(change, DocumentsChanged):
            self.documentListChanged.emit()
        if themes:
            self.themesChanged.emit()
        if tags:
            self.tagsChanged.emit()
        if isinstance(change, SuggestionsChanged):
            if change.document_id == self.document_id:
                self._rejected = None
            self.rejectionsChanged.emit()
