"""The Precedents panel and the citation web in the app, used as an analyst does: Ctrl+P on a
paragraph, a double-click on the oldest precedent, a typed phrase, the Cites / Cited by lists
(greyed when the library does not hold a document) and references as links in the paragraph
text. Two real versions of one resolution: A/RES/78/187 (2023) and A/RES/80/190 (2025), which
cites it."""
import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QListWidget, QTextBrowser

from clausemark.core.library import Library, import_all
from tests.conftest import CORPUS, need_corpus
from tests.gui.conftest import shown_window

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(120)]

OLD, NEW = "mp_A_RES_78_187-EN.pdf", "mp_A_RES_80_190-EN.pdf"
SHOTS = Path(os.environ.get("CLAUSEMARK_SHOTS") or tempfile.gettempdir()) / "clausemark-shots"


@pytest.fixture
def win(qtbot, tmp_path):
    dev = need_corpus(CORPUS / "dev")
    path = tmp_path / "lang.clausemark"
    with Library(path) as lib:
        assert len(import_all(lib, [dev / OLD, dev / NEW], workers=1).imported) == 2
    window = shown_window(qtbot, path)
    yield window
    window.close()


def open_paragraph(qtbot, window, symbol, paragraph):
    document_id = window.library.document_id(symbol)
    assert window.select_document(document_id)
    qtbot.waitUntil(lambda: window.document_id == document_id, timeout=5000)
    assert window.paragraphs.select_paragraph(paragraph)
    window.paragraph_tree.setFocus()


def shot(window, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / name))


