"""Nothing lost: no command writes over the library, its journal files or a backup; a damaged
library is never backed up over the good copies; a file that cannot be parsed is a failure;
the stale temporary files of a killed run are cleaned up; files are private to the user."""
import os
import stat
import subprocess
import sys
import time

import pytest

from clausemark.core.cli.main import main
from clausemark.core.errors import ParseError
from clausemark.core.library import backups
from clausemark.core.library.library import Library
from tests.core.library_helpers import library_with_document


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lib.clausemark"
    with library_with_document(path) as lib:
        lib.tags.add("A/RES/78/217", "OP1", "remittances")
        lib.make_backup("manual")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_refusal(code, err):
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def library_files(db):
    """The library, its WAL and shared-memory files (present while a connection is open) and
    its newest backup."""
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"),
            backups.list_backups(db)[0].path]


@pytest.mark.parametrize("which", range(4), ids=["library", "wal", "shm", "backup"])
def test_report_never_overwrites_the_library_or_a_backup(capsys, db, which):
    lib = Library(db)  # held open: the -wal and -shm files exist
    try:
        target = library_files(db)[which]
        before = target.read_bytes() if target.exists() else None
        code, _, err = run(capsys, "report", "--format", "csv", "--out", target, "--db", db)
        one_line_refusal(code, err)
        assert str(target) in err
        if before is not None:
            assert target.read_bytes() == before or which == 1  # the WAL may be checkpointed
        assert [t.theme for t in lib.tags.list()] == ["remittances"]
    finally:
        lib.close()
    assert backups.file_is_sound(db)


@pytest.mark.parametrize("which", [0, 3], ids=["library", "backup"])
def test_backup_and_compare_never_overwrite_the_library_or_a_backup(capsys, db, which):
    target = library_files(db)[which]
    before = target.read_bytes()
    code, _, err = run(capsys, "backup", "--out", target, "--db", db)
    one_line_refusal(code, err)
    code, _, err = run(capsys, "compare", "A/RES/78/217", "A/RES/78/217", "--format", "docx",
                       "--out", target, "--db", db)
    one_line_refusal(code, err)
    assert target.read_bytes() == before


def test_a_library_elsewhere_is_not_overwritten_either(capsys, db, tmp_path):
    other = tmp_path / "colleague.clausemark"
    library_with_document(other).close()
    before = other.read_bytes()
    code, _, err = run(capsys, "report", "--out", other, "--format", "csv", "--db", db)
    one_line_refusal(code, err)
    assert other.read_bytes() == before


def test_backup_out_into_a_missing_folder_is_refused(capsys, db, tmp_path):
    code, _, err = run(capsys, "backup", "--out", tmp_path / "nowhere" / "copy.clausemark",
                       "--db", db)
    one_line_refusal(code, err)
    assert not (tmp_path / "nowhere").exists()


def test_manual_backup_refuses_a_damaged_library_and_keeps_the_good_backups(capsys, db,
                                                                          monkeypatch):
    """Damage the page copy does not notice (a broken index, say): only the check finds it."""
    good = [b.path for b in backups.list_backups(db)]
    monkeypatch.setattr(backups, "check", lambda conn: "row 3 missing from index tags_theme")
    for _ in range(backups.KEEP + 1):
        code, _, err = run(capsys, "backup", "--db", db)
        one_line_refusal(code, err)
        assert "damaged" in err and "row 3 missing" in err
    code, _, err = run(capsys, "backup", "--out", db.with_name("copy.clausemark"), "--db", db)
    one_line_refusal(code, err)
    assert not db.with_name("copy.clausemark").exists()
    assert [b.path for b in backups.list_backups(db)] == good
    monkeypatch.undo()
    assert all(backups.file_is_sound(p) for p in good)


def test_rotation_never_removes_the_last_sound_backup(db):
    [sound] = [b.path for b in backups.list_backups(db)]
    folder = backups.backup_folder(db)
    for i in range(backups.KEEP + 2):  # newer backups that are damaged (say, a bad disk)
        time.sleep(0.002)
        name = sound.name.replace(sound.name.split("-")[1], f"209901{i + 1:02d}")
        (folder / name).write_bytes(b"garbage, not a database" * 100)
    assert len(backups.list_backups(db)) == backups.KEEP + 3
    backups.rotate(db)
    left = [b.path for b in backups.list_backups(db)]
    assert sound in left
    assert len(left) == backups.KEEP + 1


def test_import_of_a_file_the_parser_refuses_is_a_failure(capsys, tmp_path, monkeypatch):
    """The parser refuses truncated or repaired PDFs with ParseError; import then reports the
    file as failed and exits non-zero, never a half document with exit 0."""
    import clausemark.core.parse.parser as parser

    def refuse(path, data=None):
        raise ParseError(str(path), "the file is damaged or truncated (repaired by the reader)")

    monkeypatch.setattr(parser, "parse_pdf", refuse)
    pdf = tmp_path / "half.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n")
    code, out, err = run(capsys, "import", pdf, "--workers", "1", "--db", tmp_path / "l.clausemark")
    assert code == 1
    assert "half.pdf" in err and "truncated" in err
    assert "imported 0" in out and "failed 1" in out
    with Library(tmp_path / "l.clausemark") as lib:
        assert lib.documents() == []


def test_stale_report_parts_are_removed_on_the_next_run(capsys, db, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    stale = tmp_path / f".report.csv.{dead}.0badc0de.part"
    stale.write_text("half a report")
    live = tmp_path / f".report.csv.{os.getppid()}.0badc0de.part"  # a writer still running
    live.write_text("being written")
    code, _, err = run(capsys, "report", "--out", tmp_path / "report.csv", "--db", db)
    assert code == 0, err
    assert not stale.exists()
    assert live.exists()


def test_stale_backup_parts_and_journals_are_removed_on_the_next_run(db):
    folder = backups.backup_folder(db)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    parts = [folder / f"lib-20990101-000000-000000-open.clausemark.{dead}.part",
             folder / f"lib-20990101-000000-000000-open.clausemark.{dead}.part-journal",
             folder / "copy.clausemark.part-journal"]
    for p in parts:
        p.write_bytes(b"x")
    old = time.time() - 3 * 24 * 3600  # no pid in the name: stale when old
    os.utime(parts[2], (old, old))
    Library(db).close()
    assert [p for p in parts if p.exists()] == []


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_library_backups_and_settings_are_private(tmp_path):
    old_umask = os.umask(0o022)  # the usual default: files 0644 unless made private
    try:
        _check_private(tmp_path)
    finally:
        os.umask(old_umask)


def _check_private(tmp_path):
    path = tmp_path / "new" / "lib.clausemark"
    library_with_document(path).close()
    assert _mode(path.parent) == 0o700
    assert _mode(path) == 0o600
    with Library(path) as lib:
        backup = lib.make_backup("manual")
    assert _mode(backup.parent) == 0o700
    assert _mode(backup) == 0o600
    from clausemark.core.library.paths import save_settings
    settings = tmp_path / "config" / "settings.json"
    save_settings({"analyst": "Ana"}, settings)
    assert _mode(settings) == 0o600
    assert _mode(settings.parent) == 0o700
