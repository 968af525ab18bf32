"""Damaged files (issue 13, item 12): a real resolution cut short at several offsets is refused
with one line naming the file and saying it is damaged or incomplete, by `parse` and by
`import`, with a non-zero exit and the library unchanged; never half a document with exit 0.
Documents that are not resolutions or drafts are refused by name."""
import sqlite3
import subprocess
import sys

import pytest

from clausemark.core.errors import ParseError
from clausemark.core.library.library import Library
from clausemark.core.parse.parser import parse_pdf

SOURCES = ("mp_A_RES_78_187-EN.pdf", "aiun_A_HRC_59_L.17-EN.pdf", "gate_A_RES_73_8-EN.pdf")
FRACTIONS = (0.02, 0.25, 0.5, 0.75, 0.98, 0.999)  # of the file kept
DAMAGED = ("damaged", "incomplete")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def truncated(dev_dir, tmp_path):
    files = []
    for name in SOURCES:
        data = (dev_dir / name).read_bytes()
        for fraction in FRACTIONS:
            path = tmp_path / f"cut {fraction} {name}"
            path.write_bytes(data[:int(len(data) * fraction)])
            files.append(path)
    return files


@pytest.mark.corpus
@pytest.mark.timeout(120)
def test_parser_refuses_every_truncated_copy(truncated):
    for path in truncated:
        with pytest.raises(ParseError) as info:
            parse_pdf(path)
        assert str(path) in str(info.value)
        assert any(word in info.value.reason for word in DAMAGED), (path.name, info.value.reason)


@pytest.mark.corpus
@pytest.mark.timeout(300)
def test_cli_parse_refuses_with_one_line(truncated):
    for path in truncated[::2]:  # a fresh process each: every other cut keeps the test short
        out = _cli("parse", path, "--json")
        lines = out.stderr.strip().splitlines()
        assert out.returncode != 0 and out.stdout == "", path.name
        assert len(lines) == 1 and str(path) in lines[0], out.stderr
        assert any(word in lines[0] for word in DAMAGED) and "Traceback" not in out.stderr


def _library_state(db):
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
                conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0],
                conn.execute("SELECT group_concat(sha256) FROM documents").fetchone()[0])


@pytest.mark.corpus
@pytest.mark.timeout(300)
def test_cli_import_refuses_truncated_files_and_leaves_the_library_unchanged(
        truncated, dev_dir, tmp_path):
    db = tmp_path / "lib.clausemark"
    with Library(db) as lib:
        lib.add_resolution(parse_pdf(dev_dir / "mp_A_RES_78_186-EN.pdf"),
                           (dev_dir / "mp_A_RES_78_186-EN.pdf").read_bytes())
    before = _library_state(db)
    for path in truncated[1::2]:
        out = _cli("import", path, "--db", db)
        lines = out.stderr.strip().splitlines()
        assert out.returncode != 0, (path.name, out.stdout)
        assert len(lines) == 1 and path.name in lines[0], out.stderr
        assert any(word in lines[0] for word in DAMAGED) and "Traceback" not in out.stderr
        assert _library_state(db) == before


@pytest.mark.corpus
@pytest.mark.timeout(60)
def test_a_note_by_the_secretariat_is_refused_by_name(corpus_required):
    path = corpus_required / "more" / "A_C.5_80_L.1.pdf"
    with pytest.raises(ParseError) as info:
        parse_pdf(path)
    assert info.value.reason.startswith("a note, not a resolution")
