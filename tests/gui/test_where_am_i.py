"""Where am I: a document opens at its first page and first paragraph, or where the analyst left
it; a filtered tree shows a banner (kept, visibly, on the next document); narrowing the library
to one document opens it; an import leaves the open document open and offers the new ones."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QToolButton

from tests.gui.conftest import import_and_wait, shown_window

FIRST, SECOND, THIRD = "gate_A_RES_73_3-EN.pdf", "mp_A_RES_78_187-EN.pdf", "gate_A_RES_73_6-EN.pdf"


def _open(window, symbol):
    doc = next(d for d in window.library.documents() if d.symbol == symbol)
    assert window.select_document(doc.id)
    return doc


def test_a_document_opens_at_its_start_or_where_it_was_left(qtbot, window, dev_dir,
                                                             library_file):
    import_and_wait(qtbot, window, [dev_dir / FIRST, dev_dir / SECOND])
    long_doc = _open(window, "A/RES/78/187")
    first = next(window.paragraph_model.resolution().walk())
    assert window.session.selected_ids() == [first.id]  # the first paragraph, selected
    bar = window.pdf_view.verticalScrollBar()
    assert bar.value() <= bar.minimum() + window.pdf_view.height()  # on the first page
    # The analyst reads far down, then opens the short resolution: it starts at its top,
    # not at the long one's scroll offset.
    late = [p for p in window.paragraph_model.resolution().walk() if p.boxes][-1]
    window.paragraphs.select_paragraph(late.id)
    assert bar.value() > bar.maximum() // 2
    _open(window, "A/RES/73/3")
    assert bar.value() == bar.minimum()
    assert window.session.selected_ids() == [next(window.paragraph_model.resolution().walk()).id]
    # Back to the long one: where the analyst left it.
    _open(window, "A/RES/78/187")
    assert window.session.selected_ids() == [late.id]
    window.close()
    # ... also after closing the app and opening it again.
    again = shown_window(qtbot, library_file)
    assert again.select_document(long_doc.id)
    assert again.session.selected_ids() == [late.id]
    again.close()


def test_a_filtered_tree_shows_a_banner_kept_on_the_next_document(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / FIRST, dev_dir / THIRD])
    banner = window.findChild(QPushButton, "filterShowAll").parentWidget()
    assert not banner.isVisible()
    _open(window, "A/RES/73/3")
    combo = window.findChild(QComboBox, "treeFilter")
    combo.setCurrentIndex(combo.findData("untagged"))
    assert banner.isVisible()
    total = sum(1 for _ in window.paragraph_model.resolution().walk())
    assert f"showing {total} of {total} paragraphs, untagged" in banner.label.text()
    _open(window, "A/RES/73/6")  # the filter is kept, and the banner says so
    assert banner.isVisible() and "untagged" in banner.label.text()
    qtbot.mouseClick(banner.show_all, Qt.MouseButton.LeftButton)
    assert not banner.isVisible() and combo.currentData() is None


def test_filtering_the_library_to_one_document_opens_it(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / FIRST, dev_dir / SECOND, dev_dir / THIRD])
    _open(window, "A/RES/73/3")
    box = window.findChild(QLineEdit, "libraryFilter")
    box.setFocus()
    qtbot.keyClicks(box, "73/")  # two documents match: nothing changes
    qtbot.wait(600)
    assert window.library.document(window.document_id).symbol == "A/RES/73/3"
    qtbot.keyClicks(box, "6")  # one match: it opens
    qtbot.waitUntil(lambda: window.library.document(window.document_id).symbol == "A/RES/73/6",
                    timeout=5000)
    box.clear()
    qtbot.keyClicks(box, "78")
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter opens the first listed at once
    assert window.library.document(window.document_id).symbol == "A/RES/78/187"


def test_an_import_keeps_the_open_document_and_offers_the_new_ones(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / FIRST])
    reading = window.document_id
    assert reading is not None  # nothing was open: the import opened it
    import_and_wait(qtbot, window, [dev_dir / SECOND, dev_dir / THIRD])
    assert window.document_id == reading  # still reading the same resolution
    offer = window.findChild(QToolButton, "openImportedButton")
    assert offer.isVisible() and offer.text().startswith("Open A/RES/")
    assert "(+1 new)" in offer.text()
    assert [a.text() for a in offer.menu().actions()] == [
        n for _, n in window.import_offer.documents()]
    # A click on the button's text (its arrow, on the right, would open the menu instead).
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton, pos=QPoint(6, offer.height() // 2))
    first_new = window.import_offer.documents()[0][0]
    assert window.document_id == first_new
    qtbot.mouseClick(window.findChild(QToolButton, "dismissImportOffer"),
                     Qt.MouseButton.LeftButton)
    assert not offer.isVisible()
