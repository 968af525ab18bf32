"""`clausemark suggest` as a user types it: the JSON shape of the issue, a symbol or a file,
tags and rejections respected, one-line errors."""
import json
import shutil

import pytest

from clausemark.core.library.library import Library
from tests.core import test_cli_library
from tests.core.test_cli_library import run

db = test_cli_library.db  # the fixture: a library with one document


def test_json_has_exactly_the_shape_of_the_issue(capsys, db):
    code, out, _ = run(capsys, "suggest", "A/RES/78/217", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["symbol", "suggestions", "reasons"]
    assert data["symbol"] == "A/RES/78/217"
    assert data["suggestions"] == {"PP2": ["children", "detention"], "OP1": ["remittances"],
                                   "OP2(a)": ["detention", "consular rights"],
                                   "OP2(b)": ["children", "detention"]}
    assert list(data["reasons"]) == list(data["suggestions"])  # same ids, document order
    for pid, themes in data["suggestions"].items():
        assert list(data["reasons"][pid]) == themes
        assert all(reason.strip() for reason in data["reasons"][pid].values())
    assert "“remittances”" in data["reasons"]["OP1"]["remittances"]


def test_tags_and_rejections_are_respected(capsys, db):
    with Library(db) as lib:
        lib.tags.add("A/RES/78/217", "OP1", "remittances")
        lib.suggestions.reject("A/RES/78/217", "OP2(b)", "children")
    _, out, _ = run(capsys, "suggest", "A/RES/78/217", "--json", "--db", db)
    data = json.loads(out)
    assert "OP1" not in data["suggestions"]
    assert data["suggestions"]["OP2(b)"] == ["detention"]


def test_readable_output_names_paragraph_theme_and_reason(capsys, db):
    code, out, _ = run(capsys, "--db", db, "suggest", "1")
    assert code == 0
    assert any(line.startswith("OP1") and "remittances" in line and "—" in line
               for line in out.splitlines())


def test_a_pdf_file_is_read_directly_even_without_a_library(capsys, dev_dir, tmp_path):
    pdf = tmp_path / "res.pdf"
    shutil.copy(dev_dir / "mp_A_RES_79_217-EN.pdf", pdf)
    code, out, _ = run(capsys, "suggest", str(pdf), "--json", "--db",
                       str(tmp_path / "none.clausemark"))
    assert code == 0
    data = json.loads(out)
    assert data["symbol"] == "A/RES/79/217"
    assert data["suggestions"]["OP15(p)"] == ["remittances"]
    assert "OP15(g)" in data["reasons"] and "detention" in data["reasons"]["OP15(g)"]
    assert not (tmp_path / "none.clausemark").exists()  # nothing created


@pytest.mark.parametrize("argv, message", [
    (["suggest", "A/RES/1/1"], "no document A/RES/1/1"),
    (["suggest", "missing.pdf"], "no document missing.pdf"),
])
def test_bad_input_gives_one_line(capsys, db, argv, message):
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 1 and out == ""
    assert err.startswith("clausemark: ") and message in err and err.count("\n") == 1


def test_a_file_that_is_not_a_resolution_gives_one_line(capsys, db, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf")
    code, _, err = run(capsys, "suggest", str(bad), "--db", db)
    assert code == 1 and err.startswith("clausemark: ") and err.count("\n") == 1
