"""Automatic rotating backups of a library, the integrity check on open, and restoring.

Backups are whole-library copies made with SQLite's online backup API (a consistent snapshot even
while another program writes), in a `backups` folder next to the library:
`backups/<library name>-<UTC time>-<reason>.clausemark`, the newest `KEEP` of each library kept.

- On open (`on_open`): when the library changed since its newest backup and that backup is older
  than `INTERVAL`, the library is checked (`PRAGMA quick_check`) and, if sound, backed up. A
  damaged library is never backed up, so damage cannot push the good copies out of the rotation.
- Before a schema migration (`clausemark.core.library.schema`): always a backup.
- A damaged library raises `DamagedLibraryError` naming the newest backup that passes its own check;
  `restore` puts a backup back (keeping the damaged file beside the library, never deleting it).

Only sqlite3 and the standard library here: `clausemark.core.library.schema` uses this module.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from clausemark.core.errors import DamagedLibraryError, LibraryError
from clausemark.core.library.safe_paths import refuse_library_files
from clausemark.core.output import remove_stale_parts

KEEP = 5
INTERVAL = 3600.0  # seconds between automatic backups of a library that keeps changing
FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<micro>\d{6})-(?P<reason>[a-z0-9-]+)"
                   r"\.clausemark$")
# Words in SQLite's messages that mean the file itself is damaged (not busy, not ours).
_DAMAGE_WORDS = ("malformed", "corrupt", "not a database", "disk image")


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime  # UTC
    reason: str  # "open", "manual", "before-v4", "before-restore"

    @property
    def label(self) -> str:
        local = self.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        return f"{self.path.name} ({local}, {self.reason})"


def backup_folder(library: str | os.PathLike) -> Path:
    return Path(library).parent / FOLDER


def list_backups(library: str | os.PathLike) -> list[Backup]:
    """This library's backups, newest first."""
    stem = Path(library).stem
    found = []
    folder = backup_folder(library)
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if m and m["stem"] == stem:
            try:
                created = datetime.strptime(f"{m['stamp']}{m['micro']}", _STAMP + "%f").replace(
                    tzinfo=UTC)
            except ValueError:  # not a date: not one of ours
                continue
            found.append(Backup(path, created, m["reason"]))
    return sorted(found, key=lambda b: b.created, reverse=True)


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.DatabaseError) and any(
        word in str(exc).lower() for word in _DAMAGE_WORDS)


def check(conn: sqlite3.Connection) -> str:
    """"ok" when SQLite finds the file sound, else its first complaint."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return rows[0][0] if rows else "no answer from the check"


def file_is_sound(path: str | os.PathLike) -> bool:
    """Open read-only and check; for backups (never modified by the check)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return check(conn) == "ok"
    finally:
        conn.close()


def _private(path: Path, mode: int) -> None:
    """Readable by the user only (0600 files, 0700 folders): a library is confidential work."""
    try:
        os.chmod(path, mode)
    except OSError:
        pass  # a file system without modes (FAT on a USB stick)


def private_folder(folder: Path) -> None:
    """Create `folder` (and missing parents) as 0700; an existing folder is left as it is."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        _private(folder, 0o700)


def _remove_part(tmp: Path) -> None:
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def is_library_file(path: str | os.PathLike) -> bool:
    """Whether `path` is a Clausemark library (or a backup of one): an SQLite file carrying
    our application id. A damaged one still counts (its header says what it was)."""
    from clausemark.core.library.schema import APPLICATION_ID  # schema imports this module

    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return False
    return int.from_bytes(header[68:72], "big") == APPLICATION_ID


def make_backup(conn: sqlite3.Connection, library: str | os.PathLike, reason: str = "manual",
                *, out: str | os.PathLike | None = None, keep: int = KEEP,
                checked: bool = False) -> Path:
    """Copy the open library to `out`, or into its backups folder (then rotate). The library is
    checked first: a damaged one is never copied (DamagedLibraryError), so damage cannot push
    the good copies out of the rotation. The copy is written under a temporary name and renamed
    when complete, so a crash never leaves half a backup that looks whole; a failed copy (disk
    full) leaves nothing behind. The copy is a single file (rollback journal, not WAL), 0600."""
    library = Path(library)
    if out is None:
        folder = backup_folder(library)
        now = datetime.now(UTC)
        dest = folder / f"{library.stem}-{now.strftime(_STAMP)}-{now.strftime('%f')}-{reason}.clausemark"
    else:
        dest = refuse_library_files(out, library)
        if dest.is_dir():
            raise LibraryError(f"{dest}: is a folder; give a file name for the backup")
        folder = dest.parent
        if not folder.is_dir():  # like report --out: no folder is made up from a typo
            raise LibraryError(f"{dest}: the folder {folder} does not exist")
    problem = "ok" if checked else check(conn)
    if problem != "ok":
        raise damaged(library, problem)
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.part")
    try:
        private_folder(folder)
        remove_stale_parts(folder)
        _remove_part(tmp)
        target = sqlite3.connect(str(tmp))
        try:
            _private(tmp, 0o600)
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        _remove_part(tmp)
        if is_damage(exc):
            raise damaged(library, str(exc)) from None
        raise BackupWriteError(f"{dest}: could not write the backup ({_reason(exc)})") from None
    if out is None:
        rotate(library, keep)
    return dest


class BackupWriteError(LibraryError):
    """The backup could not be written (disk full, no permission); the library is untouched."""


def _reason(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return "the disk is full" if "full" in text.lower() or "no space" in text.lower() else text


def rotate(library: str | os.PathLike, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` backups of this library; returns the deleted ones. The
    newest backup that passes its check is never deleted, even when it is older than `keep`
    damaged ones. Stale temporary files of killed backups go too."""
    removed = remove_stale_parts(backup_folder(library))
    found = list_backups(library)
    doomed = [b.path for b in found[keep:]]
    if doomed:
        sound = next((b.path for b in found if file_is_sound(b.path)), None)
        doomed = [p for p in doomed if p != sound]
    for path in doomed:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # a backup someone holds open goes at the next rotation
    return removed


