"""`clausemark report` as a user types it: files written, exit status, one-line errors."""
from __future__ import annotations

import csv
import subprocess
import sys

import docx
import openpyxl
import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from tests.core.report_helpers import tagged_library


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "lib.clausemark"
    tagged_library(path).close()
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_with_repeated_and_listed_themes_and_symbols(capsys, db, tmp_path):
    out = tmp_path / "tags.csv"
    code, stdout, err = run(capsys, "report", "--db", db, "--format", "csv", "--theme",
                            "children", "remittances", "--theme", "consular rights",
                            "--symbol", "A/RES/78/217", "--out", str(out))
    assert (code, err) == (0, "")
    assert "wrote" in stdout and "3 tags; 3 clauses from 1 document)" in stdout
    rows = _csv(out)
    assert [(r["citation"], r["theme"]) for r in rows] == [
        ("A/RES/78/217, OP 1", "remittances"), ("A/RES/78/217, OP 2 (a)", "consular rights"),
        ("A/RES/78/217, OP 2 (b)", "children")]


def test_format_from_the_file_name_and_dates(capsys, db, tmp_path):
    out = tmp_path / "brief.docx"
    code, stdout, _ = run(capsys, "--db", db, "report", "--since", "2024", "--out", str(out))
    assert code == 0
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs if p.style.name.startswith("Clause"))
    assert "A/RES/79/300, PP 1" in text and "A/RES/78/217" not in text
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == \
        ["Summary", "Overview", "Children", "Remittances"]


def test_matrix_csv(capsys, db, tmp_path):
    out = tmp_path / "m.csv"
    code, stdout, _ = run(capsys, "report", "--db", db, "--format", "csv", "--matrix",
                          "cooccurrence", "--out", str(out))
    assert code == 0 and "cooccurrence matrix" in stdout
    rows = _csv(out)
    detention = next(r for r in rows if r["theme"] == "detention")
    assert detention["children"] == "1" and detention["detention"] == "2"


@pytest.mark.parametrize("argv, message", [
    (["--theme", "consular rights", "--since", "2024"], "no tagged clause matches this selection"),
    (["--since", "2024-02-30"], "not a date: '2024-02-30'"),
    (["--theme", "migration"], "no theme 'migration'"),
    (["--symbol", "A/RES/1/1"], "no document A/RES/1/1"),
    (["--format", "csv", "--matrix", "counts", "--matrix", "cooccurrence"],
     "a CSV holds one table"),
])
def test_bad_requests_give_one_line_and_exit_1_and_no_file(capsys, db, tmp_path, argv, message):
    out = tmp_path / "r.csv"
    code, stdout, err = run(capsys, "report", "--db", db, *argv, "--out", str(out))
    assert code == 1 and stdout == ""
    assert err.startswith("clausemark: ") and message in err and err.count("\n") == 1
    assert not out.exists()


def test_word_brief_with_matrices_and_excel_workbook(capsys, db, tmp_path):
    out = tmp_path / "m.docx"
    code, stdout, err = run(capsys, "report", "--db", db, "--format", "docx", "--matrix",
                            "counts", "--matrix", "cooccurrence", "--out", str(out))
    assert (code, err) == (0, "") and "counts, cooccurrence matrices" in stdout
    doc = docx.Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-3:] == ["Matrices", "Counts: clauses per theme and document",
                             "Co-occurrence: clauses carrying two themes"]
    xlsx = tmp_path / "t.xlsx"
    code, stdout, err = run(capsys, "report", "--db", db, "--out", str(xlsx))
    assert (code, err) == (0, "") and "8 tags" in stdout
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Tags", "Counts", "Co-occurrence", "About"]


def test_unknown_format_missing_folder_and_missing_library(capsys, db, tmp_path):
    code, _, err = run(capsys, "report", "--db", db, "--out", str(tmp_path / "r.txt"))
    assert code == 1 and "--format csv, docx or xlsx" in err
    code, _, err = run(capsys, "report", "--db", db, "--out", str(tmp_path / "no" / "r.csv"))
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, "report", "--db", str(tmp_path / "none.clausemark"),
                       "--out", str(tmp_path / "r.csv"))
    assert code == 1 and "no such library" in err
    assert not (tmp_path / "none.clausemark").exists()


def test_a_bad_format_choice_is_a_usage_error(capsys, db, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["report", "--db", db, "--format", "pdf", "--out", str(tmp_path / "r.pdf")])
    assert exc.value.code == 2


def test_real_resolution_end_to_end_as_a_process(dev_dir, tmp_path):
    """A real PDF imported, tagged and reported through the installed command line."""
    path = tmp_path / "real.clausemark"
    with Library(path, author="analyst") as lib:
        import_all(lib, [dev_dir / "gate_A_RES_73_3-EN.pdf"], workers=1)
        res = lib.resolution("A/RES/73/3")
        op = next(p for p in res.walk() if p.kind == "operative" and p.opening)
        lib.tags.add("A/RES/73/3", op.id, "children", note="=1+1")
    out = tmp_path / "real.docx"
    done = subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", "report", "--db", str(path),
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    doc = docx.Document(str(out))
    quote = next(p for p in doc.paragraphs if p.style.name == "Clause Text")
    assert quote.text == op.text
    assert quote.runs[0].italic and quote.runs[0].text == op.opening
    cite = next(p.text for p in doc.paragraphs if p.style.name == "Clause Citation")
    assert cite.startswith(f"A/RES/73/3, {op.label}   ")
    assert f"p. {op.pages[0]}" in cite
    csv_out = tmp_path / "real.csv"
    done = subprocess.run([sys.executable, "-m", "clausemark.core.cli.main", "report", "--db", str(path),
                           "--out", str(csv_out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _csv(csv_out)[0]["note"] == "'=1+1"
