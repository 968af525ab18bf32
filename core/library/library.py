"""The library: one SQLite file holding documents (with their PDFs), paragraphs, themes, tags and
the history of changes. `Library` is the one door into it for the GUI, the command line and
the reports; nobody else writes SQL against the file."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import sqlite_utils

from clausemark.core.errors import ClausemarkError, ConflictError, NotFoundError
from clausemark.core.library import backups, schema
from clausemark.core.library.changes import Change, DocumentsChanged, TagsChanged
from clausemark.core.library.compare_reads import ComparisonReads
from clausemark.core.library.instance_lock import InstanceLock
from clausemark.core.library.language_index import index_document
from clausemark.core.library.paths import analyst_name, library_path, os_user_name
from clausemark.core.library.precedents import PrecedentManager
from clausemark.core.library.records import DocumentInfo, HistoryEntry
from clausemark.core.library.references import ReferenceManager
from clausemark.core.library.search import SearchManager
from clausemark.core.library.store import Store
from clausemark.core.library.suggestions import SuggestionManager
from clausemark.core.library.tags import TagManager
from clausemark.core.library.team import TeamRecords
from clausemark.core.library.themes import ThemeManager
from clausemark.core.parse.model import Footnote, Paragraph, Resolution

DocumentRef = int | str  # document id, or its symbol (case-insensitive)

_DOC_COLUMNS = ("id, symbol, title, body, session, agenda_item, adopted, year, meeting, language, "
                "pages, sha256, filename, size, imported, document_type, committee, distributed, "
                "sponsors, original")


_DIGITS = re.compile(r"(\d+)")
BATCH = 200  # rows per INSERT when a document's paragraphs are stored (14 columns each)


def natural_key(text: str | None) -> tuple:
    """"A/RES/78/9" before "A/RES/78/100": digit runs compare as numbers."""
    parts = _DIGITS.split((text or "").lower())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def _sponsors(stored: str | None) -> tuple[str, ...] | None:
    return None if stored is None else tuple(json.loads(stored))


def _year(adopted: str | None) -> int | None:
    return int(adopted[:4]) if adopted and adopted[:4].isdigit() else None


# Libraries another Clausemark holds (see Library.open_for_app): every connection this process
# opens to them is read-only, also those of background workers (import, reports).
_HELD_ELSEWHERE: dict[Path, str] = {}


def open_existing(path: str | Path | None = None) -> Library:
    """The library at `path` (None: the default one) when the file exists; a missing file is
    an error, not a new empty library (a typo in --db must not look like an empty library)."""
    resolved = library_path(path)
    if not resolved.exists():
        raise NotFoundError(f"{resolved}: no such library (import documents first with "
                            "`clausemark import`, or give --db)")
    return Library(resolved, create=False)


class Library:
    """An open library file. Create one per thread (SQLite connections are not shared).

    A library holds its managers, each with a small public API (see their modules):
        lib.themes       ThemeManager        the taxonomy: list, get, add, rename, nest, retire ...
        lib.tags         TagManager          tags on paragraphs: list, get, find, add, remove ...
        lib.suggestions  SuggestionManager   cue phrases, rejected suggestions, training data
        lib.search       SearchManager       lib.search.paragraphs(query, ...): FTS5, best first
        lib.comparison   ComparisonReads     paragraph texts of many documents at once
        lib.team         TeamRecords         identities, shares merged, tag origins, reviews
        lib.precedents   PrecedentManager    agreed language: where a paragraph's wording recurs
        lib.references   ReferenceManager    the citation web: what a document cites, cited by
    Theme refs are a theme id or name (case-insensitive); document refs an id or a symbol.

    Opening and general
        Library(path=None, *, author=None, create=True, read_only=False, check=False)
                                                           open or create; None = default path;
            an automatic backup when due, and a damaged file raises DamagedLibraryError naming
            the last good backup (core/library/backups.py); check=True checks the file on every open
        Library.open_for_app(path=None, *, wait=2.0) -> Library   for a long-lived window: holds
            the instance lock; if another Clausemark holds it, read-only (read_only_reason says
            why), and so is every other Library this process opens on that file until it closes
        open_existing(path=None) -> Library                (module function) a missing file is
            an error, not a new empty library
        close(); with Library(...) as lib: ...
        read_only: bool; read_only_reason: str | None     writes raise LibraryError when read-only
        path: Path; author: str (name written on tags and history; settable)
        schema_version -> int
        transaction() -> context manager; nested calls become savepoints (atomic multi-writes)
        subscribe(callback(change)) -> unsubscribe function; the change records of
            core/library/changes.py (DocumentsChanged, ThemesChanged, TagsChanged, NoteChanged,
            SuggestionsChanged) arrive after the change is committed
        db -> sqlite_utils.Database over the same connection: lib.db.query(sql), and the
            documented views tag_citations and theme_counts (core/library/schema.py, _reading_views)
        make_backup(reason="manual", out=None) -> Path     consistent copy of the whole file:
            into backups/ with rotation, or to `out`

    Documents
        add_resolution(resolution, pdf: bytes, *, filename=None) -> (document_id, created: bool)
        document_id_for_sha(sha256) -> int | None
        documents() -> list[DocumentInfo]                  with paragraph and tag counts
        document(ref) -> DocumentInfo                      ref = id or symbol
        document_id(ref) -> int
        paragraph_row(ref, paragraph) -> (paragraph row id, document id)  "OP5(a)", "OP 5 (a)"
        resolution(ref) -> clausemark.core.parse.model.Resolution   paragraph tree and footnotes
        pdf_bytes(ref) -> bytes
        remove_document(ref) -> DocumentInfo               deletes its paragraphs and tags

    History
        history(limit=100, offset=0, action=None) -> list[HistoryEntry]   newest first
    """

    def __init__(self, path: str | Path | None = None, *, author: str | None = None,
                 create: bool = True, read_only: bool = False, check: bool = False):
        self.path = library_path(path)
        existed = self.path.exists()
        conn = schema.open_connection(self.path, create=create)
        held = _HELD_ELSEWHERE.get(self.path.resolve())
        if held is None and conn.execute("PRAGMA query_only").fetchone()[0]:
            held = schema.read_only_reason(self.path)  # a read-only folder, a full disk
        if author is None:
            try:
                author = analyst_name()
            except ClausemarkError:  # damaged settings must not lock the analyst out
                author = os_user_name()
        self._store = Store(self.path, conn, author=author,
                            read_only_reason=held or ("opened read-only" if read_only else None))
        self._held_key: Path | None = None
        self._lock: InstanceLock | None = None
        try:
            if existed:  # a file just created has nothing to protect yet
                backups.on_open(conn, self.path, force_check=check)
            if self.read_only:
                conn.execute("PRAGMA query_only = ON")
        except BaseException:
            self.close()
            raise
        self.themes = ThemeManager(self._store)
        self.tags = TagManager(self._store, self)
        self.suggestions = SuggestionManager(self._store, self)
        self.search = SearchManager(self._store, self)
        self.comparison = ComparisonReads(self._store, self)
        self.team = TeamRecords(self._store, self)
        self.precedents = PrecedentManager(self._store, self)
        self.references = ReferenceManager(self._store, self)

    @classmethod
    def open_for_app(cls, path: str | Path | None = None, *, wait: float = 2.0,
                     **kwargs) -> Library:
        """Open for a window that stays open: checked on open, holding the instance lock
        (core/library/instance_lock.py). When another Clausemark still holds it after `wait` seconds,
        the library opens read-only and `read_only_reason` says why."""
        lock = InstanceLock(library_path(path))
        if not lock.acquire(wait):
            lib = cls(path, read_only=True, check=True, **kwargs)
            lib.read_only_reason = ("read-only: this library is open in another Clausemark "
                                    "window; close that one to make changes here")
            lib._held_key = lib.path.resolve()
            _HELD_ELSEWHERE[lib._held_key] = lib.read_only_reason
            return lib
        try:
            lib = cls(path, check=True, **kwargs)
        except BaseException:
            lock.release()
            raise
        lib._lock = lock
        return lib

    def close(self) -> None:
        self._store.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._held_key is not None:
            _HELD_ELSEWHERE.pop(self._held_key, None)
            self._held_key = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Library({str(self.path)!r})"

    # -- general -------------------------------------------------------------------------------

    @property
    def author(self) -> str:
        return self._store.author

    @author.setter
    def author(self, name: str) -> None:
        self._store.author = name

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self._store.read_only_reason

    @read_only_reason.setter
    def read_only_reason(self, reason: str | None) -> None:
        self._store.read_only_reason = reason

    @property
    def conn(self) -> sqlite3.Connection:
        return self._store.conn

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the library's connection (tables, views, queries of your own)."""
        return self._store.db

    @property
    def schema_version(self) -> int:
        return schema.user_version(self.conn)

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside happen together or not at all. Nested use makes savepoints."""
        return self._store.transaction()

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call `callback(change)` after each committed change; returns the unsubscribe."""
        return self._store.subscribe(callback)

    def make_backup(self, reason: str = "manual", out: str | Path | None = None) -> Path:
        return backups.make_backup(self.conn, self.path, reason, out=out)

    # -- documents -----------------------------------------------------------------------------

    def document_id_for_sha(self, sha256: str) -> int | None:
        row = self._store.one("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
        return row[0] if row else None

    def add_resolution(self, resolution: Resolution, pdf: bytes, *,
                       filename: str | None = None) -> tuple[int, bool]:
        """Store a parsed resolution with its PDF in one transaction. A PDF already in the
        library (same SHA-256) is not stored again: returns (its id, False)."""
        sha = hashlib.sha256(pdf).hexdigest()
        nodes: list[tuple[Paragraph, Paragraph | None]] = []

        def visit(p: Paragraph, parent: Paragraph | None) -> None:
            nodes.append((p, parent))
            for child in p.children:
                visit(child, p)

        for top in resolution.paragraphs:
            visit(top, None)
        seen: set[str] = set()
        for p, _ in nodes:
            if p.id in seen:
                raise ConflictError(f"{filename or resolution.symbol}: paragraph id {p.id} "
                                    "occurs twice")
            seen.add(p.id)
        r = resolution
        with self.transaction():
            existing = self.document_id_for_sha(sha)
            if existing is not None:
                return existing, False
            db = self._store.db  # sqlite-utils: the rows as dicts, inserted in batches
            doc_id = db["documents"].insert({
                "sha256": sha, "symbol": r.symbol, "title": r.title, "body": r.body,
                "session": r.session, "agenda_item": r.agenda_item, "adopted": r.adopted,
                "year": _year(r.adopted), "meeting": r.meeting, "language": r.language,
                "pages": int(r.pages or 0), "filename": filename, "size": len(pdf),
                "imported": schema.now(), "document_type": r.document_type,
                "committee": r.committee, "distributed": r.distributed,
                "sponsors": None if r.sponsors is None else json.dumps(r.sponsors,
                                                                        ensure_ascii=False),
                "original": r.original}).last_rowid
            db["document_files"].insert({"document_id": doc_id, "pdf": pdf})
            # Ids assigned here so that parents can be referenced in the same batch; the
            # IMMEDIATE transaction holds the write lock, so max(id) cannot move meanwhile.
            base = self._store.one("SELECT coalesce(max(id), 0) FROM paragraphs")[0] + 1
            row_id = {id(p): base + i for i, (p, _) in enumerate(nodes)}
            db["paragraphs"].insert_all(
                ({"id": row_id[id(p)], "document_id": doc_id, "pid": p.id,
                  "parent_id": row_id[id(parent)] if parent else None, "position": i,
                  "kind": p.kind, "number": p.number, "label": p.label, "opening": p.opening,
                  "text": p.text or "", "pages": json.dumps(list(p.pages)),
                  "footnote_refs": json.dumps(list(p.footnote_refs)),
                  "boxes": json.dumps([[b[0], *(float(v) for v in b[1:])] for b in p.boxes]),
                  "cells": None if p.rows is None else json.dumps(p.rows, ensure_ascii=False)}
                 for i, (p, parent) in enumerate(nodes)), batch_size=BATCH)
            db["footnotes"].insert_all(
                ({"document_id": doc_id, "position": i, "number": f.number, "text": f.text,
                  "page": f.page} for i, f in enumerate(r.footnotes)), batch_size=BATCH)
            index_document(self._store, doc_id)  # agreed language and references
            name = r.symbol or filename or f"document {doc_id}"
            self._store.record("document_add", f"{name}: imported ({len(nodes)} paragraphs)",
                         document=doc_id, symbol=r.symbol, sha256=sha, filename=filename)
            self._store.announce(DocumentsChanged(doc_id, "add"))
        return doc_id, True

    def _documents_query(self, where: str = "", params=(), *, counted: bool = True
                         ) -> list[DocumentInfo]:
        """Documents with their paragraph and tag counts (left 0 when not `counted`, for
        callers that read only the metadata)."""
        rows = self._store.execute(f"SELECT {_DOC_COLUMNS} FROM documents d {where}", params).fetchall()
        if not counted:
            return [DocumentInfo(*row[:-2], _sponsors(row[-2]), row[-1]) for row in rows]
        if len(rows) == 1:  # one document: count just its rows
            counts = "WHERE p.document_id = ?", [rows[0][0]]
        else:  # all: one pass over each table beats a count per document
            counts = "", []
        paragraphs = dict(self._store.execute("SELECT p.document_id, count(*) FROM paragraphs p "
                                        f"{counts[0]} GROUP BY p.document_id", counts[1]))
        tags = dict(self._store.execute("SELECT p.document_id, count(*) FROM tags t JOIN paragraphs p "
                                  f"ON p.id = t.paragraph_id {counts[0]} GROUP BY p.document_id",
                                  counts[1]))
        return [DocumentInfo(*row[:-2], _sponsors(row[-2]), row[-1],
                             paragraph_count=paragraphs.get(row[0], 0),
                             tag_count=tags.get(row[0], 0)) for row in rows]

    def documents(self) -> list[DocumentInfo]:
        docs = self._documents_query()
        return sorted(docs, key=lambda d: (d.symbol is None, natural_key(d.symbol),
                                           d.filename or "", d.id))

    def document_id(self, ref: DocumentRef) -> int:
        if isinstance(ref, DocumentInfo):
            ref = ref.id
        if isinstance(ref, int) and not isinstance(ref, bool):
            if -2**63 <= ref < 2**63 and self._store.one("SELECT 1 FROM documents WHERE id = ?",
                                                         (ref,)):
                return ref
            raise NotFoundError(f"no document with id {ref}")
        if not isinstance(ref, str) or not ref.strip():
            raise NotFoundError(f"no document {ref!r}")
        text = ref.strip()
        rows = self._store.execute("SELECT id FROM documents WHERE symbol = ? COLLATE NOCASE "
                             "ORDER BY id", (text,)).fetchall()
        if not rows:
            rows = self._store.execute("SELECT id FROM documents WHERE filename = ? OR sha256 = ?",
                                 (text, text.lower())).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if not rows:
            raise NotFoundError(f"no document {text} in the library")
        ids = ", ".join(str(r[0]) for r in rows)
        raise ConflictError(f"{len(rows)} documents have the symbol {text} (ids {ids}); "
                            "name one by its id")

    def document(self, ref: DocumentRef) -> DocumentInfo:
        return self._documents_query("WHERE d.id = ?", (self.document_id(ref),))[0]

    def resolution(self, ref: DocumentRef) -> Resolution:
        """The document as the parser produced it: metadata, paragraph tree, footnotes."""
        info = self._documents_query("WHERE d.id = ?", (self.document_id(ref),), counted=False)[0]
        res = Resolution(symbol=info.symbol, title=info.title, body=info.body,
                         session=info.session, agenda_item=info.agenda_item,
                         adopted=info.adopted, meeting=info.meeting, language=info.language,
                         pages=info.pages, document_type=info.document_type,
                         committee=info.committee, distributed=info.distributed,
                         sponsors=list(info.sponsors) if info.sponsors is not None else None,
                         original=info.original)
        by_row: dict[int, Paragraph] = {}
        for (row_id, parent_id, pid, kind, number, label, opening, text, pages, refs,
             boxes, cells) in self._store.execute(
                "SELECT id, parent_id, pid, kind, number, label, opening, text, pages, "
                "footnote_refs, boxes, cells FROM paragraphs WHERE document_id = ? "
                "ORDER BY position", (info.id,)):
            p = Paragraph(id=pid, kind=kind, number=number, label=label, opening=opening,
                          text=text, pages=json.loads(pages), footnote_refs=json.loads(refs),
                          boxes=[tuple(b) for b in json.loads(boxes)],
                          rows=None if cells is None else json.loads(cells))
            by_row[row_id] = p
            (by_row[parent_id].children if parent_id in by_row else res.paragraphs).append(p)
        res.footnotes = [Footnote(number=n, text=t, page=pg) for n, t, pg in self._store.execute(
            "SELECT number, text, page FROM footnotes WHERE document_id = ? ORDER BY position",
            (info.id,))]
        return res

    def pdf_bytes(self, ref: DocumentRef) -> bytes:
        row = self._store.one("SELECT pdf FROM document_files WHERE document_id = ?",
                        (self.document_id(ref),))
        if row is None:
            raise NotFoundError(f"document {ref} has no stored PDF")
        return bytes(row[0])

    def remove_document(self, ref: DocumentRef) -> DocumentInfo:
        info = self.document(ref)
        with self.transaction():
            self._store.execute("DELETE FROM documents WHERE id = ?", (info.id,))
            self._store.record("document_remove",
                         f"{info.display_name}: removed with its {info.tag_count} tags",
                         document=info.id, symbol=info.symbol, sha256=info.sha256,
                         tags=info.tag_count)
            self._store.announce(DocumentsChanged(info.id, "remove"))
            self._store.announce(TagsChanged(info.id, "remove"))
        return info

    def paragraph_row(self, document: DocumentRef, paragraph: str) -> tuple[int, int]:
        """(paragraph row id, document id) for a paragraph id such as "OP5(a)"."""
        doc_id = self.document_id(document)
        pid = paragraph.strip() if isinstance(paragraph, str) else paragraph
        row = self._store.one("SELECT id FROM paragraphs WHERE document_id = ? AND pid = ?",
                        (doc_id, pid))
        if row is None:  # be forgiving about spaces: "OP 5 (a)" means OP5(a)
            row = self._store.one("SELECT id FROM paragraphs WHERE document_id = ? AND "
                            "(replace(pid, ' ', '') = ? COLLATE NOCASE OR label = ? COLLATE NOCASE)",
                            (doc_id, str(pid).replace(" ", ""), pid))
        if row is None:
            name = self.document(doc_id).display_name
            raise NotFoundError(f"{name} has no paragraph {paragraph} "
                                "(ids look like PP1, OP5, OP5(a))")
        return row[0], doc_id

    # -- history -------------------------------------------------------------------------------

    def history(self, limit: int = 100, offset: int = 0,
                action: str | None = None) -> list[HistoryEntry]:
        where, params = ("WHERE action = ?", [action]) if action else ("", [])
        rows = self._store.execute(f"SELECT id, at, author, action, summary, details FROM history "
                             f"{where} ORDER BY id DESC LIMIT ? OFFSET ?",
                             (*params, limit, offset)).fetchall()
        return [HistoryEntry(i, at, au, ac, s, json.loads(d)) for i, at, au, ac, s, d in rows]
