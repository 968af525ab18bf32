"""One editing app per library. SQLite already keeps concurrent writers from corrupting the file;
this lock is about people: a second window on the same library would show stale tags and undo
the first window's changes, so the second one opens the library read-only and says so. Restoring
a backup needs the library alone.

The lock is an OS file lock (filelock: fcntl on Linux/macOS, msvcrt on Windows) on
`<library>.lock`; the OS drops it when the process ends, even on SIGKILL, so it never goes stale.
"""
from __future__ import annotations

import os
from pathlib import Path

import filelock

from clausemark.core.errors import LibraryInUseError


def lock_path(library: str | os.PathLike) -> Path:
    library = Path(library)
    return library.with_name(library.name + ".lock")


class InstanceLock:
    def __init__(self, library: str | os.PathLike):
        self.path = lock_path(library)
        self._lock = filelock.FileLock(str(self.path), thread_local=False)

    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock, waiting up to `wait` seconds; False if another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=wait)
        except filelock.Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked


def require_alone(library: str | os.PathLike, doing: str) -> InstanceLock:
    """The held lock, or LibraryInUseError when another Clausemark has the library open."""
    lock = InstanceLock(library)
    if not lock.acquire(wait=0.5):
        raise LibraryInUseError(f"{library}: open in another Clausemark window; close it before "
                                f"you {doing}")
    return lock
