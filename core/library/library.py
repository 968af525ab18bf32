"""The library: one SQLite file holding documents (with their PDFs), paragraphs, themes, tags and
the history of changes. `Library` is the one door into it for the GUI, the command line and
the reports; nobody else writes SQL against the file."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from clausemark.core.errors import ClausemarkError, ConflictError, LibraryError, NotFoundError
from clausemark.core.library import backups, schema
from clausemark.core.library.compare_reads import CompareOps
from clausemark.core.library.instance_lock import InstanceLock
from clausemark.core.library.paths import analyst_name, library_path, os_user_name
from clausemark.core.library.records import DocumentInfo, HistoryEntry
from clausemark.core.library.search import SearchOps
from clausemark.core.library.suggestions import SuggestionOps
from clausemark.core.library.tags import TagOps
from clausemark.core.library.themes import ThemeOps
from clausemark.core.parse.model import Footnote, Paragraph, Resolution

DocumentRef = int | str  # document id, or its symbol (case-insensitive)

_DOC_COLUMNS = ("id, symbol, title, body, session, agenda_item, adopted, year, meeting, language, "
                "pages, sha256, filename, size, imported")


_DIGITS = re.compile(r"(\d+)")


def _natural_key(text: str | None) -> tuple:
    """"A/RES/78/9" before "A/RES/78/100": digit runs compare as numbers."""
    parts = _DIGITS.split((text or "").lower())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def _is_storage_problem(exc: sqlite3.Error) -> bool:
    """Errors that come from the disk or from other writers, not from a bug in the SQL."""
    text = str(exc).lower()
    return any(word in text for word in ("locked", "busy", "disk", "i/o", "full", "readonly",
                                         "read-only"))


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


class Library(ThemeOps, TagOps, SearchOps, CompareOps, SuggestionOps):
    """An open library file. Create one per thread (SQLite connections are not shared).

    Opening and general
        Library(path=None, *, author=None, create=True, read_only=False, check=False)
                                                           open or create; None = default path;
            an automatic backup when due, and a damaged file raises DamagedLibraryError naming
            the last good backup (core/library/backups.py); check=True checks the file on every open
        Library.open(path=None, **kw) -> Library          same, as a classmethod
        Library.open_for_app(path=None, *, wait=2.0) -> Library   for a long-lived window: holds
            the instance lock; if another Clausemark holds it, read-only (read_only_reason says
            why), and so is every other Library this process opens on that file until it closes
        close(); with Library(...) as lib: ...
        read_only: bool; read_only_reason: str | None     writes raise LibraryError when read-only
        path: Path; author: str (name written on tags and history; settable)
        schema_version -> int; integrity_check() -> str ("ok" when sound)
        transaction() -> context manager; nested calls become savepoints (atomic multi-writes)
        subscribe(callback(event: str, details: dict)) -> unsubscribe function; events
            "documents", "themes", "tags", "suggestions" fire after the change is committed
        db -> sqlite_utils.Database over the same connection, for read-only queries (reports)
        backup(dest_path) -> Path                          consistent copy of the whole file
        make_backup(reason="manual", out=None) -> Path     into backups/ with rotation, or to `out`

    Documents
        add_resolution(resolution, pdf: bytes, *, filename=None) -> (document_id, created: bool)
        document_id_for_sha(sha256) -> int | None
        documents() -> list[DocumentInfo]                  with paragraph and tag counts
        document(ref) -> DocumentInfo                      ref = id or symbol
        resolution(ref) -> clausemark.core.parse.model.Resolution           paragraph tree and footnotes
        pdf_bytes(ref) -> bytes
        remove_document(ref) -> DocumentInfo               deletes its paragraphs and tags

    Themes (ref = theme id or name, case-insensitive)            -- core/library/themes.py
        themes(include_retired=True) -> list[Theme]        taxonomy order, depth, shortcut 1-9
        theme(ref) -> Theme
        next_theme_colour() -> str                         what add_theme picks without a colour
        add_theme(name, colour=None, *, parent=None, description="", position=None) -> Theme
        rename_theme(ref, name) -> Theme
        recolour_theme(ref, colour) -> Theme               "#RRGGBB" (also "#RGB", "RRGGBB")
        describe_theme(ref, description) -> Theme
        nest_theme(ref, parent, position=None) -> Theme    parent None = top level
        move_theme(ref, position) -> Theme                 position among its siblings, from 0
        retire_theme(ref, retired=True) -> Theme           tags are kept; False restores
        delete_theme(ref) -> Theme                         only when no tag or sub-theme uses it

    Tags (document = ref, paragraph = id such as "OP5(a)")        -- core/library/tags.py
        tag(document, paragraph, theme, *, note="", span=None) -> Tag   span = (start, end)
        untag(tag_id) -> Tag                               the removed tag
        find_tag(document, paragraph, theme, span=None) -> Tag | None
        set_note(tag_id, note) -> Tag
        tag_by_id(tag_id) -> Tag
        tags(*, theme=None, document=None, paragraph=None, author=None,
             include_subthemes=True) -> list[Tag]          in document order
        restore_tag(tag) -> Tag                            re-insert a removed tag (undo)

    Suggestions                                          -- core/library/suggestions.py
        set_theme_cues(ref, cues: list[str]) -> Theme     cue phrases (Theme.cues)
        reject_suggestion(document, paragraph, theme) -> bool   remembered; False if already
        unreject_suggestion(document, paragraph, theme) -> bool  forget it (undo)
        rejected_suggestions(document=None) -> set[(document_id, paragraph id, theme_id)]
        training_clauses(exclude_document=None) -> list[TrainingClause]   paragraphs of tagged
            documents with their tagged and rejected theme ids (for core/suggest/model.py)
        (core/suggest/suggestions.py suggest_for_document(lib, ref) computes the suggestions themselves)

    Search                                                         -- core/library/search.py
        search(query, *, theme=None, document=None, kind=None, year=None, limit=50, offset=0,
               mark=("[", "]")) -> list[SearchHit]         FTS5, porter stemming, best first

    Comparison                                                     -- core/library/compare_reads.py
        paragraph_texts(documents=None) -> {document id: [texts in order]}

    History
        history(limit=100, offset=0, action=None) -> list[HistoryEntry]   newest first
    """

    def __init__(self, path: str | Path | None = None, *, author: str | None = None,
                 create: bool = True, read_only: bool = False, check: bool = False):
        self.path = library_path(path)
        existed = self.path.exists()
        self._conn = schema.open_connection(self.path, create=create)
        held = _HELD_ELSEWHERE.get(self.path.resolve())
        if held is None and self._conn.execute("PRAGMA query_only").fetchone()[0]:
            held = schema.read_only_reason(self.path)
        self.read_only = read_only or held is not None
        self.read_only_reason: str | None = held or ("opened read-only" if read_only else None)
        self._held_key: Path | None = None
        self._lock: InstanceLock | None = None
        try:
            if existed:  # a file just created has nothing to protect yet
                backups.on_open(self._conn, self.path, force_check=check)
            if self.read_only:
                self._conn.execute("PRAGMA query_only = ON")
        except BaseException:
            self.close()
            raise
        self._depth = 0
        self._pending: list[tuple[str, dict]] = []
        self._listeners: list[Callable[[str, dict], None]] = []
        if author is None:
            try:
                author = analyst_name()
            except ClausemarkError:  # damaged settings must not lock the analyst out
                author = os_user_name()
        self.author = author

    @classmethod
    def open(cls, path: str | Path | None = None, **kwargs) -> Library:
        return cls(path, **kwargs)

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
        if self._conn is not None:
            self._conn.close()
            self._conn = None
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

    # -- plumbing ------------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError(f"{self.path}: library is closed")
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        return sqlite_utils.Database(self.conn)

    @property
    def schema_version(self) -> int:
        return schema.user_version(self.conn)

    def _execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def _one(self, sql: str, params=()):
        return self.conn.execute(sql, params).fetchone()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all. Nested use makes savepoints."""
        conn = self.conn
        depth = self._depth
        if self.read_only:
            raise LibraryError(f"{self.path}: {self.read_only_reason}; nothing was changed")
        try:
            conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT sp{depth}")
        except sqlite3.OperationalError as exc:
            raise self._storage_error(exc) from None
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._depth = depth
            try:
                if depth == 0:
                    if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                        conn.execute("ROLLBACK")
                    self._pending.clear()
                elif conn.in_transaction:
                    conn.execute(f"ROLLBACK TO sp{depth}")
                    conn.execute(f"RELEASE sp{depth}")
            except sqlite3.Error:
                self._pending.clear()  # the rollback failed too: report the first problem
            if isinstance(exc, sqlite3.OperationalError) and _is_storage_problem(exc):
                raise self._storage_error(exc) from None
            raise
        self._depth = depth
        if depth:
            conn.execute(f"RELEASE sp{depth}")
            return
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._pending.clear()
            if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise self._storage_error(exc) from None
        pending, self._pending = self._pending, []
        for event, details in pending:
            for listener in list(self._listeners):
                listener(event, details)

    def _storage_error(self, exc: sqlite3.Error) -> LibraryError:
        if "locked" in str(exc) or "busy" in str(exc):
            return LibraryError(f"{self.path}: the library is busy (another program is writing "
                                "to it); nothing was changed, try again")
        if "full" in str(exc).lower():
            return LibraryError(f"{self.path}: the disk is full; nothing was changed (free some "
                                "space and try again)")
        return LibraryError(f"{self.path}: could not save ({exc}); nothing was changed")

    def subscribe(self, callback: Callable[[str, dict], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def _changed(self, event: str, **details) -> None:
        self._pending.append((event, details))

    def _record(self, action: str, summary: str, **details) -> None:
        """Write a history entry inside the current transaction."""
        self._execute("INSERT INTO history (at, author, action, summary, details) "
                      "VALUES (?, ?, ?, ?, ?)",
                      (schema.now(), self.author, action, summary,
                       json.dumps(details, ensure_ascii=False)))

    def integrity_check(self) -> str:
        rows = self._execute("PRAGMA integrity_check").fetchall()
        return "; ".join(r[0] for r in rows)

    def backup(self, dest: str | Path) -> Path:
        return backups.make_backup(self.conn, self.path, out=dest)

    def make_backup(self, reason: str = "manual", out: str | Path | None = None) -> Path:
        return backups.make_backup(self.conn, self.path, reason, out=out)

    # -- documents -----------------------------------------------------------------------------

    def document_id_for_sha(self, sha256: str) -> int | None:
        row = self._one("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
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
            doc_id = self._execute(
                "INSERT INTO documents (sha256, symbol, title, body, session, agenda_item, "
                "adopted, year, meeting, language, pages, filename, size, imported) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (sha, r.symbol, r.title, r.body, r.session, r.agenda_item, r.adopted,
                 _year(r.adopted), r.meeting, r.language, int(r.pages or 0), filename, len(pdf),
                 schema.now())).lastrowid
            self._execute("INSERT INTO document_files (document_id, pdf) VALUES (?, ?)",
                          (doc_id, pdf))
            # Ids assigned here so that parents can be referenced in one executemany; the
            # IMMEDIATE transaction holds the write lock, so max(id) cannot move meanwhile.
            base = self._one("SELECT coalesce(max(id), 0) FROM paragraphs")[0] + 1
            row_id = {id(p): base + i for i, (p, _) in enumerate(nodes)}
            self.conn.executemany(
                "INSERT INTO paragraphs (id, document_id, pid, parent_id, position, kind, number, "
                "label, opening, text, pages, footnote_refs, boxes) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(row_id[id(p)], doc_id, p.id, row_id[id(parent)] if parent else None, i, p.kind,
                  p.number, p.label, p.opening, p.text or "", json.dumps(list(p.pages)),
                  json.dumps(list(p.footnote_refs)),
                  json.dumps([[b[0], *(float(v) for v in b[1:])] for b in p.boxes]))
                 for i, (p, parent) in enumerate(nodes)])
            self.conn.executemany(
                "INSERT INTO footnotes (document_id, position, number, text, page) "
                "VALUES (?, ?, ?, ?, ?)",
                [(doc_id, i, f.number, f.text, f.page) for i, f in enumerate(r.footnotes)])
            name = r.symbol or filename or f"document {doc_id}"
            self._record("document_add", f"{name}: imported ({len(nodes)} paragraphs)",
                         document=doc_id, symbol=r.symbol, sha256=sha, filename=filename)
            self._changed("documents", document=doc_id, action="add")
        return doc_id, True

    def _documents_query(self, where: str = "", params=()) -> list[DocumentInfo]:
        rows = self._execute(f"SELECT {_DOC_COLUMNS} FROM documents d {where}", params).fetchall()
        if len(rows) == 1:  # one document: count just its rows
            counts = "WHERE p.document_id = ?", [rows[0][0]]
        else:  # all: one pass over each table beats a count per document
            counts = "", []
        paragraphs = dict(self._execute("SELECT p.document_id, count(*) FROM paragraphs p "
                                        f"{counts[0]} GROUP BY p.document_id", counts[1]))
        tags = dict(self._execute("SELECT p.document_id, count(*) FROM tags t JOIN paragraphs p "
                                  f"ON p.id = t.paragraph_id {counts[0]} GROUP BY p.document_id",
                                  counts[1]))
        return [DocumentInfo(*row, paragraph_count=paragraphs.get(row[0], 0),
                             tag_count=tags.get(row[0], 0)) for row in rows]

    def documents(self) -> list[DocumentInfo]:
        docs = self._documents_query()
        return sorted(docs, key=lambda d: (d.symbol is None, _natural_key(d.symbol),
                                           d.filename or "", d.id))

    def _document_id(self, ref: DocumentRef) -> int:
        if isinstance(ref, DocumentInfo):
            ref = ref.id
        if isinstance(ref, int) and not isinstance(ref, bool):
            if self._one("SELECT 1 FROM documents WHERE id = ?", (ref,)):
                return ref
            raise NotFoundError(f"no document with id {ref}")
        if not isinstance(ref, str) or not ref.strip():
            raise NotFoundError(f"no document {ref!r}")
        text = ref.strip()
        rows = self._execute("SELECT id FROM documents WHERE symbol = ? COLLATE NOCASE "
                             "ORDER BY id", (text,)).fetchall()
        if not rows:
            rows = self._execute("SELECT id FROM documents WHERE filename = ? OR sha256 = ?",
                                 (text, text.lower())).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if not rows:
            raise NotFoundError(f"no document {text} in the library")
        ids = ", ".join(str(r[0]) for r in rows)
        raise ConflictError(f"{len(rows)} documents have the symbol {text} (ids {ids}); "
                            "name one by its id")

    def document(self, ref: DocumentRef) -> DocumentInfo:
        return self._documents_query("WHERE d.id = ?", (self._document_id(ref),))[0]

    def resolution(self, ref: DocumentRef) -> Resolution:
        """The document as the parser produced it: metadata, paragraph tree, footnotes."""
        info = self.document(ref)
        res = Resolution(symbol=info.symbol, title=info.title, body=info.body,
                         session=info.session, agenda_item=info.agenda_item,
                         adopted=info.adopted, meeting=info.meeting, language=info.language,
                         pages=info.pages)
        by_row: dict[int, Paragraph] = {}
        for (row_id, parent_id, pid, kind, number, label, opening, text, pages, refs,
             boxes) in self._execute(
                "SELECT id, parent_id, pid, kind, number, label, opening, text, pages, "
                "footnote_refs, boxes FROM paragraphs WHERE document_id = ? ORDER BY position",
                (info.id,)):
            p = Paragraph(id=pid, kind=kind, number=number, label=label, opening=opening,
                          text=text, pages=json.loads(pages), footnote_refs=json.loads(refs),
                          boxes=[tuple(b) for b in json.loads(boxes)])
            by_row[row_id] = p
            (by_row[parent_id].children if parent_id in by_row else res.paragraphs).append(p)
        res.footnotes = [Footnote(number=n, text=t, page=pg) for n, t, pg in self._execute(
            "SELECT number, text, page FROM footnotes WHERE document_id = ? ORDER BY position",
            (info.id,))]
        return res

    def pdf_bytes(self, ref: DocumentRef) -> bytes:
        row = self._one("SELECT pdf FROM document_files WHERE document_id = ?",
                        (self._document_id(ref),))
        if row is None:
            raise NotFoundError(f"document {ref} has no stored PDF")
        return bytes(row[0])

    def remove_document(self, ref: DocumentRef) -> DocumentInfo:
        info = self.document(ref)
        with self.transaction():
            self._execute("DELETE FROM documents WHERE id = ?", (info.id,))
            self._record("document_remove",
                         f"{info.display_name}: removed with its {info.tag_count} tags",
                         document=info.id, symbol=info.symbol, sha256=info.sha256,
                         tags=info.tag_count)
            self._changed("documents", document=info.id, action="remove")
            self._changed("tags", document=info.id, action="remove")
        return info

    def _paragraph_row(self, document: DocumentRef, paragraph: str) -> tuple[int, int]:
        """(paragraph row id, document id) for a paragraph id such as "OP5(a)"."""
        doc_id = self._document_id(document)
        pid = paragraph.strip() if isinstance(paragraph, str) else paragraph
        row = self._one("SELECT id FROM paragraphs WHERE document_id = ? AND pid = ?",
                        (doc_id, pid))
        if row is None:  # be forgiving about spaces: "OP 5 (a)" means OP5(a)
            row = self._one("SELECT id FROM paragraphs WHERE document_id = ? AND "
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
        rows = self._execute(f"SELECT id, at, author, action, summary, details FROM history "
                             f"{where} ORDER BY id DESC LIMIT ? OFFSET ?",
                             (*params, limit, offset)).fetchall()
        return [HistoryEntry(i, at, au, ac, s, json.loads(d)) for i, at, au, ac, s, d in rows]
