"""`clausemark compare` and `clausemark predecessors` on the command line."""
from __future__ import annotations

import json

import docx
import pytest

from clausemark.core.cli.main import main
from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from tests.core.library_helpers import fake_pdf, sample_resolution

OLD, NEW = "aiun_A_HRC_59_L.17-EN.pdf", "aiun_A_HRC_RES_59_25-EN.pdf"


@pytest.mark.corpus
def test_compare_two_pdfs_json(dev_dir, capsys):
    assert main(["compare", str(dev_dir / OLD), str(dev_dir / NEW), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"pairs", "dropped", "dropped_tags"}
    assert data["pairs"][0] == {"new": "PP1", "old": "PP1", "status": "same", "score": 1.0,
                                "typography": False}
    assert {"new": "OP7", "old": None, "status": "new", "score": 0.0,
            "typography": False} in data["pairs"]
    assert data["dropped_tags"] == []  # two PDF files: no tags
    changed = [p for p in data["pairs"] if p["status"] == "changed"]
    assert [(p["new"], p["old"]) for p in changed] == [("PP40", "PP40"), ("OP11", "OP10")]
    assert all(0 < p["score"] < 1 for p in changed)
    assert data["dropped"] == []


@pytest.mark.corpus
def test_compare_symbols_summary_and_brief(dev_dir, tmp_path, capsys):
    db = tmp_path / "c.clausemark"
    with Library(db) as lib:
        import_all(lib, [dev_dir / OLD, dev_dir / NEW], workers=1)
    assert main(["compare", "A/HRC/59/L.17", "A/HRC/RES/59/25", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("A/HRC/59/L.17 -> A/HRC/RES/59/25: 83 paragraphs: 80 same, "
                          "2 changed, 0 moved, 1 new; 0 dropped")
    assert "+ OP 7" in out and "~ OP 11  <- OP 10" in out

    brief = tmp_path / "brief.docx"
    assert main(["compare", "A/HRC/59/L.17", str(dev_dir / NEW), "--db", str(db),
                 "--format", "docx", "--out", str(brief)]) == 0
    document = docx.Document(str(brief))
    runs = [r for p in document.paragraphs for r in p.runs]
    struck = [r.text for r in runs if r.font.strike]
    underlined = [r.text for r in runs if r.font.underline]
    assert "health-care" in struck and "healthcare" in underlined   # OP 11 (was OP 10)
    assert "and" in struck                                          # PP 40
    texts = [p.text for p in document.paragraphs]
    assert "OP 11 (was OP 10) · edited" in texts and "New (1)" in texts


def test_compare_bad_input_is_one_line(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "missing.pdf"), "X", "--db",
                 str(tmp_path / "none.clausemark")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("clausemark: ") and "missing.pdf: no such file" in err
    assert err.count("\n") == 1
    assert main(["compare", "A", "B", "--format", "docx"]) == 1
    assert "needs --out" in capsys.readouterr().err
    db = tmp_path / "l.clausemark"
    with Library(db) as lib:
        lib.add_resolution(sample_resolution(), fake_pdf())
    assert main(["compare", "A/RES/1/1", "A/RES/78/217", "--db", str(db)]) == 1
    assert "no document A/RES/1/1" in capsys.readouterr().err


def test_predecessors_command(tmp_path, capsys):
    db = tmp_path / "p.clausemark"
    with Library(db) as lib:
        lib.add_resolution(sample_resolution("A/RES/78/217", "2023-12-19"), fake_pdf("a"))
        lib.add_resolution(sample_resolution("A/RES/80/217", "2025-12-15", extra=" now"),
                           fake_pdf("b"))
    assert main(["predecessors", "A/RES/80/217", "--db", str(db), "--json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)
    assert found["symbol"] == "A/RES/78/217" and found["title_similarity"] == 1.0
    assert main(["predecessors", "A/RES/78/217", "--db", str(db)]) == 0
    assert "no earlier version of A/RES/78/217" in capsys.readouterr().out
