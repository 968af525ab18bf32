"""Damaged library: the recovery dialog offers the last good backup and restores it when asked.
A library open in another Clausemark: this window is read-only and says so. The smoke run."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from clausemark.core.library import backups
from clausemark.core.library.first_start import seed_new_library
from clausemark.core.library.library import Library
from clausemark.gui.app import build_main_window, open_window
from clausemark.gui.dialogs.recovery_dialog import RecoveryDialog
from tests.core.test_backups import damage, tag_notes, tagged_library
from tests.gui.conftest import answer_dialogs

ROOT = Path(__file__).resolve().parents[2]


def answer_boxes(answers: list, seen: list) -> None:
    """Answer the next message boxes in turn, noting what each one said and offered."""
    def noted(answer):
        def note_and_answer(box):
            seen.append((type(box).__name__, box.windowTitle(), box.text(), box.informativeText(),
                         [b.text() for b in box.buttons()]))
            answer(box)
        return note_and_answer
    answer_dialogs(QMessageBox, [noted(answer) for answer in answers])


def click(text: str):
    return lambda box: next(b for b in box.buttons() if b.text() == text).click()


def test_damaged_library_is_restored_from_the_dialog(qtbot, tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark")
    Library(path).close()  # makes the backup
    [good] = backups.list_backups(path)
    damage(path)
    seen: list = []
    answer_boxes([click("Restore backup"), lambda box: box.accept()], seen)
    window = open_window(path)
    assert window is not None
    qtbot.addWidget(window)
    recovery, restored = seen
    assert recovery[0] == "RecoveryDialog" and "damaged" in recovery[2]
    assert recovery[4][:2] == ["Restore backup", "Quit"] and "last good backup" in recovery[3]
    assert "restored" in restored[1] and good.path.name in restored[2]
    assert window.library_model.rowCount() == 1
    assert {t.note for t in window.library.tags.list()} == {"note OP1", "note OP2", "note OP3"}
    assert list(tmp_path.glob("lib.clausemark.damaged-*"))
    window.close()


def test_without_a_backup_the_dialog_only_quits_and_leaves_the_file(qtbot, tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark", paragraphs=3000)
    damage(path)
    before = path.read_bytes()
    seen: list = []
    answer_boxes([click("Quit")], seen)
    # check on open is what the app does: the damage is found before the window is built
    assert open_window(path) is None
    assert "Restore backup" not in seen[0][4] and "Quit" in seen[0][4] and "no backup" in seen[0][3]
    assert path.read_bytes() == before


def test_recovery_dialog_shows_the_full_message_in_its_details(qtbot, tmp_path):
    path = tagged_library(tmp_path / "lib.clausemark")
    Library(path).close()
    damage(path)
    try:
        Library(path, check=True)
    except Exception as exc:
        dialog = RecoveryDialog(exc)
    qtbot.addWidget(dialog)
    assert "clausemark restore" in dialog.detailedText()
    assert dialog.restore_button is not None and dialog.defaultButton() is dialog.restore_button


def test_second_window_on_an_open_library_is_read_only_and_says_so(qtbot, tmp_path):
    path = tmp_path / "lib.clausemark"
    with Library(path) as lib:
        seed_new_library(lib)  # the real sample resolutions
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom clausemark.core.library.library import Library\n"
         "lib = Library.open_for_app(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(60)",
         str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        window = build_main_window(path)
        qtbot.addWidget(window)
        window.show()
        assert window.windowTitle().endswith("(read-only)")
        notice = window.findChild(QLabel, "readOnlyNotice")
        assert notice is not None and notice.isVisible()
        assert "another Clausemark window" in notice.text()
        window.library_view.selectRow(0)
        window.paragraphs.select_paragraph("OP1")
        # Nothing that writes is offered; a key still explains why it does nothing.
        assert not window.import_action.isEnabled()
        assert not any(a.isEnabled() for a in window.tag_actions.theme_actions)
        seen: list = []
        answer_boxes([lambda box: box.accept()], seen)
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier, "2")
        QApplication.sendEvent(window.paragraph_tree, key)
        qtbot.waitUntil(lambda: bool(seen))
        assert "read-only" in seen[0][2]
        assert tag_notes(path) == {}
        window.close()
    finally:
        holder.kill()
        holder.wait()


def test_smoke_run_opens_a_sample_tags_it_and_exits_0(tmp_path):
    """The hidden --smoke-test run, as the packaged app's test uses it (in its own process: it
    runs the app's event loop to the end)."""
    path = tmp_path / "smoke.clausemark"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", "import sys; from clausemark.gui.launcher import main; "
                          "sys.exit(main())", "--db", str(path), "--smoke-test"],
                         env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    assert "smoke: window shown" in out.stdout and "smoke: opened A/RES/" in out.stdout
    with Library(path) as lib:
        [tag] = lib.tags.list()
        first_theme = next(t.name for t in lib.themes.list() if t.shortcut == 1)
    assert tag.citation in out.stdout and tag.theme == first_theme
