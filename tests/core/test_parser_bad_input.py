"""Bad input: one line on stderr naming the file and the reason, non-zero exit, no traceback."""
import subprocess
import sys

import pymupdf
import pytest

from core.errors import ParseError
from core.parser import parse_pdf


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "core.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def _text_pdf(path, text="Quarterly sales report\nRevenue grew by 4 per cent."):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 300), text)
    doc.save(path)
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
        "missing": tmp_path / "nowhere.pdf",
    }
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
            "truncated": ""}


def test_parser_raises_parse_error_with_reason(bad_files):
    for kind, path in bad_files.items():
        with pytest.raises(ParseError) as info:
            parse_pdf(path)
        assert str(path) in str(info.value), kind
        assert EXPECTED[kind] in info.value.reason, (kind, info.value.reason)


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