def _last_change(library: Path) -> float:
    """When the library last changed: commits land in the -wal file until a checkpoint."""
    times = [p.stat().st_mtime for p in (library, library.with_name(library.name + "-wal"))
             if p.exists()]
    return max(times, default=0.0)


def backup_due(library: str | os.PathLike, interval: float | None = None) -> bool:
    library = Path(library)
    interval = INTERVAL if interval is None else interval
    backups = list_backups(library)
    if not backups:
        return True
    newest = backups[0].created.timestamp()
    return _last_change(library) > newest and time.time() - newest >= interval


def on_open(conn: sqlite3.Connection, library: str | os.PathLike, *, force_check: bool = False,
            interval: float | None = None) -> Path | None:
    """The check and the automatic backup when a library is opened (see the module docstring).
    Returns the new backup, if one was made."""
    library = Path(library)
    due = backup_due(library, interval)
    if due or force_check:
        problem = check(conn)
        if problem != "ok":
            raise damaged(library, problem)
    if not due:
        remove_stale_parts(backup_folder(library))
        return None
    try:
        return make_backup(conn, library, "open", checked=True)
    except BackupWriteError:
        # No room for the copy (or no permission): the library itself is sound and reading
        # it must still work; the backup is tried again on the next open.
        return None


def last_good_backup(library: str | os.PathLike) -> Backup | None:
    for backup in list_backups(library):
        if file_is_sound(backup.path):
            return backup
    return None


def damaged(library: str | os.PathLike, problem: str) -> DamagedLibraryError:
    """The error for a damaged library, naming the backup to go back to."""
    library = Path(library)
    good = last_good_backup(library)
    if good:
        advice = (f"the last good backup is {good.label}; restore it with "
                  f"`clausemark restore --db {library}` (the damaged file is kept beside it)")
    else:
        advice = "there is no backup of it to go back to"
    return DamagedLibraryError(f"{library}: the library file is damaged ({problem}); {advice}",
                               path=library, backup=good.path if good else None)


def restore(library: str | os.PathLike, backup: str | os.PathLike | None = None) -> tuple[Path, Path | None]:
    """Put a backup (default: the newest sound one) in place of the library. The caller must
    hold the library's instance lock (no other program may have it open). The current file is
    kept: a sound one as a backup ("before-restore"), a damaged one beside the library as
    `<name>.damaged-<time>`. Returns (the backup used, where the old file went)."""
    library = Path(library)
    if backup is None:
        good = last_good_backup(library)
        if good is None:
            raise LibraryError(f"{library}: no sound backup to restore (looked in "
                               f"{backup_folder(library)})")
        source = good.path
    else:
        source = Path(backup)
        if not source.is_file():
            raise LibraryError(f"{source}: no such backup" if not source.exists() else
                               f"{source}: not a file")
        if not is_library_file(source):
            raise LibraryError(f"{source}: not a Clausemark library or backup; nothing was "
                               "restored")
        if not file_is_sound(source):
            raise DamagedLibraryError(f"{source}: this backup is damaged too; pick another "
                                      "(`clausemark restore --list`)", path=source, backup=None)
    kept = _keep_current(library) if library.exists() else None
    tmp = library.with_name(library.name + ".restoring")
    try:
        shutil.copyfile(source, tmp)
        for suffix in ("-wal", "-shm"):  # the old file's journal must not be replayed onto it
            library.with_name(library.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, library)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"{library}: could not restore ({exc.strerror or exc})") from None
    return source, kept


def _keep_current(library: Path) -> Path:
    try:
        conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if check(conn) == "ok":
                # keep one more than usual: the backup being restored may be the oldest
                return make_backup(conn, library, "before-restore", keep=KEEP + 1)
        finally:
            conn.close()
    except (sqlite3.Error, LibraryError):
        pass
    # Damaged (or unreadable): keep its bytes as they are, journal included.
    stamp = datetime.now(UTC).strftime(_STAMP)
    kept = library.with_name(f"{library.name}.damaged-{stamp}")
    for suffix in ("", "-wal"):
        src = library.with_name(library.name + suffix)
        if src.exists():
            shutil.copyfile(src, kept.with_name(kept.name + suffix))
    return kept
