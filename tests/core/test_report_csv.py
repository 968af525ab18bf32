"""CSV reports read back with the csv module: BOM, rows, citations, matrices, the injection guard,
progress and cancel."""
from __future__ import annotations

import csv
import re

import pytest

from clausemark.core.output import ReportCancelled
from clausemark.core.reports.csv_report import TAG_COLUMNS, neutralise, write_csv
from clausemark.core.reports.select import Selection, select
from tests.core import report_helpers

lib = report_helpers.lib  # the fixture: the tagged library, open


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_tags_csv_has_bom_header_and_one_row_per_tag(lib, tmp_path):
    out = write_csv(select(lib, Selection(documents=("A/RES/78/217",))), tmp_path / "tags.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf\"symbol\"")
    rows = _read(out)
    assert rows[0] == TAG_COLUMNS
    by_key = {(r[3], r[7]): dict(zip(TAG_COLUMNS, r)) for r in rows[1:]}
    assert len(rows) == 1 + 5
    sub = by_key[("OP2(a)", "consular rights")]
    assert sub["citation"] == "A/RES/78/217, OP 2 (a)"
    assert sub["title"] == "Protection of migrants" and sub["adopted"] == "2023-12-19"
    assert sub["kind"] == "subparagraph"
    assert sub["text"] == "To ensure consular access for detained migrants"
    assert sub["note"] == "Compare with 77/1.\nAsk legal."  # a line break inside a cell
    assert sub["author"] == "M. Haddad"
    # ISO date and time with a space: what Excel, LibreOffice and Sheets read as a date
    assert re.fullmatch(r"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d", sub["tagged"])
    pp = by_key[("PP2", "child detention")]
    assert pp["citation"] == "A/RES/78/217, PP 2" and pp["opening"] == "Deeply concerned"
    assert by_key[("OP1", "remittances")]["excerpt"] == "lower the cost of remittances"
    # excerpt is always the tagged words: the whole text when the tag covers it all
    assert by_key[("OP2(b)", "detention")]["excerpt"] == "To end the immigration detention of children"


def test_accents_survive_the_round_trip(lib, tmp_path):
    tag = lib.tags.find("A/RES/79/300", "PP1", "children")
    lib.tags.set_note(tag.id, "Résolution « droits de l'enfant » — ½")
    rows = _read(write_csv(select(lib, Selection(documents=("A/RES/79/300",))),
                           tmp_path / "a.csv"))
    assert "Résolution « droits de l'enfant » — ½" in [r[9] for r in rows]


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3",
                                  "@SUM(A1:A9)", "\tcmd", "\r=1"])
def test_formula_cells_are_neutralised(lib, tmp_path, note):
    tag = lib.tags.find("A/RES/79/300", "OP1", "remittances")
    lib.tags.set_note(tag.id, note)
    rows = _read(write_csv(select(lib, Selection(documents=("A/RES/79/300",))),
                           tmp_path / "evil.csv"))
    notes = [r[TAG_COLUMNS.index("note")] for r in rows[1:]]
    assert "'" + note in notes
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r"))
                   for row in rows for cell in row)


def test_guard_leaves_ordinary_cells_and_numbers_alone():
    assert neutralise("Calls upon all States") == "Calls upon all States"
    assert neutralise("a=b") == "a=b"
    assert neutralise(-3) == -3  # counts stay numbers
    assert neutralise(None) == ""


def test_a_theme_named_like_a_formula_is_neutralised_in_matrices(lib, tmp_path):
    lib.themes.add("=cmd|' /C calc'!A0")
    lib.tags.add("A/RES/79/300", "OP2", "=cmd|' /C calc'!A0")
    data = select(lib, Selection())
    for matrix in ("counts", "cooccurrence"):
        rows = _read(write_csv(data, tmp_path / f"{matrix}.csv", matrix))
        cells = [c for row in rows for c in row]
        assert "'=cmd|' /C calc'!A0" in cells
        assert not any(c.startswith("=") for c in cells)


def test_counts_matrix_themes_by_documents(lib, tmp_path):
    rows = _read(write_csv(select(lib, Selection()), tmp_path / "counts.csv", "counts"))
    assert rows[0] == ["theme", "A/C.3/80/L.52", "A/RES/78/217", "A/RES/79/300", "total"]
    table = {r[0]: [int(v) for v in r[1:]] for r in rows[1:]}
    assert table["children"] == [0, 1, 1, 2]
    assert table["detention"] == [1, 1, 0, 2]
    assert table["child detention"] == [0, 1, 0, 1]
    assert table["remittances"] == [0, 1, 1, 2]
    assert table["consular rights"] == [0, 1, 0, 1]
    assert table["total"] == [1, 5, 2, 8]
    assert list(table) == ["children", "detention", "child detention", "remittances",
                           "consular rights", "total"]


def test_cooccurrence_matrix_counts_paragraphs_with_both_themes(lib, tmp_path):
    lib.tags.add("A/RES/79/300", "PP1", "detention")  # a second paragraph with both themes
    rows = _read(write_csv(select(lib, Selection()), tmp_path / "co.csv", "cooccurrence"))
    names = rows[0][1:]
    m = {r[0]: dict(zip(names, map(int, r[1:]))) for r in rows[1:]}
    assert m["children"]["detention"] == m["detention"]["children"] == 2
    assert m["children"]["children"] == 2 and m["detention"]["detention"] == 3
    assert m["remittances"]["children"] == 0
    assert m["consular rights"]["consular rights"] == 1


def test_progress_reaches_the_total(lib, tmp_path):
    seen = []
    write_csv(select(lib, Selection()), tmp_path / "p.csv",
              progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)


def test_cancel_leaves_no_file_and_keeps_the_old_one(lib, tmp_path):
    out = tmp_path / "old.csv"
    out.write_text("previous report", encoding="utf-8")
    with pytest.raises(ReportCancelled, match="no file was written"):
        write_csv(select(lib, Selection()), out, cancelled=lambda: True)
    assert out.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []
