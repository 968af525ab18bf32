"""Every Qt model is a thin, well-behaved adapter: checked with qtmodeltester."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.core.parse.parser import parse_pdf
from clausemark.gui.models.library_model import LibraryModel
from clausemark.gui.models.paragraph_model import ParagraphModel
from clausemark.gui.models.theme_model import ThemeModel
from tests.conftest import CORPUS


def _filled_library(path, dev_dir):
    lib = Library(path)
    import_all(lib, [dev_dir / "gate_A_RES_73_3-EN.pdf", dev_dir / "aiun_A_RES_78_323-EN.pdf"],
               workers=1)
    return lib


def test_library_model(qtmodeltester, tmp_path, dev_dir):
    with _filled_library(tmp_path / "m.clausemark", dev_dir) as lib:
        model = LibraryModel(lib)
        qtmodeltester.check(model)
        assert model.rowCount() == 2
        symbols = {model.index(r, 0).data() for r in range(2)}
        assert "A/RES/73/3" in symbols
        doc = lib.documents()[0]
        lib.tags.add(doc.id, lib.resolution(doc.id).paragraphs[0].children[0].id
                     if lib.resolution(doc.id).paragraphs[0].children else
                     lib.resolution(doc.id).paragraphs[0].id, 1)
        model.refresh()
        qtmodeltester.check(model)
        row = model.row_of(doc.id)
        assert model.index(row, 3).data() == 1


def test_theme_model(qtmodeltester, tmp_path):
    with Library(tmp_path / "t.clausemark") as lib:
        model = ThemeModel(lib)
        qtmodeltester.check(model)
        assert model.rowCount() == len(lib.themes.list(include_retired=False)) > 0
        first = model.themes()[0]
        assert model.theme_for_shortcut(1) == first
        assert model.index(0).data(Qt.ItemDataRole.DecorationRole).name().lower() == \
            first.colour.lower()


def test_paragraph_model(qtmodeltester, tmp_path, dev_dir):
    with _filled_library(tmp_path / "p.clausemark", dev_dir) as lib:
        resolution = lib.resolution("A/RES/73/3")
        model = ParagraphModel()
        qtmodeltester.check(model)  # empty
        model.set_resolution(resolution)
        qtmodeltester.check(model)
        ids = [p.id for p in resolution.walk()]
        seen = []
        pending = [model.index(r, 0) for r in range(model.rowCount())]
        while pending:
            index = pending.pop(0)
            seen.append(index.data(Qt.ItemDataRole.UserRole))
            # every column answers the paragraph id
            assert index.siblingAtColumn(2).data(Qt.ItemDataRole.UserRole) == seen[-1]
            pending.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
        assert sorted(seen) == sorted(ids)
        some = next(p for p in resolution.walk() if p.id.startswith("OP"))
        assert model.index_of(some.id).data(Qt.ItemDataRole.UserRole) == some.id
        model.set_tags({some.id: [("Detention", "#aa0000")]})
        chip = model.index_of(some.id).siblingAtColumn(ParagraphModel.THEMES)
        assert chip.data() == "Detention"
        assert not chip.data(Qt.ItemDataRole.DecorationRole).isNull()
        qtmodeltester.check(model)


def test_library_sort_proxy(qtmodeltester, tmp_path, dev_dir):
    from clausemark.gui.panels.library_panel import LibrarySortProxy
    with _filled_library(tmp_path / "p.clausemark", dev_dir) as lib:
        model = LibraryModel(lib)
        proxy = LibrarySortProxy()
        proxy.setSourceModel(model)
        proxy.sort(0, Qt.SortOrder.AscendingOrder)
        qtmodeltester.check(proxy)
        # Natural order: 73/3 before 78/323 even though "3" > "323" is false as text anyway;
        # sort descending by tags (numbers) and filter by title words.
        assert [proxy.index(r, 0).data() for r in range(2)] == ["A/RES/73/3", "A/RES/78/323"]
        proxy.setFilterFixedString("tuberculosis")
        qtmodeltester.check(proxy)
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["A/RES/73/3"]


def test_paragraph_model_shows_sections_and_tables(qtmodeltester, tmp_path):
    """A resolution in parts A, B, C with appropriation tables (A/C.5/80/L.6), stored and read
    back: section rows in bold with their heading, tables by their first cells."""
    pdf = CORPUS / "more" / "A_C.5_80_L.6.pdf"
    if not pdf.is_file():
        pytest.skip(f"needs the real UN corpus at {pdf.parent}")
    with Library(tmp_path / "s.clausemark") as lib:
        doc_id, _ = lib.add_resolution(parse_pdf(pdf), pdf.read_bytes(), filename=pdf.name)
        resolution = lib.resolution(doc_id)
    model = ParagraphModel()
    model.set_resolution(resolution)
    qtmodeltester.check(model)
    section_b = model.index_of("B")
    assert section_b.data() == "Section B"
    assert section_b.siblingAtColumn(ParagraphModel.TEXT).data() == "Income estimates for 2026"
    assert section_b.data(Qt.ItemDataRole.FontRole).bold()
    op1 = model.index_of("B.OP1")
    assert op1.data() == "OP 1" and op1.parent() == section_b
    table = model.index_of("B.OP1.T2")
    assert table.parent() == op1
    assert table.siblingAtColumn(ParagraphModel.TEXT).data().startswith(
        "Income section | Amount (United States dollars) | 1. Income from staff assessment")
    assert "Total | 312 115 000" in table.siblingAtColumn(ParagraphModel.TEXT).data(
        Qt.ItemDataRole.ToolTipRole)
