"""File > Share tags... and File > Merge tags... as an analyst uses them: tick a theme, write the
share; pick the file, read the summary before anything is written, merge, undo in one step."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QWidget,
)

from clausemark.core.library.library import Library
from tests.core.team_helpers import make_library, paragraphs, tag_all
from tests.gui.conftest import activate, answer_dialog, import_and_wait

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(120)]
OLD, NEW = "A/RES/78/187", "A/RES/80/190"


def test_share_from_the_file_menu_writes_the_ticked_theme(qtbot, window, dev_dir, tmp_path):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf"])
    lib = window.library
    tag_all(lib, OLD, paragraphs(lib, OLD, 3), "detention")
    tag_all(lib, OLD, paragraphs(lib, OLD, 2), "children")
    out = tmp_path / "mine"

    def answer(dialog):
        themes = dialog.findChild(QListWidget, "shareThemesList")
        item = next(themes.item(i) for i in range(themes.count())
                    if themes.item(i).text().strip() == "detention")
        item.setCheckState(Qt.CheckState.Checked)
        edit = dialog.findChild(QLineEdit, "shareFile")
        edit.clear()
        qtbot.keyClicks(edit, str(out))
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).findChild(
            type(dialog.share_button), "shareButton"), Qt.MouseButton.LeftButton)

    seen = answer_dialog("shareDialog", answer)
    window.share_action.trigger()
    assert seen
    from clausemark.core.team import read_share
    share = read_share(str(out) + ".clausemark-share")
    assert len(share.tags) == 3 and {t["paragraph"] for t in share.tags} == \
        set(paragraphs(lib, OLD, 3))


def test_share_to_a_folder_says_why_and_keeps_the_dialog_open(qtbot, window, dev_dir, tmp_path):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf"])
    tag_all(window.library, OLD, paragraphs(window.library, OLD, 1), "detention")
    folder = tmp_path / "taken.clausemark-share"
    folder.mkdir()
    messages = []

    def answer(dialog):
        edit = dialog.findChild(QLineEdit, "shareFile")
        edit.clear()
        qtbot.keyClicks(edit, str(folder))
        qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
        label = dialog.findChild(QLabel, "shareMessage")
        qtbot.waitUntil(lambda: "folder" in label.text(), timeout=20000)
        messages.append(label.text())
        assert dialog.isVisible() and dialog.share_button.isEnabled()
        dialog.reject()

    seen = answer_dialog("shareDialog", answer)
    window.share_action.trigger()
    assert seen and messages and "is a folder" in messages[0]
    assert folder.is_dir() and not any(folder.iterdir())


def test_merge_shows_the_summary_first_and_is_one_undo_step(qtbot, window, library_file,
                                                            dev_dir, tmp_path):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf"])
    tag_all(window.library, OLD, paragraphs(window.library, OLD, 2), "detention", note="mine")
    from clausemark.core.team import build_share, write_share
    amina = make_library(tmp_path / "amina.clausemark", dev_dir, "Amina")
    tag_all(amina, OLD, paragraphs(amina, OLD, 5), "detention", note="Amina's")
    path = write_share(build_share(amina), tmp_path / "amina.clausemark-share")
    amina.close()
    before = len(window.library.tags.list())
    summaries = []

    def pick_file(dialog: QFileDialog):
        # The user types the file's path in the name field and presses Open.
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()

    def answer(dialog):
        button = dialog.findChild(type(dialog.merge_button), "mergeButton")
        qtbot.waitUntil(button.isEnabled, timeout=30000)
        summaries.append(dialog.findChild(QLabel, "mergeSummary").text())
        with Library(library_file) as fresh:  # nothing written before the analyst says Merge
            assert len(fresh.tags.list()) == before
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    answer_dialog("mergeFileDialog", pick_file)
    seen = answer_dialog("mergeDialog", answer)
    window.merge_action.trigger()
    assert seen and summaries
    assert "5 tags from Amina: 3 new, 2 already here, 0 need review" in summaries[0]
    with Library(library_file) as fresh:
        tags = fresh.tags.list()
        assert len(tags) == 5 and {t.author for t in tags} >= {"Amina"}
        assert sum("Amina's" in t.note for t in tags) == 5
    assert window.undo_stack.undo_text == "merge amina.clausemark-share"
    window.undo_action.trigger()
    with Library(library_file) as fresh:
        assert len(fresh.tags.list()) == before
        assert all(t.note == "mine" for t in fresh.tags.list())


def test_a_truncated_share_is_refused_in_the_dialog(qtbot, window, tmp_path):
    bad = tmp_path / "cut.clausemark-share"
    bad.write_bytes(b"PK\x03\x04 cut short")
    texts = []

    def answer(dialog):
        label = dialog.findChild(QLabel, "mergeSummary")
        qtbot.waitUntil(lambda: "not a complete" in label.text(), timeout=30000)
        texts.append(label.text())
        assert not dialog.merge_button.isEnabled()
        dialog.reject()

    from clausemark.gui.window.team_menu import merge_tags
    answer_dialog("mergeDialog", answer)
    merge_tags(window, str(bad))
    assert texts and "Nothing was merged" in texts[0]


def _new_tags(path):
    with Library(path) as fresh:
        return sorted((t.paragraph, t.author, t.note) for t in fresh.tags.list(document=NEW))


def test_shared_tags_on_another_version_are_reviewed_as_tags_are_carried_forward(
        qtbot, window, library_file, dev_dir, tmp_path):
    """The review dialog is the carry-forward queue: accept all unchanged, accept with a note,
    reject, the two texts side by side with the changed words marked; Ctrl+Z undoes each
    decision in the dialog, and the main window's Undo after it is closed."""
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_80_190-EN.pdf"])
    from clausemark.core.team import build_share, merge_share, read_share, write_share
    amina = make_library(tmp_path / "amina.clausemark", dev_dir, "Amina",
                         files=("mp_A_RES_78_187-EN.pdf",))
    tag_all(amina, OLD, paragraphs(amina, OLD, 12), "children", note="Amina's")
    path = write_share(build_share(amina), tmp_path / "amina.clausemark-share")
    amina.close()
    assert merge_share(window.library, read_share(path)).counts["review"] == 12
    seen: dict = {}

    def answer(dialog):
        from PySide6.QtWidgets import QPushButton, QTextBrowser
        panel = dialog.findChild(QWidget, "carryForwardPanel")
        summary = panel.findChild(QLabel, "carryForwardSummary").text()
        assert "12 shared tags from Amina" in summary and "12 to review" in summary
        same = panel.findChild(QPushButton, "acceptSameButton")
        seen["same_text"] = same.text()
        qtbot.mouseClick(same, Qt.MouseButton.LeftButton)
        seen["after_same"] = _new_tags(library_file)
        assert not same.isEnabled()
        # the first edited paragraph is selected: both texts, the changed words marked
        proposals = panel.findChild(QListWidget, "proposalList")
        first = proposals.currentItem().text()
        assert "to review" in first and "A/RES/80/190" in first and "(Amina)" in first
        old_html = dialog.findChild(QTextBrowser, "reviewOldText").toHtml()
        new_html = dialog.findChild(QTextBrowser, "reviewNewText").toHtml()
        seen["marked"] = ("line-through" in old_html) or ("underline" in new_html)
        seen["titles"] = [w.text() for w in dialog.findChildren(QLabel)
                          if w.text().startswith(("<b>Their version", "<b>Here"))]
        note = panel.findChild(QLineEdit, "proposalNote")
        note.clear()
        qtbot.keyClicks(note, "checked in 2025")
        qtbot.mouseClick(panel.findChild(QPushButton, "acceptProposalButton"),
                         Qt.MouseButton.LeftButton)
        seen["after_accept"] = _new_tags(library_file)
        qtbot.mouseClick(panel.findChild(QPushButton, "rejectProposalButton"),
                         Qt.MouseButton.LeftButton)
        with Library(library_file) as fresh:
            seen["rejected"] = len(fresh.team.reviews("rejected"))
        # Ctrl+Z in the dialog: the rejection, then the accepted note, are taken back
        activate(qtbot, dialog)  # as the analyst's click in it makes it
        qtbot.keyClick(proposals, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        with Library(library_file) as fresh:
            seen["rejected_after_undo"] = len(fresh.team.reviews("rejected"))
        qtbot.keyClick(proposals, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        seen["after_two_undos"] = _new_tags(library_file)
        seen["summary"] = panel.findChild(QLabel, "carryForwardSummary").text()
        dialog.reject()

    answer_dialog("reviewDialog", answer)
    window.review_shared_action.trigger()
    n = len(seen["after_same"])
    assert n and seen["same_text"] == f"Accept all unchanged ({n})"
    assert all(author == "Amina" and note == "Amina's" for _, author, note in seen["after_same"])
    assert seen["marked"] and len(seen["titles"]) == 2
    assert len(seen["after_accept"]) == n + 1
    assert any(note == "checked in 2025" for _, _, note in seen["after_accept"])
    assert (seen["rejected"], seen["rejected_after_undo"]) == (1, 0)
    assert seen["after_two_undos"] == seen["after_same"]
    assert f"{12 - n} to review, {n} accepted, 0 rejected" in seen["summary"]
    # closed: the main window's Undo takes back the accept-all step
    assert window.undo_stack.undo_text == f"accept {n} unchanged shared tags"
    window.undo_action.trigger()
    assert _new_tags(library_file) == []
    with Library(library_file) as fresh:
        assert len(fresh.team.reviews()) == 12
        assert [h.action for h in fresh.history(limit=1)] == ["review_reopen"]


def test_the_comparison_of_a_version_leads_to_the_shared_tags_that_landed_on_it(
        qtbot, window, dev_dir, tmp_path):
    """Amina tagged her corrected print of the 2025 version; here the analyst compares 2023 with
    2025 and is pointed to Amina's tags waiting on 2025, reviews them, and undoes in the
    comparison window."""
    import copy

    from clausemark.core.team import build_share, merge_share, read_share, write_share
    from clausemark.gui.compare.compare_view import open_compare_window
    from tests.core.team_helpers import parsed
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf",
                                    dev_dir / "mp_A_RES_80_190-EN.pdf"])
    res, pdf = parsed(dev_dir / "mp_A_RES_80_190-EN.pdf")
    corrected = copy.deepcopy(res)
    corrected.paragraphs[0].text += " (corrected)"
    with Library(tmp_path / "amina.clausemark", author="Amina") as amina:
        amina.add_resolution(corrected, pdf + b"\n% corrected print")
        tag_all(amina, NEW, paragraphs(amina, NEW, 4), "detention", note="Amina's")
        path = write_share(build_share(amina), tmp_path / "amina.clausemark-share")
    lib = window.library
    assert merge_share(lib, read_share(path)).counts["review"] == 4
    compare = open_compare_window(None, NEW, OLD, window, library=lib,
                                  undo_stack=window.undo_stack)
    qtbot.waitExposed(compare)
    from PySide6.QtWidgets import QPushButton
    button = compare.findChild(QPushButton, "sharedReviewButton")
    assert button.isVisible() and button.text().startswith("4 shared tags from Amina")
    titles = []

    def answer(dialog):
        titles.append(dialog.windowTitle())
        qtbot.mouseClick(dialog.findChild(QPushButton, "acceptSameButton"),
                         Qt.MouseButton.LeftButton)
        dialog.reject()

    answer_dialog("reviewDialog", answer)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert titles == [f"Review shared tags on {NEW}"]
    accepted = [t for t in lib.tags.list(document=NEW) if t.author == "Amina"]
    assert len(accepted) == 3  # the first paragraph was corrected: it still waits
    assert button.text().startswith("1 shared tag from Amina waits")
    compare.activateWindow()
    qtbot.waitUntil(compare.isActiveWindow, timeout=5000)
    qtbot.keyClick(compare.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [t for t in lib.tags.list(document=NEW) if t.author == "Amina"] == []
    assert button.text().startswith("4 shared tags from Amina")
    compare.close()
