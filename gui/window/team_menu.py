"""File > Share tags..., Merge tags... and Review shared tags...: team work (the dialogs live in
gui/dialogs/share_dialog.py, merge_dialog.py and review_dialog.py)."""
from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from clausemark.core.team import SHARE_SUFFIX
from clausemark.gui.dialogs.merge_dialog import MergeDialog
from clausemark.gui.dialogs.review_dialog import ReviewDialog
from clausemark.gui.dialogs.share_dialog import ShareDialog


def add_actions(window, menu) -> None:
    window.share_action = QAction("&Share tags…", window)
    window.share_action.setToolTip("Write your tags to a file for another analyst")
    window.share_action.triggered.connect(lambda: share_tags(window))
    window.merge_action = QAction("&Merge tags…", window)
    window.merge_action.setToolTip("Add another analyst's shared tags to this library")
    window.merge_action.triggered.connect(lambda: choose_merge(window))
    window.review_shared_action = QAction("&Review shared tags…", window)
    window.review_shared_action.setToolTip("Accept or reject shared tags that landed on another "
                                           "version here, as tags are carried forward")
    window.review_shared_action.triggered.connect(lambda: review_shared(window))
    menu.addActions([window.share_action, window.merge_action, window.review_shared_action])


def review_shared(window) -> ReviewDialog:
    dialog = ReviewDialog(window.library, window.undo_stack, window)
    dialog.exec()
    return dialog


def share_tags(window) -> None:
    dialog = ShareDialog(window.library, window)
    if dialog.exec() and dialog.written:
        path, share = dialog.written
        window.statusBar().showMessage(f"Shared {len(share.tags)} tags to {path}", 8000)


def choose_merge(window) -> None:
    dialog = QFileDialog(window, "Merge tags from a share file")
    dialog.setObjectName("mergeFileDialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters([f"Clausemark share (*{SHARE_SUFFIX})", "All files (*)"])
    if dialog.exec() and dialog.selectedFiles():
        merge_tags(window, dialog.selectedFiles()[0])


def merge_tags(window, path: str) -> MergeDialog:
    dialog = MergeDialog(window.library, window.undo_stack, path, window)
    if dialog.exec() and dialog.merged is not None:
        result = dialog.merged.result
        hint = " — File > Review shared tags… to decide" if result.counts.get("review") else ""
        window.statusBar().showMessage(f"Merged: {result.line}{hint}", 8000)
    return dialog
