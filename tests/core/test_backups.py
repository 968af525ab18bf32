"""Backups: made on open and before migrations with the SQLite backup API, rotated; a damaged
library is refused with a message naming the last good backup; restore puts it back and keeps the
damaged file; `clausemark backup` / `clausemark restore`."""
import os
import random
import sqlite3
import subprocess
import sys

import pytest

from clausemark.core.errors import DamagedLibraryError, LibraryError, LibraryVersionError
from clausemark.core.library import backups, schema
from clausemark.core.library.library import Library
from clausemark.core.parse.model import Paragraph, Resolution
from tests.core.library_helpers import library_with_document
from tests.core.test_schema_migrations import write_old_library


def tagged_library(path, paragraphs: int = 3000):
    """A library big enough that damage in the middle of the file spares its first pages."""
    res = Resolution(symbol="A/RES/99/2", title="Backups", pages=1, paragraphs=[
        Paragraph(f"OP{i}", "operative", str(i), f"OP {i}", "Urges",
                  f"Urges States to protect migrant children, clause {i} " + "x" * 200)
        for i in range(1, paragraphs + 1)])
    with Library(path, author="ana") as lib:
        lib.add_resolution(res, b"%PDF backups")
        for pid in ("OP1", "OP2", "OP3"):
            lib.tags.add("A/RES/99/2", pid, "children", note=f"note {pid}")
    return path


def damage(path, seed: int = 1) -> None:
    """Overwrite a stretch of pages in the middle of the file with random bytes."""
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    start = len(data) // 3 // 4096 * 4096
    data[start:start + 16 * 4096] = bytes(rng.randrange(256) for _ in range(16 * 4096))
    path.write_bytes(bytes(data))


def tag_notes(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT p.pid, t.note FROM tags t JOIN paragraphs p "
                                 "ON p.id = t.paragraph_id"))
    finally:
        conn.close()


def test_a_new_library_has_no_backup_and_the_next_open_makes_one(tmp_path):
    path = tmp_path / "lib.clausemark"
    library_with_document(path).close()
    assert backups.list_backups(path) == []
    Library(path).close()
    made = backups.list_backups(path)
    assert len(made) == 1 and made[0].reason == "open"
    assert made[0].path.parent == tmp_path / "backups"
    Library(path).close()  # unchanged and just backed up: nothing new
    assert backups.list_backups(path) == made


def test_backup_is_one_sound_file_with_everything(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=50)
    with Library(path) as lib:
        copy = lib.make_backup()
    assert not copy.with_name(copy.name + "-wal").exists()
    assert backups.file_is_sound(copy)
    assert tag_notes(copy) == {"OP1": "note OP1", "OP2": "note OP2", "OP3": "note OP3"}
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_rotation_keeps_the_newest_five(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "INTERVAL", 0.0)
    path = tmp_path / "lib.clausemark"
    library_with_document(path).close()
    for i in range(8):
        with Library(path) as lib:  # each open finds a change since the last backup
            lib.themes.add(f"theme {i}")
    kept = backups.list_backups(path)
    assert len(kept) == backups.KEEP
    with sqlite3.connect(kept[0].path) as conn:  # the newest has all but the last change
        names = {r[0] for r in conn.execute("SELECT name FROM themes")}
    assert "theme 6" in names and "theme 7" not in names


def test_rotation_removes_stale_half_written_copies(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "INTERVAL", 0.0)
    path = tmp_path / "lib.clausemark"
    library_with_document(path).close()
    folder = tmp_path / "backups"
    folder.mkdir()
    stale, fresh = folder / "lib-20200101-000000-000000-open.clausemark.part", \
        folder / "lib-20990101-000000-000000-open.clausemark.part"
    for part in (stale, fresh):
        part.write_bytes(b"killed mid-copy")
    os.utime(stale, (1_600_000_000, 1_600_000_000))
    Library(path).close()
    assert not stale.exists() and fresh.exists()  # fresh: maybe another process's copy


def test_other_libraries_backups_are_left_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(backups, "INTERVAL", 0.0)
    for name in ("a", "b"):
        library_with_document(tmp_path / f"{name}.clausemark").close()
    for _ in range(7):
        with Library(tmp_path / "a.clausemark") as lib:
            lib.themes.add(f"t{random.random()}")
    Library(tmp_path / "b.clausemark").close()
    assert len(backups.list_backups(tmp_path / "a.clausemark")) == backups.KEEP
    assert len(backups.list_backups(tmp_path / "b.clausemark")) == 1


