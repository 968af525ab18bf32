"""Act as an analyst searching like an analyst: "detained children" finds the detention of
children (word families), and the results go to a report through the reports dialog."""
from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QPushButton

from clausemark.gui.panels.search_panel import HitRole
from tests.gui.conftest import activate, answer_dialog, import_and_wait

FILES = ("mp_A_RES_79_217-EN.pdf", "mp_A_RES_79_172-EN.pdf")


def _search(qtbot, window, text):
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.search_panel.box
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    results = window.findChild(QListWidget, "searchResults")
    return [results.item(i).data(HitRole) for i in range(results.count())], results


def test_word_families_and_stop_words_in_the_results(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / f for f in FILES])
    lib = window.library
    hits, results = _search(qtbot, window, "detained children")
    # neither says "detained": "child detention" and "detention for children"
    assert (lib.document_id("A/RES/79/217"), "OP15(g)") in hits
    assert (lib.document_id("A/RES/79/172"), "OP29") in hits
    shown = [results.item(i).text().replace('"', "'") for i in range(results.count())]
    assert any(">detention</b>" in s for s in shown) and any(">children</b>" in s for s in shown)
    _, results = _search(qtbot, window, "rights of the child")
    shown = [results.item(i).text() for i in range(results.count())]
    assert shown and not any(">of</b>" in s or ">the</b>" in s for s in shown)
    assert any(">child</b>" in s for s in shown)


def test_export_the_results_through_the_reports_dialog(qtbot, window, dev_dir, tmp_path):
    import_and_wait(qtbot, window, [dev_dir / f for f in FILES])
    lib = window.library
    hits, results = _search(qtbot, window, "detained children")
    assert hits and results.count() == len(hits)
    button = window.findChild(QPushButton, "searchReportButton") or \
        window.search_panel.report_button
    assert button.isEnabled()
    out = tmp_path / "found.csv"
    seen: dict = {}

    def answer(dialog):
        seen["title"] = dialog.windowTitle()
        seen["label"] = dialog.findChild(QLabel, "searchReportLabel").text()
        seen["lists shown"] = any(g.isVisible() for g in dialog.findChildren(QGroupBox))
        combo = dialog.findChild(QComboBox, "formatChoice")
        combo.setFocus()
        for key in [Qt.Key.Key_Home] + [Qt.Key.Key_Down] * combo.count():
            if combo.currentData() == "csv":
                break
            qtbot.keyClick(combo, key)
        path = dialog.findChild(QLineEdit, "outputPath")
        path.clear()
        qtbot.keyClicks(path, str(out))
        qtbot.waitUntil(lambda: not dialog.is_previewing(), timeout=10000)
        seen["preview"] = dialog.findChild(QLabel, "previewLabel").text()
        qtbot.mouseClick(dialog.findChild(QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_exporting(), timeout=20000)
        dialog.reject()

    dialogs = answer_dialog("reportsDialog", answer)
    results.setFocus()
    qtbot.keyClick(results, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    # The paragraphs are found on a worker; then the dialog opens and is answered.
    qtbot.waitUntil(lambda: len(dialogs) == 1 and "preview" in seen
                    and not window.search_panel.report_dialog.isVisible(), timeout=30000)
    assert seen["title"] == "Search report" and not seen["lists shown"]
    assert f"The {len(hits)} paragraphs found by the search “detained children”" in seen["label"]
    assert seen["preview"].startswith(f"{len(hits)} paragraphs")
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    written = {(lib.document_id(r["symbol"]), r["paragraph_id"]) for r in rows}
    assert len(rows) == len(hits) and written == set(hits)  # exactly the hits, once each


def test_typing_turns_the_report_off_until_the_new_results_show(qtbot, window, dev_dir):
    import_and_wait(qtbot, window, [dev_dir / f for f in FILES])
    hits, _ = _search(qtbot, window, "detention")
    action = window.search_panel.report_action
    assert hits and action.isEnabled()
    qtbot.keyClicks(window.search_panel.box, " children")
    assert not action.isEnabled()  # Ctrl+Shift+R now would not report what is on screen
    qtbot.waitUntil(action.isEnabled, timeout=5000)  # the new search has run
