"""Plain records the library hands out. Immutable snapshots: re-read after a change."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from clausemark.core.parse import citation  # one citation form everywhere


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    symbol: str | None
    title: str | None
    body: str | None
    session: str | None
    agenda_item: str | None
    adopted: str | None
    year: int | None
    meeting: str | None
    language: str | None
    pages: int
    sha256: str
    filename: str | None
    size: int
    imported: str
    document_type: str | None = None  # "resolution", "draft resolution", "amendment", ...
    committee: str | None = None
    distributed: str | None = None  # ISO date under "Distr.:" on page 1
    sponsors: tuple[str, ...] | None = None
    original: str | None = None
    paragraph_count: int = 0
    tag_count: int = 0

    @property
    def display_name(self) -> str:
        return self.symbol or self.filename or f"document {self.id}"

    @property
    def is_draft(self) -> bool:
        return self.adopted is None and bool(self.document_type) \
            and self.document_type not in ("resolution", "decision")

    @property
    def date(self) -> str | None:
        """The date a list shows: adoption, or for a draft its distribution date."""
        return self.adopted or (self.distributed if self.is_draft else None)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    colour: str
    position: int  # among siblings
    parent_id: int | None
    description: str
    retired: bool
    created: str
    depth: int = 0  # 0 for a top-level theme
    shortcut: int | None = None  # its own key 1-9 (kept until the analyst changes it), or None
    tag_count: int = 0
    cues: tuple[str, ...] = ()  # cue phrases for suggestions (core/suggest/cues.py)

    @property
    def active_key(self) -> int | None:
        """The key that tags with this theme now (a retired theme's key does nothing)."""
        return None if self.retired else self.shortcut

    def to_dict(self) -> dict:
        d = asdict(self)
        d["key"] = self.shortcut  # the command line's name for it (1-9 or null)
        return d


def theme_subtree(themes: Iterable[Theme], root: int) -> set[int]:
    """The id `root` and the ids of every theme nested under it, at any depth."""
    children: dict[int | None, list[int]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme.id)
    ids, todo = set(), [root]
    while todo:
        theme_id = todo.pop()
        if theme_id not in ids:
            ids.add(theme_id)
            todo += children.get(theme_id, [])
    return ids


@dataclass(frozen=True)
class Tag:
    id: int
    document_id: int
    symbol: str | None
    paragraph: str  # paragraph id in the document, e.g. "OP5(a)"
    label: str  # e.g. "OP 5 (a)"
    theme_id: int
    theme: str
    note: str
    author: str
    created: str
    modified: str
    span_start: int | None = None
    span_end: int | None = None
    quote: str | None = None
    kind: str = ""  # of the paragraph: preambular, operative, subparagraph, ...
    text: str = ""  # the paragraph's text (for reports)
    opening: str | None = None  # the paragraph's opening phrase, italic in the original

    @property
    def citation(self) -> str:
        return citation(self.symbol, self.label)

    @property
    def span(self) -> tuple[int, int] | None:
        return None if self.span_start is None else (self.span_start, self.span_end)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.paragraph  # the CLI/JSON contract: `id` is the paragraph id
        d["tag_id"] = self.id
        del d["paragraph"]
        d["citation"] = self.citation
        return d


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    symbol: str | None
    paragraph: str  # e.g. "OP5(a)"
    label: str
    kind: str
    snippet: str
    text: str
    adopted: str | None
    score: float

    @property
    def citation(self) -> str:
        return citation(self.symbol, self.label)

    def to_dict(self) -> dict:
        return {"symbol": self.symbol, "id": self.paragraph, "citation": self.citation,
                "snippet": self.snippet, "text": self.text, "kind": self.kind,
                "label": self.label, "document_id": self.document_id, "adopted": self.adopted,
                "score": self.score}


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    author: str
    action: str  # tag, untag, note, theme_add, theme_rename, ..., document_add, document_remove
    summary: str  # one human line, e.g. "A/RES/78/217, OP 5 (a): tagged detention"
    details: dict
