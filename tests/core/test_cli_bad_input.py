"""Bad input on the command line: one line on stderr naming the argument or file and the
reason, a non-zero exit, never a traceback, never a wider scope than asked, nothing changed."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.library import Library
from tests.core.library_helpers import fake_pdf, library_with_document, sample_resolution

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lib.clausemark"
    with library_with_document(path) as lib:
        lib.tags.add("A/RES/78/217", "OP1", "remittances")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *argv, says: str = ""):
    code, out, err = run(capsys, *argv)
    assert code == 1, (code, out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert says in err, err
    return err


def tags(db):
    with Library(db) as lib:
        return sorted((t.paragraph, t.theme, t.note) for t in lib.tags.list())


BAD_UTF8 = os.fsdecode(b"d\xe9tention")  # Latin-1 bytes from a terminal: a lone surrogate


@pytest.mark.parametrize("argv", [
    ["search", BAD_UTF8], ["tag", "A/RES/78/217", "OP2", BAD_UTF8],
    ["themes", "add", BAD_UTF8], ["tag", "A/RES/78/217", "OP1", "remittances", "--note", BAD_UTF8],
    ["report", "--theme", BAD_UTF8, "--out", "x.csv"]])
def test_invalid_utf8_arguments(capsys, db, argv):
    refused(capsys, *argv, "--db", db, says="not valid UTF-8")
    assert tags(db) == [("OP1", "remittances", "")]


def test_file_names_over_255_bytes(capsys, db, tmp_path):
    long = tmp_path / ("é" * 200 + ".csv")  # 400 bytes
    refused(capsys, "report", "--out", long, "--db", db, says="too long")
    refused(capsys, "import", tmp_path / ("a" * 300 + ".pdf"), "--db", db, says="too long")
    refused(capsys, "parse", "b" * 256, says="too long")
    refused(capsys, "--db", tmp_path / ("c" * 256), "documents", says="too long")


def test_title_limits(capsys, db, tmp_path):
    refused(capsys, "report", "--title", "t" * 256, "--out", tmp_path / "r.docx", "--db", db,
            says="--title")
    refused(capsys, "report", "--title", "Brief\x1b[2J", "--out", tmp_path / "r.docx", "--db", db,
            says="control characters")
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.parametrize("argv", [["search", "migrants", "--limit", str(10**30)],
                                  ["search", "migrants", "--year", str(10**30)],
                                  ["search", "migrants", "--year", "-5"],
                                  ["predecessors", "A/RES/78/217", "--limit", str(2**63)],
                                  ["import", "x.pdf", "--workers", str(10**9)]])
def test_huge_numbers(capsys, db, argv):
    refused(capsys, *argv, "--db", db, says="out of range")


def test_xml_invalid_characters_in_the_comparison_brief(capsys, tmp_path):
    import docx

    db = tmp_path / "c.clausemark"
    with Library(db) as lib:
        lib.add_resolution(sample_resolution(), fake_pdf("old"))
        lib.add_resolution(sample_resolution("A/RES/79/1", extra=" \ufffe and \x01\x0b more"),
                           fake_pdf("new"))
    out = tmp_path / "brief.docx"
    code, _, err = run(capsys, "compare", "A/RES/78/217", "A/RES/79/1", "--format", "docx",
                       "--out", out, "--db", db)
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "remittances and more" in text and "\ufffe" not in text


def test_notes_with_control_characters_in_a_word_report(capsys, db, tmp_path):
    import docx

    with Library(db) as lib:
        tag = lib.tags.find("A/RES/78/217", "OP1", "remittances")
        lib.tags.set_note(tag.id, "bell\x07 and \x00nul")
    out = tmp_path / "r.docx"
    code, _, err = run(capsys, "report", "--out", out, "--db", db)
    assert code == 0, err
    assert any("bell and nul" in p.text for p in docx.Document(str(out)).paragraphs)


def test_a_deleted_wal_file(capsys, db):
    holder = Library(db)  # another program has it open, with a change only in the log
    holder.tags.add("A/RES/78/217", "OP2", "children")
    os.unlink(f"{db}-wal")
    refused(capsys, "tags", "--db", db, says="-wal")
    holder.close()  # the holder still writes its log back into the file
    code, out, err = run(capsys, "tags", "--db", db)
    assert code == 0 and "children" in out, err


def test_empty_arguments_never_widen_scope(capsys, db, tmp_path, monkeypatch):
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "r.pdf").write_bytes(fake_pdf("cwd"))
    monkeypatch.chdir(folder)
    refused(capsys, "import", "", "--db", db, says="empty")
    with Library(db) as lib:
        assert len(lib.documents()) == 1
    refused(capsys, "--db", "", "documents", says="--db")
    refused(capsys, "documents", "--db", " ", says="--db")
    refused(capsys, "tags", "--theme", "", "--db", db, says="--theme")
    refused(capsys, "search", "migrants", "--symbol", "", "--db", db, says="--symbol")
    refused(capsys, "report", "--theme", "", "--out", tmp_path / "r.csv", "--db", db,
            says="--theme")
    refused(capsys, "tag", "A/RES/78/217", "OP1", "", "--db", db)
    assert tags(db) == [("OP1", "remittances", "")]


def test_parse_on_a_fifo_is_one_line_and_does_not_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for argv in (["parse", str(fifo)], ["compare", str(fifo), str(fifo)],
                 ["import", str(fifo), "--db", str(tmp_path / "l.clausemark")]):
        done = subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", *argv],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert done.returncode == 1, done.stderr
        lines = [line for line in done.stderr.splitlines() if line.startswith("clausemark:")]
        assert "not a regular file" in lines[0], done.stderr
        assert "Traceback" not in done.stderr


def test_restore_refuses_a_file_that_is_not_a_library(capsys, db, tmp_path):
    import sqlite3

    foreign = tmp_path / "other.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    before = db.read_bytes()
    for source in (foreign, text):
        refused(capsys, "restore", source, "--db", db, says="not a Clausemark library")
    assert db.read_bytes() == before
    assert tags(db) == [("OP1", "remittances", "")]


def test_terminal_escapes_are_not_printed_raw(capsys, db):
    with Library(db) as lib:
        tag = lib.tags.find("A/RES/78/217", "OP1", "remittances")
        lib.tags.set_note(tag.id, "look \x1b]0;owned\x07 \x1b[2J here \x9b31m")
        # a theme name from an older version that did not refuse control characters
        lib._store.execute("UPDATE themes SET name = 'child\x1b[31mren' WHERE name = 'children'")
    for argv in (["tags"], ["themes"], ["tags", "--json"], ["themes", "--json"],
                 ["search", "remittances"]):
        code, out, err = run(capsys, *argv, "--db", db)
        assert code == 0, err
        assert not any(ch in out for ch in "\x1b\x07\x9b"), (argv, out)
        if "--json" in argv:
            json.loads(out)
    code, out, _ = run(capsys, "tags", "--json", "--db", db)
    assert json.loads(out)[0]["note"] == "look \x1b]0;owned\x07 \x1b[2J here \x9b31m"


def test_escapes_in_error_messages_are_not_printed_raw(capsys, db):
    err = refused(capsys, "tag", "A/RES/78/217", "OP1", "no\x1b[2Jtheme", "--db", db)
    assert "\x1b" not in err


def test_theme_names_compare_with_unicode_case_folding(capsys, tmp_path):
    db = tmp_path / "t.clausemark"
    code, _, err = run(capsys, "themes", "add", "Détention", "--db", db)
    assert code == 0, err
    refused(capsys, "themes", "add", "DÉTENTION", "--db", db, says="already exists")
    refused(capsys, "themes", "add", "De\u0301tention", "--db", db, says="already exists")  # NFD
    code, _, err = run(capsys, "themes", "add", "Straße", "--db", db)
    assert code == 0, err
    refused(capsys, "themes", "add", "STRASSE", "--db", db, says="already exists")
    with Library(db) as lib:
        lib.add_resolution(sample_resolution(), fake_pdf())
        assert lib.themes.get("DÉTENTION").name == "Détention"
        assert lib.themes.get("de\u0301tention").name == "Détention"
        assert lib.themes.get("ｄétention").name == "Détention"  # fullwidth (NFKC)
    code, out, err = run(capsys, "tag", "A/RES/78/217", "OP1", "DÉTENTION", "--db", db)
    assert code == 0 and "Détention" in out, err
    code, _, err = run(capsys, "themes", "rename", "détention", "DÉTENTION", "--db", db)
    assert code == 0, err  # the same theme: only its spelling changes


def test_a_leading_not_in_search_is_an_error(capsys, db):
    refused(capsys, "search", "NOT children", "--db", db, says="NOT")
    refused(capsys, "search", "detention OR NOT custody", "--db", db, says="NOT")
    code, out, err = run(capsys, "search", "migrants NOT children", "--db", db)
    assert code == 0 and "OP 2 (a)" in out, err
