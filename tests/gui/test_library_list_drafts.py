"""The library list shows what each document is: a Type column, and in the date column the
adoption date, or for a draft the date it was distributed (issue 13, item 11)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from clausemark.core.library.importer import import_all
from clausemark.core.library.library import Library
from clausemark.gui.models.library_model import LibraryModel
from clausemark.gui.panels.library_panel import LibraryPanel
from clausemark.gui.window.document_session import DocumentSession
from tests.gui.conftest import visible_rows


@pytest.mark.corpus
@pytest.mark.timeout(120)
def test_library_list_shows_type_and_draft_distribution_date(qtbot, qtmodeltester, tmp_path,
                                                              dev_dir):
    with Library(tmp_path / "l.clausemark") as lib:
        import_all(lib, [dev_dir / "aiun_A_HRC_59_L.17-EN.pdf",
                         dev_dir / "aiun_A_HRC_RES_59_25-EN.pdf",
                         dev_dir / "mp_A_C.3_80_L.61-EN.pdf"], workers=1)
        session = DocumentSession(lib)
        panel = LibraryPanel(lib, session)
        qtbot.addWidget(panel)
        model = panel.model
        qtmodeltester.check(model)
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert headers[LibraryModel.TYPE] == "Type" and headers[LibraryModel.DATE] == "Date"

        def row(symbol):
            r = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == symbol)
            return {h: model.index(r, c).data() for c, h in enumerate(headers)}, r

        draft, r = row("A/HRC/59/L.17")
        assert (draft["Type"], draft["Date"]) == ("draft resolution", "2025-07-02")
        tip = model.index(r, LibraryModel.DATE).data(Qt.ItemDataRole.ToolTipRole)
        assert tip == "Distributed 2025-07-02 (draft)"
        adopted, _ = row("A/HRC/RES/59/25")
        assert (adopted["Type"], adopted["Date"]) == ("resolution", "2025-07-08")
        amendment, r = row("A/C.3/80/L.61")
        assert (amendment["Type"], amendment["Date"]) == ("amendment", "2025-11-14")
        assert model.index(r, LibraryModel.TYPE).data(Qt.ItemDataRole.ToolTipRole) == \
            "Third Committee"
        # Newest first by that date: the amendment (14 November) before the others.
        assert visible_rows(panel.view)[0] == "A/C.3/80/L.61"
        session.stop()
