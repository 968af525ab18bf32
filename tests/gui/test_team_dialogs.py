"""File > Share tags... and File > Merge tags... as an analyst uses them: tick a theme, write the
share; pick the file, read the summary before anything is written, merge, undo in one step."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QListWidget

from clausemark.core.library.library import Library
from tests.core.team_helpers import make_library, paragraphs, tag_all
from tests.gui.conftest import import_and_wait, when_shown

pytestmark = [pytest.mark.corpus, pytest.mark.timeout(120)]
OLD = "A/RES/78/187"


def test_share_from_the_file_menu_writes_the_ticked_theme(qtbot, window, dev_dir, tmp_path):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_78_187-EN.pdf"])
    lib = window.library
    tag_all(lib, OLD, paragraphs(lib, OLD, 3), "detention")
    tag_all(lib, OLD, paragraphs(lib, OLD, 2), "children")
    out = tmp_path / "mine"

    def answer(dialog):
        themes = dialog.findChild(QListWidget, "shareThemes")
        item = next(themes.item(i) for i in range(themes.count())
                    if themes.item(i).text().strip() == "detention")
        item.setCheckState(Qt.CheckState.Checked)
        edit = dialog.findChild(QLineEdit, "shareFile")
        edit.clear()
        qtbot.keyClicks(edit, str(out))
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).findChild(
            type(dialog.share_button), "shareButton"), Qt.MouseButton.LeftButton)

    seen = when_shown("shareDialog", answer)
    window.share_action.trigger()
    assert seen
    from clausemark.core.team import read_share
    share = read_share(str(out) + ".clausemark-share")
    assert len(share.tags) == 3 and {t["paragraph"] for t in share.tags} == \
        set(paragraphs(lib, OLD, 3))


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
        dialog.selectFile(str(path))
        dialog.accept()

    def answer(dialog):
        button = dialog.findChild(type(dialog.merge_button), "mergeButton")
        qtbot.waitUntil(button.isEnabled, timeout=30000)
        summaries.append(dialog.findChild(QLabel, "mergeSummary").text())
        with Library(library_file) as fresh:  # nothing written before the analyst says Merge
            assert len(fresh.tags.list()) == before
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    when_shown("mergeFileDialog", pick_file)
    seen = when_shown("mergeDialog", answer)
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
    when_shown("mergeDialog", answer)
    merge_tags(window, str(bad))
    assert texts and "Nothing was merged" in texts[0]


def test_shared_tags_on_another_version_are_reviewed_in_the_app(qtbot, window, library_file,
                                                                dev_dir, tmp_path):
    import_and_wait(qtbot, window, [dev_dir / "mp_A_RES_80_190-EN.pdf"])
    from clausemark.core.team import build_share, merge_share, read_share, write_share
    amina = make_library(tmp_path / "amina.clausemark", dev_dir, "Amina",
                         files=("mp_A_RES_78_187-EN.pdf",))
    tag_all(amina, OLD, paragraphs(amina, OLD, 3), "children", note="Amina's")
    path = write_share(build_share(amina), tmp_path / "amina.clausemark-share")
    amina.close()
    assert merge_share(window.library, read_share(path)).counts["review"] == 3
    done = []

    def answer(dialog):
        from PySide6.QtWidgets import QPushButton
        items = dialog.findChild(QListWidget, "reviewList")
        assert items.count() == 3
        qtbot.mouseClick(dialog.findChild(QPushButton, "reviewAccept"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "reviewReject"), Qt.MouseButton.LeftButton)
        done.append(items.count())
        dialog.reject()

    when_shown("reviewDialog", answer)
    window.review_shared_action.trigger()
    assert done == [1]
    with Library(library_file) as fresh:
        tags = fresh.tags.list()
        assert len(tags) + len(fresh.team.reviews()) + len(fresh.team.reviews("rejected")) == 3
        assert all(t.author == "Amina" and t.symbol == "A/RES/80/190" for t in tags)