def test_ctrl_p_shows_precedents_and_a_double_click_opens_the_oldest(qtbot, win):
    open_paragraph(qtbot, win, "A/RES/80/190", "PP13")
    panel = win.findChild(type(win.precedents_panel), "precedentsView")
    assert panel is not None and not panel.isVisible()
    qtbot.keyClick(win.paragraph_tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    results = panel.findChild(QListWidget, "precedentsList")
    qtbot.waitUntil(lambda: panel.isVisible() and results.count() == 2, timeout=5000)
    first = results.item(0)
    assert "A/RES/78/187, PP 14" in first.text() and "first agreed" in first.text()
    assert "this paragraph" in results.item(1).text()
    assert "first agreed in A/RES/78/187, PP 14" in panel.status.text()
    shot(win, "precedents-panel.png")
    # the analyst double-clicks the oldest: its document opens at that paragraph
    rect = results.visualItemRect(first)  # a real double-click: press, release, double-click
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    old_id = win.library.document_id("A/RES/78/187")
    qtbot.waitUntil(lambda: win.document_id == old_id, timeout=5000)
    assert win.paragraphs.selected_ids() == ["PP14"]
    # the panel follows the selection: now the 2023 paragraph is the query, and still first
    qtbot.waitUntil(lambda: "this paragraph" in results.item(0).text(), timeout=5000)


def test_a_typed_phrase_finds_both_sessions(qtbot, win):
    open_paragraph(qtbot, win, "A/RES/80/190", "PP4")
    qtbot.keyClick(win.paragraph_tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    panel = win.precedents_panel
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    phrase = panel.phrase
    text = " ".join(win.library.resolution("A/RES/80/190").find("PP4").text.split()[2:9])
    qtbot.keyClicks(phrase, text)
    qtbot.keyClick(phrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.results.count() >= 2, timeout=5000)
    texts = [panel.results.item(i).text() for i in range(panel.results.count())]
    assert "A/RES/78/187" in texts[0] and "first agreed" in texts[0]
    assert any("A/RES/80/190" in t for t in texts)


def test_cites_and_cited_by_open_documents_and_grey_the_missing(qtbot, win):
    open_paragraph(qtbot, win, "A/RES/80/190", "PP17")
    cites = win.findChild(QListWidget, "citesList")
    qtbot.waitUntil(lambda: cites.count() > 5, timeout=5000)
    items = [cites.item(i) for i in range(cites.count())]
    held = next(i for i in items if i.text().startswith("A/RES/78/187"))
    missing = next(i for i in items if i.text().startswith("A/RES/44/25"))
    grey = missing.foreground().color().name()
    assert grey == "#8a8a8a" and "not in the library" in missing.toolTip()
    assert held.foreground().color().name() != grey
    # the references in the paragraph's text are links
    links = win.findChild(QTextBrowser, "paragraphLinks")
    old_id = win.library.document_id("A/RES/78/187")
    assert f"doc:{old_id}" in links.toHtml()
    shot(win, "references-pane.png")
    # a click on a missing document says what to fetch; on a held one, opens it
    qtbot.mouseClick(cites.viewport(), Qt.MouseButton.LeftButton,
                     pos=cites.visualItemRect(missing).center())
    assert "A/RES/44/25 is not in the library" in win.statusBar().currentMessage()
    cites.scrollToItem(held)
    qtbot.mouseClick(cites.viewport(), Qt.MouseButton.LeftButton,
                     pos=cites.visualItemRect(held).center())
    qtbot.waitUntil(lambda: win.document_id == old_id, timeout=5000)
    cited_by = win.findChild(QListWidget, "citedByList")
    qtbot.waitUntil(lambda: cited_by.count() == 1, timeout=5000)
    assert cited_by.item(0).text().startswith("A/RES/80/190")
    # and back through the link in the newer text
    new_id = win.library.document_id("A/RES/80/190")
    qtbot.mouseClick(cited_by.viewport(), Qt.MouseButton.LeftButton,
                     pos=cited_by.visualItemRect(cited_by.item(0)).center())
    qtbot.waitUntil(lambda: win.document_id == new_id, timeout=5000)
    assert win.paragraphs.select_paragraph("PP17")
    qtbot.waitUntil(lambda: f"doc:{old_id}" in links.toHtml(), timeout=5000)
    links.anchorClicked.emit(QUrl(f"doc:{old_id}"))  # what a click on the link emits
    qtbot.waitUntil(lambda: win.document_id == old_id, timeout=5000)


def test_reports_dialog_offers_the_first_agreed_line(qtbot, tmp_path):
    from clausemark.gui.dialogs.reports_dialog import ReportsDialog
    dev = need_corpus(CORPUS / "dev")
    path = tmp_path / "r.clausemark"
    with Library(path) as lib:
        import_all(lib, [dev / OLD, dev / NEW], workers=1)
        lib.tags.add("A/RES/80/190", "PP13", "children")
    dialog = ReportsDialog(str(path))
    qtbot.addWidget(dialog)
    box = dialog.findChild(type(dialog.first_agreed_box), "firstAgreedBox")
    assert not dialog.selection().first_agreed
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert dialog.selection().first_agreed


def test_a_library_from_before_the_index_is_indexed_in_the_background(qtbot, tmp_path):
    dev = need_corpus(CORPUS / "dev")
    path = tmp_path / "old.clausemark"
    with Library(path) as lib:
        import_all(lib, [dev / OLD, dev / NEW], workers=1)
        for table in ("language_indexed", "language_signatures", "document_references"):
            lib.conn.execute(f"DELETE FROM {table}")  # as a library of the previous version
        assert lib.precedents.missing() == 2
    window = shown_window(qtbot, path)
    try:
        qtbot.waitUntil(lambda: window.library.precedents.missing() == 0, timeout=30000)
        open_paragraph(qtbot, window, "A/RES/80/190", "PP17")
        cites = window.findChild(QListWidget, "citesList")
        qtbot.waitUntil(lambda: cites.count() > 5, timeout=5000)
        qtbot.keyClick(window.paragraph_tree, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        results = window.precedents_panel.results
        qtbot.waitUntil(lambda: results.count() >= 2, timeout=5000)
    finally:
        window.close()


def test_words_selected_in_the_paragraph_text_are_looked_up(qtbot, win):
    open_paragraph(qtbot, win, "A/RES/80/190", "PP4")
    links = win.findChild(QTextBrowser, "paragraphLinks")
    qtbot.waitUntil(lambda: "PP 4" in links.toPlainText(), timeout=5000)
    words = win.library.resolution("A/RES/80/190").find("PP4").text.split()[1:8]
    # the analyst drags over some words of the paragraph's text, then presses Ctrl+P
    cursor = links.document().find(" ".join(words))
    assert not cursor.isNull()
    links.setTextCursor(cursor)
    links.setFocus()
    qtbot.keyClick(links, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    panel = win.precedents_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.results.count() >= 2, timeout=5000)
    assert panel.phrase.text() == " ".join(words)
    assert "first agreed" in panel.results.item(0).text()
