"""The Excel workbook read back with openpyxl: a tags sheet with real dates, a frozen header,
filters, widths and citations; a sheet per matrix with the CSV's numbers; and no cell that Excel
would run as a formula."""
from __future__ import annotations

import csv
import datetime as dt
import zipfile

import openpyxl
import pytest

from clausemark.core.output import ReportCancelled
from clausemark.core.reports.csv_report import TAG_COLUMNS, write_csv
from clausemark.core.reports.select import Selection, select
from clausemark.core.reports.xlsx_report import write_xlsx
from tests.core import report_helpers

lib = report_helpers.lib  # the fixture: the tagged library, open

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def book(lib, tmp_path):
    return openpyxl.load_workbook(write_xlsx(select(lib, Selection()), tmp_path / "t.xlsx"))


def test_sheets_and_the_tags_header(book):
    assert book.sheetnames == ["Tags", "Counts", "Co-occurrence", "About"]
    ws = book["Tags"]
    assert [c.value for c in ws[1]] == TAG_COLUMNS
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(TAG_COLUMNS))
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"
    assert ws.max_row == 1 + 8  # one row per tag
    assert ws.column_dimensions["I"].width >= 60  # the text column
    assert ws.column_dimensions["E"].width >= 20  # citations


def test_dates_are_date_cells_and_citations_are_there(book):
    ws = book["Tags"]
    rows = [dict(zip(TAG_COLUMNS, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]
    pp2 = next(r for r in rows if r["paragraph_id"] == "PP2")
    assert pp2["adopted"] == dt.datetime(2023, 12, 19)
    adopted = [c for c in ws["C"][1:] if c.value is not None]
    assert adopted and all(c.is_date and c.number_format == "yyyy-mm-dd" for c in adopted)
    assert isinstance(pp2["tagged"], dt.datetime)
    assert abs((pp2["tagged"] - dt.datetime.now(dt.UTC).replace(tzinfo=None)).total_seconds()) < 600
    assert pp2["citation"] == "A/RES/78/217, PP 2"
    draft = next(r for r in rows if r["symbol"] == "A/C.3/80/L.52")
    assert draft["adopted"] is None
    span = next(r for r in rows if r["paragraph_id"] == "OP1" and r["symbol"] == "A/RES/78/217")
    assert span["excerpt"] == "lower the cost of remittances"
    whole = next(r for r in rows if r["paragraph_id"] == "PP2")
    assert whole["excerpt"] == whole["text"]


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3",
                                  "@SUM(A1:A9)", "=cmd|' /C calc'!A0"])
def test_formula_injection_is_impossible(lib, tmp_path, note):
    tag = lib.tags.find("A/RES/79/300", "OP1", "remittances")
    lib.tags.set_note(tag.id, note)
    lib.themes.add("=2+3")
    lib.tags.add("A/RES/79/300", "OP2", "=2+3")
    path = write_xlsx(select(lib, Selection()), tmp_path / "evil.xlsx")
    book = openpyxl.load_workbook(path)
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert note in [c.value for c in cells]  # the text itself, no apostrophe
    assert "=2+3" in [c.value for c in cells]
    assert not any(c.data_type == "f" for c in cells)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_matrix_sheets_hold_the_csv_matrices(lib, tmp_path):
    data = select(lib, Selection())
    book = openpyxl.load_workbook(write_xlsx(data, tmp_path / "m.xlsx"))
    for sheet, matrix in (("Counts", "counts"), ("Co-occurrence", "cooccurrence")):
        with open(write_csv(data, tmp_path / f"{matrix}.csv", matrix), encoding="utf-8-sig") as f:
            expected = [[r[0]] + [int(v) for v in r[1:]] for r in list(csv.reader(f))[1:]]
        ws = book[sheet]
        got = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
        assert got == expected
        assert all(isinstance(v, int) for row in got for v in row[1:])
        assert ws.freeze_panes == "B2"
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["Included"] == "7 clauses from 3 documents (8 tags)"


def test_cancel_leaves_no_file(lib, tmp_path):
    with pytest.raises(ReportCancelled):
        write_xlsx(select(lib, Selection()), tmp_path / "c.xlsx", cancelled=lambda: True)
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob(".*.part"))
