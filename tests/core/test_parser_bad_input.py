"""Bad input: one line on stderr naming the file and the reason, non-zero exit, no traceback; for
`import`, also the library unchanged. Odd file names (spaces, unicode, leading dashes) work."""
import hashlib
import shutil
import sqlite3
import subprocess
import sys

import pymupdf
import pytest

from clausemark.core.errors import ParseError
from clausemark.core.parse.parser import parse_pdf


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def _text_pdf(path, text="Quarterly sales report\nRevenue grew by 4 per cent.", pages=1):
    doc = pymupdf.open()
    for i in range(pages):
        doc.new_page().insert_text((72, 300), f"{text}\nPage {i + 1}")
    doc.save(path, deflate=True)
    return path


@pytest.fixture
def bad_files(tmp_path, dev_dir):
    real = (dev_dir / "mp_A_RES_78_186-EN.pdf").read_bytes()
    files = {
        "empty": tmp_path / "empty.pdf",
        "not a PDF": tmp_path / "notes.pdf",
        "truncated": tmp_path / "truncated.pdf",
        "random": tmp_path / "random.pdf",
        "encrypted": tmp_path / "locked.pdf",
        "image-only": dev_dir / "unsu_A_RES_2758_XXVI_1971-RU.pdf",
        "not a resolution": _text_pdf(tmp_path / "sales report.pdf"),
        "very large": _text_pdf(tmp_path / "statistical yearbook.pdf", "Trade statistics",
                                pages=1000),
        "odd name": tmp_path / "-- résolution 委员会 (copy).pdf",
        "missing": tmp_path / "nowhere.pdf",
    }
    files["odd name"].write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)  # a header, then junk
    files["empty"].write_bytes(b"")
    files["not a PDF"].write_text("This is a text file renamed .pdf\n")
    files["truncated"].write_bytes(real[:2000])
    files["random"].write_bytes(bytes(range(256)) * 40)
    doc = pymupdf.open(dev_dir / "mp_A_RES_78_186-EN.pdf")
    doc.save(files["encrypted"], encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret",
             owner_pw="secret")
    return files


EXPECTED = {"empty": "empty", "not a PDF": "not a PDF", "random": "not a PDF",
            "encrypted": "encrypted", "image-only": "no text layer",
            "not a resolution": "not a UN resolution", "missing": "no such file",
            # refused as repaired, never imported as half a document
            "truncated": "damaged or incomplete",
            "very large": "not a UN resolution", "odd name": "not a readable PDF"}


def _says(kind: str, text: str) -> bool:
    expected = EXPECTED[kind] if isinstance(EXPECTED[kind], tuple) else (EXPECTED[kind],)
    return any(e in text for e in expected)


def test_parser_raises_parse_error_with_reason(bad_files):
    for kind, path in bad_files.items():
        with pytest.raises(ParseError) as info:
            parse_pdf(path)
        assert str(path) in str(info.value), kind
        assert _says(kind, info.value.reason), (kind, info.value.reason)


def test_cli_prints_one_line_per_bad_file_and_fails(bad_files):
    for kind, path in bad_files.items():
        out = run_cli("parse", path, "--json")
        assert out.returncode != 0, kind
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], (kind, out.stderr)
        assert "Traceback" not in out.stderr and out.stdout == ""


def test_cli_goes_on_after_a_bad_file(bad_files, dev_dir):
    good = dev_dir / "mp_A_RES_78_186-EN.pdf"
    out = run_cli("parse", bad_files["empty"], good, "--json")
    assert out.returncode == 1
    assert len(out.stdout.strip().splitlines()) == 1 and "A/RES/78/186" in out.stdout


def test_leading_dash_names_after_double_dash(bad_files, dev_dir, tmp_path):
    shutil.copy(dev_dir / "mp_A_RES_78_186-EN.pdf", tmp_path / "-draft resolution.pdf")
    out = subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", "parse", "--json", "--",
                          "-draft resolution.pdf", bad_files["odd name"].name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "A/RES/78/186" in out.stdout
    assert out.stderr.count("\n") == 1 and bad_files["odd name"].name in out.stderr, out.stderr


# -- import: the same files, and the library is left as it was ---------------------------------

def _content(path) -> str:
    """The library's logical content (file bytes may move with WAL checkpoints)."""
    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


@pytest.fixture
def library_file(tmp_path, dev_dir):
    path = tmp_path / "lib.clausemark"
    out = run_cli("import", dev_dir / "mp_A_RES_78_186-EN.pdf", "--db", path)
    assert out.returncode == 0, out.stderr
    out = run_cli("tag", "A/RES/78/186", "PP1", "children", "--db", path)
    assert out.returncode == 0, out.stderr
    return path


def test_import_of_each_bad_file_is_one_line_and_changes_nothing(bad_files, library_file):
    before = _content(library_file)
    for kind, path in bad_files.items():
        out = run_cli("import", path, "--db", library_file)
        assert out.returncode == 1, kind
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"clausemark: {path}: "), (kind, out.stderr)
        assert _says(kind, lines[0]) or kind == "missing", (kind, lines[0])
        assert "Traceback" not in out.stderr and "failed 1" in out.stdout
        assert _content(library_file) == before, kind


def test_import_of_a_batch_names_every_bad_file_and_keeps_the_good_one(bad_files, library_file,
                                                                      dev_dir, tmp_path):
    good = tmp_path / "ordentliche Resolution – Kopie.pdf"  # a good file with an odd name
    shutil.copy(dev_dir / "mp_A_RES_79_124-EN.pdf", good)
    out = run_cli("import", *bad_files.values(), good, "--db", library_file, "--workers", "2")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == len(bad_files) and "Traceback" not in out.stderr
    for path in bad_files.values():
        assert sum(line.startswith(f"clausemark: {path}: ") for line in lines) == 1, path
    with sqlite3.connect(library_file) as conn:
        names = {r[0] for r in conn.execute("SELECT filename FROM documents")}
    assert good.name in names and len(names) == 2