def test_a_migration_is_preceded_by_a_backup_of_the_old_file(tmp_path):
    path = tmp_path / "old.clausemark"
    write_old_library(path, 1)
    with Library(path) as lib:
        assert lib.schema_version == schema.LATEST_VERSION
    before = [b for b in backups.list_backups(path) if b.reason.startswith("before-v")]
    assert len(before) == 1
    with sqlite3.connect(before[0].path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 2


def test_a_newer_library_gets_no_backup(tmp_path):
    path = tmp_path / "future.clausemark"
    write_old_library(path, schema.LATEST_VERSION)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    with pytest.raises(LibraryVersionError):
        Library(path)
    assert not (tmp_path / "backups").exists()


def test_damage_is_found_on_open_and_names_the_last_good_backup(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark")
    Library(path).close()
    [good] = backups.list_backups(path)
    damage(path)
    with pytest.raises(DamagedLibraryError) as info:
        Library(path, check=True)
    message = str(info.value)
    assert "damaged" in message and good.path.name in message and "clausemark restore" in message
    assert info.value.backup == good.path
    assert len(backups.list_backups(path)) == 1  # the damaged file was not backed up


def test_damage_is_found_when_a_backup_falls_due(tmp_path, monkeypatch):
    path = tagged_library(tmp_path / "lib.clausemark")
    Library(path).close()
    damage(path)
    monkeypatch.setattr(backups, "INTERVAL", 0.0)
    with pytest.raises(DamagedLibraryError):
        Library(path)
    assert len(backups.list_backups(path)) == 1


def test_damage_without_any_backup_says_so(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark")
    damage(path)
    with pytest.raises(DamagedLibraryError, match="no backup") as info:
        Library(path, check=True)
    assert info.value.backup is None


def test_garbage_where_a_library_was_is_damage_and_restore_brings_it_back(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=20)
    Library(path).close()
    path.write_bytes(b"\0" * 100 + b"overwritten by a broken sync tool" * 100)
    with pytest.raises(DamagedLibraryError):
        Library(path)
    used, kept = backups.restore(path)
    assert used == backups.list_backups(path)[0].path
    assert kept.name.startswith("lib.clausemark.damaged-")
    assert b"broken sync tool" in kept.read_bytes()
    with Library(path, check=True) as lib:
        assert {t.note for t in lib.tags.list()} == {"note OP1", "note OP2", "note OP3"}


def test_restore_of_a_sound_library_keeps_it_as_a_backup(tmp_path, monkeypatch):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=20)
    with Library(path) as lib:
        first = lib.make_backup()
        lib.tags.add("A/RES/99/2", "OP4", "detention")
    used, kept = backups.restore(path, first)
    assert used == first and kept.parent == tmp_path / "backups"
    assert "OP4" in tag_notes(kept) and "OP4" not in tag_notes(path)


def test_restore_refuses_a_damaged_backup_and_a_missing_one(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark")
    with Library(path) as lib:
        bad = lib.make_backup()
    damage(bad)
    before = path.read_bytes()
    with pytest.raises(DamagedLibraryError, match="damaged too"):
        backups.restore(path, bad)
    with pytest.raises(LibraryError, match="no such backup"):
        backups.restore(path, tmp_path / "nothing.clausemark")
    assert path.read_bytes() == before


def test_no_sound_backup_to_restore(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=5)
    with pytest.raises(LibraryError, match="no sound backup"):
        backups.restore(path)


# -- command line ---------------------------------------------------------------------------------

def cli(*args):
    return subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def test_cli_backup_list_and_restore(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=20)
    out = cli("backup", "--db", path)
    assert out.returncode == 0 and "backed up to" in out.stdout
    out = cli("backup", "--db", path, "--out", tmp_path / "copy.clausemark")
    assert out.returncode == 0 and backups.file_is_sound(tmp_path / "copy.clausemark")
    damage(path)
    out = cli("restore", "--db", path, "--list")
    assert out.returncode == 0 and "manual" in out.stdout and " ok" in out.stdout
    out = cli("search", "clause", "--db", path)  # damage met mid-command: one line
    assert out.returncode == 1 and out.stderr.startswith("clausemark: ") and \
        out.stderr.count("\n") == 1 and "damaged" in out.stderr and "restore" in out.stderr
    out = cli("restore", "--db", path)
    assert out.returncode == 0, out.stderr
    assert "restored" in out.stdout and "damaged-" in out.stdout
    assert tag_notes(path)["OP2"] == "note OP2"


def test_cli_restore_refuses_while_the_library_is_open_elsewhere(tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=20)
    Library(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom clausemark.core.library.library import Library\n"
         "lib = Library.open_for_app(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(60)",
         str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = path.read_bytes()
        out = cli("restore", "--db", path)
        assert out.returncode != 0
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "another Clausemark" in lines[0], out.stderr
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_cli_errors_are_one_line(tmp_path):
    out = cli("backup", "--db", tmp_path / "none.clausemark")
    assert out.returncode != 0 and out.stderr.count("\n") == 1 and "no such library" in out.stderr
    out = cli("restore", "--db", tmp_path / "none.clausemark")
    assert out.returncode != 0 and "no sound backup" in out.stderr and "Traceback" not in out.stderr
