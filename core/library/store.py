"""The plumbing a `Library` and its managers share: one SQLite connection, transactions (nested
ones become savepoints), the history of changes, and the typed change records announced to
listeners after a commit. Only the library package uses it; everyone else goes through
`Library` and its managers (`lib.tags`, `lib.themes`, ...)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from clausemark.core.errors import LibraryError
from clausemark.core.library import schema
from clausemark.core.library.changes import Change


def _is_storage_problem(exc: sqlite3.Error) -> bool:
    """Errors that come from the disk or from other writers, not from a bug in the SQL."""
    text = str(exc).lower()
    return any(word in text for word in ("locked", "busy", "disk", "i/o", "full", "readonly",
                                         "read-only"))


class Store:
    """An open connection with its transaction depth, pending changes and listeners."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, author: str,
                 read_only_reason: str | None = None):
        self.path = path
        self._conn: sqlite3.Connection | None = conn
        # the same connection, for sqlite-utils; plugins are not loaded (100 ms at the first open)
        self._db = sqlite_utils.Database(conn, execute_plugins=False)
        self.author = author
        self.read_only_reason = read_only_reason
        self._depth = 0
        self._pending: list[Change] = []
        self._listeners: list[Callable[[Change], None]] = []

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError(f"{self.path}: library is closed")
        return self._conn

    @property
    def db(self) -> sqlite_utils.Database:
        if self._conn is None:
            raise LibraryError(f"{self.path}: library is closed")
        return self._db

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def one(self, sql: str, params=()):
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
            if conn.in_transaction:  # a full disk: SQLite has usually rolled back already
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise self._storage_error(exc) from None
        pending, self._pending = self._pending, []
        for change in pending:
            for listener in list(self._listeners):
                listener(change)

    def _storage_error(self, exc: sqlite3.Error) -> LibraryError:
        if "locked" in str(exc) or "busy" in str(exc):
            return LibraryError(f"{self.path}: the library is busy (another program is writing "
                                "to it); nothing was changed, try again")
        if "full" in str(exc).lower():
            return LibraryError(f"{self.path}: the disk is full; nothing was changed (free some "
                                "space and try again)")
        return LibraryError(f"{self.path}: could not save ({exc}); nothing was changed")

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def announce(self, change: Change) -> None:
        """Heard by the listeners once the current transaction commits."""
        self._pending.append(change)

    def record(self, action: str, summary: str, **details) -> None:
        """Write a history entry inside the current transaction."""
        self.execute("INSERT INTO history (at, author, action, summary, details) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (schema.now(), self.author, action, summary,
                      json.dumps(details, ensure_ascii=False)))
