"""A full disk: a change that cannot be saved is one line ("the disk is full"), reading still
works, and no temporary file is left behind. On Linux as root the library lives on a real 2 MB
tmpfs; the failed COMMIT (SQLite has already rolled back) is also simulated everywhere."""
import os
import sqlite3
import subprocess
import uuid

import pytest

from clausemark.core.cli.main import main
from clausemark.core.errors import LibraryError
from clausemark.core.library import backups
from clausemark.core.library.library import Library
from tests.core.library_helpers import library_with_document


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system; skipped where one cannot be mounted (not root, not Linux)."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder):
    """Take every free byte (as another program would); returns the filler file."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def leftovers(folder):
    return sorted(p.name for p in folder.rglob("*") if ".part" in p.name or
                  p.name.endswith(".restoring"))


def test_a_change_on_a_full_disk_is_one_line_and_reading_still_works(capsys, small_disk):
    db = small_disk / "lib.clausemark"
    library_with_document(db).close()
    fill(small_disk)
    code, _, err = run(capsys, "tag", "A/RES/78/217", "OP1", "remittances", "--note",
                       "x" * 200_000, "--db", db)
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "disk is full" in err
    code, out, err = run(capsys, "tags", "--db", db)
    assert code == 0, err
    assert out.strip() == "no tags"
    assert leftovers(small_disk) == []


def test_an_automatic_backup_that_does_not_fit_does_not_block_reading(capsys, small_disk):
    db = small_disk / "lib.clausemark"
    library_with_document(db).close()
    for b in backups.list_backups(db):  # the backup on next open is due
        b.path.unlink()
    fill(small_disk)
    for _ in range(3):
        code, out, err = run(capsys, "documents", "--db", db)
        assert code == 0, err
        assert "A/RES/78/217" in out
    assert leftovers(small_disk) == []
    code, _, err = run(capsys, "backup", "--db", db)
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "disk is full" in err
    assert leftovers(small_disk) == []


class _CommitFails:
    """A connection whose COMMIT fails the way a full disk makes it fail: SQLite has already
    rolled the transaction back when the error arrives."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql.strip().upper() == "COMMIT":
            self._conn.execute("ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_failed_commit_is_a_library_error_not_a_traceback(tmp_path):
    lib = library_with_document(tmp_path / "lib.clausemark")
    store = lib._store
    real = store._conn
    store._conn = _CommitFails(real)
    try:
        with pytest.raises(LibraryError, match="disk is full"):
            lib.tags.add("A/RES/78/217", "OP1", "remittances")
    finally:
        store._conn = real
    assert lib.tags.list() == []
    assert lib.tags.add("A/RES/78/217", "OP1", "remittances").theme == "remittances"
    lib.close()


def test_a_library_in_a_read_only_folder_can_be_read(capsys, small_disk):
    """Remounted read-only (as root, permissions alone would not stop writing): reading works,
    a change is refused with one line, and it is not called "not a Clausemark library"."""
    db = small_disk / "lib.clausemark"
    with library_with_document(db) as lib:
        lib.tags.add("A/RES/78/217", "OP1", "remittances")
    done = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if done.returncode:
        pytest.skip("cannot remount read-only")
    code, out, err = run(capsys, "tags", "--db", db)
    assert code == 0, err
    assert "remittances" in out
    code, out, err = run(capsys, "search", "remittances", "--db", db)
    assert code == 0 and "OP 1" in out, err
    code, _, err = run(capsys, "tag", "A/RES/78/217", "OP2", "children", "--db", db)
    assert code == 1 and len(err.strip().splitlines()) == 1, err
    assert "not a Clausemark library" not in err and "read-only" in err
    with Library(db) as lib:
        assert lib.read_only and "cannot be written" in lib.read_only_reason
