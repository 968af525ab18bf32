"""Where a command may write: never over a library, its journal files or a backup.

Every command that writes a file the user names (`report --out`, `backup --out`, `compare --out`,
the reports dialog) asks `refuse_library_files` first. A report written over the library file
or over its last backup would destroy the analyst's work in one keystroke, so such a path is
refused with one line, before any work is done. Also the stale temporary files that a killed
report or backup leaves behind are removed on the next run (`remove_stale_parts`, which lives in
core/output.py beside the atomic writer).

Only the standard library: used by core/library/backups.py and the report writers alike.
"""
from __future__ import annotations

import os
from pathlib import Path

from clausemark.core.errors import ClausemarkError

# The files SQLite keeps beside a database, and the lock file of core/library/instance_lock.py.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
BACKUP_FOLDER = "backups"  # the same name as backups.FOLDER (kept apart to avoid a cycle)


class UnsafeOutputError(ClausemarkError):
    """The output path would overwrite the library, one of its companion files or a backup."""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _looks_like_database(path: Path) -> str | None:
    """What the file is, if it is an SQLite database or journal; None otherwise."""
    try:
        if not path.is_file():
            return None
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if head == _SQLITE_MAGIC:
        return "an SQLite database (a library or a backup)"
    if head[:4] in _WAL_MAGIC:
        return "a library's write-ahead log"
    return None


def refuse_library_files(out: str | os.PathLike, library: str | os.PathLike | None = None) -> Path:
    """`out` when it is safe to (over)write; UnsafeOutputError naming the reason when it is the
    library, one of its -wal/-shm/-journal/.lock files, a file in its backups folder, or any
    existing SQLite database or log (a library or backup elsewhere)."""
    path = Path(out).expanduser()
    name = str(path)
    if library is not None:
        lib = Path(library).expanduser()
        if _same(path, lib) or path.absolute() == lib.absolute():
            raise UnsafeOutputError(f"{name}: is the library itself; choose another file name")
        for suffix in COMPANION_SUFFIXES:
            companion = lib.with_name(lib.name + suffix)
            if _same(path, companion) or path.absolute() == companion.absolute():
                raise UnsafeOutputError(f"{name}: is the library's {suffix.lstrip('-.')} file; "
                                        "choose another file name")
        folder = (lib.parent / BACKUP_FOLDER).absolute()
        try:
            inside = path.absolute().parent.resolve() == folder.resolve()
        except OSError:
            inside = False
        if inside:
            raise UnsafeOutputError(f"{name}: is in the library's backups folder; choose another "
                                    "folder")
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix):
            base = path.with_name(path.name[:-len(suffix)])
            if _looks_like_database(base):
                raise UnsafeOutputError(f"{name}: belongs to the database {base.name}; choose "
                                        "another file name")
    what = _looks_like_database(path)
    if what:
        raise UnsafeOutputError(f"{name}: is {what}; it is not overwritten (choose another file "
                                "name)")
    return path
